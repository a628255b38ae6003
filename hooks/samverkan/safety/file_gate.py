"""What may be published from disk: regular files inside the repository, nothing else.

MkDocs walks `docs_dir` following symbolic links and copies what it finds
(mkdocs#4028), so a committed link to a system file would put that file on
the site. Every content folder is walked here without following links: a
link (to a file or a folder), a device, a pipe or a socket is refused with
its path, and so is a file whose name holds an identity number (the name is
in the page's address). Git is asked too, for links committed where the
checkout made plain files of them (core.symlinks=false). At the MkDocs edge,
`through_link` keeps any file that got past this out of the site all the same.
"""

from __future__ import annotations

import os
import stat
import subprocess
from pathlib import Path

from samverkan.safety.privacy import check_file_name
from samverkan.problems import Problem

_LINK = (
    "symboliska länkar kan inte publiceras: länken pekar på en fil utanför innehållet, "
    "och webbplatsen skulle visa den filen"
)
_LINK_INSTEAD = "lägg själva filen i mappen i stället för en länk till den"


def filesystem_problems(root: Path, folders: tuple[str, ...]) -> list[Problem]:
    problems: list[Problem] = []
    for folder in folders:
        base = root / folder
        if base.is_symlink():
            problems.append(Problem(folder, None, None, _LINK, folder, _LINK_INSTEAD, withhold=True))
            continue
        if not base.is_dir():
            continue
        for current, folder_names, file_names in os.walk(base, followlinks=False):
            for name in sorted(folder_names + file_names):
                path = os.path.join(current, name)
                rel = Path(path).relative_to(root).as_posix()
                mode = os.lstat(path).st_mode
                if stat.S_ISLNK(mode):
                    problems.append(Problem(rel, None, None, _LINK, f"{rel} → {os.readlink(path)}"[:120],
                                            _LINK_INSTEAD, withhold=True))
                elif not (stat.S_ISREG(mode) or stat.S_ISDIR(mode)):
                    problems.append(Problem(rel, None, None, "filen är ingen vanlig fil (en enhet, ett rör eller "
                                            "en sockel) och kan inte publiceras", name, "en vanlig fil",
                                            withhold=True))
                else:
                    problems.extend(check_file_name(rel))
    problems.extend(committed_links(root, folders))
    return problems


def committed_links(root: Path, folders: tuple[str, ...]) -> list[Problem]:
    """Links in git's index (mode 120000), whatever the checkout made of them."""
    try:
        listed = subprocess.run(["git", "-C", str(root), "ls-files", "-s", "-z", "--", *folders],
                                capture_output=True, timeout=60)
    except (OSError, subprocess.SubprocessError):
        return []
    if listed.returncode != 0:  # not a git checkout: the walk above is all there is
        return []
    problems = []
    for entry in listed.stdout.split(b"\0"):
        if entry.startswith(b"120000 "):
            rel = entry.split(b"\t", 1)[1].decode("utf-8", "replace")
            if not (root / rel).is_symlink():  # reported by the walk already
                problems.append(Problem(rel, None, None, _LINK + " (länken är incheckad i git)", rel,
                                        _LINK_INSTEAD, withhold=True))
    return problems


def through_link(path: str | None, folder: str) -> bool:
    """Whether a file below `folder` is reached through a link (the folder's
    own place on disk aside) or is no regular file. Files elsewhere (the
    theme's) are not judged here."""
    if path is None:
        return False
    relative = os.path.relpath(os.path.abspath(path), os.path.abspath(folder))
    if relative == os.pardir or relative.startswith(os.pardir + os.sep):
        return False
    real = os.path.realpath(path)
    return real != os.path.join(os.path.realpath(folder), relative) or not os.path.isfile(real)

"""What the web editor's local backend may read and write in a clone.

Whatever reaches that backend (a page on another site in the same browser,
another program on the machine) must not be able to change how the site is
built: never `.git/`, `hooks/`, `.github/`, `.ci/`, the Makefile or
`mkdocs.yml`, never through a symbolic link, and only files of the kinds
editors publish. The answer is a reason in Swedish, or None.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path, PurePosixPath

from samverkan.safety.attachments import FILE_TYPES, MAX_BYTES

# Where editors' files live (the same as the privacy guard reads).
CONTENT_FOLDERS = ("docs", "minnesanteckningar", "kalender", "verktygslada")
# In docs/: the site's own files, reviewed by its maintainers.
SITE_FOLDERS = ("docs/stylesheets", "docs/javascripts", "docs/utveckling")
TEXT_SUFFIXES = (".md", ".yml", ".yaml")
WRITABLE_SUFFIXES = frozenset(TEXT_SUFFIXES) | frozenset(FILE_TYPES)
MAX_FILE_BYTES = MAX_BYTES
# A request carries files base64-encoded (4/3 of their size) in JSON.
MAX_REQUEST_BYTES = MAX_FILE_BYTES * 3 // 2 + 64 * 1024


def refused_path(root: Path, rel: str, *, writing: bool) -> str | None:
    """Why `rel` may not be read (or written), or None."""
    if not isinstance(rel, str) or not rel or "\x00" in rel or "\\" in rel:
        return "ogiltig sökväg"
    path = PurePosixPath(rel)
    if path.is_absolute() or any(part in ("", ".", "..") for part in rel.split("/")):
        return "sökvägen måste ligga i webbplatsens mapp"
    if any(part.startswith(".") for part in path.parts):
        return "dolda filer och mappar kan inte ändras härifrån"
    if path.parts[0] not in CONTENT_FOLDERS:
        return f"redigeringsverktyget ändrar bara filer i {', '.join(CONTENT_FOLDERS)}"
    if any(rel == folder or rel.startswith(folder + "/") for folder in SITE_FOLDERS):
        return "webbplatsens egna filer ändras av den som förvaltar webbplatsen"
    if writing and len(path.parts) > 1 and path.suffix.lower() not in WRITABLE_SUFFIXES:
        return f"filtypen {path.suffix or '(ingen)'} kan inte sparas härifrån"
    # No link anywhere on the way, and what is there is a plain file or folder.
    current = root
    for index, part in enumerate(path.parts):
        current = current / part
        try:
            info = os.lstat(current)
        except FileNotFoundError:
            return None
        except OSError:
            return "filen går inte att läsa"
        if stat.S_ISLNK(info.st_mode):
            return "sökvägen går genom en symbolisk länk"
        last = index == len(path.parts) - 1
        if not last and not stat.S_ISDIR(info.st_mode):
            return "sökvägen går genom något som inte är en mapp"
        if last and not (stat.S_ISREG(info.st_mode) or (stat.S_ISDIR(info.st_mode) and not writing)):
            return "det som finns där är ingen vanlig fil"
    return None

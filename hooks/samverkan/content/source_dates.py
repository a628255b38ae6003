""""Senast uppdaterad": when each editor's file last changed, from git.

One `git log` for the whole site, not one per page. Files git does not know
(a fresh export without history, or a file not yet committed) use their own
modification time.
"""

from __future__ import annotations

import subprocess
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from samverkan.memo import memo

_STOCKHOLM = ZoneInfo("Europe/Stockholm")


def _git(root: Path, *args: str) -> str:
    try:
        result = subprocess.run(["git", "-C", str(root), *args], capture_output=True, text=True, timeout=120)
    except (OSError, subprocess.SubprocessError):
        return ""
    return result.stdout if result.returncode == 0 else ""


def last_changed(root: Path, folders: tuple[str, ...]) -> dict[str, date]:
    # The history is fixed by the commit checked out: a preview rebuild
    # reads it again only after a commit (ten years of it take a while).
    head = _git(root, "rev-parse", "HEAD")
    if not head:
        return {}
    return _LAST_CHANGED.get((str(root), head, folders), lambda: _from_log(root, folders))


_LAST_CHANGED = memo()


def _from_log(root: Path, folders: tuple[str, ...]) -> dict[str, date]:
    dates: dict[str, date] = {}
    log = _git(root, "log", "--format=%x1e%ct", "--name-only", "--relative", "--", *folders)
    for record in log.split("\x1e")[1:]:  # newest first: the first mention is the last change
        stamp, _, names = record.partition("\n")
        day = datetime.fromtimestamp(int(stamp), tz=_STOCKHOLM).date()
        for name in names.split("\n"):
            if name and name not in dates:
                dates[name] = day
    return dates


def date_of(root: Path, rel: str, known: dict[str, date]) -> date | None:
    if rel in known:
        return known[rel]
    path = root / rel
    try:
        return datetime.fromtimestamp(path.stat().st_mtime, tz=_STOCKHOLM).date()
    except OSError:
        return None

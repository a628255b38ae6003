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

_STOCKHOLM = ZoneInfo("Europe/Stockholm")


def last_changed(root: Path, folders: tuple[str, ...]) -> dict[str, date]:
    dates: dict[str, date] = {}
    try:
        result = subprocess.run(
            ["git", "-C", str(root), "log", "--format=%x1e%ct", "--name-only", "--relative", "--", *folders],
            capture_output=True,
            text=True,
            timeout=120,
        )
        log = result.stdout if result.returncode == 0 else ""
    except (OSError, subprocess.SubprocessError):
        log = ""
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

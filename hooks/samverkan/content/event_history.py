"""SEQUENCE and LAST-MODIFIED of each event, from the repository's own history.

Subscribers' clients take an event with a higher SEQUENCE as an update of the
one they have. A rebuild of the same commit must give the same bytes, so
nothing here may depend on the time of the build: an event's SEQUENCE is the
number of committed versions in which what it shows changed, and its
LAST-MODIFIED is the commit time of its latest change. Without history (a
fresh export) the file's own time stands in, or SOURCE_DATE_EPOCH when set.
"""

from __future__ import annotations

import subprocess
from datetime import datetime, timezone
from pathlib import Path
from typing import Callable

from samverkan.memo import memo

_VERSIONS = memo()


class EventHistory:
    """One per build: caches each calendar file's committed versions."""

    def __init__(
        self,
        root: Path,
        fingerprints: Callable[[str, str], dict[str, str]],
        source_date_epoch: int | None = None,
    ) -> None:
        self.root = root
        self._fingerprints = fingerprints
        self._epoch = source_date_epoch
        self._versions: dict[str, list[tuple[int, dict[str, str]]]] = {}
        self._prefix: str | None | bool = False  # False: not asked git yet
        self._head: str | None | bool = False

    def identity(self, rel: str, written: str, explicit: bool, day: str, file_slug: str, current: dict) -> str:
        """The id an event is known by: as written, unless an `id` was given
        to a meeting that had none, in which case it keeps the id it had
        (file + date), so subscribers' calendars update it rather than add it.

        `current` is the file as it is now ({id: (fingerprint, explicit, day)}),
        the last version of the history that matters for a preview."""
        if not explicit:
            return written
        versions = [fingerprints for _, fingerprints in self._committed(rel)] + [current]
        for before, after in zip(versions, versions[1:]):
            if written in before or written not in after:
                continue
            # The version where this id first appears: did a meeting without
            # id on its date go away at the same time?
            derived = f"{file_slug}-{after[written][2]}"
            if derived in before and not before[derived][1] and derived not in after:
                return derived
            return written
        return written

    def stamp(self, rel: str, path: Path, event_id: str, current: str, written: str | None = None) -> tuple[int, datetime]:
        sequence, changed_at, previous = -1, None, None
        for commit_time, fingerprints in self._committed(rel):
            # Under the id it has now, or (before an `id` was given) the one it had.
            found = fingerprints.get(written) if written else None
            found = found or fingerprints.get(event_id)
            fingerprint = found[0] if found else None
            if fingerprint is None:
                continue
            if fingerprint != previous:
                sequence += 1
                changed_at = commit_time
                previous = fingerprint
        if current != previous:
            sequence += 1
            changed_at = self._epoch if self._epoch is not None else int(path.stat().st_mtime)
        return sequence, datetime.fromtimestamp(changed_at, tz=timezone.utc)

    def _committed(self, rel: str) -> list[tuple[int, dict[str, str]]]:
        if rel not in self._versions:
            if self._head is False:
                self._head = self._git("rev-parse", "HEAD")
            # A file's committed versions are fixed by the commit checked out:
            # a preview rebuild reads them from git only after a commit.
            if self._head:
                key = (str(self.root), self._head, rel, self._fingerprints)
                self._versions[rel] = _VERSIONS.get(key, lambda: self._read_versions(rel))
            else:
                self._versions[rel] = self._read_versions(rel)
        return self._versions[rel]

    def _git(self, *args: str) -> str | None:
        try:
            result = subprocess.run(
                ["git", "-C", str(self.root), *args], capture_output=True, text=True, timeout=60
            )
        except (OSError, subprocess.SubprocessError):
            return None
        return result.stdout if result.returncode == 0 else None

    def _read_versions(self, rel: str) -> list[tuple[int, dict[str, str]]]:
        if self._prefix is False:
            self._prefix = self._git("rev-parse", "--show-prefix")
        if self._prefix is None:
            return []
        log = self._git("log", "--format=%H %ct", "--", rel) or ""
        versions = []
        for line in reversed(log.splitlines()):
            commit, _, stamp = line.partition(" ")
            text = self._git("show", f"{commit}:{self._prefix.strip()}{rel}")
            if text is not None:
                versions.append((int(stamp), self._fingerprints(text, rel)))
        return versions

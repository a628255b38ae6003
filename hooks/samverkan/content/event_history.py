"""Each event's identity, SEQUENCE and LAST-MODIFIED, from the repository's history.

Subscribers' clients match an event by its UID and take a higher SEQUENCE
as an update of the copy they have. So an event's UID must outlive every
edit an editor makes: its time, place and title, an `id` added later, its
file renamed or split in two. A UID lives in no path: the history of the
whole calendar folder is replayed commit by commit (first parent, as the
site was published), and each version's events are matched to the ones
before by their `id`, or, without one, by their date, wherever in the
folder they went. What cannot be matched (a meeting without `id` moved to
another day) gets a new UID, and the build says so and how to keep the old.

A rebuild of the same commit gives the same bytes: nothing depends on the
time of the build. SEQUENCE counts the committed versions in which what the
event shows changed; LAST-MODIFIED is the time of the latest. Uncommitted
edits (a preview) count as one more version, dated by the file's time or
SOURCE_DATE_EPOCH.
"""

from __future__ import annotations

import subprocess
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Callable

from samverkan.memo import memo

CALENDAR_SUFFIXES = (".yml", ".yaml")
_REPLAYS = memo()


@dataclass(frozen=True, slots=True)
class Written:
    """One event as one version of a file gives it."""

    id: str  # the explicit `id`, or derived from the file and the date
    explicit: bool
    day: str  # the first date, as written
    fingerprint: str  # what subscribers see of it


@dataclass(frozen=True, slots=True)
class Stamp:
    uid: str
    sequence: int
    changed_at: datetime


@dataclass(frozen=True, slots=True)
class MovedWithoutId:
    """A meeting without `id` left the file as another appeared: perhaps one
    meeting moved to another day, which only an `id` can tell."""

    file: str
    written_id: str  # of the new meeting
    day: str
    old_uid: str
    old_day: str


@dataclass(frozen=True, slots=True)
class ReusedId:
    """An `id` that belonged to an event that was removed, now on another."""

    file: str
    written_id: str
    removed_at: datetime


class _Ledger:
    """The replay's state after one version of the calendar folder."""

    def __init__(self) -> None:
        self.files: dict[str, tuple[Written, ...]] = {}
        self.uid_of: dict[tuple[str, str], str] = {}  # (file, written id) -> UID, for the files as they are
        self.stamps: dict[str, tuple[str, int, int]] = {}  # UID -> (fingerprint, sequence, changed at), ever seen
        self.alive: set[str] = set()
        self.removed: dict[str, tuple[str, bool, int]] = {}  # UID -> (fingerprint, had an explicit id, when)
        self.owner: dict[str, str] = {}  # explicit id -> UID
        self.reused: dict[str, int] = {}  # UID -> when the event that had it was removed
        self.moved: dict[str, tuple[MovedWithoutId, ...]] = {}  # file -> from its latest change

    def copy(self) -> "_Ledger":
        other = _Ledger()
        for name, value in vars(self).items():
            setattr(other, name, value.copy())
        return other

    def step(self, versions: dict[str, tuple[Written, ...] | None], when: Callable[[str], int]) -> None:
        """Take one new version of the files in `versions` (None: removed)."""
        before = {rel: self.files.get(rel, ()) for rel in versions}
        pool = [(rel, w, self.uid_of[(rel, w.id)]) for rel, ws in before.items() for w in ws]
        pooled = {uid for _, _, uid in pool}
        taken = {uid for uid in self.alive if uid not in pooled}  # in files this version leaves alone
        assigned: dict[tuple[str, str], str] = {}
        arriving = [(rel, w) for rel, ws in versions.items() if ws for w in ws]
        fresh: list[tuple[str, Written]] = []

        def claim(rel: str, w: Written, uid: str) -> None:
            assigned[(rel, w.id)] = uid
            taken.add(uid)

        # The same `id` anywhere, or the same meeting without one in the same file.
        for rel, w in arriving:
            if w.explicit:
                uid = self.owner.get(w.id) or (w.id if w.id in self.stamps else None)
                if uid is not None:
                    # Taken or not: an id written twice is refused by the loader.
                    self._note_reuse(uid, w)
                    claim(rel, w, uid)
            elif (uid := self.uid_of.get((rel, w.id))) is not None and uid not in taken:
                claim(rel, w, uid)
        # A meeting without `id` that left a file, found on its date: in the same
        # file with an `id` added, or in another file (renamed, split, moved).
        for rel, w in arriving:
            if (rel, w.id) in assigned:
                continue
            candidates = [(other != rel, p.fingerprint != w.fingerprint, uid)
                          for other, p, uid in pool if not p.explicit and p.day == w.day and uid not in taken]
            if candidates:
                claim(rel, w, min(candidates)[2])
        # An id given to the file's only meeting without one as its date changed
        # (the web editor gives every meeting an id when it is saved).
        for rel in versions:
            given = [w for r, w in arriving if r == rel and w.explicit and (rel, w.id) not in assigned]
            left = [uid for r, p, uid in pool if r == rel and not p.explicit and uid not in taken]
            if len(given) == 1 and len(left) == 1:
                claim(rel, given[0], left[0])
        for rel, w in arriving:
            if (rel, w.id) not in assigned:
                if w.id not in self.stamps and not w.explicit:
                    fresh.append((rel, w))
                claim(rel, w, w.id)

        going = []
        continuing = set(assigned.values())
        for rel, p, uid in pool:
            if uid not in continuing:
                self.removed[uid] = (p.fingerprint, p.explicit, when(rel))
                self.alive.discard(uid)
                self.reused.pop(uid, None)
                if not p.explicit:
                    going.append((rel, p, uid))
        for (rel, written_id), uid in assigned.items():
            w = next(x for x in versions[rel] if x.id == written_id)
            previous = self.stamps.get(uid)
            if previous is None:
                self.stamps[uid] = (w.fingerprint, 0, when(rel))
            elif previous[0] != w.fingerprint:
                self.stamps[uid] = (w.fingerprint, previous[1] + 1, when(rel))
            self.alive.add(uid)
            self.removed.pop(uid, None)
            if w.explicit:
                self.owner[w.id] = uid
        for rel, ws in versions.items():
            for w in before[rel]:
                self.uid_of.pop((rel, w.id), None)
            if ws:
                self.files[rel] = ws
                self.uid_of.update({(rel, w.id): assigned[(rel, w.id)] for w in ws})
            else:
                self.files.pop(rel, None)
            hints = []
            for new_rel, w in fresh:
                # From this file, or from a file removed in the same change (renamed and moved at once).
                left = [(abs(_ordinal(p.day) - _ordinal(w.day)), uid, p.day) for r, p, uid in going
                        if r == rel or versions.get(r) is None]
                if new_rel == rel and left:
                    _, uid, day = min(left)
                    hints.append(MovedWithoutId(rel, w.id, w.day, uid, day))
            self.moved[rel] = tuple(hints)

    def _note_reuse(self, uid: str, w: Written) -> None:
        if uid in self.removed:
            fingerprint, explicit, removed_at = self.removed[uid]
            # Putting back what was removed (a revert) is the same event again.
            if explicit and fingerprint != w.fingerprint:
                self.reused[uid] = removed_at


def _ordinal(day: str) -> int:
    try:
        return datetime.strptime(day[:10], "%Y-%m-%d").toordinal()
    except ValueError:
        return 0


class Identities:
    """Every current event's UID and stamps, and what the build must say about them."""

    def __init__(self, ledger: _Ledger, current: dict[str, tuple[Written, ...]]) -> None:
        self._ledger = ledger
        self.moved = tuple(
            hint
            for rel in sorted(current)
            for hint in ledger.moved.get(rel, ())
            if ledger.uid_of.get((rel, hint.written_id)) == hint.written_id and hint.old_uid in ledger.removed
        )
        self.reused = tuple(
            ReusedId(rel, written_id, datetime.fromtimestamp(ledger.reused[uid], tz=timezone.utc))
            for (rel, written_id), uid in sorted(ledger.uid_of.items())
            if uid in ledger.reused and rel in current
        )

    def stamp(self, rel: str, written_id: str) -> Stamp:
        uid = self._ledger.uid_of[(rel, written_id)]
        _, sequence, changed_at = self._ledger.stamps[uid]
        return Stamp(uid, sequence, datetime.fromtimestamp(changed_at, tz=timezone.utc))


class CalendarHistory:
    """One per build; the replay of the committed history is kept per commit."""

    def __init__(
        self,
        root: Path,
        read_version: Callable[[str, str], tuple[Written, ...]],
        folder: str,
        source_date_epoch: int | None = None,
    ) -> None:
        self.root = root
        self._read_version = read_version
        self._folder = folder
        self._epoch = source_date_epoch

    def resolve(self, current: dict[str, tuple[Written, ...]], unreadable: set[str] = frozenset()) -> Identities:
        """`current`: the calendar files as they are now; `unreadable` ones
        (a YAML error) are taken as they were committed."""
        head = self._git("rev-parse", "HEAD")
        if head:
            key = (str(self.root), head.strip(), self._folder, self._read_version)
            ledger = _REPLAYS.get(key, self._replay).copy()
        else:
            ledger = _Ledger()
        changed = {rel: ws for rel, ws in current.items() if rel not in unreadable and ledger.files.get(rel) != ws}
        changed.update({rel: None for rel in ledger.files if rel not in current and rel not in unreadable})
        if changed:
            ledger.step(changed, self._file_time)
        return Identities(ledger, current)

    def _file_time(self, rel: str) -> int:
        if self._epoch is not None:
            return self._epoch
        try:
            return int((self.root / rel).stat().st_mtime)
        except OSError:
            return 0

    def _replay(self) -> _Ledger:
        ledger = _Ledger()
        prefix = (self._git("rev-parse", "--show-prefix") or "").strip()
        log = self._git("log", "--first-parent", "--diff-merges=first-parent", "--reverse", "--no-renames",
                        "--format=%x01%H %ct", "--name-only", "--", self._folder)
        if not log:
            return ledger
        commits = []
        for block in log.split("\x01")[1:]:
            header, *names = block.strip("\n").split("\n")
            commit, _, stamp = header.partition(" ")
            rels = [name.removeprefix(prefix) for name in names
                    if name.startswith(prefix) and name.endswith(CALENDAR_SUFFIXES)]
            if rels:
                commits.append((commit, int(stamp), rels))
        texts = self._blobs([f"{commit}:{prefix}{rel}" for commit, _, rels in commits for rel in rels])
        for commit, stamp, rels in commits:
            versions = {}
            for rel in rels:
                text = texts.get(f"{commit}:{prefix}{rel}")
                versions[rel] = self._read_version(text, rel) if text is not None else None
            ledger.step(versions, lambda rel, stamp=stamp: stamp)
        return ledger

    def _blobs(self, names: list[str]) -> dict[str, str]:
        """The text of many `commit:path`s in one git process."""
        if not names:
            return {}
        try:
            result = subprocess.run(["git", "-C", str(self.root), "cat-file", "--batch"],
                                    input="\n".join(names).encode() + b"\n", capture_output=True, timeout=120)
        except (OSError, subprocess.SubprocessError):
            return {}
        out, found, at = result.stdout, {}, 0
        for name in names:
            end = out.find(b"\n", at)
            if end < 0:
                break
            header = out[at:end].split()
            at = end + 1
            if len(header) == 3 and header[1] == b"blob":
                size = int(header[2])
                found[name] = out[at:at + size].decode("utf-8", errors="replace")
                at += size + 1
        return found

    def _git(self, *args: str) -> str | None:
        try:
            result = subprocess.run(
                ["git", "-C", str(self.root), *args], capture_output=True, text=True, timeout=120
            )
        except (OSError, subprocess.SubprocessError):
            return None
        return result.stdout if result.returncode == 0 else None

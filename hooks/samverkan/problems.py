"""Content problems: records, not exceptions, so a build can report all of them at once.

Every message is Swedish because editors read them; the code around them is English.
"""

from __future__ import annotations

import difflib
import functools
from dataclasses import dataclass
from typing import Iterable, Iterator


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong in one file, precise enough for an editor to fix it alone."""

    file: str
    line: int | None
    field: str | None
    message: str
    found: str | None = None
    expected: str | None = None
    suggestion: str | None = None
    # Unsafe to show even in a preview (a script, an identity number): the
    # file's page is held back until it is fixed.
    withhold: bool = False

    def sort_key(self) -> tuple:
        return (self.file, self.line or 0, self.field or "", self.message)

    def __str__(self) -> str:
        where = self.file
        if self.line is not None:
            where += f", rad {self.line}"
        if self.field:
            where += f", fältet \u201d{self.field}\u201d"
        text = f"{where}: {self.message}"
        if self.found is not None:
            text += f" (hittade: \u201d{self.found}\u201d)"
        if self.expected:
            text += f". Förväntat: {self.expected}"
        if self.suggestion:
            text += f". Menade du \u201d{self.suggestion}\u201d?"
        return text


class Problems:
    """Collects problems during one load; never shared between builds."""

    def __init__(self) -> None:
        self._items: list[Problem] = []

    def add(self, problem: Problem) -> None:
        self._items.append(problem)

    def extend(self, problems: Iterable[Problem]) -> None:
        self._items.extend(problems)

    def __bool__(self) -> bool:
        return bool(self._items)

    def __len__(self) -> int:
        return len(self._items)

    def __iter__(self) -> Iterator[Problem]:
        return iter(self.sorted())

    def sorted(self) -> tuple[Problem, ...]:
        unique = dict.fromkeys(self._items)
        return tuple(sorted(unique, key=Problem.sort_key))

    def files_with_problems(self) -> set[str]:
        return {p.file for p in self._items}


class ContentError(Exception):
    """Raised when content is invalid; carries every problem of the build."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems = tuple(sorted(dict.fromkeys(problems), key=Problem.sort_key))
        super().__init__(report(self.problems))


def report(problems: Iterable[Problem]) -> str:
    """The Swedish report an editor sees in the terminal and in CI."""
    items = list(problems)
    if not items:
        return "Inga fel hittades."
    files = len({p.file for p in items})
    head = (
        f"Innehållet har {len(items)} fel i {files} "
        f"{'fil' if files == 1 else 'filer'}. Rätta dem och bygg igen:"
    )
    return "\n".join([head, *(f"  - {p}" for p in items)])


def did_you_mean(word: str, candidates: Iterable[str]) -> str | None:
    """The closest known value, for "Menade du ...?"."""
    candidates = list(candidates)
    folded = {fold(c): c for c in candidates}
    matches = difflib.get_close_matches(fold(word), list(folded), n=1, cutoff=0.6)
    return folded[matches[0]] if matches else None


_FOLD = str.maketrans({"å": "a", "ä": "a", "ö": "o", "é": "e", "ü": "u", "-": "_", " ": "_"})


@functools.lru_cache(maxsize=4096)  # a few dozen keys, looked up hundreds of thousands of times
def fold(key: str) -> str:
    """Key spelling that editors may vary: case, å/ä/ö, dash or space for underscore."""
    return key.strip().lower().translate(_FOLD)

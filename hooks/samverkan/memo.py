"""Results of pure functions, kept from one build to the next in a process.

`mkdocs serve` rebuilds after every save; most minutes, pages and feeds are
the same as last time. Each memo maps a key made of *everything* its function
reads (records are immutable and hashable) to the result, so a hit is the
result a fresh computation would give. Only what the last build used is kept:
a memo never grows past one build's worth. The random-edit preview test
compares every output with a fresh build.
"""

from __future__ import annotations

from typing import Callable, Hashable, TypeVar

_Value = TypeVar("_Value")


class Memo:
    def __init__(self) -> None:
        self._last: dict = {}
        self._this: dict = {}

    def get(self, key: Hashable, make: Callable[[], _Value]) -> _Value:
        if not _keeping:
            return make()
        if key in self._this:
            return self._this[key]
        value = self._last[key] if key in self._last else make()
        self._this[key] = value
        return value

    def next_build(self) -> None:
        self._last, self._this = self._this, {}


class HashedOnce(tuple):
    """A key part that is hashed once, not again for every lookup (the
    groups of the site are part of every minutes file's key)."""

    def __hash__(self) -> int:
        try:
            return self._hash
        except AttributeError:
            self._hash = tuple.__hash__(self)
            return self._hash


_ALL: list[Memo] = []
# Off for a one-off build, which would only pay for the keys and the memory.
_keeping = False


def keep_results(keep: bool = True) -> None:
    """Keep results from one build to the next (a preview that rebuilds on
    every save); off, every call computes its result."""
    global _keeping
    _keeping = keep
    if not keep:
        for item in _ALL:
            item._last, item._this = {}, {}


def memo() -> Memo:
    """A memo that starts a new generation with every build (see `next_build`)."""
    made = Memo()
    _ALL.append(made)
    return made


def next_build() -> None:
    """Called once at the start of every load of the content."""
    for item in _ALL:
        item.next_build()

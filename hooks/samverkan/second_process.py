"""One computation on the other core, in a forked child.

A build has parts that depend on the loaded content and not on each other
(the pages' Markdown and the calendar feeds). A forked child has the content
as it is, without a copy being sent; only its result comes back, pickled.
Forking is only safe where no other threads run: `mkdocs build` and the
command-line tools, never under `mkdocs serve` (callers decide).
"""

from __future__ import annotations

import os
import pickle
from typing import Callable, Generic, TypeVar

_Result = TypeVar("_Result")


def fork(work: Callable[[], None]) -> int:
    """work() in a forked child; returns its pid. The child leaves without
    running any cleanup of the parent's; its exit status is 1 if work() raised."""
    pid = os.fork()
    if pid == 0:
        status = 0
        try:
            work()
        except BaseException:
            status = 1
        finally:
            os._exit(status)
    return pid


class InSecondProcess(Generic[_Result]):
    """`function()` started in a child; `result()` waits for it. Whatever
    goes wrong in the child, `result()` computes it here instead: the
    answer is the same, only later."""

    def __init__(self, function: Callable[[], _Result]) -> None:
        self._function = function
        read, write = os.pipe()

        def work() -> None:
            os.close(read)
            data = pickle.dumps(function(), protocol=pickle.HIGHEST_PROTOCOL)
            with os.fdopen(write, "wb") as stream:
                stream.write(data)

        self._pid = fork(work)
        os.close(write)
        self._read = read

    def result(self) -> _Result:
        with os.fdopen(self._read, "rb") as stream:
            data = stream.read()
        _, status = os.waitpid(self._pid, 0)
        if os.waitstatus_to_exitcode(status) == 0:
            try:
                return pickle.loads(data)
            except Exception:
                pass
        return self._function()


def computed(function: Callable[[], _Result], elsewhere: bool) -> Callable[[], _Result]:
    """A call giving function()'s result, as often as asked: started now in a
    child when `elsewhere`, else computed when first called."""
    started = InSecondProcess(function) if elsewhere else None
    made: list[_Result] = []

    def result() -> _Result:
        if not made:
            made.append(started.result() if started is not None else function())
        return made[0]

    return result

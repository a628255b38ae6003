"""What every loader shares: finding files and naming them in problems."""

from __future__ import annotations

from pathlib import Path
from typing import Iterator

from .. import fields as f
from ..problems import Problem


def content_files(
    root: Path, folder: str, pattern: str, *, skip: set[str] = frozenset(), recursive: bool = False
) -> Iterator[tuple[Path, str]]:
    """Files of one kind in a stable order, with their repository-relative path.

    Symlinks are skipped: content must live inside the repository.
    """
    base = root / folder
    if not base.is_dir():
        return
    found = base.rglob(pattern) if recursive else base.glob(pattern)
    for path in sorted(found):
        if path.name in skip or path.name.startswith((".", "_")) or path.is_symlink() or not path.is_file():
            continue
        yield path, path.relative_to(root).as_posix()


def slug_problem(rel: str, slug: str) -> Problem:
    return Problem(
        rel,
        None,
        None,
        "filnamnet får bara innehålla små bokstäver a-z, siffror och bindestreck",
        slug,
        "till exempel barn-och-unga.md",
        f.suggest_slug(slug),
    )

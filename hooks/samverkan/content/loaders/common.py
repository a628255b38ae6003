"""What every loader shares: finding files and naming them in problems."""

from __future__ import annotations

import fnmatch
import functools
import multiprocessing
import os
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator, Sequence, TypeVar

from samverkan.content import fields as f
from samverkan.problems import Problem
from samverkan.content.yaml_source import MarkdownSource, read_markdown_file


def content_files(
    root: Path, folder: str, pattern: str, *, skip: set[str] = frozenset(), recursive: bool = False
) -> Iterator[tuple[Path, str]]:
    """Files of one kind in a stable order, with their repository-relative path.

    Symlinks are skipped: content must live inside the repository.
    """
    base = root / folder
    if not base.is_dir():
        return
    for parts in regular_files(base, recursive):
        name = parts[-1]
        if name in skip or name.startswith((".", "_")) or not fnmatch.fnmatchcase(name, pattern):
            continue
        yield base.joinpath(*parts), "/".join((folder, *parts))


def regular_files(base: Path, recursive: bool = True) -> list[tuple[str, ...]]:
    """The regular files below `base` as path parts, sorted as paths sort.
    Symlinks are left out, and symlinked folders not entered (as `rglob`
    does); one `scandir` per folder, since the minutes run to thousands."""
    found: list[tuple[str, ...]] = []

    def visit(folder: str, prefix: tuple[str, ...]) -> None:
        with os.scandir(folder) as entries:
            for entry in entries:
                if entry.is_symlink():
                    continue
                if entry.is_dir():
                    if recursive:
                        visit(entry.path, (*prefix, entry.name))
                elif entry.is_file():
                    found.append((*prefix, entry.name))

    visit(str(base), ())
    return sorted(found)


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


@dataclass(frozen=True, slots=True)
class MarkdownRecord:
    """One Markdown content file, read and checked against its schema."""

    path: Path
    rel: str
    slug: str  # path under the folder without .md ("sip", "undermapp/sip")
    source: MarkdownSource
    values: dict[str, Any]
    lines: dict[str, int]

    @property
    def complete(self) -> bool:
        return not f.has_missing(self.values)


def markdown_records(
    root: Path,
    folder: str,
    schema: Iterable[f.Field],
    problems: list[Problem],
    *,
    recursive: bool = False,
    skip: frozenset[str] = frozenset({"index.md"}),
) -> Iterator[MarkdownRecord]:
    """Every readable Markdown file of one kind, with its fields read; what is
    wrong with a file is appended to `problems` and the file is still yielded
    when its front matter could be read, so callers can add their own checks."""
    schema = tuple(schema)
    for path, rel in content_files(root, folder, "*.md", skip=skip, recursive=recursive):
        slug = path.relative_to(root / folder).with_suffix("").as_posix()
        if not all(f.is_slug(part) for part in slug.split("/")):
            problems.append(slug_problem(rel, path.stem))
            continue
        source, read_problems = read_markdown_file(path, rel)
        problems.extend(read_problems)
        if source is None:
            continue
        values = f.read_fields(source.meta, schema, rel, problems)
        yield MarkdownRecord(path, rel, slug, source, values, f.field_lines(source.meta, schema))


def file_slugs(root: Path, folder: str) -> set[str]:
    """The names of all files of a kind, valid or not, for checking references."""
    return {path.stem for path, _ in content_files(root, folder, "*.md", skip={"index.md"})}


_Job = TypeVar("_Job")
_Result = TypeVar("_Result")
PARALLEL_FROM = 500  # below this many files, starting processes costs more than it saves


def map_in_parallel(
    function: Callable[..., _Result], jobs: Sequence[_Job], workers: int, shared: tuple = ()
) -> list[_Result]:
    """`function(job, *shared)` for every job, in order; on several processes
    when asked and worth it. Callers ask only where no threads run (the
    command-line tools, `mkdocs build`): forking under threads is not safe."""
    call = functools.partial(_apply, function, shared)
    if workers <= 1 or len(jobs) < PARALLEL_FROM:
        return [call(job) for job in jobs]
    context = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
        return list(pool.map(call, jobs, chunksize=max(1, len(jobs) // (workers * 4))))


def _apply(function, shared: tuple, job):
    return function(job, *shared)

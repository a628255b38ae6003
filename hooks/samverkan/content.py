"""Load and validate all content of the site, once per build."""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from .event_history import EventHistory
from .loaders.agreements import load_agreements
from .loaders.calendar import fingerprints_of_text, load_events
from .loaders.documents import check_document_references, load_documents
from .loaders.glossary import load_glossary
from .loaders.groups import check_group_references, load_groups
from .loaders.common import map_in_parallel
from .loaders.minutes import load_minutes
from .loaders.news import load_news
from .loaders.tools import load_tools
from .model import Content
from .privacy import check_text
from .problems import ContentError, Problem
from .yaml_source import read_text

# Everything editors write lives here; the privacy guard reads all of it.
CONTENT_ROOTS = ("docs", "minnesanteckningar", "kalender", "verktygslada")
TEXT_SUFFIXES = {".md", ".markdown", ".yml", ".yaml", ".txt", ".csv", ".html"}


@dataclass(frozen=True)
class LoadResult:
    """What loaded cleanly, and what did not. A strict build refuses any problem;
    a preview (mkdocs serve) shows the problems and publishes the rest."""

    content: Content
    problems: tuple[Problem, ...]

    def raise_for_problems(self) -> Content:
        if self.problems:
            raise ContentError(self.problems)
        return self.content


def load_content(root: Path, today: date, workers: int = 1) -> LoadResult:
    problems: list[Problem] = []
    groups, group_slugs = load_groups(root, problems)
    check_group_references(groups, group_slugs, problems)
    documents = load_documents(root, problems)
    check_document_references(documents, group_slugs, problems)
    minutes, guarded = load_minutes(root, groups, group_slugs, problems, workers)
    history = EventHistory(root, fingerprints_of_text, _source_date_epoch())
    events = load_events(root, group_slugs, groups, problems, history)
    agreements = load_agreements(root, group_slugs, problems)
    tools = load_tools(root, problems)
    news = load_news(root, problems)
    glossary = load_glossary(root, problems)
    problems.extend(guard_privacy(root, workers, skip=guarded))
    content = Content.build(today, groups, documents, minutes, events, agreements, tools, news, glossary)
    return LoadResult(content, tuple(sorted(dict.fromkeys(problems), key=Problem.sort_key)))


def _source_date_epoch() -> int | None:
    value = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    return int(value) if value.isdigit() else None


def guard_privacy(root: Path, workers: int = 1, skip: set[str] = frozenset()) -> list[Problem]:
    """Every text file editors wrote, drafts included (the repository may be public too)."""
    files: list[tuple[Path, str]] = []
    for folder in CONTENT_ROOTS:
        base = root / folder
        if not base.is_dir():
            continue
        for path in sorted(base.rglob("*")):
            rel = path.relative_to(root).as_posix()
            if path.suffix.lower() in TEXT_SUFFIXES and rel not in skip and path.is_file() and not path.is_symlink():
                files.append((path, rel))
    return [p for found in map_in_parallel(_guard_file, files, workers) for p in found]


def _guard_file(job: tuple[Path, str]) -> list[Problem]:
    path, rel = job
    text, _ = read_text(path, rel)  # unreadable files are reported by their loader
    return check_text(text, rel) if text is not None else []

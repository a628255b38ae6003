"""Load and validate all content of the site, once per build."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from .loaders.documents import check_document_references, load_documents
from .loaders.groups import check_group_references, load_groups
from .model import Content
from .problems import ContentError, Problem


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


def load_content(root: Path, today: date) -> LoadResult:
    problems: list[Problem] = []
    groups, group_slugs = load_groups(root, problems)
    check_group_references(groups, group_slugs, problems)
    documents = load_documents(root, problems)
    check_document_references(documents, group_slugs, problems)
    content = Content.build(today, groups, documents)
    return LoadResult(content, tuple(sorted(dict.fromkeys(problems), key=Problem.sort_key)))

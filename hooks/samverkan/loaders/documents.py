"""Documents: `docs/dokument/<slug>.md` (reports, mappings, action plans)."""

from __future__ import annotations

from pathlib import Path

from .. import fields as f
from ..model import Document, DocumentType, Source
from ..problems import Problem, did_you_mean
from ..yaml_source import read_markdown_file
from .common import content_files, slug_problem

DOCUMENT_DIR = "docs/dokument"

DOCUMENT_FIELDS = (
    f.Field("titel", f.text, required=True),
    f.Field("typ", f.choice([t.value for t in DocumentType]), required=True),
    f.Field("datum", f.a_date),
    f.Field("grupper", f.list_of(f.slug), default=()),
    f.Field("taggar", f.list_of(f.text), default=()),
)


def load_documents(root: Path, problems: list[Problem]) -> list[Document]:
    documents = []
    for path, rel in content_files(root, DOCUMENT_DIR, "*.md", skip={"index.md"}):
        if not f.is_slug(path.stem):
            problems.append(slug_problem(rel, path.stem))
            continue
        source, read_problems = read_markdown_file(path, rel)
        problems.extend(read_problems)
        if source is None:
            continue
        values = f.read_fields(source.meta, DOCUMENT_FIELDS, rel, problems)
        if f.has_missing(values):
            continue
        documents.append(
            Document(
                slug=path.stem,
                title=values["titel"],
                type=DocumentType(values["typ"]),
                date=values["datum"],
                source=Source(rel, source.body_line, f.field_lines(source.meta, DOCUMENT_FIELDS)),
                body=source.body,
                groups=values["grupper"],
                tags=values["taggar"],
            )
        )
    return documents


def check_document_references(
    documents: list[Document], group_slugs: set[str], problems: list[Problem]
) -> None:
    for document in documents:
        for ref in document.groups:
            if ref not in group_slugs:
                problems.append(
                    Problem(
                        document.source.path,
                        document.source.line("grupper"),
                        "grupper",
                        "okänd grupp",
                        ref,
                        "namnet på en fil i docs/grupper/ utan .md",
                        did_you_mean(ref, sorted(group_slugs)),
                    )
                )

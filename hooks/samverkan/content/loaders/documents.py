"""Documents: `docs/dokument/<slug>.md` (reports, mappings, action plans)."""

from __future__ import annotations

from pathlib import Path

from samverkan.content import fields as f
from samverkan.content.model import Document, DocumentType, Source
from samverkan.problems import Problem, did_you_mean
from samverkan.content.loaders.common import markdown_records

DOCUMENT_DIR = "docs/dokument"

DOCUMENT_FIELDS = (
    f.Field("titel", f.text, required=True),
    f.Field("typ", f.choice([t.value for t in DocumentType]), required=True),
    f.Field("datum", f.a_date),
    f.Field("grupper", f.list_of(f.slug), default=()),
    f.Field("taggar", f.list_of(f.text), default=()),
)


def load_documents(root: Path, problems: list[Problem]) -> list[Document]:
    return [
        Document(
            slug=r.slug,
            title=r.values["titel"],
            type=DocumentType(r.values["typ"]),
            date=r.values["datum"],
            source=Source(r.rel, r.source.body_line, r.lines),
            body=r.source.body,
            groups=r.values["grupper"],
            tags=r.values["taggar"],
        )
        for r in markdown_records(root, DOCUMENT_DIR, DOCUMENT_FIELDS, problems)
        if r.complete
    ]


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

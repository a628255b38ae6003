"""Generated pages: one function per kind of page, records in, Markdown out."""

from __future__ import annotations

from dataclasses import dataclass
from itertools import groupby

from ..model import Content, Document, DocumentType, Group, GroupType
from .markdown import Md, front_matter, render

GROUPS_INDEX = "grupper/index.md"
NOSAM_INDEX = "nosam/index.md"
DOCUMENTS_INDEX = "dokument/index.md"


@dataclass(frozen=True, slots=True)
class GeneratedPage:
    """A page the build adds; `source` is the editor's file it comes from, if any."""

    uri: str
    markdown: str
    source: str | None = None


def group_uri(group: Group | str) -> str:
    return f"grupper/{group if isinstance(group, str) else group.slug}.md"


def document_uri(document: Document) -> str:
    return f"dokument/{document.slug}.md"


def group_page(content: Content, group: Group) -> GeneratedPage:
    uri = group_uri(group)
    groups = content.groups
    markdown = render(
        "group.md.j2",
        uri,
        front=front_matter(group.name),
        group=group,
        body=Md(group.body),
        today=content.today,
        parent=groups.get(group.parent) if group.parent else None,
        successor=groups.get(group.successor) if group.successor else None,
        theme_groups=[groups[t] for t in group.theme_groups if t in groups],
        children=content.children(group.slug),
        predecessors=content.predecessors(group.slug),
        reporting=content.reporting_to(group.slug) if group.type == GroupType.THEME_GROUP else (),
        documents=content.documents_of_group(group.slug),
        group_uri=group_uri,
        document_uri=document_uri,
    )
    return GeneratedPage(uri, markdown, group.source.path)


def groups_index(content: Content) -> GeneratedPage:
    sections = [(kind, content.groups_of_type(kind)) for kind in GroupType]
    markdown = render(
        "groups_index.md.j2",
        GROUPS_INDEX,
        front=front_matter("Grupper"),
        sections=[(kind, groups) for kind, groups in sections if groups],
        wound_up=content.wound_up_groups(),
        today=content.today,
        group_uri=group_uri,
        content=content,
    )
    return GeneratedPage(GROUPS_INDEX, markdown)


def nosam_index(content: Content) -> GeneratedPage:
    markdown = render(
        "nosam_index.md.j2",
        NOSAM_INDEX,
        front=front_matter("NOSAM"),
        groups=content.groups_of_type(GroupType.NOSAM, dormant=False),
        dormant=[g for g in content.groups_of_type(GroupType.NOSAM) if not g.active],
        group_uri=group_uri,
    )
    return GeneratedPage(NOSAM_INDEX, markdown)


_DOCUMENT_SECTIONS = {
    DocumentType.REPORT: "Rapporter",
    DocumentType.MAPPING: "Kartläggningar",
    DocumentType.ACTION_PLAN: "Handlingsplaner",
    DocumentType.ANNUAL_REPORT: "Årsrapporter",
    DocumentType.OTHER: "Övriga dokument",
}


def document_page(content: Content, document: Document) -> GeneratedPage:
    uri = document_uri(document)
    markdown = render(
        "document.md.j2",
        uri,
        front=front_matter(document.title),
        document=document,
        body=Md(document.body),
        groups=[content.groups[g] for g in document.groups if g in content.groups],
        group_uri=group_uri,
    )
    return GeneratedPage(uri, markdown, document.source.path)


def documents_index(content: Content) -> GeneratedPage:
    sections = []
    for kind, heading in _DOCUMENT_SECTIONS.items():
        docs = [d for d in content.documents if d.type == kind]
        if docs:
            years = [
                (year, list(items))
                for year, items in groupby(docs, key=lambda d: d.date.year if d.date else "Utan datum")
            ]
            sections.append((heading, years))
    markdown = render(
        "documents_index.md.j2",
        DOCUMENTS_INDEX,
        front=front_matter("Dokument"),
        sections=sections,
        document_uri=document_uri,
    )
    return GeneratedPage(DOCUMENTS_INDEX, markdown)


def site_pages(content: Content) -> tuple[GeneratedPage, ...]:
    """Every page the content generates, in a stable order."""
    pages = [groups_index(content), nosam_index(content)]
    pages += [group_page(content, g) for g in content.groups.values()]
    if content.documents:
        pages.append(documents_index(content))
        pages += [document_page(content, d) for d in content.documents]
    return tuple(pages)

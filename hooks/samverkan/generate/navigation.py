"""The site navigation, computed from what exists: a section appears when it has content."""

from __future__ import annotations

import posixpath
from typing import Iterable

from samverkan.content.model import Content, GroupType
from samverkan.generate.calendar_pages import ARCHIVE, CALENDAR_INDEX, SUBSCRIBE, YEAR_WHEEL
from samverkan.generate.follow_up_pages import NOSAM_OVERVIEW, REPRESENTATION_PAGE
from samverkan.generate.links import agreement_uri, document_uri, group_uri, tool_uri
from samverkan.generate.accessibility import STATEMENT_PAGE
from samverkan.generate.open_data import DATA_PAGE
from samverkan.generate.pages import DOCUMENTS_INDEX, GLOSSARY_PAGE, GROUPS_INDEX, MINUTES_INDEX, NOSAM_INDEX
from samverkan.generate.register_pages import AGREEMENTS_INDEX, REVIEW_LIST, TOOLBOX_INDEX, TOOLBOX_TAGS

NEWS_INDEX = "aktuellt/index.md"

# Folders under docs/ that hold content files (the blog's posts, groups,
# documents, agreements): their pages are placed by the generated sections,
# also when a file is invalid and left as it is under `mkdocs serve`.
_CONTENT_FOLDERS = ("aktuellt/", "grupper/", "dokument/", "overenskommelser/", "handlingsplaner/")

# Hand-written sections get these labels; others are named after their index page.
_SECTION_LABELS = {"om": "Om webbplatsen", "redaktorer": "För redaktörer"}


def navigation(content: Content, written_pages: Iterable[str]) -> list:
    """MkDocs `nav`: generated sections plus the editors' own pages, by folder."""
    written = sorted(set(written_pages))
    nav: list = []
    if "index.md" in written:
        nav.append({"Startsida": "index.md"})
    if NEWS_INDEX in written:
        nav.append({"Aktuellt": NEWS_INDEX})
    nav.append({"Grupper": _groups_section(content)})
    nav.append({"Kalender": [CALENDAR_INDEX, ARCHIVE, YEAR_WHEEL, SUBSCRIBE]})
    if content.minutes:
        nav.append({"Minnesanteckningar": MINUTES_INDEX})
    if content.tools:
        nav.append({"Verktygslådan": [TOOLBOX_INDEX, *(tool_uri(t) for t in content.tools), {"Ämnen": TOOLBOX_TAGS}]})
    if content.agreements:
        nav.append({"Överenskommelser": [AGREEMENTS_INDEX, *(agreement_uri(a) for a in content.agreements)]})
    if content.documents:
        nav.append({"Dokument": [DOCUMENTS_INDEX, *(document_uri(d) for d in content.documents)]})
    extra = ([GLOSSARY_PAGE] if content.glossary else []) + ([REVIEW_LIST] if content.tools else [])
    extra += [STATEMENT_PAGE]
    extra += [REPRESENTATION_PAGE] if content.representation.known else []
    sections = _written_sections(written + extra)
    for section in sections:  # the open data is part of "Om webbplatsen"
        if isinstance(section, dict) and _SECTION_LABELS["om"] in section:
            section[_SECTION_LABELS["om"]].append({"Öppna data": DATA_PAGE})
    nav.extend(sections)
    return nav


def _groups_section(content: Content) -> list:
    section: list = [GROUPS_INDEX, {"NOSAM": NOSAM_INDEX}, {"Översikt NOSAM och Västbus": NOSAM_OVERVIEW}]
    for kind in GroupType:
        groups = content.groups_of_type(kind)
        if groups:
            section.append({kind.plural: [group_uri(g) for g in groups]})
    wound_up = content.wound_up_groups()
    if wound_up:
        section.append({"Avvecklade grupper": [group_uri(g) for g in wound_up]})
    return section


def _written_sections(written: list[str]) -> list:
    """Folders of hand-written pages outside the generated sections."""
    taken = {"index.md", NEWS_INDEX}
    folders: dict[str, list[str]] = {}
    for uri in written:
        if uri in taken or uri.startswith(_CONTENT_FOLDERS):
            continue
        folder = uri.split("/", 1)[0] if "/" in uri else ""
        folders.setdefault(folder, []).append(uri)
    sections: list = []
    for folder, uris in folders.items():
        if not folder:
            sections.extend(uris)
            continue
        index = posixpath.join(folder, "index.md")
        ordered = ([index] if index in uris else []) + [u for u in uris if u != index]
        label = _SECTION_LABELS.get(folder, folder.replace("-", " ").capitalize())
        sections.append({label: ordered})
    return sections

"""Generated pages: one function per kind of page, records in, Markdown out."""

from __future__ import annotations

from itertools import groupby
from typing import Callable

from samverkan.memo import memo
from samverkan.content.model import (
    Content,
    Document,
    DocumentType,
    Group,
    GroupType,
    Minutes,
)
from samverkan.generate.calendar_pages import calendar_pages, meetings_by_day, upcoming
from samverkan.generate.follow_up_pages import follow_up_pages, group_made_of, plan_summary, questions_of, representation_page
from samverkan.generate.register_pages import agreement_pages, toolbox_pages
from samverkan.generate.news_feed import group_minutes_feed_uri
from samverkan.generate.links import (
    attachment_uri,
    document_uri,
    group_feed_uri,
    group_uri,
    minutes_uri,
    template_helpers,
)
from samverkan.generate.markdown import Md, front_matter, render, search_facets
from samverkan.generate.output import GeneratedAsset, GeneratedPage

GROUPS_INDEX = "grupper/index.md"
NOSAM_INDEX = "nosam/index.md"
DOCUMENTS_INDEX = "dokument/index.md"
MINUTES_INDEX = "minnesanteckningar/index.md"
LATEST_MINUTES = 10
# Full text of minutes goes into the search index for this long; older minutes
# are found by title, summary, decisions and tags. Keeps the index small enough
# for a phone when the archive holds thousands of minutes.
FULL_TEXT_SEARCH_DAYS = 730
UPCOMING_ON_GROUP_PAGE = 5


def _by_year(items, key):
    return [(year, list(group)) for year, group in groupby(items, key=key)]


def group_page(content: Content, group: Group) -> GeneratedPage:
    """One page per group; the same as last build unless something it shows
    changed: what `group_made_of` names, and the group's documents."""
    key = (group_made_of(content, group), content.documents_of_group(group.slug))
    return _GROUP_PAGES.get(key, lambda: _group_page(content, group))


_GROUP_PAGES = memo()


def _group_page(content: Content, group: Group) -> GeneratedPage:
    uri = group_uri(group)
    groups = content.groups
    minutes = content.minutes_of_group(group.slug)
    raised_by, raised_to = questions_of(content, group)
    plan = content.current_plan(group.slug)
    markdown = render(
        "group.md.j2",
        uri,
        **template_helpers(content),
        # A group's own page first when its name is searched; wound-up groups after active ones.
        front=front_matter(group.name, sok=search_facets(
            "Grupper", group.name, weight=2 if group.is_current(content.today) else 0.5,
            names=group.name if group.is_current(content.today) else None)),
        group=group,
        body=Md(group.body),
        minutes_by_year=_by_year(minutes, lambda m: m.date.year),
        decisions=content.decisions_of_group(group.slug),
        open_actions=content.open_actions_of_group(group.slug),
        raised_by=raised_by,
        raised_to=raised_to,
        plan_summary=plan_summary(content, plan) if plan else None,
        gaps=content.representation.gaps(group),
        representation_applies=content.representation.applies_to(group),
        parent=groups.get(group.parent) if group.parent else None,
        successor=groups.get(group.successor) if group.successor else None,
        subscribe_instead=content.carried_on_by(group.slug),
        theme_groups=[groups[t] for t in group.theme_groups if t in groups],
        children=content.children(group.slug),
        predecessors=content.predecessors(group.slug),
        reporting=content.reporting_to(group.slug) if group.type == GroupType.THEME_GROUP else (),
        documents=content.documents_of_group(group.slug),
        agreements=content.agreements_in_force(group.slug),
        upcoming=upcoming(content, content.events_of_group(group.slug))[:UPCOMING_ON_GROUP_PAGE],
        feed=group_feed_uri(group),
        minutes_feed=group_minutes_feed_uri(group.slug),
    )
    return GeneratedPage(uri, markdown, group.source.path)


def minutes_page(content: Content, minutes: Minutes, meetings: dict) -> GeneratedPage:
    """One page per minutes; the same as last build unless something it shows changed."""
    older, newer = content.neighbours(minutes)
    groups = content.groups
    key = (
        minutes,
        # Of its group and the groups questions go to, the page shows the names.
        groups[minutes.group].name,
        tuple(g.name if (g := groups.get(q.to)) else None for q in minutes.raised),
        older,
        newer,
        meetings.get((minutes.group, minutes.date)),
        content.today,
    )
    return _MINUTES_PAGES.get(key, lambda: _minutes_page(content, minutes, meetings, older, newer))


_MINUTES_PAGES = memo()


def _minutes_page(content: Content, minutes: Minutes, meetings: dict, older, newer) -> GeneratedPage:
    uri = minutes_uri(minutes)
    markdown = render(
        "minutes.md.j2",
        uri,
        **template_helpers(content),
        front=front_matter(minutes.title, description=minutes.summary or minutes.title,
                           sok=search_facets("Minnesanteckningar", content.groups[minutes.group].name, minutes.date.year,
                                             dates=[minutes.date])),
        minutes=minutes,
        body=Md(minutes.body),
        group=content.groups[minutes.group],
        questions=[(content.groups[q.to], q) for q in minutes.raised if q.to in content.groups],
        older=older,
        newer=newer,
        full_text=(content.today - minutes.date).days <= FULL_TEXT_SEARCH_DAYS,
        meeting=meetings.get((minutes.group, minutes.date)),
    )
    return GeneratedPage(uri, markdown, minutes.source.path)


def minutes_index(content: Content) -> GeneratedPage:
    """The latest minutes, and per group how many there are, linking to the
    group's page, which lists them by year. Not every minutes file: at ten
    thousand that was a 1 MB page, made again whenever any of them changed."""
    groups = content.groups
    slugs = sorted({m.group for m in content.minutes}, key=lambda s: groups[s].name.casefold())
    per_group = tuple(_minutes_count(content.minutes_of_group(slug), slug, groups[slug].name) for slug in slugs)
    latest = content.minutes[:LATEST_MINUTES]
    key = (latest, per_group, tuple(groups[m.group].name for m in latest))
    return _MINUTES_INDEX.get(key, lambda: _minutes_index(content, latest, per_group))


_MINUTES_INDEX = memo()


def _minutes_count(minutes, slug: str, name: str) -> tuple[str, str, int, int, int]:
    years = [m.date.year for m in minutes]
    return slug, name, len(minutes), min(years), max(years)


def _minutes_index(content: Content, latest, per_group) -> GeneratedPage:
    groups = content.groups
    markdown = render(
        "minutes_index.md.j2",
        MINUTES_INDEX,
        **template_helpers(content),
        front=front_matter("Minnesanteckningar", sok=search_facets("Minnesanteckningar", weight=0.5)),
        latest=[(m, groups[m.group]) for m in latest],
        per_group=[(groups[slug], count, first, last) for slug, _, count, first, last in per_group],
    )
    return GeneratedPage(MINUTES_INDEX, markdown)


def groups_index(content: Content) -> GeneratedPage:
    sections = [(kind, content.groups_of_type(kind)) for kind in GroupType]
    markdown = render(
        "groups_index.md.j2",
        GROUPS_INDEX,
        **template_helpers(content),
        front=front_matter("Grupper"),
        sections=[(kind, groups) for kind, groups in sections if groups],
        wound_up=content.wound_up_groups(),
        content=content,
    )
    return GeneratedPage(GROUPS_INDEX, markdown)


def nosam_index(content: Content) -> GeneratedPage:
    markdown = render(
        "nosam_index.md.j2",
        NOSAM_INDEX,
        **template_helpers(content),
        front=front_matter("NOSAM"),
        groups=content.groups_of_type(GroupType.NOSAM, dormant=False),
        dormant=[g for g in content.groups_of_type(GroupType.NOSAM) if not g.active],
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
        **template_helpers(content),
        front=front_matter(document.title, sok=search_facets(
            "Dokument", *[content.groups[g].name for g in document.groups[:1] if g in content.groups],
            year=document.date.year if document.date else None)),
        document=document,
        body=Md(document.body),
        groups=[content.groups[g] for g in document.groups if g in content.groups],
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
        **template_helpers(content),
        front=front_matter("Dokument"),
        sections=sections,
    )
    return GeneratedPage(DOCUMENTS_INDEX, markdown)


def minutes_pages(content: Content) -> tuple[GeneratedPage, ...]:
    """The minutes' index and a page per minutes file."""
    if not content.minutes:
        return ()
    meetings = meetings_by_day(content)
    return (minutes_index(content), *(minutes_page(content, m, meetings) for m in content.minutes))


def site_pages(
    content: Content, site_url: str, minutes: Callable[[], tuple[GeneratedPage, ...]] | None = None
) -> tuple[GeneratedPage, ...]:
    """Every page the content generates, in a stable order. `minutes` gives
    minutes_pages(content) when they are made elsewhere (on the other core):
    asked for last."""
    pages = [groups_index(content), nosam_index(content)]
    pages += [group_page(content, g) for g in content.groups.values()]
    rest = list(calendar_pages(content, site_url))
    rest += agreement_pages(content)
    rest += toolbox_pages(content)
    rest += follow_up_pages(content)
    if content.representation.known:
        rest.append(representation_page(content))
    if content.glossary:
        rest.append(glossary_page(content))
    if content.documents:
        rest.append(documents_index(content))
        rest += [document_page(content, d) for d in content.documents]
    made = minutes() if minutes is not None else minutes_pages(content)
    return (*pages, *made, *rest)


GLOSSARY_PAGE = "om/ordlista.md"


def glossary_page(content: Content) -> GeneratedPage:
    markdown = render(
        "glossary.md.j2", GLOSSARY_PAGE, **template_helpers(content), front=front_matter("Ordlista"),
        terms=content.glossary,
    )
    return GeneratedPage(GLOSSARY_PAGE, markdown, "docs/om/ordlista.yml")


def abbreviations(content: Content, markdown: str) -> str:
    """Markdown abbreviation definitions for a page, so that each acronym
    gets its explanation wherever it appears (the `abbr` extension). Only the
    terms the page's text contains: the others would change nothing, and so
    a new term in the glossary re-renders only the pages that use it (the
    preview) and no page converts the whole glossary. Terms are single words
    (checked on load) and explanations end up in an attribute, which the
    Markdown serializer escapes."""
    glossary = content.glossary_key
    return _ABBREVIATIONS.get(
        (glossary, markdown),
        lambda: "\n".join(f"*[{t.term}]: {t.explanation}" for t in glossary if t.term in markdown),
    )


_ABBREVIATIONS = memo()


def site_assets(content: Content) -> tuple[GeneratedAsset, ...]:
    """Attachments, copied next to their minutes."""
    return tuple(
        GeneratedAsset(attachment_uri(m, a), f"minnesanteckningar/{m.group}/{a.file}")
        for m in content.minutes
        for a in m.attachments
    )

"""Macros editors may use on their own pages (only pages with `render_macros: true`).

Each returns Markdown for the page at `page_uri`, built from the records with
the same sections the group pages use. Parameter names are Swedish because
editors write them, like the fields of content files:
`{{ senaste_minnesanteckningar(grupp="nordost", antal=3) }}`. The page is no
template: `macro_calls` reads each call as data, and `expand` puts each
macro's Markdown in its place. Text from minutes is escaped like everywhere else.
"""

from __future__ import annotations

from samverkan.safety.macro_calls import read_macro_calls
from samverkan.content.model import Content
from samverkan.problems import did_you_mean
from samverkan.generate.markdown import render
from samverkan.generate.calendar_pages import upcoming
from samverkan.generate.links import template_helpers
from samverkan.generate.search_answers import place_finder


class MacroError(Exception):
    """A macro called with a group that does not exist; shown to the editor in Swedish."""


def _group(content: Content, slug: str):
    if slug not in content.groups:
        hint = did_you_mean(slug, list(content.groups))
        raise MacroError(
            f"okänd grupp ”{slug}” i makrot" + (f". Menade du ”{hint}”?" if hint else "")
        )
    return content.groups[slug]


def latest_minutes(content: Content, page_uri: str, grupp: str | None = None, antal: int = 5) -> str:
    """A group's latest minutes, or with no group the latest of all groups."""
    group, count = grupp, antal
    if group is None:
        items = content.minutes[:count]
        if not items:
            return "Inga minnesanteckningar ännu."
        return render("latest_minutes.md.j2", page_uri, **template_helpers(content), items=items)
    _group(content, group)
    items = content.minutes_of_group(group)[:count]
    return _render(content, page_uri, "minutes_list", items, "Inga minnesanteckningar ännu.")


def upcoming_meetings(content: Content, page_uri: str, antal: int = 5, grupp: str | None = None) -> str:
    count, group = antal, grupp
    events = content.events if group is None else content.events_of_group(_group(content, group).slug, with_subgroups=True)
    items = upcoming(content, events)[:count]
    if not items:
        return "Inga kommande möten."
    return render("upcoming_list.md.j2", page_uri, **template_helpers(content), items=items)


def decision_log(content: Content, page_uri: str, grupp: str) -> str:
    group = grupp
    _group(content, group)
    return _render(content, page_uri, "decision_log", content.decisions_of_group(group), "Inga beslut ännu.")


def open_actions(content: Content, page_uri: str, grupp: str) -> str:
    group = grupp
    _group(content, group)
    return _render(
        content, page_uri, "action_table", content.open_actions_of_group(group), "Inga öppna åtgärder."
    )


def _render(content: Content, page_uri: str, section: str, items, empty: str) -> str:
    if not items:
        return empty
    return render("macro.md.j2", page_uri, **template_helpers(content), section=section, items=items)


def latest_news(content: Content, page_uri: str, antal: int = 3) -> str:
    if not content.news:
        return "Inga nyheter ännu."
    return render("news_list.md.j2", page_uri, **template_helpers(content), posts=content.news[:antal])


MACROS = {
    "senaste_minnesanteckningar": latest_minutes,
    "kommande_moten": upcoming_meetings,
    "beslutslogg": decision_log,
    "oppna_atgarder": open_actions,
    "senaste_nyheter": latest_news,
    "hitta_grupp": place_finder,
}


def expand(markdown: str, content: Content, page_uri: str) -> str:
    """The page with each macro call replaced by its Markdown; anything else
    between template delimiters stays as the text it is (the build has
    reported it already)."""
    calls, _ = read_macro_calls(markdown)
    if not calls:
        return markdown
    parts, position = [], 0
    for call in calls:
        parts.append(markdown[position : call.start])
        parts.append(MACROS[call.name](content, page_uri, **dict(call.arguments)))
        position = call.end
    parts.append(markdown[position:])
    return "".join(parts)

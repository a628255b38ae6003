"""The agreements register and the toolbox: pages per item and their indexes."""

from __future__ import annotations

import re
from itertools import groupby

from samverkan.content.follow_up import meetings_without_minutes
from samverkan.content.model import AgreementStatus, Content
from samverkan.generate.links import agreement_uri, template_helpers, tool_uri
from samverkan.generate.markdown import Md, front_matter, render, search_facets
from samverkan.generate.output import GeneratedPage

_PLAIN_TAG = re.compile(r"^[\w åäöÅÄÖéü.,()-]+$")
AGREEMENTS_INDEX = "overenskommelser/index.md"
TOOLBOX_INDEX = "verktygslada/index.md"
TOOLBOX_TAGS = "verktygslada/amnen.md"
REVIEW_LIST = "redaktorer/granskning.md"


def agreement_pages(content: Content) -> list[GeneratedPage]:
    if not content.agreements:
        return []
    helpers = template_helpers(content)
    by_slug = {a.slug: a for a in content.agreements}

    def scope(agreement) -> str:
        if "alla" in agreement.groups:
            return "Alla grupper"
        return ", ".join(content.groups[g].name for g in agreement.groups if g in content.groups) or "–"

    current = [a for a in content.agreements if content.agreement_status(a).in_force or content.agreement_status(a) == AgreementStatus.UPCOMING]
    ended = [a for a in content.agreements if a not in current]
    pages = [
        GeneratedPage(
            AGREEMENTS_INDEX,
            render(
                "agreements_index.md.j2",
                AGREEMENTS_INDEX,
                **helpers,
                front=front_matter("Överenskommelser"),
                sections=[("Gällande", current), ("Upphörda och ersatta", ended)],
                scope=scope,
            ),
        )
    ]
    for agreement in content.agreements:
        uri = agreement_uri(agreement)
        pages.append(
            GeneratedPage(
                uri,
                render(
                    "agreement.md.j2",
                    uri,
                    **helpers,
                    front=front_matter(agreement.title, sok=search_facets(
                        "Överenskommelser", year=agreement.decided.year if agreement.decided else None)),
                    agreement=agreement,
                    body=Md(agreement.body),
                    groups=[content.groups[g] for g in agreement.groups if g in content.groups],
                    applies_to_all="alla" in agreement.groups,
                    replaces=by_slug.get(agreement.replaces) if agreement.replaces else None,
                    replaced_by=content.replaced_by(agreement),
                ),
                agreement.source.path,
            )
        )
    return pages


def toolbox_pages(content: Content) -> list[GeneratedPage]:
    if not content.tools:
        return []
    helpers = template_helpers(content)
    categories = [(c, list(ts)) for c, ts in groupby(content.tools, key=lambda t: t.category)]
    audiences = sorted({a for t in content.tools for a in t.audiences}, key=str.casefold)
    pages = [
        GeneratedPage(
            TOOLBOX_INDEX,
            render(
                "tools_index.md.j2",
                TOOLBOX_INDEX,
                **helpers,
                front=front_matter("Verktygslådan"),
                categories=categories,
                audiences=[(a, [t for t in content.tools if a in t.audiences]) for a in audiences],
            ),
        ),
        GeneratedPage(TOOLBOX_TAGS, render("tool_tags.md.j2", TOOLBOX_TAGS, **helpers, front=front_matter("Ämnen", sok=search_facets("Verktygslådan", weight=0.5)))),
        GeneratedPage(
            REVIEW_LIST,
            render(
                "review_list.md.j2",
                REVIEW_LIST,
                **helpers,
                # For editors, but in the menu: found, after the tools themselves.
                front=front_matter("Att granska", sok=search_facets("Information", weight=0.3)),
                tools=content.overdue_tools(),
                missing=meetings_without_minutes(content),
                plans=content.outdated_plans(),
            ),
        ),
    ]
    for tool in content.tools:
        uri = tool_uri(tool)
        # Material's tags: target groups and topics. Material prints tag names
        # without escaping them, so only plain words become tags; anything else
        # still shows, escaped, in the page's own fact list.
        tags = [t for t in (*tool.audiences, *tool.tags) if _PLAIN_TAG.match(t)]
        pages.append(
            GeneratedPage(
                uri,
                render("tool.md.j2", uri, **helpers, front=front_matter(tool.title, tags=tags, sok=search_facets("Verktygslådan")), tool=tool,
                       body=Md(tool.body)),
                tool.source.path,
            )
        )
    return pages

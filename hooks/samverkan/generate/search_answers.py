"""What the search knows before it searches, and the search page that works without JavaScript.

Pagefind matches words on pages; some questions have one right answer the
pages only imply. A place is covered by the group that meets for it today,
not by the wound-up group or the old minutes that mention it most
(generate/places.py); an abbreviation means what the glossary says. The
search box (hooks/overrides/javascripts/sok.js) puts these answers above
Pagefind's results, from `sok/svar.json`.

The search page (/sok/) is where the header's search form goes when no
script runs: Pagefind's results need JavaScript, so it lists the places and
their groups, and the ways into the calendar, the groups and the registers.
With JavaScript it opens the search box on the query it was given.
"""

from __future__ import annotations

import json
import re

from samverkan.content.model import Content
from samverkan.generate.links import agreement_uri, document_uri, group_uri, template_helpers, tool_uri
from samverkan.generate.markdown import front_matter, render, search_facets, url_from
from samverkan.generate.output import GeneratedFile, GeneratedPage
from samverkan.generate.places import Place, places

ANSWERS_URI = "sok/svar.json"
SEARCH_PAGE = "sok.md"
GLOSSARY_URL = "om/ordlista/"


def page_url(uri: str) -> str:
    """A page's address from the site's root, as MkDocs makes it: "grupper/nordost/"."""
    return url_from("index.md", uri)


def search_answers(content: Content, found_places: tuple[Place, ...] | None = None) -> GeneratedFile:
    found_places = places(content) if found_places is None else found_places
    titled = [(t.title, tool_uri(t)) for t in content.tools]
    titled += [(a.title, agreement_uri(a)) for a in content.agreements]
    titled += [(d.title, document_uri(d)) for d in content.documents]
    answers = {
        "platser": [
            {
                "namn": place.name,
                "grupper": [{"namn": g.name, "url": page_url(group_uri(g))} for g in place.groups],
                **({"tidigare": place.formerly.name} if place.formerly else {}),
            }
            for place in found_places
        ],
        "termer": [
            {
                "term": term.term,
                "betydelse": term.explanation,
                # The pages named for it: "Samordnad individuell plan (SIP)".
                "sidor": [
                    {"titel": title, "url": page_url(uri)}
                    for title, uri in titled
                    if re.search(rf"\(\s*{re.escape(term.term)}\s*\)", title)
                ],
            }
            for term in content.glossary
        ],
        "ordlista": GLOSSARY_URL,
    }
    return GeneratedFile(ANSWERS_URI, json.dumps(answers, ensure_ascii=False, separators=(",", ":")).encode("utf-8"))


def search_page(content: Content, found_places: tuple[Place, ...] | None = None) -> GeneratedPage:
    found_places = places(content) if found_places is None else found_places
    return GeneratedPage(
        SEARCH_PAGE,
        render(
            "search_page.md.j2",
            SEARCH_PAGE,
            **template_helpers(content),
            front=front_matter("Sök", description="Sök på Samverkanstorget, eller hitta din grupp utan att söka.",
                               hide=["toc"], sok=search_facets("Information", weight=0.5)),
            places=found_places,
            content=content,
        ),
    )


def place_finder(content: Content, page_uri: str) -> str:
    """The start page's "which group is mine?" (the macro `hitta_grupp`)."""
    return render("place_finder.md.j2", page_uri, **template_helpers(content), places=places(content),
                  search_page=SEARCH_PAGE)

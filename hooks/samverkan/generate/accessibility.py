"""What the site says about its own accessibility: a notice beside every link
to a document not everyone can read, and the accessibility statement.

The statement is the law's (lagen om tillgänglighet till digital offentlig
service, DIGG's model): how accessible the site is, what is not and why,
how to ask for what you cannot read, how to report a problem and complain
to the supervisory authority, and how the site was tested. Nothing in it is
written by hand that a machine measured: the test results come from the
browser tests' last run (`docs/om/tillganglighetstest.yml`, written by
tests/test_browser.py), the inaccessible documents from the build's own
check of every published file (safety/attachment_access.py).
"""

from __future__ import annotations

import html
import posixpath
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from types import MappingProxyType
from urllib.parse import quote, unquote, urlsplit

from samverkan.content.loaders.accessibility import TestRun
from samverkan.content.model import Content
from samverkan.generate.links import template_helpers
from samverkan.generate.markdown import front_matter, render, search_facets
from samverkan.generate.output import GeneratedAsset, GeneratedPage

STATEMENT_PAGE = "om/tillganglighet.md"
DIGG_COMPLAINTS = "https://www.digg.se/tdosanmalan"
_LINK = re.compile(r'<a\s[^>]*?href="(?P<href>[^"#?]+)(?:[#?][^"]*)?"[^>]*>.*?</a>', re.S)
_HREF = re.compile(r'href="([^"#?]*)')


def _file_name(href: str) -> str:
    name = href.rpartition("/")[2]
    return unquote(html.unescape(name) if "&" in name else name)


@dataclass(frozen=True, slots=True)
class InaccessibleFile:
    url: str  # from the site's root (and docs/, as a generated page links it): "minnesanteckningar/nordost/bilaga.pdf"
    name: str  # the file's name
    findings: tuple[str, ...]



@dataclass(frozen=True, slots=True)
class InaccessibleDocuments:
    """The documents not everyone can read, by their address on the site,
    and the names their links end with (for a quick look at each page)."""
    by_url: Mapping[str, InaccessibleFile]
    names: frozenset[str]

    @classmethod
    def none(cls) -> InaccessibleDocuments:
        return cls(MappingProxyType({}), frozenset())


def published_inaccessible(found: dict[str, tuple[str, ...]],
                           assets: Iterable[GeneratedAsset]) -> InaccessibleDocuments:
    """The documents not everyone can read (by repository path, from the
    loaders), by their address on the site: an attachment where its minutes
    publish it, a file in docs/ where MkDocs copies it."""
    published_as = {asset.source: asset.uri for asset in assets}
    files = {}
    for path, findings in found.items():
        url = published_as.get(path) or (path.removeprefix("docs/") if path.startswith("docs/") else None)
        if url is not None:
            files[url] = InaccessibleFile(url, posixpath.basename(path), findings)
    return InaccessibleDocuments(MappingProxyType(files), frozenset(f.name for f in files.values()))


def mark_inaccessible_links(page_html: str, page_url: str, inaccessible: InaccessibleDocuments,
                            contact: str) -> str:
    """Each link to a document not everyone can read, followed by a notice
    saying so and a way to ask for an accessible copy."""
    # Most pages link none of them. A look at the last part of each address
    # costs the same however many such documents there are (a look for each
    # name in the page made 10 000 minutes with 1 500 of them 40 s slower).
    if not any(_file_name(href) in inaccessible.names for href in _HREF.findall(page_html)):
        return page_html
    folder = page_url if page_url.endswith("/") else posixpath.dirname(page_url) + "/"

    def noted(match: re.Match) -> str:
        href = html.unescape(match.group("href"))
        if urlsplit(href).scheme or href.startswith("/"):
            return match.group(0)
        target = posixpath.normpath(posixpath.join(folder, unquote(href))).removeprefix("./")
        found = inaccessible.by_url.get(target)
        if found is None:
            return match.group(0)
        subject = quote(f"Tillgänglig version av {found.name}")
        return (f'{match.group(0)} <span class="sv-otillganglig">(inte tillgänglighetsanpassad: '
                f'{html.escape(", ".join(found.findings))}. '
                f'<a href="mailto:{html.escape(contact, quote=True)}?subject={subject}">Be om en tillgänglig version</a>)</span>')

    return _LINK.sub(noted, page_html)


def statement_page(content: Content, inaccessible: list[InaccessibleFile], run: TestRun | None,
                   contact: str) -> GeneratedPage:
    return GeneratedPage(
        STATEMENT_PAGE,
        render(
            "accessibility_statement.md.j2",
            STATEMENT_PAGE,
            **template_helpers(content),
            front=front_matter("Tillgänglighetsredogörelse", sok=search_facets("Information")),
            content=content,
            files=sorted(inaccessible, key=lambda f: f.url),
            run=run,
            contact=contact,
            complaints=DIGG_COMPLAINTS,
            conforms=not inaccessible and run is not None and run.passed,
        ),
    )

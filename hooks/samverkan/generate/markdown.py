"""Rendering generated Markdown safely.

Generated pages are Markdown so that MkDocs checks their links and the theme,
search and navigation treat them like any page. Every value a template prints
is escaped for Markdown *and* HTML unless it is a `Md` fragment we built
ourselves: with pymdownx.escapeall a backslash makes any punctuation literal,
so text from YAML can never become a tag, a link, an attribute list or a
template expression.
"""

from __future__ import annotations

import html
import json
import posixpath
import re
from collections.abc import Iterable
from datetime import date
from functools import cache, lru_cache
from pathlib import Path

import jinja2

from samverkan.language.swedish import swedish_date, swedish_size

_PUNCTUATION = re.compile(r"([!-/:-@\[-`{-~])")
_WHITESPACE = re.compile(r"\s+")


class Md(str):
    """A Markdown fragment that is already safe: printed as it is."""


def escape(value: object) -> str:
    """Plain text as literal Markdown on one line."""
    return _PUNCTUATION.sub(r"\\\1", _WHITESPACE.sub(" ", str(value)))


def _finalize(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, Md):
        return value
    return escape(value)


@lru_cache(maxsize=1 << 16)
def relative_link(target: str, from_uri: str) -> str:
    """A link from one Markdown source file to another, as MkDocs resolves them."""
    # Pure, and asked for the same pairs thousands of times per build.
    return posixpath.relpath(target, posixpath.dirname(from_uri) or ".")


def link(text: object, target: str, from_uri: str) -> Md:
    return Md(f"[{_finalize(text)}]({relative_link(target, from_uri)})")


def external(text: object, url: str) -> Md:
    """A link to another site. URLs are validated as http(s) or mailto without
    spaces or quotes when loaded; parentheses are encoded so Markdown keeps them."""
    return Md(f"[{_finalize(text)}]({url.replace('(', '%28').replace(')', '%29')})")


def mailto(address: str) -> Md:
    # Addresses are validated to letters, digits and ._%+-@ before they get here.
    return Md(f"[{escape(address)}](mailto:{address})")


@cache
def _environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(Path(__file__).parent / "templates"),
        finalize=_finalize,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        autoescape=False,  # escaping is done by _finalize, for Markdown and HTML at once
        # The templates are part of the code, which a running preview does not
        # reload either; checking their files' dates on every page costs time.
        auto_reload=False,
    )
    env.filters["datum"] = swedish_date
    env.filters["storlek"] = swedish_size
    # Output of our own template macros, already escaped value by value.
    env.filters["md"] = Md
    # Text inside the templates' own HTML (attributes, elements Markdown does not read).
    env.filters["html"] = lambda value: Md(html.escape(str(value), quote=True))
    env.globals["url_from"] = lambda page, target: Md(url_from(page, target))  # our own addresses
    env.filters["json"] = lambda value: Md(json.dumps(value, ensure_ascii=False))
    env.globals["mailto"] = mailto
    env.globals["external"] = external
    return env


def render(template: str, page_uri: str, **context: object) -> str:
    """Render one template for the page at `page_uri` (its Markdown source path)."""
    env = _environment()
    return env.get_template(template).render(
        page_uri=page_uri,
        link=lambda text, target: link(text, target, page_uri),
        **context,
    )


def url_from(page_uri: str, target_uri: str) -> str:
    """The address of one page as seen from another, for links inside the
    templates' own HTML, which MkDocs does not rewrite ("index.md" to
    "sok.md" is "sok/"; from "grupper/nordost.md" it is "../../sok/")."""
    def directory(uri: str) -> str:
        path = uri.removesuffix(".md")
        return path.removesuffix("index").rstrip("/") if path == "index" or path.endswith("/index") else path

    here, there = directory(page_uri), directory(target_uri)
    relative = posixpath.relpath(there or ".", here or ".")
    return "./" if relative == "." else relative + "/"


def _escaped(value: object) -> object:
    if isinstance(value, str):
        return html.escape(value, quote=True)
    if isinstance(value, (list, tuple)):
        return [_escaped(v) for v in value]
    if isinstance(value, dict):
        return {k: _escaped(v) for k, v in value.items()}
    return value


def search_facets(kind: str, group: str | None = None, year: int | None = None, weight: float | None = None,
                  names: str | None = None, dates: Iterable[date] = ()) -> dict:
    """What the search's filters offer for a page (kind of page, group, year),
    how much its text weighs against other pages' (Pagefind's weight, 1 by
    default), and `names`, the name the page is the page of (a group's; the
    search box ranks a match there first); the theme writes them into the page
    (overrides/partials/searchable-start.html); `dates`, the days the page
    is the meeting or the minutes of."""
    facets: dict[str, object] = {"typ": kind}
    if names:
        facets["namn"] = names
    if group:
        facets["grupp"] = group
    if year:
        facets["ar"] = str(year)
    if weight is not None:
        facets["vikt"] = weight
    if dates:
        # The days the page is the meeting or minutes of: a query for a date finds it (search_index.py).
        facets["datum"] = sorted({d.isoformat() for d in dates})
    return facets


def front_matter(title: str, **meta: object) -> Md:
    """Front matter for a generated page. Every text is HTML-escaped because the
    theme prints page meta (title, description, tags) into the page unescaped,
    some of it inside attributes."""
    lines = ["---", f"title: {json.dumps(_escaped(title), ensure_ascii=False)}"]
    lines += [f"{key}: {json.dumps(_escaped(value), ensure_ascii=False)}" for key, value in meta.items()]
    return Md("\n".join([*lines, "---", ""]))

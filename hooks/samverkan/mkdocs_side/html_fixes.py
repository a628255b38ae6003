"""Rewrites of the theme's output: landmarks named in Swedish, the blog's words, and what a preview shows instead of a page it withholds."""

from __future__ import annotations

import html
import re

from samverkan.problems import Problem


# Material leaves some landmarks without a (Swedish, unique) name, which
# screen readers need to tell them apart (axe: aria-dialog-name,
# landmark-unique). Naming them here keeps us off copies of Material's
# templates that would have to follow every upgrade.
LANDMARK_NAMES = (
    ('<nav class="md-nav md-nav--primary" aria-label="Navigation"',
     '<nav class="md-nav md-nav--primary" aria-label="Huvudmeny"'),
    ('<nav class="md-path" aria-label="Navigation"', '<nav class="md-path" aria-label="Du är här"'),
    ('<nav class="md-nav md-nav--primary">', '<nav class="md-nav md-nav--primary" aria-label="Om nyheten">'),
    ('<nav class="md-tags" >', '<nav class="md-tags" aria-label="Ämnen">'),
)


# Material's Swedish for its news blog reads as a translation; said the way the site says it.
BLOG_WORDS = (
    ("\n                    Tillbaka till index\n", "\n                    Alla nyheter\n"),
    ("\n                    Metadata\n", "\n                    Om nyheten\n"),
)


def named_landmarks(output: str) -> str:
    for material, named in LANDMARK_NAMES:
        output = output.replace(material, named, 1)
    # A news list's "Fortsätt läsa" is a link, not a navigation landmark (axe:
    # landmark-unique, one such nav per post on the list).
    if '<nav class="md-post__action">' in output:
        output = POST_ACTION.sub(r'<div class="md-post__action">\1</div>', output)
    return output


POST_ACTION = re.compile(r'<nav class="md-post__action">(.*?)</nav>', re.S)


# Material links "skip to content" to a page's first heading from its table
# of contents; the 404 page is a template without one.
EMPTY_SKIP = re.compile(r'<div data-md-component="skip">\s*</div>')


def withheld_notice(source: str, problems: tuple[Problem, ...]) -> str:
    """What a preview shows instead of a page whose file is unsafe to show."""
    items = "".join(f"<li>{html.escape(str(p))}</li>" for p in problems if p.file == source)
    return (
        '<div class="admonition failure" role="alert"><p class="admonition-title">Sidan visas inte</p>'
        f"<p>{html.escape(source)} innehåller något som inte får publiceras. Rätta felen och spara:</p>"
        f"<ul>{items}</ul></div>\n"
    )


def withheld_page(source: str, problems: list[Problem]) -> str:
    """What a preview shows instead of a rendered page the last gate stopped."""
    return (
        '<!doctype html><html lang="sv"><head><meta charset="utf-8"><title>Sidan visas inte</title></head>'
        f"<body><main>{withheld_notice(source, tuple(problems))}</main></body></html>"
    )


def banner(problems: tuple[Problem, ...]) -> str:
    """Shown on every page of a preview while content has errors (fetched: see PROBLEMS_URI)."""
    if not problems:
        return ""
    items = "".join(f"<li>{html.escape(str(p))}</li>" for p in problems)
    return (
        '<div class="admonition failure sv-byggfel" role="alert">'
        f'<p class="admonition-title">Innehållet har {len(problems)} fel</p>'
        "<p>Sidorna nedan visar det som gick att läsa. Rätta felen och spara, "
        f"så uppdateras förhandsvisningen.</p><ul>{items}</ul></div>"
    )

"""What an editor's Markdown may turn into: the allow-list for bodies.

Editors' text is untrusted (a slip, or a stolen account). Every Markdown body
is rendered with the site's own Markdown extensions and the result is parsed
the way a browser parses it (Lexbor, a WHATWG HTML parser: Python's own
`html.parser` reads `<!-->` differently from browsers). Only elements,
attributes and addresses on the allow-list pass; everything else is a
problem for the editor, not silently removed, so that what they see in the
preview is what they wrote.

The allow-list is the union of what Markdown and Material's extensions make
and the little HTML editors need (details/summary, abbr, kbd, sup/sub, tables,
div/span with a class for grids and admonitions). The editors' guide
(docs/redaktorer/index.md, "HTML i texten") lists the same.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

import markdown
import nh3
from selectolax.lexbor import LexborHTMLParser

from samverkan.problems import Problem
from samverkan.safety.urls import LINK_SCHEMES, browser_address

# The site's Markdown, as in mkdocs.yml plus what MkDocs always adds (toc,
# tables, fenced_code). A test holds this equal to mkdocs.yml.
MARKDOWN_EXTENSIONS = (
    "toc",
    "tables",
    "fenced_code",
    "abbr",
    "admonition",
    "attr_list",
    "def_list",
    "footnotes",
    "md_in_html",
    "pymdownx.details",
    "pymdownx.escapeall",
    "pymdownx.superfences",
    "pymdownx.tasklist",
)
MARKDOWN_CONFIGS = {
    "tables": {"use_align_attribute": True},
    "toc": {"permalink": True, "permalink_title": "Länk till det här avsnittet"},
    "pymdownx.escapeall": {"hardbreak": False, "nbsp": False},
    "pymdownx.tasklist": {"custom_checkbox": True},
}

# With these extensions only four things can produce markup or an address:
# raw HTML (`<`), inline links and images (`](`), reference definitions,
# footnotes and abbreviations (`]:`) and attribute lists (`{`). A body with
# none of them is plain text and needs no rendering: most minutes are.
_NEEDS_RENDERING = re.compile(r"<|\]\(|\]:|\{")
# A paragraph rendered after the body: if it does not come out as a
# paragraph, the body left a raw HTML block open and, on the generated page,
# the rest of the page would be read as raw HTML (where Markdown escaping of
# YAML values does not apply).
_END_MARK = "svslutkontroll"
# The blog's "read more" separator (Material's `post_excerpt_separator`): the one comment with a use.
_EXCERPT_SEPARATOR = "more"

_GLOBAL_ATTRIBUTES = frozenset({"class", "id", "title", "lang", "dir"})
ALLOWED_ELEMENTS: dict[str, frozenset[str]] = {
    **{tag: frozenset() for tag in (
        "p", "br", "hr", "h1", "h2", "h3", "h4", "h5", "h6", "em", "strong", "b", "i", "u", "s",
        "del", "ins", "mark", "small", "code", "pre", "blockquote", "ul", "dl", "dt", "dd", "sup",
        "sub", "abbr", "kbd", "summary", "div", "span", "figure", "figcaption", "q", "cite",
        "table", "caption", "thead", "tbody", "tfoot", "tr", "label", "article",
    )},
    "a": frozenset({"href", "rel", "target"}),
    "img": frozenset({"src", "alt", "width", "height", "loading"}),
    "ol": frozenset({"start", "type", "reversed"}),
    "li": frozenset({"value"}),
    "details": frozenset({"open"}),
    "th": frozenset({"colspan", "rowspan", "scope", "align"}),
    "td": frozenset({"colspan", "rowspan", "align"}),
    "col": frozenset({"span"}),
    "colgroup": frozenset({"span"}),
    # Only the disabled check box of a task list (pymdownx.tasklist).
    "input": frozenset({"type", "checked", "disabled"}),
}
# Every element gets its document around it; these carry no editor's markup
# unless they carry attributes (`<body onload=…>` lands on the page's body).
_DOCUMENT_ELEMENTS = frozenset({"html", "head", "body"})
_PAGE_START = "<!DOCTYPE html><html><head></head><body><article>"
# Browsers drop ASCII tab and newline anywhere in a URL and leading
# C0 controls and spaces: "java\tscript:" is javascript.
_URL_NOISE = re.compile(r"[\x00-\x20]")
# Between needles for a finding's line: the first that is found in the source wins.
_OR_ELSE = "\x00"

_EMBEDS = frozenset({"iframe", "object", "embed", "video", "audio", "source", "track", "frame", "frameset", "applet", "portal"})
_FORMS = frozenset({"form", "input", "button", "select", "textarea", "option", "optgroup", "datalist", "fieldset", "output"})
_SCRIPTS = frozenset({"script", "noscript", "template", "svg", "math"})

ALLOWED_TAGS_TEXT = "details, summary, abbr, kbd, sup, sub, br, tabeller och div/span med class"


@dataclass(frozen=True, slots=True)
class Finding:
    """Something in a rendered body that is not allowed, and how to find it in the source."""

    what: str  # shown to the editor as "hittade"
    message: str
    instead: str
    needle: str  # a case-insensitive regular expression for its line in the source


def check_body(body: str, file: str, body_line: int) -> list[Problem]:
    """Problems with the markup of one Markdown body, with their lines in the file."""
    if not _NEEDS_RENDERING.search(body):
        return []
    lines = body.split("\n")
    problems = []
    html = render(f"{body}\n\n{_END_MARK}\n")
    if f"<p>{_END_MARK}</p>" not in html:
        problems.append(
            Problem(
                file,
                body_line,
                None,
                "en HTML-tagg eller ett kodblock i texten avslutas aldrig, så resten av sidan skulle hamna i det",
                expected="avsluta taggen (t.ex. </div>) eller kodblocket (```) och lämna en tom rad efter",
                withhold=True,
            )
        )
    found = list(dict.fromkeys(findings(html)))
    if not found and not ammonia_agrees(html):
        found.append(
            Finding(
                "HTML",
                "texten innehåller HTML som den andra kontrollen (Ammonia) inte godkänner",
                f"Markdown, eller någon av de tillåtna taggarna: {ALLOWED_TAGS_TEXT} (se redaktörsguiden)",
                r"<",
            )
        )
    for finding in found:
        line = _line_of(lines, finding.needle)
        problems.append(
            Problem(
                file,
                body_line + line if line is not None else body_line,
                None,
                finding.message,
                finding.what,
                finding.instead,
                withhold=True,
            )
        )
    return problems


def ammonia_agrees(html: str) -> bool:
    """The second opinion: Ammonia (nh3), held to the same allow-list, leaves
    an accepted body as it is. Compared with the body as Ammonia writes it
    when it removes nothing, since the two write the same HTML differently."""
    tree = LexborHTMLParser(html)
    tags, attributes, schemes, properties = set(), set(), set(LINK_SCHEMES), set()
    for node in tree.root.traverse():
        if node.tag and not node.tag.startswith("-"):
            tags.add(node.tag.lower())
            for name, value in node.attributes.items():
                attributes.add(name.lower())
                if name.lower() in ("href", "src") and value and (address := browser_address(value)):
                    schemes.add(address.scheme)
                if name.lower() == "style" and value:
                    properties.update(p.split(":", 1)[0].strip().lower() for p in value.split(";"))
    tags -= _DOCUMENT_ELEMENTS
    permissive = nh3.clean(html, tags=tags, clean_content_tags=set(), attributes={"*": attributes},
                           url_schemes=schemes, link_rel=None, strip_comments=True,
                           **({"filter_style_properties": properties} if properties else {}))
    return permissive == _strict_cleaner().clean(html)


@functools.cache
def _strict_cleaner() -> nh3.Cleaner:
    attributes = {tag: set(names | _GLOBAL_ATTRIBUTES) for tag, names in ALLOWED_ELEMENTS.items()}
    return nh3.Cleaner(
        tags=set(ALLOWED_ELEMENTS), attributes=attributes, url_schemes=set(LINK_SCHEMES), link_rel=None,
        strip_comments=True,
    )


def render(body: str) -> str:
    """The body as the site's Markdown renders it."""
    md = _markdown()
    md.reset()
    return md.convert(body)


@functools.cache
def _markdown() -> markdown.Markdown:
    # One converter per process (forked workers make their own).
    return markdown.Markdown(extensions=list(MARKDOWN_EXTENSIONS), extension_configs=MARKDOWN_CONFIGS)


def findings(html: str) -> list[Finding]:
    """What in this HTML is not on the allow-list, as a browser would parse it."""
    found: list[Finding] = []
    # Parsed where it will stand: inside the body of a page, in an article.
    tree = LexborHTMLParser(_PAGE_START + html)
    for node in tree.root.traverse(include_text=True):
        if node.is_comment_node and (node.comment_content or "").strip() != _EXCERPT_SEPARATOR:
            found.append(
                Finding(
                    "<!-- … -->",
                    "HTML-kommentarer syns inte på sidan men finns kvar i sidans källkod, där alla kan läsa dem",
                    "ta bort kommentaren; det som inte ska publiceras hör inte hemma i filen",
                    r"<!",
                )
            )
        if not node.is_element_node:
            continue
        tag = node.tag.lower()
        attributes = node.attributes
        if tag in _DOCUMENT_ELEMENTS:
            if attributes:
                found.append(_tag_finding(tag))
            continue
        allowed = ALLOWED_ELEMENTS.get(tag)
        if allowed is None:
            found.append(_tag_finding(tag))
            continue
        for name, value in attributes.items():
            found.extend(_attribute_findings(tag, name.lower(), value or "", allowed))
    return found


def _tag_finding(tag: str) -> Finding:
    needle = rf"<\s*{re.escape(tag)}\b"
    if tag in _EMBEDS:
        return Finding(
            f"<{tag}>",
            "inbäddat innehåll från andra webbplatser är inte tillåtet: besökarens webbläsare skulle "
            "kontakta en annan server och webbplatsen lovar att inte göra det",
            "en vanlig länk, t.ex. [Se filmen på Youtube](https://www.youtube.com/watch?v=…)",
            needle,
        )
    if tag in _FORMS:
        return Finding(
            f"<{tag}>",
            "formulär kan inte finnas i texten",
            "en länk till formuläret där det finns, t.ex. [Anmälan](https://…)",
            needle,
        )
    if tag in _SCRIPTS or tag == "style":
        return Finding(
            f"<{tag}>",
            "skript, stilmallar och SVG kan inte skrivas i texten",
            "vanlig Markdown; behöver sidan en funktion eller ett utseende, kontakta den som förvaltar webbplatsen",
            needle,
        )
    return Finding(
        f"<{tag}>",
        f"HTML-taggen <{tag}> är inte tillåten i texten",
        f"Markdown, eller någon av de tillåtna taggarna: {ALLOWED_TAGS_TEXT} (se redaktörsguiden)",
        needle,
    )


def _attribute_findings(tag: str, name: str, value: str, allowed: frozenset[str]) -> list[Finding]:
    needle = rf"{re.escape(name)}\s*="
    if name.startswith("on"):
        return [
            Finding(
                f'{name}="{_short(value)}"',
                f"attributet {name} kör skript och är inte tillåtet",
                "ta bort attributet",
                needle,
            )
        ]
    if name not in allowed and name not in _GLOBAL_ATTRIBUTES:
        return [
            Finding(
                f"{name}= på <{tag}>",
                f"attributet {name} är inte tillåtet på <{tag}>",
                "ta bort attributet; tillåtna är " + ", ".join(sorted(allowed | _GLOBAL_ATTRIBUTES)),
                needle,
            )
        ]
    if name == "style":  # the site's security policy would block it anyway
        return [Finding(f'style="{_short(value)}"', "egna stilar är inte tillåtna", "ta bort attributet style", needle)]
    if tag == "input" and name == "type" and value.lower() != "checkbox":
        return [_tag_finding("input")]
    if name == "href":
        return _address_findings(value, image=False, written=needle)
    if name == "src":
        return _address_findings(value, image=True, written=needle)
    return []


def _address_findings(url: str, image: bool, written: str) -> list[Finding]:
    """`written`: how to find the attribute in the source when the address
    itself is written otherwise there (character references, tabs)."""
    address = browser_address(url)
    needle = re.escape(url.strip()[:40]) if url.strip() else written
    if address is None:
        return [
            Finding(
                _short(url),
                "adressen går inte att läsa som en webbadress",
                "en webbadress som börjar med https:// eller en länk till en sida på webbplatsen",
                needle,
            )
        ]
    if address.scheme not in LINK_SCHEMES:
        spelled = _URL_NOISE.sub("", url).lower()
        return [
            Finding(
                _short(url),
                f"adresser som börjar med {address.scheme}: är inte tillåtna (de kan köra kod i besökarens webbläsare)",
                "en webbadress som börjar med https:// eller en länk till en sida på webbplatsen",
                # The scheme as written, or else the attribute (written with references).
                re.escape(address.scheme) + _OR_ELSE + written if address.scheme in spelled else written,
            )
        ]
    if image and not address.on_this_site:
        return [
            Finding(
                _short(url),
                "bilder får inte hämtas från andra webbplatser: besökarens webbläsare skulle kontakta en annan server",
                "spara bilden i repositoriet bredvid sidan och skriv ![Beskrivning av bilden](bild.png)",
                needle + _OR_ELSE + written,
            )
        ]
    return []


def _short(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _line_of(lines: list[str], needle: str) -> int | None:
    """Zero-based line in the body where the finding was written; the rendered
    HTML has no line numbers, so the source is searched for what was found
    (needles tried in turn, see _OR_ELSE)."""
    for alternative in needle.split(_OR_ELSE):
        pattern = re.compile(alternative, re.IGNORECASE)
        for index, line in enumerate(lines):
            if pattern.search(line):
                return index
    return None


_ATX_H1 = re.compile(r"^#[ \t]+(.+?)[ \t]*#*[ \t]*$", re.MULTILINE)


def first_heading(body: str) -> str | None:
    """The text of a page's first level-one heading, as MkDocs takes a title
    from it (formatting removed, entities decoded); None without one."""
    match = _ATX_H1.search(body)
    if match is None:
        return None
    h1 = LexborHTMLParser(render(f"# {match[1]}")).css_first("h1")
    if h1 is None:
        return None
    for link in h1.css("a.headerlink"):
        link.decompose()
    return h1.text(deep=True).strip() or None

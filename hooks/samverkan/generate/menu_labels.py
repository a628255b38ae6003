"""Names and roles for the menu's expand toggles.

With `navigation.indexes`, Material renders a section that has a page of its
own as a link and, beside it, a `<label>` that opens and closes the section:
a tab stop with only an icon in it, and the name of the section's submenu
(`aria-labelledby` points at it). Screen readers announce both as nothing,
and a `<label>` may take neither a name of its own nor a role (axe's
aria-prohibited-attr, aria-allowed-role). So each toggle holds a button
instead: a `<span role="button">` with the tab stop, the section's name
(which Material prints in the submenu's title) and whether the section is
open. A click on it is a click on the label; javascripts/knappar.js presses
it with Enter or Space and keeps aria-expanded true. On a phone a submenu's
title is the way back up, and gets such a button too.
"""

from __future__ import annotations

import html
import re

_ICON_TOGGLE = re.compile(
    r'<label class="md-nav__link " for="(?P<id>__nav_[\d_]+)" id="(?P=id)_label" tabindex="0">'
    r'(?P<inside>\s*<span class="md-nav__icon md-icon"></span>\s*)</label>'
)
_TEXT_TOGGLE = re.compile(
    r'<label class="md-nav__link" for="(?P<id>__nav_[\d_]+)" id="(?P=id)_label" tabindex="0">(?P<inside>.*?)</label>', re.S
)
_TITLE = re.compile(r'<label class="md-nav__title" for="(__nav_[\d_]+)">(\s*<span class="md-nav__icon md-icon"></span>(.*?))</label>', re.S)
_OPEN = re.compile(r'<input class="md-nav__toggle md-toggle ?" type="checkbox" id="(__nav_[\d_]+)" checked>')
_TAG = re.compile(r"<[^>]+>")


def button(inside: str, name: str | None = None, expanded: bool | None = None) -> str:
    """What a toggle's <label> holds: a button, named by `name` or its text."""
    attributes = 'class="sv-knapp" data-sv-knapp role="button" tabindex="0"'
    if expanded is not None:
        attributes += f' aria-expanded="{str(expanded).lower()}"'
    if name:
        attributes += f' aria-label="{html.escape(name, quote=True)}"'
    return f"<span {attributes}>{inside}</span>"


def name_menu_toggles(menu: str) -> str:
    if 'tabindex="0">' not in menu:
        return menu
    titles = {m.group(1): " ".join(html.unescape(_TAG.sub(" ", m.group(3))).split()) for m in _TITLE.finditer(menu)}
    opened = set(_OPEN.findall(menu))

    def icon_toggle(match: re.Match) -> str:
        toggle = match.group("id")
        title = titles.get(toggle)
        name = f"Undermeny {title}" if title else "Undermeny"
        return (f'<label class="md-nav__link " for="{toggle}" id="{toggle}_label">'
                f'{button(match.group("inside"), name, toggle in opened)}</label>')

    def text_toggle(match: re.Match) -> str:
        toggle = match.group("id")
        return (f'<label class="md-nav__link" for="{toggle}" id="{toggle}_label">'
                f'{button(match.group("inside"), None, toggle in opened)}</label>')

    def back(match: re.Match) -> str:
        title = titles.get(match.group(1))
        name = f"Tillbaka från {title}" if title else "Tillbaka"
        return f'<label class="md-nav__title" for="{match.group(1)}">{button(match.group(2), name)}</label>'

    return _TITLE.sub(back, _TEXT_TOGGLE.sub(text_toggle, _ICON_TOGGLE.sub(icon_toggle, menu)))

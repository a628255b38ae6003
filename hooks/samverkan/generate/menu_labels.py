"""Names for the menu's expand toggles.

With `navigation.indexes`, Material renders a section that has a page of its
own as a link and, beside it, a `<label>` that opens and closes the section:
a tab stop with only an icon in it, and the name of the section's submenu
(`aria-labelledby` points at it). Screen readers announce both as nothing.
Each such label gets the section's name, which Material prints in the
submenu's title.
"""

from __future__ import annotations

import html
import re

_TOGGLE = re.compile(
    r'<label class="md-nav__link " for="(?P<id>__nav_[\d_]+)" id="(?P=id)_label" tabindex="0">'
    r'(?P<icon>\s*<span class="md-nav__icon md-icon"></span>\s*)</label>'
)
_TITLE = re.compile(r'<label class="md-nav__title" for="(__nav_[\d_]+)">\s*<span class="md-nav__icon md-icon"></span>(.*?)</label>', re.S)
_TAG = re.compile(r"<[^>]+>")


def name_menu_toggles(menu: str) -> str:
    if 'tabindex="0">' not in menu:
        return menu
    titles = {m.group(1): " ".join(html.unescape(_TAG.sub(" ", m.group(2))).split()) for m in _TITLE.finditer(menu)}

    def named(match: re.Match) -> str:
        title = titles.get(match.group("id"))
        if not title:
            return match.group(0)
        label = html.escape(f"Undermeny {title}", quote=True)
        return (f'<label class="md-nav__link " for="{match.group("id")}" id="{match.group("id")}_label" '
                f'tabindex="0" aria-label="{label}">{match.group("icon")}</label>')

    return _TOGGLE.sub(named, menu)

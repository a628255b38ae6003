"""The build's own rules as data for the web editor's check before a save.

In production the editor saves straight to the git host: no server of ours
sees the file before it is committed. So the form checks it in the browser
(`generate/assets/regler.js`), with the same character classes, words,
tags, attributes, address schemes and messages as the build, taken from
the modules the build uses. A test feeds the build's own test cases to both
and compares (tests/test_editor_rules.py).
"""

from __future__ import annotations

import html
import html.entities
import re
import sys
import unicodedata
from datetime import date, time

from samverkan.local_time import clock_trouble
from samverkan.safety import markup_policy, privacy, urls


def _digit_zeros() -> list[int]:
    """The code point of every zero of a decimal digit run (Python reads
    them all as digits; the browser's rules must too)."""
    return [c for c in range(sys.maxunicode + 1)
            if unicodedata.category(chr(c)) == "Nd" and unicodedata.decimal(chr(c)) == 0]


def _matters(text: str) -> bool:
    """Whether a character reference that decodes to `text` can change what
    the identity-number check reads (digits, dashes, spaces, what it skips)."""
    joiners = re.compile(f"[{privacy.DASHES}{privacy.SPACES}]")
    return all(
        unicodedata.category(c) == "Nd" or joiners.match(c) or privacy.INVISIBLE.match(c) or c in "\n\r+<>*_~`\\%"
        for c in text
    )


def rules_data() -> dict:
    spring, autumn = date(2027, 3, 28), date(2026, 10, 25)
    return {
        "privacy": {
            "dashes": privacy.DASHES,
            "spaces": privacy.SPACES,
            "invisible": privacy.INVISIBLE.pattern,
            "betweenDigits": privacy.BETWEEN_DIGITS.pattern,
            "phoneWords": list(privacy.PHONE_WORDS),
            "phoneGap": privacy.PHONE_GAP,
            "reference": privacy.REFERENCE.pattern,
            "digitZeros": _digit_zeros(),
            "entities": {name: value for name, value in html.entities.html5.items() if _matters(value)},
            "entityNames": sorted(html.entities.html5),
            "invalidCharrefs": {str(k): v for k, v in html._invalid_charrefs.items()},  # type: ignore[attr-defined]
            "invalidCodepoints": sorted(html._invalid_codepoints),  # type: ignore[attr-defined]
            "message": privacy.check_text(f"{_VALID[:6]}-{_VALID[6:]}", "x")[0].message,
            "expected": privacy.check_text(f"{_VALID[:6]}-{_VALID[6:]}", "x")[0].expected,
        },
        "markup": {
            "allowed": {tag: sorted(attributes) for tag, attributes in markup_policy.ALLOWED_ELEMENTS.items()},
            "global": sorted(markup_policy._GLOBAL_ATTRIBUTES),
            "document": sorted(markup_policy._DOCUMENT_ELEMENTS),
            "embeds": sorted(markup_policy._EMBEDS),
            "forms": sorted(markup_policy._FORMS),
            "scripts": sorted(markup_policy._SCRIPTS | {"style"}),
            "excerpt": markup_policy._EXCERPT_SEPARATOR,
            "schemes": sorted(urls.LINK_SCHEMES),
            "page": urls.PAGE,
            "siteHost": urls.PAGE.split("/")[2],
            "messages": {
                "embed": markup_policy._tag_finding("iframe").message,
                "form": markup_policy._tag_finding("form").message,
                "script": markup_policy._tag_finding("script").message,
                "tag": markup_policy._tag_finding("blink").message.replace("blink", "%s"),
                "comment": markup_policy.findings("<!-- x -->")[0].message,
                "event": "attributet %s kör skript och är inte tillåtet",
                "attribute": "attributet %s är inte tillåtet på <%t>",
                "style": "egna stilar är inte tillåtna",
                "scheme": markup_policy._address_findings("javascript:x", False, "")[0].message.replace(
                    "javascript", "%s"),
                "unreadable": markup_policy._address_findings("https://[x", False, "")[0].message,
                "image": markup_policy._address_findings("https://example.com/x.png", True, "")[0].message,
            },
        },
        "time": {
            "spring": clock_trouble(spring, time(2, 30)),
            "autumn": clock_trouble(autumn, time(2, 30)),
        },
    }


def _with_check_digit(nine: str) -> str:
    for digit in "0123456789":
        if privacy._luhn_ok(nine + digit):
            return nine + digit
    raise AssertionError(nine)


# Only to take the message the build gives (a made-up number of 1985).
_VALID = _with_check_digit("850612123")

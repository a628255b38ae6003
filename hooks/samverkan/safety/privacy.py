"""The privacy guard: no Swedish personal identity number in anything we publish.

Minutes are public. A personnummer or samordningsnummer (with a valid check
digit) stops the build with the file and line, however it is written: with
any dash or space (as Word and Outlook paste them: en dash, no-break space),
a minus sign, a `+`, or nothing between date and last four digits; with
full-width digits; 10 or 12 digits; and with anything between the digits
that a reader does not see: zero-width characters and soft hyphens,
Markdown emphasis, HTML tags and character references. The same function
reads editors' source, the text of attachments and every file of the built
site, so what a renderer or a generator assembles is seen too.

Phone numbers, dates, case numbers and organisation numbers must not be
flagged, or editors learn to ignore the guard: dates and organisation
numbers are no valid birth date with a check digit, and a phone number is
recognised by the whole word before it ("tel", "ring"; not the end of
"vårdplanering").
"""

from __future__ import annotations

import html
import re
from datetime import date
from typing import Iterator
from urllib.parse import unquote

from samverkan.problems import Problem

# Every dash (Unicode Pd), the minus signs, and every space (Unicode Zs).
DASHES = (
    "\u002d\u058a\u05be\u1400\u1806\u2010-\u2015\u2e17\u2e1a\u2e3a\u2e3b\u2e40\u2e5d\u301c\u3030\u30a0"
    "\ufe31\ufe32\ufe58\ufe63\uff0d\U00010ead\u2212\u2796\u207b\u208b"
)
# Line breaks too: a number broken over two lines of a Markdown paragraph is one number on the page.
SPACES = "\u0020\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000\t\r\n"
# Characters that take no room on screen: left out before anything is read.
INVISIBLE = re.compile("[\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180b-\u180f\u200b-\u200f\u202a-\u202e"
                        "\u2060-\u206f\u3164\ufe00-\ufe0f\ufeff\uffa0\U000e0000-\U000e0fff]")
# What may stand between two digits and still be read as one number: a tag,
# or Markdown's emphasis and escape characters. Left out for a second
# reading (the first reads attribute values, which the second drops).
BETWEEN_DIGITS = re.compile(r"<[^<>\n]{0,300}>|[*_~`\\]")
_CANDIDATE = re.compile(
    rf"(?<![\d+])(?P<century>\d\d)?(?P<birth>\d{{6}})(?P<separator>[{DASHES}{SPACES}+]{{0,3}})"
    r"(?P<tail>\d{4})(?!\d)"
)
# Every candidate has six digits in a row. Looking for those alone is several
# times faster, and most texts have none, so most readings stop there.
_SIX_DIGITS = re.compile(r"\d{6}")
# Whole words that say the number is a phone number ("tel 0701234567"),
# with what may stand between them and the number.
PHONE_WORDS = ("tel", "telefon", "telefonnummer", "tfn", "mobil", "mobilnr", "mobilnummer", "ring", "sms", "fax",
               "växel", "+46")
# What may stand between such a word and the number (the web editor's copy of these rules says the same).
PHONE_GAP = r"(?:[\s.:\u00a0*_]|<[^<>\n]*>)*$"
_PHONE_CONTEXT = re.compile(
    r"(?<![^\W\d_])(" + "|".join(re.escape(word) for word in PHONE_WORDS) + ")" + PHONE_GAP,
    re.IGNORECASE,
)
REFERENCE = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});?")


def _luhn_ok(digits: str) -> bool:
    total = 0
    for index, char in enumerate(digits):
        value = int(char) * (2 if index % 2 == 0 else 1)
        total += value - 9 if value > 9 else value
    return total % 10 == 0


def _plausible_birth_date(century: str | None, year: str, month: str, day: str) -> bool:
    m, d = int(month), int(day)
    if d > 60:  # samordningsnummer: day + 60
        d -= 60
    if not 1 <= m <= 12 or d < 1:
        return False
    full_year = int(century + year) if century else 2000  # 2000 is a leap year: allow 29 Feb
    if century and not 18 <= int(century) <= 20:
        return False
    try:
        date(full_year, m, d)
    except ValueError:
        return False
    return True


def readable_text(text: str) -> str:
    """The text as a reader sees it: invisible characters left out, character
    references decoded (but never into a line break, so lines keep their numbers)."""
    if INVISIBLE.search(text):
        text = INVISIBLE.sub("", text)
    if "&" in text:
        text = REFERENCE.sub(_decoded, text)
    return text


def _decoded(match: re.Match) -> str:
    value = html.unescape(match.group(0))
    return " " if "\n" in value or "\r" in value else INVISIBLE.sub("", value)


def find_identity_numbers(text: str) -> Iterator[tuple[int, str]]:
    """(line number, the number in its usual spelling) for every identity number in the text."""
    text = readable_text(text)
    readings = [text, BETWEEN_DIGITS.sub("", text)]
    if "%" in text:  # an address's own encoding
        readings += [unquote(reading) for reading in readings]
    seen = set()
    for reading in readings:
        for line, number in _numbers(reading):
            if (line, number) not in seen:
                seen.add((line, number))
                yield line, number


def _numbers(text: str) -> Iterator[tuple[int, str]]:
    # A number starts where a run of digits does: tried only there.
    for run in _SIX_DIGITS.finditer(text):
        match = _CANDIDATE.match(text, run.start())
        if match is None:
            continue
        century = "".join(str(int(d)) for d in match["century"]) if match["century"] else None
        birth = "".join(str(int(d)) for d in match["birth"])
        tail = "".join(str(int(d)) for d in match["tail"])
        if not _plausible_birth_date(century, birth[:2], birth[2:4], birth[4:]):
            continue
        if not _luhn_ok(birth + tail):
            continue
        line_start = text.rfind("\n", 0, match.start()) + 1
        if _PHONE_CONTEXT.search(text[max(line_start, match.start() - 400) : match.start()]):
            continue
        separator = "+" if "+" in match["separator"] else "-"
        yield text.count("\n", 0, match.start()) + 1, f"{century or ''}{birth}{separator}{tail}"


def check_text(text: str, file: str, first_line: int = 1) -> list[Problem]:
    return [
        Problem(
            file,
            first_line + line - 1,
            None,
            "texten innehåller ett personnummer eller samordningsnummer. Minnesanteckningar "
            "och andra sidor är offentliga: ta bort numret och alla uppgifter om enskilda personer",
            masked(number),
            expected="inga personuppgifter; är det ett telefonnummer, skriv det med "
            "bindestreck och mellanslag, t.ex. 070-123 45 67",
            withhold=True,
        )
        for line, number in find_identity_numbers(text)
    ]


def check_file_name(rel: str) -> list[Problem]:
    """A file's name is published too: in its address, and often as a link's text."""
    return [
        Problem(
            _masked_path(rel),
            None,
            None,
            "filens namn innehåller ett personnummer eller samordningsnummer; namnet syns i "
            "webbadressen och i länkar",
            masked(number),
            "ett filnamn utan personuppgifter, t.ex. datum och ämne",
            withhold=True,
        )
        for _, number in find_identity_numbers(rel.replace("/", "\n"))
    ]


def _masked_path(rel: str) -> str:
    """The path as a report may print it: digits past the sixth of the name hidden."""
    folder, _, name = rel.rpartition("/")
    seen = 0

    def hide(match: re.Match) -> str:
        nonlocal seen
        seen += 1
        return match.group(0) if seen <= 6 else "*"

    return (folder + "/" if folder else "") + re.sub(r"\d", hide, name)


def masked(number: str) -> str:
    # The report itself is printed in CI logs: do not repeat the whole number.
    return number[:-4] + "****"

"""The privacy guard: no Swedish personal identity number in anything we publish.

Minutes are public. A personnummer or samordningsnummer (with a valid check
digit, in any usual spelling) stops the build with the file and line. Dates,
phone numbers, case numbers and organisation numbers must not be flagged, or
editors learn to ignore the guard.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Iterator

from .problems import Problem

# 6 or 8 digits of birth date, an optional separator (-, + or one space), 4 digits.
_CANDIDATE = re.compile(r"(?<![\d+])(\d{2})?(\d{2})(\d{2})(\d{2})([-+ ]?)(\d{4})(?![\d])")
# Every candidate starts with six digits in a row. Looking for those alone is
# several times faster, and almost no text has them, so most texts stop here.
_SIX_DIGITS = re.compile(r"\d{6}")
# Words that say the number is a phone number ("tel 0701234567").
_PHONE_CONTEXT = re.compile(r"(tel|telefon|mobil|mobilnr|ring|sms|fax|växel|\+46)[\s.:]*$", re.IGNORECASE)


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


def find_identity_numbers(text: str) -> Iterator[tuple[int, str]]:
    """(line number, the number as written) for every identity number in the text."""
    # One pass over the whole text: almost every file has no candidate at all.
    if not _SIX_DIGITS.search(text):
        return
    for match in _CANDIDATE.finditer(text):
        century, year, month, day, _separator, tail = match.groups()
        if not _plausible_birth_date(century, year, month, day):
            continue
        if not _luhn_ok(year + month + day + tail):
            continue
        line_start = text.rfind("\n", 0, match.start()) + 1
        if _PHONE_CONTEXT.search(text[line_start : match.start()]):
            continue
        yield text.count("\n", 0, match.start()) + 1, match.group(0)


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


def masked(number: str) -> str:
    # The report itself is printed in CI logs: do not repeat the whole number.
    return number[:-4] + "****"

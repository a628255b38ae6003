"""Swedish formatting shared by loaders and generators."""

from __future__ import annotations

from datetime import date
from functools import lru_cache

from babel.dates import format_date

# Swedish month names never change; Babel's general formatter costs a
# millisecond a call, which ten thousand minutes titles notice.
MONTHS = ("januari", "februari", "mars", "april", "maj", "juni", "juli",
          "augusti", "september", "oktober", "november", "december")


def swedish_date(value: date) -> str:
    """"10 mars 2026"."""
    return f"{value.day} {MONTHS[value.month - 1]} {value.year}"


def swedish_size(size: int) -> str:
    """File sizes as Swedes write them: "1,2 MB", "830 kB"."""
    if size >= 1_000_000:
        return f"{size / 1_000_000:.1f} MB".replace(".", ",")
    return f"{max(1, round(size / 1000))} kB"


def month_label(day: date) -> str:
    return f"{MONTHS[day.month - 1]} {day.year}".capitalize()


@lru_cache(maxsize=4096)
def short_date(day: date) -> str:
    # Babel's formatter, with its abbreviations ("tis 3 mars"); a calendar
    # asks for the same few hundred days on every build.
    return format_date(day, "EEE d MMM", locale="sv")


_ALPHABET_END = str.maketrans({"å": "{", "ä": "|", "ö": "}", "é": "e", "ü": "y"})


def swedish_order(text: str) -> str:
    """A sort key in Swedish alphabetical order: å, ä, ö after z."""
    return text.casefold().translate(_ALPHABET_END)

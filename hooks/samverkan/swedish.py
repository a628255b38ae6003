"""Swedish formatting shared by loaders and generators."""

from __future__ import annotations

from datetime import date
from functools import lru_cache
from typing import TYPE_CHECKING

from babel.dates import format_date

if TYPE_CHECKING:
    from .model import Occurrence


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


def when(occurrence: "Occurrence") -> str:
    """"Heldag", "08:30–12:00", or "23–24 maj" for the time column."""
    event = occurrence.event
    if occurrence.end_date != occurrence.date:
        start, end = occurrence.date, occurrence.end_date
        first = f"{start.day}" if start.month == end.month else f"{start.day} {MONTHS[start.month - 1]}"
        span = f"{first}–{end.day} {MONTHS[end.month - 1]}"
        return span if event.all_day else f"{span}, {occurrence.start_time:%H:%M}–{occurrence.end_time:%H:%M}"
    if event.all_day:
        return "Heldag"
    return f"{occurrence.start_time:%H:%M}–{occurrence.end_time:%H:%M}"


@lru_cache(maxsize=4096)
def short_date(day: date) -> str:
    # Babel's formatter, with its abbreviations ("tis 3 mars"); a calendar
    # asks for the same few hundred days on every build.
    return format_date(day, "EEE d MMM", locale="sv")

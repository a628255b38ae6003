"""Clock times in Göteborg, where one night a year lacks an hour and one has it twice.

A meeting at 02:30 on the night summer time starts does not exist: clients
move it each in their own way (icalendar and ical.js disagree by an hour).
One at 02:30 on the night it ends happens twice, and clients pick either.
Both are refused with the date, so every calendar shows the same instant.
"""

from __future__ import annotations

from datetime import date, datetime, time, timezone
from zoneinfo import ZoneInfo

STOCKHOLM = ZoneInfo("Europe/Stockholm")


def clock_trouble(day: date, at: time) -> str | None:
    """Why `at` on `day` is no single instant in Stockholm, or None."""
    wall = datetime.combine(day, at, tzinfo=STOCKHOLM)
    if wall.astimezone(timezone.utc).astimezone(STOCKHOLM).replace(tzinfo=None) != wall.replace(tzinfo=None):
        return "klockslaget finns inte: natten då sommartiden börjar går klockan från 02:00 direkt till 03:00"
    if wall.utcoffset() != wall.replace(fold=1).utcoffset():
        return "klockslaget finns två gånger: natten då sommartiden slutar går klockan tillbaka från 03:00 till 02:00"
    return None


def shifts_in(year: int) -> tuple[date, date]:
    """The two Sundays the clocks change (EU rules: the last Sunday of March and of October)."""
    def last_sunday(month: int) -> date:
        day = date(year, month, 31)
        return date.fromordinal(day.toordinal() - (day.weekday() + 1) % 7)

    return last_sunday(3), last_sunday(10)

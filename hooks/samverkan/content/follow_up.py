"""Follow-up the editors are reminded of: meetings held without published minutes.

A meeting in the calendar that took place more than three weeks ago, and
whose group has published no minutes for that day, is listed on the editors'
review page and reported by `make check` as a reminder (never an error: the
minutes may be on their way). Only the last year is looked at, so an
imported history does not flood the list; a cancelled date, an all-day event
(a conference, a theme day) and a draft do not count as minutes held.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from samverkan.content.model import Content, Event, Occurrence
from samverkan.content.recurrence import held_dates

MINUTES_DUE = timedelta(days=21)
LOOK_BACK = timedelta(days=365)


@dataclass(frozen=True, slots=True)
class MissingMinutes:
    group: str
    date: date
    event: Event

    @property
    def expected_file(self) -> str:
        return f"minnesanteckningar/{self.group}/{self.date.isoformat()}.md"


def meetings_without_minutes(content: Content) -> tuple[MissingMinutes, ...]:
    since, until = content.today - LOOK_BACK, content.today - MINUTES_DUE
    found = []
    for event in content.events:
        if not event.group or event.all_day:
            continue
        for day, change in held_dates(event, until):
            if day < since or Occurrence(event, day, change).cancelled:
                continue
            if content.minutes_on(event.group, day) is None:
                found.append(MissingMinutes(event.group, day, event))
    return tuple(sorted(found, key=lambda m: (m.date, m.group), reverse=True))


def last_meeting(content: Content, group: str) -> Occurrence | None:
    """The group's latest meeting in the calendar before today that was held."""
    latest = None
    for event in content.events_of_group(group):
        if event.all_day:
            continue
        for day, change in held_dates(event, content.today - timedelta(days=1)):
            occurrence = Occurrence(event, day, change)
            if not occurrence.cancelled and (latest is None or day > latest.date):
                latest = occurrence
    return latest

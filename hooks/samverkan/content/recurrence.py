"""Occurrences of recurring events, with dateutil's implementation of RFC 5545 rules.

Feeds carry the rule itself (RRULE); pages need the dates, and both must agree.
"""

from __future__ import annotations

import calendar
from datetime import date, datetime, timedelta

from dateutil import rrule

from samverkan.memo import memo
from samverkan.content.model import Event, Frequency, OccurrenceChange, Recurrence
from samverkan.language.swedish import MONTHS

_FREQ = {
    Frequency.DAILY: rrule.DAILY,
    Frequency.WEEKLY: rrule.WEEKLY,
    Frequency.MONTHLY: rrule.MONTHLY,
    Frequency.YEARLY: rrule.YEARLY,
}
_WEEKDAYS = (rrule.MO, rrule.TU, rrule.WE, rrule.TH, rrule.FR, rrule.SA, rrule.SU)


def as_rrule(recurrence: Recurrence, first: date) -> rrule.rrule:
    kwargs: dict = {"interval": recurrence.interval}
    if recurrence.weekday is not None:
        weekday = _WEEKDAYS[recurrence.weekday]
        kwargs["byweekday"] = weekday(recurrence.ordinal) if recurrence.ordinal else weekday
        if recurrence.frequency == Frequency.YEARLY and recurrence.ordinal:
            kwargs["bymonth"] = first.month
    if recurrence.until:
        kwargs["until"] = datetime.combine(recurrence.until, datetime.max.time())
    if recurrence.count:
        kwargs["count"] = recurrence.count
    return rrule.rrule(_FREQ[recurrence.frequency], dtstart=datetime.combine(first, datetime.min.time()), **kwargs)


def occurrence_dates(event: Event, until: date) -> list[date]:
    """Every date the event takes place up to `until`, exceptions left out,
    changed dates on their new day."""
    return [day for day, _ in held_dates(event, until)]


def held_dates(event: Event, until: date) -> tuple[tuple[date, OccurrenceChange | None], ...]:
    """(day, change) for every date up to `until`, in order of day."""
    # Asked for every event by the pages, the feeds and the archive, and on
    # every preview rebuild; expanding a rule is not cheap.
    return _HELD.get((event, until), lambda: tuple(_held_dates(event, until)))


_HELD = memo()


def _held_dates(event: Event, until: date) -> list[tuple[date, OccurrenceChange | None]]:
    if event.recurrence is None:
        return [(event.start_date, None)] if event.start_date <= until else []
    changes = {c.day: c for c in event.recurrence.changes}
    # A date may be moved to before `until` from a little after it.
    reach = max([until] + [c.day for c in changes.values() if c.new_day and c.new_day <= until])
    rule = as_rrule(event.recurrence, event.start_date)
    skipped = set(event.recurrence.exceptions)
    found = []
    for moment in rule.between(datetime.min, datetime.combine(reach, datetime.max.time()), inc=True):
        day = moment.date()
        if day in skipped:
            continue
        change = changes.get(day)
        held = change.new_day if change and change.new_day else day
        if held <= until:
            found.append((held, change))
    return sorted(found, key=lambda pair: pair[0])


def is_occurrence(recurrence: Recurrence, first: date, day: date) -> bool:
    rule = as_rrule(recurrence, first)
    return datetime.combine(day, datetime.min.time()) in rule.between(
        datetime.combine(day - timedelta(days=1), datetime.min.time()),
        datetime.combine(day + timedelta(days=1), datetime.min.time()),
    )


def next_occurrence(recurrence: Recurrence, first: date, after: date) -> date | None:
    found = as_rrule(recurrence, first).after(datetime.combine(after, datetime.min.time()), inc=True)
    return found.date() if found else None


def skipped_months(recurrence: Recurrence, first: date) -> str | None:
    """Which months a series on the 29th-31st leaves out, in words: RFC 5545
    (and so every calendar program) skips a date a month does not have,
    rather than moving it to the month's last day."""
    if recurrence.weekday is not None or first.day < 29:
        return None
    if recurrence.frequency == Frequency.YEARLY:
        return "alla år utom skottår (den 29 februari finns bara då)" if first.month == 2 else None
    if recurrence.frequency != Frequency.MONTHLY:
        return None
    always: list[int] = []
    sometimes: list[int] = []
    for step in range(0, 48, recurrence.interval):  # four years: every leap year case
        year, month = first.year + (first.month - 1 + step) // 12, (first.month - 1 + step) % 12 + 1
        if recurrence.until and date(year, month, 1) > recurrence.until:
            break
        if calendar.monthrange(year, month)[1] < first.day:
            (sometimes if month == 2 and first.day == 29 else always).append(month)
    names = [MONTHS[m - 1] + (" utom under skottår" if m in sometimes else "") for m in sorted(set(always + sometimes))]
    if not names:
        return None
    listed = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " och " + names[-1]
    day = f"{first.day}:e" if first.day != 31 else "31:a"
    return f"{listed} – {'den' if len(names) == 1 else 'de'} saknar den {day}"

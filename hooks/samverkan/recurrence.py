"""Occurrences of recurring events, with dateutil's implementation of RFC 5545 rules.

Feeds carry the rule itself (RRULE); pages need the dates, and both must agree.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

from dateutil import rrule

from .model import Event, Frequency, Recurrence

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
    """Every date the event takes place up to `until`, exceptions left out."""
    if event.recurrence is None:
        return [event.start_date] if event.start_date <= until else []
    rule = as_rrule(event.recurrence, event.start_date)
    end = datetime.combine(until, datetime.max.time())
    skipped = set(event.recurrence.exceptions)
    return [d.date() for d in rule.between(datetime.min, end, inc=True) if d.date() not in skipped]


def is_occurrence(recurrence: Recurrence, first: date, day: date) -> bool:
    rule = as_rrule(recurrence, first)
    return datetime.combine(day, datetime.min.time()) in rule.between(
        datetime.combine(day - timedelta(days=1), datetime.min.time()),
        datetime.combine(day + timedelta(days=1), datetime.min.time()),
    )


def next_occurrence(recurrence: Recurrence, first: date, after: date) -> date | None:
    found = as_rrule(recurrence, first).after(datetime.combine(after, datetime.min.time()), inc=True)
    return found.date() if found else None

"""iCalendar feeds (RFC 5545) that Outlook, Google, Apple and Thunderbird all accept.

icalendar writes the lines (CRLF, folding at 75 octets without splitting a
UTF-8 character, TEXT escaping); this module decides what goes in them.
Nothing depends on the time of the build, so a rebuild gives the same bytes.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime, time, timedelta, timezone
from zoneinfo import ZoneInfo

from icalendar import Calendar, Event as VEvent, Timezone, TimezoneDaylight, TimezoneStandard, vRecur, vText

from samverkan.memo import memo
from samverkan.content.model import Event, Frequency, OccurrenceChange

TZID = "Europe/Stockholm"
STOCKHOLM = ZoneInfo(TZID)
UID_DOMAIN = "samverkanstorget"
PRODID = "-//Vårdsamverkan Göteborgsområdet//Samverkanstorget//SV"
CANCELLED_PREFIX = "INSTÄLLT: "
REFRESH = timedelta(hours=1)
_WEEKDAY_CODES = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")


@dataclass(frozen=True, slots=True)
class CalendarFeed:
    uri: str  # e.g. "kalender/alla.ics"
    name: str
    description: str
    events: tuple[Event, ...]


def uid(event: Event) -> str:
    return f"{event.id}@{UID_DOMAIN}"


def _stockholm_timezone() -> Timezone:
    """Europe/Stockholm as the EU rules (last Sunday of March and October),
    the compact form Outlook and Google themselves publish."""
    tz = Timezone()
    tz.add("tzid", TZID)
    tz.add("x-lic-location", TZID)
    summer = TimezoneDaylight()
    summer.add("tzname", "CEST")
    summer.add("tzoffsetfrom", timedelta(hours=1))
    summer.add("tzoffsetto", timedelta(hours=2))
    summer.add("dtstart", datetime(1970, 3, 29, 2, 0, 0))
    summer.add("rrule", {"freq": "yearly", "bymonth": 3, "byday": "-1SU"})
    winter = TimezoneStandard()
    winter.add("tzname", "CET")
    winter.add("tzoffsetfrom", timedelta(hours=2))
    winter.add("tzoffsetto", timedelta(hours=1))
    winter.add("dtstart", datetime(1970, 10, 25, 3, 0, 0))
    winter.add("rrule", {"freq": "yearly", "bymonth": 10, "byday": "-1SU"})
    tz.add_component(summer)
    tz.add_component(winter)
    return tz


def daily_hours(event: Event) -> bool:
    """An event over several days whose `tid` is the hours of each day."""
    return not event.all_day and event.end_date is not None and event.end_time > event.start_time


def local(day: date, at: time) -> datetime:
    return datetime.combine(day, at, tzinfo=STOCKHOLM)


def _rrule(event: Event) -> vRecur:
    rec = event.recurrence
    rule: dict = {"freq": rec.frequency.rfc}
    if rec.interval > 1:
        rule["interval"] = rec.interval
    if rec.weekday is not None:
        code = _WEEKDAY_CODES[rec.weekday]
        rule["byday"] = f"{rec.ordinal}{code}" if rec.ordinal else code
        if rec.frequency == Frequency.YEARLY and rec.ordinal:
            rule["bymonth"] = event.start_date.month
    if rec.until:
        if event.all_day:
            rule["until"] = rec.until
        else:
            # With a TZID'd DTSTART, UNTIL must be UTC (RFC 5545 3.3.10).
            end_of_day = datetime.combine(rec.until, time(23, 59, 59), tzinfo=STOCKHOLM)
            rule["until"] = end_of_day.astimezone(timezone.utc)
    if rec.count:
        rule["count"] = rec.count
    return vRecur(rule)


def vevent(event: Event, page_url: str, group_name: str | None) -> VEvent:
    item = VEvent()
    item.add("uid", uid(event))
    stamp = event.last_modified or datetime(2000, 1, 1, tzinfo=timezone.utc)
    item.add("dtstamp", stamp)
    item.add("last-modified", stamp)
    item.add("sequence", event.sequence)
    item.add("summary", (CANCELLED_PREFIX if event.cancelled else "") + event.title)
    if event.all_day:
        item.add("dtstart", event.start_date)
        item.add("dtend", event.last_day + timedelta(days=1))  # exclusive
    elif daily_hours(event):
        # Those hours on each day, as the page reads; the loader refuses a
        # series of such events, so the daily rule is the only one.
        item.add("dtstart", local(event.start_date, event.start_time))
        item.add("dtend", local(event.start_date, event.end_time))
        item.add("rrule", vRecur({"freq": "DAILY", "count": (event.last_day - event.start_date).days + 1}))
    else:  # one block, also overnight (end before start, with slutdatum)
        item.add("dtstart", local(event.start_date, event.start_time))
        item.add("dtend", local(event.last_day, event.end_time))
    if event.recurrence:
        item.add("rrule", _rrule(event))
        if event.recurrence.exceptions:
            if event.all_day:
                item.add("exdate", list(event.recurrence.exceptions))
            else:
                item.add("exdate", [local(d, event.start_time) for d in event.recurrence.exceptions])
    if event.place:
        item.add("location", event.place)
    description = [event.description] if event.description else []
    if event.cancelled:
        description.insert(0, "Mötet är inställt.")
    if event.link:
        description.append(event.link)
    description.append(f"Mer information: {page_url}")
    item.add("description", "\n\n".join(description))
    item.add("url", page_url)
    item.add("status", "CANCELLED" if event.cancelled else "CONFIRMED")
    if group_name:
        item.add("categories", [group_name])
    return item


class EventSerializer:
    """Each VEVENT is written once and reused by every feed it is in (all
    events, the archive, its group's and parents' feeds, its own file), and
    by the next preview build while the event, its address and its group's
    name stay the same."""

    def __init__(self, event_url, group_names: dict[str, str]) -> None:
        self._event_url = event_url
        self._group_names = group_names

    def __call__(self, event: Event) -> bytes:
        url, group_name = self._event_url(event), self._group_names.get(event.group)
        return _VEVENTS.get((event, url, group_name), lambda: _serialized(event, url, group_name))


_VEVENTS = memo()


def _serialized(event: Event, url: str, group_name: str | None) -> bytes:
    items = [vevent(event, url, group_name)]
    if event.recurrence is not None:
        items += [cancelled_occurrence(event, day, url, group_name) for day in sorted(event.recurrence.cancelled)]
        items += [changed_occurrence(event, change, url, group_name)
                  for change in sorted(event.recurrence.changes, key=lambda c: c.day)]
    return b"".join(item.to_ical() for item in items)


def changed_occurrence(event: Event, change: OccurrenceChange, page_url: str, group_name: str | None) -> VEvent:
    """One date of a series on another day, at other hours or elsewhere: the
    same UID with RECURRENCE-ID (the date the series gives), the new values."""
    day = change.new_day or change.day
    length = event.last_day - event.start_date
    moved = replace(
        event, start_date=day, end_date=day + length if event.end_date else None, recurrence=None,
        start_time=change.start_time or event.start_time, end_time=change.end_time or event.end_time,
        place=change.place or event.place,
    )
    item = vevent(moved, page_url, group_name)
    item.add("recurrence-id", change.day if event.all_day else local(change.day, event.start_time))
    return item


def cancelled_occurrence(event: Event, day: date, page_url: str, group_name: str | None) -> VEvent:
    """One date of a series, cancelled: the same UID with RECURRENCE-ID, so
    every client marks that date (not the series) as cancelled."""
    length = event.last_day - event.start_date
    moved = replace(event, start_date=day, end_date=day + length if event.end_date else None, recurrence=None,
                    cancelled=True)
    item = vevent(moved, page_url, group_name)
    item.add("recurrence-id", day if event.all_day else local(day, event.start_time))
    return item


_END = b"END:VCALENDAR\r\n"


def feed_bytes(feed: CalendarFeed, site_url: str, serialize: EventSerializer) -> bytes:
    head = _HEADS.get((feed.name, feed.description, feed.uri, site_url), lambda: _feed_head(feed, site_url))
    events = sorted(feed.events, key=lambda e: (e.start_date, e.start_time or time(0), e.id))
    return head + b"".join(serialize(e) for e in events) + _END


_HEADS = memo()


def _feed_head(feed: CalendarFeed, site_url: str) -> bytes:
    """The feed's calendar properties and time zone, up to its events."""
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    # TEXT values, escaped as such: icalendar leaves NAME and X- properties raw.
    cal.add("name", vText(feed.name))
    cal.add("x-wr-calname", vText(feed.name))
    cal.add("description", vText(feed.description))
    cal.add("x-wr-caldesc", vText(feed.description))
    cal.add("x-wr-timezone", TZID)
    cal.add("refresh-interval", REFRESH, parameters={"VALUE": "DURATION"})
    cal.add("x-published-ttl", "PT1H")  # Outlook reads this one
    cal.add("url", site_url.rstrip("/") + "/" + feed.uri)
    # Always the time zone: it serves timed events, and RFC 5545 wants at
    # least one component even in a feed with no events yet.
    cal.add_component(_stockholm_timezone())
    head = cal.to_ical()
    assert head.endswith(_END)
    return head[: -len(_END)]

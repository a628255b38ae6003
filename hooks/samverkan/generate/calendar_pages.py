"""The calendar: pages for people, feeds for their calendar programs."""

from __future__ import annotations

from datetime import date, time, timedelta
from itertools import groupby
from urllib.parse import urlsplit

from samverkan.memo import memo
from samverkan.content.model import Content, Event, Occurrence
from samverkan.content.recurrence import held_dates, occurrence_dates, skipped_months
from samverkan.language.swedish import month_label, swedish_date
from samverkan.generate.feeds import CalendarFeed, EventSerializer, feed_bytes
from samverkan.generate.links import event_ics_uri, event_uri, group_feed_uri, template_helpers
from samverkan.generate.markdown import Md, escape, front_matter, render, search_facets
from samverkan.generate.output import GeneratedFile, GeneratedPage

CALENDAR_INDEX = "kalender/index.md"
ARCHIVE = "kalender/arkiv.md"
YEAR_WHEEL = "kalender/arshjul.md"
SUBSCRIBE = "kalender/prenumerera.md"
ALL_FEED = "kalender/alla.ics"
ARCHIVE_FEED = "kalender/arkiv.ics"
# Subscribers' clients fetch a whole feed on every poll: the feeds people
# subscribe to hold the last year and everything ahead; the archive feed holds all.
FEED_WINDOW = timedelta(days=365)
HORIZON = timedelta(days=366)  # how far ahead the pages list meetings


def absolute(site_url: str, uri: str) -> str:
    """The published address of a generated file (directory URLs for pages)."""
    base = site_url.rstrip("/") + "/"
    if uri.endswith(".md"):
        uri = uri[: -len(".md")] + "/"
        uri = uri.removesuffix("index/")
    return base + uri


def webcal(url: str) -> str:
    parts = urlsplit(url)
    return "webcal://" + parts.netloc + parts.path


def occurrences(events, start: date, end: date) -> list[Occurrence]:
    """Every occurrence that touches [start, end], in time order."""
    found = [
        occurrence
        for event in events
        for day, change in held_dates(event, end)
        if (occurrence := Occurrence(event, day, change)).end_date >= start
    ]
    return sorted(found, key=lambda o: (o.date, o.start_time or time(0), o.event.title))


def meetings_by_day(content: Content) -> dict[tuple[str, date], Event]:
    """(group, day) -> the group's event that day, to link minutes to their
    meeting. Built once per build: one pass over all occurrences."""
    found: dict[tuple[str, date], Event] = {}
    for event in content.events:
        if event.group:
            for day in occurrence_dates(event, content.today + HORIZON):
                found.setdefault((event.group, day), event)
    return found


def upcoming(content: Content, events=None) -> list[Occurrence]:
    events = content.events if events is None else events
    return occurrences(events, content.today, content.today + HORIZON)


def past(content: Content, events=None) -> list[Occurrence]:
    events = content.events if events is None else events
    yesterday = content.today - timedelta(days=1)
    return [o for o in occurrences(events, date.min, yesterday) if o.end_date < content.today]


def by_month(items: list[Occurrence]) -> list[tuple[str, list[Occurrence]]]:
    return [(month_label(d), list(g)) for d, g in groupby(items, key=lambda o: o.date.replace(day=1))]


def in_window(event: Event, since: date) -> bool:
    """Whether the event has (or may have) an occurrence ending on or after `since`."""
    if event.recurrence is None:
        return event.last_day >= since
    if event.recurrence.until is None and event.recurrence.count is None:
        return True
    held = held_dates(event, event.recurrence.until or date.max)
    return bool(held) and Occurrence(event, *held[-1]).end_date >= since


def calendar_feeds(content: Content) -> list[CalendarFeed]:
    since = content.today - FEED_WINDOW
    current = tuple(e for e in content.events if in_window(e, since))
    recent = {e.id for e in current}  # decided once, not again for every group's feed
    feeds = [
        CalendarFeed(
            ALL_FEED,
            "Samverkanstorget – alla möten",
            "Möten och händelser i Vårdsamverkan Göteborgsområdet, det senaste året och framåt",
            current,
        ),
        CalendarFeed(
            ARCHIVE_FEED,
            "Samverkanstorget – alla möten sedan starten",
            "Alla möten och händelser i Vårdsamverkan Göteborgsområdet, också äldre än ett år",
            content.events,
        ),
    ]
    for group in content.groups.values():
        own = content.events_of_group(group.slug, with_subgroups=True)
        about = f"Möten för {group.name}" + (" och dess undergrupper" if content.children(group.slug) else "")
        if group.is_wound_up(content.today):
            # Nothing is added any more: the feed keeps every meeting the group
            # had, ending with its last, and says where the work went on.
            instead = content.carried_on_by(group.slug)
            about += f". Gruppen avvecklades {swedish_date(group.wound_up)}" + (
                f"; prenumerera i stället på kalendern för {instead.name}" if instead else "") + "."
        else:
            own = tuple(e for e in own if e.id in recent)
            about += ", det senaste året och framåt"
        feeds.append(CalendarFeed(group_feed_uri(group), f"{group.name} – Samverkanstorget", about, own))
    for event in content.events:
        feeds.append(CalendarFeed(event_ics_uri(event), event.title, event.title, (event,)))
    return feeds


def feed_files(content: Content, site_url: str) -> tuple[GeneratedFile, ...]:
    names = {slug: g.name for slug, g in content.groups.items()}

    def event_url(event: Event) -> str:
        return absolute(site_url, event_uri(event))

    # Each event is serialized once and kept (EventSerializer); a feed is its
    # events joined, so that a change to one event costs one event, however
    # many feeds it is in. (A memo of whole feeds would keep the events'
    # memo from seeing them used, and drop them.)
    serialize = EventSerializer(event_url, names)
    return tuple(GeneratedFile(feed.uri, feed_bytes(feed, site_url, serialize)) for feed in calendar_feeds(content))


def event_heading(event: Event) -> str:
    """The title and when, so that no two event pages share a title: many
    meetings are called by their group's name."""
    if event.recurrence is not None:
        return f"{event.title}: {event.recurrence.describe()[0].lower()}{event.recurrence.describe()[1:]}"
    if event.end_date:
        return f"{event.title} {swedish_date(event.start_date)}–{swedish_date(event.end_date)}"
    return f"{event.title} {swedish_date(event.start_date)}"


def event_summary(event: Event, content: Content) -> str:
    """The page's description for search engines and link previews."""
    if event.description:
        return " ".join(event.description.split())[:300]
    group = content.groups.get(event.group)
    parts = [event_heading(event)]
    if group and group.name != event.title:
        parts.append(group.name)
    if event.place:
        parts.append(event.place)
    return ", ".join(parts) + "."


def calendar_pages(content: Content, site_url: str) -> list[GeneratedPage]:
    helpers = template_helpers(content)
    # Both lists are made of the events, the groups' names and today; the
    # archive links the minutes of past meetings too.
    shown = (content.events, content.group_names_key, content.today)
    held = past(content)
    minutes = tuple(m.key if (m := content.minutes_on(o.event.group, o.date)) else None for o in held)
    pages = [
        _CALENDAR_LISTS.get((CALENDAR_INDEX, shown), lambda: GeneratedPage(
            CALENDAR_INDEX,
            render(
                "calendar_index.md.j2",
                CALENDAR_INDEX,
                **helpers,
                front=front_matter("Kalender", hide=["toc"], sok=search_facets("Kalender", weight=0.5)),
                months=by_month(upcoming(content)),
            ),
        )),
        _CALENDAR_LISTS.get((ARCHIVE, shown, minutes), lambda: GeneratedPage(
            ARCHIVE,
            render(
                "calendar_archive.md.j2",
                ARCHIVE,
                **helpers,
                front=front_matter("Tidigare möten", sok=search_facets("Kalender", weight=0.3)),
                months=list(reversed(by_month(held))),
            ),
        )),
        GeneratedPage(YEAR_WHEEL, _year_wheel(content, helpers)),
        GeneratedPage(SUBSCRIBE, _subscribe(content, site_url, helpers)),
    ]
    pages += [event_page(content, event, helpers) for event in content.events]
    return pages


_CALENDAR_LISTS = memo()


def event_page(content: Content, event: Event, helpers: dict) -> GeneratedPage:
    """One page per event; the same as last build unless something it shows changed."""
    held = [Occurrence(event, day, change) for day, change in held_dates(event, content.today + HORIZON)]
    upcoming_dates = [o for o in held if o.end_date >= content.today][:12]
    past_dates = list(reversed([o for o in held if o.end_date < content.today]))
    group = content.groups.get(event.group)
    # A wound-up group's calendar gets nothing new: offer the group that carries on.
    feed_group = group if group is None or not group.is_wound_up(content.today) else content.carried_on_by(group.slug)
    # Past meetings link to their minutes.
    minutes = tuple(m.key if (m := content.minutes_on(event.group, o.date)) else None for o in past_dates)
    key = (event, group, feed_group, content.today, minutes)
    uri = event_uri(event)

    def make() -> GeneratedPage:
        markdown = render(
            "event.md.j2",
            uri,
            **helpers,
            front=front_matter(event_heading(event), description=event_summary(event, content),
                               sok=search_facets("Kalender", group.name if group else None, event.start_date.year,
                                                 dates=[o.date for o in held])),
            heading=event_heading(event),
            event=event,
            group=group,
            upcoming=upcoming_dates,
            past=past_dates,
            single=Occurrence(event, event.start_date),
            skips=skipped_months(event.recurrence, event.start_date) if event.recurrence else None,
            subscribe_to=feed_group,
            description=[p.strip() for p in (event.description or "").split("\n\n") if p.strip()],
            swedish_date=swedish_date,
        )
        return GeneratedPage(uri, markdown, event.source.path)

    return _EVENT_PAGES.get(key, make)


_EVENT_PAGES = memo()


def _year_wheel(content: Content, helpers: dict) -> str:
    year = content.today.year
    items = occurrences(content.events, date(year, 1, 1), date(year, 12, 31))
    months = []
    for month in range(1, 13):
        in_month = [o for o in items if o.date.month == month and o.date.year == year]
        series: dict[str, tuple[Event, list[date]]] = {}
        for o in in_month:
            series.setdefault(o.event.id, (o.event, []))[1].append(o.date)
        months.append((month_label(date(year, month, 1)).split(" ")[0], list(series.values())))
    return render(
        "year_wheel.md.j2", YEAR_WHEEL, **helpers, front=front_matter(f"Årshjul {year}", sok=search_facets("Kalender", weight=0.5)), year=year, months=months
    )


def _subscribe(content: Content, site_url: str, helpers: dict) -> str:
    def links(uri: str) -> tuple[Md, Md]:
        https = absolute(site_url, uri)
        return Md(f"[{_url_text(webcal(https))}]({webcal(https)})"), Md(f"[{_url_text(https)}]({https})")

    feeds = [("Alla möten", *links(ALL_FEED))]
    feeds += [(g.name, *links(group_feed_uri(g))) for g in content.groups.values() if not g.is_wound_up(content.today)]
    return render("subscribe.md.j2", SUBSCRIBE, **helpers, front=front_matter("Prenumerera på kalendern"), feeds=feeds,
                  all_https=absolute(site_url, ALL_FEED), archive=links(ARCHIVE_FEED))


def _url_text(url: str) -> str:
    return escape(url)

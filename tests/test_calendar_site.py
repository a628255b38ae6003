"""The calendar on the built site: pages for people, feeds for their programs."""

from __future__ import annotations

import re

import icalendar

from conftest import SiteCopy
from test_site_build import article, link


def test_upcoming_by_month_with_group_place_time_and_add_link(example_site):
    page = article(example_site.page("kalender"))
    months = [h.get_text().strip("¶") for h in page.find_all("h2")]
    assert months[:3] == ["December 2026", "Januari 2027", "Februari 2027"]
    table = page.find("h2", id="december-2026").find_next("table")
    assert [th.get_text() for th in table.find_all("th")] == ["Datum", "Tid", "Händelse", "Grupp", "Plats", "Till din kalender"]
    rows = {tr.find_all("td")[2].get_text(): tr for tr in table.find_all("tr")[1:]}
    nordost = rows["NOSAM Nordost"].find_all("td")
    assert [td.get_text() for td in nordost[:2]] == ["tis 15 dec.", "08:30–10:30"]
    assert nordost[4].get_text() == "Angereds Närsjukhus, konferensrum Blå"
    add = nordost[5].find("a")
    assert add.get_text() == "Lägg till i kalender" and add["href"] == "handelser/nordost-2026-01-20.ics"
    assert (example_site.site / "kalender" / "handelser" / "nordost-2026-01-20.ics").read_bytes().startswith(b"BEGIN:VCALENDAR")
    assert "INSTÄLLT: Extra möte om handlingsplan 2027" in rows
    assert "15 december" not in page.find("h2", id="januari-2027").find_next("table").get_text()


def test_archive_links_past_meetings_to_their_minutes(example_site):
    page = article(example_site.page("kalender/arkiv"))
    november = page.find("h2", id="november-2026").find_next("table")
    links = {a.get_text(): a["href"] for a in november.find_all("a")}
    assert links["Läs minnesanteckningarna"].startswith("../../minnesanteckningar/")
    hrefs = [a["href"] for a in november.find_all("a", string="Läs minnesanteckningarna")]
    assert "../../minnesanteckningar/nordost/2026-11-17/" in hrefs


def test_event_pages_and_minutes_link_both_ways(example_site):
    event = article(example_site.page("kalender/handelser/nordost-2026-01-20"))
    assert "Tredje tisdagen varje månad till och med 31 december 2027" in event.get_text()
    past = event.find("h2", id="tidigare-tillfallen").find_next("ul")
    assert past.find("a", href="../../../minnesanteckningar/nordost/2026-11-17/")
    minutes = article(example_site.page("minnesanteckningar/nordost/2026-11-17"))
    back = minutes.find("dt", string="I kalendern").find_next("a")
    assert back["href"] == "../../../kalender/handelser/nordost-2026-01-20/"
    cancelled = article(example_site.page("kalender/handelser/nordost-extra-2026-12"))
    assert cancelled.select_one(".admonition-title").get_text() == "Inställt"


def test_year_wheel_and_subscription_page(example_site):
    wheel = article(example_site.page("kalender/arshjul"))
    assert [h.get_text().strip("¶") for h in wheel.find_all("h2")][0] == "Januari"
    assert len(wheel.find_all("h2")) == 12
    subscribe = article(example_site.page("kalender/prenumerera"))
    headings = [h.get_text().strip("¶") for h in subscribe.find_all("h2")]
    assert headings == ["Outlook", "Google Kalender", "Apples Kalender", "Thunderbird",
                        "Hur ofta ändringar kommer fram, och hur inställda möten syns", "Kalendrarna"]
    # What each client does with an update and a cancellation, in one table.
    clients = [row.find("td").get_text() for row in subscribe.find_all("table")[0].find_all("tr")[1:]]
    assert [c.split(" ")[0] for c in clients] == ["Outlook", "Outlook", "Google", "Apples", "Thunderbird"]
    hrefs = {a["href"] for a in subscribe.find_all("a")}
    assert "webcal://samverkanstorget.example.se/kalender/alla.ics" in hrefs
    assert "https://samverkanstorget.example.se/kalender/nordost.ics" in hrefs
    assert "webcal://samverkanstorget.example.se/kalender/vastbus-nordost.ics" in hrefs
    assert not any("angered.ics" in h for h in hrefs)  # wound-up groups are not offered


def test_group_page_next_meeting_and_subscribe_link(example_site):
    page = article(example_site.page("grupper/nordost"))
    upcoming = page.find("h2", id="kommande-moten").find_next("ul").find_all("li")
    # A cancelled meeting says so first, in bold; "Nästa möte" is the next one that takes place.
    assert upcoming[0].get_text().startswith("INSTÄLLT: 8 december 2026")
    assert upcoming[0].find("strong").get_text() == "INSTÄLLT:"
    assert upcoming[1].get_text().startswith("Nästa möte: 15 december 2026, 08:30–10:30")
    assert link(page, "Prenumerera på gruppens kalender")["href"] == "../../kalender/nordost.ics"
    feed = icalendar.Calendar.from_ical((example_site.site / "kalender" / "nordost.ics").read_bytes())
    titles = {str(e["SUMMARY"]) for e in feed.walk("VEVENT")}
    assert "Västbusgrupp Nordost" in titles  # a subgroup's meetings


def test_two_builds_give_byte_identical_feeds(site_copy: SiteCopy):
    first = site_copy.build(site=site_copy.root / "a")
    second = site_copy.build(site=site_copy.root / "b")
    assert first.returncode == 0 and second.returncode == 0
    feeds_a = sorted(first.site.rglob("*.ics"))
    assert len(feeds_a) > 40
    for path in feeds_a:
        assert path.read_bytes() == (second.site / path.relative_to(first.site)).read_bytes(), path


def _build_with_series_lines(site_copy: SiteCopy, lines: str):
    """NOSAM Nordost's monthly series with `lines` added to its `upprepning`, built."""
    path = site_copy.root / "kalender" / "nordost.yml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("      undantag: [2026-07-21", lines + "      undantag: [2026-07-21", 1), encoding="utf-8")
    return site_copy.build()


def test_one_cancelled_date_of_a_series_shows_on_pages_and_in_feeds(site_copy: SiteCopy):
    import recurring_ical_events
    from datetime import date, datetime

    result = _build_with_series_lines(site_copy, "      inställda: [2027-01-19]\n")
    assert result.returncode == 0, result.output

    feed = icalendar.Calendar.from_ical((result.site / "kalender" / "nordost.ics").read_bytes())
    found = {}
    for item in recurring_ical_events.of(feed).between(date(2026, 12, 1), date(2027, 3, 1)):
        start = item["DTSTART"].dt
        if "Nordost" in str(item["SUMMARY"]) and isinstance(start, datetime) and start.hour == 8:
            found[start.date()] = (str(item["STATUS"]), str(item["SUMMARY"]))
    assert found[date(2027, 1, 19)] == ("CANCELLED", "INSTÄLLT: NOSAM Nordost")
    assert found[date(2026, 12, 15)] == ("CONFIRMED", "NOSAM Nordost")
    assert found[date(2027, 2, 16)] == ("CONFIRMED", "NOSAM Nordost")
    overrides = [e for e in feed.walk("VEVENT") if "RECURRENCE-ID" in e]
    assert len(overrides) == 1 and overrides[0]["RECURRENCE-ID"].dt.isoformat() == "2027-01-19T08:30:00+01:00"

    page = article(result.page("kalender"))
    january = page.find("h2", id="januari-2027").find_next("table")
    row = next(tr for tr in january.find_all("tr")[1:] if "NOSAM Nordost" in tr.get_text())
    assert row.find_all("td")[0].get_text() == "tis 19 jan."
    assert row.find_all("td")[2].find("strong").get_text() == "INSTÄLLT:"
    series = article(result.page("kalender/handelser/nordost-2026-01-20"))
    assert "Inställda tillfällen" in series.get_text() and "19 januari 2027" in series.get_text()


def test_a_cancelled_date_outside_the_series_is_refused(site_copy: SiteCopy):
    result = _build_with_series_lines(site_copy, "      inställda: [2027-01-12]\n")
    assert result.returncode != 0
    assert "kalender/nordost.yml, rad 12, fältet ”upprepning.inställda”" in result.output
    assert "Menade du ”2027-01-19”?" in result.output


def test_one_date_of_a_series_moved_shows_on_pages_and_in_feeds(site_copy: SiteCopy):
    import recurring_ical_events
    from datetime import date
    from zoneinfo import ZoneInfo
    from ical.calendar_stream import IcsCalendarStream

    change = ("      ändrade:\n        - datum: 2027-02-16\n          nytt_datum: 2027-02-23\n"
              "          tid: \"13:00-15:00\"\n          plats: Rådhuset, rum 3\n")
    result = _build_with_series_lines(site_copy, change)
    assert result.returncode == 0, result.output

    data = (result.site / "kalender" / "nordost.ics").read_bytes()
    stockholm = ZoneInfo("Europe/Stockholm")
    first = sorted(
        (e["DTSTART"].dt.astimezone(stockholm).strftime("%Y-%m-%d %H:%M"), str(e.get("LOCATION")))
        for e in recurring_ical_events.of(icalendar.Calendar.from_ical(data)).between(date(2027, 2, 1), date(2027, 3, 1))
        if str(e["SUMMARY"]) == "NOSAM Nordost"
    )
    assert first == [("2027-02-23 13:00", "Rådhuset, rum 3")]
    second = sorted(
        (e.dtstart.astimezone(stockholm).strftime("%Y-%m-%d %H:%M"), e.location)
        for e in IcsCalendarStream.calendar_from_ics(data.decode()).timeline_tz(stockholm).included(date(2027, 2, 1), date(2027, 3, 1))
        if e.summary == "NOSAM Nordost"
    )
    assert second == first

    page = article(result.page("kalender"))
    february = page.find("h2", id="februari-2027").find_next("table")
    rows = [[td.get_text() for td in tr.find_all("td")] for tr in february.find_all("tr")[1:] if "NOSAM Nordost" in tr.get_text()]
    assert [(r[0], r[1], r[4]) for r in rows] == [("tis 23 feb.", "13:00–15:00", "Rådhuset, rum 3")]
    series = article(result.page("kalender/handelser/nordost-2026-01-20")).get_text()
    assert "16 februari 2027: flyttat till 23 februari 2027, kl. 13:00–15:00, Rådhuset, rum 3" in series


def test_the_subscribe_page_tells_of_the_window_and_the_archive_feed(example_site):
    page = article(example_site.page("kalender/prenumerera"))
    text = page.get_text(" ")
    assert "det senaste året och alla kommande" in text
    assert link(page, "https://samverkanstorget.example.se/kalender/arkiv.ics")
    assert (example_site.site / "kalender" / "arkiv.ics").read_bytes().startswith(b"BEGIN:VCALENDAR")


def test_every_event_page_has_a_title_of_its_own_with_its_date(example_site):
    from collections import Counter

    titles = Counter()
    for page in (example_site.site / "kalender" / "handelser").rglob("index.html"):
        html = page.read_text(encoding="utf-8")
        titles[re.search(r"<title>(.*?)</title>", html, re.S).group(1).strip()] += 1
    assert titles and max(titles.values()) == 1, [t for t, n in titles.items() if n > 1]
    heading = article(example_site.page("kalender/handelser/nordost-extra-2026-12")).find("h1").get_text()
    assert heading.strip("¶") == "Extra möte om handlingsplan 2027 8 december 2026"
    series = article(example_site.page("kalender/handelser/nordost-2026-01-20")).find("h1").get_text()
    assert series.strip("¶").startswith("NOSAM Nordost: tredje tisdagen varje månad")

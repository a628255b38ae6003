"""Three readings of the calendar agree: two independent iCalendar parsers and the pages.

The feeds of a real build (the example content plus a file of hard cases:
the nights the clocks change, every kind of recurrence, cancelled and moved
dates, several days with hours, overnight, titles full of `, ; \\ "`) are
expanded from 2018 to 2030 by icalendar + recurring-ical-events and by
ical.js (Thunderbird's parser, under Node), and the two must give the same
occurrences. The calendar page must list the same days, titles, times and
cancellations for the year ahead, and the archive page every past one.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from zoneinfo import ZoneInfo

import icalendar
import pytest
import recurring_ical_events

from conftest import REPO, TODAY, SiteCopy
from test_site_build import article

STOCKHOLM = ZoneInfo("Europe/Stockholm")
FROM, TO = date(2018, 1, 1), date(2031, 1, 1)

HARD_CASES = r'''# Svåra fall för kalenderflödena.
grupp: molndal
plats: "Rådhuset, sal 3; ingång B"
händelser:
  - titel: 'Budget, plan; "citat" \ och mer'
    datum: 2027-03-21
    tid: "01:00-01:45"
    upprepning: {frekvens: vecka, antal: 3}
  - titel: Söndag efter omställningen
    datum: 2026-10-25
    tid: "03:00-04:00"
  - titel: Varannan dag
    datum: 2027-02-01
    tid: "09:00-09:30"
    upprepning: {frekvens: dag, intervall: 2, till: 2027-02-09, undantag: [2027-02-05]}
  - titel: Sista fredagen
    datum: 2027-01-29
    tid: "14:00-15:00"
    upprepning:
      frekvens: månad
      veckodag: fredag
      ordning: -1
      antal: 6
      inställda: [2027-03-26]
      ändrade:
        - datum: 2027-04-30
          nytt_datum: 2027-04-28
          tid: "10:00-11:00"
          plats: Stadshuset
  - titel: Årsmöte
    datum: 2027-03-04
    tid: "18:00-20:00"
    upprepning: {frekvens: år, veckodag: torsdag, ordning: 1, antal: 3}
  - titel: Temadagar
    datum: 2027-05-24
    slutdatum: 2027-05-26
    tid: "09:00-16:00"
  - titel: Nattjour
    datum: 2027-06-01
    slutdatum: 2027-06-02
    tid: "22:00-06:00"
  - titel: Heldagar
    datum: 2027-08-30
    slutdatum: 2027-08-31
  - titel: Varje vecka utan slut
    datum: 2026-12-02
    tid: "12:00-13:00"
    upprepning: {frekvens: vecka, veckodag: onsdag, intervall: 3}
'''


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory):
    if shutil.which("node") is None or not (REPO / "node_modules" / "ical.js").is_dir():
        pytest.fail("ical.js saknas: kör make test (npm ci)")
    copy = SiteCopy(tmp_path_factory.mktemp("agreement") / "repo")
    copy.write("kalender/svara-fall.yml", HARD_CASES)
    result = copy.build()
    assert result.returncode == 0, result.output
    return result


def _moment(value) -> str:
    if isinstance(value, datetime):
        return value.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.000Z")
    return value.isoformat()


def by_icalendar(path: Path) -> set[tuple]:
    cal = icalendar.Calendar.from_ical(path.read_bytes())
    return {
        (str(e["UID"]), _moment(e["DTSTART"].dt), _moment(e["DTEND"].dt), str(e["SUMMARY"]), str(e.get("STATUS")),
         str(e.get("LOCATION")) if e.get("LOCATION") else None)
        for e in recurring_ical_events.of(cal).between(FROM, TO)
    }


def by_ical_js(path: Path) -> set[tuple]:
    out = subprocess.run(
        ["node", str(REPO / "tests" / "tools" / "ical_occurrences.mjs"), str(path), FROM.isoformat(), TO.isoformat()],
        capture_output=True, text=True, check=True, cwd=REPO, timeout=120,
    ).stdout
    rows = [json.loads(line) for line in out.splitlines()]
    return {(r["uid"], r["start"], r["end"], r["summary"], r["status"], r["location"]) for r in rows}


def test_two_parsers_expand_every_feed_alike(built):
    feeds = [built.site / "kalender" / "arkiv.ics", built.site / "kalender" / "alla.ics",
             built.site / "kalender" / "molndal.ics", built.site / "kalender" / "nordost.ics"]
    for feed in feeds:
        ours, theirs = by_icalendar(feed), by_ical_js(feed)
        assert ours and ours == theirs, (feed.name, sorted(ours ^ theirs)[:6])
    hard = {o for o in by_icalendar(built.site / "kalender" / "arkiv.ics") if "svara-fall" in o[0]}
    summaries = {o[3] for o in hard}
    assert 'Budget, plan; "citat" \\ och mer' in summaries
    assert "INSTÄLLT: Sista fredagen" in summaries
    # The moved date is on its new day, time and place; the series date is gone.
    fridays = sorted((o[1], o[5]) for o in hard if o[3].endswith("Sista fredagen"))
    assert ("2027-04-28T08:00:00.000Z", "Stadshuset") in fridays
    assert not any(start.startswith("2027-04-30") for start, _ in fridays)
    # Across the clock change: the same local hour before and after.
    budget = sorted(o[1] for o in hard if o[3].startswith("Budget"))
    assert budget == ["2027-03-21T00:00:00.000Z", "2027-03-28T00:00:00.000Z", "2027-04-03T23:00:00.000Z"]


def _days(first: date, last: date) -> list[date]:
    return [first + timedelta(days=n) for n in range((last - first).days + 1)]


def test_the_calendar_page_lists_what_the_feed_holds_for_the_year_ahead(built):
    today = date.fromisoformat(TODAY)
    ahead = today + timedelta(days=366)
    # Per day: (day, title, cancelled), and the hours of timed single-day meetings.
    from_feed, hours_feed = set(), set()
    cal = icalendar.Calendar.from_ical((built.site / "kalender" / "alla.ics").read_bytes())
    for e in recurring_ical_events.of(cal).between(today, ahead + timedelta(days=1)):
        start, end = e["DTSTART"].dt, e["DTEND"].dt
        title = str(e["SUMMARY"]).removeprefix("INSTÄLLT: ")
        cancelled = str(e.get("STATUS")) == "CANCELLED"
        if isinstance(start, datetime):
            start, end = start.astimezone(STOCKHOLM), end.astimezone(STOCKHOLM)
            days = _days(start.date(), end.date())
            if start.date() == end.date():
                hours_feed.add((start.date(), title, f"{start:%H:%M}–{end:%H:%M}"))
        else:
            days = _days(start, end - timedelta(days=1))
        from_feed |= {(d, title, cancelled) for d in days if today <= d <= ahead}

    page = article(built.page("kalender"))
    # Short ("14 jan.") and long ("30–31 augusti") month names, by their first letters.
    prefixes = ("jan", "feb", "mar", "apr", "maj", "jun", "jul", "aug", "sep", "okt", "nov", "dec")

    def month_of(name: str) -> int:
        return prefixes.index(name[:3]) + 1

    from_page, hours_page = set(), set()
    for heading in page.find_all("h2"):
        year = int(heading.get_text().strip("¶").split()[-1])
        for row in heading.find_next("table").find_all("tr")[1:]:
            cells = [td.get_text() for td in row.find_all("td")]
            day_text, when, title = cells[0], cells[1], cells[2]
            cancelled = title.startswith("INSTÄLLT: ")
            # A moved date names the date it was moved from, after the title.
            title = re.sub(r" \(flyttat från [^)]*\)$", "", title.removeprefix("INSTÄLLT: "))
            number, month = re.match(r"\w+ (\d+) (\w+)\.?", day_text).groups()
            first = date(year, month_of(month), int(number))
            span = re.match(r"(\d+)(?: (\w+))?–(\d+) (\w+)", when)
            last = first
            if span:
                end_month = month_of(span.group(4))
                last = date(first.year + (end_month < first.month), end_month, int(span.group(3)))
                hours = re.search(r", (\d\d:\d\d)–(\d\d:\d\d)$", when)
                if hours and hours.group(2) > hours.group(1):  # those hours each day (overnight is one block)
                    hours_page |= {(d, title, f"{hours.group(1)}–{hours.group(2)}") for d in _days(first, last)}
            elif when != "Heldag":
                hours_page.add((first, title, when))
            from_page |= {(d, title, cancelled) for d in _days(first, last) if today <= d <= ahead}
    assert from_page == from_feed, sorted(from_page ^ from_feed)[:8]
    assert hours_page == hours_feed, sorted(hours_page ^ hours_feed)[:8]
    assert (date(2027, 3, 26), "Sista fredagen", True) in from_page
    assert (date(2027, 4, 28), "Sista fredagen", "10:00–11:00") in hours_page


def test_the_calendar_archive_lists_what_the_archive_feed_holds(built):
    today = date.fromisoformat(TODAY)
    cal = icalendar.Calendar.from_ical((built.site / "kalender" / "arkiv.ics").read_bytes())
    from_feed = set()
    for e in recurring_ical_events.of(cal).between(FROM, today):
        start, end = e["DTSTART"].dt, e["DTEND"].dt
        last = end.astimezone(STOCKHOLM).date() if isinstance(end, datetime) else end - timedelta(days=1)
        if last >= today:
            continue  # still going on: on the calendar page, not in the archive
        first = start.astimezone(STOCKHOLM).date() if isinstance(start, datetime) else start
        from_feed.add((first, str(e["SUMMARY"]).removeprefix("INSTÄLLT: "), str(e.get("STATUS")) == "CANCELLED"))
    prefixes = ("jan", "feb", "mar", "apr", "maj", "jun", "jul", "aug", "sep", "okt", "nov", "dec")
    page = article(built.page("kalender/arkiv"))
    from_page = set()
    for heading in page.find_all("h2"):
        year = int(heading.get_text().strip("¶").split()[-1])
        for row in heading.find_next("table").find_all("tr")[1:]:
            cells = [td.get_text() for td in row.find_all("td")]
            number, month = re.match(r"\w+ (\d+) (\w+)", cells[0]).groups()
            title = cells[1]
            from_page.add((date(year, prefixes.index(month[:3]) + 1, int(number)), title.removeprefix("INSTÄLLT: "),
                           title.startswith("INSTÄLLT: ")))
    assert from_page == from_feed, sorted(from_page ^ from_feed)[:8]
    assert len(from_page) > 20

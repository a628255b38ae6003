"""What subscribers and visitors see of the calendar tells one story.

Every list of meetings on the built site (each event page, the calendar, the
group pages and the start page) is compared, occurrence by occurrence, with
the feed parsed back by icalendar and recurring-ical-events: the same day and
start, cancelled where the feed says CANCELLED, a moved date at its new time
and place. Then the rules around wound-up groups, series on the 29th-31st,
changes in the daylight-saving gap and `utkast` on an event.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import icalendar
import lxml.html
import recurring_ical_events

from calendar_support import make_root, problems, write_calendar
from conftest import TODAY, BuildResult, SiteCopy
from samverkan.content.load import load_content

STOCKHOLM = ZoneInfo("Europe/Stockholm")


def feed_occurrences(site: Path, start: date, end: date) -> dict[tuple[str, str], tuple[bool, str]]:
    """{(event id, local start as on the page): (cancelled, place)} from the archive feed."""
    calendar = icalendar.Calendar.from_ical((site / "kalender" / "arkiv.ics").read_bytes())
    found = {}
    for item in recurring_ical_events.of(calendar).between(start, end):
        when = item["DTSTART"].dt
        stamp = (when.astimezone(STOCKHOLM).strftime("%Y-%m-%dT%H:%M") if isinstance(when, datetime)
                 else when.isoformat())
        event_id = str(item["UID"]).removesuffix("@samverkanstorget")
        found[(event_id, stamp)] = (str(item.get("STATUS")) == "CANCELLED", str(item.get("LOCATION", "")))
    return found


def listed(html: str, own_id: str | None = None) -> list[tuple[str, str, bool, str]]:
    """(event id, datetime, cancelled, text) for every occurrence a page lists."""
    tree = lxml.html.fromstring(html)
    found = []
    for stamp in tree.xpath("//article//time[contains(@class, 'sv-tillfalle')]"):
        row = next(stamp.iterancestors("li", "tr", "dd"))
        links = [a.get("href", "") for a in row.iter("a") if "/handelser/" in a.get("href", "")
                 or a.get("href", "").startswith("handelser/") or "handelser/" in a.get("href", "")]
        event_id = links[0].rstrip("/").rsplit("/", 1)[-1] if links else own_id
        text = " ".join(row.text_content().split())
        found.append((event_id, stamp.get("datetime"), "INSTÄLLT" in text, text))
    return found


def test_every_page_lists_the_meetings_as_the_feed_has_them(example_site: BuildResult):
    site = example_site.site
    today = date.fromisoformat(TODAY)
    feed = feed_occurrences(site, today - timedelta(days=800), today + timedelta(days=800))
    pages = {"index.html": None, "kalender/index.html": None, "kalender/arkiv/index.html": None}
    pages |= {str(p.relative_to(site)): None for p in (site / "grupper").glob("*/index.html")}
    pages |= {str(p.relative_to(site)): p.parent.name for p in (site / "kalender" / "handelser").glob("*/index.html")}
    checked = moved = cancelled = 0
    for rel, own_id in sorted(pages.items()):
        for event_id, stamp, shown_cancelled, text in listed((site / rel).read_text(encoding="utf-8"), own_id):
            assert (event_id, stamp) in feed, f"{rel}: {event_id} {stamp} finns inte i flödet ({text})"
            feed_cancelled, place = feed[(event_id, stamp)]
            assert shown_cancelled == feed_cancelled, f"{rel}: {text}"
            if rel.startswith("kalender/handelser/"):
                # An event page names the place of an occurrence held elsewhere.
                moved += "flyttat från" in text
                if "flyttat från" in text and place:
                    assert place in text, f"{rel}: {text}"
            elif place and "arkiv" not in rel:
                assert place in text, f"{rel}: {text} saknar {place}"
            cancelled += shown_cancelled
            checked += 1
    assert checked > 100 and moved >= 1 and cancelled >= 2

    # Nothing the feed has in the coming months is missing from the calendar page.
    calendar = {(e, s) for e, s, _, _ in listed((site / "kalender/index.html").read_text(encoding="utf-8"))}
    coming = {key for key in feed if today.isoformat() <= key[1] < (today + timedelta(days=300)).isoformat()}
    assert coming <= calendar, sorted(coming - calendar)
    # Nor from an event page's own list of coming dates (it shows the next twelve).
    horizon = (today + timedelta(days=366)).isoformat()  # the pages list a year ahead
    for event_id in ("nordost-2026-01-20", "ledningsgrupp-2026-03-05"):
        page = (site / f"kalender/handelser/{event_id}/index.html").read_text(encoding="utf-8")
        own = sorted(s for e, s, _, _ in listed(page, event_id) if s >= today.isoformat())
        expected = sorted(s for e, s in feed if e == event_id and today.isoformat() <= s <= horizon)[:12]
        assert own == expected
    assert "2027-03-11T13:00" in own and "2027-03-04T13:00" not in own  # the moved date, where it is held
    row = next(r for r in listed((site / "kalender/index.html").read_text(encoding="utf-8")) if r[1] == "2027-03-11T13:00")
    assert "flyttat från 4 mars 2027" in row[3] and "Göteborgs Stadshus, sal B" in row[3]


def test_the_event_page_says_what_a_download_does(example_site: BuildResult):
    tree = lxml.html.fromstring(example_site.page("kalender/handelser/nordost-2026-01-20"))
    article = " ".join(tree.xpath("//article")[0].text_content().split())
    assert "”Lägg till i kalender” ger en kopia som de flesta kalenderprogram inte ändrar" in article
    buttons = {a.text_content().strip(): a.get("href") for a in tree.xpath("//article//a[contains(@class, 'md-button')]")}
    assert buttons["Prenumerera på kalendern för NOSAM Nordost"].endswith("/nordost.ics")
    assert buttons["Lägg till i kalender"].endswith("/nordost-2026-01-20.ics")
    # Changed dates without stray punctuation.
    tree = lxml.html.fromstring(example_site.page("kalender/handelser/ledningsgrupp-2026-03-05"))
    facts = " ".join(tree.xpath("//article//dl")[0].text_content().split())
    assert "4 mars 2027: flyttat till 11 mars 2027, Göteborgs Stadshus, sal B" in facts
    assert ":," not in facts and ": ," not in facts


WOUND_UP = ("namn: NOSAM Angered\ntyp: nosam\navvecklad: 2021-01-01\nersatt_av: nordost\n")


def test_a_meeting_after_its_group_was_wound_up_is_refused_with_the_successor(tmp_path: Path):
    root = make_root(tmp_path)
    from test_groups_loader import write_group

    write_group(root, "angered", WOUND_UP)
    write_calendar(root, "angered.yml", "grupp: angered\nhändelser:\n  - datum: 2020-11-03\n  - datum: 2027-02-02\n")
    (message,) = problems(root)
    assert message.startswith("kalender/angered.yml, rad 1, fältet ”grupp”: NOSAM Angered avvecklades 1 januari 2021; "
                              "arbetet fortsätter i NOSAM Nordost (grupp: nordost)")
    assert "Menade du ”nordost”?" in message
    # A series that runs past the day is refused at its rule, with the end to write.
    write_calendar(root, "angered.yml", "grupp: angered\ndatum: 2020-09-01\nupprepning:\n  frekvens: månad\n"
                   "  veckodag: tisdag\n  ordning: 1\n")
    (message,) = problems(root)
    assert message.startswith("kalender/angered.yml, rad 3, fältet ”upprepning”: serien fortsätter efter att NOSAM Angered "
                              "avvecklades")
    assert "(hittade: ”2021-01-05”). Förväntat: till: 2020-12-31" in message
    write_calendar(root, "angered.yml", "grupp: angered\ndatum: 2020-09-01\nupprepning:\n  frekvens: månad\n"
                   "  veckodag: tisdag\n  ordning: 1\n  till: 2020-12-31\n")
    assert problems(root) == []


def test_a_wound_up_groups_feed_ends_with_its_last_meeting_and_its_page_points_onwards(site_copy: SiteCopy):
    site_copy.write("kalender/angered.yml", "grupp: angered\nplats: Angereds Närsjukhus\nhändelser:\n"
                    "  - datum: 2019-05-14\n  - datum: 2020-11-03\n")
    result = site_copy.build()
    assert result.returncode == 0, result.output
    calendar = icalendar.Calendar.from_ical((result.site / "kalender" / "angered.ics").read_bytes())
    starts = sorted(e.decoded("DTSTART") for e in calendar.walk("VEVENT"))
    assert starts == [date(2019, 5, 14), date(2020, 11, 3)]  # older than a year, still there: nothing replaces them
    assert "avvecklades 1 januari 2021" in str(calendar["X-WR-CALDESC"])
    tree = lxml.html.fromstring(result.page("grupper/angered"))
    article = " ".join(tree.xpath("//article")[0].text_content().split())
    assert "Gruppens kalender får inga nya möten." in article
    link = tree.xpath("//article//a[starts-with(normalize-space(.), 'kalendern för')]")[0]
    assert link.text_content().strip().startswith("kalendern för NOSAM") and link.get("href").endswith(".ics")
    assert "Prenumerera på gruppens kalender" not in article


def test_series_on_the_31st_says_which_months_it_skips(tmp_path: Path):
    root = make_root(tmp_path)
    write_calendar(root, "molndal.yml", "grupp: molndal\ndatum: 2027-01-31\nupprepning:\n  frekvens: månad\n  antal: 12\n")
    result = load_content(root, date.fromisoformat(TODAY))
    assert not result.problems
    (notice,) = [str(n) for n in result.notices]
    assert notice.startswith("kalender/molndal.yml, rad 3, fältet ”upprepning”: serien hoppar över "
                             "februari, april, juni, september och november – de saknar den 31:a")


def test_a_change_into_the_clock_gap_is_reported_at_the_change(tmp_path: Path):
    root = make_root(tmp_path)
    write_calendar(root, "molndal.yml", 'grupp: molndal\ndatum: 2027-03-07\ntid: "01:00-02:00"\nupprepning:\n'
                   '  frekvens: vecka\n  antal: 6\n  undantag: [2027-03-28]\n  ändrade:\n'
                   '    - datum: 2027-03-21\n      nytt_datum: 2027-03-28\n      tid: "02:15-03:30"\n')
    (message,) = problems(root)
    assert message.startswith("kalender/molndal.yml, rad 9, fältet ”upprepning.ändrade.tid”: klockslaget finns")


def test_utkast_on_an_event_explains_that_events_have_no_drafts(tmp_path: Path):
    root = make_root(tmp_path)
    write_calendar(root, "molndal.yml", "grupp: molndal\ndatum: 2027-03-07\nutkast: true\n")
    (message,) = problems(root)
    assert message.startswith("kalender/molndal.yml, rad 3, fältet ”utkast”: händelser har inget utkast")
    assert "inställd: true" in message

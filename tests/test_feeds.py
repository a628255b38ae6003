"""The iCalendar feeds, parsed back by icalendar and by the independent `ical` library."""

from __future__ import annotations

import os
import re
import subprocess
from datetime import date, datetime, timezone
from pathlib import Path
from zoneinfo import ZoneInfo

import icalendar
import pytest
import recurring_ical_events
from ical.calendar_stream import IcsCalendarStream

from calendar_support import make_root, write_calendar, feeds

STOCKHOLM = ZoneInfo("Europe/Stockholm")
UTC = timezone.utc

EXAMPLE = """grupp: nordost
plats: "Angered Arena, sal 3; entré B"
händelser:
  - datum: 2026-01-20
    tid: "08:30-10:30"
    beskrivning: "Dagordning: budget, SIP; övrigt.\\nRad två"
    upprepning:
      frekvens: månad
      veckodag: tisdag
      ordning: 3
      till: 2026-12-31
      undantag: [2026-07-21]
  - titel: Extra möte
    datum: 2026-04-14
    tid: "13:00-15:00"
    inställd: true
    id: nordost-extra-2026-04
  - titel: Temadagar om samordnad individuell plan för barn och unga i Göteborgsområdet med omnejd
    datum: 2026-05-23
    slutdatum: 2026-05-24
"""


@pytest.fixture
def root(tmp_path: Path) -> Path:
    root = make_root(tmp_path)
    write_calendar(root, "nordost.yml", EXAMPLE)
    write_calendar(root, "vastbus.yml", 'grupp: vastbus-nordost\ndatum: 2026-03-03\ntid: "14:00-16:00"')
    write_calendar(root, "molndal.yml", "grupp: molndal\ndatum: 2026-03-04")
    return root


def physical_lines(data: bytes) -> list[bytes]:
    assert data.endswith(b"\r\n")
    return data[:-2].split(b"\r\n")


def test_feeds_exist_for_all_every_group_and_every_event(root: Path):
    found = feeds(root)
    assert {"kalender/alla.ics", "kalender/nordost.ics", "kalender/vastbus-nordost.ics", "kalender/molndal.ics"} <= set(found)
    assert "kalender/handelser/nordost-extra-2026-04.ics" in found
    assert len([u for u in found if u.startswith("kalender/handelser/")]) == 5


def test_rfc5545_lines_crlf_folding_utf8(root: Path):
    for uri, data in feeds(root).items():
        assert b"\n" not in data.replace(b"\r\n", b""), uri  # CRLF only
        for line in physical_lines(data):
            assert len(line) <= 75, (uri, line)
            line.decode("utf-8")  # folding never splits a UTF-8 character
    long_title = feeds(root)["kalender/alla.ics"].decode("utf-8")
    assert "\r\n " in long_title  # long lines are folded


def test_calendar_properties(root: Path):
    cal = icalendar.Calendar.from_ical(feeds(root)["kalender/nordost.ics"])
    assert cal["METHOD"] == "PUBLISH" and cal["VERSION"] == "2.0" and cal["CALSCALE"] == "GREGORIAN"
    assert cal["X-WR-CALNAME"] == cal["NAME"] == "NOSAM Nordost – Samverkanstorget"
    assert cal["X-WR-TIMEZONE"] == "Europe/Stockholm"
    raw = feeds(root)["kalender/nordost.ics"].decode()
    assert "REFRESH-INTERVAL;VALUE=DURATION:PT1H\r\n" in raw
    assert "X-PUBLISHED-TTL:PT1H\r\n" in raw
    (tz,) = cal.walk("VTIMEZONE")
    assert tz["TZID"] == "Europe/Stockholm"


def test_group_feed_includes_subgroups_only_there(root: Path):
    def uids(uri):
        return {str(e["UID"]) for e in icalendar.Calendar.from_ical(feeds(root)[uri]).walk("VEVENT")}

    assert "vastbus-2026-03-03@samverkanstorget" in uids("kalender/nordost.ics")
    assert "vastbus-2026-03-03@samverkanstorget" in uids("kalender/vastbus-nordost.ics")
    assert uids("kalender/molndal.ics") == {"molndal-2026-03-04@samverkanstorget"}
    assert len(uids("kalender/alla.ics")) == 5


def event(data: bytes, uid_prefix: str):
    found = [e for e in icalendar.Calendar.from_ical(data).walk("VEVENT") if str(e["UID"]).startswith(uid_prefix)]
    assert len(found) == 1
    return found[0]


def test_timed_all_day_cancelled_and_text_escaping(root: Path):
    data = feeds(root)["kalender/alla.ics"]
    raw = data.decode()
    series = event(data, "nordost-2026-01-20")
    assert "DTSTART;TZID=Europe/Stockholm:20260120T083000\r\n" in raw
    assert series["LOCATION"] == "Angered Arena, sal 3; entré B"
    assert "LOCATION:Angered Arena\\, sal 3\\; entré B\r\n" in raw
    assert str(series["DESCRIPTION"]).startswith("Dagordning: budget, SIP; övrigt.\nRad två")
    assert "RRULE:FREQ=MONTHLY;UNTIL=20261231T225959Z;BYDAY=3TU\r\n" in raw
    assert "EXDATE;TZID=Europe/Stockholm:20260721T083000\r\n" in raw
    days = event(data, "nordost-2026-05-23")
    assert "DTSTART;VALUE=DATE:20260523\r\n" in raw and "DTEND;VALUE=DATE:20260525\r\n" in raw
    assert days.decoded("DTEND") == date(2026, 5, 25)  # exclusive
    cancelled = event(data, "nordost-extra-2026-04")
    assert cancelled["STATUS"] == "CANCELLED"
    assert cancelled["SUMMARY"] == "INSTÄLLT: Extra möte"


def test_recurrences_expand_alike_in_two_parsers(root: Path):
    data = feeds(root)["kalender/alla.ics"]
    window = (datetime(2026, 1, 1, tzinfo=UTC), datetime(2027, 1, 1, tzinfo=UTC))
    ours = sorted(
        (str(o["UID"]), o.decoded("DTSTART"))
        for o in recurring_ical_events.of(icalendar.Calendar.from_ical(data)).between(*window)
    )
    other = IcsCalendarStream.calendar_from_ics(data.decode())
    theirs = sorted(
        (e.uid, e.dtstart if isinstance(e.dtstart, datetime) else e.dtstart)
        for e in other.timeline_tz(STOCKHOLM).overlapping(*window)
    )
    assert len(ours) == len(theirs) == 11 + 1 + 1 + 1 + 1
    for (uid_a, start_a), (uid_b, start_b) in zip(ours, theirs):
        assert uid_a == uid_b
        if isinstance(start_a, datetime):
            assert start_a == start_b
        else:
            assert start_a == (start_b.date() if isinstance(start_b, datetime) else start_b)
    series = [s for u, s in ours if u.startswith("nordost-2026-01-20")]
    assert date(2026, 7, 21) not in [s.date() for s in series]
    assert all(s.astimezone(STOCKHOLM).hour == 8 and s.astimezone(STOCKHOLM).minute == 30 for s in series)
    statuses = {e.uid: e.status.value for e in other.events}
    assert statuses["nordost-extra-2026-04@samverkanstorget"] == "CANCELLED"


@pytest.mark.parametrize(
    "day, local_hour, utc_hour",
    [
        ("2026-03-28", 9, 8),  # the Saturday before summer time
        ("2026-03-30", 9, 7),  # the Monday after
        ("2026-10-24", 9, 7),  # the Saturday before winter time
        ("2026-10-26", 9, 8),  # the Monday after
    ],
)
def test_daylight_saving_in_both_parsers(tmp_path: Path, day: str, local_hour: int, utc_hour: int):
    root = make_root(tmp_path)
    write_calendar(root, "dst.yml", f'titel: Möte\ndatum: {day}\ntid: "09:00-10:00"')
    data = feeds(root)["kalender/alla.ics"]
    (ours,) = icalendar.Calendar.from_ical(data).walk("VEVENT")
    start = ours.decoded("DTSTART")
    assert (start.hour, start.astimezone(UTC).hour) == (local_hour, utc_hour)
    (theirs,) = IcsCalendarStream.calendar_from_ics(data.decode()).events
    assert theirs.dtstart.astimezone(UTC).hour == utc_hour


def test_weekly_series_across_dst_keeps_local_time(tmp_path: Path):
    root = make_root(tmp_path)
    write_calendar(root, "vecka.yml", 'titel: Veckomöte\ndatum: 2026-03-17\ntid: "09:00-10:00"\n'
                   "upprepning: {frekvens: vecka, antal: 4}")
    data = feeds(root)["kalender/alla.ics"]
    window = (datetime(2026, 3, 1, tzinfo=UTC), datetime(2026, 5, 1, tzinfo=UTC))
    ours = [o.decoded("DTSTART") for o in recurring_ical_events.of(icalendar.Calendar.from_ical(data)).between(*window)]
    theirs = [e.dtstart for e in IcsCalendarStream.calendar_from_ics(data.decode()).timeline_tz(STOCKHOLM).overlapping(*window)]
    assert [s.astimezone(UTC).hour for s in ours] == [8, 8, 7, 7]
    assert [s.astimezone(UTC).hour for s in theirs] == [8, 8, 7, 7]


def git(root: Path, *args: str, when: str | None = None) -> None:
    env = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.se",
           "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.se"}
    if when:
        env["GIT_AUTHOR_DATE"] = env["GIT_COMMITTER_DATE"] = when
    subprocess.run(["git", "-C", str(root), *args], check=True, env=env, capture_output=True)


def vevent_block(data: bytes, uid: str) -> str:
    text = data.decode()
    return next(b for b in re.findall(r"BEGIN:VEVENT.*?END:VEVENT", text, re.S) if f"UID:{uid}" in b)


def test_edits_keep_uid_and_raise_sequence_and_additions_change_nothing_else(tmp_path: Path):
    root = make_root(tmp_path / "repo")
    git(root, "init", "-q")
    path = write_calendar(root, "nordost.yml", 'grupp: nordost\nhändelser:\n  - datum: 2026-02-10\n    tid: "08:30-10:00"\n'
                          '  - datum: 2026-03-10\n    tid: "08:30-10:00"\n')
    git(root, "add", "-A")
    git(root, "commit", "-qm", "first", when="2026-01-01T10:00:00+01:00")
    before = feeds(root)["kalender/alla.ics"]
    first = event(before, "nordost-2026-02-10")
    assert first["SEQUENCE"] == 0
    assert first.decoded("DTSTAMP") == datetime(2026, 1, 1, 9, 0, tzinfo=UTC)

    # Edit the time, place and title of the first event.
    path.write_text('grupp: nordost\nhändelser:\n  - datum: 2026-02-10\n    titel: Nytt namn\n    tid: "13:00-15:00"\n'
                    '    plats: Ny plats\n  - datum: 2026-03-10\n    tid: "08:30-10:00"\n', encoding="utf-8")
    git(root, "commit", "-qam", "edit", when="2026-01-05T10:00:00+01:00")
    after = feeds(root)["kalender/alla.ics"]
    edited = event(after, "nordost-2026-02-10")
    assert str(edited["UID"]) == str(first["UID"])
    assert edited["SEQUENCE"] == 1 and edited["SUMMARY"] == "Nytt namn"
    assert edited.decoded("DTSTAMP") == datetime(2026, 1, 5, 9, 0, tzinfo=UTC)
    untouched = vevent_block(after, "nordost-2026-03-10@samverkanstorget")
    assert untouched == vevent_block(before, "nordost-2026-03-10@samverkanstorget")

    # Add an event above both: nothing else changes, byte for byte.
    text = path.read_text(encoding="utf-8").replace("händelser:\n", 'händelser:\n  - datum: 2026-01-13\n    tid: "08:30-10:00"\n')
    path.write_text(text, encoding="utf-8")
    git(root, "commit", "-qam", "add", when="2026-01-07T10:00:00+01:00")
    added = feeds(root)["kalender/alla.ics"]
    for uid in ("nordost-2026-02-10@samverkanstorget", "nordost-2026-03-10@samverkanstorget"):
        assert vevent_block(added, uid) == vevent_block(after, uid)
    assert event(added, "nordost-2026-01-13")["SEQUENCE"] == 0


def test_rebuild_of_the_same_content_gives_the_same_bytes(root: Path):
    assert feeds(root) == feeds(root)


def test_calendar_names_are_escaped_and_an_empty_feed_has_a_component(tmp_path: Path):
    root = make_root(tmp_path)
    write_calendar(root, "molndal.yml", 'grupp: molndal\ntitel: "Budget, plan; och \\\\ annat"\ndatum: 2026-03-04')
    found = feeds(root)
    raw = found["kalender/handelser/molndal-2026-03-04.ics"].decode()
    assert "X-WR-CALNAME:Budget\\, plan\\; och \\\\ annat\r\n" in raw
    assert "NAME:Budget\\, plan\\; och \\\\ annat\r\n" in raw
    for data in (found["kalender/handelser/molndal-2026-03-04.ics"],):
        cal = icalendar.Calendar.from_ical(data)
        # icalendar hands X- properties back as written; read as TEXT they are the title.
        assert icalendar.parser.unescape_char(str(cal["X-WR-CALNAME"])) == "Budget, plan; och \\ annat"
        IcsCalendarStream.calendar_from_ics(data.decode())  # the second parser accepts it
    # NOSAM Nordost has no events here: its feed still has a component (RFC 5545).
    empty = found["kalender/nordost.ics"]
    cal = icalendar.Calendar.from_ical(empty)
    assert cal.walk("VEVENT") == [] and len(cal.walk("VTIMEZONE")) == 1
    IcsCalendarStream.calendar_from_ics(empty.decode())


@pytest.mark.parametrize(
    "text, found",
    [
        # The night summer time starts: 02:30 does not exist.
        ('grupp: molndal\ndatum: 2027-03-28\ntid: "02:30-04:00"', "2027-03-28 02:30"),
        # ... on one occurrence of a weekly series.
        ('grupp: molndal\ndatum: 2027-03-07\ntid: "01:00-02:15"\nupprepning:\n  frekvens: vecka\n  antal: 6',
         "2027-03-28 02:15"),
        # The night it ends: 02:30 happens twice.
        ('grupp: molndal\ndatum: 2026-10-25\ntid: "02:30-03:30"', "2026-10-25 02:30"),
        # A monthly series without an end, years ahead (last Sunday of March 2031).
        ('grupp: molndal\ndatum: 2027-01-31\ntid: "02:00-05:00"\nupprepning:\n  frekvens: månad\n  veckodag: söndag\n  ordning: -1',
         "2027-03-28 02:00"),
    ],
)
def test_a_time_that_is_no_single_instant_is_refused(tmp_path: Path, text: str, found: str):
    from calendar_support import problems

    root = make_root(tmp_path)
    write_calendar(root, "molndal.yml", text)
    (message,) = problems(root)
    assert message.startswith("kalender/molndal.yml, rad 3, fältet ”tid”: klockslaget finns")
    assert f"(hittade: ”{found}”)" in message


def test_times_beside_the_clock_change_are_accepted(tmp_path: Path):
    from calendar_support import problems

    root = make_root(tmp_path)
    # 01:30-03:30 on 28 March is a real span (one hour long); an exception skips the bad date.
    write_calendar(root, "molndal.yml", 'grupp: molndal\nhändelser:\n  - datum: 2027-03-28\n    tid: "03:00-04:00"\n'
                   '  - datum: 2027-03-21\n    tid: "02:30-03:30"\n    upprepning:\n      frekvens: vecka\n      antal: 3\n'
                   '      undantag: [2027-03-28]')
    assert problems(root) == []


def test_several_days_with_hours_are_those_hours_each_day_and_overnight_is_one_block(tmp_path: Path):
    root = make_root(tmp_path)
    write_calendar(root, "molndal.yml", 'grupp: molndal\nhändelser:\n'
                   '  - titel: Temadagar\n    datum: 2027-05-24\n    slutdatum: 2027-05-26\n    tid: "09:00-16:00"\n'
                   '  - titel: Nattjour\n    datum: 2027-06-01\n    slutdatum: 2027-06-02\n    tid: "22:00-06:00"\n')
    data = feeds(root)["kalender/molndal.ics"]
    spans = sorted(
        (e["DTSTART"].dt, e["DTEND"].dt, str(e["SUMMARY"]))
        for e in recurring_ical_events.of(icalendar.Calendar.from_ical(data)).between(date(2027, 5, 1), date(2027, 7, 1))
    )
    local = [(a.astimezone(STOCKHOLM).strftime("%d %H:%M"), b.astimezone(STOCKHOLM).strftime("%d %H:%M"), t) for a, b, t in spans]
    assert local == [
        ("24 09:00", "24 16:00", "Temadagar"),
        ("25 09:00", "25 16:00", "Temadagar"),
        ("26 09:00", "26 16:00", "Temadagar"),
        ("01 22:00", "02 06:00", "Nattjour"),
    ]
    # The independent parser expands the same days and hours.
    stream = IcsCalendarStream.calendar_from_ics(data.decode())
    other = sorted((e.dtstart.astimezone(STOCKHOLM).strftime("%d %H:%M"), e.dtend.astimezone(STOCKHOLM).strftime("%d %H:%M"))
                   for e in stream.timeline_tz(STOCKHOLM).included(date(2027, 5, 1), date(2027, 7, 1)))
    assert other == sorted((a, b) for a, b, _ in local)


def test_a_series_of_events_over_several_days_with_hours_is_refused(tmp_path: Path):
    from calendar_support import problems

    root = make_root(tmp_path)
    write_calendar(root, "molndal.yml", 'grupp: molndal\ndatum: 2027-05-24\nslutdatum: 2027-05-25\ntid: "09:00-16:00"\n'
                   'upprepning:\n  frekvens: år\n')
    (message,) = problems(root)
    assert "kalender/molndal.yml, rad 3, fältet ”slutdatum”: en händelse över flera dagar med tid varje dag kan inte också upprepas" in message


def test_uids_survive_the_edits_the_guide_describes(tmp_path: Path):
    """Add an id, move the meeting, add a meeting the same day as another,
    remove one: every continuing meeting keeps its UID, none takes another's."""
    from calendar_support import problems

    root = make_root(tmp_path / "repo")
    git(root, "init", "-q")
    head = 'grupp: molndal\nhändelser:\n'
    a = '  - titel: Styrgrupp\n    datum: 2027-01-19\n    tid: "08:30-10:00"\n'
    b = '  - titel: Arbetsgrupp\n    datum: 2027-02-16\n    tid: "13:00-15:00"\n'
    path = write_calendar(root, "molndal.yml", head + a + b)
    commits = iter(range(1, 20))

    def commit() -> dict[str, str]:
        git(root, "add", "-A")
        git(root, "commit", "-qm", "edit", when=f"2026-12-{next(commits):02d}T10:00:00+01:00")
        cal = icalendar.Calendar.from_ical(feeds(root)["kalender/molndal.ics"])
        return {str(e["SUMMARY"]): str(e["UID"]) for e in cal.walk("VEVENT")}

    first = commit()
    assert first == {"Styrgrupp": "molndal-2027-01-19@samverkanstorget", "Arbetsgrupp": "molndal-2027-02-16@samverkanstorget"}

    # 1. The guide: give the meeting an id before moving it.
    a_with_id = a.replace("    datum:", "    id: styrgrupp-jan\n    datum:")
    path.write_text(head + a_with_id + b, encoding="utf-8")
    assert commit() == first
    # 2. Move it.
    path.write_text(head + a_with_id.replace("2027-01-19", "2027-01-26") + b, encoding="utf-8")
    assert commit() == first
    # 3. A second meeting on the Arbetsgrupp's day: refused without an id, with the id to write.
    c = '  - titel: Extra\n    datum: 2027-02-16\n    tid: "15:30-16:30"\n'
    path.write_text(head + a_with_id.replace("2027-01-19", "2027-01-26") + b + c, encoding="utf-8")
    (message,) = problems(root)
    assert "det här mötet behöver ett eget id. Förväntat: id: molndal-2027-02-16-2" in message
    c = c.replace("    datum:", "    id: molndal-2027-02-16-2\n    datum:")
    path.write_text(head + a_with_id.replace("2027-01-19", "2027-01-26") + b + c, encoding="utf-8")
    third = commit()
    assert {k: third[k] for k in first} == first and third["Extra"] == "molndal-2027-02-16-2@samverkanstorget"
    # 4. Remove the Arbetsgrupp: the others keep theirs.
    path.write_text(head + a_with_id.replace("2027-01-19", "2027-01-26") + c, encoding="utf-8")
    fourth = commit()
    assert fourth == {"Styrgrupp": first["Styrgrupp"], "Extra": third["Extra"]}
    # 5. A new meeting on the Styrgrupp's old day cannot take over its UID.
    d = '  - titel: Ny\n    datum: 2027-01-19\n    tid: "08:30-10:00"\n'
    path.write_text(head + a_with_id.replace("2027-01-19", "2027-01-26") + c + d, encoding="utf-8")
    (message,) = problems(root)
    assert "två händelser har samma id" in message and "molndal-2027-01-19" in message


def test_subscribed_feeds_hold_the_last_year_and_ahead_and_the_archive_holds_all(tmp_path: Path):
    root = make_root(tmp_path)
    write_calendar(root, "molndal.yml", 'grupp: molndal\nhändelser:\n'
                   '  - titel: Gammalt\n    datum: 2024-03-05\n'
                   '  - titel: Förra våren\n    datum: 2026-03-04\n'
                   '  - titel: Gammal serie\n    datum: 2023-01-10\n    upprepning: {frekvens: vecka, antal: 10}\n'
                   '  - titel: Pågående serie\n    datum: 2020-01-07\n    upprepning: {frekvens: månad, veckodag: tisdag, ordning: 1}\n'
                   '  - titel: Serie som slutade i år\n    datum: 2025-01-07\n    upprepning: {frekvens: månad, veckodag: tisdag, ordning: 1, till: 2026-01-31}\n')
    found = feeds(root)

    def titles(uri: str) -> set[str]:
        return {str(e["SUMMARY"]) for e in icalendar.Calendar.from_ical(found[uri]).walk("VEVENT")}

    window = {"Förra våren", "Pågående serie", "Serie som slutade i år"}
    assert titles("kalender/alla.ics") == window
    assert titles("kalender/molndal.ics") == window
    assert titles("kalender/arkiv.ics") == window | {"Gammalt", "Gammal serie"}
    assert "kalender/handelser/molndal-2024-03-05.ics" in found  # each event keeps its own file


def test_a_preview_rebuild_serializes_only_the_event_that_changed(root: Path, monkeypatch):
    """Kept from one preview rebuild to the next: the events of unchanged
    feeds too, however many rebuilds in a row find nothing changed."""
    from samverkan import memo
    from samverkan.generate import feeds as feed_module

    serialized = []
    original = feed_module._serialized
    monkeypatch.setattr(feed_module, "_serialized", lambda event, *rest: serialized.append(event.id) or original(event, *rest))
    memo.keep_results(True)
    try:
        first = feeds(root)
        assert serialized  # every event, once
        serialized.clear()
        assert feeds(root) == first and feeds(root) == first
        assert serialized == []
        write_calendar(root, "molndal.yml", "grupp: molndal\ndatum: 2026-03-04\ntitel: Flyttat möte")
        changed = feeds(root)
        assert len(set(serialized)) == 1, serialized
        assert b"Flyttat m\xc3\xb6te" in changed["kalender/alla.ics"]
        fresh = (memo.keep_results(False), feeds(root))[1]
        assert changed == fresh
    finally:
        memo.keep_results(False)

"""An event keeps its UID through every edit an editor commits, and SEQUENCE
rises where RFC 5545 asks for it (a new time, date, rule or status).

Each step is a commit in a real git repository; the feeds are parsed back
with icalendar after each.
"""

from __future__ import annotations

import subprocess
from datetime import date
from pathlib import Path

import icalendar
import pytest

from calendar_support import TODAY, make_root, problems, write_calendar
from samverkan.content.load import load_content
from samverkan.generate.calendar_pages import feed_files
from test_feeds import git

SITE = "https://samverkanstorget.example.se/"

STYRGRUPP = """  - titel: Styrgrupp
    datum: 2027-01-19
    tid: "08:30-10:00"
"""
ARBETSGRUPP = """  - titel: Arbetsgrupp
    id: arbetsgrupp-var
    datum: 2027-02-16
    tid: "13:00-15:00"
    upprepning:
      frekvens: månad
      veckodag: tisdag
      ordning: 3
      antal: 5
"""
EXTRA = """  - titel: Extra
    datum: 2027-03-09
    tid: "15:00-16:00"
"""
HEAD = "grupp: molndal\nhändelser:\n"


class Walk:
    """A repository an editor commits to, one edit at a time."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.day = 0
        git(root, "init", "-q")

    def commit(self, message: str) -> None:
        self.day += 1
        git(self.root, "add", "-A")
        git(self.root, "commit", "-qm", message, when=f"2026-11-{self.day:02d}T10:00:00+01:00")

    def state(self) -> dict[str, tuple[str, int, str]]:
        """{title: (UID, SEQUENCE, STATUS)} in the feed of all meetings, and
        the event pages that exist."""
        result = load_content(self.root, TODAY)
        assert not result.problems, [str(p) for p in result.problems]
        files = {f.uri: f.data for f in feed_files(result.content, SITE)}
        calendar = icalendar.Calendar.from_ical(files["kalender/alla.ics"])
        masters = [e for e in calendar.walk("VEVENT") if "RECURRENCE-ID" not in e]
        # A cancelled meeting's title starts with "INSTÄLLT: ".
        found = {str(e["SUMMARY"]).split(": ")[-1]: (str(e["UID"]), int(e["SEQUENCE"]), str(e.get("STATUS", "")))
                 for e in masters}
        # The event's own page and download keep their address with the UID.
        for uid, _, _ in found.values():
            assert f"kalender/handelser/{uid.removesuffix('@samverkanstorget')}.ics" in files
        return found

    def notices(self) -> list[str]:
        return [str(n) for n in load_content(self.root, TODAY).notices]


def uid(name: str) -> str:
    return f"{name}@samverkanstorget"


def test_a_uid_walk_over_git_history(tmp_path: Path):
    root = make_root(tmp_path / "repo")
    walk = Walk(root)
    write_calendar(root, "molndal.yml", HEAD + STYRGRUPP + ARBETSGRUPP + EXTRA)
    walk.commit("first")
    first = walk.state()
    assert first == {
        "Styrgrupp": (uid("molndal-2027-01-19"), 0, "CONFIRMED"),
        "Arbetsgrupp": (uid("arbetsgrupp-var"), 0, "CONFIRMED"),
        "Extra": (uid("molndal-2027-03-09"), 0, "CONFIRMED"),
    }

    def edit(old: str, new: str, rel: str = "molndal.yml") -> None:
        file = root / "kalender" / rel
        text = file.read_text(encoding="utf-8")
        assert old in text
        file.write_text(text.replace(old, new), encoding="utf-8")

    # The title, then the start: the same UID, SEQUENCE up each time.
    edit("titel: Styrgrupp", "titel: Styrgruppen")
    walk.commit("title")
    assert walk.state()["Styrgruppen"] == (uid("molndal-2027-01-19"), 1, "CONFIRMED")
    edit('tid: "08:30-10:00"', 'tid: "09:00-10:30"')
    walk.commit("start")
    assert walk.state()["Styrgruppen"] == (uid("molndal-2027-01-19"), 2, "CONFIRMED")

    # Another day, with an id: the rule and the first date move together.
    edit("datum: 2027-02-16", "datum: 2027-02-23")
    edit("ordning: 3", "ordning: 4")
    walk.commit("day with id")
    assert walk.state()["Arbetsgrupp"] == (uid("arbetsgrupp-var"), 1, "CONFIRMED")

    # Another day, without an id: the build says so and gives the line that
    # keeps the identity; with that line the UID is the old one again.
    edit("datum: 2027-03-09", "datum: 2027-03-16")
    (notice,) = walk.notices()
    assert notice.startswith("kalender/molndal.yml, rad 15, fältet ”id”: mötet den 2027-03-09 är borttaget")
    assert "Förväntat: id: molndal-2027-03-09" in notice
    walk.commit("day without id")
    assert walk.state()["Extra"][0] == uid("molndal-2027-03-16")
    assert len(walk.notices()) == 1  # still said after the commit, until the file is edited
    edit("  - titel: Extra\n", "  - titel: Extra\n    id: molndal-2027-03-09\n")
    walk.commit("keep identity")
    assert walk.notices() == []
    assert walk.state()["Extra"] == (uid("molndal-2027-03-09"), 1, "CONFIRMED")

    # Rename the file: every UID and SEQUENCE as before.
    before = walk.state()
    git(root, "mv", "kalender/molndal.yml", "kalender/moten-molndal.yml")
    walk.commit("rename")
    assert walk.state() == before

    # Split it in two, the Styrgrupp to a file of its own.
    text = (root / "kalender/moten-molndal.yml").read_text(encoding="utf-8")
    styrgrupp = text[text.index("  - titel: Styrgruppen"):text.index("  - titel: Arbetsgrupp")]
    (root / "kalender/moten-molndal.yml").write_text(text.replace(styrgrupp, ""), encoding="utf-8")
    write_calendar(root, "styrgrupp/molndal.yml", "grupp: molndal\n" + "händelser:\n" + styrgrupp)
    walk.commit("split")
    assert walk.state() == before

    # An id for the Styrgrupp: still the identity it had, no new version.
    edit("  - titel: Styrgruppen\n", "  - titel: Styrgruppen\n    id: styrgrupp\n", "styrgrupp/molndal.yml")
    walk.commit("add id")
    assert walk.state() == before

    # One date of the series cancelled: the series is revised (EXDATE-like change).
    edit("      antal: 5\n", "      antal: 5\n      inställda: [2027-03-23]\n", "moten-molndal.yml")
    walk.commit("cancel one date")
    after = walk.state()
    assert after["Arbetsgrupp"] == (uid("arbetsgrupp-var"), 2, "CONFIRMED")
    calendar = icalendar.Calendar.from_ical(
        {f.uri: f.data for f in feed_files(load_content(root, TODAY).content, SITE)}["kalender/alla.ics"])
    (cancelled,) = [e for e in calendar.walk("VEVENT") if "RECURRENCE-ID" in e]
    assert str(cancelled["UID"]) == uid("arbetsgrupp-var") and str(cancelled["STATUS"]) == "CANCELLED"
    assert cancelled.decoded("RECURRENCE-ID").date() == date(2027, 3, 23)

    # The whole meeting cancelled.
    edit('tid: "09:00-10:30"\n', 'tid: "09:00-10:30"\n    inställd: true\n', "styrgrupp/molndal.yml")
    walk.commit("cancel")
    assert walk.state()["Styrgruppen"] == (uid("molndal-2027-01-19"), 3, "CANCELLED")

    # Removed, its id then given to another meeting: refused.
    edit(text[text.index("  - titel: Extra"):].replace("datum: 2027-03-09", "datum: 2027-03-16"), "", "moten-molndal.yml")
    walk.commit("remove")
    assert "Extra" not in walk.state()
    edit("händelser:\n", "händelser:\n  - titel: Något annat\n    id: molndal-2027-03-09\n    datum: 2027-05-04\n",
         "moten-molndal.yml")
    (message,) = problems(root)
    assert message.startswith("kalender/moten-molndal.yml, rad 4, fältet ”id”: id:t tillhörde en händelse som togs bort")


def test_an_uncommitted_rename_keeps_identity_in_the_preview(tmp_path: Path):
    root = make_root(tmp_path / "repo")
    walk = Walk(root)
    write_calendar(root, "molndal.yml", HEAD + STYRGRUPP + EXTRA)
    walk.commit("first")
    before = walk.state()
    (root / "kalender/molndal.yml").rename(root / "kalender/mote.yml")
    assert walk.state() == before


def test_a_meeting_moved_to_another_file_on_its_date_keeps_its_uid_without_history(tmp_path: Path):
    """Without git (an export), every event is as written."""
    root = make_root(tmp_path)
    write_calendar(root, "molndal.yml", HEAD + STYRGRUPP)
    found = {f.uri for f in feed_files(load_content(root, TODAY).raise_for_problems(), SITE)}
    assert "kalender/handelser/molndal-2027-01-19.ics" in found


@pytest.mark.parametrize("rename", [False, True])
def test_sequence_never_falls_and_dtstamp_follows_the_change(tmp_path: Path, rename: bool):
    root = make_root(tmp_path / "repo")
    walk = Walk(root)
    write_calendar(root, "molndal.yml", HEAD + STYRGRUPP)
    walk.commit("first")
    for minute in ("10", "20", "30"):
        text = (root / "kalender/molndal.yml").read_text(encoding="utf-8")
        (root / "kalender/molndal.yml").write_text(text.replace(text[text.index('"08:'):text.index('-10:00"')],
                                                                 f'"08:{minute}'), encoding="utf-8")
        walk.commit(minute)
    if rename:
        git(root, "mv", "kalender/molndal.yml", "kalender/ny.yml")
        walk.commit("rename")
    calendar = icalendar.Calendar.from_ical(
        {f.uri: f.data for f in feed_files(load_content(root, TODAY).content, SITE)}["kalender/alla.ics"])
    (event,) = calendar.walk("VEVENT")
    assert int(event["SEQUENCE"]) == 3
    assert event.decoded("LAST-MODIFIED").date() == date(2026, 11, 4)
    log = subprocess.run(["git", "-C", str(root), "log", "--oneline"], capture_output=True, text=True).stdout
    assert len(log.splitlines()) == (5 if rename else 4)


def test_a_file_renamed_and_a_meeting_moved_in_one_commit_is_said(tmp_path: Path):
    """Renamed and moved at once, without an id: the build still says so."""
    root = make_root(tmp_path / "repo")
    walk = Walk(root)
    write_calendar(root, "molndal.yml", HEAD + STYRGRUPP)
    walk.commit("first")
    (root / "kalender/molndal.yml").unlink()
    write_calendar(root, "moten.yml", HEAD + STYRGRUPP.replace("2027-01-19", "2027-01-26"))
    (notice,) = walk.notices()
    assert notice.startswith("kalender/moten.yml, rad 3, fältet ”id”: mötet den 2027-01-19 är borttaget")
    assert "Förväntat: id: molndal-2027-01-19" in notice

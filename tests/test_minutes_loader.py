"""Loading minutes: every field of the content model, and every mistake in Swedish."""

from datetime import date
from pathlib import Path

import pytest

from samverkan.content.load import load_content
from samverkan.content.model import ActionStatus, MeetingType

from test_groups_loader import write_group
from untrusted_support import pdf

TODAY = date(2026, 11, 24)


@pytest.fixture
def root(tmp_path: Path) -> Path:
    write_group(tmp_path, "nordost", "namn: NOSAM Nordost\ntyp: nosam")
    write_group(tmp_path, "barn-och-unga", "namn: Temagrupp Barn och unga\ntyp: temagrupp")
    return tmp_path


def write_minutes(root: Path, rel: str, front: str, body: str = "## Anteckningar\n\nText.\n") -> None:
    path = root / "minnesanteckningar" / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"---\n{front.strip()}\n---\n{body}", encoding="utf-8")


FULL = """
grupp: nordost
datum: 2026-03-10
sammanfattning: Kort om mötet.
mötestyp: dialogmöte
plats: Angered Arena
närvarande: [Områdeschef primärvården, Enhetschef socialtjänsten]
förhinder: [Rektor, Nordostskolan]
beslut:
  - Handlingsplanen för 2026 fastställs.
åtgärder:
  - vad: Bjuda in processledaren
    ansvarig: Ordförande
    klart: 2026-05-01
    status: öppen
  - vad: Skicka ut planen
    status: klar
lyfts_till:
  - till: barn-och-unga
    fråga: Behov av gemensam rutin
taggar: [SIP, skolfrånvaro]
bilagor:
  - titel: Presentation
    fil: bild.pdf
"""


def test_every_field_is_read(root: Path):
    (root / "minnesanteckningar" / "nordost").mkdir(parents=True)
    pdf(root / "minnesanteckningar" / "nordost" / "bild.pdf", ["Presentation"])
    write_minutes(root, "nordost/2026-03-10.md", FULL)
    content = load_content(root, TODAY).raise_for_problems()
    (m,) = content.minutes
    assert m.title == "Minnesanteckningar NOSAM Nordost 10 mars 2026"
    assert m.meeting_type is MeetingType.DIALOGUE
    assert m.absent == ("Rektor", "Nordostskolan")
    assert m.actions[0].due == date(2026, 5, 1) and m.actions[1].status is ActionStatus.DONE
    assert m.actions[0].is_overdue(TODAY)
    assert m.raised[0].to == "barn-och-unga"
    size = (root / "minnesanteckningar" / "nordost" / "bild.pdf").stat().st_size
    assert (m.attachments[0].kind, m.attachments[0].size) == ("PDF", size) and size > 500
    assert content.questions_raised_to("barn-och-unga")[0][0] is m


def test_group_and_date_default_to_the_path(root: Path):
    write_minutes(root, "nordost/2026-04-14-extra.md", "mötestyp: extra\nnarvarande: [Ordförande]")
    content = load_content(root, TODAY).raise_for_problems()
    (m,) = content.minutes
    assert (m.group, m.date, m.name, m.present) == ("nordost", date(2026, 4, 14), "2026-04-14-extra", ("Ordförande",))


def test_drafts_are_loaded_for_checking_but_not_published(root: Path):
    write_minutes(root, "nordost/2026-12-15.md", "utkast: true")
    assert load_content(root, TODAY).raise_for_problems().minutes == ()


def problems(root: Path) -> list[str]:
    return [str(p) for p in load_content(root, TODAY).problems]


def test_bad_date_in_file_name(root: Path):
    write_minutes(root, "nordost/2026-13-01.md", "plats: X")
    assert problems(root) == [
        "minnesanteckningar/nordost/2026-13-01.md: filnamnet ska börja med mötets datum (hittade: ”2026-13-01.md”). "
        "Förväntat: ÅÅÅÅ-MM-DD.md eller ÅÅÅÅ-MM-DD-tillägg.md, t.ex. 2026-03-10.md"
    ]


def test_bad_date_in_field(root: Path):
    write_minutes(root, "nordost/2026-03-10.md", "datum: 2026-03-32")
    (found,) = problems(root)
    assert found.startswith("minnesanteckningar/nordost/2026-03-10.md, rad 2, fältet ”datum”: datumet finns inte")


def test_date_that_disagrees_with_the_file_name(root: Path):
    write_minutes(root, "nordost/2026-03-10.md", "datum: 2026-03-11")
    assert problems(root) == [
        "minnesanteckningar/nordost/2026-03-10.md, rad 2, fältet ”datum”: datumet stämmer inte med filnamnet "
        "(hittade: ”2026-03-11”). Förväntat: 2026-03-10 (eller ta bort fältet)"
    ]


def test_unknown_group_folder_suggests_a_group(root: Path):
    write_minutes(root, "nordst/2026-03-10.md", "plats: X")
    (found,) = problems(root)
    assert "mappen har inte namnet på någon grupp" in found and found.endswith("Menade du ”nordost”?")


def test_group_that_disagrees_with_its_folder(root: Path):
    write_minutes(root, "nordost/2026-03-10.md", "grupp: barn-och-unga")
    (found,) = problems(root)
    assert found.startswith("minnesanteckningar/nordost/2026-03-10.md, rad 2, fältet ”grupp”: gruppen stämmer inte med mappen")


def test_unknown_key_with_suggestion(root: Path):
    write_minutes(root, "nordost/2026-03-10.md", "narvarnde: [Ordförande]")
    (found,) = problems(root)
    assert "fältet ”narvarnde”: okänd nyckel" in found and found.endswith("Menade du ”närvarande”?")


def test_bad_action_status_and_unknown_action_key(root: Path):
    write_minutes(root, "nordost/2026-03-10.md", "åtgärder:\n  - vad: X\n    status: pågår\n    ansvrig: Ordförande")
    found = problems(root)
    assert len(found) == 2
    assert "rad 4, fältet ”åtgärder.status”: okänt värde (hittade: ”pågår”). Förväntat: öppen | klar" in found[0]
    assert "rad 5, fältet ”åtgärder.ansvrig”: okänd nyckel" in found[1] and found[1].endswith("Menade du ”ansvarig”?")


def test_question_to_a_group_that_is_not_a_theme_group(root: Path):
    write_minutes(root, "nordost/2026-03-10.md", "lyfts_till:\n  - till: barn-och-ung\n    fråga: X")
    (found,) = problems(root)
    assert "rad 3, fältet ”lyfts_till.till”: okänd temagrupp" in found and found.endswith("Menade du ”barn-och-unga”?")


@pytest.mark.parametrize(
    "name, message",
    [
        ("saknas.pdf", "bilagan finns inte"),
        ("../barn-och-unga/x.pdf", "inga mappnamn eller .."),
        ("/etc/passwd", "inte på en annan plats"),
        ("C:\\\\Dokument\\\\x.pdf", "inte på en annan plats"),
        ("länk.pdf", "är en länk"),
    ],
)
def test_missing_or_escaping_attachment(root: Path, name: str, message: str):
    folder = root / "minnesanteckningar" / "nordost"
    folder.mkdir(parents=True)
    (root / "hemlig.pdf").write_bytes(b"%PDF")
    (folder / "länk.pdf").symlink_to(root / "hemlig.pdf")
    write_minutes(root, "nordost/2026-03-10.md", f'bilagor:\n  - titel: Bild\n    fil: "{name}"')
    found = problems(root)
    (named,) = [p for p in found if "bilagor.fil" in p]
    assert "rad 4, fältet ”bilagor.fil”" in named and message in named
    # The link itself is refused too, whether minutes name it or not.
    assert [p for p in found if p.startswith("minnesanteckningar/nordost/länk.pdf: symboliska länkar")]


def test_identity_number_in_minutes_names_file_and_line(root: Path):
    write_minutes(root, "nordost/2026-03-10.md", "plats: X", "## Anteckningar\n\nGällande 19121212-1212.\n")
    (found,) = problems(root)
    assert found.startswith("minnesanteckningar/nordost/2026-03-10.md, rad 6: texten innehåller ett personnummer")


def test_identity_number_in_a_draft_is_also_stopped(root: Path):
    write_minutes(root, "nordost/2026-03-10.md", "utkast: true\nplats: 121212-1212")
    assert "rad 3" in problems(root)[0]

"""Loading calendar files: every form of the content model, every mistake in Swedish."""

from datetime import date, time
from pathlib import Path

import pytest

from samverkan.content.load import load_content
from samverkan.content.model import Frequency
from samverkan.content.recurrence import occurrence_dates

from calendar_support import TODAY, make_root, problems, write_calendar


@pytest.fixture
def root(tmp_path: Path) -> Path:
    return make_root(tmp_path)


def events(root: Path):
    return {e.id: e for e in load_content(root, TODAY).raise_for_problems().events}


def test_single_event_file(root: Path):
    write_calendar(root, "live.yml", 'titel: Samverkanstorget Live\ndatum: 2027-09-20\ntid: "08:30-12:00"\nplats: Dalheimers hus')
    (event,) = events(root).values()
    assert event.id == "live-2027-09-20"
    assert (event.start_time, event.end_time, event.all_day) == (time(8, 30), time(12), False)


def test_defaults_and_list(root: Path):
    write_calendar(
        root,
        "nordost/2027.yml",
        'grupp: nordost\nplats: Solgärde vårdcentral\ntid: "08:30-12:00"\nhändelser:\n'
        "  - datum: 2027-01-30\n  - datum: 2027-02-27\n    plats: Angered Arena\n    tid: 13.00–15.00\n",
    )
    found = events(root)
    first, second = found["nordost-2027-2027-01-30"], found["nordost-2027-2027-02-27"]
    assert first.title == "NOSAM Nordost" and first.place == "Solgärde vårdcentral"
    assert (second.place, second.start_time) == ("Angered Arena", time(13))


def test_all_day_and_multi_day(root: Path):
    write_calendar(root, "dagar.yml", "händelser:\n  - titel: Heldag\n    datum: 2027-05-10\n"
                   "  - titel: Temadagar\n    datum: 2027-05-23\n    slutdatum: 2027-05-24\n")
    found = events(root)
    assert found["dagar-2027-05-10"].all_day
    assert found["dagar-2027-05-23"].last_day == date(2027, 5, 24)


def test_recurrences_in_swedish(root: Path):
    write_calendar(
        root,
        "serier.yml",
        """händelser:
  - titel: Första tisdagen
    datum: 2027-02-02
    tid: "08:30-10:00"
    upprepning: {frekvens: månad, veckodag: tisdag, ordning: första, till: 2027-06-30, undantag: [2027-04-06]}
  - titel: Sista fredagen
    datum: 2027-01-29
    upprepning: {frekvens: manad, veckodag: fredag, ordning: -1, antal: 3}
  - titel: Varannan vecka
    datum: 2027-01-04
    upprepning: {frekvens: vecka, intervall: 2, antal: 3}
  - titel: Varje dag
    datum: 2027-01-04
    id: varje-dag
    upprepning: {frekvens: dag, antal: 2}
  - titel: Årsmöte
    datum: 2027-03-04
    upprepning: {frekvens: år, veckodag: torsdag, ordning: 1, antal: 2}
""",
    )
    found = {e.title: e for e in events(root).values()}
    far = date(2030, 1, 1)
    assert occurrence_dates(found["Första tisdagen"], far) == [
        date(2027, 2, 2), date(2027, 3, 2), date(2027, 5, 4), date(2027, 6, 1)
    ]
    assert occurrence_dates(found["Sista fredagen"], far) == [date(2027, 1, 29), date(2027, 2, 26), date(2027, 3, 26)]
    assert occurrence_dates(found["Varannan vecka"], far) == [date(2027, 1, 4), date(2027, 1, 18), date(2027, 2, 1)]
    assert len(occurrence_dates(found["Varje dag"], far)) == 2
    assert occurrence_dates(found["Årsmöte"], far) == [date(2027, 3, 4), date(2028, 3, 2)]
    assert found["Första tisdagen"].recurrence.frequency is Frequency.MONTHLY
    assert found["Första tisdagen"].recurrence.describe() == "Första tisdagen varje månad till och med 30 juni 2027"


def test_cancelled_and_explicit_id(root: Path):
    write_calendar(root, "x.yml", "titel: Extra möte\ndatum: 2027-04-14\ninställd: ja\nid: extra-2027-04")
    (event,) = events(root).values()
    assert event.cancelled and event.id == "extra-2027-04"


@pytest.mark.parametrize(
    "text, expected",
    [
        ("titel: X\ndatum: 2027-02-30", "rad 2, fältet ”datum”: datumet finns inte i kalendern"),
        ('titel: X\ndatum: 2027-02-03\ntid: "25:00-26:00"', "rad 3, fältet ”tid”: klockslaget finns inte"),
        ("titel: X\ndatum: 2027-02-03\ntid: kl 9", "rad 3, fältet ”tid”: ogiltig tid"),
        ('titel: X\ndatum: 2027-02-03\ntid: "12:00-10:00"', "rad 3, fältet ”tid”: mötet slutar innan det börjar"),
        ("titel: X\ndatum: 2027-02-03\nslutdatum: 2027-02-01", "rad 3, fältet ”slutdatum”: slutdatumet är före startdatumet"),
        ("titel: X\ndatum: 2027-02-03\nupprepning:\n  frekvens: vecka\n  veckodag: tisdg",
         "rad 5, fältet ”upprepning.veckodag”: okänt värde (hittade: ”tisdg”)"),
        ("datum: 2027-02-03\ngrupp: nordst", "rad 2, fältet ”grupp”: okänd grupp (hittade: ”nordst”). Förväntat: namnet på en fil i docs/grupper/ utan .md. Menade du ”nordost”?"),
        ("titel: X\ndatum: 2027-02-03\nlänk: javascript:alert(1)", "rad 3, fältet ”länk”: länken måste börja med https://, http:// eller mailto:"),
        ("titel: X\ndatum: 2027-02-03\nupprepning:\n  frekvens: månad\n  veckodag: torsdag\n  ordning: 1",
         "rad 2, fältet ”datum”: första datumet är inte ett tillfälle enligt upprepningen (hittade: ”2027-02-03”)"),
        ("titel: X\ndatum: 2027-02-02\nupprepning:\n  frekvens: månad\n  veckodag: tisdag\n  ordning: 1\n  undantag: [2027-03-09]",
         "rad 7, fältet ”upprepning.undantag”: undantaget är inget tillfälle i serien"),
        ("titel: X\ndatum: 2027-02-02\nupprepning:\n  frekvens: månad\n  till: 2027-05-01\n  antal: 3",
         "fältet ”upprepning.antal”: ange antingen till eller antal, inte båda"),
        ("datum: 2027-02-02", "händelsen saknar titel och grupp"),
        ("titel: X\ndatum: 2027-02-02\nplatz: Y", "rad 3, fältet ”platz”: okänd nyckel"),
    ],
)
def test_mistakes_in_swedish_with_line_and_field(root: Path, text: str, expected: str):
    write_calendar(root, "fel.yml", text)
    found = problems(root)
    assert len(found) == 1, found
    assert found[0].startswith("kalender/fel.yml") and expected in found[0], found[0]


def test_first_date_suggestion_is_the_next_occurrence(root: Path):
    write_calendar(root, "fel.yml", "titel: X\ndatum: 2027-02-03\nupprepning: {frekvens: månad, veckodag: tisdag, ordning: 1}")
    assert problems(root)[0].endswith("Menade du ”2027-03-02”?")


def test_duplicate_ids_across_files(root: Path):
    write_calendar(root, "a.yml", "titel: A\ndatum: 2027-02-03\nid: mote")
    write_calendar(root, "b.yml", "titel: B\ndatum: 2027-02-04\nid: mote")
    (found,) = problems(root)
    assert found.startswith("kalender/b.yml, rad 3, fältet ”id”: två händelser har samma id")

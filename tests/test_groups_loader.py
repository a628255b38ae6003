"""Loading groups: good files become records, every mistake a Swedish problem."""

from datetime import date
from pathlib import Path

from samverkan.content.load import load_content
from samverkan.content.model import GroupType
from samverkan.problems import ContentError

import pytest

TODAY = date(2026, 11, 24)


def write_group(root: Path, slug: str, front: str, body: str = "Text.\n") -> None:
    path = root / "docs" / "grupper" / f"{slug}.md"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"---\n{front.strip()}\n---\n{body}", encoding="utf-8")


@pytest.fixture
def root(tmp_path: Path) -> Path:
    write_group(tmp_path, "nordost", "namn: NOSAM Nordost\ntyp: nosam\ntemagrupper: [barn-och-unga]")
    write_group(tmp_path, "barn-och-unga", "namn: Temagrupp Barn och unga\ntyp: temagrupp")
    write_group(
        tmp_path,
        "angered",
        "namn: NOSAM Angered\ntyp: nosam\navvecklad: 2021-01-01\nersatt_av: nordost",
    )
    return tmp_path


def messages(root: Path) -> list[str]:
    return [str(p) for p in load_content(root, TODAY).problems]


def test_good_groups_load_with_relations(root: Path):
    content = load_content(root, TODAY).raise_for_problems()
    assert set(content.groups) == {"nordost", "barn-och-unga", "angered"}
    nordost = content.groups["nordost"]
    assert nordost.type is GroupType.NOSAM
    assert nordost.body.strip() == "Text."
    assert [g.slug for g in content.predecessors("nordost")] == ["angered"]
    assert [g.slug for g in content.reporting_to("barn-och-unga")] == ["nordost"]
    assert content.groups["angered"].is_wound_up(TODAY)
    assert [g.slug for g in content.groups_of_type(GroupType.NOSAM)] == ["nordost"]


def test_keys_without_swedish_letters_are_accepted(root: Path):
    write_group(root, "vastbus-nordost", "namn: Västbus Nordost\ntyp: västbus\noverordnad: nordost\nomrade: Angered")
    content = load_content(root, TODAY).raise_for_problems()
    group = content.groups["vastbus-nordost"]
    assert (group.parent, group.area, group.type) == ("nordost", "Angered", GroupType.VASTBUS)


def test_unknown_type_suggests_the_right_value(root: Path):
    write_group(root, "centrum", "namn: NOSAM Centrum\ntyp: nosm")
    assert messages(root) == [
        'docs/grupper/centrum.md, rad 3, fältet ”typ”: okänt värde (hittade: ”nosm”). '
        "Förväntat: nosam | temagrupp | vastbus | annan | västbus. Menade du ”nosam”?"
    ]


def test_unknown_key_suggests_the_right_key(root: Path):
    write_group(root, "centrum", "namm: NOSAM Centrum\ntyp: nosam")
    found = messages(root)
    assert len(found) == 2
    assert found[0].startswith('docs/grupper/centrum.md, rad 2, fältet ”namm”: okänd nyckel')
    assert found[0].endswith("Menade du ”namn”?")
    assert found[1] == 'docs/grupper/centrum.md, rad 2, fältet ”namn”: fältet saknas men måste finnas'


def test_unknown_parent_and_successor_suggest_existing_groups(root: Path):
    write_group(root, "vastbus", "namn: Västbus\ntyp: vastbus\növerordnad: nordst")
    write_group(root, "gamla", "namn: Gamla\ntyp: nosam\navvecklad: 2020-01-01\nersatt_av: nordöst")
    found = messages(root)
    assert 'docs/grupper/gamla.md, rad 5, fältet ”ersatt_av”: ska vara ett filnamn utan .md (hittade: ”nordöst”)' in found[0]
    assert found[0].endswith("Menade du ”nordost”?")
    assert found[1] == (
        'docs/grupper/vastbus.md, rad 4, fältet ”överordnad”: okänd grupp (hittade: ”nordst”). '
        "Förväntat: namnet på en fil i docs/grupper/ utan .md. Menade du ”nordost”?"
    )


def test_parent_cycle_is_reported_for_every_member(root: Path):
    write_group(root, "a", "namn: A\ntyp: annan\növerordnad: b")
    write_group(root, "b", "namn: B\ntyp: annan\növerordnad: a")
    found = messages(root)
    assert len(found) == 2
    assert all("cirkel" in m and "fältet ”överordnad”" in m for m in found)
    assert found[0].startswith("docs/grupper/a.md, rad 4")


def test_theme_group_reference_must_be_a_theme_group(root: Path):
    write_group(root, "x", "namn: X\ntyp: nosam\ntemagrupper: [nordost]")
    assert "gruppen är ingen temagrupp" in messages(root)[0]


def test_impossible_date_has_a_line(root: Path):
    write_group(root, "x", "namn: X\ntyp: nosam\navvecklad: 2026-13-01")
    assert messages(root) == [
        'docs/grupper/x.md, rad 4, fältet ”avvecklad”: datumet finns inte i kalendern '
        "(hittade: ”2026-13-01”). Förväntat: ÅÅÅÅ-MM-DD med giltig månad och dag"
    ]


def test_boolean_words_in_swedish(root: Path):
    write_group(root, "x", "namn: X\ntyp: nosam\naktiv: nej")
    write_group(root, "y", "namn: Y\ntyp: nosam\naktiv: no")
    result = load_content(root, TODAY)
    assert result.content.groups["x"].active is False
    assert [p.field for p in result.problems] == ["aktiv"]
    assert result.problems[0].file == "docs/grupper/y.md"


def test_bad_file_name_suggests_a_slug(root: Path):
    write_group(root, "Östra Göteborg", "namn: X\ntyp: nosam")
    assert messages(root)[0].endswith("Menade du ”ostra-goteborg”?")


def test_successor_needs_a_wound_up_date(root: Path):
    write_group(root, "x", "namn: X\ntyp: nosam\nersatt_av: nordost")
    assert "avvecklad" in messages(root)[0]


def test_all_problems_of_all_files_come_together(root: Path):
    write_group(root, "x", "namn: X\ntyp: fel")
    write_group(root, "y", "typ: nosam\nkontakt: inte-en-adress")
    (root / "docs" / "grupper" / "z.md").write_text("---\nnamn: [\n---\n", encoding="utf-8")
    with pytest.raises(ContentError) as error:
        load_content(root, TODAY).raise_for_problems()
    files = [p.file for p in error.value.problems]
    assert files.count("docs/grupper/y.md") == 2
    assert {"docs/grupper/x.md", "docs/grupper/z.md"} <= set(files)
    assert str(error.value).startswith("Innehållet har 4 fel i 3 filer.")

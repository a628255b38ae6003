"""Hostile and broken input: escaped, rejected or reported; never a crash, never a traceback."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from samverkan.content.load import load_content
from samverkan.problems import Problem

from conftest import SiteCopy

SCRIPT = '<script>alert(1)</script>"><img src=x onerror=alert(2)>{{ 7*7 }}{% raw %}[x](javascript:alert(3))'


def yaml_text(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


def test_html_and_script_in_every_yaml_field_lands_escaped(site_copy: SiteCopy):
    v = yaml_text(SCRIPT)
    site_copy.write("docs/grupper/ond.md", f"---\nnamn: {v}\ntyp: annan\nkommun: {v}\nområde: {v}\nordförande: {v}\ntemagrupper: [barn-och-unga]\n---\n")
    site_copy.write(
        "minnesanteckningar/ond/2026-11-20.md",
        f"---\ntitel: {v}\nsammanfattning: {v}\nplats: {v}\nnärvarande: [{v}]\nförhinder: [{v}]\nbeslut: [{v}]\n"
        f"åtgärder:\n  - vad: {v}\n    ansvarig: {v}\nlyfts_till:\n  - till: barn-och-unga\n    fråga: {v}\ntaggar: [{v}]\n---\nText.\n",
    )
    site_copy.write("kalender/ond.yml", f"grupp: ond\ntitel: {v}\ndatum: 2027-01-05\nplats: {v}\nbeskrivning: {v}\n")
    site_copy.write("verktygslada/ond.md", f"---\ntitel: {v}\nsammanfattning: {v}\nkategori: {v}\nmålgrupp: [{v}]\ntaggar: [{v}]\nansvarig: {v}\n---\n")
    site_copy.write("docs/overenskommelser/ond.md", f"---\ntitel: {v}\ntyp: rutin\nparter: [{v}]\ngrupper: [ond]\nbeslutad_av: {v}\ndiarienummer: {v}\n---\n")
    site_copy.write("docs/dokument/ond.md", f"---\ntitel: {v}\ntyp: rapport\ngrupper: [ond]\ntaggar: [{v}]\n---\n")
    result = site_copy.build()
    assert result.returncode == 0, result.output
    pages = [p for p in result.site.rglob("*.html")]
    for path in pages:
        page = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        # Parsed as a browser would: the text may be shown, but never becomes markup.
        assert not [s for s in page.find_all("script") if "alert" in s.get_text()], path
        assert not page.find_all(attrs={"onerror": True}), path
        assert not page.find_all("img", src="x"), path
        assert not [a for a in page.find_all("a", href=True) if a["href"].strip().lower().startswith("javascript:")], path
    for feed in result.site.rglob("*.ics"):
        assert b"{{ 7*7 }}" in feed.read_bytes() or b"<script>" not in feed.read_bytes()
    group = (result.site / "grupper" / "ond" / "index.html").read_text(encoding="utf-8")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in group
    assert "{{ 7*7 }}" in group and ">49<" not in group


@pytest.mark.parametrize(
    "rel, data, message",
    [
        ("minnesanteckningar/nordost/2026-11-20.md", "---\nplats: Kör\n---\n".encode("latin-1"), "inte sparad som UTF-8"),
        ("minnesanteckningar/nordost/2026-11-20.md", b"", "filen är tom"),
        ("kalender/tom.yml", b"   \n", "filen är tom"),
        ("docs/grupper/stor.md", b"---\nnamn: X\ntyp: annan\n---\n" + b"a" * 2_100_000, "filen är för stor"),
        ("kalender/bomb.yml", b'a: &a ["x","x"]\nb: &b [*a,*a]\nc: &c [*b,*b]\nd: [*c,*c]\n', "alias"),
        ("kalender/binar.yml", b"titel: X\x00\n", "binära data"),
        ("minnesanteckningar/nordost/2026-11-20.md", b"---\ntitel: X\n\nText utan slut\n", "avslutas aldrig"),
    ],
)
def test_broken_files_give_a_clear_error(tmp_path: Path, rel: str, data: bytes, message: str):
    root = tmp_path
    (root / "docs" / "grupper").mkdir(parents=True)
    (root / "docs" / "grupper" / "nordost.md").write_text("---\nnamn: N\ntyp: nosam\n---\n", encoding="utf-8")
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    problems = load_content(root, date(2026, 11, 24)).problems
    assert any(p.file == rel and message in p.message for p in problems), problems


def test_symlinked_content_is_not_read(tmp_path: Path):
    outside = tmp_path / "hemligt.md"
    outside.write_text("---\nnamn: Hemlig\ntyp: annan\n---\n", encoding="utf-8")
    (tmp_path / "docs" / "grupper").mkdir(parents=True)
    (tmp_path / "docs" / "grupper" / "lank.md").symlink_to(outside)
    content = load_content(tmp_path, date(2026, 11, 24)).content
    assert "lank" not in content.groups


TEXT = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=400)
YAMLISH = st.lists(
    st.sampled_from([
        "---\n", "namn: ", "typ: nosam\n", "datum: 2026-03-10\n", "tid: 10:30\n", "händelser:\n", "  - ", "upprepning:\n",
        "    frekvens: månad\n", "beslut: [", "]", "åtgärder:\n", "  - vad: x\n", "&a ", "*a ", "{", "}", ": ", "\t", "'", '"',
        "!!python/object:os.system ", "2026-13-01", "no", "yes", "~", "\n", "bilagor:\n  - fil: ../x\n", "titel: ", "- ",
    ]) | TEXT,
    max_size=30,
).map("".join)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(group=YAMLISH, minutes=YAMLISH, calendar=YAMLISH, tool=YAMLISH)
def test_any_input_ends_in_problems_never_a_crash(tmp_path_factory, group, minutes, calendar, tool):
    root = tmp_path_factory.mktemp("fuzz")
    files = {
        "docs/grupper/nordost.md": "---\nnamn: N\ntyp: nosam\n---\n",
        "docs/grupper/fuzz.md": group,
        "minnesanteckningar/nordost/2026-03-10.md": minutes,
        "kalender/fuzz.yml": calendar,
        "verktygslada/fuzz.md": tool,
        "docs/overenskommelser/fuzz.md": group,
    }
    for rel, text in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    result = load_content(root, date(2026, 11, 24))
    assert all(isinstance(p, Problem) and p.file and p.message for p in result.problems)
    for problem in result.problems:
        str(problem)  # every problem can be reported


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=300))
def test_any_bytes_as_a_calendar_file(tmp_path_factory, data):
    root = tmp_path_factory.mktemp("bytes")
    (root / "kalender").mkdir()
    (root / "kalender" / "x.yml").write_bytes(data)
    load_content(root, date(2026, 11, 24))

"""Editors' tools: `make check`, the scaffolding commands and the code-owners file."""

from __future__ import annotations

import os
import subprocess

import pytest

from conftest import REPO, TODAY, SiteCopy, samverkan_command


def run(copy: SiteCopy, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "SAMVERKAN_IDAG": TODAY, "SAMVERKAN_ROT": str(copy.root)}
    return samverkan_command(*args, cwd=copy.root, env=env)


def check(copy: SiteCopy) -> subprocess.CompletedProcess:
    return run(copy, "check", ".")


def problem_lines(output: str) -> list[str]:
    return sorted(line.strip() for line in output.splitlines() if line.startswith("  - "))


def test_check_passes_on_the_example_content(site_copy: SiteCopy):
    result = check(site_copy)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("Inga fel: 28 grupper, 21 minnesanteckningar")


BROKEN = {
    "docs/grupper/centrum.md": "---\nnamn: NOSAM Centrum\ntyp: nosm\n---\n",
    "minnesanteckningar/nordost/2026-11-18.md": "---\nnarvarnde: [Ordförande]\nåtgärder:\n  - vad: X\n    status: pågår\n---\nText.\n",
    "kalender/fel.yml": 'titel: X\ndatum: 2027-02-30\ntid: "12:00-10:00"\n',
    "verktygslada/fel.md": "---\nsammanfattning: Y\nlänkar:\n  - titel: L\n    url: javascript:alert(1)\n---\n",
    "docs/overenskommelser/fel.md": "---\ntitel: X\ntyp: rutin\nersätter: okand\n---\n",
    "docs/dokument/fel.md": "---\ntitel: X\ntyp: rapport\ngrupper: [nordst]\n---\n",
    "minnesanteckningar/molndal/2026-11-19.md": "---\nplats: X\n---\nGäller 19121212-1212.\n",
}


@pytest.mark.parametrize("rel", sorted(BROKEN))
def test_check_gives_the_same_messages_as_the_build(site_copy: SiteCopy, rel: str):
    site_copy.write(rel, BROKEN[rel])
    checked = check(site_copy)
    built = site_copy.build()
    assert checked.returncode == 1 and built.returncode != 0
    lines = problem_lines(checked.stderr)
    assert lines and all(rel in line for line in lines)
    assert lines == problem_lines(built.output)


def test_scaffolding_creates_files_that_pass_check(site_copy: SiteCopy):
    (site_copy.root / "minnesanteckningar" / "nordost" / "2026-12-15.md").unlink()  # the example's draft
    made = run(site_copy, "ny", "minnesanteckning", "nordost", "2026-12-15")
    assert made.returncode == 0, made.stderr
    text = (site_copy.root / "minnesanteckningar" / "nordost" / "2026-12-15.md").read_text(encoding="utf-8")
    assert 'plats: "Angereds Närsjukhus, konferensrum Blå"' in text
    assert "08:30–10:30" in text and "utkast: true" in text
    event = run(site_copy, "ny", "handelse", "molndal", "2027-12-07", "09:00-11:00")
    assert event.returncode == 0, event.stderr
    event_text = (site_copy.root / "kalender" / "molndal-2027-12-07.yml").read_text(encoding="utf-8")
    assert 'tid: "09:00-11:00"' in event_text and 'plats: "Mölndals stadshus"' in event_text
    assert "id: molndal-2027-12-07\n" in event_text
    group = run(site_copy, "ny", "grupp", "nosam-kungalv", "NOSAM Kungälv", "nosam")
    assert group.returncode == 0, group.stderr
    result = check(site_copy)
    assert result.returncode == 0, result.stderr
    assert "29 grupper" in result.stdout and "32 händelser" in result.stdout


def test_scaffolding_refuses_to_overwrite_and_explains_in_swedish(site_copy: SiteCopy):
    path = site_copy.root / "minnesanteckningar" / "nordost" / "2026-11-17.md"
    before = path.read_bytes()
    again = run(site_copy, "ny", "minnesanteckning", "nordost", "2026-11-17")
    assert again.returncode == 1
    assert "finns redan och skrivs inte över" in again.stderr
    assert path.read_bytes() == before
    unknown = run(site_copy, "ny", "minnesanteckning", "nordst", "2026-12-01")
    assert unknown.returncode == 1 and "Menade du ”nordost”?" in unknown.stderr
    bad_date = run(site_copy, "ny", "handelse", "nordost", "2026-13-01")
    assert bad_date.returncode == 1 and "ÅÅÅÅ-MM-DD" in bad_date.stderr
    bad_type = run(site_copy, "ny", "grupp", "ny", "Ny", "nossam")
    assert bad_type.returncode == 1 and "Menade du ”nosam”?" in bad_type.stderr


def test_codeowners_is_generated_and_checked(site_copy: SiteCopy):
    committed = (REPO / ".github" / "CODEOWNERS").read_text(encoding="utf-8")
    assert "/minnesanteckningar/nordost/ @vardsamverkan/nosam-nordost" in committed
    path = site_copy.root / "docs" / "grupper" / "molndal.md"
    path.write_text(path.read_text(encoding="utf-8").replace("typ: nosam\n", 'typ: nosam\nredaktörer: ["@molndal-redaktion"]\n'), encoding="utf-8")
    (site_copy.root / ".github").mkdir(exist_ok=True)
    (site_copy.root / ".github" / "CODEOWNERS").write_text(committed, encoding="utf-8")
    stale = check(site_copy)
    assert stale.returncode == 1 and "make kodagare" in stale.stderr
    assert run(site_copy, "kodagare", ".").returncode == 0
    assert "/minnesanteckningar/molndal/ @molndal-redaktion" in (site_copy.root / ".github" / "CODEOWNERS").read_text(encoding="utf-8")
    assert check(site_copy).returncode == 0


def test_committed_codeowners_is_up_to_date():
    env = {**os.environ, "SAMVERKAN_IDAG": TODAY}
    result = samverkan_command("check", ".", cwd=REPO, env=env)
    assert result.returncode == 0, result.stderr


def test_meetings_without_published_minutes_are_reminders(tmp_path):
    """A meeting over three weeks ago without minutes: on the review page and
    from `make check`, as a reminder that does not fail it."""
    from conftest import SiteCopy

    copy = SiteCopy(tmp_path / "repo")
    env = {**os.environ, "SAMVERKAN_IDAG": TODAY}
    check = samverkan_command("check", ".", cwd=copy.root, env=env)
    assert check.returncode == 0, check.stderr
    assert ("Påminnelse: Ledningsgruppen för Vårdsamverkan Göteborgsområdet hade möte 3 september 2026 men har inga "
            "publicerade minnesanteckningar (minnesanteckningar/ledningsgrupp/2026-09-03.md).") in check.stdout
    # Minutes written as a draft do not count; published ones do.
    copy.write("minnesanteckningar/ledningsgrupp/2026-09-03.md", "---\nutkast: true\n---\n\nText.\n")
    again = samverkan_command("check", ".", cwd=copy.root, env=env)
    assert "2026-09-03.md)" in again.stdout
    copy.write("minnesanteckningar/ledningsgrupp/2026-09-03.md", "---\nsammanfattning: Möte.\n---\n\nText.\n")
    result = copy.build()
    assert result.returncode == 0, result.output
    review = result.page("redaktorer/granskning")
    section = review.split('id="moten-utan-publicerade-minnesanteckningar"', 1)[1].split("<h2", 1)[0]
    assert "4 juni 2026" in section and "3 september 2026" not in section

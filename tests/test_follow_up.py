"""The follow-up of the collaboration (issue 21): action plans, representation,
answered questions, the handover pages and the NOSAM overview. Loaders first
(no MkDocs), then the example site as built by MkDocs."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from conftest import REPO, SiteCopy, search_urls
from samverkan.content.load import load_content
from samverkan.content.model import PlanStatus
from test_site_build import article, link, soup, text_of

TODAY = date(2026, 11, 28)


def write(root: Path, rel: str, text: str) -> None:
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


@pytest.fixture
def root(tmp_path: Path) -> Path:
    write(tmp_path, "docs/grupper/nordost.md", "---\nnamn: NOSAM Nordost\ntyp: nosam\ntemagrupper: [barn-och-unga]\n"
          "representanter:\n  - organisation: Primärvård\n    roll: Områdeschef\n  - organisation: Skola\n"
          "    roll: Rektor\n---\nText.\n")
    write(tmp_path, "docs/grupper/barn-och-unga.md", "---\nnamn: Temagrupp Barn och unga\ntyp: temagrupp\n---\nText.\n")
    write(tmp_path, "docs/om/representation.yml", "nosam:\n  - Primärvård\n  - Skola\n  - Socialtjänst\n"
          "vastbus:\n  - BUP\növriga:\n  - Tandvård\n")
    write(tmp_path, "minnesanteckningar/nordost/2026-02-17.md", "---\nbeslut:\n  - En arbetsgrupp bildas.\n"
          "lyfts_till:\n  - till: barn-och-unga\n    fråga: Gemensam rutin vid skolfrånvaro?\n---\nText.\n")
    write(tmp_path, "minnesanteckningar/nordost/2026-09-15.md", "---\nlyfts_till:\n  - till: barn-och-unga\n"
          "    fråga: En rutin för hela området?\n---\nText.\n")
    write(tmp_path, "minnesanteckningar/barn-och-unga/2026-04-02.md", "---\nbesvarar:\n  - grupp: nordost\n"
          "    datum: 2026-02-17\n    svar: Temagruppen tar fram ett underlag.\n---\nText.\n")
    write(tmp_path, "docs/handlingsplaner/nordost/2026.md", PLAN)
    return tmp_path


PLAN = """---
fastställd: 2026-01-20
mål:
  - mål: Stöd tidigare vid skolfrånvaro
    aktiviteter:
      - aktivitet: Gemensam rutin
        ansvarig: Enhetschef, socialtjänsten
        start: 2026-02-01
        klart: 2026-09-30
        status: klar
        uppföljning: [2026-02-17]
      - aktivitet: Sprida rutinen
        ansvarig: Rektor
        status: pågår
      - aktivitet: En idé som lades ner
        ansvarig: Ordförande
        status: avbruten
---
Bakgrund.
"""


def problems(root: Path) -> list[str]:
    return [str(p) for p in load_content(root, TODAY).problems]


def test_good_follow_up_content_loads(root: Path):
    content = load_content(root, TODAY).raise_for_problems()
    (plan,) = content.plans
    assert (plan.group, plan.year, plan.decided) == ("nordost", 2026, date(2026, 1, 20))
    assert [a.status for a in plan.activities] == [PlanStatus.DONE, PlanStatus.ONGOING, PlanStatus.STOPPED]
    assert plan.activities[0].follow_up == ("2026-02-17",)
    assert plan.progress() == (1, 2)  # a stopped activity is not counted
    assert content.current_plan("nordost") == plan and not content.plan_is_outdated(plan)
    nordost = content.groups["nordost"]
    assert [(m.organisation, m.role) for m in nordost.members] == [("Primärvård", "Områdeschef"), ("Skola", "Rektor")]
    assert content.representation.gaps(nordost) == ("Socialtjänst",)
    asked, unanswered = sorted((m for m in content.minutes if m.group == "nordost"), key=lambda m: m.date)
    where, answer = content.answer_to(asked, asked.raised[0])
    assert (where.group, where.name, answer.text) == ("barn-och-unga", "2026-04-02", "Temagruppen tar fram ett underlag.")
    assert content.answer_to(unanswered, unanswered.raised[0]) is None


def test_a_plan_of_a_past_year_is_outdated(root: Path):
    content = load_content(root, date(2027, 2, 1)).raise_for_problems()
    (plan,) = content.outdated_plans()
    assert plan.year == 2026 and content.current_plan("nordost") == plan


def test_plan_mistakes_are_swedish_problems_with_file_line_and_field(root: Path):
    write(root, "docs/handlingsplaner/nordost/2027.md", PLAN.replace("status: pågår", "status: pågått")
          .replace("        ansvarig: Rektor\n", "").replace("uppföljning: [2026-02-17]", "uppföljning: [2026-02-18]")
          .replace("klart: 2026-09-30", "klart: 2026-01-15"))
    write(root, "docs/handlingsplaner/nordst/2026.md", PLAN)
    write(root, "docs/handlingsplaner/nordost/plan.md", PLAN)
    found = problems(root)
    plan = "docs/handlingsplaner/nordost/2027.md"
    assert any(p.startswith(plan) and "mål.aktiviteter.status" in p and "okänt värde" in p and "”pågår”" in p
               for p in found), found
    assert any(p.startswith(plan) and "mål.aktiviteter.ansvarig" in p for p in found), found
    assert any(p.startswith(f"{plan}, rad") and "klart ligger före start" in p for p in found), found
    follow_up = next(p for p in found if "uppföljning" in p)
    assert follow_up.startswith(f"{plan}, rad") and "”2026-02-18”" in follow_up and "Menade du ”2026-02-17”?" in follow_up
    assert any("docs/handlingsplaner/nordst/2026.md" in p and "Menade du ”nordost”?" in p for p in found), found
    assert any("docs/handlingsplaner/nordost/plan.md" in p and "heta som året" in p for p in found), found


def test_an_unknown_organisation_is_a_problem_with_a_suggestion(root: Path):
    path = root / "docs/grupper/nordost.md"
    path.write_text(path.read_text(encoding="utf-8").replace("organisation: Skola", "organisation: Skolan"), encoding="utf-8")
    (found,) = problems(root)
    assert found.startswith("docs/grupper/nordost.md, rad")
    assert "representanter.organisation" in found and "okänd organisation" in found and "Menade du ”Skola”?" in found


def test_an_answer_must_name_minutes_that_raised_a_question(root: Path):
    write(root, "minnesanteckningar/barn-och-unga/2026-06-04.md", "---\nbesvarar:\n  - grupp: nordost\n"
          "    datum: 2026-02-18\n    svar: Svar.\n---\nText.\n")
    (found,) = problems(root)
    assert found.startswith("minnesanteckningar/barn-och-unga/2026-06-04.md, rad")
    assert "besvarar.datum" in found and "”2026-02-18”" in found and "2026-02-17" in found


def test_a_draft_plan_reaches_no_output(site_copy: SiteCopy):
    site_copy.write("docs/handlingsplaner/harryda/2026.md", PLAN.replace("fastställd: 2026-01-20", "utkast: true")
                    .replace("uppföljning: [2026-02-17]", "uppföljning: []"))
    result = site_copy.build()
    assert result.returncode == 0, result.output
    assert not (result.site / "handlingsplaner" / "harryda").exists()
    assert "handlingsplaner/harryda" not in (result.site / "sitemap.xml").read_text(encoding="utf-8")
    assert "/handlingsplaner/harryda/" not in search_urls(result.site)
    assert "Handlingsplan" not in text_of(article(result.page("grupper/harryda")))


# The example site: three NOSAM groups and two Västbus groups exercise every part.

def test_group_page_shows_plan_progress_representation_and_answers(example_site):
    nordost = article(example_site.page("grupper/nordost"))
    text = text_of(nordost)
    assert "Handlingsplan 2026: 2 av 4 aktiviteter klara." in text
    assert link(nordost, "Handlingsplan 2026")["href"] == "../../handlingsplaner/nordost/2026/"
    assert "Alla organisationer som ska vara med i en NOSAM-grupp finns med." in text
    assert link(nordost, "Läs om gruppen, dess planer och beslut på en sida")["href"] == "ny-i-gruppen/"
    answered = next(li for li in nordost.find_all("li") if "Behov av gemensam rutin vid problematisk skolfrånvaro" in text_of(li))
    assert "Besvarad 2 april 2026: Temagruppen tar fram ett underlag" in text_of(answered)
    assert link(answered, "2 april 2026")["href"] == "../../minnesanteckningar/barn-och-unga/2026-04-02/"
    open_question = next(li for li in nordost.find_all("li") if "Kan rutinen för skolfrånvaro" in text_of(li))
    assert "Inte besvarad än." in text_of(open_question)
    theme = text_of(article(example_site.page("grupper/barn-och-unga")))
    assert "från NOSAM Nordost (17 februari 2026). Besvarad 2 april 2026" in theme

    molndal = text_of(article(example_site.page("grupper/molndal")))
    assert "Handlingsplanen är från 2025" in molndal and "ingen handlingsplan för 2026" in molndal
    assert "Saknas: Skola." in molndal
    assert "Saknas: BUP." in text_of(article(example_site.page("grupper/vastbus-molndal")))


def test_plan_page_links_activities_to_their_follow_up(example_site):
    page = article(example_site.page("handlingsplaner/nordost/2026"))
    text = text_of(page)
    assert "Handlingsplan 2026 – NOSAM Nordost" in text and "Fastställd 20 januari 2026" in text
    row = next(tr for tr in page.find_all("tr") if "Gemensam rutin för skola" in text_of(tr))
    cells = [text_of(td) for td in row.find_all("td")]
    assert cells[1:4] == ["Enhetschef, individ- och familjeomsorg", "1 februari 2026 – 30 september 2026", "Klar"]
    assert link(row, "15 september 2026")["href"] == "../../../minnesanteckningar/nordost/2026-09-15/"
    assert "15 september 2026: Förslaget till rutin vid problematisk skolfrånvaro skickas på remiss" in text


def test_handover_page_for_every_current_group_and_no_other(example_site):
    page = article(example_site.page("grupper/nordost/ny-i-gruppen"))
    headings = [text_of(h).rstrip("¶") for h in page.find_all("h2")]
    for heading in ("Uppdrag", "Vilka som är med", "Överenskommelser som gäller", "Handlingsplan",
                    "Beslut sedan 24 november 2025", "Öppna åtgärder", "Frågor som gruppen har lyft", "Nästa möten"):
        assert heading in headings, headings
    text = text_of(page)
    assert "Årsrapporten för 2026 fastställs." in text  # a decision of the last twelve months
    assert "2025-" not in " ".join(text_of(td) for td in page.find_all("td"))  # none older
    assert "nosam.nordost@example.se" in text
    assert not (example_site.site / "grupper" / "angered" / "ny-i-gruppen").exists()  # wound up
    assert (example_site.site / "grupper" / "vastbus-molndal" / "ny-i-gruppen" / "index.html").is_file()


def test_nosam_overview_has_a_row_per_active_group(example_site):
    page = article(example_site.page("nosam/oversikt"))
    tables = page.find_all("table")
    assert len(tables) == 2

    def row(table, name):
        found = next(tr for tr in table.find_all("tr") if tr.find("td") and text_of(tr.find("td")) == name)
        return [text_of(td) for td in found.find_all("td")]

    assert row(tables[0], "NOSAM Nordost") == ["NOSAM Nordost", "17 november 2026", "Publicerade", "2026: 2 av 4 klara",
                                               "Ingen", "Västbusgrupp Nordost", "4", "2 (1)"]
    molndal = row(tables[0], "NOSAM Mölndal")
    assert molndal[3] == "2025: 1 av 2 klara (gammal)" and molndal[4] == "Skola"
    harryda = row(tables[0], "NOSAM Härryda")
    assert harryda[1:3] == ["30 oktober 2026", "Saknas"] and harryda[3] == "Saknas"
    assert "NOSAM Angered" not in text_of(tables[0])  # wound up
    vastbus = row(tables[1], "Västbusgrupp Mölndal")
    assert vastbus[1] == "NOSAM Mölndal" and vastbus[5] == "BUP"
    # Tables become cards on a phone: every cell carries its column's name.
    first = tables[0].find("tbody").find("td")
    assert first.get("data-label") == "Grupp"


def test_review_list_names_the_outdated_plan(example_site):
    page = article(example_site.page("redaktorer/granskning"))
    section = text_of(page).split("Handlingsplaner att förnya", 1)[1].split("Verktyg att granska", 1)[0]
    assert "NOSAM Mölndal 2025 docs/handlingsplaner/molndal/2026.md" in section
    assert "NOSAM Nordost" not in section


def test_representation_page_lists_who_should_be_at_the_table(example_site):
    text = text_of(article(example_site.page("om/representation")))
    assert "NOSAM-grupper" in text and "Barn- och ungdomsmedicin" in text and "Tandvård" in text
    assert not (example_site.site / "om" / "representation.yml").exists()


def test_print_style_sheet_covers_the_handover_page(example_site):
    html = soup(example_site.page("grupper/nordost/ny-i-gruppen"))
    assert any("samverkan.css" in (tag.get("href") or "") for tag in html.find_all("link"))
    css = (REPO / "docs" / "stylesheets" / "samverkan.css").read_text(encoding="utf-8")
    assert "break-inside: avoid" in css.split("@media print", 1)[1]

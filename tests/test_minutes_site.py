"""Minutes on the built site: pages, archives, decision logs, follow-up, drafts, macros."""

from __future__ import annotations

from pathlib import Path

from conftest import REPO, SiteCopy
from test_site_build import article, link, text_of


def published_minutes() -> list[Path]:
    files = sorted((REPO / "minnesanteckningar").glob("*/*.md"))
    return [p for p in files if "utkast: true" not in p.read_text(encoding="utf-8")]


def test_every_published_minutes_file_has_a_page(example_site):
    files = published_minutes()
    assert len(files) >= 20
    for path in files:
        page = article(example_site.page(f"minnesanteckningar/{path.parent.name}/{path.stem}"))
        assert page.find("h1").get_text().startswith("Minnesanteckningar"), path


def test_minutes_page_has_header_decisions_actions_attachment_and_neighbours(example_site):
    page = article(example_site.page("minnesanteckningar/nordost/2026-03-17"))
    facts = {dt.get_text(): dt.find_next("dd").get_text(" ", strip=True) for dt in page.select(".sv-fakta dt")}
    assert facts["Grupp"] == "NOSAM Nordost"
    assert facts["Datum"] == "17 mars 2026"
    assert facts["Mötestyp"] == "Dialogmöte"
    assert "Områdeschef primärvården Nordost" in facts["Närvarande"]
    assert page.select_one(".sv-fakta a")["href"] == "../../../grupper/nordost/"
    assert [li.get_text() for li in page.select(".sv-beslut li")] == ["Västbusgruppen rapporterar till NOSAM två gånger per år."]
    attachment = link(page, "Presentation: Västbus riktlinjer i Nordost")
    assert attachment["href"] == "../2026-03-17-vastbus.pdf"
    assert "(PDF, 1 kB)" in attachment.parent.get_text()
    pdf = example_site.site / "minnesanteckningar" / "nordost" / "2026-03-17-vastbus.pdf"
    assert pdf.read_bytes().startswith(b"%PDF")
    browse = page.select_one("nav.sv-bladdra").get_text(" ", strip=True)
    assert "Föregående: Minnesanteckningar NOSAM Nordost 17 februari 2026" in browse
    assert "Nästa: Minnesanteckningar NOSAM Nordost 21 april 2026" in browse

    actions = article(example_site.page("minnesanteckningar/nordost/2026-04-21")).find("table")
    assert [th.get_text() for th in actions.find_all("th")] == ["Åtgärd", "Ansvarig", "Klart senast", "Status"]
    rows = [[td.get_text() for td in tr.find_all("td")] for tr in actions.find_all("tr")[1:]]
    assert rows[0] == ["Ta fram en gemensam inbjudan till föräldraträffar", "Enhetschef socialtjänsten", "30 juni 2026", "Försenad"]
    assert rows[1][3] == "Klar"

    question = article(example_site.page("minnesanteckningar/nordost/2026-02-17"))
    assert "Till Temagrupp Barn och unga: Behov av gemensam rutin vid problematisk skolfrånvaro" in question.get_text()


def test_group_page_has_archive_decision_log_and_open_actions(example_site):
    page = article(example_site.page("grupper/nordost"))
    archive = page.find("h2", id="minnesanteckningar")
    assert archive.find_next("h3").get_text().startswith("2026")
    links = [a.get_text() for a in archive.find_next("ul").find_all("a")]
    assert links[0] == "17 november 2026" and links[-1] == "20 januari 2026"
    assert "15 december 2026" not in links  # the draft

    log = page.find("h2", id="beslutslogg").find_next("table")
    first = log.find_all("tr")[1]
    assert first.find("a")["href"] == "../../minnesanteckningar/nordost/2026-11-17/"
    assert first.find_all("td")[1].get_text() == "Årsrapporten för 2026 fastställs."
    assert len(log.find_all("tr")) == 1 + 11

    actions = page.find("h2", id="oppna-atgarder").find_next("table")
    statuses = {tr.find_all("td")[0].get_text(): tr.find_all("td")[3].get_text() for tr in actions.find_all("tr")[1:]}
    assert statuses["Ta fram en gemensam inbjudan till föräldraträffar"] == "Försenad"
    assert statuses["Föreslå prioriteringar för handlingsplan 2027"] == "Öppen"
    assert "Skicka ut den fastställda handlingsplanen till hemorganisationerna" not in statuses  # done


def test_theme_group_lists_questions_raised_to_it(example_site):
    page = article(example_site.page("grupper/barn-och-unga"))
    section = page.find("h2", id="fragor-fran-grupperna").find_next("ul")
    items = section.find_all("li")
    assert len(items) == 2
    assert "– från NOSAM Nordost (15 september 2026)" in items[0].get_text()
    assert items[0].find_all("a")[-1]["href"] == "../../minnesanteckningar/nordost/2026-09-15/"
    psychiatry = text_of(article(example_site.page("grupper/psykiatri")))
    assert "Stöd till unga vuxna med psykisk ohälsa" in psychiatry and "NOSAM Mölndal" in psychiatry


def test_minutes_index_latest_then_per_group(example_site):
    page = article(example_site.page("minnesanteckningar"))
    latest = page.find("h2", id="senaste").find_next("ul").find_all("li")
    assert len(latest) == 10
    assert latest[0].get_text().startswith("Minnesanteckningar NOSAM Nordost 17 november 2026")
    # Per group a count and the years, linking to the group page's list (not every minutes file:
    # at ten thousand that was a 1 MB page).
    groups = page.find("h2", id="per-grupp").find_next("ul").find_all("li")
    assert [li.get_text() for li in groups] == [
        "NOSAM Angered: 1 minnesanteckning, 2020",
        "NOSAM Mölndal: 4 minnesanteckningar, 2026",
        "NOSAM Nordost: 9 minnesanteckningar, 2026",
        "Temagrupp Barn och unga: 5 minnesanteckningar, 2026",
        "Västbusgrupp Nordost: 2 minnesanteckningar, 2026",
    ]
    assert groups[2].a["href"] == "../grupper/nordost/#minnesanteckningar"
    listed = article(example_site.page("grupper/nordost")).find("h2", id="minnesanteckningar").find_all_next("li")
    assert len([li for li in listed if li.find("a", href=lambda h: h and "minnesanteckningar/nordost/" in h)]) >= 9


def test_a_draft_reaches_no_output(example_site):
    for path in example_site.site.rglob("*"):
        if path.is_file() and path.suffix in {".html", ".json", ".xml", ".ics", ".txt", ".js"}:
            text = path.read_text(encoding="utf-8", errors="replace")
            assert "julgransplundring" not in text, path
            assert "2026-12-15/" not in text, path  # no link to the draft's page
    assert not (example_site.site / "minnesanteckningar" / "nordost" / "2026-12-15").exists()


def test_identity_number_fails_the_strict_build(site_copy: SiteCopy):
    site_copy.write(
        "minnesanteckningar/nordost/2026-11-18.md",
        "---\nplats: Angered\n---\n\n## Anteckningar\n\nÄrendet gäller 19121212-1212.\nRing 031-365 00 00.\n",
    )
    result = site_copy.build()
    assert result.returncode != 0 and "Traceback" not in result.output
    assert "minnesanteckningar/nordost/2026-11-18.md, rad 7: texten innehåller ett personnummer" in result.output
    assert "1212-1212" not in result.output  # the report masks the number


def test_macros_on_pages_that_opt_in_and_never_in_minutes(site_copy: SiteCopy):
    site_copy.write(
        "docs/nordost-kort.md",
        "---\nrender_macros: true\n---\n# Nordost i korthet\n\n## Senaste\n\n"
        '{{ senaste_minnesanteckningar("nordost", 2) }}\n\n## Beslut\n\n{{ beslutslogg("nordost") }}\n\n'
        '## Att göra\n\n{{ oppna_atgarder("nordost") }}\n',
    )
    site_copy.write(
        "minnesanteckningar/nordost/2026-11-18.md",
        "---\nsammanfattning: '{{ 6*7 }}'\nbeslut: ['{{ 7*7 }}']\n---\n\nText {{ 8*8 }} {% if true %}ja{% endif %}\n",
    )
    result = site_copy.build()
    assert result.returncode == 0, result.output
    page = article(result.page("nordost-kort"))
    latest = page.find("h2", id="senaste").find_next("ul").find_all("a")
    assert [a.get_text() for a in latest] == ["18 november 2026", "17 november 2026"]
    assert latest[0]["href"] == "../minnesanteckningar/nordost/2026-11-18/"
    assert page.find("h2", id="beslut").find_next("table").find("td", string="{{ 7*7 }}")
    assert page.find("h2", id="att-gora").find_next("table").find("td", string="Försenad")
    minutes = article(result.page("minnesanteckningar/nordost/2026-11-18")).get_text()
    assert "{{ 8*8 }}" in minutes and "{% if true %}" in minutes and "64" not in minutes
    assert "{{ 6*7 }}" in minutes


def test_macro_with_unknown_group_fails_in_swedish(site_copy: SiteCopy):
    site_copy.write("docs/fel.md", '---\nrender_macros: true\n---\n# Fel\n\n{{ beslutslogg("nordst") }}\n')
    result = site_copy.build()
    assert result.returncode != 0
    assert "okänd grupp ”nordst”" in result.output and "Menade du ”nordost”?" in result.output


def test_minutes_print_without_navigation(example_site):
    html = example_site.page("minnesanteckningar/nordost/2026-03-17")
    assert "stylesheets/samverkan.css" in html
    css = (example_site.site / "stylesheets" / "samverkan.css").read_text(encoding="utf-8")
    print_rules = css.split("@media print", 1)[1]
    for selector in (".md-header", ".md-sidebar", ".md-footer", ".sv-bladdra"):
        assert selector in print_rules

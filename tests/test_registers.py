"""Agreements, toolbox, documents and news: statuses, errors and built pages."""

from __future__ import annotations

import os
import subprocess
from datetime import date, timedelta
from email.utils import parsedate_to_datetime
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest

from samverkan.content.load import load_content
from samverkan.content.model import Agreement, AgreementStatus, AgreementType, Source, Tool

from conftest import REPO, SiteCopy, search_urls
from test_groups_loader import write_group
from test_site_build import article

TODAY = date(2026, 11, 24)


def agreement(**kwargs) -> Agreement:
    return Agreement(slug="a", title="A", type=AgreementType.AGREEMENT, source=Source("x.md"), **kwargs)


@pytest.mark.parametrize(
    "kwargs, replaced, expected",
    [
        (dict(valid_from=date(2025, 1, 1)), False, AgreementStatus.IN_FORCE),
        (dict(valid_from=date(2025, 1, 1)), True, AgreementStatus.REPLACED),
        (dict(valid_from=date(2025, 1, 1), valid_to=TODAY), False, AgreementStatus.ENDING_SOON),
        (dict(valid_from=date(2025, 1, 1), valid_to=TODAY - timedelta(days=1)), False, AgreementStatus.ENDED),
        (dict(valid_from=date(2025, 1, 1), valid_to=TODAY + timedelta(days=90)), False, AgreementStatus.ENDING_SOON),
        (dict(valid_from=date(2025, 1, 1), valid_to=TODAY + timedelta(days=91)), False, AgreementStatus.IN_FORCE),
        (dict(valid_from=TODAY + timedelta(days=1)), False, AgreementStatus.UPCOMING),
        (dict(valid_from=TODAY), False, AgreementStatus.IN_FORCE),
        (dict(valid_from=date(2025, 1, 1), review=TODAY), False, AgreementStatus.IN_FORCE),
        (dict(valid_from=date(2025, 1, 1), review=TODAY - timedelta(days=1)), False, AgreementStatus.REVIEW_OVERDUE),
        # Yearly: the first anniversary of the start after the latest decision.
        (dict(valid_from=date(2024, 11, 24), decided=date(2025, 11, 25), review_yearly=True), False, AgreementStatus.IN_FORCE),
        (dict(valid_from=date(2024, 11, 24), decided=date(2025, 11, 20), review_yearly=True), False, AgreementStatus.REVIEW_OVERDUE),
        (dict(valid_from=date(2024, 11, 23), decided=date(2024, 11, 1), review_yearly=True), False, AgreementStatus.REVIEW_OVERDUE),
        (dict(valid_from=date(2025, 11, 24), decided=date(2025, 11, 1), review_yearly=True), False, AgreementStatus.IN_FORCE),
    ],
)
def test_agreement_status_on_both_sides_of_each_boundary(kwargs, replaced, expected):
    assert agreement(**kwargs).status(TODAY, replaced) is expected


def test_yearly_review_date():
    a = agreement(valid_from=date(2024, 2, 1), decided=date(2025, 1, 21), review_yearly=True)
    assert a.next_review() == date(2025, 2, 1)
    assert agreement(valid_from=date(2024, 2, 29), decided=date(2024, 2, 29), review_yearly=True).next_review() == date(2025, 3, 1)


def test_tool_review_due():
    tool = Tool(slug="t", title="T", source=Source("t.md"), reviewed=date(2025, 11, 24), review_months=12)
    assert tool.review_due() == date(2026, 11, 24)
    assert not tool.is_overdue(TODAY) and tool.is_overdue(TODAY + timedelta(days=1))


@pytest.fixture
def root(tmp_path: Path) -> Path:
    write_group(tmp_path, "nordost", "namn: NOSAM Nordost\ntyp: nosam")
    return tmp_path


def write(root: Path, rel: str, front: str) -> None:
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"---\n{front.strip()}\n---\nText.\n", encoding="utf-8")


def problems(root: Path) -> list[str]:
    return [str(p) for p in load_content(root, TODAY).problems]


@pytest.mark.parametrize(
    "front, expected",
    [
        ("typ: rutin", "docs/overenskommelser/x.md, rad 2, fältet ”titel”: fältet saknas men måste finnas"),
        ("titel: X\ntyp: rutin\ngiltig_från: 2026-01-01\ngiltig_till: 2025-01-01",
         "docs/overenskommelser/x.md, rad 5, fältet ”giltig_till”: giltighetstiden slutar innan den börjar"),
        ("titel: X\ntyp: rutin\nersätter: gammal-rutn",
         "docs/overenskommelser/x.md, rad 4, fältet ”ersätter”: okänd överenskommelse (hittade: ”gammal-rutn”)"),
        ("titel: X\ntyp: rutin\ngrupper: [nordst]",
         "docs/overenskommelser/x.md, rad 4, fältet ”grupper”: okänd grupp (hittade: ”nordst”)"),
        ("titel: X\ntyp: rutiner", "fältet ”typ”: okänt värde (hittade: ”rutiner”)"),
        ("titel: X\ntyp: rutin\nomprövas: varje år", "fältet ”omprövas”: ogiltig omprövning"),
    ],
)
def test_agreement_errors(root: Path, front: str, expected: str):
    write(root, "docs/overenskommelser/gammal-rutin.md", "titel: Gammal\ntyp: rutin")
    write(root, "docs/overenskommelser/x.md", front)
    (found,) = problems(root)
    assert expected in found, found


def test_unknown_references_suggest(root: Path):
    write(root, "docs/overenskommelser/gammal-rutin.md", "titel: Gammal\ntyp: rutin")
    write(root, "docs/overenskommelser/x.md", "titel: X\ntyp: rutin\nersätter: gammal-rutn")
    write(root, "docs/overenskommelser/y.md", "titel: Y\ntyp: rutin\ngrupper: [nordst]")
    found = problems(root)
    assert any(m.endswith("Menade du ”gammal-rutin”?") for m in found)
    assert any(m.endswith("Menade du ”nordost”?") for m in found)


@pytest.mark.parametrize(
    "rel, front, expected",
    [
        ("verktygslada/x.md", "sammanfattning: Y", "verktygslada/x.md, rad 2, fältet ”titel”: fältet saknas"),
        ("verktygslada/x.md", "titel: X\nlänkar:\n  - titel: L\n    url: javascript:alert(1)",
         "verktygslada/x.md, rad 5, fältet ”länkar.url”: länken måste börja med https://"),
        ("verktygslada/x.md", "titel: X\nsenast_granskad: 2026-02-30", "fältet ”senast_granskad”: datumet finns inte"),
        ("docs/dokument/x.md", "typ: rapport", "docs/dokument/x.md, rad 2, fältet ”titel”: fältet saknas"),
        ("docs/dokument/x.md", "titel: X\ntyp: rapport\ngrupper: [nordst]", "fältet ”grupper”: okänd grupp"),
        ("docs/aktuellt/posts/x.md", "categories: [NOSAM]", "docs/aktuellt/posts/x.md, rad 2, fältet ”date”: fältet saknas"),
    ],
)
def test_toolbox_document_and_news_errors(root: Path, rel: str, front: str, expected: str):
    write(root, rel, front)
    (found,) = problems(root)
    assert expected in found, found


def test_every_item_has_its_page_and_is_in_its_index(example_site):
    tools = article(example_site.page("verktygslada")).get_text()
    for path in sorted((REPO / "verktygslada").rglob("*.md")):
        slug = path.relative_to(REPO / "verktygslada").with_suffix("").as_posix()
        title = article(example_site.page(f"verktygslada/{slug}")).find("h1").get_text().strip("¶")
        assert title in tools
    register = article(example_site.page("overenskommelser")).get_text()
    for path in sorted((REPO / "docs" / "overenskommelser").glob("*.md")):
        title = article(example_site.page(f"overenskommelser/{path.stem}")).find("h1").get_text().strip("¶")
        assert title in register
    documents = article(example_site.page("dokument")).get_text()
    for path in sorted((REPO / "docs" / "dokument").glob("*.md")):
        title = article(example_site.page(f"dokument/{path.stem}")).find("h1").get_text().strip("¶")
        assert title in documents
    news = example_site.page("aktuellt")
    assert "NOSAM tar nästa steg i samverkansarbetet" in news


def test_register_statuses_as_text_and_group_pages(example_site):
    register = article(example_site.page("overenskommelser"))
    rows = {tr.find("td").get_text(): tr.find_all("td")[-1].get_text() for tr in register.select("tbody tr")}
    assert rows["Lokal BUS-överenskommelse för Angered"] == "Ersatt"
    assert rows["Samverkansavtal om hälsofrämjande arbete för äldre i Mölndal"] == "Upphör snart (31 januari 2027)"
    assert rows["Rutin för samordnad individuell plan (SIP) i Göteborgsområdet"] == "Gällande"
    assert rows["Lokal överenskommelse om samverkan kring barn och unga i Nordost (Västbus)"].startswith("Omprövning försenad")
    page = article(example_site.page("overenskommelser/lokal-overenskommelse-vastbus-nordost"))
    assert page.find("dt", string="Ersätter").find_next("a").get_text() == "Lokal BUS-överenskommelse för Angered"
    old = article(example_site.page("overenskommelser/lokal-overenskommelse-bus-angered"))
    assert old.find("dt", string="Ersatt av").find_next("a")["href"] == "../lokal-overenskommelse-vastbus-nordost/"

    nordost = article(example_site.page("grupper/nordost"))
    in_force = [a.get_text() for a in nordost.find("h2", id="overenskommelser-som-galler").find_next("table").find_all("a")]
    assert in_force == [
        "Lokal överenskommelse om samverkan kring barn och unga i Nordost (Västbus)",
        "Rutin för samordnad individuell plan (SIP) i Göteborgsområdet",
    ]
    theme = article(example_site.page("grupper/barn-och-unga"))
    docs = [a.get_text() for a in theme.find("h2", id="dokument").find_next("ul").find_all("a")]
    assert "Kartläggning och dialog NOSAM" in docs


def test_toolbox_filters_tags_and_review_list(example_site):
    index = article(example_site.page("verktygslada"))
    assert [h.get_text().strip("¶") for h in index.find_all("h2")] == ["Efter kategori", "Efter målgrupp"]
    audience = index.find("h3", id="barn-och-unga_1") or index.find_all("h3", string=lambda s: s and s.startswith("Barn och unga"))[-1]
    assert audience is not None
    sip = example_site.page("verktygslada/sip")
    assert "md-tag" in sip and "barn och unga" in sip
    tags = article(example_site.page("verktygslada/amnen")).get_text()
    assert "Västbus riktlinjer" in tags and "skolfrånvaro" in tags
    review = article(example_site.page("redaktorer/granskning"))
    tools_table = review.find("h2", id="verktyg-att-granska").find_next("table")
    overdue = [a.get_text() for a in tools_table.find_all("a")]
    assert overdue == ["Västbus riktlinjer", "Trygg och effektiv in- och utskrivning"]
    assert '"exclude"' not in example_site.page("redaktorer/granskning")
    assert "/redaktorer/granskning/" in search_urls(example_site.site)  # in the menu, so found (after the tools)
    assert "/verktygslada/sip/" in search_urls(example_site.site)
    assert "VARNING  -  verktygslada/vastbus-riktlinjer.md: ”Västbus riktlinjer” skulle ha granskats senast 15 september 2026" in example_site.output


def test_rss_is_valid_rss_2(example_site):
    data = (example_site.site / "rss.xml").read_bytes()
    root = ET.fromstring(data)
    assert root.tag == "rss" and root.get("version") == "2.0"
    channel = root.find("channel")
    for required in ("title", "link", "description"):
        assert channel.findtext(required)
    (item,) = channel.findall("item")
    assert item.findtext("title") == "NOSAM tar nästa steg i samverkansarbetet"
    link = item.findtext("link")
    assert link == "https://samverkanstorget.example.se/aktuellt/2018/06/05/nosam-tar-nasta-steg-i-samverkansarbetet/"
    local = example_site.site / link.removeprefix("https://samverkanstorget.example.se/") / "index.html"
    assert local.exists()
    assert parsedate_to_datetime(item.findtext("pubDate")).date() == date(2018, 6, 5)
    assert item.findtext("category") == "NOSAM"


def test_start_page_shows_what_is_happening(example_site):
    start = article(example_site.page(""))
    upcoming = start.find("h2", id="kommande-moten").find_next("ul").find_all("li")
    assert upcoming[0].get_text().startswith("3 december 2026: Ledningsgruppen")
    latest = start.find("h2", id="senaste-minnesanteckningarna").find_next("ul").find("a")
    assert latest["href"] == "minnesanteckningar/nordost/2026-11-17/"
    news = start.find("h2", id="aktuellt").find_next("ul").find("a")
    assert news["href"] == "aktuellt/2018/06/05/nosam-tar-nasta-steg-i-samverkansarbetet/"


def updated_text(html: str) -> str:
    from bs4 import BeautifulSoup

    return BeautifulSoup(html, "html.parser").select_one(".md-source-file").get_text(" ", strip=True)


def test_last_updated_from_file_date_without_git(site_copy: SiteCopy):
    path = site_copy.root / "docs" / "grupper" / "nordost.md"
    os.utime(path, (1_700_000_000, 1_700_000_000))  # 14 november 2023
    tool = site_copy.root / "verktygslada" / "sip.md"
    os.utime(tool, (1_760_000_000, 1_760_000_000))  # 9 oktober 2025
    result = site_copy.build()
    assert result.returncode == 0, result.output
    assert updated_text(result.page("grupper/nordost")) == "Senast uppdaterad 14 november 2023"
    assert updated_text(result.page("verktygslada/sip")) == "Senast uppdaterad 9 oktober 2025"


def test_last_updated_from_git(site_copy: SiteCopy):
    env = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@e.se", "GIT_COMMITTER_NAME": "t",
           "GIT_COMMITTER_EMAIL": "t@e.se", "GIT_AUTHOR_DATE": "2025-03-10T12:00:00+01:00",
           "GIT_COMMITTER_DATE": "2025-03-10T12:00:00+01:00"}
    for args in (["init", "-q"], ["add", "-A"], ["commit", "-qm", "x"]):
        subprocess.run(["git", "-C", str(site_copy.root), *args], check=True, env=env, capture_output=True)
    result = site_copy.build()
    assert result.returncode == 0, result.output
    assert updated_text(result.page("grupper/nordost")) == "Senast uppdaterad 10 mars 2025"
    assert updated_text(result.page("minnesanteckningar/nordost/2026-03-17")) == "Senast uppdaterad 10 mars 2025"

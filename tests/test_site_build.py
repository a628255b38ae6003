"""The example site, built by real MkDocs with our hooks, checked on its HTML."""

from __future__ import annotations

import posixpath

import json
import re
from urllib.parse import urlsplit

from bs4 import BeautifulSoup

from conftest import REPO, SiteCopy, search_fragments


def soup(html: str) -> BeautifulSoup:
    return BeautifulSoup(html, "html.parser")


def article(html: str) -> BeautifulSoup:
    return soup(html).select_one("article.md-content__inner")


def text_of(element) -> str:
    """Visible text with whitespace folded (abbreviations are elements of their own)."""
    return " ".join(element.get_text().split())


def link(element, text: str):
    """The first link whose visible text is `text`, whatever markup is inside it."""
    return next((a for a in element.find_all("a") if text_of(a) == text), None)


def test_a_page_for_every_group_file(example_site):
    slugs = sorted(p.stem for p in (REPO / "docs" / "grupper").glob("*.md"))
    assert len(slugs) >= 25
    for slug in slugs:
        page = article(example_site.page(f"grupper/{slug}"))
        assert page.find("h1") is not None, slug
        assert len(page.find_all("h1")) == 1, slug


def test_group_page_shows_relations(example_site):
    nordost = article(example_site.page("grupper/nordost"))
    text = nordost.get_text(" ")
    assert "NOSAM Nordost" in nordost.find("h1").get_text()
    assert "Tidigare grupper" in text
    predecessors = {text_of(a) for a in nordost.find_all("a", href=True)}
    assert {"NOSAM Angered", "NOSAM Östra Göteborg", "Västbusgrupp Nordost"} <= predecessors
    assert nordost.find("a", href="mailto:nosam.nordost@example.se")

    angered = article(example_site.page("grupper/angered"))
    assert "avvecklades 1 januari 2021" in text_of(angered)
    assert link(angered, "NOSAM Nordost")["href"] == "../nordost/"

    vastbus = article(example_site.page("grupper/vastbus-nordost"))
    assert link(vastbus, "NOSAM Nordost")["href"] == "../nordost/"

    theme = text_of(article(example_site.page("grupper/barn-och-unga")))
    assert "Grupper som rapporterar hit" in theme and "NOSAM Öckerö" in theme


def test_nosam_overview_lists_every_active_nosam(example_site):
    table = article(example_site.page("nosam")).find("table")
    listed = {text_of(a) for a in table.find_all("a") if not a["href"].startswith("mailto:")}
    assert listed == {
        "NOSAM Nordost", "NOSAM Centrum", "NOSAM Sydväst", "NOSAM Hisingen",
        "NOSAM Mölndal", "NOSAM Härryda", "NOSAM Partille", "NOSAM Öckerö",
    }
    assert [th.get_text() for th in table.find_all("th")] == ["NOSAM-grupp", "Kommun", "Område", "Kontakt"]


def test_groups_index_by_type_with_wound_up_apart(example_site):
    page = article(example_site.page("grupper"))
    headings = [h.get_text().strip("¶ ") for h in page.find_all("h2")]
    assert headings == ["NOSAM-grupper", "Temagrupper", "Västbusgrupper", "Ledning och beredning", "Avvecklade grupper"]
    wound_up = text_of(page.find("h2", id="avvecklade-grupper").find_next("ul"))
    assert "NOSAM Lundby, avvecklad 1 januari 2021, ersatt av NOSAM Hisingen" in wound_up
    assert "NOSAM Lundby" not in page.find("h2", id="nosam-grupper").find_next("ul").get_text()


def test_documents_and_news_from_the_seeds(example_site):
    mapping = article(example_site.page("dokument/kartlaggning-och-dialog-nosam"))
    assert mapping.find("h1").get_text().startswith("Kartläggning och dialog NOSAM")
    items = [li.get_text(" ", strip=True) for li in mapping.find_all("li")]
    assert "Minskad problematisk skolfrånvaro" in items
    assert "30 oktober 2019" in mapping.get_text(" ")
    tables = article(example_site.page("dokument/samverkan-resurscentrum")).find_all("table")
    assert len(tables) == 5
    assert [th.get_text() for th in tables[0].find_all("th")] == ["Styrkor", "Svagheter"]
    news = example_site.page("aktuellt/2018/06/05/nosam-tar-nasta-steg-i-samverkansarbetet")
    assert "In- och utskrivningsprocessen" in [li.get_text(strip=True) for li in article(news).find_all("li")]
    for html in (news, example_site.page("dokument/intervjuer-lokala-bus")):
        text = article(html).get_text(" ")
        for furniture in ("Sida 2 av", "Gå direkt till huvudinnehållet", "Internet Explorer", "www.sollentuna.se"):
            assert furniture not in text


def test_every_page_is_swedish_and_local_only(example_site):
    pages = list(example_site.site.rglob("*.html"))
    assert len(pages) >= 40
    for path in pages:
        html = path.read_text(encoding="utf-8")
        assert re.search(r'<html lang="sv"', html), path
        page = soup(html)
        for tag, attr in (("link", "href"), ("script", "src"), ("img", "src"), ("iframe", "src")):
            for element in page.find_all(tag):
                target = element.get(attr)
                # The canonical link names the site's own address; it is not a request.
                if target and element.get("rel") != ["canonical"]:
                    assert not urlsplit(target).netloc, f"{path}: {tag} {target}"
    assert "fonts.googleapis" not in (example_site.site / "index.html").read_text(encoding="utf-8")


def test_swedish_navigation_and_search(example_site):
    nav = soup(example_site.page("")).select_one("nav.md-nav--primary")
    labels = [a.get_text(" ", strip=True) for a in nav.select("label.md-nav__link, a.md-nav__link")]
    for label in ("Start", "Aktuellt", "Grupper", "Dokument"):
        assert any(l.startswith(label) for l in labels), label
    # navigation.prune: a section's entries are in the menu of its own pages only.
    assert not any(l.startswith("NOSAM") for l in labels)
    nav = soup(example_site.page("grupper/")).select_one("nav.md-nav--primary")
    labels = [a.get_text(" ", strip=True) for a in nav.select("label.md-nav__link, a.md-nav__link")]
    assert any(l.startswith("NOSAM") for l in labels)
    # The search index is Pagefind's, in Swedish (its Swedish stemmer), and
    # holds only the articles: no menu text.
    entry = json.loads((example_site.site / "pagefind" / "pagefind-entry.json").read_text(encoding="utf-8"))
    assert list(entry["languages"]) == ["sv"]
    assert not (example_site.site / "search" / "search_index.json").exists()
    sip = next(f for f in search_fragments(example_site.site) if f["url"] == "/verktygslada/sip/")
    assert sip["meta"]["title"] == "Samordnad individuell plan (SIP)"
    assert sip["filters"]["typ"] == ["Verktygslådan"]
    assert "Hoppa till innehåll" not in sip["content"] and "¶" not in sip["content"]


def test_editor_text_is_never_a_template(site_copy: SiteCopy):
    site_copy.write(
        "docs/grupper/ond.md",
        "---\nnamn: '<script>alert(1)</script> [x](javascript:alert(1)) {{ 7*7 }}'\n"
        "typ: annan\nordförande: '<img src=x onerror=alert(1)>'\n---\n"
        "Text med {{ 6*7 }} och {% raw %}.\n",
    )
    result = site_copy.build()
    assert result.returncode == 0, result.output
    html = result.page("grupper/ond")
    assert "<script>alert(1)" not in html and "<img src=x" not in html
    assert 'href="javascript:' not in html
    body = article(html)
    assert "{{ 7*7 }}" in body.find("h1").get_text() and "{{ 6*7 }}" in body.get_text()
    assert "49" not in body.find("h1").get_text() and "42" not in body.get_text()
    assert "&lt;script&gt;" in html
    index = result.page("grupper")
    assert "<script>alert(1)" not in index and 'href="javascript:' not in index
    # A page that opts in to macros is no template either (test_template_injection.py).


def test_invalid_group_fails_strict_build_without_touching_the_old_site(site_copy: SiteCopy):
    good = site_copy.build()
    assert good.returncode == 0, good.output
    before = {p: p.read_bytes() for p in good.site.rglob("*") if p.is_file()}

    site_copy.write("docs/grupper/centrum.md", "---\nnamn: NOSAM Centrum\ntyp: nosm\növerordnad: nordst\n---\n")
    site_copy.write("docs/grupper/a.md", "---\nnamn: A\ntyp: annan\növerordnad: b\n---\n")
    site_copy.write("docs/grupper/b.md", "---\nnamn: B\ntyp: annan\növerordnad: a\nersatt_av: nordst\navvecklad: 2020-01-01\n---\n")
    bad = site_copy.build()
    assert bad.returncode != 0
    assert "Traceback" not in bad.output
    assert "Innehållet har" in bad.output
    assert 'docs/grupper/centrum.md, rad 3, fältet ”typ”: okänt värde (hittade: ”nosm”)' in bad.output
    assert "Menade du ”nosam”?" in bad.output
    assert 'docs/grupper/b.md, rad 5, fältet ”ersatt_av”: okänd grupp (hittade: ”nordst”)' in bad.output
    assert "Menade du ”nordost”?" in bad.output
    assert 'docs/grupper/a.md, rad 4, fältet ”överordnad”: grupperna är varandras överordnade i en cirkel' in bad.output
    after = {p: p.read_bytes() for p in good.site.rglob("*") if p.is_file()}
    assert after == before


def test_pinned_today_must_be_a_date(site_copy: SiteCopy):
    result = site_copy.build(env={"SAMVERKAN_IDAG": "2026-02-30"})
    assert result.returncode != 0
    assert "SAMVERKAN_IDAG" in result.output and "Traceback" not in result.output


def test_swedish_404_page(example_site):
    html = (example_site.site / "404.html").read_text(encoding="utf-8")
    page = soup(html)
    assert page.find("html")["lang"] == "sv"
    assert page.find("h1").get_text() == "Sidan finns inte"
    assert page.find("a", string="Gå till startsidan")
    # Its own title, and named landmarks like every page (see on_post_template).
    assert page.find("title").get_text() == "Sidan finns inte – Samverkanstorget"
    assert page.select_one("nav.md-nav--primary")["aria-label"] == "Huvudmeny"
    assert page.select_one('div.md-search[role="dialog"]')["aria-label"] == "Sök på webbplatsen"


def test_glossary_explains_acronyms_everywhere(example_site):
    glossary = article(example_site.page("om/ordlista"))
    rows = {tr.find_all("td")[0].get_text(): tr.find_all("td")[1].get_text() for tr in glossary.select("tbody tr")}
    for term in ("NOSAM", "SIP", "Västbus", "BUP", "MAS", "MAR", "MLA", "LGS", "FCA"):
        assert term in rows
    for path in ("grupper/nordost", "verktygslada/sip", "minnesanteckningar/nordost/2026-02-17", "dokument/kartlaggning-och-dialog-nosam"):
        abbrs = {a.get_text(): a["title"] for a in article(example_site.page(path)).find_all("abbr")}
        assert abbrs.get("NOSAM", "").startswith("Närområdessamverkan") or abbrs.get("SIP") == "Samordnad individuell plan", path
    assert not (example_site.site / "om" / "ordlista.yml").exists()


def test_about_section_with_accessibility_statement_and_privacy(example_site):
    nav = soup(example_site.page("om")).select_one("nav.md-nav--primary")
    labels = [text_of(a) for a in nav.select("a.md-nav__link")]
    for label in ("Tillgänglighetsredogörelse", "Personuppgifter och kakor", "Ordlista"):
        assert label in labels
    statement = article(example_site.page("om/tillganglighet"))
    headings = [h.get_text().strip("¶") for h in statement.find_all("h2")]
    assert headings[:5] == [
        "Hur tillgänglig är webbplatsen?",
        "Vad kan du göra om du inte kan använda delar av webbplatsen?",
        "Rapportera brister i webbplatsens tillgänglighet",
        "Tillsyn",
        "Teknisk information om webbplatsens tillgänglighet",
    ]
    assert "inga kakor" in text_of(article(example_site.page("om/personuppgifter"))).lower()


def test_no_material_english_or_translation_words_on_news_posts(example_site):
    post = next((example_site.site / "aktuellt").rglob("2018/**/index.html"))
    html = post.read_text(encoding="utf-8")
    assert "Alla nyheter" in html and "Om nyheten" in html
    assert "Tillbaka till index" not in html and ">Metadata<" not in html.replace("\n", "").replace(" ", "")
    # Dated by its publishing, under the heading (a phone hides the blog's sidebar).
    body = article(html)
    assert body.find("h1").find_next("p").get_text() == "Publicerad 5 juni 2018"
    assert "Senast uppdaterad" not in html
    for page in example_site.site.rglob("*.html"):
        assert "Made with" not in page.read_text(encoding="utf-8"), page


def test_the_start_page_is_a_front_door(example_site):
    page = article(example_site.page(""))
    assert "samverkar kommunerna, Västra Götalandsregionen och skolan" in page.find("p").get_text()
    cards = page.select(".grid.cards li")
    assert [c.find("a").get_text() for c in cards] == [
        "NOSAM – närområdessamverkan", "Grupper", "Kalender", "Verktygslådan", "Överenskommelser", "Dokument"]
    headings = [h.get_text().strip("¶") for h in page.find_all("h2")]
    assert headings == ["Vilken grupp är min?", "Kommande möten", "Senaste minnesanteckningarna", "Aktuellt"]
    # Which group is mine: every place, with the group that meets for it today
    # (a merged district's group gone, its successor named), also without JavaScript.
    finder = page.select_one("form[data-sv-hitta]")
    assert finder["action"] == "sok/" and finder.select_one("input[list]")["name"] == "plats"
    places = {li.select_one(".sv-plats").get_text(): li for li in page.select(".sv-hitta-alla li")}
    assert {"Angered", "Majorna", "Mölndal", "Göteborg", "Öckerö"} <= set(places)
    assert [a.get_text() for a in places["Majorna"].select("a")] == ["NOSAM Centrum"]
    assert "tidigare NOSAM Majorna-Linné" in places["Majorna"].get_text()
    assert [a.get_text() for a in places["Angered"].select("a")] == ["NOSAM Nordost", "Västbusgrupp Nordost"]
    options = [o["value"] for o in finder.select("datalist option")]
    assert options == sorted(options, key=lambda name: name.lower().translate(str.maketrans("åäö", "{|}")))


def test_compound_parts_are_searchable_but_never_in_a_teaser(example_site):
    """The parts of compound words go into the index after a separator word
    that the search box cuts teasers at (see test_browser for the teaser)."""
    from samverkan.generate.search_index import PARTS_SEPARATOR

    fragments = {f["url"]: f for f in search_fragments(example_site.site)}
    tool = fragments["/verktygslada/problematisk-skolfranvaro/"]
    own, _, parts = tool["content"].partition(PARTS_SEPARATOR)
    assert "skolfrånvaro" in own.lower() and "frånvaro" in parts.replace(".", " ").split()
    assert all(PARTS_SEPARATOR not in own for own in (f["content"].split(PARTS_SEPARATOR)[0] for f in fragments.values()))
    # Facets: kind of page, group and year.
    minutes = fragments["/minnesanteckningar/nordost/2026-11-17/"]
    assert minutes["filters"] == {"typ": ["Minnesanteckningar"], "grupp": ["NOSAM Nordost"], "år": ["2026"]}
    news = fragments["/aktuellt/2018/06/05/nosam-tar-nasta-steg-i-samverkansarbetet/"]
    assert news["filters"] == {"typ": ["Nyheter"], "år": ["2018"]}
    assert not any("julgransplundring" in f["content"].lower() for f in fragments.values())  # a draft's
    # Every page the menu leads to is searched, the lists and overviews too.
    menu = soup(example_site.page("grupper/nordost")).select("nav.md-nav--primary a.md-nav__link[href]")
    reachable = {"/" + posixpath.normpath(posixpath.join("grupper/nordost/", a["href"])).lstrip("/") + "/"
                 for a in menu if not a["href"].startswith("#")}
    reachable = {url.replace("//", "/").replace("/./", "/") for url in reachable}
    missing = sorted(url for url in reachable if url not in fragments and not url.startswith("/redaktor/"))
    assert missing == [] and len(reachable) > 20, missing  # the menu as this page shows it (pruned)
    for url in ("/grupper/nordost/ny-i-gruppen/", "/kalender/", "/kalender/arshjul/", "/nosam/oversikt/", "/minnesanteckningar/"):
        assert url in fragments, url
    # A teaser is cut from the page's own text: no breadcrumb, no fact box
    # labels before it; the facts and the day are searched after the separator.
    own, _, hidden = minutes["content"].partition(PARTS_SEPARATOR)
    assert not own.startswith("Minnesanteckningar ›") and "Mötestyp" not in own
    assert {"d20261117", "d1117"} <= set(hidden.replace(".", " ").split())
    group_own, _, group_hidden = fragments["/grupper/nordost/"]["content"].partition(PARTS_SEPARATOR)
    facts = "Kommun Göteborg Område Nordost"
    assert facts not in " ".join(group_own.split()) and facts in " ".join(group_hidden.split())

"""A real headless Chromium (Debian's) against the built site, served by nginx
(Debian's) with the operators' guide's configuration on 127.0.0.1.

Every page as a visitor gets it (no failed request, no console error, no
request to another host, a title of its own, axe-core in the light and the
dark scheme, tables that fit a phone), navigation, Swedish search as a
visitor types, downloading an event, printing.
"""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path
from urllib.parse import urlsplit

import icalendar
import pytest

playwright_api = pytest.importorskip("playwright.sync_api")
from axe_playwright_python.sync_playwright import Axe  # noqa: E402

from conftest import REPO  # noqa: E402
from nginx_support import Nginx, nginx_binary  # noqa: E402
from bench.search_ready import ENGINE, wire_bytes  # noqa: E402

SHOTS = Path(os.environ.get("SAMVERKAN_SKARMBILDER", REPO / "site-screenshots"))

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
if CHROMIUM is None:
    if os.environ.get("CI"):
        raise RuntimeError("Chromium saknas: installera Debians paket chromium (make test gör det).")
    pytest.skip("Chromium is not installed (apt-get install chromium)", allow_module_level=True)
if nginx_binary() is None:
    if os.environ.get("CI"):
        raise RuntimeError("nginx saknas: installera Debians paket nginx (make test gör det).")
    pytest.skip("nginx is not installed (apt-get install nginx)", allow_module_level=True)



@pytest.fixture(scope="session")
def site_url(example_site, tmp_path_factory):
    """The example site served by nginx with the operators' guide's configuration."""
    server = Nginx(example_site.site, tmp_path_factory.mktemp("nginx"))
    yield server.url
    server.stop()


@pytest.fixture
def requests_seen():
    return []


@pytest.fixture
def page(browser, requests_seen):
    context = browser.new_context(accept_downloads=True, locale="sv-SE", reduced_motion="reduce")
    context.set_default_timeout(10_000)
    page = context.new_page()
    page.on("request", lambda request: requests_seen.append(request.url))
    yield page
    context.close()
    # Every request of every test stays on this machine's site.
    foreign = [u for u in requests_seen if urlsplit(u).scheme in ("http", "https") and urlsplit(u).hostname != "127.0.0.1"]
    assert foreign == [], foreign


def test_from_start_page_to_a_group_and_its_latest_minutes(page, site_url):
    page.goto(site_url)
    assert page.locator("html").get_attribute("lang") == "sv"
    page.get_by_role("link", name="NOSAM – närområdessamverkan").first.click()
    page.get_by_role("link", name="NOSAM Nordost").first.click()
    assert page.locator("h1").inner_text().rstrip("¶") == "NOSAM Nordost"
    page.locator("#minnesanteckningar ~ div ul a").first.click()
    assert page.locator("h1").inner_text().rstrip("¶") == "Minnesanteckningar NOSAM Nordost 17 november 2026"
    assert page.url.endswith("/minnesanteckningar/nordost/2026-11-17/")


# Twenty queries as visitors type them, with the page they expect first.
# The last three are fine in the first three results: another page answers
# the query as well (a news post that mentions the venue, the plan that
# lists the reviews, a long report that mentions family centres).
SEARCHES = [
    ("nordost", "NOSAM Nordost"),
    ("öckerö", "NOSAM Öckerö"),
    ("mölndal", "NOSAM Mölndal"),
    ("hisingen", "NOSAM Hisingen"),
    ("äldre", "Temagrupp Äldre"),
    ("psykiatri", "Temagrupp Psykiatri"),
    ("ledningsgrupp", "Ledningsgruppen för Vårdsamverkan Göteborgsområdet"),
    ("samordnad individuell plan", "Samordnad individuell plan (SIP)"),
    ("frånvaro", "Problematisk skolfrånvaro"),  # a part of a compound
    ("skolfrånvaro", "Problematisk skolfrånvaro"),
    ("barnkonventionen", "Barnkonventionen i samverkan"),
    ("västbus riktlinjer", "Västbus riktlinjer"),
    ("tillgänglighet", "Tillgänglighetsredogörelse"),
    ("kartläggning", "Kartläggning och dialog NOSAM"),
    ("prenumerera", "Prenumerera på kalendern"),
    ("ordlista", "Ordlista"),
    ("utskrivning", "Trygg och effektiv in- och utskrivning"),
    ("dalheimers", "Samverkanstorget Live 20 september 2027"),
    ("läkemedelsgenomgång", "Minnesanteckningar NOSAM Mölndal 12 maj 2026"),
    ("familjecentral", "Familjecentrerat arbetssätt (FCA)"),
]
FIRST = len(SEARCHES) - 3


def search(page, site_url, query: str) -> list[str]:
    """Types the query into the search box as a visitor does; the titles found."""
    if not page.url.startswith(site_url):
        page.goto(site_url)
    box = page.locator("[data-sv-sok-fraga]")
    box.click()
    box.fill("")
    box.press_sequentially(query, delay=30)
    page.wait_for_function(
        """q => document.querySelector('[data-sv-sok-status]').textContent.includes('”' + q + '”')
               && document.querySelector('[data-sv-sok-lista]').getAttribute('aria-busy') === 'false'""",
        arg=query,
    )
    return [" ".join(t.split()) for t in page.locator(".sv-sok-titel").all_inner_texts()]


@pytest.mark.parametrize("query, expected", SEARCHES)
def test_swedish_search_finds_what_a_visitor_expects(page, site_url, query, expected):
    titles = search(page, site_url, query)
    wanted = 1 if SEARCHES.index((query, expected)) < FIRST else 3
    assert expected in titles[:wanted], titles[:10]


@pytest.mark.parametrize("query, expected", [
    ("nordost", ["NOSAM Nordost", "Västbusgrupp Nordost"]),  # two groups of that name
    ("mölndal", ["NOSAM Mölndal", "Västbusgrupp Mölndal"]),
    # Active groups, then the two wound up in 2021.
    ("hisingen", ["NOSAM Hisingen", "Västbusgrupp Hisingen", "NOSAM Norra Hisingen", "NOSAM Västra Hisingen"]),
])
def test_the_groups_come_first_for_their_name(page, site_url, query, expected):
    titles = search(page, site_url, query)
    assert sorted(titles[: len(expected)]) == sorted(expected), titles
    if query == "hisingen":
        assert titles[:4] == expected or titles[:2] == expected[1::-1], titles


def test_search_result_opens_and_drafts_are_not_found(page, site_url):
    search(page, site_url, "frånvaro")
    first = page.locator(".md-search-result__item").first
    # Found through a part of the compound: the teaser marks the compound
    # itself and never shows the parts the index holds.
    teaser = first.locator(".sv-sok-utdrag")
    assert "skolfrånvaro" in teaser.locator("mark").first.inner_text().lower()
    assert "⁜" not in page.locator("[data-sv-sok-lista]").inner_text()
    first.locator("a").click()
    page.wait_for_url("**/verktygslada/problematisk-skolfranvaro/")
    assert page.locator("h1").inner_text().rstrip("¶") == "Problematisk skolfrånvaro"
    # A draft's words are nowhere (Pagefind may still offer pages that hold
    # parts of an unknown word, such as "ju").
    search(page, site_url, "julgransplundring")
    found = page.locator("[data-sv-sok-lista]")
    assert "julgransplundring" not in found.inner_text().lower()
    assert found.locator("a[href*='2026-12-15']").count() == 0


def test_search_facets_narrow_a_ten_year_archive(page, site_url):
    search(page, site_url, "möte")
    page.locator("[data-sv-sok-filter] summary").click()
    page.locator("select[data-filter=grupp] option[value='NOSAM Nordost']").wait_for(state="attached")
    page.locator("select[data-filter=grupp]").select_option("NOSAM Nordost")
    page.locator("select[data-filter=år]").select_option("2026")
    page.wait_for_function("() => document.querySelector('[data-sv-sok-lista]').getAttribute('aria-busy') === 'false'"
                           " && document.querySelector('[data-sv-sok-status]').textContent.includes('träff')")
    kinds = page.locator(".sv-sok-typ").all_inner_texts()
    assert kinds and all("NOSAM Nordost" in k for k in kinds), kinds
    # And only the group's minutes of the year.
    page.locator("select[data-filter=typ]").select_option("Minnesanteckningar")
    page.wait_for_function("() => document.querySelector('[data-sv-sok-lista]').getAttribute('aria-busy') === 'false'"
                           " && [...document.querySelectorAll('.sv-sok-typ')].every(k => k.textContent.startsWith('Minnesanteckningar'))")
    titles = page.locator(".sv-sok-titel").all_inner_texts()
    assert titles and all(t.startswith("Minnesanteckningar NOSAM Nordost") and "2026" in t for t in titles), titles
    options = page.locator("select[data-filter=typ] option").all_inner_texts()
    assert any(o.startswith("Minnesanteckningar (") for o in options), options


def test_a_search_downloads_only_what_it_needs(page, site_url):
    """Nothing of the search before the box is used; then the engine once, and
    for a query only parts of the index and the results' texts, compressed
    as nginx sends them (tests/bench/search_ready.py measures 10 000 minutes)."""
    fetched = {}
    page.context.on("requestfinished", lambda r: "/pagefind/" in r.url and fetched.__setitem__(r.url, wire_bytes(r)))
    page.goto(site_url, wait_until="networkidle")
    assert fetched == {}
    search(page, site_url, "samordnad individuell plan")
    page.wait_for_load_state("networkidle")
    engine = {url: size for url, size in fetched.items() if any(part in url for part in ENGINE)}
    query = {url: size for url, size in fetched.items() if url not in engine}
    assert any(url.endswith(".pf_fragment") for url in query) and any(url.endswith(".pf_index") for url in query)
    assert not any("/filter/" in url for url in query)  # filters are fetched when opened
    assert sum(query.values()) < 150_000, query
    assert sum(engine.values()) < 150_000, engine  # script, worker, WebAssembly, page list


def test_download_an_events_ics(page, site_url):
    page.goto(site_url + "kalender/handelser/samverkanstorget-live-2027/")
    with page.expect_download() as info:
        page.get_by_role("link", name="Lägg till i kalender").click()
    path = info.value.path()
    calendar = icalendar.Calendar.from_ical(open(path, "rb").read())
    (event,) = calendar.walk("VEVENT")
    assert str(event["SUMMARY"]) == "Samverkanstorget Live"
    assert event.decoded("DTSTART").hour == 8


AXE = Axe()


def visitor_pages(site: Path) -> list[str]:
    """Every page of the site a visitor can reach, and a missing one (the 404
    page). Not the web editor (/redaktor/), an application for editors."""
    found = sorted(p.parent.relative_to(site).as_posix() for p in site.rglob("index.html"))
    return ["" if p == "." else p + "/" for p in found if not p.startswith("redaktor")] + ["finns-inte/"]


def test_every_page_as_a_visitor_gets_it(browser, example_site, site_url):
    """Each page twice: on a desktop in the light scheme and on a phone
    (390 px) in the dark one. Nothing fails to load, nothing is logged as an
    error, nothing comes from another host, axe-core finds no violation, no
    table is wider than the phone, and no two pages share a title."""
    context = browser.new_context(locale="sv-SE", reduced_motion="reduce")
    context.set_default_timeout(15_000)
    page = context.new_page()
    problems: list[str] = []
    current = {"path": ""}
    page.on("response", lambda r: r.status >= 400 and not (r.request.is_navigation_request() and current["path"] == "finns-inte/")
            and problems.append(f"{current['path']}: {r.status} {r.url}"))
    page.on("requestfailed", lambda r: problems.append(f"{current['path']}: misslyckades {r.url}"))
    page.on("request", lambda r: urlsplit(r.url).scheme in ("http", "https") and urlsplit(r.url).hostname != "127.0.0.1"
            and problems.append(f"{current['path']}: annan värd {r.url}"))
    page.on("console", lambda m: m.type == "error" and not (current["path"] == "finns-inte/" and "404" in m.text)
            and problems.append(f"{current['path']}: konsolen: {m.text}"))
    page.on("pageerror", lambda e: problems.append(f"{current['path']}: skriptfel: {e}"))
    # The security policy blocks nothing the site itself needs.
    page.expose_function("samverkanViolation", lambda text: problems.append(f"{current['path']}: CSP: {text}"))
    page.add_init_script("""document.addEventListener('securitypolicyviolation',
        e => window.samverkanViolation(e.violatedDirective + ' ' + e.blockedURI))""")
    titles: dict[str, list[str]] = {}
    paths = visitor_pages(example_site.site)
    assert len(paths) > 100
    for path in paths:
        current["path"] = path
        for scheme, width in (("light", 1280), ("dark", 390)):
            page.set_viewport_size({"width": width, "height": 900})
            page.emulate_media(color_scheme=scheme)
            page.goto(site_url + path, wait_until="load")
            results = AXE.run(page, options={"resultTypes": ["violations"]})  # passes are not needed
            if results.violations_count:
                problems.append(f"{path} ({scheme}, {width} px): {results.generate_report()}")
            if width == 390:
                too_wide = page.evaluate("""() => [...document.querySelectorAll('article table')]
                    .filter(t => t.getBoundingClientRect().right > 391 || t.scrollWidth > t.clientWidth + 1).length""")
                if too_wide or page.evaluate("document.documentElement.scrollWidth") > 391:
                    problems.append(f"{path}: bredare än telefonen ({too_wide} tabeller)")
        titles.setdefault(page.title(), []).append(path)
        if page.locator("a.md-skip").count() != 1 or page.locator("h1").count() != 1:
            problems.append(f"{path}: ska ha en överhoppningslänk och en h1")
    context.close()
    problems += [f"samma titel ”{title}”: {', '.join(where)}" for title, where in titles.items() if len(where) > 1]
    assert problems == [], "\n".join(problems)


def test_no_axe_violations_with_search_results_open(page, site_url):
    for scheme in ("light", "dark"):
        page.emulate_media(color_scheme=scheme)
        page.goto(site_url)
        search(page, site_url, "samverkan")
        page.locator("[data-sv-sok-filter] summary").click()
        page.locator("select[data-filter=typ] option[value='Grupper']").wait_for(state="attached")
        # The search overlay fades in; colours are only final when it has.
        page.wait_for_function("""() => document.getAnimations().every(a => a.playState !== 'running')""")
        page.wait_for_timeout(400)
        results = Axe().run(page)
        assert results.violations_count == 0, (scheme, results.generate_report())


TAB_STOP = """() => { const e = document.activeElement; const r = e.getBoundingClientRect();
    return {visible: r.width > 0 && r.height > 0 && r.right > 0 && r.left < innerWidth
                     && getComputedStyle(e).visibility !== 'hidden' && !e.closest('[hidden]'),
            radio: e.type === 'radio', named: !!(e.getAttribute('aria-label') || e.innerText.trim() || e.title),
            content: !!e.closest('article'), what: e.outerHTML.slice(0, 120)}; }"""


@pytest.mark.parametrize("width", [390, 1280])
def test_keyboard_reaches_the_content_through_named_visible_stops(page, site_url, width):
    """On a phone the closed menu drawer and the closed search are no tab
    stops; every stop before the content can be seen and has a name (the
    menu's expand toggles included)."""
    page.set_viewport_size({"width": width, "height": 844})
    page.goto(site_url + "grupper/nordost/")
    stops = []
    for _ in range(60):
        page.keyboard.press("Tab")
        stop = page.evaluate(TAB_STOP)
        if stop["content"]:
            break
        stops.append(stop)
    else:
        raise AssertionError(f"no tab stop in the content after 60: {stops[-3:]}")
    # Material's colour scheme switch is a radio button drawn as its label.
    assert [s["what"] for s in stops if not s["visible"] and not s["radio"]] == []
    assert [s["what"] for s in stops if not s["named"]] == []
    if width == 390:
        assert len(stops) <= 6, [s["what"] for s in stops]
    toggles = page.locator("label.md-nav__link[tabindex='0']")
    assert toggles.count() > 0 and all(t.get_attribute("aria-label") or t.text_content().strip() for t in toggles.all())
    assert page.locator("label.md-nav__link[aria-label='Undermeny Grupper']").count() == 1


def test_focus_is_visible(page, site_url):
    page.goto(site_url)
    page.keyboard.press("Tab")
    focused = page.evaluate("""() => {
        const el = document.activeElement; const s = getComputedStyle(el);
        return {tag: el.tagName, outline: s.outlineStyle, width: s.outlineWidth, text: el.textContent.trim()};
    }""")
    assert focused["tag"] == "A" and focused["outline"] != "none" and focused["width"] != "0px", focused


@pytest.mark.parametrize("path", ["overenskommelser/", "grupper/nordost/", "nosam/", "nosam/oversikt/",
                                  "handlingsplaner/nordost/2026/", "grupper/molndal/ny-i-gruppen/", "kalender/", "kalender/arkiv/", "redaktorer/granskning/", "kalender/prenumerera/", "om/ordlista/"])
def test_every_table_fits_a_phone_screen(page, site_url, path):
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(site_url + path)
    tables = page.locator("article table")
    assert tables.count() > 0
    widths = page.evaluate("""() => [...document.querySelectorAll('article table')].map(t => {
        const box = t.getBoundingClientRect();
        return [box.left, box.right, t.scrollWidth, t.clientWidth];
    })""")
    for left, right, scroll, client in widths:
        assert left >= 0 and right <= 390 and scroll <= client + 1, (path, left, right, scroll, client)
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    # Each cell says which column it is.
    first_row = page.locator("article table tbody tr").first
    labels = first_row.locator("td").evaluate_all("cells => cells.map(c => c.dataset.label)")
    assert all(labels), labels
    if path == "overenskommelser/":
        SHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SHOTS / "telefon-overenskommelser.png"), full_page=True)


def test_handover_page_prints_without_navigation(page, site_url):
    """The page for new members, printed (to PDF) from the browser: only the
    content, full width, no table row split over two pages."""
    page.goto(site_url + "grupper/nordost/ny-i-gruppen/")
    chrome = [".md-header", ".md-sidebar--primary", ".md-footer", ".md-search"]
    shown = "(selectors) => selectors.map(s => getComputedStyle(document.querySelector(s)).display)"
    assert "none" not in page.evaluate(shown, chrome[:1])  # on screen, the header is there
    page.emulate_media(media="print")
    assert page.evaluate(shown, chrome) == ["none"] * len(chrome)
    layout = page.evaluate("""() => {
        const article = document.querySelector('article.md-content__inner');
        const row = article.querySelector('tbody tr');
        return {article: article.getBoundingClientRect().width, page: document.documentElement.clientWidth,
                row: getComputedStyle(row).breakInside, text: article.innerText};
    }""")
    assert layout["article"] > 0.8 * layout["page"], layout
    assert layout["row"] == "avoid"
    assert "Vilka som är med" in layout["text"] and "Beslut sedan" in layout["text"]
    pdf = page.pdf(format="A4")
    assert pdf.startswith(b"%PDF") and len(pdf) > 10_000
    SHOTS.mkdir(parents=True, exist_ok=True)
    (SHOTS / "ny-i-gruppen.pdf").write_bytes(pdf)


def test_the_security_policy_blocks_an_injected_script_and_a_remote_image(browser, example_site, tmp_path):
    """As if something got past every check: a page of the built site with an
    inline script and an image from another host. The browser, told by the
    the operators' guide's nginx and by the page's own policy, runs and fetches neither."""
    site = tmp_path / "site"
    shutil.copytree(example_site.site, site)
    page_file = site / "om" / "index.html"
    html = page_file.read_text(encoding="utf-8")
    html = html.replace("</article>", '<script>window.intrang = 1</script>'
                        '<img src="http://127.0.0.2:9/spara.png" alt=""><div style="display:none" id="stil">x</div></article>', 1)
    page_file.write_text(html, encoding="utf-8")
    server = Nginx(site, tmp_path / "nginx")
    try:
        for policy_from in ("server", "meta"):
            context = browser.new_context()
            page = context.new_page()
            requested, blocked, violations = [], [], []
            page.on("request", lambda r: requested.append(r.url))
            page.on("requestfailed", lambda r: blocked.append((r.url, r.failure)))
            page.on("console", lambda m: violations.append(m.text) if "Content Security Policy" in m.text else None)
            if policy_from == "meta":  # as GitHub Pages serves it: no headers of ours
                page.route("**/om/", lambda route: route.fulfill(status=200, content_type="text/html", body=html))
            page.goto(server.url + "om/", wait_until="load")
            assert page.evaluate("window.intrang") is None, policy_from
            # Chromium reports the image it did not fetch as a request that failed on the policy.
            remote = [u for u in requested if "127.0.0.2" in u]
            assert [(u, f) for u, f in blocked if "127.0.0.2" in u] == [(u, "csp") for u in remote] and remote
            assert page.evaluate("getComputedStyle(document.getElementById('stil')).display") != "none", policy_from
            assert len(violations) >= 2, (policy_from, violations)
            # The site's own scripts still run: the search box opens.
            assert page.evaluate("typeof __md_scope") == "object", policy_from
            context.close()
        headers = __import__("urllib.request").request.urlopen(server.url + "redaktor/").headers
        assert "frame-ancestors 'none'" in headers["Content-Security-Policy"] and headers["X-Frame-Options"] == "DENY"
        assert "unsafe-eval" in headers["Content-Security-Policy"]
        root = __import__("urllib.request").request.urlopen(server.url).headers["Content-Security-Policy"]
        assert "unsafe-inline" not in root and "frame-ancestors 'none'" in root
    finally:
        server.stop()

"""A real headless Chromium (Debian's) against the built site on 127.0.0.1.

Navigation, Swedish search, downloading an event, axe-core on one page of
each kind, and no request to any other host.
"""

from __future__ import annotations

import functools
import os
import re
import shutil
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

import icalendar
import pytest

playwright_api = pytest.importorskip("playwright.sync_api")
from axe_playwright_python.sync_playwright import Axe  # noqa: E402

from conftest import REPO  # noqa: E402

SHOTS = Path(os.environ.get("SAMVERKAN_SKARMBILDER", REPO / "site-screenshots"))

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
if CHROMIUM is None:
    if os.environ.get("CI"):
        raise RuntimeError("Chromium saknas: installera Debians paket chromium (make test gör det).")
    pytest.skip("Chromium is not installed (apt-get install chromium)", allow_module_level=True)



class SiteHandler(SimpleHTTPRequestHandler):
    extensions_map = {**SimpleHTTPRequestHandler.extensions_map, ".ics": "text/calendar; charset=utf-8",
                      ".xml": "application/rss+xml"}

    def log_message(self, *args) -> None:  # keep test output readable
        pass


@pytest.fixture(scope="session")
def site_url(example_site):
    handler = functools.partial(SiteHandler, directory=str(example_site.site))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}/"
    server.shutdown()


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


SEARCHES = [
    ("nordost", "NOSAM Nordost"),
    ("samordnad individuell plan", "Samordnad individuell plan (SIP)"),
    ("frånvaro", "Problematisk skolfrånvaro"),
    ("skolfrånvaro", "Problematisk skolfrånvaro"),
    ("barnkonventionen", "Barnkonventionen i samverkan"),
    ("västbus riktlinjer", "Västbus riktlinjer"),
    ("öckerö", "NOSAM Öckerö"),
    ("läkemedelsgenomgång", "Minnesanteckningar NOSAM Mölndal 12 maj 2026"),
    ("tillgänglighet", "Tillgänglighetsredogörelse"),
    ("familjecentral", "Familjecentrerat arbetssätt (FCA)"),
    ("dalheimers", "Samverkanstorget Live 20 september 2027"),
    ("kartläggning", "Kartläggning och dialog NOSAM"),
]


def search(page, site_url, query: str) -> list[str]:
    # The search worker loads the index in the background; a query typed
    # before it is ready is not searched again, so wait for it first.
    page.goto(site_url, wait_until="networkidle")
    box = page.locator("input.md-search__input")
    box.click()
    box.fill(query)
    try:
        page.locator(".md-search-result__item").first.wait_for(timeout=5000)
    except playwright_api.TimeoutError:
        box.press("End")
        box.type(" ")
        page.locator(".md-search-result__item").first.wait_for(timeout=15000)
    # One title per page found (sections of a page are listed under it).
    return [" ".join(t.split()) for t in page.locator(".md-search-result__item h1").all_inner_texts()]


@pytest.mark.parametrize("query, expected", SEARCHES)
def test_swedish_search_finds_what_a_visitor_expects(page, site_url, query, expected):
    titles = search(page, site_url, query)
    assert expected in titles[:5], titles[:10]


@pytest.mark.parametrize("query, expected", [
    ("nordost", {"NOSAM Nordost", "Västbusgrupp Nordost"}),  # two groups of that name
    ("öckerö", {"NOSAM Öckerö"}),
    ("mölndal", {"NOSAM Mölndal", "Västbusgrupp Mölndal"}),
])
def test_the_groups_come_first_for_their_name(page, site_url, query, expected):
    assert set(search(page, site_url, query)[: len(expected)]) == expected


def test_search_result_opens_and_drafts_are_not_found(page, site_url):
    search(page, site_url, "frånvaro")
    # The result for the page itself (its title), not a section elsewhere that mentions it.
    title = page.locator("h1", has_text=re.compile(r"^\s*Problematisk skolfrånvaro\s*$"))
    page.locator(".md-search-result__link", has=title).first.click()
    page.wait_for_url("**/verktygslada/problematisk-skolfranvaro/**")
    assert page.locator("h1").inner_text().rstrip("¶") == "Problematisk skolfrånvaro"
    page.goto(site_url, wait_until="networkidle")
    page.locator("input.md-search__input").click()
    page.locator("input.md-search__input").fill("julgransplundring")
    page.wait_for_timeout(1500)
    assert page.locator(".md-search-result__item").count() == 0


def test_download_an_events_ics(page, site_url):
    page.goto(site_url + "kalender/handelser/samverkanstorget-live-2027/")
    with page.expect_download() as info:
        page.get_by_role("link", name="Lägg till i kalender").click()
    path = info.value.path()
    calendar = icalendar.Calendar.from_ical(open(path, "rb").read())
    (event,) = calendar.walk("VEVENT")
    assert str(event["SUMMARY"]) == "Samverkanstorget Live"
    assert event.decoded("DTSTART").hour == 8


PAGES_OF_EACH_KIND = [
    "",  # start
    "grupper/nordost/",  # group
    "minnesanteckningar/nordost/2026-03-17/",  # minutes
    "kalender/",  # calendar
    "kalender/handelser/nordost-2026-01-20/",  # event
    "verktygslada/sip/",  # toolbox
    "overenskommelser/",  # register
    "aktuellt/2018/06/05/nosam-tar-nasta-steg-i-samverkansarbetet/",  # news
    "nosam/",
    "om/tillganglighet/",
    "nosam/oversikt/",  # the follow-up overview
    "grupper/nordost/ny-i-gruppen/",  # handover
    "handlingsplaner/nordost/2026/",  # action plan
]


@pytest.mark.parametrize("path", PAGES_OF_EACH_KIND)
def test_no_axe_violations(page, site_url, path):
    page.goto(site_url + path)
    results = Axe().run(page)
    assert results.violations_count == 0, results.generate_report()
    # A skip link and exactly one h1.
    assert page.locator("a.md-skip").count() == 1
    assert page.locator("h1").count() == 1


@pytest.mark.parametrize("path", PAGES_OF_EACH_KIND)
def test_no_axe_violations_in_the_dark_scheme(page, site_url, path):
    page.emulate_media(color_scheme="dark")
    page.goto(site_url + path)
    assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") == "slate"
    results = Axe().run(page)
    assert results.violations_count == 0, results.generate_report()


def test_no_axe_violations_with_search_results_open(page, site_url):
    search(page, site_url, "samverkan")
    page.wait_for_load_state("networkidle")
    page.locator(".md-search-result__meta").wait_for()
    # The search overlay fades in; colours are only final when it has.
    page.wait_for_function(
        """() => document.getAnimations().every(a => a.playState !== 'running')"""
    )
    page.wait_for_timeout(600)
    results = Axe().run(page)
    assert results.violations_count == 0, results.generate_report()


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


def test_no_page_requests_what_does_not_exist(page, site_url):
    failed, errors = [], []
    page.on("response", lambda response: response.status >= 400 and failed.append(response.url))
    page.on("console", lambda message: message.type == "error" and errors.append(message.text))
    for path in ["", "kalender/", "aktuellt/", "grupper/nordost/", "minnesanteckningar/", "verktygslada/sip/"]:
        page.goto(site_url + path)
        page.wait_for_load_state("networkidle")
    assert failed == [] and errors == [], (failed, errors)


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

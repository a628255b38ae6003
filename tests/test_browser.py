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
from search_queries import QUERIES  # noqa: E402
from tools.search_quality import measure, report, search  # noqa: E402

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



# What the accessibility checks below found, for the accessibility statement
# (docs/om/tillganglighetstest.yml; generate/accessibility.py shows it). Written
# when every check has run, whatever it found: the statement tells the truth.
STATEMENT_RUN = REPO / "docs" / "om" / "tillganglighetstest.yml"
CHECKS = ("axe-ljust", "axe-mörkt", "omflöde", "förstoring", "tangentbord", "namn")
checked: dict[str, dict] = {}


def record(key: str, what: str, pages: int, findings: list[str]) -> None:
    checked[key] = {"kontroll": what, "sidor": pages, "fynd": len(findings),
                    "detaljer": "; ".join(findings[:3])[:300]}


@pytest.fixture(scope="module", autouse=True)
def statement_run():
    yield
    if all(key in checked for key in CHECKS):
        import datetime

        import yaml

        data = {"datum": datetime.date.today(), "kontroller": [checked[key] for key in CHECKS]}
        text = ("# Skrivs av webbläsartesterna (tests/test_browser.py) efter varje körning; visas i\n"
                "# tillgänglighetsredogörelsen (om/tillganglighet). Ändra inte för hand.\n"
                + yaml.safe_dump(data, allow_unicode=True, sort_keys=False))
        if STATEMENT_RUN.read_text(encoding="utf-8") != text:
            # Whole or not at all: tests in the other worker copy docs/ meanwhile.
            part = REPO / ".tillganglighetstest.yml.del"
            part.write_text(text, encoding="utf-8")
            os.replace(part, STATEMENT_RUN)


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
    marked = teaser.locator("mark").first.inner_text().lower().strip(",.")
    assert marked.endswith("frånvaro") and len(marked) > len("frånvaro"), marked
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


# The newest axe-core the project installs: Lighthouse's (package-lock.json),
# else the one axe-playwright-python carries. Newer versions find more.
AXE_SCRIPT = next(p for p in (REPO / "node_modules" / "axe-core" / "axe.min.js",
                              Path(__import__("axe_playwright_python").__file__).parent / "axe.min.js") if p.is_file())
AXE = Axe.from_file(AXE_SCRIPT)
AXE_VERSION = re.compile(r"axe v([\d.]+)")


def visitor_pages(site: Path) -> list[str]:
    """Every page of the site a visitor can reach, and a missing one (the 404
    page). Not the web editor (/redaktor/), an application for editors."""
    found = sorted(p.parent.relative_to(site).as_posix() for p in site.rglob("index.html"))
    return ["" if p == "." else p + "/" for p in found if not p.startswith("redaktor")] + ["finns-inte/"]


# Each page as four visitors get it: a desktop in the light scheme (axe-core,
# every rule), the same desktop switched to the dark scheme (the rules that
# depend on colour: the rest read the same page), a phone or a desktop at
# 400 % zoom (320 CSS px) in the dark scheme (axe-core, every rule, and
# nothing wider than the screen: WCAG 1.4.10 reflow), and that page widened
# to 640 px in the light scheme (200 % zoom), where nothing may be cut either.
COLOUR_RULES = {"runOnly": {"type": "rule", "values": ["color-contrast", "link-in-text-block"]}}
TOO_WIDE = """(w) => [...document.querySelectorAll('article table')]
    .filter(t => t.getBoundingClientRect().right > w + 1 || t.scrollWidth > t.clientWidth + 1).length
    + (document.documentElement.scrollWidth > w + 1 ? 1 : 0)"""


def axe_violations(page, options: dict | None = None) -> list[str]:
    """axe-core, loaded into every page of the context (see below), on this page as it is now."""
    found = page.evaluate("""(options) => axe.run(document, {resultTypes: ['violations'], ...options})
        .then(r => r.violations.map(v => `${v.id} (${v.impact}): ${v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(', ')}`))""",
                          options or {})
    return found


def test_every_page_as_a_visitor_gets_it(browser, example_site, site_url):
    """Nothing fails to load, nothing is logged as an error, nothing comes
    from another host, axe-core (WCAG 2.1 A and AA, and best practice) finds
    nothing in either scheme, nothing is wider than the screen, and no two
    pages share a title."""
    context = browser.new_context(locale="sv-SE", reduced_motion="reduce")
    context.set_default_timeout(15_000)
    context.add_init_script(path=str(AXE_SCRIPT))  # once per page, not sent again for each run
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
    found: dict[str, list[str]] = {"axe-ljust": [], "axe-mörkt": [], "omflöde": [], "förstoring": []}
    paths = visitor_pages(example_site.site)
    assert len(paths) > 100

    def note(kind: str, where: str, what: list[str]) -> None:
        if what:
            found[kind].append(f"{current['path']} ({where}): {', '.join(what)}")

    for path in paths:
        current["path"] = path
        page.set_viewport_size({"width": 1280, "height": 900})
        page.emulate_media(color_scheme="light")
        page.goto(site_url + path, wait_until="load")
        note("axe-ljust", "ljust, 1280 px", axe_violations(page))
        page.emulate_media(color_scheme="dark")
        note("axe-mörkt", "mörkt, 1280 px", axe_violations(page, COLOUR_RULES))
        page.set_viewport_size({"width": 320, "height": 900})
        page.goto(site_url + path, wait_until="load")
        note("axe-mörkt", "mörkt, 320 px", axe_violations(page))
        if page.evaluate(TOO_WIDE, 320):
            note("omflöde", "320 px", ["bredare än skärmen"])
        page.set_viewport_size({"width": 640, "height": 900})
        page.emulate_media(color_scheme="light")
        if page.evaluate(TOO_WIDE, 640):
            note("förstoring", "640 px", ["bredare än skärmen"])
        titles.setdefault(page.title(), []).append(path)
        if page.locator("a.md-skip").count() != 1 or page.locator("h1").count() != 1:
            problems.append(f"{path}: ska ha en överhoppningslänk och en h1")
    context.close()
    version = AXE_VERSION.search(AXE_SCRIPT.read_text(encoding="utf-8")[:200]).group(1)
    record("axe-ljust", f"axe-core {version}: WCAG 2.1 A och AA och bästa praxis, ljust färgschema, dator", len(paths),
           found["axe-ljust"])
    record("axe-mörkt", f"axe-core {version}: WCAG 2.1 A och AA och bästa praxis, mörkt färgschema, 320 px "
           "(och färgreglerna på dator)", len(paths), found["axe-mörkt"])
    record("omflöde", "Omflöde: inget bredare än skärmen vid 320 px (mobil, 400 % zoom)", len(paths), found["omflöde"])
    record("förstoring", "Förstoring 200 %: inget bredare än skärmen vid 640 px", len(paths), found["förstoring"])
    problems += [line for kind in found.values() for line in kind]
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
        results = AXE.run(page)
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
        assert len(stops) <= 8, [s["what"] for s in stops]  # skip link, menu, scheme, search, the path here
    toggles = page.locator("label.md-nav__link [role=button][tabindex='0']")
    assert toggles.count() > 0 and all(t.get_attribute("aria-label") or t.text_content().strip() for t in toggles.all())
    assert page.locator("label.md-nav__link [role=button][aria-label='Undermeny Grupper']").count() == 1
    assert page.locator("label[tabindex], label[role], label[aria-label]").count() == 0  # a label takes neither


# A phone, and a desktop (1280 × 1024) zoomed to 400 %: the same 320 CSS px.
NARROW = {"telefon": (320, 640), "400 % zoom": (320, 256)}


def settle(page) -> None:
    """After a key press: two frames for what it starts, then until its
    transitions (the drawer sliding in, the search fading) have ended. Not a
    fixed pause, which a loaded machine outlasts."""
    page.evaluate("""() => new Promise(resolve => requestAnimationFrame(() => requestAnimationFrame(() =>
        Promise.all(document.getAnimations()
            .filter(a => a.effect && a.effect.getTiming().iterations !== Infinity)
            .map(a => a.finished.catch(() => null))).then(() => resolve(true)))))""")


def focused(page) -> dict:
    return page.evaluate("""() => { const e = document.activeElement; const r = e.getBoundingClientRect();
        const s = getComputedStyle(e);
        return {name: e.getAttribute('aria-label') || e.innerText.trim() || e.title || e.value || '',
                role: e.getAttribute('role') || e.tagName.toLowerCase(), expanded: e.getAttribute('aria-expanded'),
                visible: r.width > 0 && r.height > 0 && r.bottom > 0 && r.top < innerHeight && s.visibility !== 'hidden',
                outline: s.outlineStyle !== 'none' && s.outlineWidth !== '0px'}; }""")


def tab_to(page, name: str, most: int = 25) -> dict:
    for _ in range(most):
        page.keyboard.press("Tab")
        stop = focused(page)
        if stop["name"] == name:
            return stop
    raise AssertionError(f"ingen tabbstopp ”{name}” på {most} tryck")


@pytest.mark.parametrize("size", list(NARROW))
def test_the_keyboard_opens_menu_search_and_colour_scheme_at_320_px(page, site_url, size):
    """At phone width and at 400 % zoom the header's menu and search are
    buttons a keyboard reaches, sees focused, presses with Enter or Space;
    the focus goes into what opened and back to its button when it closes
    (Escape); a section of the menu opens from the keyboard; the colour
    scheme switches; the calendar's controls are reached too."""
    page.set_viewport_size(dict(zip(("width", "height"), NARROW[size])))
    page.goto(site_url + "grupper/nordost/")
    menu = tab_to(page, "Meny")
    assert menu["role"] == "button" and menu["visible"] and menu["outline"] and menu["expanded"] == "false", menu
    page.keyboard.press("Enter")
    settle(page)
    inside = focused(page)
    assert page.evaluate("document.getElementById('__drawer').checked") and inside["visible"], inside
    assert page.locator("label[for=__drawer] [role=button]").get_attribute("aria-expanded") == "true"
    # The drawer opens on the page's own submenu; its way back is a button.
    assert inside["name"].startswith("Tillbaka från") and inside["role"] == "button", inside
    page.keyboard.press(" ")
    settle(page)
    up = focused(page)
    assert up["role"] == "button" and up["expanded"] == "false" and up["visible"], up  # the section's toggle
    page.keyboard.press("Escape")
    settle(page)
    back = focused(page)
    assert back["name"] == "Meny" and not page.evaluate("document.getElementById('__drawer').checked"), back
    # Search: a button, then the box; Escape returns to the button.
    search_button = tab_to(page, "Sök")
    assert search_button["role"] == "button" and search_button["visible"], search_button
    page.keyboard.press(" ")
    settle(page)
    assert page.evaluate("document.activeElement.matches('[data-sv-sok-fraga]')")
    page.keyboard.type("nordost")
    page.locator(".md-search-result__item").first.wait_for()
    page.keyboard.press("Escape")
    settle(page)
    assert focused(page)["name"] == "Sök" and not page.evaluate("document.getElementById('__search').checked")
    # The colour scheme: Material's radio button, switched by Enter.
    page.goto(site_url + "kalender/")
    for _ in range(10):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.name === '__palette'"):
            break
    else:
        raise AssertionError("färgschemat nås inte med tangentbordet")
    chosen = "document.body.dataset.mdColorMedia"  # the system's, light, dark
    first = page.evaluate(chosen)
    page.keyboard.press("Enter")
    settle(page)
    second = page.evaluate(chosen)
    page.keyboard.press(" ")
    settle(page)
    third = page.evaluate(chosen)
    assert len({first, second, third}) == 3, (first, second, third)  # light, dark, the system's: each key moves on
    assert page.evaluate("document.activeElement.name") == "__palette"
    # The calendar: every link and control of its content is reached, visibly.
    stops = []
    for _ in range(80):
        page.keyboard.press("Tab")
        stop = page.evaluate("""() => { const e = document.activeElement; const r = e.getBoundingClientRect();
            return {content: !!e.closest('article'), visible: r.width > 0 && r.height > 0, what: e.outerHTML.slice(0, 80)}; }""")
        if stop["content"]:
            stops.append(stop)
        if len(stops) >= 15:
            break
    assert len(stops) >= 15 and all(s["visible"] for s in stops), [s["what"] for s in stops if not s["visible"]]
    checked.setdefault("tangentbord-storlekar", set()).add(size)
    if checked["tangentbord-storlekar"] == set(NARROW):
        record("tangentbord", "Tangentbord: meny, sök, färgschema och kalendern vid 320 px och 400 % zoom, "
               "synligt fokus, fokus tillbaka när något stängs", 3, [])


def test_screen_readers_hear_a_name_role_and_state_for_every_control(page, site_url):
    """Chromium's own accessibility tree (what a screen reader is given), not
    axe's reading of the HTML: every button has a name, the menu's and the
    search's toggles are buttons that say whether they are open."""
    problems = []
    pages = ("", "grupper/nordost/", "kalender/", "minnesanteckningar/nordost/2026-11-17/")
    for width in (320, 1280):
        page.set_viewport_size({"width": width, "height": 900})
        for path in pages:
            page.goto(site_url + path)
            session = page.context.new_cdp_session(page)
            nodes = session.send("Accessibility.getFullAXTree")["nodes"]
            session.detach()
            controls = [n for n in nodes if not n.get("ignored") and n.get("role", {}).get("value") in
                        ("button", "link", "textbox", "searchbox", "combobox", "radio", "checkbox")]
            for node in controls:
                if not str(node.get("name", {}).get("value", "")).strip():
                    problems.append(f"{path} ({width} px): {node['role']['value']} utan namn")
            buttons = {n.get("name", {}).get("value"): n for n in controls if n["role"]["value"] == "button"}
            for name in (("Meny", "Sök") if width == 320 else ("Undermeny Grupper",) if path == "grupper/nordost/" else ()):
                node = buttons.get(name)
                if node is None:
                    problems.append(f"{path} ({width} px): ingen knapp ”{name}” i tillgänglighetsträdet")
                elif not any(p["name"] == "expanded" for p in node.get("properties", [])):
                    problems.append(f"{path} ({width} px): knappen ”{name}” säger inte om den är öppen")
    record("namn", "Skärmläsare: namn, roll och läge för varje knapp, länk och fält (Chromiums tillgänglighetsträd)",
           len(pages), problems)
    assert problems == [], problems


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


@pytest.mark.parametrize("path", ["kalender/", "minnesanteckningar/nordost/2026-03-17/", "grupper/nordost/"])
def test_pages_print_on_a4_without_chrome_or_cut_columns(page, site_url, path):
    """Printed (to PDF, A4): no header, menus or search; every table within
    the paper, no cell cut; links written out with their full address; the
    page's address and date at its foot."""
    page.goto(site_url + path)
    page.emulate_media(media="print")
    page.set_viewport_size({"width": 718, "height": 1000})  # A4 less Chromium's margins, in CSS px
    hidden = page.evaluate("""() => ['.md-header', '.md-sidebar--primary', '.md-sidebar--secondary', '.md-footer', '.md-search']
        .map(s => document.querySelector(s)).filter(e => e && getComputedStyle(e).display !== 'none').map(e => e.className)""")
    assert hidden == [], hidden
    cut = page.evaluate("""() => [...document.querySelectorAll('article table')].filter(t => {
        const box = t.getBoundingClientRect(), paper = document.querySelector('article').getBoundingClientRect();
        return box.right > paper.right + 1 || t.scrollWidth > t.clientWidth + 1
               || [...t.querySelectorAll('td, th')].some(c => c.scrollWidth > c.clientWidth + 1); }).length""")
    assert cut == 0, path
    written = page.evaluate("""() => [...document.querySelectorAll('.md-content__inner p a[data-sv-adress], .md-content__inner li a[data-sv-adress]')]
        .map(a => getComputedStyle(a, '::after').content)""")
    assert written and all(w.startswith('" (') for w in written), written[:3]
    assert all("http://127.0.0.1" in w or "@" in w for w in written), written[:3]
    foot = page.locator(".sv-utskriftsfot")
    assert foot.is_visible() and site_url + path in foot.inner_text() and "utskriven" in foot.inner_text()
    pdf = page.pdf(format="A4")
    assert pdf.startswith(b"%PDF") and len(pdf) > 10_000
    SHOTS.mkdir(parents=True, exist_ok=True)
    (SHOTS / f"utskrift-{path.strip('/').replace('/', '-')}.pdf").write_bytes(pdf)


def test_the_query_set_finds_its_pages_in_the_top_three(page, site_url):
    """tests/search_queries.py typed into the search box: the share whose
    page is among the first three results (the README reports it)."""
    misses, found, asked = measure(page, site_url)
    share = sum(found.values()) / sum(asked.values())
    print(report(misses, found, asked))
    assert len(QUERIES) >= 40 and share >= 0.95, report(misses, found, asked)


@pytest.mark.parametrize("query, suggested", [("c", None), ("xyzzyq", None), ("kommunn", "kommun")])
def test_a_word_on_no_page_finds_nothing_and_offers_a_way_on(page, site_url, query, suggested):
    """No hit on a fragment of a word no page has; a spelling the site has
    instead, and the groups and the calendar."""
    titles = search(page, site_url, query)
    if suggested is None:
        assert titles == [], titles
        box = page.locator(".sv-sok-inga")
        assert box.get_by_role("link", name="alla grupper").count() == 1
        assert box.get_by_role("link", name="kalendern").count() == 1
    else:
        assert titles, "a typo in a word the site has is corrected"
        assert f"”{suggested}" in page.locator("[data-sv-sok-status]").inner_text()


def test_facet_counts_are_for_the_query(page, site_url):
    search(page, site_url, "skolfrånvaro")
    page.locator("[data-sv-sok-filter] summary").click()
    option = page.locator("select[data-filter=typ] option[value='Verktygslådan']")
    option.wait_for(state="attached")
    page.wait_for_function("""() => document.querySelector("select[data-filter=typ] option[value='Verktygslådan']").textContent.includes('(')""")
    shown = int(re.search(r"\((\d+)\)", option.inner_text()).group(1))
    on_site = len(list((REPO / "verktygslada").glob("*.md")))
    assert 1 <= shown < on_site + 2  # the query's toolbox pages, not the whole site's
    assert page.locator("select[data-filter=typ] option[disabled]").count() > 0  # kinds the query has none of


def test_search_and_which_group_without_javascript(browser, site_url):
    """With no script the header leads to the search page, which lists every
    place with its group, the calendar and the groups."""
    context = browser.new_context(java_script_enabled=False, locale="sv-SE")
    page = context.new_page()
    page.goto(site_url + "grupper/nordost/")
    page.get_by_role("link", name="Sök").click()
    page.wait_for_url("**/sok/")
    assert page.get_by_role("link", name="Kalendern").count() == 1
    assert page.locator("li", has_text="Majorna:").get_by_role("link", name="NOSAM Centrum").count() == 1
    context.close()
    # With JavaScript the search box is there, and no second way to it.
    scripted = browser.new_page(viewport={"width": 390, "height": 800})
    scripted.goto(site_url)
    assert scripted.locator(".sv-sok-lank").is_hidden()
    assert scripted.get_by_role("button", name="Sök").is_visible()
    scripted.close()


def test_which_group_is_mine_in_one_step(page, site_url):
    page.goto(site_url)
    place = page.get_by_label("Skriv din kommun eller stadsdel")
    place.fill("Angered")
    answer = page.locator("[data-sv-hitta-svar]")
    assert answer.get_by_role("link", name="NOSAM Nordost").count() == 1
    assert "tidigare NOSAM Angered" in answer.inner_text()
    place.fill("hogsbo")  # without its ö
    assert answer.get_by_role("link", name="NOSAM Sydväst").count() == 1
    place.fill("Kortedala")
    assert "Se listan nedan" in answer.inner_text()


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

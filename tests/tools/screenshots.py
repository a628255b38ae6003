"""Screenshots of each kind of page at desktop and phone width, for looking at;
the start page, a group, minutes, the calendar and a search also in the dark
colour scheme.

    make screenshots            # builds the site, writes PNGs to site-screenshots/
"""

from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path

from playwright.sync_api import sync_playwright

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from nginx_support import Nginx  # noqa: E402

PAGES = {
    "start": "",
    "grupp": "grupper/nordost/",
    "minnesanteckningar": "minnesanteckningar/nordost/2026-03-17/",
    "kalender": "kalender/",
    "mote": "kalender/handelser/nordost-2026-01-20/",
    "verktyg": "verktygslada/sip/",
    "register": "overenskommelser/",
    "nyhet": "aktuellt/2018/06/05/nosam-tar-nasta-steg-i-samverkansarbetet/",
    "oversikt": "nosam/oversikt/",
    "ny-i-gruppen": "grupper/nordost/ny-i-gruppen/",
    "handlingsplan": "handlingsplaner/nordost/2026/",
    "404": "finns-inte/",
}
# The search box with results for a query, filters open.
SEARCH = "skolfrånvaro"
SIZES = {"dator": (1280, 900), "mobil": (390, 844)}
IN_BOTH_SCHEMES = ("start", "grupp", "minnesanteckningar", "kalender")
SCHEMES = {"ljus": "light", "mork": "dark"}


def main(site: Path, out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    server = Nginx(site, Path(tempfile.mkdtemp(prefix="skarmbilder-")))  # the operators' guide's configuration
    base = server.url
    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=shutil.which("chromium"),
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run"],
        )
        for size_name, (width, height) in SIZES.items():
            for scheme_name, scheme in SCHEMES.items():
                page = browser.new_page(viewport={"width": width, "height": height}, locale="sv-SE",
                                        color_scheme=scheme)
                suffix = size_name if scheme == "light" else f"{size_name}-{scheme_name}"
                for name, path in PAGES.items():
                    if scheme == "light" or name in IN_BOTH_SCHEMES:
                        page.goto(base + path, wait_until="networkidle")
                        page.screenshot(path=str(out / f"{name}-{suffix}.png"), full_page=False)
                page.goto(base, wait_until="networkidle")
                page.locator("label.md-header__button[for=__search]" if width < 960 else "[data-sv-sok-fraga]").click()
                page.locator("[data-sv-sok-fraga]").press_sequentially(SEARCH, delay=30)
                page.locator(".md-search-result__item").first.wait_for()
                page.locator("[data-sv-sok-filter] summary").click()
                page.wait_for_timeout(500)
                page.screenshot(path=str(out / f"sok-{suffix}.png"), full_page=False)
                page.close()
        browser.close()
    server.stop()
    print(f"Skärmbilder i {out}/")


if __name__ == "__main__":
    main(Path(sys.argv[1] if len(sys.argv) > 1 else "site"), Path(sys.argv[2] if len(sys.argv) > 2 else "site-screenshots"))

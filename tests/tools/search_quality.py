"""The share of tests/search_queries.py's queries whose page is in the first
three results, typed into the built site's search box in Debian's Chromium,
the site served by nginx with the operators' guide's configuration.

    python tests/tools/search_quality.py site     (make sokkvalitet)

Prints each query that missed, the share by kind of query and in all.
"""

from __future__ import annotations

import shutil
import sys
import tempfile
from collections import Counter
from pathlib import Path

TESTS = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(TESTS))

from search_queries import QUERIES  # noqa: E402

TOP = 3


def search(page, site_url: str, query: str, delay: int = 30) -> list[str]:
    """Types the query into the search box as a visitor does (`delay` ms
    between keys); the titles found, in order."""
    if not page.url.startswith(site_url):
        page.goto(site_url)
    box = page.locator("[data-sv-sok-fraga]")
    box.click()
    box.fill("")
    box.press_sequentially(query, delay=delay)
    page.wait_for_function(
        """q => document.querySelector('[data-sv-sok-status]').textContent.includes('”' + q + '”')
               && document.querySelector('[data-sv-sok-lista]').getAttribute('aria-busy') === 'false'""",
        arg=query,
    )
    titles = page.locator(".md-search-result__item:not([hidden]) .sv-sok-titel").all_inner_texts()
    return [" ".join(t.split()) for t in titles]


def measure(page, site_url: str) -> tuple[list[tuple[str, str, str, list[str]]], Counter, Counter]:
    """(the misses with what came first, found per kind, asked per kind)."""
    misses, found, asked = [], Counter(), Counter()
    for query, expected, kind in QUERIES:
        titles = search(page, site_url, query, delay=0)  # a fast typist: one search after the pause
        asked[kind] += 1
        if expected in titles[:TOP]:
            found[kind] += 1
        else:
            misses.append((query, expected, kind, titles[:TOP]))
    return misses, found, asked


def report(misses, found: Counter, asked: Counter) -> str:
    lines = [f"Sökfrågor med rätt sida bland de {TOP} första: {sum(found.values())} av {sum(asked.values())} "
             f"({100 * sum(found.values()) / sum(asked.values()):.0f} %)"]
    for kind in asked:
        lines.append(f"  {kind}: {found[kind]} av {asked[kind]}")
    for query, expected, kind, first in misses:
        lines.append(f"  missade ”{query}” ({kind}): väntade ”{expected}”, fick {first}")
    return "\n".join(lines)


def main(site: Path) -> int:
    from playwright.sync_api import sync_playwright

    from conftest import CHROMIUM_ARGS
    from nginx_support import Nginx

    with tempfile.TemporaryDirectory() as work:
        server = Nginx(site, Path(work))
        try:
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(
                    executable_path=shutil.which("chromium") or shutil.which("chromium-browser"), args=CHROMIUM_ARGS)
                page = browser.new_page(locale="sv-SE")
                page.set_default_timeout(15_000)
                print(report(*measure(page, server.url)))
                browser.close()
        finally:
            server.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1] if len(sys.argv) > 1 else "site")))

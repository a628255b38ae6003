"""How long a visitor on a phone waits for search, and what it downloads.

Serves a built site with nginx and the operators' guide's configuration (compression as
published), opens the start page in Debian's headless Chromium slowed down
as Lighthouse's mobile preset slows it (CPU 4×, 150 ms round trips, 1.6 Mbit/s
down), taps the search box and types a query as a visitor does (a key every
120 ms). Reports the seconds from the last key to the first result on screen,
and the bytes on the wire: the search engine itself (Pagefind's script,
worker, WebAssembly and page list, fetched once when the box is tapped and
kept by the browser) and what the query fetched (index and filter chunks, the
results' fragments).

    python tests/bench/search_ready.py SITE_DIR [QUERY ...]
"""

from __future__ import annotations

import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from nginx_support import Nginx  # noqa: E402

PHONE_SLOWDOWN = 4
# Lighthouse's mobile throttling ("slow 4G"): 150 ms, 1.6 Mbit/s down, 750 kbit/s up.
NETWORK = {"offline": False, "latency": 150, "downloadThroughput": 1_600_000 / 8, "uploadThroughput": 750_000 / 8}
# Words on pages of both the example site and the generated corpus: a query
# on no page is answered "Inga träffar" at once, which measures nothing.
QUERIES = ("samordnad individuell plan", "nordost", "skolfrånvaro", "informationsöverföring", "barnkonventionen")
ENGINE = ("pagefind.js", "pagefind-worker.js", ".pf_meta", "wasm.", "pagefind-entry.json")


def chromium() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser")


def wire_bytes(request) -> int:
    """Bytes as sent (compressed), headers included."""
    sizes = request.sizes()
    return sizes["responseBodySize"] + sizes["responseHeadersSize"]


def search_on_a_phone(site: Path, queries: tuple[str, ...] = QUERIES) -> dict:
    """{"seconds": [per query], "engine_kb": ..., "query_kb": [per query]}."""
    from playwright.sync_api import sync_playwright

    work = Path(tempfile.mkdtemp(prefix="sok-nginx-"))
    server = Nginx(site, work)
    seconds, query_kb, engine_kb, engine_seconds = [], [], [], []
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=chromium(), args=["--no-sandbox", "--disable-gpu"])
            for query in queries:
                # A new visitor each time: nothing cached.
                context = browser.new_context(viewport={"width": 390, "height": 844}, locale="sv-SE")
                page = context.new_page()
                cdp = context.new_cdp_session(page)
                cdp.send("Network.enable")
                cdp.send("Network.emulateNetworkConditions", NETWORK)
                cdp.send("Emulation.setCPUThrottlingRate", {"rate": PHONE_SLOWDOWN})
                page.goto(server.url, wait_until="networkidle")
                # Also what Pagefind's worker fetches: Playwright reports it on the page.
                fetched: dict[str, int] = {}
                context.on("requestfinished", lambda r: fetched.__setitem__(r.url, wire_bytes(r)))
                tapped = time.perf_counter()
                page.locator("label.md-header__button[for=__search]").click()
                # The engine loads while the visitor reads the box and starts typing.
                page.wait_for_load_state("networkidle")
                engine_seconds.append(time.perf_counter() - tapped)
                box = page.locator("[data-sv-sok-fraga]")
                box.press_sequentially(query, delay=120)
                start = time.perf_counter()
                page.locator(".md-search-result__item, .sv-sok-inga").first.wait_for(timeout=120_000)
                seconds.append(time.perf_counter() - start)
                if not page.locator(".md-search-result__item").count():
                    raise SystemExit(f"”{query}” finns inte på någon sida av {site}: välj en annan fråga i QUERIES.")
                page.wait_for_load_state("networkidle")
                fetched = {url: size for url, size in fetched.items() if "/pagefind/" in url}
                engine = sum(size for url, size in fetched.items() if any(part in url for part in ENGINE))
                engine_kb.append(engine / 1000)
                query_kb.append((sum(fetched.values()) - engine) / 1000)
                context.close()
            browser.close()
    finally:
        server.stop()
        shutil.rmtree(work, ignore_errors=True)
    return {"seconds": seconds, "engine_kb": max(engine_kb), "query_kb": query_kb, "queries": list(queries),
            "engine_seconds": statistics.median(engine_seconds)}


def search_ready_seconds(site: Path) -> float:
    """The median wait over the queries (for the benchmark table)."""
    return statistics.median(search_on_a_phone(site)["seconds"])


if __name__ == "__main__":
    site_dir = Path(sys.argv[1])
    words = tuple(sys.argv[2:]) or QUERIES
    found = search_on_a_phone(site_dir, words)
    for query, wait, kb in zip(found["queries"], found["seconds"], found["query_kb"]):
        print(f"{query}: första träffen {wait:.2f} s efter sista tangenten, frågan hämtade {kb:.0f} kB")
    print(f"sökmotorn (hämtas en gång när sökrutan öppnas): {found['engine_kb']:.0f} kB på {found['engine_seconds']:.1f} s")

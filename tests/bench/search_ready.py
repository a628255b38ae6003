"""How long a visitor on a phone waits before search answers.

Material's search loads `search/search_index.json` in a web worker and builds
a lunr index from it before the first result can show. This serves a built
site on 127.0.0.1, opens the start page in Debian's headless Chromium with the
CPU slowed down (DevTools' throttling, 4× is its "mid-tier mobile"), types a
query at once and times until the first result is on screen.

    python tests/bench/search_ready.py SITE_DIR [QUERY]
"""

from __future__ import annotations

import functools
import shutil
import sys
import threading
import time
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

PHONE_SLOWDOWN = 4


class QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


def chromium() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser")


def search_ready_seconds(site: Path, query: str = "samverkan", slowdown: int = PHONE_SLOWDOWN) -> float:
    from playwright.sync_api import sync_playwright

    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(QuietHandler, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=chromium(), args=["--no-sandbox", "--disable-gpu"])
            page = browser.new_page(viewport={"width": 390, "height": 844})
            cdp = page.context.new_cdp_session(page)
            cdp.send("Emulation.setCPUThrottlingRate", {"rate": slowdown})
            start = time.perf_counter()
            page.goto(f"http://127.0.0.1:{server.server_port}/", wait_until="domcontentloaded")
            # A query typed before the worker has built its index is not
            # searched again, so wait for the worker to say it is ready (the
            # result line leaves its "initialising" text), then type.
            page.wait_for_function(
                "() => { const m = document.querySelector('.md-search-result__meta');"
                " return m && m.dataset.initial !== undefined ? m.textContent.trim() !== m.dataset.initial"
                " : (m && (m.dataset.initial = m.textContent.trim()), false); }",
                timeout=120_000,
                polling=50,
            )
            # "s" opens search as a visitor's tap on the magnifier does; at
            # phone width the results only show in that opened overlay.
            page.keyboard.press("s")
            page.keyboard.type(query)
            page.locator(".md-search-result__item").first.wait_for(timeout=120_000)
            elapsed = time.perf_counter() - start
            browser.close()
            return elapsed
    finally:
        server.shutdown()


if __name__ == "__main__":
    site_dir = Path(sys.argv[1])
    word = sys.argv[2] if len(sys.argv) > 2 else "samverkan"
    print(f"{search_ready_seconds(site_dir, word):.1f} s")

"""Screenshots of each kind of page at desktop and phone width, for looking at.

    make screenshots            # builds the site, writes PNGs to site-screenshots/
"""

from __future__ import annotations

import functools
import shutil
import sys
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from playwright.sync_api import sync_playwright

PAGES = {
    "start": "",
    "grupp": "grupper/nordost/",
    "minnesanteckningar": "minnesanteckningar/nordost/2026-03-17/",
    "kalender": "kalender/",
    "mote": "kalender/handelser/nordost-2026-01-20/",
    "verktyg": "verktygslada/sip/",
    "register": "overenskommelser/",
    "nyhet": "aktuellt/2018/06/05/nosam-tar-nasta-steg-i-samverkansarbetet/",
    "404": "404.html",
}
SIZES = {"dator": (1280, 900), "mobil": (390, 844)}


def main(site: Path, out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    handler = functools.partial(SimpleHTTPRequestHandler, directory=str(site))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_port}/"
    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=shutil.which("chromium"),
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run"],
        )
        for size_name, (width, height) in SIZES.items():
            page = browser.new_page(viewport={"width": width, "height": height}, locale="sv-SE")
            for name, path in PAGES.items():
                page.goto(base + path, wait_until="networkidle")
                page.screenshot(path=str(out / f"{name}-{size_name}.png"), full_page=False)
            page.close()
        browser.close()
    server.shutdown()
    print(f"Skärmbilder i {out}/")


if __name__ == "__main__":
    main(Path(sys.argv[1] if len(sys.argv) > 1 else "site"), Path(sys.argv[2] if len(sys.argv) > 2 else "site-screenshots"))

"""Lighthouse (npm lighthouse, package-lock.json) on the site as published.

Builds the site with its address set to where it is served, serves it with
nginx and the operators' guide's configuration, and runs Lighthouse's mobile preset
(its default: a mid-range phone, slow 4G, CPU 4× slower) with Debian's
Chromium on the start page and a group, calendar, minutes and toolbox page.
Prints the four scores per page and what kept any below its target; with
--readme, writes the table between the lighthouse markers of docs/utveckling/prestanda.md.

    python tests/tools/lighthouse.py [--readme docs/utveckling/prestanda.md]

Exit code 1 if a page misses a target: performance 95, accessibility, best
practices and SEO 100.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from nginx_support import Nginx  # noqa: E402

REPO = Path(__file__).resolve().parents[2]
PAGES = dict(p.split("=", 1) for p in os.environ["SAMVERKAN_LIGHTHOUSE_SIDOR"].split(",")) if os.environ.get("SAMVERKAN_LIGHTHOUSE_SIDOR") else {
    "Start": "",
    "Grupp": "grupper/nordost/",
    "Kalender": "kalender/",
    "Minnesanteckningar": "minnesanteckningar/nordost/2026-11-17/",
    "Verktygslådan": "verktygslada/sip/",
}
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
NAMES = {"performance": "Prestanda", "accessibility": "Tillgänglighet", "best-practices": "Bästa praxis", "seo": "SEO"}
TARGETS = {"performance": 95, "accessibility": 100, "best-practices": 100, "seo": 100}
RUNS = int(os.environ.get("SAMVERKAN_LIGHTHOUSE_KORNINGAR", "5"))
CHROME_FLAGS = "--headless=new --no-sandbox --disable-gpu --disable-background-networking --disable-component-update --disable-sync --no-first-run"


def chromium() -> str:
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    if found is None:
        raise SystemExit("Chromium saknas: installera Debians paket chromium.")
    return found


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def build(site: Path, address: str) -> None:
    env = {**os.environ, "SAMVERKAN_ADRESS": address, "NO_MKDOCS_2_WARNING": "1"}
    proc = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(site)],
                          cwd=REPO, env=env, capture_output=True, text=True)
    if proc.returncode != 0:
        raise SystemExit(proc.stdout + proc.stderr)


def audit(url: str, report: Path) -> dict:
    binary = REPO / "node_modules" / ".bin" / "lighthouse"
    if not binary.exists():
        raise SystemExit("Lighthouse saknas: kör make node (npm ci).")
    proc = subprocess.run(
        [str(binary), url, "--quiet", "--output=json", f"--output-path={report}",
         f"--only-categories={','.join(CATEGORIES)}", f"--chrome-flags={CHROME_FLAGS}", "--locale=sv"],
        env={**os.environ, "CHROME_PATH": chromium()}, capture_output=True, text=True, timeout=300,
    )
    if proc.returncode != 0 or not report.exists():
        raise SystemExit(f"Lighthouse misslyckades på {url}:\n{proc.stderr[-2000:]}")
    return json.loads(report.read_text(encoding="utf-8"))


def shortfalls(result: dict) -> list[str]:
    """The audits that cost points, by category."""
    found = []
    for category in CATEGORIES:
        for ref in result["categories"][category]["auditRefs"]:
            audit_ = result["audits"][ref["id"]]
            if ref["weight"] > 0 and audit_.get("score") is not None and audit_["score"] < 1:
                found.append(f"{category}: {ref['id']} ({audit_['score']:.2f}) {audit_.get('displayValue', '')}".rstrip())
                for item in (audit_.get("details") or {}).get("items", [])[:3]:
                    node = item.get("node") or {}
                    what = node.get("snippet") or item.get("url") or item.get("text") or ""
                    if what:
                        found.append(f"        {str(what)[:160]}")
    return found


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--readme", type=Path)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="lighthouse-"))
    rows, missed = [], []
    load = os.getloadavg()[0]
    try:
        port = free_port()
        site = work / "site"
        build(site, f"http://127.0.0.1:{port}/")
        server = Nginx(site, work / "nginx", port=port)
        try:
            for name, path in PAGES.items():
                # Performance varies from run to run on a shared machine: the
                # median of RUNS runs (Lighthouse's own advice), with the spread.
                runs = [audit(server.url + path, work / f"{name}-{i}.json") for i in range(RUNS)]
                runs.sort(key=lambda r: r["categories"]["performance"]["score"] or 0)
                result = runs[len(runs) // 2]
                scores = {c: round(100 * (result["categories"][c]["score"] or 0)) for c in CATEGORIES}
                spread = [round(100 * (r["categories"]["performance"]["score"] or 0)) for r in runs]
                rows.append((name, path, scores, result["audits"]["largest-contentful-paint"]["displayValue"],
                             result["audits"]["total-blocking-time"]["displayValue"], f"{spread[0]}–{spread[-1]}"))
                low = [c for c in CATEGORIES if scores[c] < TARGETS[c]]
                print(f"{name} (/{path}): " + ", ".join(f"{NAMES[c]} {scores[c]}" for c in CATEGORIES), flush=True)
                for line in shortfalls(result):
                    print(f"    {line}")
                if low:
                    missed.append(name)
        finally:
            server.stop()
    finally:
        shutil.rmtree(work, ignore_errors=True)
    table = [
        "| Sida | " + " | ".join(NAMES[c] for c in CATEGORIES) + " | Prestanda, spridning | LCP | TBT |",
        "|---|" + "---:|" * (len(CATEGORIES) + 3),
        *(f"| {name} (`/{path}`) | " + " | ".join(str(s[c]) for c in CATEGORIES) + f" | {spread} | {lcp} | {tbt} |"
          for name, path, s, lcp, tbt, spread in rows),
        "",
        f"Lighthouse 12.2.3, mobil förinställning (långsamt 4G, processorn 4× långsammare), Debians Chromium, "
        f"webbplatsen serverad av nginx med konfigurationen ovan; medianen av {RUNS} körningar per sida "
        f"(efter prestanda), belastning {load:.1f} före; {datetime.date.today().isoformat()}.",
    ]
    print("\n".join(table))
    if args.readme:
        text = args.readme.read_text(encoding="utf-8")
        start, end = "[//]: # (lighthouse:start)", "[//]: # (lighthouse:end)"
        block = start + "\n\n" + "\n".join(table) + "\n\n" + end
        text = re.sub(re.escape(start) + ".*?" + re.escape(end), lambda _: block, text, flags=re.S)
        args.readme.write_text(text, encoding="utf-8")
    if missed:
        raise SystemExit(f"Under målen: {', '.join(missed)}")


if __name__ == "__main__":
    main()

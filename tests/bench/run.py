"""`make bench`: build corpora of 1,000, 5,000 and 10,000 minutes and print what it costs.

For each size: the wall time of the whole build, the time spent in our hooks
(measured inside the build), peak memory, the search index and feed sizes, and
the ratio to a plain mkdocs-material build of the same pages: the Markdown our
hooks generate, written out as ordinary pages with the same theme and
plugins, built in the same run. Then the time from saving one minutes file
to its rebuilt page under `mkdocs serve`.

Builds alternate, ours and plain, at least three rounds; the table gives the
median with the spread (fastest–slowest) of each, and the machine's load.
The preview (`mkdocs serve --dirty` with our hooks) is timed per kind of file,
and a random sequence of edits is checked against fresh builds.

    python tests/bench/run.py [--sizes 1000 5000 10000] [--serve 1000 10000] [--readme docs/utveckling/prestanda.md]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import platform
import re
import shutil
import subprocess
import sys
import threading
import time
from datetime import date
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
sys.path.insert(0, str(REPO / "hooks"))
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))

from corpus import TODAY, generate  # noqa: E402
from samverkan.generate import open_data  # noqa: E402
from samverkan.generate.data_catalogue import Publisher, catalogue_files  # noqa: E402
from samverkan.generate.links import template_helpers  # noqa: E402
from samverkan.generate.news_feed import minutes_feeds  # noqa: E402
from search_ready import PHONE_SLOWDOWN, QUERIES, chromium, search_on_a_phone  # noqa: E402
from preview_support import Editor, Preview, differences, environment, fresh_build  # noqa: E402
from samverkan.safety.attachments import ScanCache  # noqa: E402
from samverkan.content.load import load_content  # noqa: E402
from samverkan.generate import macros  # noqa: E402
from samverkan.generate.calendar_pages import feed_files  # noqa: E402
from samverkan.generate.navigation import navigation  # noqa: E402
from samverkan.generate.accessibility import statement_page  # noqa: E402
from samverkan.generate.search_answers import search_page  # noqa: E402
from samverkan.content.loaders.accessibility import load_test_run  # noqa: E402
from samverkan.generate.pages import abbreviations, site_assets, site_pages  # noqa: E402

WORK = Path(os.environ.get("SAMVERKAN_BENCH_DIR", "/tmp/samverkan-bench"))
ENV = {**os.environ, "SAMVERKAN_IDAG": TODAY.isoformat(), "NO_MKDOCS_2_WARNING": "1", "PYTHONDONTWRITEBYTECODE": "1",
       "SAMVERKAN_ADRESS": "https://samverkanstorget.example.se/"}


def timed_build(project: Path, site: Path, profile: Path | None = None) -> dict:
    """One `mkdocs build --strict` in a child process: wall time and peak memory."""
    env = dict(ENV)
    if profile is not None:
        env["SAMVERKAN_PROFIL"] = str(profile)
    start = time.perf_counter()
    log = (site.parent / f"{site.name}.log").open("w+b")
    proc = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "--site-dir", str(site)],
        cwd=project, env=env, stdout=log, stderr=subprocess.STDOUT,
    )
    peak = TreeMemory(proc.pid)
    status = proc.wait()
    wall = time.perf_counter() - start
    peak.stop()
    log.seek(0)
    output = log.read().decode("utf-8", "replace")
    log.close()
    if status != 0:
        raise SystemExit(f"Bygget i {project} misslyckades:\n{output}")
    return {"wall": wall, "peak_mb": peak.peak / 1024 / 1024}


class TreeMemory:
    """The peak of the resident memory of a process and all its descendants
    together (the forked renderer, Pagefind), sampled every 50 ms from /proc.
    `ru_maxrss` counts one process only."""

    def __init__(self, pid: int) -> None:
        self.pid, self.peak = pid, 0
        self._done = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)
        self._thread.start()

    def stop(self) -> None:
        self._done.set()
        self._thread.join()

    def _sample(self) -> None:
        page = os.sysconf("SC_PAGE_SIZE")
        while not self._done.wait(0.05):
            total = 0
            for pid in self._tree(self.pid):
                try:
                    with open(f"/proc/{pid}/statm") as handle:
                        total += int(handle.read().split()[1]) * page
                except (OSError, ValueError, IndexError):
                    pass
            self.peak = max(self.peak, total)

    @staticmethod
    def _tree(root: int) -> list[int]:
        found, queue = [], [root]
        while queue:
            pid = queue.pop()
            found.append(pid)
            try:
                for task in os.listdir(f"/proc/{pid}/task"):
                    with open(f"/proc/{pid}/task/{task}/children") as handle:
                        queue.extend(int(child) for child in handle.read().split())
            except (OSError, ValueError):
                pass
        return found


def export_plain(project: Path, plain: Path) -> None:
    """The same pages as ordinary Markdown files in a plain mkdocs-material project."""
    if plain.exists():
        shutil.rmtree(plain)
    content = load_content(project, TODAY).raise_for_problems()
    site_url = "https://samverkanstorget.example.se/"
    pages = site_pages(content, site_url)
    generated = {p.uri for p in pages}
    docs = plain / "docs"
    shutil.copytree(project / "docs", docs, ignore=shutil.ignore_patterns("grupper", "dokument", "overenskommelser", "*.yml"))
    written = []
    for path in sorted(docs.rglob("*.md")):
        uri = path.relative_to(docs).as_posix()
        text = path.read_text(encoding="utf-8")
        if "render_macros: true" in text:
            text = macros.expand(text.replace("render_macros: true\n", ""), content, uri)
        path.write_text(f"{text}\n\n{abbreviations(content, text)}\n", encoding="utf-8")
        if not uri.startswith("aktuellt/posts/"):
            written.append(uri)
    # The pages the build adds beside them: the search page, the accessibility statement.
    pages = (*pages, search_page(content), statement_page(content, [], load_test_run(project), "samverkanstorget@example.se"))
    for page in pages:
        target = docs / page.uri
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(f"{page.markdown}\n\n{abbreviations(content, page.markdown)}\n", encoding="utf-8")
    for feed in feed_files(content, site_url):
        (docs / feed.uri).parent.mkdir(parents=True, exist_ok=True)
        (docs / feed.uri).write_bytes(feed.data)
    for asset in site_assets(content):
        shutil.copy2(project / asset.source, docs / asset.uri)
    (docs / "rss.xml").write_text("<rss version='2.0'><channel/></rss>\n", encoding="utf-8")
    # The open data and the minutes' feeds, and the editor's page the group pages link to.
    sets = open_data.datasets(content, site_url, {}, lambda post: post.uri)
    publisher = Publisher("Vårdsamverkan Göteborgsområdet", "samverkanstorget@example.se", open_data.CC0)
    (docs / open_data.DATA_PAGE).parent.mkdir(parents=True, exist_ok=True)
    (docs / open_data.DATA_PAGE).write_text(open_data.open_data_page(
        sets, site_url, publisher.licence, publisher.email, template_helpers(content)), encoding="utf-8")
    made = {**open_data.data_files(sets, site_url, publisher.licence), **catalogue_files(sets, site_url, publisher),
            **minutes_feeds(content, site_url)}
    for uri, data in made.items():
        (docs / uri).parent.mkdir(parents=True, exist_ok=True)
        (docs / uri).write_bytes(data)
    (docs / "redaktor").mkdir(exist_ok=True)
    (docs / "redaktor" / "index.html").write_text("<!doctype html><title>Redigera</title>\n", encoding="utf-8")
    config_text = (project / "mkdocs.yml").read_text(encoding="utf-8")
    config_text = re.sub(r"\nhooks:\n  - hooks/samverkan_hooks.py\n", "\n", config_text)
    # Plain mkdocs-material with the theme features the site uses (navigation
    # pruning included: it alone takes Material to 0.7 of its time), its own
    # templates and its own search (our theme overrides are features of ours:
    # the sidebar rendered once per folder, the Pagefind search box).
    config_text = config_text.replace("  custom_dir: hooks/overrides\n", "")
    config_text = config_text.replace("plugins:\n", "plugins:\n  - search:\n      lang: sv\n", 1)
    config_text = re.sub(r"\n# The search box[^\n]*\nextra_javascript:\n(  .*\n)+", "\n", config_text)
    config_text = re.sub(r"\nwatch:\n(  - .*\n)+", "\n", config_text)
    nav = yaml.safe_dump({"nav": navigation(content, [u for u in written if u not in generated])}, allow_unicode=True)
    (plain / "mkdocs.yml").write_text(config_text + "\n" + nav, encoding="utf-8")


def sizes_of(site: Path) -> dict:
    feeds = list(site.rglob("*.ics"))
    return {
        "pages": sum(1 for _ in site.rglob("index.html")),
        "all_ics_kb": (site / "kalender" / "alla.ics").stat().st_size / 1000,
        # The archive feed of every meeting (alla.ics holds the last year and ahead).
        "archive_ics_kb": (site / "kalender" / "arkiv.ics").stat().st_size / 1000
        if (site / "kalender" / "arkiv.ics").exists() else 0.0,
        "ics_files": len(feeds),
        "ics_total_kb": sum(f.stat().st_size for f in feeds) / 1000,
    }


# One edit per kind of content file, as an editor saves it: (kind, file pattern, edit).
PREVIEW_EDITS = (
    ("Minnesanteckningar", "minnesanteckningar/*/*.md", "sammanfattning"),
    ("Kalender", "kalender/*.yml", "titel"),
    ("Grupp", "docs/grupper/*.md", "text"),
    ("Verktyg", "verktygslada/*.md", "sammanfattning"),
    ("Överenskommelse", "docs/overenskommelser/*.md", "text"),
    ("Nyhet", "docs/aktuellt/posts/*.md", "text"),
    ("Egen sida", "docs/om/personuppgifter.md", "text"),
    ("Ordlista", "docs/om/ordlista.yml", "ordlista"),
    # A mistake saved and then corrected (the list of errors on every page
    # appears and goes). In minutes, the file edited most; a group's file with
    # an error drops the group from the menu, which every page shows (docs/utveckling/prestanda.md).
    ("Fel och rättelse", "minnesanteckningar/*/*.md", "fel"),
)


def _save(path: Path, how: str, n: int) -> None:
    text = path.read_text(encoding="utf-8")
    if how == "ordlista":
        text += f"BENCH{n}: Förkortning i mätningen\n"
    elif how == "fel":  # a misspelt field (a problem with "did you mean"), then the right one again
        text = (text.replace("\nsammanfatning:", "\nsammanfattning:", 1) if "\nsammanfatning:" in text
                else text.replace("\nsammanfattning:", "\nsammanfatning:", 1))
    elif how == "text":
        text += f"\nMätning {n}.\n"
    else:
        text = re.sub(rf"^(\s*){how}: .*$", rf"\1{how}: Ändrad i mätningen {n}", text, count=1, flags=re.M)
    path.write_text(text, encoding="utf-8")


def preview_times(project: Path, steps: int, saves: int = 3) -> dict:
    """Seconds from saving a file to the end of the preview's rebuild, per kind
    (median of three saves), and a random sequence of edits compared file by
    file with a fresh build after each step."""
    env = environment(TODAY.isoformat())
    preview = Preview(project, env)
    times: dict[str, float] = {}
    slowest: dict[str, float] = {}
    try:
        for kind, pattern, how in PREVIEW_EDITS:
            paths = sorted(project.glob(pattern))
            if not paths:
                continue
            samples = []
            # An error is made and corrected in the same file, so it ends as it began.
            for n in range(2 * saves if how == "fel" else saves):
                before = preview.builds()
                _save(paths[0 if how == "fel" else n % len(paths)], how, n)
                samples.append(preview.settle(before))
            times[kind] = statistics.median(samples)
            slowest[kind] = max(samples)
        editor, stale = Editor(project, 7), 0
        for step in range(steps):
            before = preview.builds()
            editor.step()
            preview.settle(before)
            fresh = WORK / f"fresh-{project.name}-{step}"
            fresh_build(project, fresh, preview.url, env)
            stale += len(differences(preview.site, fresh))
            shutil.rmtree(fresh)
        for path, original in editor.broken:
            path.write_text(original, encoding="utf-8")
    finally:
        preview.stop()
    return {"preview": times, "preview_slowest": slowest, "random_steps": steps, "random_stale": stale}


def guard_seconds(project: Path) -> dict:
    """What the untrusted-content guard costs: the whole load with and without
    it (bodies, identity numbers, attachments), attachments cold and cached."""
    import samverkan.content.load as content_module
    import samverkan.content.loaders.minutes as minutes_module

    def load() -> float:
        start = time.perf_counter()
        load_content(project, TODAY, workers=1)
        return time.perf_counter() - start

    shutil.rmtree(project / ".cache", ignore_errors=True)
    cold = load()
    warm = statistics.median(load() for _ in range(3))
    saved = (content_module.check_body, minutes_module.check_body, content_module.check_text, minutes_module.check_text,
             content_module.guard_attachments)
    try:
        content_module.check_body = minutes_module.check_body = lambda *args: []
        content_module.check_text = minutes_module.check_text = lambda *args: []
        content_module.guard_attachments = lambda *args: ([], [], {}, {})
        without = statistics.median(load() for _ in range(3))
    finally:
        (content_module.check_body, minutes_module.check_body, content_module.check_text, minutes_module.check_text,
         content_module.guard_attachments) = saved
    attachments = len(ScanCache(project).entries)
    return {"guard_cold": cold - without, "guard_warm": warm - without, "guard_attachments": attachments,
            "load_without_guard": without}


SIZES_MEASURED: list[int] = []


def preview_row(project: Path, size: int) -> dict:
    # Three saves per kind at every size (their median is reported); the
    # random edits, each compared with a fresh build, once at 10 000.
    return preview_times(project, steps=6 if size <= 1000 else 1, saves=3)


def measure(size: int, serve: bool, rounds: int) -> dict:
    project = WORK / f"korpus-{size}"
    counts = generate(project, size)
    plain_dir = WORK / f"plain-{size}"
    start = time.perf_counter()
    export_plain(project, plain_dir)
    export = time.perf_counter() - start
    # One build of each is at the mercy of whatever else the machine does;
    # alternate the order each round and report the median and the spread.
    ours_runs, plain_runs, loads = [], [], []
    for round_ in range(rounds):
        order = ["ours", "plain"] if round_ % 2 == 0 else ["plain", "ours"]
        loads.append(os.getloadavg()[0])
        for which in order:
            if which == "ours":
                profile = WORK / f"profil-{size}-{round_}.json"
                run = timed_build(project, WORK / f"site-{size}", profile)
                profiled = json.loads(profile.read_text(encoding="utf-8"))
                run["hooks"] = sum(profiled["seconds"].values())
                run["last_gate"] = sum(profiled.get("last_gate", {}).values())
                run["open_data"] = profiled["seconds"].get("open_data", 0.0)
                ours_runs.append(run)
            else:
                plain_runs.append(timed_build(plain_dir, WORK / f"plain-site-{size}"))
    walls = [run["wall"] for run in ours_runs]
    plain_walls = [run["wall"] for run in plain_runs]
    row = {
        "size": size, **counts, "wall": statistics.median(walls), "wall_min": min(walls), "wall_max": max(walls),
        "hooks": statistics.median(run["hooks"] for run in ours_runs),
        "last_gate": statistics.median(run["last_gate"] for run in ours_runs),
        "open_data": statistics.median(run["open_data"] for run in ours_runs),
        "peak_mb": max(run["peak_mb"] for run in ours_runs), "plain_wall": statistics.median(plain_walls),
        "plain_min": min(plain_walls), "plain_max": max(plain_walls),
        "plain_peak_mb": max(run["peak_mb"] for run in plain_runs),
        "ratios": [o / p for o, p in zip(walls, plain_walls)], "export": export, "load": max(loads),
        "walls": [round(w, 1) for w in walls], "plain_walls": [round(w, 1) for w in plain_walls],
        **sizes_of(WORK / f"site-{size}"),
    }
    row["hooks_share"] = row["hooks"] / row["wall"]
    row["ratio"] = row["wall"] / row["plain_wall"]
    if chromium():
        row["search"] = search_on_a_phone(WORK / f"site-{size}")
    if serve:
        row.update(preview_row(project, size))
    if size == 10000 or size == max(SIZES_MEASURED):
        row.update(guard_seconds(project))
    return row


def check_time(size: int) -> float:
    """`make check` on the corpus: validating everything without building."""
    project = WORK / f"korpus-{size}"
    start = time.perf_counter()
    proc = subprocess.run([sys.executable, "-m", "samverkan", "check", str(project)],
                          env={**ENV, "PYTHONPATH": str(REPO / "hooks")}, capture_output=True, text=True)
    if proc.returncode != 0:
        raise SystemExit(proc.stdout + proc.stderr)
    return time.perf_counter() - start


def n(value: float) -> str:  # Swedish thousands: 10 000
    return f"{value:,.0f}".replace(",", "\u00a0")


def table(rows: list[dict]) -> str:
    # One column per corpus size, one row per measure: nineteen measures side
    # by side were a table no page (or paper) could show.
    measures: list[tuple[str, list[str]]] = []

    def measure(label: str, value) -> None:
        measures.append((label, [value(r) for r in rows]))

    def searched(r: dict, what) -> str:
        found = r.get("search")
        return what(found) if found else "–"

    measure("Händelser", lambda r: n(r["events"]))
    measure("Sidor", lambda r: n(r["pages"]))
    measure("Bygge, median (s)", lambda r: f"{r['wall']:.1f}")
    measure("spridning", lambda r: f"{r['wall_min']:.1f}–{r['wall_max']:.1f}")
    measure("Varav våra hooks (s)", lambda r: f"{r['hooks']:.1f}")
    measure("Vanlig mkdocs-material, median (s)", lambda r: f"{r['plain_wall']:.1f}")
    measure("spridning", lambda r: f"{r['plain_min']:.1f}–{r['plain_max']:.1f}")
    measure("Kvot (medianer)", lambda r: f"{r['ratio']:.2f}")
    measure("kvot per omgång", lambda r: f"{min(r['ratios']):.2f}–{max(r['ratios']):.2f}")
    measure("Toppminne, alla processer (MB)", lambda r: n(r["peak_mb"]))
    measure("Toppminne, vanlig (MB)", lambda r: n(r["plain_peak_mb"]))
    measure("Sök: motorn (kB)", lambda r: searched(r, lambda f: f"{f['engine_kb']:.0f}"))
    measure("Sök: per fråga (kB)", lambda r: searched(
        r, lambda f: f"{statistics.median(f['query_kb']):.0f} (högst {max(f['query_kb']):.0f})"))
    measure("Sök: första träffen (s)", lambda r: searched(
        r, lambda f: f"{statistics.median(f['seconds']):.2f} (högst {max(f['seconds']):.2f})"))
    measure("alla.ics (kB)", lambda r: n(r["all_ics_kb"]))
    measure("arkiv.ics (kB)", lambda r: n(r.get("archive_ics_kb", 0)))
    measure("make check (s)", lambda r: f"{r['check']:.1f}" if "check" in r else "–")
    measure("Belastning", lambda r: f"{r['load']:.2f}")
    head = [
        "| Minnesanteckningar | " + " | ".join(n(r["minutes"]) for r in rows) + " |",
        "|---|" + "---:|" * len(rows),
        *(f"| {label} | " + " | ".join(values) + " |" for label, values in measures),
    ]
    head += preview_table(rows)
    for r in rows:
        if "guard_cold" in r:
            head += ["", f"Spärren mot osäkert innehåll vid {n(r['minutes'])} minnesanteckningar och "
                     f"{r['guard_attachments']} bilagor (PDF, Word, Excel, PowerPoint, JPEG, PNG; varje del läst "
                     f"och en rensad kopia gjord): {r['guard_cold']:.1f} s första gången, "
                     f"{r['guard_warm']:.1f} s när bilagorna redan är lästa och kopiorna gjorda (cache, som mellan "
                     f"förhandsvisningens byggen), av en inläsning som utan spärren tar "
                     f"{r['load_without_guard']:.1f} s (en kärna). Den sista spärren över det byggda "
                     f"(varje sida, flöde och sökindexet läst innan bytet): {r['last_gate']:.1f} s av bygget "
                     f"({r['last_gate'] / r['wall']:.0%}); spärren i allt: "
                     f"{(r['guard_warm'] + r['last_gate']) / r['wall']:.0%} av ett bygge med varm cache."]
        if "open_data" in r:
            head += ["", f"Öppna data vid {n(r['minutes'])} minnesanteckningar (åtta datamängder som JSON, JSON Schema "
                     f"och CSV, katalogen och flödena med minnesanteckningar, gjorda en gång per bygge): "
                     f"{r['open_data']:.1f} s av bygget ({r['open_data'] / r['wall']:.0%})."]
    return "\n".join(head)


def preview_table(rows: list[dict]) -> list[str]:
    previews = [r for r in rows if "preview" in r]
    if not previews:
        return []
    kinds = list(previews[0]["preview"])
    head = ["", "Förhandsvisning (`make serve`): sekunder från att en fil sparas tills sidorna den påverkar är "
            "byggda om: median av tre sparningar, inom parentes den långsammaste (fel och rättelse: "
            "tre fel och tre rättelser i samma fil).", "",
            "| Storlek | " + " | ".join(kinds) + " | Slumpade ändringar mot nytt bygge |",
            "|---:|" + "---:|" * (len(kinds) + 1)]
    for r in previews:
        head.append(f"| {n(r['minutes'])} | "
                    + " | ".join(f"{r['preview'][k]:.1f} ({r['preview_slowest'][k]:.1f})" for k in kinds)
                    + f" | {r['random_steps']} steg, {r['random_stale']} avvikande filer |")
    return head


def example_site() -> str:
    """The repository's own content: what visitors load today."""
    site = WORK / "site-exempel"
    timed_build(REPO, site)
    line = "Exempelwebbplatsen"
    if chromium():
        found = search_on_a_phone(site)
        line += (f": sökmotorn {found['engine_kb']:.0f} kB första gången, en fråga "
                 f"{statistics.median(found['query_kb']):.0f} kB, första träffen "
                 f"{statistics.median(found['seconds']):.2f} s efter sista tangenten på mobil")
    return line + "."


def n_kb(size: int) -> str:
    return f"{size / 1000:,.0f}".replace(",", "\u00a0")


def machine() -> str:
    cpu = "okänd processor"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    return (f"{cpu}, {os.cpu_count()} kärnor, {memory:.0f} GiB minne, Python {platform.python_version()}, "
            f"{platform.system()} {platform.release()}; mätt {date.today().isoformat()}")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 5000, 10000])
    parser.add_argument("--serve", type=int, nargs="*", default=[1000, 10000])
    parser.add_argument("--readme", type=Path)
    parser.add_argument("--rounds", type=int, default=3, help="builds of each kind per size (at least 3)")
    parser.add_argument("--preview-only", action="store_true", help="only the preview, at the --serve sizes")
    args = parser.parse_args()
    WORK.mkdir(parents=True, exist_ok=True)
    if args.preview_only:
        rows = []
        for size in args.serve:
            project = WORK / f"korpus-{size}"
            rows.append({"minutes": size, **generate(project, size), **preview_row(project, size)})
            print(f"{size}: {json.dumps(rows[-1])}", file=sys.stderr, flush=True)
        print("\n".join([*preview_table(rows), "", f"Maskin: {machine()}."]))
        return
    rows = []
    SIZES_MEASURED.extend(args.sizes)
    for size in args.sizes:
        row = measure(size, size in args.serve, args.rounds)
        row["check"] = check_time(size)
        rows.append(row)
        print(f"{size}: {json.dumps(row)}", file=sys.stderr, flush=True)
    result = (table(rows) + f"\n\n{example_site()}\n\nMaskin: {machine()}. Bygge och vanlig mkdocs-material: "
              f"median och spridning av {args.rounds} växelvisa byggen vardera; belastning: högsta 1-minutsmedel "
              f"före en omgång; toppminne: högsta. Sök: webbplatsen serverad av nginx med "
              f"driftguidens konfiguration, Chromium med processorn {PHONE_SLOWDOWN} gånger långsammare och "
              f"Lighthouses mobilnät (150 ms, 1,6 Mbit/s); en ny besökare per fråga trycker på sökrutan "
              f"(då hämtas motorn: Pagefinds skript, WebAssembly och sidlista) och skriver en av "
              f"{len(QUERIES)} frågor med en tangent var 120:e ms; per fråga: komprimerade byte som frågan "
              f"hämtade (indexdelar och träffarnas texter) och tiden från sista tangenten till första träffen.\n")
    print(result)
    if args.readme:
        text = args.readme.read_text(encoding="utf-8")
        start, end = "[//]: # (bench:start)", "[//]: # (bench:end)"
        block = f"{start}\n\n{result.strip()}\n\n{end}"
        text = re.sub(re.escape(start) + ".*?" + re.escape(end), lambda _: block, text, flags=re.S)
        args.readme.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()

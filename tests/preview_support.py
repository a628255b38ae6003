"""A running `mkdocs serve --dirty` preview, random edits of every kind of
content file, and the comparison of the preview's output with a fresh build.
Used by tests/test_preview.py (a short sequence) and `make bench` (a long one)."""

from __future__ import annotations

import filecmp
import gzip
import json
import os
import random
import re
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

TOOLS = Path(__file__).resolve().parent / "tools"
# Output that differs between any two builds and is named here: the gzip copy
# of the sitemap carries its time of writing in its header.
VOLATILE = {"sitemap.xml.gz"}


def same_output(name: str, a: Path, b: Path) -> bool:
    """Whether two builds wrote the same `name`, byte for byte. Pagefind writes
    each filter's values in hash-map order, different in every run: its filter
    files are compared by what they hold (same_filters), and the files that
    name them by hash (pagefind-entry.json, pagefind.sv_*.pf_meta) are left
    out. Its index chunks and fragments (every page's text, filters and
    title) are compared byte by byte like any output."""
    if name in _PER_RUN:
        # The web editor's local backend: its port and secret are made anew by every run.
        return _PER_RUN_VALUES.sub("…", a.read_text(encoding="utf-8")) == _PER_RUN_VALUES.sub("…", b.read_text(encoding="utf-8"))
    return filecmp.cmp(a, b, shallow=False)


_PER_RUN = {"redaktor/config.yml", "redaktor/index.html"}
_PER_RUN_VALUES = re.compile(r"http://127\.0\.0\.1:\d+(?:/api/v1\?nyckel=[\w-]+)?")


def output_names(site: Path) -> set[str]:
    """Every output file, those named by hash in Pagefind's bundle by their folder and a number."""
    names = {p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file() and p.name not in VOLATILE}
    hashed = sorted(n for n in names if n.startswith("pagefind/filter/"))
    names -= {*hashed, "pagefind/pagefind-entry.json"}
    names -= {n for n in names if n.startswith("pagefind/pagefind.sv_")}
    return names | {f"pagefind/filter/#{i}" for i in range(len(hashed))}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Preview:
    """`mkdocs serve --dirty` on a repository folder, with its output folder found."""

    def __init__(self, root: Path, env: dict) -> None:
        self.root = root
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}/"
        self.tmp = root.parent / f"serve-tmp-{self.port}"
        self.tmp.mkdir()
        self.log: list[str] = []
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", "--dirty", "--dev-addr", f"127.0.0.1:{self.port}"],
            cwd=root, env={**env, "TMPDIR": str(self.tmp)}, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
        )
        threading.Thread(target=self._read, daemon=True).start()
        if not self.wait_built(1, timeout=1800):
            raise RuntimeError("mkdocs serve did not build:\n" + "".join(self.log[-50:]))

    def _read(self) -> None:
        for line in self.proc.stdout:
            self.log.append(line)

    def builds(self) -> int:
        # MkDocs drops a repeated "Documentation built in 1.25 seconds" (its
        # DuplicateFilter); the server's own lines carry a time and always show.
        ends = ("Serving on", "Reloading browsers", "An error happened during the rebuild")
        return sum(1 for line in list(self.log) if any(end in line for end in ends))

    def wait_built(self, count: int, timeout: float = 600) -> bool:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.builds() >= count:
                return True
            if self.proc.poll() is not None:
                return False
            time.sleep(0.05)
        return False

    def settle(self, before: int, timeout: float = 600) -> float:
        """Seconds until the rebuild after a save has finished; then waits until
        no other rebuild runs (a save can reach the watcher as two events)."""
        start = time.monotonic()
        if not self.wait_built(before + 1, timeout):
            raise RuntimeError("no rebuild after the edit:\n" + "".join(self.log[-40:]))
        done = time.monotonic() - start
        quiet_since = time.monotonic()
        while time.monotonic() - quiet_since < 0.8:
            started = sum(1 for line in list(self.log) if "Building documentation" in line)
            if started > self.builds():
                self.wait_built(started, timeout)
                quiet_since = time.monotonic()
            time.sleep(0.05)
        # The search index follows the pages (written after the browsers reload).
        deadline = time.monotonic() + timeout
        while self.indexed() < self.successful_builds() and time.monotonic() < deadline:
            time.sleep(0.05)
        return done

    def successful_builds(self) -> int:
        return sum(1 for line in list(self.log) if "Reloading browsers" in line or "Serving on" in line)

    def indexed(self) -> int:
        # An index that a newer rebuild replaces is given up ("görs om").
        return sum(1 for line in list(self.log) if "Sökindexet är uppdaterat" in line or "Sökindexet görs om" in line)

    @property
    def site(self) -> Path:
        (site,) = [p for p in self.tmp.iterdir() if p.name.startswith("mkdocs_")]
        return site

    def stop(self) -> str:
        self.proc.terminate()
        try:
            self.proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.proc.kill()
        return "".join(self.log)


def fresh_build(root: Path, site: Path, url: str, env: dict) -> None:
    proc = subprocess.run([sys.executable, str(TOOLS / "fresh_preview.py"), str(site), url],
                          cwd=root, env=env, capture_output=True, text=True, timeout=1800)
    if proc.returncode != 0:
        raise RuntimeError(proc.stdout + proc.stderr)


def differences(served: Path, fresh: Path) -> list[str]:
    """Every file that is missing, extra or different in the preview."""
    have, want = output_names(served), output_names(fresh)
    found = [f"saknas: {name}" for name in sorted(want - have)] + [f"gammal: {name}" for name in sorted(have - want)]
    found += [f"skiljer: {name}" for name in sorted(want & have)
              if "#" not in name and not same_output(name, served / name, fresh / name)]
    if not same_filters(served, fresh):
        found.append("skiljer: pagefind/filter/")
    if found:
        found += _searched_pages_differing(served, fresh)
    return found


def _searched_pages_differing(served: Path, fresh: Path) -> list[str]:
    """Which pages' searchable text differs, to say more than a hash name."""
    def held(site: Path) -> dict[str, str]:
        pages = {}
        for fragment in (site / "pagefind" / "fragment").glob("*"):
            data = json.loads(gzip.decompress(fragment.read_bytes())[len(b"pagefind_dcd"):])
            pages[data["url"]] = json.dumps(data, ensure_ascii=False, sort_keys=True)
        return pages

    have, want = held(served), held(fresh)
    return [f"sökindex: {url}: {have.get(url, '–')[:300]} ≠ {want.get(url, '–')[:300]}"
            for url in sorted(set(have) | set(want)) if have.get(url) != want.get(url)]


def same_filters(a: Path, b: Path) -> bool:
    """Pagefind's filter files of two sites hold the same (see same_output)."""
    def held(site: Path) -> list[list[int]]:
        return sorted(sorted(gzip.decompress(f.read_bytes())) for f in (site / "pagefind" / "filter").glob("*"))

    return held(a) == held(b)


class Editor:
    """Random edits of every kind of content file, as an editor makes them."""

    def __init__(self, root: Path, seed: int) -> None:
        self.root = root
        self.rng = random.Random(seed)
        self.broken: list[tuple[Path, str]] = []
        self.counter = 0

    def files(self, pattern: str) -> list[Path]:
        return sorted(p for p in self.root.glob(pattern) if p.is_file())

    def pick(self, pattern: str) -> Path:
        return self.rng.choice(self.files(pattern))

    def step(self) -> str:
        self.counter += 1
        kinds = [self.change_minutes, self.add_minutes, self.delete_minutes, self.rename_minutes, self.change_event,
                 self.add_event, self.change_group, self.rename_group, self.change_tool, self.change_agreement,
                 self.change_news, self.add_news, self.change_page, self.retitle_page, self.change_glossary, self.break_file]
        if (self.root / ".git").is_dir():
            kinds += [self.commit] * 2
        if self.broken:
            kinds += [self.fix_file] * 4
        return self.rng.choice(kinds)()

    def _edit(self, path: Path, pattern: str, replacement: str) -> None:
        text = path.read_text(encoding="utf-8")
        new = re.sub(pattern, replacement, text, count=1, flags=re.M)
        path.write_text(new if new != text else text + f"\n{replacement}\n", encoding="utf-8")

    def _append(self, pattern: str, text: str, verb: str) -> str:
        path = self.pick(pattern)
        with path.open("a", encoding="utf-8") as handle:
            handle.write(text)
        return f"{verb} {path.relative_to(self.root)}"

    def change_minutes(self) -> str:
        path = self.pick("minnesanteckningar/*/*.md")
        self._edit(path, r"^sammanfattning: .*$", f"sammanfattning: Ändrad sammanfattning {self.counter}.")
        with path.open("a", encoding="utf-8") as handle:
            handle.write(f"\nTillägg {self.counter} om skolfrånvaro.\n")
        return f"ändrar {path.relative_to(self.root)}"

    def add_minutes(self) -> str:
        path = self.root / f"minnesanteckningar/nordost/2025-0{self.rng.randint(1, 9)}-{self.rng.randint(10, 28)}.md"
        if path.exists():
            return self.change_minutes()
        path.write_text(f"---\nsammanfattning: Nytt möte {self.counter}.\nbeslut:\n  - Beslut {self.counter}.\n---\n\nText.\n", encoding="utf-8")
        return f"lägger till {path.relative_to(self.root)}"

    def delete_minutes(self) -> str:
        path = self.pick("minnesanteckningar/*/*.md")
        if re.search(r"fil: ", path.read_text(encoding="utf-8")):
            return self.change_minutes()
        path.unlink()
        return f"tar bort {path.relative_to(self.root)}"

    def rename_minutes(self) -> str:
        path = self.pick("minnesanteckningar/*/*.md")
        target = path.with_name(f"{path.stem[:10]}-flyttad{self.counter}.md")
        path.rename(target)
        return f"byter namn på {path.relative_to(self.root)}"

    def change_event(self) -> str:
        path = self.pick("kalender/*.yml")
        self._edit(path, r"^(\s*)titel: .*$", rf"\1titel: Ändrat möte {self.counter}")
        return f"ändrar {path.relative_to(self.root)}"

    def add_event(self) -> str:
        path = self.root / f"kalender/prov-{self.counter}.yml"
        path.write_text(f"grupp: nordost\ntitel: Extra möte {self.counter}\ndatum: 2026-12-{self.rng.randint(10, 28)}\n"
                        f'tid: "13:00-15:00"\nplats: Rum {self.counter}\n', encoding="utf-8")
        return f"lägger till {path.relative_to(self.root)}"

    def change_group(self) -> str:
        return self._append("docs/grupper/*.md", f"\nNy text {self.counter} om samverkan.\n", "ändrar texten i")

    def rename_group(self) -> str:
        path = self.pick("docs/grupper/*.md")
        self._edit(path, r"^namn: (.*?)( \d+)?$", rf"namn: \1 {self.counter}")
        return f"byter namn i {path.relative_to(self.root)}"

    def change_tool(self) -> str:
        path = self.pick("verktygslada/*.md")
        self._edit(path, r"^sammanfattning: .*$", f"sammanfattning: Nytt verktyg {self.counter}.")
        return f"ändrar {path.relative_to(self.root)}"

    def change_agreement(self) -> str:
        return self._append("docs/overenskommelser/*.md", f"\nÄndring {self.counter} av överenskommelsen.\n", "ändrar")

    def change_news(self) -> str:
        return self._append("docs/aktuellt/posts/*.md", f"\nUppdatering {self.counter}.\n", "ändrar")

    def add_news(self) -> str:
        path = self.root / f"docs/aktuellt/posts/2026-11-{10 + self.counter % 18}-nyhet-{self.counter}.md"
        path.write_text(f"---\ndate: 2026-11-{10 + self.counter % 18}\ncategories:\n  - NOSAM\n---\n\n"
                        f"# Nyhet nummer {self.counter}\n\nIngress.\n\n<!-- more -->\n\nMer text.\n", encoding="utf-8")
        return f"lägger till {path.relative_to(self.root)}"

    def change_page(self) -> str:
        return self._append("docs/om/*.md", f"\nStycke {self.counter}.\n", "ändrar")

    def retitle_page(self) -> str:
        path = self.pick("docs/om/*.md")
        self._edit(path, r"^# (.*?)( \d+)?$", rf"# \1 {self.counter}")
        return f"byter rubrik i {path.relative_to(self.root)}"

    def change_glossary(self) -> str:
        path = self.root / "docs/om/ordlista.yml"
        with path.open("a", encoding="utf-8") as handle:
            handle.write(f"  - förkortning: PROV{self.counter}\n    förklaring: Provförkortning nummer {self.counter}\n")
        return "lägger till en förkortning i ordlistan"

    def break_file(self) -> str:
        path = self.pick(self.rng.choice(["docs/grupper/*.md", "minnesanteckningar/*/*.md", "kalender/*.yml", "verktygslada/*.md"]))
        original = path.read_text(encoding="utf-8")
        self.broken.append((path, original))
        if path.suffix == ".yml":
            path.write_text(original.replace("datum:", "datum: 2026-02-30\nfelstavat:", 1), encoding="utf-8")
        else:
            path.write_text(original.replace("---\n", "---\nmötestyp: fel\nokänt_fält: x\n", 1), encoding="utf-8")
        return f"förstör {path.relative_to(self.root)}"

    def commit(self) -> str:
        """What an editor's git client does: commit everything. Only history
        changes (dates, the feeds' LAST-MODIFIED and SEQUENCE)."""
        git = ["git", "-c", "user.name=Redaktör", "-c", "user.email=redaktor@example.se"]
        subprocess.run([*git, "add", "-A"], cwd=self.root, check=True, capture_output=True)
        subprocess.run([*git, "commit", "-q", "--allow-empty", "-m", f"Ändring {self.counter}"],
                       cwd=self.root, check=True, capture_output=True)
        return "gör en commit"

    def fix_file(self) -> str:
        path, original = self.broken.pop(self.rng.randrange(len(self.broken)))
        path.write_text(original, encoding="utf-8")
        return f"rättar {path.relative_to(self.root)}"


def environment(today: str) -> dict:
    return {**os.environ, "SAMVERKAN_IDAG": today, "NO_MKDOCS_2_WARNING": "1", "PYTHONDONTWRITEBYTECODE": "1"}

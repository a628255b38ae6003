"""Shared fixtures: a copy of the repository to build, and the example site built once."""

from __future__ import annotations

import gzip
import json

import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
CONTENT = ("docs", "minnesanteckningar", "kalender", "verktygslada", "hooks", "mkdocs.yml", ".github")
TODAY = "2026-11-24"
SITE_ADDRESS = "https://samverkanstorget.example.se/"


@dataclass
class BuildResult:
    returncode: int
    output: str
    site: Path

    def page(self, url_path: str) -> str:
        path = self.site / url_path.strip("/") / "index.html" if not url_path.endswith(".html") else self.site / url_path
        return path.read_text(encoding="utf-8")


class SiteCopy:
    """A throw-away copy of the repository's content, to change and build."""

    def __init__(self, root: Path) -> None:
        self.root = root
        for name in CONTENT:
            src = REPO / name
            if src.is_dir():
                shutil.copytree(src, root / name, ignore=shutil.ignore_patterns("__pycache__"))
            elif src.exists():
                shutil.copy2(src, root / name)

    def write(self, rel: str, text: str) -> Path:
        path = self.root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        return path

    def remove(self, rel: str) -> None:
        (self.root / rel).unlink()

    def build(self, *args: str, site: Path | None = None, env: dict | None = None, strict: bool = True) -> BuildResult:
        site = site or self.root / "site"
        # As published (the workflows set the address); tests of the address set their own.
        run_env = {**os.environ, "SAMVERKAN_IDAG": TODAY, "NO_MKDOCS_2_WARNING": "1",
                   "SAMVERKAN_ADRESS": SITE_ADDRESS, **(env or {})}
        proc = subprocess.run(
            [sys.executable, "-m", "mkdocs", "build", *(["--strict"] if strict else []), "--site-dir", str(site), *args],
            cwd=self.root,
            env=run_env,
            capture_output=True,
            text=True,
            timeout=300,
        )
        return BuildResult(proc.returncode, proc.stdout + proc.stderr, site)


def git_clone_of_example(root: Path) -> SiteCopy:
    """The example site as an editor's clone has it: a git repository with one
    commit (the calendar's identities and the dates of changes come from it)."""
    copy = SiteCopy(root)
    (copy.root / "node_modules").symlink_to(REPO / "node_modules")
    git = ["git", "-c", "user.name=Redaktör", "-c", "user.email=redaktor@example.se", "-C", str(copy.root)]
    subprocess.run([*git, "init", "-q"], check=True)
    subprocess.run([*git, "add", "-A"], check=True)
    subprocess.run([*git, "commit", "-qm", "Exempelwebbplatsen"], check=True)
    return copy


def samverkan_command(*args: str, cwd: Path = REPO, env: dict | None = None) -> subprocess.CompletedProcess:
    """`python -m samverkan ARGS` as the Makefile runs it: the package of the
    repository it runs in (a copy's own hooks/), Swedish output captured."""
    run_env = {**(os.environ if env is None else env), "PYTHONPATH": str(Path(cwd) / "hooks")}
    return subprocess.run([sys.executable, "-m", "samverkan", *args], cwd=cwd, env=run_env,
                          capture_output=True, text=True, timeout=300)


@pytest.fixture
def site_copy(tmp_path: Path) -> SiteCopy:
    return SiteCopy(tmp_path / "repo")


@pytest.fixture(scope="session")
def example_site(tmp_path_factory: pytest.TempPathFactory) -> BuildResult:
    """The repository's own example content, built once with real MkDocs."""
    copy = SiteCopy(tmp_path_factory.mktemp("example") / "repo")
    result = copy.build()
    assert result.returncode == 0, result.output
    return result


# Debian's Chromium, as the machine's closed network needs it: no background
# connections, no first-run or component downloads.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]


@pytest.fixture(scope="session")
def browser():
    """One Chromium for the session: Playwright's sync API allows one driver per process."""
    playwright_api = pytest.importorskip("playwright.sync_api")
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium is None:
        if os.environ.get("CI"):
            raise RuntimeError("Chromium saknas: installera Debians paket chromium (make test gör det).")
        pytest.skip("Chromium is not installed (apt-get install chromium)")
    with playwright_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS, headless=True)
        yield browser
        browser.close()


def search_fragments(site: Path) -> list[dict]:
    """What the site's search index (Pagefind) holds for each page: its
    address, text, title, filters, read back from the index's fragments."""
    found = []
    for fragment in sorted((site / "pagefind" / "fragment").glob("*.pf_fragment")):
        data = gzip.decompress(fragment.read_bytes())
        assert data.startswith(b"pagefind_dcd"), fragment
        found.append(json.loads(data[len(b"pagefind_dcd"):]))
    return found


def every_output_text(site: Path) -> str:
    """Every file of a built site as text, compressed ones unpacked: what a
    test greps for something that must never be published."""
    texts = []
    for path in sorted(site.rglob("*")):
        if path.is_file():
            data = path.read_bytes()
            if data[:2] == b"\x1f\x8b":
                data = gzip.decompress(data)
            texts.append(data.decode("utf-8", "replace"))
    return "\n".join(texts)


def search_urls(site: Path) -> set[str]:
    return {fragment["url"] for fragment in search_fragments(site)}

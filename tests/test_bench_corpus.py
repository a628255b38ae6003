"""The benchmark's corpus and its plain twin: valid, deterministic, and the same pages.

The ratio `make bench` reports is only honest if the corpus is content editors
could have written and the plain mkdocs-material project builds the same pages.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from conftest import REPO, TODAY

sys.path.insert(0, str(REPO / "tests" / "bench"))

from corpus import generate  # noqa: E402
from run import export_plain  # noqa: E402
from samverkan.content.load import load_content  # noqa: E402


def tree_digest(root: Path) -> dict[str, str]:
    return {
        path.relative_to(root).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(root.rglob("*"))
        if path.is_file() and "__pycache__" not in path.parts
    }


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("korpus") / "korpus"
    generate(root, 60)
    return root


def test_corpus_is_deterministic(corpus, tmp_path):
    again = tmp_path / "igen"
    generate(again, 60)
    assert tree_digest(again) == tree_digest(corpus)


def test_corpus_is_valid_content_of_every_kind(corpus):
    loaded = load_content(corpus, date.fromisoformat(TODAY))
    assert loaded.problems == ()
    content = loaded.content
    assert len([m for m in content.minutes if m.source.path.startswith("minnesanteckningar/")]) >= 60
    assert any(m.decisions for m in content.minutes)
    assert any(m.actions for m in content.minutes)
    assert any(m.attachments for m in content.minutes)
    assert any(e.recurrence for e in content.events)
    assert any(e.cancelled for e in content.events)
    assert any(not e.recurrence and not e.cancelled for e in content.events)
    assert content.tools and content.agreements


def html_pages(site: Path) -> set[str]:
    # The web editor's page (/redaktor/) is no page of the site to compare.
    return {p.relative_to(site).as_posix() for p in site.rglob("*.html") if not p.relative_to(site).as_posix().startswith("redaktor/")}


def test_plain_twin_builds_the_same_pages(corpus, tmp_path):
    plain = tmp_path / "plain"
    export_plain(corpus, plain)
    env = {**os.environ, "SAMVERKAN_IDAG": TODAY, "NO_MKDOCS_2_WARNING": "1"}
    sites = {}
    for name, project in (("ours", corpus), ("plain", plain)):
        site = tmp_path / f"site-{name}"
        proc = subprocess.run(
            [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site)],
            cwd=project, env=env, capture_output=True, text=True, timeout=300,
        )
        assert proc.returncode == 0, proc.stderr[-3000:]
        sites[name] = html_pages(site)
    assert "hooks/samverkan_hooks.py" not in (plain / "mkdocs.yml").read_text(encoding="utf-8")
    assert len(sites["ours"]) > 100
    assert sites["ours"] == sites["plain"]


def test_parsing_on_several_processes_gives_the_same_content(corpus, monkeypatch):
    from samverkan.content.loaders import common

    today = date.fromisoformat(TODAY)
    serial = load_content(corpus, today, workers=1)
    monkeypatch.setattr(common, "PARALLEL_FROM", 1)  # the corpus is small; make it go parallel anyway
    parallel = load_content(corpus, today, workers=2)
    assert parallel.problems == serial.problems
    assert parallel.content.minutes == serial.content.minutes
    assert [m.source.lines for m in parallel.content.minutes] == [m.source.lines for m in serial.content.minutes]


def test_parsing_on_several_processes_reports_the_same_problems(corpus, tmp_path, monkeypatch):
    import shutil

    from samverkan.content.loaders import common

    broken = tmp_path / "trasig"
    shutil.copytree(corpus, broken)
    first = sorted((broken / "minnesanteckningar").glob("*/*.md"))[0]
    first.write_text(first.read_text(encoding="utf-8").replace("plats:", "platts:", 1), encoding="utf-8")
    today = date.fromisoformat(TODAY)
    serial = load_content(broken, today, workers=1)
    monkeypatch.setattr(common, "PARALLEL_FROM", 1)
    parallel = load_content(broken, today, workers=2)
    assert serial.problems
    assert parallel.problems == serial.problems

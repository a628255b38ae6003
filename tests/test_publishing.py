"""Publishing: valid pipelines, atomic output, byte-identical rebuilds, the link report."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from conftest import REPO, SiteCopy


@pytest.mark.parametrize(
    "schema, path",
    [("vendor.github-workflows", ".github/workflows/publicera.yml"), ("vendor.gitlab-ci", ".gitlab-ci.yml")],
)
def test_pipelines_are_valid_for_their_hosts(schema: str, path: str):
    result = subprocess.run(
        [sys.executable, "-m", "check_jsonschema", "--builtin-schema", schema, str(REPO / path)],
        capture_output=True, text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_pipelines_build_strictly_with_full_history():
    github = (REPO / ".github" / "workflows" / "publicera.yml").read_text(encoding="utf-8")
    assert "fetch-depth: 0" in github and "make site" in github and "make test" in github and "cron:" in github
    gitlab = (REPO / ".gitlab-ci.yml").read_text(encoding="utf-8")
    assert 'GIT_DEPTH: "0"' in gitlab and "make site" in gitlab


def snapshot(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


def test_a_failed_build_leaves_the_previous_site_unchanged(site_copy: SiteCopy):
    good = site_copy.build()
    assert good.returncode == 0, good.output
    before = snapshot(good.site)
    assert not (good.site.parent / "site.ny").exists()
    # A failure after MkDocs has started writing: a broken link fails --strict late.
    site_copy.write("docs/om/trasig.md", "# Trasig\n\n[Länk](finns-inte.md)\n")
    late = site_copy.build()
    assert late.returncode != 0 and "finns-inte.md" in late.output
    assert snapshot(good.site) == before
    assert not (good.site.parent / "site.ny").exists()
    # A content error stops before anything is written.
    site_copy.remove("docs/om/trasig.md")
    site_copy.write("docs/grupper/centrum.md", "---\nnamn: X\ntyp: fel\n---\n")
    early = site_copy.build()
    assert early.returncode != 0
    assert snapshot(good.site) == before


def test_two_builds_of_the_same_content_are_byte_identical(site_copy: SiteCopy):
    env = {"SOURCE_DATE_EPOCH": "1764000000"}
    first = site_copy.build(site=site_copy.root / "a", env=env)
    second = site_copy.build(site=site_copy.root / "b", env=env)
    assert first.returncode == 0 and second.returncode == 0
    a, b = snapshot(first.site), snapshot(second.site)
    assert a.keys() == b.keys()
    different = [name for name in a if a[name] != b[name]]
    assert different == []
    for name in ("sitemap.xml", "search/search_index.json", "kalender/alla.ics", "aktuellt/rss.xml"):
        assert name in a


def test_external_link_report(example_site):
    result = subprocess.run(
        [sys.executable, str(REPO / "hooks" / "link_report.py"), str(example_site.site)],
        capture_output=True, text=True,
    )
    assert result.returncode == 0, result.stderr
    assert "https://www.socialstyrelsen.se/" in result.stdout
    assert "verktygslada/sip/" in result.stdout
    assert "127.0.0.1" not in result.stdout

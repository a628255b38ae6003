"""Publishing: valid pipelines, atomic output, byte-identical rebuilds, the link report."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import REPO, SiteCopy, samverkan_command
from preview_support import output_names, same_filters, same_output


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
    # Byte for byte, but for what Pagefind writes in hash-map order (named in preview_support).
    assert output_names(first.site) == output_names(second.site)
    different = [name for name in output_names(first.site)
                 if "#" not in name and not same_output(name, first.site / name, second.site / name)]
    assert different == []
    assert same_filters(first.site, second.site)
    for name in ("sitemap.xml", "pagefind/pagefind.js", "kalender/alla.ics", "rss.xml"):
        assert name in output_names(first.site)
    assert len(list((first.site / "pagefind" / "fragment").iterdir())) > 50


def test_external_link_report(example_site):
    result = samverkan_command("lankar", str(example_site.site))
    assert result.returncode == 0, result.stderr
    assert "https://www.socialstyrelsen.se/" in result.stdout
    assert "verktygslada/sip/" in result.stdout
    assert "127.0.0.1" not in result.stdout


def test_the_site_address_comes_from_the_environment_also_under_a_sub_path(site_copy):
    address = "https://org.github.io/samverkanstorget/"
    result = site_copy.build(env={"SAMVERKAN_ADRESS": address})
    assert result.returncode == 0, result.output
    site = result.site
    assert '<link rel="canonical" href="https://org.github.io/samverkanstorget/grupper/nordost/">' in result.page("grupper/nordost")
    assert "<loc>https://org.github.io/samverkanstorget/kalender/</loc>" in (site / "sitemap.xml").read_text(encoding="utf-8")
    assert "https://org.github.io/samverkanstorget/aktuellt/" in (site / "rss.xml").read_text(encoding="utf-8")
    feed = (site / "kalender" / "alla.ics").read_bytes().replace(b"\r\n ", b"").decode()
    assert "URL:https://org.github.io/samverkanstorget/kalender/handelser/" in feed
    subscribe = result.page("kalender/prenumerera")
    assert "webcal://org.github.io/samverkanstorget/kalender/alla.ics" in subscribe
    assert 'href="https://org.github.io/samverkanstorget/grupper/"' in (site / "404.html").read_text(encoding="utf-8")
    assert "samverkanstorget.example.se" not in "".join(p.read_text(encoding="utf-8", errors="replace") for p in site.rglob("*.html"))


def test_a_local_build_never_points_at_a_production_address(site_copy):
    env = {k: v for k, v in os.environ.items() if k != "SAMVERKAN_ADRESS"}
    proc = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site_copy.root / "lokal")],
        cwd=site_copy.root, env={**env, "SAMVERKAN_IDAG": "2026-11-24", "NO_MKDOCS_2_WARNING": "1"},
        capture_output=True, text=True, timeout=300,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    feed = (site_copy.root / "lokal" / "kalender" / "alla.ics").read_bytes().replace(b"\r\n ", b"").decode()
    assert "URL:http://127.0.0.1:8000/kalender/" in feed
    assert "samverkanstorget.example.se" not in feed

"""Two builds in one process, as under `mkdocs serve`: nothing leaks from the first."""

from __future__ import annotations

import logging

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort

from conftest import SiteCopy


def build_in_process(copy: SiteCopy, site_dir) -> None:
    """As `mkdocs build --strict` does it: startup, build, and our shutdown (which
    publishes the staged output). Other plugins' shutdown is left to the process."""
    config = load_config(str(copy.root / "mkdocs.yml"), site_dir=str(site_dir), strict=True)
    hooks = next(iter(config["hooks"].values()))
    hooks.on_startup(command="build", dirty=False)
    try:
        build(config)
    finally:
        hooks.on_shutdown()


def test_second_build_sees_only_its_own_content(site_copy: SiteCopy, tmp_path, monkeypatch):
    monkeypatch.setenv("SAMVERKAN_IDAG", "2026-11-24")
    monkeypatch.chdir(site_copy.root)
    logging.getLogger("mkdocs").setLevel(logging.WARNING)

    site_copy.write("docs/grupper/tillfallig.md", "---\nnamn: Tillfällig arbetsgrupp\ntyp: annan\n---\n")
    first = tmp_path / "first"
    build_in_process(site_copy, first)
    assert (first / "grupper" / "tillfallig" / "index.html").exists()
    assert "Tillfällig arbetsgrupp" in (first / "grupper" / "index.html").read_text(encoding="utf-8")

    site_copy.remove("docs/grupper/tillfallig.md")
    site_copy.write(
        "docs/grupper/ny.md", "---\nnamn: Ny arbetsgrupp\ntyp: annan\növerordnad: ledningsgrupp\n---\n"
    )
    second = tmp_path / "second"
    build_in_process(site_copy, second)
    index = (second / "grupper" / "index.html").read_text(encoding="utf-8")
    assert not (second / "grupper" / "tillfallig").exists()
    assert "Tillfällig arbetsgrupp" not in index
    assert "Ny arbetsgrupp" in index
    assert "Ny arbetsgrupp" in (second / "grupper" / "ledningsgrupp" / "index.html").read_text(encoding="utf-8")

    # A failing third build raises a clean error, and a fourth good one works again.
    site_copy.write("docs/grupper/ny.md", "---\nnamn: Ny\ntyp: okand\n---\n")
    with pytest.raises(Abort):
        build_in_process(site_copy, tmp_path / "third")
    site_copy.remove("docs/grupper/ny.md")
    build_in_process(site_copy, tmp_path / "fourth")
    assert "Ny arbetsgrupp" not in (tmp_path / "fourth" / "grupper" / "index.html").read_text(encoding="utf-8")

"""`mkdocs serve` keeps running on invalid content, shows the errors, and recovers."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request

import pytest

from conftest import SiteCopy


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except OSError:
        return None


def wait_for(condition, timeout: float = 60.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(0.3)
    return None


@pytest.fixture
def server(site_copy: SiteCopy):
    port = free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}"],
        cwd=site_copy.root,
        env={**os.environ, "SAMVERKAN_IDAG": "2026-11-24", "NO_MKDOCS_2_WARNING": "1"},
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        yield site_copy, f"http://127.0.0.1:{port}/"
    finally:
        proc.terminate()
        try:
            output = proc.communicate(timeout=20)[0]
        except subprocess.TimeoutExpired:
            proc.kill()
            output = proc.communicate()[0]
        assert "Traceback" not in output, output


def test_serve_shows_errors_and_recovers(server):
    copy, url = server
    good = wait_for(lambda: fetch(url))
    assert good is not None, "mkdocs serve did not start"
    assert "Innehållet har" not in good

    copy.write("docs/grupper/centrum.md", "---\nnamn: NOSAM Centrum\ntyp: nosm\n---\nText.\n")
    start = wait_for(lambda: (lambda html: html if html and "Innehållet har" in html else None)(fetch(url)))
    assert start is not None, "the error never showed"
    assert "Innehållet har 1 fel" in start
    # On the affected page too.
    assert "Menade du ”nosam”?" in (fetch(url + "grupper/centrum/") or "")
    assert "docs/grupper/centrum.md, rad 3, fältet ”typ”" in start
    assert "Menade du ”nosam”?" in start
    # The rest of the site is still there to preview.
    assert "NOSAM Nordost" in (fetch(url + "grupper/nordost/") or "")

    copy.write("docs/grupper/centrum.md", "---\nnamn: NOSAM Centrum\ntyp: nosam\n---\nText.\n")
    fixed = wait_for(lambda: (lambda html: html if html and "Innehållet har" not in html else None)(fetch(url)))
    assert fixed is not None, "the error did not go away after the fix"
    assert "NOSAM Centrum" in (fetch(url + "grupper/centrum/") or "")


def test_serve_holds_back_unsafe_pages_and_keeps_running(server):
    copy, url = server
    assert wait_for(lambda: fetch(url)) is not None, "mkdocs serve did not start"
    body = "Text.\n\n<script>alert('hej')</script>\n"
    copy.write("docs/grupper/centrum.md", "---\nnamn: NOSAM Centrum\ntyp: nosam\n---\n" + body)
    copy.write("docs/om/prov.md", "# Prov\n\n<iframe src=\"https://example.com/film\"></iframe>\n")
    shown = wait_for(lambda: (lambda html: html if html and "Innehållet har 2 fel" in html else None)(fetch(url)))
    assert shown is not None, "the errors never showed"
    assert "docs/grupper/centrum.md, rad 7: skript, stilmallar och SVG kan inte skrivas i texten" in shown
    group = fetch(url + "grupper/centrum/") or ""
    assert "Sidan visas inte" in group and "<script>alert" not in group
    page = fetch(url + "om/prov/") or ""
    assert "Sidan visas inte" in page and "<iframe" not in page
    assert "NOSAM Nordost" in (fetch(url + "grupper/nordost/") or "")  # the rest is still there

    copy.write("docs/grupper/centrum.md", "---\nnamn: NOSAM Centrum\ntyp: nosam\n---\nText utan skript.\n")
    copy.write("docs/om/prov.md", "# Prov\n\n[Se filmen](https://example.com/film)\n")
    fixed = wait_for(lambda: (lambda html: html if html and "Text utan skript" in html else None)(fetch(url + "grupper/centrum/")))
    assert fixed is not None and "Innehållet har" not in fixed

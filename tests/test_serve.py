"""`mkdocs serve` keeps running on invalid content, shows the errors, and recovers."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.parse
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


def problems_shown(url: str) -> str | None:
    """The list of content errors every page of the preview fetches and shows
    (overrides/main.html, javascripts/byggfel.js); checked in a browser by
    test_a_preview_page_shows_the_errors_in_a_browser."""
    page = fetch(url)
    if page is None or 'class="sv-byggfel-plats" data-byggfel="' not in page:
        return None
    problems = fetch(urllib.parse.urljoin(url, "/byggfel.json"))
    return None if problems is None else json.loads(problems)["html"]


def test_serve_shows_errors_and_recovers(server):
    copy, url = server
    good = wait_for(lambda: fetch(url))
    assert good is not None, "mkdocs serve did not start"
    assert problems_shown(url) == ""

    copy.write("docs/grupper/centrum.md", "---\nnamn: NOSAM Centrum\ntyp: nosm\n---\nText.\n")
    start = wait_for(lambda: (lambda html: html if html and "Innehållet har" in html else None)(problems_shown(url)))
    assert start is not None, "the error never showed"
    assert "Innehållet har 1 fel" in start
    assert "docs/grupper/centrum.md, rad 3, fältet ”typ”" in start
    assert "Menade du ”nosam”?" in start
    # On the affected page too.
    assert "Menade du ”nosam”?" in (problems_shown(url + "grupper/centrum/") or "")
    # The rest of the site is still there to preview.
    assert "NOSAM Nordost" in (fetch(url + "grupper/nordost/") or "")

    copy.write("docs/grupper/centrum.md", "---\nnamn: NOSAM Centrum\ntyp: nosam\n---\nText.\n")
    fixed = wait_for(lambda: (lambda html: html == "")(problems_shown(url)))
    assert fixed, "the error did not go away after the fix"
    assert "NOSAM Centrum" in (fetch(url + "grupper/centrum/") or "")


def test_serve_holds_back_unsafe_pages_and_keeps_running(server):
    copy, url = server
    assert wait_for(lambda: fetch(url)) is not None, "mkdocs serve did not start"
    body = "Text.\n\n<script>alert('hej')</script>\n"
    copy.write("docs/grupper/centrum.md", "---\nnamn: NOSAM Centrum\ntyp: nosam\n---\n" + body)
    copy.write("docs/om/prov.md", "# Prov\n\n<iframe src=\"https://example.com/film\"></iframe>\n")
    shown = wait_for(lambda: (lambda html: html if html and "Innehållet har 2 fel" in html else None)(problems_shown(url)))
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
    assert fixed is not None and wait_for(lambda: problems_shown(url) == "")


def test_a_preview_page_shows_the_errors_in_a_browser(server, browser):
    copy, url = server
    assert wait_for(lambda: fetch(url)) is not None, "mkdocs serve did not start"
    copy.write("docs/grupper/centrum.md", "---\nnamn: NOSAM Centrum\ntyp: nosm\n---\nText.\n")
    assert wait_for(lambda: "Innehållet har 1 fel" in (problems_shown(url) or "")), "the error never showed"
    page = browser.new_page()
    try:
        page.goto(url + "grupper/nordost/")
        alert = page.locator(".sv-byggfel-plats [role=alert]")
        alert.wait_for(timeout=20_000)
        assert "Innehållet har 1 fel" in alert.inner_text()
        assert "Menade du ”nosam”?" in alert.inner_text()
        # Above the page's own heading, where an editor looks first.
        assert page.evaluate("""() => document.querySelector('.sv-byggfel-plats').compareDocumentPosition(
            document.querySelector('article h1')) & Node.DOCUMENT_POSITION_FOLLOWING""")
    finally:
        page.close()

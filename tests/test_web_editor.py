"""The web editor at /redaktor/ (issue 20): Decap CMS with its local backend under `mkdocs serve`.

A real Chromium fills in the form for new minutes the way an editor would;
the file written to disk must be what the content model expects, pass
`make check`, and show in the preview with its decision in the group's log.
Every request of the browser must go to 127.0.0.1.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from conftest import REPO, TODAY, SiteCopy, samverkan_command
from preview_support import Preview, free_port
SHOTS = Path(os.environ.get("SAMVERKAN_SKARMBILDER", REPO / "site-screenshots"))


@pytest.fixture
def served_copy(tmp_path: Path):
    assert (REPO / "node_modules" / "decap-cms" / "dist" / "decap-cms.js").is_file(), "kör make test (npm ci)"
    copy = SiteCopy(tmp_path / "repo")
    (copy.root / "node_modules").symlink_to(REPO / "node_modules")
    # A clone, as an editor's is: identities come from its history.
    git = ["git", "-c", "user.name=Redaktör", "-c", "user.email=redaktor@example.se", "-C", str(copy.root)]
    subprocess.run([*git, "init", "-q"], check=True)
    subprocess.run([*git, "add", "-A"], check=True)
    subprocess.run([*git, "commit", "-qm", "Exempelwebbplatsen"], check=True)
    port = free_port()
    env = {**os.environ, "SAMVERKAN_IDAG": TODAY, "NO_MKDOCS_2_WARNING": "1", "SAMVERKAN_REDAKTOR_PORT": str(port)}
    preview = Preview(copy.root, env)
    try:
        yield copy, preview, env
    finally:
        preview.stop()


def test_minutes_written_through_the_form_are_published_by_the_preview(served_copy, browser):
    copy, preview, env = served_copy
    target = copy.root / "minnesanteckningar" / "nordost" / "2026-11-03.md"
    calendar_file = copy.root / "kalender" / "nordost.yml"
    assert not target.exists()
    SHOTS.mkdir(parents=True, exist_ok=True)
    requests: list[str] = []
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="sv-SE")
    page = context.new_page()
    page.set_default_timeout(20_000)
    page.on("request", lambda request: requests.append(request.url))
    # The editor runs under its own security policy (no framing, the git host
    # and the local backend only): nothing it needs may be blocked.
    violations: list[str] = []
    page.on("console", lambda m: "Content Security Policy" in m.text and violations.append(m.text))
    try:
        page.goto(preview.url + "redaktor/")
        page.get_by_role("button", name="Logga in").click()
        page.get_by_text("Minnesanteckningar – NOSAM Nordost").first.wait_for()
        page.screenshot(path=str(SHOTS / "redaktor-samlingar.png"))
        page.goto(preview.url + "redaktor/#/collections/minnesanteckningar-nordost/new")
        page.locator("input[type=date]").first.fill("2026-11-03")
        page.get_by_label("Plats (frivillig)").fill("Rådhuset, rum 3")
        page.get_by_label("Titel (frivillig)").fill("Möte om samordnad individuell plan")
        page.get_by_role("button", name="Add närvarande").click()
        page.locator("input[id^='närvarande-field']").last.fill("Områdeschef, primärvården")
        page.get_by_role("button", name="Add närvarande").click()
        page.locator("input[id^='närvarande-field']").last.fill("Enhetschef, socialtjänsten")
        page.get_by_role("button", name="Add beslut").click()
        page.locator("input[id^='beslut-field']").last.fill("Gruppen antar rutinen för SIP-möten.")
        page.get_by_role("button", name="Add åtgärder").click()
        page.locator("input[id^='vad-field']").last.fill("Sprida rutinen till alla enheter")
        page.locator("input[id^='ansvarig-field']").last.fill("Processledaren")
        page.locator("input[type=date]").nth(1).fill("2027-04-30")
        page.locator("[id^='utkast-field']").click()  # publish, not a draft
        page.screenshot(path=str(SHOTS / "redaktor-minnesanteckningar.png"), full_page=True)
        page.get_by_role("button", name="Publicera").first.click()
        page.get_by_text("Publicera nu").click()
        deadline = time.monotonic() + 30
        while not target.exists() and time.monotonic() < deadline:
            time.sleep(0.2)

        # Cancel one date of NOSAM Nordost's monthly series.
        page.goto("about:blank")  # a new hash alone does not make Decap change views
        page.goto(preview.url + "redaktor/#/collections/kalender/entries/nordost")
        login = page.get_by_role("button", name="Logga in")
        login.or_(page.get_by_text("Flera möten i samma fil")).first.wait_for()
        if login.count():
            login.click()
        series = page.locator("div[class*='ListItem']", has_text="No titel")
        series.locator("button").first.click()
        page.get_by_role("button", name="Add inställda tillfällen").nth(1).click()
        page.locator("input[id^='inställda-field']").last.fill("2027-01-19")
        page.screenshot(path=str(SHOTS / "redaktor-kalender.png"), full_page=True)
        page.get_by_role("button", name="Publicera").first.click()
        page.get_by_text("Publicera nu").click()
        deadline = time.monotonic() + 30
        while "2027-01-19" not in calendar_file.read_text(encoding="utf-8") and time.monotonic() < deadline:
            time.sleep(0.2)
    except Exception:
        page.screenshot(path=str(SHOTS / "redaktor-fel.png"), full_page=True)
        raise
    finally:
        context.close()

    assert target.exists(), "Redigeraren sparade ingen fil:\n" + "".join(preview.log[-30:])
    # Under `mkdocs serve` the policy blocks one thing on purpose: the live-reload
    # script MkDocs writes into every page it serves, which would reload the
    # form, and lose what was typed, on every rebuild. Nothing else.
    served = urllib.request.urlopen(preview.url + "redaktor/", timeout=10).read().decode("utf-8")
    inline = re.findall(r"<script>(.*?)</script>", served, re.S)
    assert inline and all("livereload" in script for script in inline), inline
    assert all(v.startswith("Executing inline script") for v in violations), violations
    text = target.read_text(encoding="utf-8")
    assert "Gruppen antar rutinen för SIP-möten." in text
    # The file is what the content model reads: check it as `make check` does.
    check = samverkan_command("check", cwd=copy.root, env=env)
    assert check.returncode == 0, check.stdout + check.stderr + "\n" + text
    sys.path.insert(0, str(copy.root / "hooks"))
    from samverkan.content.load import load_content
    from datetime import date

    def content_after():
        return load_content(copy.root, date.fromisoformat(TODAY)).raise_for_problems()

    content = content_after()
    minutes = [m for m in content.minutes if m.source.path == "minnesanteckningar/nordost/2026-11-03.md"]
    assert len(minutes) == 1  # published: drafts are not in the content at all
    record = minutes[0]
    assert record.group == "nordost" and record.date == date(2026, 11, 3) and record.name == "2026-11-03"
    assert record.place == "Rådhuset, rum 3"
    assert record.present == ("Områdeschef, primärvården", "Enhetschef, socialtjänsten")
    assert record.decisions == ("Gruppen antar rutinen för SIP-möten.",)
    assert [a.what for a in record.actions] == ["Sprida rutinen till alla enheter"]
    assert record.actions[0].due == date(2027, 4, 30)

    # The preview rebuilt itself from the saved file.
    deadline = time.monotonic() + 60
    built = preview.root.parent / "none"
    while time.monotonic() < deadline:
        built = next(preview.tmp.glob("mkdocs_*/minnesanteckningar/nordost/2026-11-03/index.html"), built)
        if built.exists() and "Gruppen antar rutinen" in built.read_text(encoding="utf-8"):
            break
        time.sleep(0.3)
    page_html = built.read_text(encoding="utf-8")
    assert "Möte om samordnad individuell plan" in page_html
    group_page = next(preview.tmp.glob("mkdocs_*/grupper/nordost/index.html"))
    decision_log = group_page.read_text(encoding="utf-8").split('id="beslutslogg"', 1)[1]
    assert "Gruppen antar rutinen för" in decision_log  # "SIP" is marked up as an abbreviation

    # The cancelled date: in the file as the content model reads it, and marked on the calendar page.
    series = next(e for e in content_after().events if e.group == "nordost" and e.recurrence)
    assert series.recurrence.cancelled == (date(2027, 1, 19),)
    # The form gave the meeting an id; it keeps the identity subscribers know it by.
    assert re.search(r"\n    id: nordost-2026-01-20-[a-z0-9]{4}\n", calendar_file.read_text(encoding="utf-8"))
    assert series.id == "nordost-2026-01-20"
    deadline = time.monotonic() + 60
    row = None
    while time.monotonic() < deadline and row is None:
        calendar_page = next(preview.tmp.glob("mkdocs_*/kalender/index.html"))
        html = calendar_page.read_text(encoding="utf-8")
        row = re.search(r"<tr>\s*<td[^>]*>tis 19 jan\.</td>.*?</tr>", html, re.S)
        row = row if row and "INSTÄLLT" in row.group(0) else None
        time.sleep(0.3)
    assert row is not None and "<strong>INSTÄLLT:</strong>" in row.group(0)

    hosts = {url.split("/")[2].rsplit(":", 1)[0] for url in requests if url.startswith("http")}
    assert hosts == {"127.0.0.1"}, hosts

"""Screenshots of each form of the web editor, for the editors' guide.

    make screenshots            # also writes docs/redaktorer/bilder/redaktor-*.png

Runs the preview (`mkdocs serve`) on a throw-away git clone of the example
site, logs in to the local backend and photographs each kind of form as an
editor first meets it, and one field stopped by the check before a save.
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
from pathlib import Path

from playwright.sync_api import sync_playwright

TESTS = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(TESTS), str(TESTS.parent / "hooks")]
from conftest import TODAY, git_clone_of_example  # noqa: E402
from preview_support import Preview  # noqa: E402
from test_web_editor import Editor  # noqa: E402

FORMS = {
    "samlingar": "",
    "minnesanteckningar": "collections/minnesanteckningar-nordost/new",
    "kalender": "collections/kalender/new",
    "verktyg": "collections/verktygslada/entries/sip",
    "overenskommelse": "collections/overenskommelser/new",
    "grupp": "collections/grupper/entries/nordost",
}


def main(out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix="redaktor-bilder-"))
    copy = git_clone_of_example(work / "repo")
    preview = Preview(copy.root, {**os.environ, "SAMVERKAN_IDAG": TODAY, "NO_MKDOCS_2_WARNING": "1"})
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=shutil.which("chromium"),
                                        args=["--no-sandbox", "--disable-gpu", "--no-first-run"])
            editor = Editor(browser, preview)
            page = editor.page
            for name, view in FORMS.items():
                if view:
                    editor.open(view)
                page.wait_for_timeout(500)
                page.screenshot(path=str(out / f"redaktor-{name}.png"))
            # A time that ends before it starts, stopped beside its field.
            editor.open("collections/kalender/new")
            page.locator("[id^='grupp-field']").first.click()
            page.keyboard.type("NOSAM Nordost")
            page.keyboard.press("Enter")
            page.locator("input[id^='tid-field']").first.fill("11:00-09:00")
            page.get_by_role("button", name="Publicera").first.click()
            page.get_by_text("Publicera nu").click()
            page.locator("ul[class*='ControlErrorsList']").first.wait_for()
            page.screenshot(path=str(out / "redaktor-stoppad.png"))
            editor.close()
            browser.close()
    finally:
        preview.stop()
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else Path("docs/redaktorer/bilder"))

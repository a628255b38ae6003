"""The lighter full build (issue 19) makes the very site a plain rendering makes.

Two shortcuts save most of a large build: the sidebar is rendered once per
folder for pages outside the menu (`hooks/overrides/partials/nav.html`), and
a forked child renders the Markdown of the later generated pages
(`hooks/samverkan.mkdocs_side.parallel.py`). Each is compared here with a build without
it, file by file.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

from conftest import SiteCopy

sys.path.insert(0, str(Path(__file__).resolve().parent / "bench"))

from corpus import generate  # noqa: E402
from preview_support import differences  # noqa: E402


def test_sidebar_rendered_once_per_folder_is_the_sidebar_material_renders(example_site, site_copy: SiteCopy):
    # Pages outside the menu in folders of different depths share renderings.
    outside = [p for p in (example_site.site / "minnesanteckningar").rglob("index.html")]
    outside += [p for p in (example_site.site / "kalender").rglob("index.html")]
    assert len({p.parent.parent for p in outside}) >= 3
    # Material's menu rendered for every page, its toggles named as ours are.
    (site_copy.root / "hooks" / "overrides" / "partials" / "nav.html").write_text(
        '{%- filter samverkan_named_toggles -%}{%- include "material/partials/nav.html" -%}{%- endfilter -%}',
        encoding="utf-8")
    material = site_copy.build()
    assert material.returncode == 0, material.output
    assert differences(example_site.site, material.site) == []


def _corpus(tmp_path: Path) -> Path:
    root = tmp_path / "repo"
    generate(root, 260)  # over samverkan.mkdocs_side.parallel.MINIMUM_PAGES generated pages
    return root


def _build(root: Path, site: Path, cores: int) -> tuple[int, str, dict]:
    copy = SiteCopy.__new__(SiteCopy)  # the corpus is already in place
    copy.root = root
    profile = site.with_suffix(".json")
    result = copy.build(site=site, env={"SAMVERKAN_KARNOR": str(cores), "SAMVERKAN_PROFIL": str(profile)})
    timings = json.loads(profile.read_text(encoding="utf-8")) if profile.exists() else {}
    return result.returncode, result.output, timings


def test_markdown_rendered_on_two_cores_gives_the_same_site(tmp_path: Path):
    root = _corpus(tmp_path)
    status, output, one = _build(root, tmp_path / "one", cores=1)
    assert status == 0, output
    status, output, two = _build(root, tmp_path / "two", cores=2)
    assert status == 0, output
    assert one["counts"]["pages_rendered_by_child"] == 0
    assert two["counts"]["pages_rendered_by_child"] > 100
    assert differences(tmp_path / "one", tmp_path / "two") == []


def test_a_broken_link_rendered_by_the_child_still_stops_a_strict_build(tmp_path: Path):
    root = _corpus(tmp_path)
    minutes = sorted((root / "minnesanteckningar").rglob("*.md"))
    broken = minutes[::10]
    for path in broken:
        path.write_text(path.read_text(encoding="utf-8") + "\nSe [den gamla sidan](saknas.md).\n", encoding="utf-8")

    def warnings(output: str) -> list[str]:
        return sorted(line for line in output.splitlines() if "saknas.md" in line)

    status, output_one, _ = _build(root, tmp_path / "one", cores=1)
    assert status != 0
    status, output_two, two = _build(root, tmp_path / "two", cores=2)
    assert status != 0
    assert two["counts"]["pages_rendered_by_child"] > 100
    assert len(warnings(output_one)) == len(broken)
    assert warnings(output_two) == warnings(output_one)
    assert re.search(r"Aborted with \d+ warnings in strict mode", output_two)

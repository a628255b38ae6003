"""What MkDocs publishes from disk passes one gate: no link out of the
repository, no special file, no identity number in a name; and the built
site is read as a whole before it replaces the live one."""

from __future__ import annotations

import os
import subprocess

from conftest import TODAY, SiteCopy, samverkan_command
from test_privacy import VALID


def check(copy: SiteCopy) -> subprocess.CompletedProcess:
    return samverkan_command("check", str(copy.root), env={"SAMVERKAN_IDAG": TODAY, "PATH": os.environ["PATH"]})


def test_links_to_files_and_folders_outside_are_refused_and_never_published(site_copy: SiteCopy, tmp_path):
    secret = tmp_path / "utanfor"
    secret.mkdir()
    (secret / "hemlig.txt").write_text("hemlig-rad-4711\n", encoding="utf-8")
    (secret / "sida.md").write_text("# Utanför\n\nhemlig-rad-4711\n", encoding="utf-8")
    os.symlink(secret / "hemlig.txt", site_copy.root / "docs" / "om" / "lank.txt")
    os.symlink(secret, site_copy.root / "docs" / "mapp")
    os.symlink(secret / "hemlig.txt", site_copy.root / "minnesanteckningar" / "nordost" / "bilaga.txt")
    result = site_copy.build()
    assert result.returncode != 0 and "Traceback" not in result.output
    for rel in ("docs/om/lank.txt", "docs/mapp", "minnesanteckningar/nordost/bilaga.txt"):
        assert f"{rel}: symboliska länkar kan inte publiceras" in result.output, result.output[-2000:]
    assert not result.site.exists()
    checked = check(site_copy)
    assert checked.returncode == 1 and "docs/mapp: symboliska länkar" in checked.stderr


def test_the_edge_judges_every_collected_file_by_where_it_really_is(tmp_path):
    """What keeps a linked file out of the site even if it got past the
    loaders: MkDocs collects `docs/mapp/hemlig.txt` through a linked folder."""
    from samverkan.safety.file_gate import through_link

    outside = tmp_path / "utanfor"
    outside.mkdir()
    (outside / "hemlig.txt").write_text("x", encoding="utf-8")
    docs = tmp_path / "repo" / "docs"
    (docs / "om").mkdir(parents=True)
    (docs / "om" / "sida.md").write_text("# Sida", encoding="utf-8")
    os.symlink(outside, docs / "mapp")
    os.symlink(outside / "hemlig.txt", docs / "om" / "lank.txt")
    assert not through_link(str(docs / "om" / "sida.md"), str(docs))
    assert through_link(str(docs / "mapp" / "hemlig.txt"), str(docs))
    assert through_link(str(docs / "om" / "lank.txt"), str(docs))
    assert not through_link("/usr/lib/python3/theme.css", str(docs))  # the theme's files are not judged here
    # The repository itself may sit behind a link (as /tmp does on some systems).
    os.symlink(tmp_path / "repo", tmp_path / "genvag")
    assert not through_link(str(tmp_path / "genvag" / "docs" / "om" / "sida.md"), str(tmp_path / "genvag" / "docs"))


def test_a_link_committed_to_git_is_refused_even_as_a_plain_file(site_copy: SiteCopy):
    root = site_copy.root
    run = lambda *args: subprocess.run(["git", "-C", str(root), *args], check=True, capture_output=True)
    run("init", "-q")
    os.symlink("/etc/hostname", root / "docs" / "om" / "vard.txt")
    run("add", "docs/om/vard.txt")
    (root / "docs" / "om" / "vard.txt").unlink()
    (root / "docs" / "om" / "vard.txt").write_text("/etc/hostname", encoding="utf-8")  # core.symlinks=false
    checked = check(site_copy)
    assert checked.returncode == 1 and "docs/om/vard.txt: symboliska länkar" in checked.stderr, checked.stderr


def test_an_identity_number_in_a_file_name_is_refused(site_copy: SiteCopy):
    name = f"{VALID[:6]}-{VALID[6:]}"
    site_copy.write(f"docs/dokument/{name}.txt", "Inget här.\n")
    site_copy.write(f"docs/om/{VALID}.md", "# Sida\n")
    result = site_copy.build()
    assert result.returncode != 0
    assert f"docs/dokument/{VALID[:6]}-****.txt: " in result.output  # the name is masked in the report
    assert "filens namn innehåller ett personnummer" in result.output
    assert result.output.count("filens namn innehåller") == 2
    assert VALID[6:] not in result.output


def test_the_last_gate_finds_a_number_that_only_the_rendered_page_holds(site_copy: SiteCopy):
    """Emphasis in the middle: no number in the source's characters, one on the page."""
    site_copy.write("docs/om/delad.md", f"# Delad\n\nNumret 88&#48;7**04**-4568 och {VALID[:4]}_{VALID[4:6]}_{VALID[6:]}.\n")
    result = site_copy.build()
    assert result.returncode != 0, result.output[-2000:]
    assert "docs/om/delad.md" in result.output and "personnummer" in result.output
    assert not result.site.exists()


def test_a_text_file_that_cannot_be_read_is_not_published_unread(site_copy: SiteCopy):
    """A CSV exported from Excel as "Unicode text" (UTF-16) is no UTF-8: the
    guard cannot read it, so it is held back with the reason, not copied."""
    (site_copy.root / "docs" / "dokument" / "deltagare.csv").write_bytes(
        f"Namn;Nummer\nElev;{VALID[:6]}-{VALID[6:]}\n".encode("utf-16"))
    result = site_copy.build()
    assert result.returncode != 0
    assert "docs/dokument/deltagare.csv, rad 1: filen är inte sparad som UTF-8" in result.output, result.output[-2000:]
    assert not result.site.exists()

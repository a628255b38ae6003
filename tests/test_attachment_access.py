"""Whether a published document can be read by everyone (safety/attachment_access.py),
on real files: PDFs printed by Chromium with and without tags, a scanned page
saved by Pillow, Word and PowerPoint files written by python-docx and
python-pptx. And what a visitor and an editor are told about one that cannot.
"""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import pytest

from bs4 import BeautifulSoup

from conftest import SiteCopy, samverkan_command
from samverkan.safety.attachment_access import access_findings

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
REPORT = '<html lang="sv"><head><title>Årsrapport 2026</title></head><body><h1>Årsrapport</h1><p>Året i korthet.</p></body></html>'


@pytest.fixture
def printed_pdf(browser):
    """PDFs as Chromium prints them (the session's Chromium); tagged, one has
    structure, language and its title shown."""
    if CHROMIUM is None:
        pytest.skip("Chromium is not installed")

    def print_to(path: Path, tagged: bool) -> Path:
        page = browser.new_page()
        page.set_content(REPORT)
        path.write_bytes(page.pdf(tagged=tagged))
        page.close()
        return path

    return print_to


def scanned_pdf(path: Path) -> Path:
    from PIL import Image, ImageDraw

    image = Image.new("RGB", (600, 800), "white")
    ImageDraw.Draw(image).text((50, 50), "Inskannat brev", fill="black")
    image.save(path, "PDF", resolution=72)
    return path


def png() -> io.BytesIO:
    from PIL import Image

    data = io.BytesIO()
    Image.new("RGB", (40, 30), "navy").save(data, "PNG")
    data.seek(0)
    return data


def word(path: Path, title: str, descriptions: list[str | None]) -> Path:
    import docx

    document = docx.Document()
    document.core_properties.title = title
    document.add_paragraph("Minnesanteckningar från mötet.")
    for description in descriptions:
        shape = document.add_picture(png())
        if description is not None:
            shape._inline.docPr.set("descr", description)
    document.save(path)
    return path


def powerpoint(path: Path, title: str, descriptions: list[str | None]) -> Path:
    import pptx
    from pptx.util import Inches

    presentation = pptx.Presentation()
    presentation.core_properties.title = title
    slide = presentation.slides.add_slide(presentation.slide_layouts[6])
    for description in descriptions:
        picture = slide.shapes.add_picture(png(), Inches(1), Inches(1))
        picture._element.nvPicPr.cNvPr.set("descr", description or "")
    presentation.save(path)
    return path


def test_a_tagged_pdf_passes_and_an_untagged_one_is_named(tmp_path: Path, printed_pdf):
    assert access_findings(printed_pdf(tmp_path / "taggad.pdf", tagged=True), "pdf") == ()
    found = access_findings(printed_pdf(tmp_path / "otaggad.pdf", tagged=False), "pdf")
    assert found == ("saknar taggar (ingen struktur för skärmläsare)", "är inte märkt som taggad", "saknar dokumentspråk")


def test_a_pdf_without_title_or_showing_its_file_name(tmp_path: Path, printed_pdf):
    import pikepdf

    path = printed_pdf(tmp_path / "rapport.pdf", tagged=True)
    with pikepdf.open(path, allow_overwriting_input=True) as pdf:
        del pdf.Root.ViewerPreferences
        pdf.save(path)
    assert access_findings(path, "pdf") == ("visar filnamnet i stället för titeln i fönstret",)
    with pikepdf.open(path, allow_overwriting_input=True) as pdf:
        del pdf.docinfo["/Title"]
        with pdf.open_metadata(set_pikepdf_as_editor=False) as meta:
            if "dc:title" in meta:
                del meta["dc:title"]
        pdf.save(path)
    assert access_findings(path, "pdf") == ("saknar titel",)


def test_a_scanned_pdf_has_no_text(tmp_path: Path):
    found = access_findings(scanned_pdf(tmp_path / "brev.pdf"), "pdf")
    assert "saknar text (troligen inskannad)" in found and "saknar taggar (ingen struktur för skärmläsare)" in found


def test_word_and_powerpoint_need_a_title_and_alt_text(tmp_path: Path):
    assert access_findings(word(tmp_path / "bra.docx", "Minnesanteckningar", ["Karta över området"]), "docx") == ()
    assert access_findings(word(tmp_path / "brister.docx", "", ["Karta", None, None]), "docx") == (
        "saknar titel (dokumentegenskaper)", "2 bilder saknar alternativtext")
    assert access_findings(powerpoint(tmp_path / "bra.pptx", "Dialogmöte", ["Deltagarna i en ring"]), "pptx") == ()
    assert access_findings(powerpoint(tmp_path / "brister.pptx", "Dialogmöte", [None]), "pptx") == (
        "1 bild saknar alternativtext",)


def test_a_picture_marked_decorative_needs_no_description(tmp_path: Path):
    import docx
    from docx.oxml import parse_xml

    path = word(tmp_path / "dekor.docx", "Inbjudan", [None])
    document = docx.Document(str(path))
    doc_pr = document.inline_shapes[0]._inline.docPr
    doc_pr.append(parse_xml(
        '<a:extLst xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"><a:ext uri="{C183D7F6-B498-43B3-948B-1728B52AA6E4}">'
        '<adec:decorative xmlns:adec="http://schemas.microsoft.com/office/drawing/2017/decorative" val="1"/></a:ext></a:extLst>'))
    document.save(path)
    assert access_findings(path, "docx") == ()


def test_the_build_warns_the_editor_tells_the_visitor_and_lists_it_in_the_statement(tmp_path: Path, printed_pdf):
    """An untagged PDF attached to minutes: published (a warning, not a
    refusal), the minutes say so beside its link with a way to ask for an
    accessible copy, and the accessibility statement lists it."""
    copy = SiteCopy(tmp_path / "repo")
    minutes = copy.root / "minnesanteckningar" / "molndal" / "2026-09-08.md"
    printed_pdf(minutes.parent / "2026-09-08-rapport.pdf", tagged=False)
    printed_pdf(minutes.parent / "2026-09-08-tillganglig.pdf", tagged=True)
    text = minutes.read_text(encoding="utf-8")
    minutes.write_text(text.replace("---\n", "---\nbilagor:\n  - fil: 2026-09-08-rapport.pdf\n    titel: Rapporten\n"
                                    "  - fil: 2026-09-08-tillganglig.pdf\n    titel: Den tillgängliga\n", 1), encoding="utf-8")
    result = copy.build()
    assert result.returncode == 0, result.output
    assert "bilagan 2026-09-08-rapport.pdf är inte tillgänglig för alla: saknar taggar" in result.output
    assert "2026-09-08-tillganglig.pdf är inte" not in result.output
    page = BeautifulSoup(result.page("minnesanteckningar/molndal/2026-09-08"), "html.parser")
    notices = page.select(".sv-otillganglig")
    assert len(notices) == 1 and "saknar dokumentspråk" in notices[0].get_text()
    assert notices[0].find_previous("a").get_text() == "Rapporten"
    ask = notices[0].find("a")
    assert ask.get_text() == "Be om en tillgänglig version" and ask["href"].startswith("mailto:")
    assert "2026-09-08-rapport.pdf" in ask["href"]
    statement = BeautifulSoup(result.page("om/tillganglighet"), "html.parser").select_one("article")
    rows = [r.get_text(" ", strip=True) for r in statement.select("table tr")]
    assert any("2026-09-08-rapport.pdf" in r and "saknar taggar" in r for r in rows), rows
    assert not any("2026-09-08-tillganglig.pdf" in r for r in rows)
    assert "delvis förenlig" in statement.get_text() or "inte testats" in statement.get_text()
    assert statement.find("a", href="https://www.digg.se/tdosanmalan") is not None


def test_images_in_a_page_without_a_text_are_named_with_their_line(tmp_path: Path):
    """`make check` and the build remind the editor of each image a screen
    reader cannot describe; an image with a text, or marked decorative, passes."""
    copy = SiteCopy(tmp_path / "repo")
    (copy.root / "docs" / "om" / "karta.png").write_bytes(png().getvalue())
    (copy.root / "docs" / "om" / "bilder.md").write_text(
        "# Bilder\n\nOmrådet:\n\n![](karta.png)\n\n![Karta över Nordost](karta.png)\n\n"
        '<img src="karta.png">\n\n<img src="karta.png" alt="">\n', encoding="utf-8")
    result = copy.build()
    assert result.returncode == 0, result.output
    reminders = [line for line in result.output.splitlines() if "saknar alternativtext" in line]
    assert len(reminders) == 2, reminders
    assert "docs/om/bilder.md, rad 5" in reminders[0] and "bilden karta.png" in reminders[0]
    assert "docs/om/bilder.md, rad 9" in reminders[1]
    checked = samverkan_command("check", ".", cwd=copy.root)  # what `make check` runs
    assert checked.returncode == 0 and (checked.stdout + checked.stderr).count("saknar alternativtext") == 2


def test_the_notice_follows_every_spelling_of_a_link_and_only_to_that_file():
    """A link to the document however its address is written (as is, with
    %-escapes, with &amp;), from the page's folder; not a link to another
    file of the same name, nor an address elsewhere."""
    from samverkan.generate.accessibility import mark_inaccessible_links, published_inaccessible
    from samverkan.generate.output import GeneratedAsset

    found = {
        "minnesanteckningar/nordost/Plan för år & dag.pdf": ("inte taggad",),
        "docs/dokument/rapport.pdf": ("ingen titel",),
    }
    assets = [GeneratedAsset("minnesanteckningar/nordost/2026-11-17/Plan för år & dag.pdf",
                             "minnesanteckningar/nordost/Plan för år & dag.pdf")]
    documents = published_inaccessible(found, assets)
    page = "minnesanteckningar/nordost/2026-11-17/"
    links = ['<a href="Plan%20f%C3%B6r%20%C3%A5r%20%26%20dag.pdf">a</a>',
             '<a href="Plan för år &amp; dag.pdf#sida=2">b</a>',
             '<a href="../../../dokument/rapport.pdf">c</a>',
             '<a href="../2026-10-01/rapport.pdf">d</a>',
             '<a href="https://example.org/dokument/rapport.pdf">e</a>',
             '<a href="/dokument/rapport.pdf">f</a>']
    marked = mark_inaccessible_links("<p>" + " ".join(links) + "</p>", page, documents, "nosam@example.se")
    notices = BeautifulSoup(marked, "html.parser").select(".sv-otillganglig")
    assert [n.find_previous("a").get_text() for n in notices] == ["a", "b", "c"], marked
    assert "inte taggad" in notices[0].get_text() and "ingen titel" in notices[2].get_text()
    unlinked = "<p>Se Plan för år &amp; dag.pdf i pärmen.</p>"
    assert mark_inaccessible_links(unlinked, page, documents, "nosam@example.se") == unlinked

"""Every part of an attachment that carries text is read: headers, footers,
comments, document properties, cell comments, grouped shapes, alt texts,
link targets, PDF metadata, annotations, bookmarks and XMP, image metadata.
Real files, made by the real libraries of each format."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from samverkan.safety.attachments import file_type, scan_file

from test_privacy import VALID

NUMBER = f"{VALID[:6]}-{VALID[6:]}"
MASKED = f"{VALID[:6]}-****"


def scanned(path: Path):
    return scan_file(path, file_type(path.name).reader)


def assert_found(path: Path, where: str):
    scan = scanned(path)
    assert scan.unreadable is None, scan.unreadable
    assert [w for w, number in scan.hits if number == MASKED and where in w], (where, scan.hits)


def word(tmp_path: Path, place: str) -> Path:
    import docx

    document = docx.Document()
    paragraph = document.add_paragraph("Minnesanteckningar utan personuppgifter.")
    if place == "sidhuvud":
        document.sections[0].header.paragraphs[0].text = f"Gäller {NUMBER}"
    elif place == "sidfot":
        document.sections[0].footer.paragraphs[0].text = f"Sidfot {NUMBER}"
    elif place == "kommentar":
        document.add_comment(paragraph.runs, text=f"Fråga om {NUMBER}", author="Anna")
    elif place == "dokumentegenskaper":
        document.core_properties.comments = f"Elev {NUMBER}"
    elif place == "delad text":  # the number in two runs, as Word splits text when it is edited
        split = document.add_paragraph()
        split.add_run(NUMBER[:4])
        split.add_run(NUMBER[4:]).bold = True
    path = tmp_path / f"{place.replace(' ', '-')}.docx"
    document.save(str(path))
    return path


@pytest.mark.parametrize("place", ["sidhuvud", "sidfot", "kommentar", "dokumentegenskaper", "delad text"])
def test_word_every_part(tmp_path, place):
    assert_found(word(tmp_path, place), {"delad text": "stycke"}.get(place, place))


def test_word_alt_text_and_link_target_are_attributes(tmp_path):
    import docx
    from PIL import Image

    picture = tmp_path / "bild.png"
    Image.new("RGB", (20, 20), "white").save(picture)
    document = docx.Document()
    document.add_picture(str(picture))
    document.inline_shapes[0]._inline.docPr.set("descr", f"Foto av {NUMBER}")
    path = tmp_path / "alt.docx"
    document.save(str(path))
    assert_found(path, "dokumentets text")
    # A link's target lives in the relationships part.
    path = tmp_path / "utan.docx"
    docx.Document().save(str(path))
    with zipfile.ZipFile(path) as package:
        parts = {name: package.read(name) for name in package.namelist()}
    rels = "word/_rels/document.xml.rels"
    parts[rels] = parts[rels].replace(
        b"</Relationships>",
        f'<Relationship Id="rIdX" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink" '
        f'Target="https://example.se/?pnr={VALID}" TargetMode="External"/></Relationships>'.encode(),
    )
    linked = tmp_path / "lank.docx"
    with zipfile.ZipFile(linked, "w") as package:
        for name, data in parts.items():
            package.writestr(name, data)
    assert_found(linked, "länkar och relationer")


def test_excel_cell_comment_properties_and_header(tmp_path):
    import openpyxl
    from openpyxl.comments import Comment

    for place in ("kommentar", "dokumentegenskaper", "sidhuvud"):
        workbook = openpyxl.Workbook()
        sheet = workbook.active
        sheet["A1"] = "Deltagare"
        if place == "kommentar":
            sheet["A1"].comment = Comment(f"Gäller {NUMBER}", "Anna")
        elif place == "dokumentegenskaper":
            workbook.properties.subject = NUMBER
        else:
            sheet.oddHeader.center.text = NUMBER
        path = tmp_path / f"{place}.xlsx"
        workbook.save(str(path))
        assert_found(path, {"sidhuvud": "dokumentets text"}.get(place, place))


def test_powerpoint_grouped_shape_and_properties(tmp_path):
    import pptx
    from pptx.util import Inches

    presentation = pptx.Presentation()
    slide = presentation.slides.add_slide(presentation.slide_layouts[6])
    group = slide.shapes.add_group_shape()
    box = group.shapes.add_textbox(Inches(1), Inches(1), Inches(3), Inches(1))
    box.text_frame.text = f"I gruppen: {NUMBER}"
    path = tmp_path / "grupp.pptx"
    presentation.save(str(path))
    assert_found(path, "dokumentets text")
    presentation = pptx.Presentation()
    presentation.core_properties.author = f"Skapad av {NUMBER}"
    path = tmp_path / "egenskaper.pptx"
    presentation.save(str(path))
    assert_found(path, "dokumentegenskaper")


def test_opendocument_metadata_and_annotation(tmp_path):
    from odf import dc, office
    from odf.opendocument import OpenDocumentText
    from odf.text import P

    document = OpenDocumentText()
    document.meta.addElement(dc.Description(text=f"Om {NUMBER}"))
    document.text.addElement(P(text="Text"))
    path = tmp_path / "meta.odt"
    document.save(str(path))
    assert_found(path, "dokumentegenskaper")
    document = OpenDocumentText()
    paragraph = P(text="Text")
    note = office.Annotation()
    note.addElement(P(text=f"Kommentar {NUMBER}"))
    paragraph.addElement(note)
    document.text.addElement(paragraph)
    path = tmp_path / "kommentar.odt"
    document.save(str(path))
    assert_found(path, "stycke 1")  # the paragraph the comment is attached to


def pdf_with(tmp_path: Path, name: str, change) -> Path:
    from fpdf import FPDF

    document = FPDF()
    document.add_page()
    document.set_font("helvetica", size=12)
    document.cell(0, 10, "Rapport utan personuppgifter")
    change(document)
    path = tmp_path / f"{name}.pdf"
    document.output(str(path))
    return path


@pytest.mark.parametrize(
    "name, change, where",
    [
        ("forfattare", lambda d: d.set_author(NUMBER), "dokumentegenskaper"),
        ("amne", lambda d: d.set_subject(f"Om {NUMBER}"), "dokumentegenskaper"),
        ("anteckning", lambda d: d.text_annotation(10, 10, f"Se {NUMBER}"), "PDF-anteckning"),
        ("bokmarke", lambda d: d.start_section(f"Elev {NUMBER}"), "PDF-bokmärken"),
        ("xmp", lambda d: d.set_xmp_metadata(f'<rdf:Description xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:source>{NUMBER}</dc:source></rdf:Description>'), "XMP"),
    ],
)
def test_pdf_every_string_and_metadata(tmp_path, name, change, where):
    assert_found(pdf_with(tmp_path, name, change), where)


def test_pdf_with_files_or_javascript_inside_is_refused(tmp_path):
    import pikepdf

    attached = tmp_path / "bifogad.txt"
    attached.write_text("inget", encoding="utf-8")
    path = pdf_with(tmp_path, "bifogad", lambda d: d.embed_file(str(attached)))
    assert "bifogade inuti" in scanned(path).unreadable
    plain = pdf_with(tmp_path, "vanlig", lambda d: None)
    with pikepdf.open(plain) as pdf:
        pdf.Root.OpenAction = pikepdf.Dictionary(S=pikepdf.Name.JavaScript, JS=pikepdf.String("app.alert(1)"))
        scripted = tmp_path / "skript.pdf"
        pdf.save(scripted)
    assert "skript" in scanned(scripted).unreadable


def test_image_metadata_exif_png_text_and_jpeg_comment(tmp_path):
    from PIL import Image, PngImagePlugin

    image = Image.new("RGB", (16, 16), "white")
    exif = Image.Exif()
    exif[0x010E] = f"Foto {NUMBER}"  # ImageDescription
    image.save(tmp_path / "exif.jpg", exif=exif)
    assert_found(tmp_path / "exif.jpg", "bildens metadata")
    image.save(tmp_path / "kommentar.jpg", comment=f"{NUMBER}".encode())
    assert_found(tmp_path / "kommentar.jpg", "bildens metadata")
    info = PngImagePlugin.PngInfo()
    info.add_text("Description", f"Elev {NUMBER}")
    image.save(tmp_path / "text.png", pnginfo=info)
    assert_found(tmp_path / "text.png", "bildens metadata")


def test_image_metadata_in_utf16_as_windows_writes_it(tmp_path):
    from PIL import Image

    exif = Image.Exif()
    exif[0x9C9C] = f"Elev {NUMBER}".encode("utf-16-le")  # XPComment
    exif.get_ifd(0x8769)[0x9286] = b"UNICODE\x00" + f"Se {NUMBER}".encode("utf-16-be")  # UserComment
    Image.new("RGB", (8, 8)).save(tmp_path / "windows.jpg", exif=exif)
    assert_found(tmp_path / "windows.jpg", "bildens metadata")


def test_embedded_objects_are_read_or_refused_and_bombs_are_refused(tmp_path):
    import docx

    inner = word(tmp_path, "sidhuvud")
    outer = tmp_path / "yttre.docx"
    docx.Document().save(str(outer))
    with zipfile.ZipFile(outer, "a") as package:
        package.writestr("word/embeddings/inbaddad.docx", inner.read_bytes())
    assert_found(outer, "inbäddat dokument")
    ole = tmp_path / "ole.docx"
    docx.Document().save(str(ole))
    with zipfile.ZipFile(ole, "a") as package:
        package.writestr("word/embeddings/oleObject1.bin", b"\xd0\xcf\x11\xe0" + b"\0" * 100)
    assert "inbäddat objekt" in scanned(ole).unreadable
    bomb = tmp_path / "bomb.docx"
    docx.Document().save(str(bomb))
    with zipfile.ZipFile(bomb, "a", compression=zipfile.ZIP_DEFLATED) as package:
        package.writestr("word/fyllnad.xml", b"<a>" + b" " * (50 << 20) + b"</a>")
    assert "zip-bomb" in scanned(bomb).unreadable


def test_lookalikes_in_attachments_still_publish(tmp_path):
    import docx

    document = docx.Document()
    document.sections[0].header.paragraphs[0].text = "Dnr 2024-00123, tel 031-365 00 00, org.nr 212000-1355"
    document.core_properties.author = "Processledare"
    path = tmp_path / "ok.docx"
    document.save(str(path))
    scan = scanned(path)
    assert scan.hits == () and scan.unreadable is None

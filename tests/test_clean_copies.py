"""The site publishes the content of attachments, not their metadata; the
copies open in the real libraries of their formats, keep their text and
their accessibility (PDF tags, language), and the editor's file is unchanged."""

from __future__ import annotations

import io
import zipfile

from samverkan.safety.clean_copies import clean_copy

from conftest import SiteCopy

PERSON = "Anna Andersson"


def test_photo_loses_exif_and_gps_but_is_turned_upright_and_keeps_its_colour_profile(tmp_path):
    from PIL import Image, ImageCms

    profile = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    image = Image.new("RGB", (40, 20), "red")
    exif = Image.Exif()
    exif[0x0112] = 6  # Orientation: the camera was held on its side
    exif[0x013B] = PERSON  # Artist
    exif.get_ifd(0x8825)[2] = (57.0, 42.0, 30.0)  # GPSLatitude
    path = tmp_path / "foto.jpg"
    image.save(path, exif=exif, icc_profile=profile, comment=PERSON.encode())
    copy = Image.open(io.BytesIO(clean_copy(path, "image")))
    assert copy.size == (20, 40)  # upright
    assert not copy.getexif() and "comment" not in copy.info and "exif" not in copy.info
    assert copy.info.get("icc_profile") == profile
    assert PERSON.encode() not in clean_copy(path, "image")


def test_a_phones_multi_picture_jpeg_is_published_as_its_photo(tmp_path):
    from PIL import Image

    photo, preview = Image.new("RGB", (60, 40), "blue"), Image.new("RGB", (30, 20), "blue")
    exif = Image.Exif()
    exif[0x013B] = PERSON
    path = tmp_path / "mobil.jpg"
    photo.save(path, format="MPO", save_all=True, append_images=[preview], exif=exif)
    assert Image.open(path).format == "MPO"
    copy = Image.open(io.BytesIO(clean_copy(path, "image")))
    assert copy.format == "JPEG" and copy.size == (60, 40) and not copy.getexif()


def test_png_text_chunks_are_gone(tmp_path):
    from PIL import Image, PngImagePlugin

    info = PngImagePlugin.PngInfo()
    info.add_text("Author", PERSON)
    path = tmp_path / "bild.png"
    Image.new("RGBA", (8, 8), (0, 0, 255, 128)).save(path, pnginfo=info)
    data = clean_copy(path, "image")
    assert PERSON.encode() not in data
    assert Image.open(io.BytesIO(data)).getpixel((1, 1)) == (0, 0, 255, 128)


def test_an_animation_keeps_its_frames_and_loses_its_comment(tmp_path):
    from PIL import Image

    frames = [Image.new("RGB", (8, 8), (i * 80, 0, 0)) for i in range(3)]
    path = tmp_path / "anim.gif"
    frames[0].save(path, save_all=True, append_images=frames[1:], comment=PERSON.encode(), duration=120, loop=0)
    data = clean_copy(path, "image")
    assert PERSON.encode() not in data
    copy = Image.open(io.BytesIO(data))
    assert copy.n_frames == 3 and copy.info.get("duration") == 120


def test_pdf_keeps_title_language_and_tags_and_loses_the_rest(tmp_path):
    import pikepdf
    from fpdf import FPDF
    from pypdf import PdfReader

    document = FPDF()
    document.set_title("Rapport om samverkan")
    document.set_author(PERSON)
    document.set_subject("Utkast från " + PERSON)
    document.set_lang("sv")
    document.add_page()
    document.set_font("helvetica", size=12)
    document.cell(0, 10, "Rapportens text")
    path = tmp_path / "rapport.pdf"
    document.output(str(path))
    with pikepdf.open(path, allow_overwriting_input=True) as pdf:
        pdf.Root.MarkInfo = pikepdf.Dictionary(Marked=True)
        pdf.Root.StructTreeRoot = pdf.make_indirect(pikepdf.Dictionary(Type=pikepdf.Name.StructTreeRoot))
        with pdf.open_metadata() as meta:
            meta["dc:creator"] = [PERSON]
            meta["dc:title"] = "Rapport om samverkan"
            meta["pdfuaid:part"] = "1"
        pdf.save(path)
    original = path.read_bytes()
    data = clean_copy(path, "pdf")
    assert path.read_bytes() == original  # the editor's file is never changed
    with pikepdf.open(io.BytesIO(data)) as pdf:
        assert dict(pdf.docinfo) == {"/Title": "Rapport om samverkan"}
        with pdf.open_metadata() as meta:
            assert set(meta) == {"{http://purl.org/dc/elements/1.1/}title", "{http://www.aiim.org/pdfua/ns/id/}part"}
        assert pdf.Root.Lang == "sv" and "/StructTreeRoot" in pdf.Root and pdf.Root.MarkInfo.Marked
    assert PERSON.encode() not in data
    assert "Rapportens text" in PdfReader(io.BytesIO(data)).pages[0].extract_text()


def test_word_loses_people_comments_and_tracked_changes_and_still_opens(tmp_path):
    import docx
    from docx.oxml import parse_xml

    document = docx.Document()
    document.core_properties.author = PERSON
    document.core_properties.last_modified_by = PERSON
    document.core_properties.comments = "Se " + PERSON
    document.core_properties.title = "Minnesanteckningar"
    paragraph = document.add_paragraph("Beslut: ")
    document.add_comment(paragraph.runs, text="Stämmer detta?", author=PERSON)
    w = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    paragraph._p.append(parse_xml(f'<w:ins {w} w:id="91" w:author="{PERSON}"><w:r><w:t>tillagt</w:t></w:r></w:ins>'))
    paragraph._p.append(parse_xml(f'<w:del {w} w:id="92" w:author="{PERSON}"><w:r><w:delText>struket</w:delText></w:r></w:del>'))
    path = tmp_path / "anteckning.docx"
    document.save(str(path))
    data = clean_copy(path, "docx")
    copy = docx.Document(io.BytesIO(data))
    assert copy.core_properties.author == "" and copy.core_properties.last_modified_by == ""
    assert copy.core_properties.title == "Minnesanteckningar"
    assert copy.paragraphs[0].text == "Beslut: tillagt"
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        everything = b"".join(package.read(name) for name in package.namelist())
    assert PERSON.encode() not in everything and b"struket" not in everything and "Stämmer".encode() not in everything


def test_excel_powerpoint_and_opendocument_lose_their_people_and_still_open(tmp_path):
    import openpyxl
    import pptx
    from odf import dc, office
    from odf.opendocument import OpenDocumentText, load
    from odf.text import P
    from openpyxl.comments import Comment

    workbook = openpyxl.Workbook()
    workbook.properties.creator = PERSON
    workbook.active["A1"] = "Antal"
    workbook.active["A1"].comment = Comment("Fråga " + PERSON, PERSON)
    xlsx = tmp_path / "tabell.xlsx"
    workbook.save(str(xlsx))
    data = clean_copy(xlsx, "xlsx")
    copy = openpyxl.load_workbook(io.BytesIO(data))
    assert copy.active["A1"].value == "Antal" and copy.active["A1"].comment is None
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        assert PERSON.encode() not in b"".join(package.read(n) for n in package.namelist())

    presentation = pptx.Presentation()
    presentation.core_properties.author = PERSON
    presentation.slides.add_slide(presentation.slide_layouts[5]).shapes.title.text = "Inledning"
    deck = tmp_path / "bilder.pptx"
    presentation.save(str(deck))
    copy = pptx.Presentation(io.BytesIO(clean_copy(deck, "pptx")))
    assert copy.core_properties.author == "" and copy.slides[0].shapes.title.text == "Inledning"

    text = OpenDocumentText()
    text.meta.addElement(dc.Creator(text=PERSON))
    paragraph = P(text="Innehåll")
    note = office.Annotation()
    note.addElement(P(text="Kommentar av " + PERSON))
    paragraph.addElement(note)
    text.text.addElement(paragraph)
    odt = tmp_path / "text.odt"
    text.save(str(odt))
    data = clean_copy(odt, "odf")
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        assert package.namelist()[0] == "mimetype"
        assert PERSON.encode() not in b"".join(package.read(n) for n in package.namelist())
    reloaded = load(io.BytesIO(data))
    assert "Innehåll" in str(reloaded.text)


def test_the_site_publishes_the_copy_and_the_repository_keeps_the_original(site_copy: SiteCopy):
    from PIL import Image

    exif = Image.Exif()
    exif[0x013B] = PERSON
    path = site_copy.root / "docs" / "om" / "karta.jpg"
    Image.new("RGB", (10, 10), "green").save(path, exif=exif)
    original = path.read_bytes()
    result = site_copy.build()
    assert result.returncode == 0, result.output[-2000:]
    published = (result.site / "om" / "karta.jpg").read_bytes()
    assert PERSON.encode() not in published and Image.open(io.BytesIO(published)).size == (10, 10)
    assert path.read_bytes() == original
    assert PERSON.encode() in original

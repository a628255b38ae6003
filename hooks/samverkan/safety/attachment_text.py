"""The text inside office documents, PDFs and images, with where in the file each piece stands.

Two readings of every document. The first reads what a person sees, with a
well-kept parser of the format: pypdf for PDF, python-docx for Word,
openpyxl for Excel, python-pptx for PowerPoint, defusedxml for OpenDocument;
its locations are precise ("sida 2", "blad Deltagare, cell B4"). The second
reads every part that carries text, whether a person sees it or not: every
XML part of an office package (text, tails and attribute values: alt texts,
authors and link targets are attributes), nested packages, the images
inside; every string object of a PDF reached from its trailer (document
properties, annotations, form fields, bookmarks) and its XMP metadata; an
image's EXIF, XMP, IPTC, PNG text chunks and comments. What cannot be read
that way (encrypted, an embedded OLE object, a PDF with JavaScript or files
inside) is refused by name, never published unread. Readers yield
(location, text) pairs; the location is Swedish, for the editor.
"""

from __future__ import annotations

import io
import logging
import re
import zipfile
from pathlib import Path
from typing import Callable, Iterator

Located = Iterator[tuple[str, str]]


class Unreadable(Exception):
    """The file claims a format it is not in, is encrypted or is damaged."""


def pdf_text(path: Path) -> Located:
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    # pypdf logs every repair it makes; what matters to editors is reported by us.
    logging.getLogger("pypdf").setLevel(logging.ERROR)
    try:
        reader = PdfReader(path)
        if reader.is_encrypted and not reader.decrypt(""):
            raise Unreadable("PDF-filen är lösenordsskyddad")
        for number, page in enumerate(reader.pages, start=1):
            yield f"sida {number}", page.extract_text() or ""
    except (PdfReadError, ValueError, KeyError, TypeError) as error:
        raise Unreadable(f"PDF-filen går inte att läsa ({error})") from None


def docx_text(path: Path) -> Located:
    import docx

    try:
        document = docx.Document(str(path))
    except Exception as error:  # python-docx raises many kinds for a broken package
        raise Unreadable(f"Word-filen går inte att läsa ({type(error).__name__})") from None
    for number, paragraph in enumerate(document.paragraphs, start=1):
        yield f"stycke {number}", paragraph.text
    for number, table in enumerate(document.tables, start=1):
        for row_number, row in enumerate(table.rows, start=1):
            yield f"tabell {number}, rad {row_number}", "\n".join(cell.text for cell in row.cells)
    for number, section in enumerate(document.sections, start=1):
        for part, where in ((section.header, "sidhuvud"), (section.footer, "sidfot")):
            yield f"{where} (avsnitt {number})", "\n".join(p.text for p in part.paragraphs)


def xlsx_text(path: Path) -> Located:
    import openpyxl

    try:
        workbook = openpyxl.load_workbook(path, read_only=True, data_only=False)
    except Exception as error:
        raise Unreadable(f"Excel-filen går inte att läsa ({type(error).__name__})") from None
    try:
        for sheet in workbook.worksheets:
            for row in sheet.iter_rows():
                for cell in row:
                    if cell.value is not None and hasattr(cell, "coordinate"):
                        yield f"blad {sheet.title}, cell {cell.coordinate}", str(cell.value)
    finally:
        workbook.close()


def pptx_text(path: Path) -> Located:
    import pptx

    try:
        presentation = pptx.Presentation(str(path))
    except Exception as error:
        raise Unreadable(f"PowerPoint-filen går inte att läsa ({type(error).__name__})") from None
    for number, slide in enumerate(presentation.slides, start=1):
        texts = []
        for shape in slide.shapes:
            if shape.has_text_frame:
                texts.append(shape.text_frame.text)
            if getattr(shape, "has_table", False) and shape.has_table:
                texts.extend(cell.text for row in shape.table.rows for cell in row.cells)
        if slide.has_notes_slide:
            texts.append(slide.notes_slide.notes_text_frame.text)
        yield f"bild {number}", "\n".join(texts)


_ODF_TEXT = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"


def odf_text(path: Path) -> Located:
    from defusedxml import ElementTree

    try:
        with zipfile.ZipFile(path) as package:
            for part in ("content.xml", "styles.xml"):
                if part not in package.namelist():
                    continue
                root = ElementTree.fromstring(package.read(part))
                paragraphs = (e for e in root.iter() if e.tag in (f"{{{_ODF_TEXT}}}p", f"{{{_ODF_TEXT}}}h"))
                where = "stycke" if part == "content.xml" else "sidhuvud eller sidfot, stycke"
                for number, element in enumerate(paragraphs, start=1):
                    yield f"{where} {number}", "".join(element.itertext())
    except (zipfile.BadZipFile, ElementTree.ParseError) as error:
        raise Unreadable(f"OpenDocument-filen går inte att läsa ({error})") from None
    except Exception as error:  # defusedxml refuses entity tricks with its own errors
        raise Unreadable(f"OpenDocument-filen går inte att läsa ({type(error).__name__})") from None


# An office package is a zip: limits checked before anything is unpacked.
MAX_MEMBERS = 5000
MAX_RATIO = 200  # unpacked size / packed size of one member over 1 MB
MAX_DEPTH = 2  # a package in a package in a package, no further
_RATIO_FLOOR = 1 << 20
_IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg", ".gif", ".webp", ".tif", ".tiff", ".bmp")
# Elements that stand inside a line of text (Word and PowerPoint split a
# paragraph into runs wherever its formatting changes, OpenDocument into
# spans): their text is read as one. After any other element a line ends,
# so that two cells, fields or paragraphs are never read as one number.
_INLINE = frozenset({"r", "t", "span", "rpr", "hyperlink", "smarttag", "fldsimple", "ins", "prooferr", "bookmarkstart",
                     "bookmarkend", "a", "softbreak"})


def package_parts(path, depth: int = 0) -> Located:
    """Every part of an office package (Word, Excel, PowerPoint, OpenDocument) with text in it."""
    from defusedxml import ElementTree

    try:
        with zipfile.ZipFile(path) as package:
            members = package.infolist()
            if len(members) > MAX_MEMBERS:
                raise Unreadable(f"filen består av fler än {MAX_MEMBERS} delar")
            for member in members:
                if member.file_size > _RATIO_FLOOR and member.file_size > MAX_RATIO * max(member.compress_size, 1):
                    raise Unreadable("filen är packad på ett sätt som liknar en så kallad zip-bomb")
            for member in members:
                name = member.filename
                lower = name.lower()
                where = part_name(name)
                if member.is_dir() or lower.startswith("__macosx/"):
                    continue
                if lower.endswith((".xml", ".rels", ".vml")) or lower == "mimetype":
                    data = package.read(member)
                    if lower == "mimetype":
                        yield where, data.decode("utf-8", "replace")
                        continue
                    try:
                        root = ElementTree.fromstring(data)
                    except ElementTree.ParseError as error:
                        raise Unreadable(f"delen {name} går inte att läsa ({error})") from None
                    text, attributes = _xml_text(root)
                    yield where, text
                    yield where, "\n".join(attributes)
                elif lower.endswith(_IMAGE_SUFFIXES):
                    for _, text in image_metadata(io.BytesIO(package.read(member))):
                        yield f"{where}: bildens metadata", text
                elif "embeddings/" in lower or lower.endswith(".bin") and "printersettings" not in lower:
                    data = package.read(member)
                    if data.startswith(b"PK\x03\x04") and depth < MAX_DEPTH:
                        for inner, text in package_parts(io.BytesIO(data), depth + 1):
                            yield f"inbäddat dokument {name}, {inner}", text
                    else:
                        raise Unreadable(
                            f"filen innehåller ett inbäddat objekt ({name}) som inte kan kontrolleras; "
                            "ta bort objektet eller klistra in det som en bild"
                        )
    except zipfile.BadZipFile as error:
        raise Unreadable(f"filen går inte att packa upp ({error})") from None
    except Unreadable:
        raise
    except (RuntimeError, NotImplementedError) as error:  # encrypted members, unknown compression
        raise Unreadable(f"filen går inte att packa upp ({error})") from None
    except Exception as error:  # defusedxml refuses entity tricks with its own errors
        raise Unreadable(f"filen går inte att läsa ({type(error).__name__})") from None


def _xml_text(root) -> tuple[str, list[str]]:
    """The text of an XML part in document order, a line per paragraph or
    cell, and its attribute values (iteratively: parts can nest deeply)."""
    pieces: list[str] = []
    attributes: list[str] = []
    stack: list[tuple[object, bool]] = [(root, False)]
    while stack:
        element, closing = stack.pop()
        if closing:
            if element.tag.rsplit("}", 1)[-1].lower() not in _INLINE:
                pieces.append("\n")
            if element.tail:
                pieces.append(element.tail)
            continue
        if element.text:
            pieces.append(element.text)
        attributes.extend(value for value in element.attrib.values() if value)
        stack.append((element, True))
        stack.extend((child, False) for child in reversed(list(element)))
    # The root's tail is outside the part.
    return "".join(pieces), attributes


_PART_NAMES = (
    (re.compile(r"(^|/)docprops/|(^|/)meta\.xml$"), "dokumentegenskaper"),
    (re.compile(r"header\d*\.xml$"), "sidhuvud"),
    (re.compile(r"footer\d*\.xml$"), "sidfot"),
    (re.compile(r"threadedcomments|comments|commentsextended|/people\.xml$|authors"), "kommentar"),
    (re.compile(r"notesslide|notesmaster"), "talaranteckningar"),
    (re.compile(r"(footnotes|endnotes)\.xml$"), "fotnoter"),
    (re.compile(r"\.rels$"), "länkar och relationer i dokumentet"),
    (re.compile(r"drawings?/|diagrams/|charts?/"), "figurer och diagram"),
    (re.compile(r"^customxml/"), "anpassade data i dokumentet"),
    (re.compile(r"(^|/)(styles|settings|fonttable|websettings|theme\d*)\.xml$|/theme/"), "formatmallar och inställningar"),
    (re.compile(r"sharedstrings\.xml$|worksheets/|^content\.xml$|document\.xml$|slides/slide"), "dokumentets text"),
)


def part_name(name: str) -> str:
    """Where in a package a part stands, in the words an editor knows."""
    lower = name.lower()
    for pattern, label in _PART_NAMES:
        if pattern.search(lower):
            return f"{label} ({name})"
    return f"delen {name}"


def pdf_objects(path: Path) -> Located:
    """Every string of a PDF reached from its trailer, and its XMP metadata."""
    import pikepdf

    try:
        pdf = pikepdf.open(path)
    except pikepdf.PasswordError:
        raise Unreadable("PDF-filen är lösenordsskyddad") from None
    except pikepdf.PdfError as error:
        raise Unreadable(f"PDF-filen går inte att läsa ({error})") from None
    with pdf:
        seen: set[tuple[int, int]] = set()
        found: dict[str, list[str]] = {}
        stack: list[tuple[object, str]] = [(pdf.trailer, "PDF-objekt")]
        while stack:
            item, where = stack.pop()
            if isinstance(item, pikepdf.Object) and item.is_indirect:
                key = item.objgen
                if key in seen:
                    continue
                seen.add(key)
            if isinstance(item, pikepdf.String):
                found.setdefault(where, []).append(str(item))
            elif isinstance(item, pikepdf.Array):
                stack.extend((value, where) for value in item)
            elif isinstance(item, (pikepdf.Dictionary, pikepdf.Stream)):
                _refuse_active_pdf(item)
                inner = _pdf_place(item, where)
                if isinstance(item, pikepdf.Stream) and (item.get("/Type") == "/Metadata" or item.get("/Subtype") == "/XML"):
                    found.setdefault("PDF-metadata (XMP)", []).append(item.read_bytes().decode("utf-8", "replace"))
                for name, value in item.items():
                    stack.append((value, "dokumentegenskaper" if name == "/Info" else inner))
        for where, texts in found.items():
            yield where, "\n".join(texts)


def _refuse_active_pdf(item) -> None:
    if item.get("/S") in ("/JavaScript", "/Launch", "/ImportData") or "/JS" in item or "/AA" in item:
        raise Unreadable("PDF-filen innehåller skript eller automatiska åtgärder; spara den som en vanlig PDF")
    if item.get("/Type") in ("/EmbeddedFile", "/Filespec") or "/EmbeddedFiles" in item or "/EF" in item:
        raise Unreadable("PDF-filen har andra filer bifogade inuti sig; lägg upp dem var för sig")


def _pdf_place(item, where: str) -> str:
    if item.get("/Type") == "/Annot":
        return "PDF-anteckning"
    if item.get("/Subtype") in ("/Text", "/FreeText", "/Popup", "/Highlight", "/Link", "/Stamp", "/Ink", "/FileAttachment"):
        return "PDF-anteckning"
    if "/FT" in item or "/Fields" in item:
        return "PDF-formulärfält"
    if "/First" in item and "/Count" in item or "/Parent" in item and "/Title" in item:
        return "PDF-bokmärken"
    return where


def image_metadata(path) -> Located:
    """What an image says besides its pixels: EXIF (also its GPS and Exif
    sections), XMP, IPTC, PNG text chunks, comments."""
    from PIL import ExifTags, Image, IptcImagePlugin, UnidentifiedImageError

    try:
        with Image.open(path) as image:
            texts = [_as_text(value) for key, value in image.info.items() if key not in ("icc_profile", "exif", "transparency")]
            exif = image.getexif()
            values = list(exif.values())
            for section in (ExifTags.IFD.Exif, ExifTags.IFD.GPSInfo, ExifTags.IFD.Interop, ExifTags.IFD.IFD1):
                try:
                    values.extend(exif.get_ifd(section).values())
                except (KeyError, ValueError, TypeError, OSError):
                    pass
            texts.extend(_as_text(value) for value in values)
            iptc = IptcImagePlugin.getiptcinfo(image) or {}
            texts.extend(_as_text(value) for value in iptc.values())
    except (UnidentifiedImageError, Image.DecompressionBombError, OSError, SyntaxError, ValueError) as error:
        raise Unreadable(f"bilden går inte att läsa ({type(error).__name__})") from None
    yield "bildens metadata", "\n".join(t for t in texts if t)


def _as_text(value) -> str:
    if isinstance(value, bytes):
        text = value.decode("utf-8", "replace")
        if b"\x00" in value:
            # UTF-16, as Windows writes its XP tags (XPComment, XPAuthor) and
            # EXIF's UserComment in Unicode: every other byte is a zero.
            text += "\n" + "\n".join(value.decode(codec, "replace") for codec in ("utf-16-le", "utf-16-be"))
        return text
    if isinstance(value, (list, tuple)):
        return "\n".join(_as_text(v) for v in value)
    if isinstance(value, (str, int)):
        return str(value)
    return ""


# Per kind of file: first what a person sees, then every other part.
READERS: dict[str, tuple[Callable[[Path], Located], ...]] = {
    "pdf": (pdf_text, pdf_objects),
    "docx": (docx_text, package_parts),
    "xlsx": (xlsx_text, package_parts),
    "pptx": (pptx_text, package_parts),
    "odf": (odf_text, package_parts),
    "image": (image_metadata,),
}

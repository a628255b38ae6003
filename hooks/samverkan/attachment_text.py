"""The text inside office documents and PDFs, with where in the file each piece stands.

One reader per format, each a well-kept parser of that format: pypdf for PDF,
python-docx for Word, openpyxl for Excel, python-pptx for PowerPoint, and for
OpenDocument the XML of the package read with defusedxml (the format is a zip
of XML; the one Python library for it, odfpy, has not been released since
2020). Readers yield (location, text) pairs; the location is Swedish, for the
editor ("sida 2", "blad Deltagare, cell B4").
"""

from __future__ import annotations

import logging
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


READERS: dict[str, Callable[[Path], Located]] = {
    "pdf": pdf_text,
    "docx": docx_text,
    "xlsx": xlsx_text,
    "pptx": pptx_text,
    "odf": odf_text,
}

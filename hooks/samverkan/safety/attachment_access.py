"""Whether a published document can be read by everyone.

The law on accessible digital public services covers the documents a site
publishes, not only its pages. What a screen reader needs from a PDF: tags
(a structure tree, and the document marked as tagged), the document's
language, a title the reader's window shows (not the file name), and text
rather than a picture of text. From a Word or PowerPoint file: a title, and
a description (alt text) of every picture that is not marked decorative.
Each finding is a short Swedish phrase for the editor's warning, the page's
notice and the accessibility statement; none stops the build: a document
from another organisation may be all there is, and then the visitor is
offered an accessible copy on request. Images in the pages' own text are
held to the same: each needs a text that says what it shows.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

from samverkan.problems import Problem

# How many pages of a PDF are read for text: a scanned document has none on
# any of them, a born-digital one on the first already.
TEXT_PAGES = 10
_TEXT_OPERATORS = frozenset({"Tj", "TJ", "'", '"'})
_DC = "{http://purl.org/dc/elements/1.1/}"
_WP = "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}"
_A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
_P = "{http://schemas.openxmlformats.org/presentationml/2006/main}"
_DRAW = "{urn:oasis:names:tc:opendocument:xmlns:drawing:1.0}"
_SVG = "{urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0}"
_DECORATIVE = "{http://schemas.microsoft.com/office/drawing/2017/decorative}decorative"


def access_findings(path: Path, reader: str) -> tuple[str, ...]:
    """What keeps the file from being read by everyone; () when nothing does."""
    try:
        if reader == "pdf":
            return _pdf(path)
        if reader in ("docx", "pptx", "xlsx"):
            return _ooxml(path, reader)
        if reader == "odf":
            return _odf(path)
    except (OSError, ValueError, KeyError, zipfile.BadZipFile) as error:
        return (f"kunde inte kontrolleras ({type(error).__name__})",)
    return ()


def _pdf(path: Path) -> tuple[str, ...]:
    import pikepdf

    findings = []
    with pikepdf.open(path) as pdf:
        root = pdf.Root
        if "/StructTreeRoot" not in root:
            findings.append("saknar taggar (ingen struktur för skärmläsare)")
        mark = root.get("/MarkInfo")
        if mark is None or not bool(mark.get("/Marked", False)):
            findings.append("är inte märkt som taggad")
        if not str(root.get("/Lang", "")).strip():
            findings.append("saknar dokumentspråk")
        if not _pdf_title(pdf):
            findings.append("saknar titel")
        else:
            preferences = root.get("/ViewerPreferences")
            if preferences is None or not bool(preferences.get("/DisplayDocTitle", False)):
                findings.append("visar filnamnet i stället för titeln i fönstret")
        if not any(_has_text(page) for page in list(pdf.pages)[:TEXT_PAGES]):
            findings.append("saknar text (troligen inskannad)")
    return tuple(findings)


def _pdf_title(pdf) -> str:
    title = str(pdf.docinfo.get("/Title", "")).strip() if pdf.trailer.get("/Info") is not None else ""
    if title:
        return title
    try:
        with pdf.open_metadata(set_pikepdf_as_editor=False) as meta:
            return str(meta.get("dc:title", "") or "").strip()
    except Exception:  # a broken XMP packet: no title found there
        return ""


def _has_text(page) -> bool:
    import pikepdf

    try:
        for _operands, operator in pikepdf.parse_content_stream(page):
            if str(operator) in _TEXT_OPERATORS:
                return True
    except pikepdf.PdfError:
        return False
    # Text may stand in a form the page draws (a template, a stamp).
    resources = page.obj.get("/Resources")
    forms = resources.get("/XObject") if resources is not None else None
    for name in forms.keys() if forms is not None else ():
        form = forms[name]
        if form.get("/Subtype") == "/Form":
            try:
                if any(str(op) in _TEXT_OPERATORS for _, op in pikepdf.parse_content_stream(form)):
                    return True
            except pikepdf.PdfError:
                continue
    return False


def _ooxml(path: Path, reader: str) -> tuple[str, ...]:
    from defusedxml import ElementTree

    findings = []
    with zipfile.ZipFile(path) as package:
        names = set(package.namelist())
        title = ""
        if "docProps/core.xml" in names:
            core = ElementTree.fromstring(package.read("docProps/core.xml"))
            found = core.find(f"{_DC}title")
            title = (found.text or "").strip() if found is not None else ""
        if not title:
            findings.append("saknar titel (dokumentegenskaper)")
        if reader == "docx":
            pictures = _unnamed(ElementTree.fromstring(package.read("word/document.xml")).iter(f"{_WP}docPr"))
        elif reader == "pptx":
            pictures = 0
            for name in sorted(n for n in names if n.startswith("ppt/slides/slide") and n.endswith(".xml")):
                slide = ElementTree.fromstring(package.read(name))
                pictures += _unnamed(pic.find(f"{_P}nvPicPr/{_P}cNvPr") for pic in slide.iter(f"{_P}pic"))
        else:
            pictures = 0
        if pictures:
            findings.append(f"{pictures} {'bild saknar' if pictures == 1 else 'bilder saknar'} alternativtext")
    return tuple(findings)


def _unnamed(properties) -> int:
    """Pictures without a description that are not marked decorative."""
    count = 0
    for prop in properties:
        if prop is None or (prop.get("descr") or "").strip():
            continue
        if any(child.get("val") in ("1", "true") for child in prop.iter(_DECORATIVE)):
            continue
        count += 1
    return count


def _odf(path: Path) -> tuple[str, ...]:
    from defusedxml import ElementTree

    findings = []
    with zipfile.ZipFile(path) as package:
        names = set(package.namelist())
        title = ""
        if "meta.xml" in names:
            found = next(ElementTree.fromstring(package.read("meta.xml")).iter(f"{_DC}title"), None)
            title = (found.text or "").strip() if found is not None else ""
        if not title:
            findings.append("saknar titel (dokumentegenskaper)")
        content = ElementTree.fromstring(package.read("content.xml"))
        pictures = sum(
            1 for frame in content.iter(f"{_DRAW}frame")
            if frame.find(f"{_DRAW}image") is not None
            and not any((e.text or "").strip() for e in (frame.find(f"{_SVG}title"), frame.find(f"{_SVG}desc")) if e is not None)
        )
        if pictures:
            findings.append(f"{pictures} {'bild saknar' if pictures == 1 else 'bilder saknar'} alternativtext")
    return tuple(findings)


# Images in a page's text: Markdown's ![text](address) and HTML's <img>.
_MARKDOWN_IMAGE = re.compile(r"!\[(?P<text>[^\]]*)\]\((?P<address>[^)\s]*)")
_HTML_IMAGE = re.compile(r"<img\b(?P<attributes>[^>]*)>", re.I)
_SOURCE = re.compile(r"""\bsrc\s*=\s*["']?([^"'\s>]+)""", re.I)
_ALT = re.compile(r"""\balt\s*=""", re.I)


def images_without_text(body: str, file: str, body_line: int) -> list[Problem]:
    """A reminder for each image in a page's Markdown that says nothing to a
    screen reader: `![](karta.png)`, or an <img> without alt (alt="" is an
    image that only decorates, and says so)."""
    found = []
    for match in _MARKDOWN_IMAGE.finditer(body):
        if not match.group("text").strip():
            found.append((match.start(), match.group("address")))
    for match in _HTML_IMAGE.finditer(body):
        if not _ALT.search(match.group("attributes")):
            address = _SOURCE.search(match.group("attributes"))
            found.append((match.start(), address.group(1) if address else "bild"))
    return [
        Problem(file, body_line + body.count("\n", 0, start), None,
                f"bilden {address} saknar alternativtext: en skärmläsare kan inte säga vad den visar. Skriv det "
                f"mellan hakparenteserna, till exempel ![Karta över området]({address}); en bild som bara pyntar "
                'skrivs <img src="…" alt="">')
        for start, address in sorted(found)
    ]

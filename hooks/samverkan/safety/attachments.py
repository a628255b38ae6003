"""Files that content publishes besides its pages: minutes' `bilagor` and
anything placed in docs/ (which MkDocs copies to the site as it is).

Each is typed (an allow-list of formats, checked against the file's first
bytes, not only its name), sized, and read like text: the privacy guard looks
for identity numbers in the text of PDF and office documents. Reading a PDF
takes far longer than everything else about a file, so what was found is kept
in a cache keyed by the file's SHA-256 and the reader's version: a changed
file is a new key, so the cache cannot answer for other bytes.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path

from samverkan.safety.attachment_access import access_findings
from samverkan.safety.attachment_text import READERS, Unreadable
from samverkan.safety.privacy import find_identity_numbers, masked
from samverkan.problems import Problem

MAX_BYTES = 20 * 1024 * 1024
# A zip package (Word, Excel, …) may not unpack to more than this: a "zip
# bomb" would otherwise fill the memory of the build.
MAX_UNPACKED_BYTES = 200 * 1024 * 1024
# Bump when a reader changes what it finds, so cached results are read anew.
READER_VERSION = "4"
CACHE_FILE = Path(".cache") / "samverkan" / "bilagor.json"


@dataclass(frozen=True, slots=True)
class FileType:
    label: str
    reader: str | None  # key into attachment_text.READERS; None: nothing to read
    signature: tuple[bytes, ...] = ()
    package_part: str | None = None  # a file every package of this kind has
    odf_mimetype: str | None = None


_OOXML = (b"PK\x03\x04",)
FILE_TYPES: dict[str, FileType] = {
    ".pdf": FileType("PDF", "pdf", (b"%PDF-",)),
    ".docx": FileType("Word", "docx", _OOXML, "word/document.xml"),
    ".xlsx": FileType("Excel", "xlsx", _OOXML, "xl/workbook.xml"),
    ".pptx": FileType("PowerPoint", "pptx", _OOXML, "ppt/presentation.xml"),
    ".odt": FileType("OpenDocument-text", "odf", _OOXML, "content.xml", "application/vnd.oasis.opendocument.text"),
    ".ods": FileType(
        "OpenDocument-kalkylblad", "odf", _OOXML, "content.xml", "application/vnd.oasis.opendocument.spreadsheet"
    ),
    ".odp": FileType(
        "OpenDocument-presentation", "odf", _OOXML, "content.xml", "application/vnd.oasis.opendocument.presentation"
    ),
    ".png": FileType("PNG-bild", "image", (b"\x89PNG\r\n\x1a\n",)),
    ".jpg": FileType("JPEG-bild", "image", (b"\xff\xd8\xff",)),
    ".jpeg": FileType("JPEG-bild", "image", (b"\xff\xd8\xff",)),
    ".gif": FileType("GIF-bild", "image", (b"GIF87a", b"GIF89a")),
    ".webp": FileType("WebP-bild", "image", (b"RIFF",)),
    # Plain text is read by the text guard like every content file.
    ".txt": FileType("Text", None),
    ".csv": FileType("CSV", None),
}
ALLOWED_TEXT = "PDF, Word (.docx), Excel (.xlsx), PowerPoint (.pptx), OpenDocument (.odt, .ods, .odp), PNG, JPEG, GIF, WebP, .txt och .csv"

_REFUSED_ADVICE = {
    ".svg": "en SVG-bild kan innehålla skript; spara bilden som PNG",
    ".doc": "det gamla Word-formatet kan inte kontrolleras; spara filen som .docx eller PDF",
    ".xls": "det gamla Excel-formatet kan inte kontrolleras; spara filen som .xlsx eller PDF",
    ".ppt": "det gamla PowerPoint-formatet kan inte kontrolleras; spara filen som .pptx eller PDF",
    ".docm": "filen innehåller makron; spara den som .docx eller PDF",
    ".xlsm": "filen innehåller makron; spara den som .xlsx eller PDF",
    ".pptm": "filen innehåller makron; spara den som .pptx eller PDF",
    ".html": "en HTML-fil publiceras som den är och kan innehålla skript; skriv sidan i Markdown (.md)",
    ".htm": "en HTML-fil publiceras som den är och kan innehålla skript; skriv sidan i Markdown (.md)",
    ".js": "skript kan inte publiceras av redaktörer; kontakta den som förvaltar webbplatsen",
    ".zip": "packade filer kan inte kontrolleras; lägg upp filerna var för sig",
}


def file_type(name: str) -> FileType | None:
    return FILE_TYPES.get(Path(name).suffix.lower())


def type_problem(path: Path) -> str | None:
    """Why this file cannot be published as it is, or None. Reads only the
    first bytes and, for zip packages, their table of contents."""
    suffix = path.suffix.lower()
    kind = FILE_TYPES.get(suffix)
    if kind is None:
        advice = _REFUSED_ADVICE.get(suffix, f"tillåtna filtyper är {ALLOWED_TEXT}")
        return f"filtypen {suffix or '(ingen filändelse)'} kan inte publiceras: {advice}"
    size = path.stat().st_size
    if size > MAX_BYTES:
        return (
            f"filen är för stor ({size / 1024 / 1024:.0f} MB; högst {MAX_BYTES // 1024 // 1024} MB). "
            "Spara den i mindre storlek, t.ex. PDF med komprimerade bilder, eller dela upp den"
        )
    if kind.signature:
        with path.open("rb") as handle:
            head = handle.read(16)
        if not head.startswith(kind.signature):
            return f"filen är inte en {kind.label}-fil fast den heter {suffix} (innehållet stämmer inte med filändelsen)"
    if kind.package_part:
        return _package_problem(path, kind)
    return None


def _package_problem(path: Path, kind: FileType) -> str | None:
    try:
        with zipfile.ZipFile(path) as package:
            names = package.namelist()
            if kind.package_part not in names:
                return f"filen är inte en {kind.label}-fil (delen {kind.package_part} saknas)"
            if kind.odf_mimetype and package.read("mimetype").decode("ascii", "replace").strip() != kind.odf_mimetype:
                return f"filen är inte en {kind.label}-fil (fel mimetype)"
            if sum(info.file_size for info in package.infolist()) > MAX_UNPACKED_BYTES:
                return "filen packas upp till mer än 200 MB och kan inte kontrolleras"
            if any(name.lower().endswith("vbaproject.bin") for name in names):
                return "filen innehåller makron; spara den utan makron (.docx, .xlsx, .pptx) eller som PDF"
    except (zipfile.BadZipFile, KeyError, OSError):
        return f"filen är inte en hel {kind.label}-fil (den går inte att öppna)"
    return None


@dataclass(frozen=True, slots=True)
class PublishedFile:
    """A file the site publishes, and the page and line that publish it."""

    path: Path
    name: str  # as the editor knows it: the file name, or its path in docs/
    page: str  # repository path of the file that names it (or of the file itself)
    line: int | None = None
    field: str | None = None


@dataclass(frozen=True, slots=True)
class TextScan:
    """What the privacy guard found in one file's text; only masked numbers, so
    the cache on disk holds no identity number either."""

    hits: tuple[tuple[str, str], ...] = ()  # (where in the file, masked number)
    textless: bool = False  # a PDF without a text layer: cannot be checked
    unreadable: str | None = None
    access: tuple[str, ...] = ()  # what keeps it from being read by everyone (attachment_access)


def scan_file(path: Path, reader: str) -> TextScan:
    """Every reading of the file; a number is named once, where a person would see it if she can."""
    hits: dict[str, str] = {}  # masked number -> where
    visible_text = False
    try:
        for index, read in enumerate(READERS[reader]):
            for where, text in read(path):
                if index == 0 and text.strip():
                    visible_text = True
                for _line, number in find_identity_numbers(text):
                    hits.setdefault(masked(number), where)
    except Unreadable as error:
        return TextScan(unreadable=str(error))
    return TextScan(tuple((where, number) for number, where in hits.items()),
                    textless=reader == "pdf" and not visible_text, access=access_findings(path, reader))


class ScanCache:
    """Results of `scan_file` by content hash, in memory and on disk under .cache/."""

    def __init__(self, root: Path) -> None:
        self.path = root / CACHE_FILE
        self.entries: dict[str, TextScan] = {}
        self.changed = False
        try:
            raw = json.loads(self.path.read_text(encoding="utf-8"))
            if raw.get("version") == READER_VERSION:
                self.entries = {
                    key: TextScan(tuple(map(tuple, v["hits"])), v["textless"], v["unreadable"], tuple(v["access"]))
                    for key, v in raw["entries"].items()
                }
        except (OSError, ValueError, KeyError, TypeError):
            pass  # no cache, or an old or broken one: read the files again

    def get(self, key: str) -> TextScan | None:
        return self.entries.get(key)

    def put(self, key: str, scan: TextScan) -> None:
        self.entries[key] = scan
        self.changed = True

    def save(self) -> None:
        if not self.changed:
            return
        data = {
            "version": READER_VERSION,
            "entries": {
                k: {"hits": list(v.hits), "textless": v.textless, "unreadable": v.unreadable, "access": list(v.access)}
                for k, v in sorted(self.entries.items())
            },
        }
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            with tempfile.NamedTemporaryFile("w", dir=self.path.parent, delete=False, encoding="utf-8") as handle:
                json.dump(data, handle)
            os.replace(handle.name, self.path)
            self.changed = False
        except OSError:
            pass  # a read-only checkout still builds; it only reads again next time


def content_key(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return f"{READER_VERSION}:{digest.hexdigest()}"


def scan_problems(file: PublishedFile, scan: TextScan) -> tuple[list[Problem], list[Problem]]:
    """(problems that stop the build, reminders that do not) for one scanned file."""
    problems = [
        Problem(
            file.page,
            file.line,
            file.field,
            f"bilagan {file.name} innehåller ett personnummer eller samordningsnummer ({where}). "
            "Bilagor publiceras öppet på webbplatsen: ta bort numret och andra uppgifter om enskilda personer ur filen",
            number,
            "en bilaga utan personuppgifter",
            withhold=True,
        )
        for where, number in scan.hits
    ]
    if scan.unreadable:
        problems.append(
            Problem(
                file.page,
                file.line,
                file.field,
                f"bilagan {file.name} kan inte läsas och därför inte kontrolleras: {scan.unreadable}",
                expected="en fil som går att öppna, utan lösenord",
                withhold=True,
            )
        )
    notices = []
    if scan.access:
        notices.append(
            Problem(
                file.page,
                file.line,
                file.field,
                f"bilagan {file.name} är inte tillgänglig för alla: {', '.join(scan.access)}. Den publiceras, "
                "med en upplysning till besökarna om att de kan be om en tillgänglig version, och står i "
                "tillgänglighetsredogörelsen. Spara om originalet som tillgänglig PDF (i Word: Spara som → PDF → "
                "Alternativ → ”Dokumentstrukturtaggar för hjälpmedel”), med titel, språk och alternativtext till bilderna",
            )
        )
    if scan.textless:
        notices.append(
            Problem(
                file.page,
                file.line,
                file.field,
                f"bilagan {file.name} är en PDF utan text (troligen inskannad) och kan inte kontrolleras "
                "för personnummer. Titta själv igenom den, eller spara originalet som PDF direkt från "
                "Word eller motsvarande så att texten följer med",
            )
        )
    return problems, notices

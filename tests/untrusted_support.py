"""Real files for the untrusted-content tests: one content file of every kind
with a given body, and real PDF and office documents made by their own writers."""

from __future__ import annotations

from pathlib import Path

# Front matter of one valid file of each kind, and the address of its page.
KINDS = {
    "minnesanteckningar": ("minnesanteckningar/nordost/2026-10-0{n}.md", "---\nsammanfattning: Prov.\n---\n"),
    "grupp": ("docs/grupper/prov{n}.md", "---\nnamn: Provgrupp {n}\ntyp: annan\n---\n"),
    "dokument": ("docs/dokument/prov{n}.md", "---\ntitel: Provdokument {n}\ntyp: rapport\ngrupper: [nordost]\n---\n"),
    "nyhet": ("docs/aktuellt/posts/2026-10-0{n}-prov.md", "---\ndate: 2026-10-0{n}\n---\n\n# Provnyhet {n}\n\n"),
    "verktyg": (
        "verktygslada/prov{n}.md",
        "---\ntitel: Provverktyg {n}\nsammanfattning: Prov.\nkategori: Prov\nansvarig: Processledare\n---\n",
    ),
    "överenskommelse": (
        "docs/overenskommelser/prov{n}.md",
        "---\ntitel: Provöverenskommelse {n}\ntyp: rutin\nparter: [Göteborgs Stad]\ngrupper: [nordost]\n---\n",
    ),
    "redaktörssida": ("docs/om/prov{n}.md", "# Provsida {n}\n\n"),
}


def write_kind(root: Path, kind: str, n: int, body: str) -> tuple[str, int]:
    """Write a file of `kind` numbered n (1-9) with `body`; (its path, the line the body starts on)."""
    rel_pattern, head_pattern = KINDS[kind]
    rel, head = rel_pattern.format(n=n), head_pattern.format(n=n)
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(head + body, encoding="utf-8")
    return rel, head.count("\n") + 1


def page_of(rel: str) -> str:
    """The site address of the page made from a content file written by write_kind."""
    name = Path(rel).stem
    if rel.startswith("minnesanteckningar/"):
        return f"minnesanteckningar/nordost/{name}/"
    if rel.startswith("docs/aktuellt/posts/"):
        return f"aktuellt/{name[:10].replace('-', '/')}/provnyhet-{int(name[8:10])}/"
    if rel.startswith("verktygslada/"):
        return f"verktygslada/{name}/"
    return rel.removeprefix("docs/").removesuffix(".md") + "/"


def pdf(path: Path, lines: list[str], pages: int = 1) -> Path:
    from fpdf import FPDF

    document = FPDF()
    document.set_font("helvetica", size=12)
    for page in range(pages):
        document.add_page()
        if page == pages - 1:
            for line in lines:
                document.cell(0, 10, line, new_x="LMARGIN", new_y="NEXT")
    document.output(str(path))
    return path


def scanned_pdf(path: Path) -> Path:
    """A PDF whose page is a picture only, as a scanner makes it."""
    from fpdf import FPDF
    from PIL import Image, ImageDraw

    picture = path.with_suffix(".png")
    image = Image.new("L", (400, 200), 255)
    ImageDraw.Draw(image).rectangle((20, 20, 380, 60), fill=0)
    image.save(picture)
    document = FPDF()
    document.add_page()
    document.image(str(picture), x=10, y=10, w=150)
    document.output(str(path))
    picture.unlink()
    return path


def docx(path: Path, lines: list[str]) -> Path:
    import docx as python_docx

    document = python_docx.Document()
    document.add_paragraph("Deltagarlista")
    table = document.add_table(rows=len(lines), cols=1)
    for row, line in zip(table.rows, lines):
        row.cells[0].text = line
    document.save(str(path))
    return path


def xlsx(path: Path, lines: list[str]) -> Path:
    import openpyxl

    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "Deltagare"
    sheet["A1"] = "Uppgift"
    for row, line in enumerate(lines, start=2):
        sheet.cell(row=row, column=2, value=line)
    workbook.save(str(path))
    return path


def pptx(path: Path, lines: list[str]) -> Path:
    import pptx as python_pptx

    presentation = python_pptx.Presentation()
    presentation.slides.add_slide(presentation.slide_layouts[1]).shapes.title.text = "Inledning"
    slide = presentation.slides.add_slide(presentation.slide_layouts[1])
    slide.shapes.title.text = "Deltagare"
    slide.placeholders[1].text = "\n".join(lines)
    presentation.save(str(path))
    return path


def odt(path: Path, lines: list[str]) -> Path:
    from odf.opendocument import OpenDocumentText
    from odf.text import P

    document = OpenDocumentText()
    document.text.addElement(P(text="Deltagarlista"))
    for line in lines:
        document.text.addElement(P(text=line))
    document.save(str(path))
    return path


WRITERS = {"pdf": pdf, "docx": docx, "xlsx": xlsx, "pptx": pptx, "odt": odt}
# Where the privacy guard says the number stands, for the writers above.
LOCATIONS = {"pdf": "sida 1", "docx": "tabell 1, rad 2", "xlsx": "blad Deltagare, cell B3", "pptx": "bild 2", "odt": "stycke 3"}
# (for a number written on the second of two lines)

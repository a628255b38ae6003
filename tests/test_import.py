"""Importing the old site's documents: quality measured against clean versions, and every kind of input."""

from __future__ import annotations

import os
import re
import subprocess
from pathlib import Path

from samverkan.content.importing import clean_text, plain_text, similarity

from conftest import SiteCopy, TODAY, samverkan_command

FIXTURES = Path(__file__).parent / "fixtures"
FURNITURE = re.compile(
    r"Sida \d+ av \d+|www\.vardsamverkan\.se|Gå direkt till huvudinnehållet|Internet Explorer|Senast uppdaterad:",
    re.IGNORECASE,
)


def test_pdf_text_matches_the_clean_version():
    result = clean_text((FIXTURES / "kartlaggning-pdftext.txt").read_text(encoding="utf-8"))
    expected = (FIXTURES / "kartlaggning-ren.txt").read_text(encoding="utf-8")
    score = similarity(result.markdown, expected)
    print(f"\nLikhet mellan importerad PDF-text (001) och den rena versionen (000): {score:.4f}")
    assert score >= 0.98
    assert result.title == "Kartläggning och dialog NOSAM" and result.day.isoformat() == "2019-10-30"
    items = set(re.findall(r"^- (.+)$", result.markdown, re.MULTILINE))
    bullets = re.findall(r"^- (.+)$", expected, re.MULTILINE)
    assert len(bullets) == 12
    for bullet in bullets:
        assert " ".join(bullet.split()) in items, bullet
    assert not FURNITURE.search(result.markdown)
    assert "NOSAM-dialog" in result.markdown  # a real hyphen across lines stays
    assert "## Bakgrund" in result.markdown and "## Delmål" in result.markdown
    assert result.removed["sidnummer"] == 1 and result.removed["fristående webbadresser"] == 1


def test_saved_web_page_matches_the_hand_cleaned_version():
    result = clean_text((FIXTURES / "nyhet-webbsida.txt").read_text(encoding="utf-8"))
    expected = (FIXTURES / "nyhet-forvantad.md").read_text(encoding="utf-8")
    body = expected.split("\n", 2)[2]
    score = similarity(result.markdown, body)
    print(f"\nLikhet mellan importerad webbsida (002) och den handrensade versionen: {score:.4f}")
    assert score >= 0.98
    assert result.title == "NOSAM tar nästa steg i samverkansarbetet"
    assert result.day.isoformat() == "2018-06-05"
    assert not FURNITURE.search(result.markdown)
    assert "- In- och utskrivningsprocessen" in result.markdown


def test_line_level_rules():
    text = "Rubrik\n\nEtt ord som är av-\ndelat och en rad\nsom fortsätter.\n\n• första\npunkten\n• andra\n\nSida 1 av 2\n\nhttps://gammal.example.se/sida\n"
    result = clean_text(text)
    assert "Ett ord som är avdelat och en rad som fortsätter." in result.markdown
    assert "- första punkten\n- andra" in result.markdown
    assert "Sida 1" not in result.markdown and "gammal.example.se" not in result.markdown
    assert plain_text("## A\n\n- b\n- c\n") == ["A", "b", "c"]


def run_import(copy: SiteCopy, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "SAMVERKAN_IDAG": TODAY, "SAMVERKAN_ROT": str(copy.root)}
    return samverkan_command("import", *args, cwd=copy.root, env=env)


def check(copy: SiteCopy) -> subprocess.CompletedProcess:
    env = {**os.environ, "SAMVERKAN_IDAG": TODAY}
    return samverkan_command("check", ".", cwd=copy.root, env=env)


def make_pdf(path: Path, pages: list[list[str]]) -> None:
    """A small real PDF with text on each page (Helvetica, no library needed to write it)."""
    objects, kids = [], []
    objects.append("<< /Type /Catalog /Pages 2 0 R >>")
    objects.append(None)  # pages, filled in below
    for lines in pages:
        text = "BT /F1 12 Tf 56 780 Td 16 TL " + " ".join(f"({l}) Tj T*" for l in lines) + " ET"
        content_id = len(objects) + 2
        kids.append(len(objects) + 1)
        objects.append(f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents {content_id} 0 R /Resources << /Font << /F1 {len(pages) * 2 + 3} 0 R >> >> >>")
        objects.append(f"<< /Length {len(text)} >>\nstream\n{text}\nendstream")
    objects.append("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>")
    objects[1] = f"<< /Type /Pages /Kids [{' '.join(f'{k} 0 R' for k in kids)}] /Count {len(kids)} >>"
    out = b"%PDF-1.4\n"
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n{body}\nendobj\n".encode("latin-1")
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{o:010d} 00000 n \n".encode() for o in offsets)
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    path.write_bytes(out)


def test_import_each_kind_of_input(site_copy: SiteCopy, tmp_path: Path):
    # 1. Text pulled from a PDF, as a document of a theme group.
    pdftext = run_import(site_copy, str(FIXTURES / "kartlaggning-pdftext.txt"), "dokument", "barn-och-unga")
    assert pdftext.returncode == 1 and "finns redan" in pdftext.stderr  # the example site already has it
    (site_copy.root / "docs" / "dokument" / "kartlaggning-och-dialog-nosam.md").unlink()
    pdftext = run_import(site_copy, str(FIXTURES / "kartlaggning-pdftext.txt"), "dokument", "barn-och-unga")
    assert pdftext.returncode == 0, pdftext.stderr
    assert "Borttaget:" in pdftext.stdout and "sidnummer" in pdftext.stdout
    document = (site_copy.root / "docs" / "dokument" / "kartlaggning-och-dialog-nosam.md").read_text(encoding="utf-8")
    assert "datum: 2019-10-30" in document and "grupper: [barn-och-unga]" in document

    # 2. A web page saved as text, as news.
    web = run_import(site_copy, str(FIXTURES / "nyhet-webbsida.txt"), "nyhet")
    assert web.returncode == 0, web.stderr
    assert (site_copy.root / "docs" / "aktuellt" / "posts" / "2018-06-05-nosam-tar-nasta-steg-i-samverkansarbetet.md").exists()

    # 3. A PDF file, as minutes.
    pdf = tmp_path / "protokoll.pdf"
    make_pdf(pdf, [["Minnesanteckningar NOSAM Molndal", "", "Gruppen diskuterade samverkan kring SIP.", "Sida 1 av 2"],
                   ["Beslut om ny rutin fattades.", "Sida 2 av 2"]])
    minutes = run_import(site_copy, str(pdf), "minnesanteckning", "molndal", "2025-03-11")
    assert minutes.returncode == 0, minutes.stderr
    text = (site_copy.root / "minnesanteckningar" / "molndal" / "2025-03-11.md").read_text(encoding="utf-8")
    assert "SIP" in text and "Sida 1" not in text and "utkast: true" in text

    # 4. A Word file, with a heading, a list and a table.
    from docx import Document

    word = Document()
    word.add_heading("Handlingsplan 2027", level=1)
    word.add_paragraph("Planen beskriver arbetet.")
    word.add_heading("Mål", level=2)
    word.add_paragraph("Färre avbrott i skolgången", style="List Bullet")
    word.add_paragraph("Fler SIP", style="List Bullet")
    table = word.add_table(rows=2, cols=2)
    table.cell(0, 0).text, table.cell(0, 1).text = "Styrkor", "Svagheter"
    table.cell(1, 0).text, table.cell(1, 1).text = "Samsyn", "Tid"
    docx_path = tmp_path / "plan.docx"
    word.save(docx_path)
    imported = run_import(site_copy, str(docx_path), "dokument", "nordost", "2026-11-01")
    assert imported.returncode == 0, imported.stderr
    plan = (site_copy.root / "docs" / "dokument" / "handlingsplan-2027.md").read_text(encoding="utf-8")
    assert "## Mål" in plan and "- Färre avbrott i skolgången\n- Fler SIP" in plan
    assert "| Styrkor | Svagheter |" in plan and "| Samsyn | Tid |" in plan

    result = check(site_copy)
    assert result.returncode == 0, result.stderr
    again = run_import(site_copy, str(docx_path), "dokument", "nordost", "2026-11-01")
    assert again.returncode == 1 and "skrivs inte över" in again.stderr

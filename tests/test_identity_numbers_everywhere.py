"""Valid identity numbers, written every way people write them, put into
every place of every kind of file: each is named to the editor, and nothing
of the site is published; the lookalikes (phone numbers, dates, case and
organisation numbers) in the same places do publish. Real builds."""

from __future__ import annotations

import unicodedata

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import SiteCopy, every_output_text
from test_privacy import CHILD, COORDINATION, VALID

# Every way between date and last four digits that the guard must see through.
SEPARATORS = ["-", "", " ", "+", "\u2010", "\u2011", "\u2012", "\u2013", "\u2014", "\u2212", "\ufe63", "\uff0d",
              "\u00a0", "\u2009", "\u202f", "\u3000", " \u2013 ", "\u00ad", "\u200b", "\u2060", "\ufeff"]
FULL_WIDTH = str.maketrans("0123456789", "０１２３４５６７８９")


@st.composite
def spelled_number(draw) -> str:
    number, century = draw(st.sampled_from([(VALID, "19"), (COORDINATION, "19"), (CHILD, "20")]))
    separator = draw(st.sampled_from(SEPARATORS))
    if separator == "+":
        century = "18" if draw(st.booleans()) else ""  # a centenarian: + and, at most, the 1800s
    else:
        century = century if draw(st.booleans()) else ""
    digits = f"{century}{number[:6]}"
    if draw(st.booleans()):  # an invisible character somewhere inside the date
        at = draw(st.integers(1, len(digits) - 1))
        digits = digits[:at] + draw(st.sampled_from(["\u200b", "\u00ad", "\u2060"])) + digits[at:]
    text = f"{digits}{separator}{number[6:]}"
    return text.translate(FULL_WIDTH) if draw(st.booleans()) else text


def place_everywhere(copy: SiteCopy, value: str, file_name: str) -> list[str]:
    """`value` in every place editors write text; the files, as the report names them."""
    quoted = "'" + value.replace("'", "''") + "'"
    files = {
        "minnesanteckningar/nordost/2026-11-18.md": f"---\nsammanfattning: {quoted}\n---\n\nInget här.\n",
        "minnesanteckningar/nordost/2026-11-17.md": f"---\nsammanfattning: Möte.\n---\n\n## Rubrik {value}\n",
        "minnesanteckningar/nordost/2026-11-16.md": f"---\nsammanfattning: Möte.\n---\n\n| Vem | Vad |\n|---|---|\n| Elev | {value} |\n",
        "docs/om/lanktext.md": f"# Länk\n\n[{value}](https://www.goteborg.se/)\n",
        "docs/om/lankadress.md": f"# Adress\n\n[Läs mer](https://www.example.se/?p={value.replace(' ', '%20')})\n",
        "docs/om/alttext.md": f"# Bild\n\n![{value}](bild.png)\n",
        "docs/om/titel.md": f"---\ntitle: {quoted}\n---\n\nText.\n",
        "docs/om/rubrik.md": f"# Sida\n\n### {value} {{ #ankare }}\n",
        "kalender/prov-plats.yml": f"grupp: nordost\ntitel: Möte\ndatum: 2027-01-05\nplats: {quoted}\n",
        "kalender/prov-beskrivning.yml": f"grupp: nordost\ntitel: Möte\ndatum: 2027-01-06\nbeskrivning: {quoted}\n",
        "verktygslada/prov.md": (f"---\ntitel: Prov\nsammanfattning: {quoted}\nkategori: Prov\n"
                                 "ansvarig: Processledare\n---\n"),
    }
    for rel, text in files.items():
        copy.write(rel, text)
    from PIL import Image

    Image.new("RGB", (4, 4), "white").save(copy.root / "docs" / "om" / "bild.png")
    copy.write(f"docs/dokument/{file_name}.txt", "Inget här.\n")
    return [*files, "docs/dokument/"]


def attachments_everywhere(copy: SiteCopy, value: str) -> list[str]:
    import docx
    import openpyxl
    from fpdf import FPDF
    from openpyxl.comments import Comment
    from PIL import Image

    folder = copy.root / "docs" / "dokument"
    document = docx.Document()
    document.add_paragraph("Text")
    document.sections[0].header.paragraphs[0].text = value
    document.save(str(folder / "sidhuvud.docx"))
    document = docx.Document()
    paragraph = document.add_paragraph("Text")
    document.add_comment(paragraph.runs, text=value, author="Sekreterare")
    document.save(str(folder / "kommentar.docx"))
    workbook = openpyxl.Workbook()
    workbook.active["A1"] = "Antal"
    workbook.active["A1"].comment = Comment(value, "Sekreterare")
    workbook.save(str(folder / "cellkommentar.xlsx"))
    pdf = FPDF()
    pdf.set_author(value.translate({0xfeff: None}))  # fpdf2 writes the author as given
    pdf.add_page()
    pdf.set_font("helvetica", size=12)
    pdf.cell(0, 10, "Rapport")
    pdf.output(str(folder / "egenskaper.pdf"))
    exif = Image.Exif()
    # EXIF text is ASCII: what a camera or a phone can write there.
    exif[0x010E] = unicodedata.normalize("NFKC", value).encode("ascii", "ignore").decode()
    Image.new("RGB", (4, 4), "white").save(folder / "foto.jpg", exif=exif)
    return [f"docs/dokument/{name}" for name in ("sidhuvud.docx", "kommentar.docx", "cellkommentar.xlsx",
                                                  "egenskaper.pdf", "foto.jpg")]




@settings(max_examples=4, deadline=None, suppress_health_check=list(HealthCheck))
@given(number=spelled_number(), name_separator=st.sampled_from(["-", "\u2013", "\u00a0", ""]))
def test_every_spelling_in_every_place_is_named_and_nothing_is_published(tmp_path_factory, number, name_separator):
    copy = SiteCopy(tmp_path_factory.mktemp("nummer") / "repo")
    good = copy.build()
    assert good.returncode == 0, good.output[-2000:]
    before = {p: p.read_bytes() for p in good.site.rglob("*") if p.is_file()}
    places = place_everywhere(copy, number, f"{VALID[:6]}{name_separator}{VALID[6:]}")
    places += attachments_everywhere(copy, number)
    result = copy.build()
    assert result.returncode != 0
    assert "Traceback" not in result.output
    missing = [place for place in places if place not in result.output]
    assert missing == [], (repr(number), missing, result.output[-4000:])
    # The last good site is as it was, byte for byte.
    assert {p: p.read_bytes() for p in result.site.rglob("*") if p.is_file()} == before


LOOKALIKES = [
    "tel 070-123 45 67",
    "Ring 0701234565 i vårdplaneringen",
    "Dnr VGR 2024-00123",
    "Mötet 2026-03-10 kl. 10:30–12:00",
    "organisationsnummer 212000-1355",
    "diarienummer 2025-001234",
]


def test_lookalikes_in_every_place_publish(site_copy: SiteCopy):
    for index, text in enumerate(LOOKALIKES):
        site_copy.write(f"docs/om/likt{index}.md", f"# Likt {index}\n\n{text}\n\n| A |\n|---|\n| {text} |\n")
    site_copy.write("minnesanteckningar/nordost/2026-11-18.md",
                    "---\nsammanfattning: '" + "; ".join(LOOKALIKES) + "'\n---\n\nText.\n")
    site_copy.write("kalender/prov-plats.yml", f"grupp: nordost\ntitel: Möte\ndatum: 2027-01-05\nplats: '{LOOKALIKES[0]}'\n")
    result = site_copy.build()
    assert result.returncode == 0, result.output[-3000:]
    output = every_output_text(result.site)
    for text in LOOKALIKES:
        assert text in output, text

"""A deterministic content tree of a chosen size, in Samverkanstorget's content model.

    python tests/bench/corpus.py 10000 /tmp/korpus-10000

Fifteen NOSAM groups with a Västbus group each, wound-up district groups,
theme groups and management bodies; minutes with decisions, action items,
questions to theme groups and attachments; calendar files with single,
recurring and cancelled events; toolbox pages and agreements. The same size
and seed always give the same bytes.
"""

from __future__ import annotations

import re

import random
import shutil
import sys
from datetime import datetime, date, timedelta
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
TODAY = date(2026, 11, 24)

# What a build needs besides the content: configuration, hooks, theme overrides
# and the hand-written pages of the example site.
SKELETON = ("mkdocs.yml", "hooks", "docs/index.md", "docs/stylesheets", "docs/om", "docs/aktuellt")

AREAS = [
    "Nordost", "Centrum", "Sydväst", "Hisingen", "Mölndal", "Härryda", "Partille", "Öckerö",
    "Kungälv", "Ale", "Lerum", "Alingsås", "Stenungsund", "Tjörn", "Orust",
]
THEMES = {"barn-och-unga": "Barn och unga", "aldre": "Äldre", "psykiatri": "Psykiatri", "mitt-i-livet": "Mitt i livet"}
ROLES = [
    "Områdeschef primärvården", "Enhetschef socialtjänsten", "Sektorschef äldreomsorg", "Rektor, grundskolan",
    "Verksamhetschef BUP", "Processledare temagrupp", "Enhetschef hemtjänsten", "Vårdcentralschef",
    "Elevhälsochef", "Enhetschef individ- och familjeomsorgen",
]
SENTENCES = [
    "Gruppen gick igenom handlingsplanen och de delmål som har följts upp sedan förra mötet.",
    "Verksamheterna beskrev läget i området och vilka behov de ser just nu.",
    "Samordnad individuell plan används oftare, men kallelserna kommer ibland sent.",
    "Skolan ser en ökning av elever med problematisk skolfrånvaro under höstterminen.",
    "Familjecentralen har haft många besök och föräldrastödet når fler familjer än tidigare.",
    "Primärvården och hemtjänsten diskuterade informationsöverföringen vid utskrivning från sjukhus.",
    "Processledaren informerade om temagruppens arbete och om frågor från andra NOSAM-grupper.",
    "Gruppen diskuterade hur barnkonventionen kan bli en tydligare del av det gemensamma arbetet.",
    "Västbusgruppen rapporterade om sina möten och om avvikelser i samverkan kring barn och unga.",
    "Tandvården har börjat med förebyggande besök på några av områdets förskolor.",
    "Representanterna förankrar frågan i sina hemorganisationer inför nästa möte.",
    "Uppföljningen visar att fler personer får en samordnad planering inom fem dagar.",
]
DECISIONS = [
    "Handlingsplanen fastställs.", "En arbetsgrupp bildas för frågan.", "Frågan lyfts till temagruppen.",
    "Rutinen prövas under ett halvår och följs upp.", "Mötesplanen för nästa termin fastställs.",
    "Årsrapporten fastställs.", "Gruppen ställer sig bakom förslaget.",
]
ACTIONS = [
    "Sammanställa statistik inför nästa möte", "Bjuda in processledaren", "Skicka ut rutinen på remiss",
    "Boka lokal för dialogmötet", "Ta fram ett förslag till gemensam inbjudan", "Följa upp avvikelserna",
]
WEEKDAYS = ["måndag", "tisdag", "onsdag", "torsdag"]



ATTACHMENT_KINDS = ("pdf", "docx", "xlsx", "pptx", "jpg", "png")


def write_attachment(path: Path, sentences: list[str], rng) -> None:
    """A real file of the kind its name says, with text where that kind has it;
    fixed dates and properties, so that the corpus is the same on every run."""
    kind = path.suffix[1:]
    if kind == "pdf":
        write_pdf(path, sentences, pages=rng.randint(1, 4))
    elif kind == "docx":
        import docx

        document = docx.Document()
        document.core_properties.author = "Sekreterare"
        document.core_properties.created = document.core_properties.modified = datetime(2026, 1, 1)
        document.sections[0].header.paragraphs[0].text = "Vårdsamverkan"
        for sentence in sentences:
            document.add_paragraph(sentence)
        document.save(str(path))
        _fixed_zip_times(path)
    elif kind == "xlsx":
        import openpyxl

        workbook = openpyxl.Workbook()
        workbook.properties.created = workbook.properties.modified = datetime(2026, 1, 1)
        for row, sentence in enumerate(sentences, start=1):
            workbook.active.cell(row=row, column=1, value=sentence)
        workbook.save(str(path))
        _fixed_zip_times(path)
    elif kind == "pptx":
        import pptx

        presentation = pptx.Presentation()
        presentation.core_properties.created = presentation.core_properties.modified = datetime(2026, 1, 1)
        for sentence in sentences:
            slide = presentation.slides.add_slide(presentation.slide_layouts[1])
            slide.shapes.title.text = sentence[:40]
            slide.placeholders[1].text = sentence
        presentation.save(str(path))
        _fixed_zip_times(path)
    elif kind == "odt":
        from odf.opendocument import OpenDocumentText
        from odf.text import P

        document = OpenDocumentText()
        for sentence in sentences:
            document.text.addElement(P(text=sentence))
        document.save(str(path))
    else:  # a photo or a screenshot, with the metadata a phone writes
        from PIL import Image

        image = Image.new("RGB", (320, 240), (rng.randrange(256), 120, 80))
        exif = Image.Exif()
        exif[0x010F] = "Telefon"
        exif[0x0112] = 1
        image.save(path, exif=exif)


def _fixed_zip_times(path: Path) -> None:
    """An Office file's parts carry the time of saving: set them to one date,
    so that two corpora made a second apart are the same bytes."""
    import zipfile

    with zipfile.ZipFile(path) as source:
        parts = [(info, source.read(info)) for info in source.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for info, data in parts:
            if info.filename == "docProps/core.xml":  # openpyxl dates it at saving
                data = re.sub(rb"(<dcterms:modified[^>]*>)[^<]*", rb"\g<1>2026-01-01T00:00:00Z", data)
            fixed = zipfile.ZipInfo(info.filename, date_time=(2026, 1, 1, 0, 0, 0))
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = info.external_attr
            target.writestr(fixed, data)


def write_pdf(path: Path, sentences: list[str], pages: int) -> None:
    """A real PDF with a text layer, as the privacy guard reads it (fpdf2; fixed
    date so that the corpus is the same on every run)."""
    from datetime import datetime, timezone

    from fpdf import FPDF

    document = FPDF()
    document.set_creation_date(datetime(2026, 1, 1, tzinfo=timezone.utc))
    document.set_font("helvetica", size=11)
    for page in range(pages):
        document.add_page()
        for sentence in sentences:
            document.multi_cell(0, 6, sentence.encode("latin-1", "replace").decode("latin-1"), new_x="LMARGIN", new_y="NEXT")
    path.parent.mkdir(parents=True, exist_ok=True)
    document.output(str(path))

def slugify(name: str) -> str:
    table = str.maketrans({"å": "a", "ä": "a", "ö": "o", "é": "e"})
    return name.lower().translate(table).replace(" ", "-")


def write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def months_back(day: date, count: int) -> date:
    month = day.month - 1 - count
    return date(day.year + month // 12, month % 12 + 1, 1)


def nth_weekday(first_of_month: date, weekday: int, n: int) -> date:
    offset = (weekday - first_of_month.weekday()) % 7
    return first_of_month + timedelta(days=offset + 7 * (n - 1))


def generate(target: Path, minutes: int, seed: int = 1) -> dict:
    rng = random.Random(seed)
    if target.exists():
        shutil.rmtree(target)
    target.mkdir(parents=True)
    for name in SKELETON:
        src = REPO / name
        if src.is_dir():
            shutil.copytree(src, target / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(src, target / name)

    groups: list[str] = []
    meeting_groups: list[tuple[str, str, int, int]] = []  # slug, name, weekday, ordinal
    for slug, name in THEMES.items():
        write(target / f"docs/grupper/{slug}.md", f"---\nnamn: Temagrupp {name}\ntyp: temagrupp\n---\n\n## Uppdrag\n\n{SENTENCES[6]}\n")
        meeting_groups.append((slug, f"Temagrupp {name}", 3, 1))
    for slug, name in (("ledningsgrupp", "Ledningsgruppen"), ("beredningsgrupp", "Beredningsgruppen"), ("politiskt-samrad", "Politiskt samråd")):
        write(target / f"docs/grupper/{slug}.md", f"---\nnamn: {name}\ntyp: annan\n---\n\n{SENTENCES[0]}\n")
    for index, area in enumerate(AREAS):
        slug = slugify(area)
        themes = ", ".join(THEMES)
        write(
            target / f"docs/grupper/{slug}.md",
            f"---\nnamn: NOSAM {area}\ntyp: nosam\nkommun: {area}\ntemagrupper: [{themes}]\n"
            f"kontakt: nosam.{slug}@example.se\nordförande: Områdeschef, primärvården\n---\n\n"
            f"## Uppdrag\n\n{SENTENCES[index % len(SENTENCES)]} {SENTENCES[(index + 3) % len(SENTENCES)]}\n",
        )
        write(
            target / f"docs/grupper/vastbus-{slug}.md",
            f"---\nnamn: Västbusgrupp {area}\ntyp: vastbus\növerordnad: {slug}\ntemagrupper: [barn-och-unga]\n---\n\n{SENTENCES[8]}\n",
        )
        meeting_groups.append((slug, f"NOSAM {area}", 1 + index % 3, 1 + index % 4))
        meeting_groups.append((f"vastbus-{slug}", f"Västbusgrupp {area}", 2 + index % 3, 1 + (index + 2) % 4))
        groups += [slug, f"vastbus-{slug}"]
    for index in range(5):
        write(
            target / f"docs/grupper/stadsdel-{index + 1}.md",
            f"---\nnamn: NOSAM Stadsdel {index + 1}\ntyp: nosam\navvecklad: 2021-01-01\nersatt_av: {slugify(AREAS[index % 4])}\n---\n\n{SENTENCES[1]}\n",
        )

    # Minutes: each group meets on its weekday rule, month after month, back in time.
    attachments = 0
    per_group = -(-minutes // len(meeting_groups))
    written = 0
    for month in range(per_group):
        for slug, name, weekday, ordinal in meeting_groups:
            if written >= minutes:
                break
            first = months_back(TODAY.replace(day=1), month + 1)
            day = nth_weekday(first, weekday, ordinal)
            decisions = rng.sample(DECISIONS, rng.randint(1, 3))
            lines = [
                "---",
                f"sammanfattning: {rng.choice(SENTENCES)}",
                f"plats: {name.split(' ', 1)[1]}s mötesrum",
                "närvarande: [" + ", ".join(rng.sample(ROLES, 4)) + "]",
                "beslut:",
                *(f"  - {d}" for d in decisions),
            ]
            if rng.random() < 0.7:
                lines.append("åtgärder:")
                for _ in range(rng.randint(1, 3)):
                    due = day + timedelta(days=rng.randint(20, 120))
                    status = "klar" if due < TODAY and rng.random() < 0.8 else "öppen"
                    lines += [f"  - vad: {rng.choice(ACTIONS)}", f"    ansvarig: {rng.choice(ROLES)}",
                              f"    klart: {due.isoformat()}", f"    status: {status}"]
            if slug not in THEMES and rng.random() < 0.15:
                theme = rng.choice(list(THEMES))
                lines += ["lyfts_till:", f"  - till: {theme}", f"    fråga: {rng.choice(SENTENCES)}"]
            if written % 5 == 0:  # 2 000 attachments at 10 000 minutes, of every kind
                kind = ATTACHMENT_KINDS[(written // 5) % len(ATTACHMENT_KINDS)]
                file = f"{day.isoformat()}-bilaga.{kind}"
                (target / "minnesanteckningar" / slug).mkdir(parents=True, exist_ok=True)
                write_attachment(target / "minnesanteckningar" / slug / file, rng.sample(SENTENCES, 3), rng)
                lines += ["bilagor:", "  - titel: Presentation", f"    fil: {file}"]
                attachments += 1
            lines.append("taggar: [" + ", ".join(rng.sample(["SIP", "skolfrånvaro", "Västbus", "äldre", "handlingsplan"], 2)) + "]")
            body = ["## Dagordning", "", *(f"{i}. {rng.choice(DECISIONS)[:-1]}" for i in range(1, 4)), "", "## Anteckningar", ""]
            for _ in range(rng.randint(3, 6)):
                body += [" ".join(rng.sample(SENTENCES, 3)), ""]
            write(target / "minnesanteckningar" / slug / f"{day.isoformat()}.md", "\n".join(lines) + "\n---\n\n" + "\n".join(body))
            written += 1

    # Calendar: a recurring series per group, some single meetings and a cancelled one.
    events = 0
    singles_per_group = max(1, minutes // 5 // len(meeting_groups))
    weekday_names = ["måndag", "tisdag", "onsdag", "torsdag", "fredag"]
    # Like the minutes, the single meetings reach ten years back.
    spacing = max(7, 3650 // singles_per_group)
    for slug, name, weekday, ordinal in meeting_groups:
        first = nth_weekday(date(2026, 1, 1), weekday, ordinal)
        lines = [f"grupp: {slug}", f"plats: {name.split(' ', 1)[1]}s mötesrum", "händelser:",
                 f"  - datum: {first.isoformat()}", '    tid: "08:30-10:30"', "    upprepning:",
                 "      frekvens: månad", f"      veckodag: {weekday_names[weekday]}", f"      ordning: {ordinal}",
                 "      till: 2027-12-31"]
        events += 1
        for n in range(singles_per_group):
            day = TODAY - timedelta(days=spacing * (n + 1)) + timedelta(days=rng.randint(0, 3))
            # An id of its own: it may fall on the day the series starts.
            lines += [f"  - titel: Arbetsmöte {n + 1}", f"    id: {slug}-arbetsmote-{n + 1}", f"    datum: {day.isoformat()}",
                      '    tid: "13:00-15:00"']
            events += 1
        lines += ["  - titel: Extra möte", f"    id: {slug}-extra", "    datum: 2027-03-09", '    tid: "13:00-15:00"', "    inställd: true"]
        events += 1
        write(target / "kalender" / f"{slug}.yml", "\n".join(lines) + "\n")

    for n in range(30):
        write(
            target / f"verktygslada/verktyg-{n + 1}.md",
            f"---\ntitel: Verktyg {n + 1}\nsammanfattning: {SENTENCES[n % len(SENTENCES)]}\nkategori: Kategori {n % 5 + 1}\n"
            f"målgrupp: [barn och unga, vuxna]\ntaggar: [SIP, samverkan]\nsenast_granskad: 2026-06-01\n---\n\n"
            + "\n\n".join(SENTENCES[: 4 + n % 5]) + "\n",
        )
    for n in range(40):
        group = slugify(AREAS[n % len(AREAS)])
        end = f"giltig_till: {2025 + n % 4}-12-31\n" if n % 3 == 0 else ""
        write(
            target / f"docs/overenskommelser/overenskommelse-{n + 1}.md",
            f"---\ntitel: Överenskommelse {n + 1}\ntyp: {['överenskommelse', 'riktlinje', 'rutin', 'avtal'][n % 4]}\n"
            f"parter: [Kommunen, Västra Götalandsregionen]\ngrupper: [{group}]\nbeslutad: 2024-01-15\n"
            f"giltig_från: 2024-02-01\n{end}omprövas: årligen\n---\n\n{SENTENCES[n % len(SENTENCES)]}\n",
        )
    for n in range(10):
        write(
            target / f"docs/dokument/rapport-{n + 1}.md",
            f"---\ntitel: Rapport {n + 1}\ntyp: {['rapport', 'kartläggning', 'handlingsplan', 'årsrapport'][n % 4]}\n"
            f"datum: {2016 + n}-10-30\ngrupper: [barn-och-unga]\n---\n\n" + "\n\n".join(SENTENCES) + "\n",
        )
    return {"minutes": written, "events": events, "attachments": attachments, "groups": len(meeting_groups) + 8}


if __name__ == "__main__":
    print(generate(Path(sys.argv[2]), int(sys.argv[1])))

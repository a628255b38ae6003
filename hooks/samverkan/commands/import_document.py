"""Import a document from the old site into the content tree, for an editor to review.

    python -m samverkan import FIL TYP [GRUPP] [DATUM]

FIL: text pulled from a PDF, a web page saved as text (.txt), a PDF (.pdf) or a
Word file (.docx). TYP: dokument | minnesanteckning | nyhet. `make import
FIL=... TYP=... GRUPP=...` calls this. The result goes where its kind belongs,
never over an existing file, and a Swedish report says what was removed and
what to check.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path


from samverkan.content import fields as f
from samverkan.content.importing import Imported, clean_text
from samverkan.content.loaders.documents import DOCUMENT_DIR
from samverkan.content.loaders.minutes import MINUTES_DIR
from samverkan.content.loaders.news import NEWS_DIR
from samverkan.safety.privacy import find_identity_numbers

KINDS = ("dokument", "minnesanteckning", "nyhet")


class Refusal(Exception):
    pass


def read_pdf(path: Path) -> Imported:
    from pypdf import PdfReader

    try:
        reader = PdfReader(str(path))
        pages = [page.extract_text() or "" for page in reader.pages]
    except Exception as error:  # a broken PDF is the editor's problem to hear about, not a traceback
        raise Refusal(f"PDF-filen går inte att läsa ({error}).") from None
    if not any(p.strip() for p in pages):
        raise Refusal("PDF-filen innehåller ingen text (den är kanske inskannad). Den behöver skrivas av eller tolkas med OCR.")
    result = clean_text("\n\n".join(pages))
    result.to_check.append("tabeller: text ur PDF blir löpande text, tabeller behöver göras om för hand")
    return result


def read_docx(path: Path) -> Imported:
    from docx import Document as WordDocument
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    try:
        document = WordDocument(str(path))
    except Exception as error:
        raise Refusal(f"Word-filen går inte att läsa ({error}).") from None
    blocks: list[str] = []
    title = None
    for element in document.element.body.iterchildren():
        tag = element.tag.rsplit("}", 1)[-1]
        if tag == "p":
            paragraph = Paragraph(element, document)
            text = " ".join(paragraph.text.split())
            if not text:
                continue
            style = (paragraph.style.name or "").lower() if paragraph.style is not None else ""
            if style == "title" and title is None:
                title = text
            elif style.startswith("heading") or style.startswith("rubrik"):
                level = int("".join(c for c in style if c.isdigit()) or 1)
                if level == 1 and title is None:
                    title = text
                else:
                    blocks.append("#" * min(level + 1, 4) + " " + text)
            elif "list" in style or "lista" in style:
                if blocks and blocks[-1].startswith("- "):
                    blocks[-1] += f"\n- {text}"
                else:
                    blocks.append(f"- {text}")
            else:
                blocks.append(text)
        elif tag == "tbl":
            table = Table(element, document)
            rows = [[" ".join(c.text.split()).replace("|", "\\|") for c in row.cells] for row in table.rows]
            if rows:
                width = max(len(r) for r in rows)
                rows = [r + [""] * (width - len(r)) for r in rows]
                lines = ["| " + " | ".join(rows[0]) + " |", "|" + "---|" * width]
                lines += ["| " + " | ".join(r) + " |" for r in rows[1:]]
                blocks.append("\n".join(lines))
    # Word text goes through the same cleaning for furniture and dates.
    cleaned = clean_text("\n\n".join(b for b in blocks if not b.startswith(("|", "#", "- "))))
    result = Imported(title=title, markdown="\n\n".join(blocks) + "\n", day=cleaned.day, removed=cleaned.removed)
    result.to_check.append("tabellernas rubrikrad (första raden blir rubrik)")
    return result


def read_any(path: Path) -> Imported:
    suffix = path.suffix.lower()
    if suffix == ".pdf":
        return read_pdf(path)
    if suffix == ".docx":
        return read_docx(path)
    if suffix in (".txt", ".text", ".md", ""):
        try:
            text = path.read_text(encoding="utf-8-sig")
        except UnicodeDecodeError:
            text = path.read_text(encoding="cp1252")
        return clean_text(text)
    raise Refusal(f"Filtypen {suffix} kan inte importeras. Använd .txt, .pdf eller .docx.")


def _slug(text: str) -> str:
    return (f.suggest_slug(text) or "import")[:60].strip("-")


def import_file(root: Path, source: Path, kind: str, group: str | None, day_text: str | None) -> tuple[Path, Imported]:
    if kind not in KINDS:
        raise Refusal(f"TYP ska vara en av {', '.join(KINDS)}.")
    if not source.is_file():
        raise Refusal(f"Filen {source} finns inte.")
    result = read_any(source)
    day = f.parse_date(day_text) if day_text else result.day
    title = result.title or source.stem
    if group and not (root / "docs" / "grupper" / f"{group}.md").is_file():
        raise Refusal(f"Gruppen ”{group}” finns inte i docs/grupper/.")
    if kind == "minnesanteckning":
        if not group or not day:
            raise Refusal("Minnesanteckningar behöver GRUPP och ett datum (DATUM=ÅÅÅÅ-MM-DD om filen inte har något).")
        target = root / MINUTES_DIR / group / f"{day.isoformat()}.md"
        front = [f"titel: {json.dumps(title, ensure_ascii=False)}", "utkast: true"]
    elif kind == "nyhet":
        if not day:
            raise Refusal("Nyheter behöver ett datum (DATUM=ÅÅÅÅ-MM-DD om filen inte har något).")
        target = root / NEWS_DIR / f"{day.isoformat()}-{_slug(title)}.md"
        front = [f"date: {day.isoformat()}", "categories: [Importerat]", "draft: true"]
    else:
        target = root / DOCUMENT_DIR / f"{_slug(title)}.md"
        front = [f"titel: {json.dumps(title, ensure_ascii=False)}", "typ: rapport"]
        if day:
            front.append(f"datum: {day.isoformat()}")
        if group:
            front.append(f"grupper: [{group}]")
    if target.exists():
        raise Refusal(f"{target.relative_to(root)} finns redan och skrivs inte över.")
    body = result.markdown
    if kind == "nyhet":
        body = f"# {title}\n\n{body}"
    numbers = list(find_identity_numbers(body))
    if numbers:
        result.to_check.insert(0, f"texten innehåller {len(numbers)} personnummer som måste tas bort innan filen kan publiceras")
    header = "# Importerad från " + source.name + ". Granska texten och ta bort den här raden."
    target.parent.mkdir(parents=True, exist_ok=True)
    with target.open("x", encoding="utf-8") as out:
        out.write("---\n" + header + "\n" + "\n".join(front) + "\n---\n\n" + body)
    return target, result


def run(file: str, kind: str, group: str | None = None, day: str | None = None) -> int:
    root = Path(os.environ.get("SAMVERKAN_ROT", ".")).resolve()
    source, group, day = Path(file), group or None, day or None
    try:
        target, result = import_file(root, source, kind, group, day)
    except (Refusal, f.FieldError) as error:
        print(f"Ingen fil skapades: {getattr(error, 'message', error)}", file=sys.stderr)
        return 1
    print(f"Skapade {target.relative_to(root)}.")
    print(result.report())
    return 0


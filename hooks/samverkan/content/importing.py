"""Turning the old site's documents into Markdown an editor only needs to review.

Pure text in, Markdown and a Swedish report out: text extracted from PDFs
(page headers, footers and numbers, words hyphenated across lines, lines
broken inside paragraphs, "•" bullets) and web pages saved as text (browser
warnings, "Gå direkt till huvudinnehållet", "Senast uppdaterad").
Reading PDF and Word files is left to pypdf and python-docx (see
`import_document.py`); Word files keep their own headings, lists and tables.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import date

_BULLET = re.compile(r"^\s*[•▪●◦‣\-–]\s+")
_PAGE_NUMBER = re.compile(r"^\s*(?:sida|sid|page)\s*\d+\s*(?:av|\(|/|of)\s*\d+\)?\s*$|^\s*\d{1,3}\s*$", re.IGNORECASE)
_LONE_URL = re.compile(r"^\s*(?:https?://|www\.)\S+\s*$", re.IGNORECASE)
_DATE_LINE = re.compile(r"^\s*(?:datum|senast uppdaterad|publicerad)\s*:\s*(\d{4}-\d{2}-\d{2})(?:\s+\d{1,2}:\d{2})?\s*$", re.IGNORECASE)
_BOILERPLATE = (
    re.compile(r"^gå direkt till (huvud)?innehållet", re.IGNORECASE),
    re.compile(r"^hoppa till (huvud)?innehållet", re.IGNORECASE),
    re.compile(r"webbplatsen använder teknik som .*webbläsare", re.IGNORECASE),
    re.compile(r"^(denna|den här) webbplats använder (kakor|cookies)", re.IGNORECASE),
    re.compile(r"^(dela|skriv ut)( sidan)?$", re.IGNORECASE),
)
_END_PUNCTUATION = ".,:;!?)…”\""
MAX_HEADING = 70


@dataclass
class Imported:
    title: str | None
    markdown: str
    day: date | None = None
    removed: Counter = field(default_factory=Counter)
    to_check: list[str] = field(default_factory=list)

    def report(self) -> str:
        lines = ["Importen är klar. Granska filen innan den publiceras."]
        if self.removed:
            lines.append("Borttaget:")
            lines += [f"  - {count} {what}" for what, count in sorted(self.removed.items())]
        lines.append("Kontrollera:")
        checks = self.to_check or ["rubrikerna och styckeindelningen"]
        lines += [f"  - {c}" for c in checks]
        lines.append("  - att inga personuppgifter eller enskilda ärenden finns i texten")
        return "\n".join(lines)


def _lines_and_breaks(text: str) -> list[str | None]:
    """Lines, with None where a paragraph ends.

    Text pulled from a PDF here has an empty line after every line and a line
    of only spaces between paragraphs; other text has blank lines between
    paragraphs. Both become the same list."""
    raw = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u00a0", " ").split("\n")
    empty = sum(1 for line in raw if line == "")
    alternating = len(raw) > 6 and empty >= 0.4 * len(raw) and any(line.strip() == "" and line for line in raw)
    result: list[str | None] = []
    for line in raw:
        if alternating:
            if line == "":
                continue
            result.append(None if not line.strip() else line.strip())
        else:
            result.append(None if not line.strip() else line.strip())
    return result


def _is_furniture(line: str, repeated: set[str], result: Imported) -> bool:
    if _PAGE_NUMBER.match(line):
        result.removed["sidnummer"] += 1
        return True
    if _LONE_URL.match(line):
        result.removed["fristående webbadresser"] += 1
        return True
    if line in repeated:
        result.removed["sidhuvuden och sidfötter"] += 1
        return True
    for pattern in _BOILERPLATE:
        if pattern.search(line):
            result.removed["rader från den gamla webbplatsen (varningar, genvägar)"] += 1
            return True
    return False


def _join(previous: str, line: str) -> str:
    """Join a line broken inside a paragraph, mending words hyphenated across lines."""
    if previous.endswith("-") and line[:1].islower():
        before = previous[:-1]
        if before[-1:].isupper() or before[-1:].isdigit():
            return previous + line  # "NOSAM-" + "dialog": a real hyphen
        return before + line
    return f"{previous} {line}"


def _is_heading(block: list[str], next_block: list[str] | None) -> bool:
    if len(block) != 1 or next_block is None:
        return False
    line = block[0]
    return (
        len(line) <= MAX_HEADING
        and not line.endswith(tuple(_END_PUNCTUATION))
        and not _BULLET.match(line)
        and line[:1].isupper()
        and len(line.split()) <= 10
    )


def _split_inline_headings(block: list[str]) -> list[list[str]]:
    """"Bakgrund" or "Delmål" on a line of its own inside a block, between a
    finished sentence and a new one, is a heading without a paragraph break."""
    parts: list[list[str]] = [[]]
    for index, line in enumerate(block):
        previous = block[index - 1] if index else None
        following = block[index + 1] if index + 1 < len(block) else None
        if (
            following is not None
            and len(line) <= 50
            and _is_heading([line], [following])
            and following[:1].isupper()
            and (previous is None or previous.endswith(tuple(_END_PUNCTUATION)))
        ):
            if parts[-1]:
                parts.append([])
            parts[-1].append(line)
            parts.append([])
            continue
        parts[-1].append(line)
    return [part for part in parts if part]


def clean_text(text: str) -> Imported:
    result = Imported(title=None, markdown="")
    lines = _lines_and_breaks(text)
    counts = Counter(line for line in lines if line)
    # A short line that stands on several pages is a running header or footer.
    repeated = {line for line, n in counts.items() if n >= 2 and len(line) <= 60 and not _BULLET.match(line)}
    blocks: list[list[str]] = [[]]
    for line in lines:
        if line is None:
            if blocks[-1]:
                blocks.append([])
            continue
        match = _DATE_LINE.match(line)
        if match:
            try:
                result.day = result.day or date.fromisoformat(match[1])
                result.removed["datumrader (flyttade till inledningen)"] += 1
                continue
            except ValueError:
                pass
        if _is_furniture(line, repeated, result):
            continue
        blocks[-1].append(line)
    blocks = [b for b in blocks if b]
    if blocks and len(blocks[0]) == 1 and len(blocks[0][0]) <= 120:
        result.title = blocks.pop(0)[0]
    blocks = [part for block in blocks for part in _split_inline_headings(block)]
    out: list[str] = []
    after_heading = False
    for index, block in enumerate(blocks):
        following = blocks[index + 1] if index + 1 < len(blocks) else None
        # Two "headings" in a row: the second is the first one's content
        # ("Uppdragsgivare" / "Temagrupp barn och unga").
        if not after_heading and _is_heading(block, following):
            out.append(f"## {block[0]}")
            after_heading = True
            continue
        after_heading = False
        items: list[str] = []
        paragraph: str | None = None
        for line in block:
            if _BULLET.match(line):
                if paragraph is not None:
                    out.append(paragraph)
                    paragraph = None
                items.append(_BULLET.sub("", line))
            elif items:
                items[-1] = _join(items[-1], line)
            else:
                paragraph = line if paragraph is None else _join(paragraph, line)
        if paragraph is not None:
            out.append(paragraph)
        if items:
            out.append("\n".join(f"- {item}" for item in items))
    result.markdown = "\n\n".join(_merge_lists(out)) + "\n"
    if any("|" in b for b in out):
        result.to_check.append("tecknet | i texten: det kan komma från en tabell som behöver göras om")
    return result


def _merge_lists(blocks: list[str]) -> list[str]:
    """A list broken by a page break is one list."""
    merged: list[str] = []
    for block in blocks:
        if merged and block.startswith("- ") and merged[-1].startswith("- "):
            merged[-1] += "\n" + block
        else:
            merged.append(block)
    return merged


def plain_text(markdown: str) -> list[str]:
    """Paragraphs and list items as plain text, for comparing an import with a clean version."""
    parts = []
    for block in re.split(r"\n\s*\n", markdown):
        for line in block.split("\n") if re.match(r"^\s*[-•]\s", block) else [block]:
            text = re.sub(r"^\s*(?:#+|[-•])\s*", "", line)
            text = re.sub(r"[*_`]", "", " ".join(text.split()))
            if text:
                parts.append(text)
    return parts


def similarity(imported: str, expected: str) -> float:
    from difflib import SequenceMatcher

    return SequenceMatcher(None, "\n".join(plain_text(imported)), "\n".join(plain_text(expected)), autojunk=False).ratio()

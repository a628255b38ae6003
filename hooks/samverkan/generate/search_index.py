"""The site's search index: Pagefind, fed the searchable part of every page.

Pagefind splits its index into small fragments a browser loads as a visitor
types, so a query at ten thousand minutes downloads what it needs, not the
whole index (Material's lunr index was 467 kB gzipped before the first result).

Each page marks its searchable part (overrides/partials/searchable-start.html:
the article with its facets, never the menus). The build hands Pagefind only
that part, with the parts of Swedish compound words added at its end
(search_terms): "frånvaro" finds "skolfrånvaro". They follow a separator word
the site's search box knows, so a result's teaser never shows them.
"""

from __future__ import annotations

import base64
import html
import json
import re
import shutil
import subprocess
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from ..search_terms import compound_parts, words

START = "<div data-pagefind-body"
END = "</div><!--/sok-->"
# Between a page's own text and the compound parts added for the index; the
# search box (hooks/overrides/javascripts/sok.js) cuts a teaser's text there.
PARTS_SEPARATOR = "⁜"
_TITLE = re.compile(r"<h1[^>]*>(.*?)</h1>", re.S)
BUNDLE = "pagefind"  # the folder of the site the index is written into
# Parts of the article that are not its text: headings' permalinks (¶), the
# edit button, "Senast uppdaterad".
NOT_SEARCHED = (".headerlink", ".md-content__button", ".md-source-file")
UNUSED = ("pagefind-*ui.*", "pagefind-highlight.js", "wasm.unknown.pagefind")


@dataclass(frozen=True, slots=True)
class SearchDocument:
    """A page's searchable part, kept compressed: at ten thousand minutes the
    parts of all pages are some 60 MB of HTML until the index is written."""

    url: str  # from the site's root, "/grupper/nordost/"
    packed: bytes  # the searchable part of the page's HTML, zlib

    @property
    def html(self) -> str:
        return zlib.decompress(self.packed).decode("utf-8")


def searchable_part(url: str, page_html: str) -> SearchDocument | None:
    """What of a rendered page goes into the index; None for a page kept out."""
    start = page_html.find(START)
    if start < 0:
        return None
    end = page_html.find(END, start)
    if end < 0:
        return None
    url = "" if url in ("./", ".") else url  # MkDocs calls the start page "./"
    part = page_html[start : end + len(END)]
    return SearchDocument("/" + url.lstrip("/"), zlib.compress(part.encode("utf-8"), 1))


def documents_with_parts(documents: Iterable[SearchDocument]) -> Iterator[tuple[str, str]]:
    """(url, html) for Pagefind, one page at a time: each page's searchable
    part as a document of its own, the compound parts of its words after the
    separator. The site's own vocabulary is the dictionary (see search_terms)."""
    documents = sorted(documents, key=lambda d: d.url)
    vocabulary: set[str] = set()
    for document in documents:
        vocabulary |= words(document.html)
    parts = compound_parts(vocabulary)
    del vocabulary
    for document in documents:
        body = document.html
        found = words(body)
        heading = _TITLE.search(body)
        title = words(heading.group(1)) if heading else frozenset()
        # Parts of the title's words weigh as the title does: "frånvaro" finds
        # the page called "Problematisk skolfrånvaro" first.
        in_title = sorted({p for w in title for p in parts.get(w, ())} - found)
        in_text = sorted({p for w in found - title for p in parts.get(w, ())} - found - set(in_title))
        if in_title or in_text:
            tail = (f'<p data-pagefind-weight="7">{PARTS_SEPARATOR} {html.escape(" ".join(in_title))}</p>'
                    f'<p>{html.escape(" ".join(in_text))}</p>')
            body = body[: -len(END)] + tail + END
        yield document.url, f'<!DOCTYPE html><html lang="sv"><head></head><body>{body}</body></html>'


def write_index(documents: Iterable[SearchDocument], site_dir: Path) -> int:
    """Index the pages and write Pagefind's bundle (its script, WebAssembly and
    index fragments) into site_dir/pagefind, replacing the last one whole (a
    preview keeps searching the old index until the new one is complete).
    Returns how many pages it holds."""
    target = site_dir / BUNDLE
    fresh = site_dir / f".{BUNDLE}.ny"
    old = site_dir / f".{BUNDLE}.gammal"
    for leftover in (fresh, old):
        shutil.rmtree(leftover, ignore_errors=True)
    count = _pagefind(documents_with_parts(documents), fresh)
    for unused in UNUSED:  # Pagefind's ready-made interfaces: the site has its own search box
        for path in fresh.glob(unused):
            path.unlink()
    if target.exists():
        target.rename(old)
    fresh.rename(target)
    shutil.rmtree(old, ignore_errors=True)
    return count


def _pagefind(records: Iterable[tuple[str, str]], output: Path) -> int:
    """Pagefind's indexing service (`pagefind --service`, the protocol of its
    Node and Python wrappers: base64 JSON messages ending in a comma). Its
    Python wrapper waits a tenth of a second for each answer, which at twelve
    thousand pages is twenty minutes. Pages go one after another, each sent
    when the last is answered: Pagefind numbers pages in the order it finishes
    them, so the same site always gives the same index. Returns the pages sent."""
    from pagefind.service import get_executable  # the binary from PyPI's pagefind[bin]

    binary = get_executable()
    if binary is None:
        raise RuntimeError("Pagefind saknas: installera pagefind[bin] (make installerar det).")
    config = {"force_language": "sv", "exclude_selectors": list(NOT_SEARCHED)}
    service = subprocess.Popen([str(binary), "--service"], stdin=subprocess.PIPE, stdout=subprocess.PIPE)
    buffer = b""
    number = 0

    def ask(payload: dict) -> None:
        nonlocal buffer, number
        message = json.dumps({"message_id": number, "payload": payload}, ensure_ascii=False)
        number += 1
        service.stdin.write(base64.b64encode(message.encode("utf-8")) + b",")
        service.stdin.flush()
        while b"," not in buffer:
            chunk = service.stdout.read1(1 << 16)
            if not chunk:
                raise RuntimeError("Pagefind avslutades innan sökindexet var skrivet.")
            buffer += chunk
        answer, buffer = buffer.split(b",", 1)
        answered = json.loads(base64.b64decode(answer))["payload"]
        if answered.get("type") == "Error":
            raise RuntimeError(f"Pagefind: {answered.get('message')}")

    pages = 0
    try:
        ask({"type": "NewIndex", "config": config})
        for url, page in records:
            ask({"type": "AddFile", "index_id": 0, "url": url, "file_contents": page, "file_path": None})
            pages += 1
        ask({"type": "WriteFiles", "index_id": 0, "output_path": str(output)})
    finally:
        service.stdin.close()
        service.wait(timeout=30)
    return pages

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
import fnmatch
import html
import json
import os
import queue
import re
import shutil
import struct
import subprocess
import threading
import zlib
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from samverkan.language.search_terms import compound_parts, words
from samverkan.second_process import fork

START = "<div data-pagefind-body"
END = "</div><!--/sok-->"
# Between a page's own text and the compound parts added for the index; the
# search box (hooks/overrides/javascripts/sok.js) cuts a teaser's text there.
PARTS_SEPARATOR = "⁜"
_TITLE = re.compile(r"<h1[^>]*>(.*?)</h1>", re.S)
_TAG = re.compile(r"<[^>]+>")
_TRAIL = re.compile(r'<nav[^>]*class="sv-sokvag"[^>]*>.*?</nav>', re.S)  # "Minnesanteckningar › NOSAM Nordost › …"
_FACTS = re.compile(r'<div class="sv-fakta"(?P<ignored>[^>]*data-pagefind-ignore[^>]*)?>(?P<inside>.*?)</div>', re.S)
_DAYS = re.compile(r'data-sv-datum="([^"]*)"')
_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
_FIRST_LETTER = str.maketrans("åäöéü", "aaoeu")
VOCABULARY = "ord"  # the folder of the bundle the vocabulary is written into
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


def compound_dictionary(sources: Iterable[str]) -> dict[str, tuple[str, ...]]:
    """The compound words of the site and their parts, from the Markdown of
    every page (see search_terms). Known before the first page is rendered,
    so that a build can index each page as soon as it has it."""
    vocabulary: set[str] = set()
    for source in sources:
        vocabulary |= words(source)
    return compound_parts(vocabulary)


@dataclass(frozen=True, slots=True)
class IndexedPage:
    html: str  # what Pagefind gets
    words: frozenset[str]  # the page's words, for the search box's vocabulary


def with_parts(document: SearchDocument, parts: dict[str, tuple[str, ...]]) -> IndexedPage:
    """The page as Pagefind gets it: its own text first, the part a result's
    teaser is cut from (the breadcrumb left out, the fact box moved away: a
    teaser of "Grupp … Datum … Mötestyp" says nothing), then, after the
    separator, what is searched but never shown: the fact box, the parts of
    its compound words, and the days it is the meeting or minutes of."""
    body = _TRAIL.sub("", document.html)
    facts: list[str] = []

    def lift(match: re.Match) -> str:
        if not match.group("ignored"):  # a fact box kept out of the index stays out
            facts.append(html.unescape(_TAG.sub(" ", match.group("inside"))))
        return ""

    body = _FACTS.sub(lift, body)
    found = words(body) | words(" ".join(facts))
    heading = _TITLE.search(body)
    title = words(heading.group(1)) if heading else frozenset()
    # Parts of the title's words weigh as the title does: "frånvaro" finds
    # the page called "Problematisk skolfrånvaro" first.
    in_title = sorted({p for w in title for p in parts.get(w, ())} - found)
    in_text = sorted({p for w in found - title for p in parts.get(w, ())} - found - set(in_title))
    days = [day for match in _DAYS.finditer(body) for day in match.group(1).split()]
    tail = (f'<p data-pagefind-weight="7">{PARTS_SEPARATOR} {html.escape(" ".join(in_title))}</p>'
            f'<p>{html.escape(" ".join(in_text))}</p>'
            f'<p data-pagefind-weight="2">{html.escape(" ".join(facts))}</p>'
            f'<p data-pagefind-weight="10">{" ".join(date_words(days))}</p>')
    body = body[: -len(END)] + tail + END
    return IndexedPage(f'<!DOCTYPE html><html lang="sv"><head></head><body>{body}</body></html>', found)


def date_words(days: Iterable[str]) -> list[str]:
    """A day as one word the search box writes too (javascripts/sok.js):
    "2026-11-17" is "d20261117", and "d1117" for the day in any year."""
    made: dict[str, None] = {}
    for day in days:
        if _ISO_DAY.fullmatch(day):
            made[f"d{day.replace('-', '')}"] = None
            made[f"d{day[5:7]}{day[8:10]}"] = None
    return list(made)


def write_vocabulary(counts: Counter, output: Path) -> None:
    """The words of the index and on how many pages each is, one file per
    first letter (å, ä as a, ö as o): the search box corrects a typo, adds
    the å, ä and ö left out and tells a word on no page from the start of a
    longer one, loading only the file for the letters typed."""
    by_letter: dict[str, dict[str, int]] = {}
    for word, count in sorted(counts.items()):
        if len(word) < 2:
            continue  # a letter alone is no word to search for ("c" in "C-uppsats")
        by_letter.setdefault(word[0].translate(_FIRST_LETTER), {})[word] = count
    folder = output / VOCABULARY
    folder.mkdir(parents=True, exist_ok=True)
    for letter, known in by_letter.items():
        (folder / f"{letter}.json").write_text(json.dumps(known, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")


class SearchIndexing:
    """Writing the index of one build into site_dir/pagefind, page by page.

    Pagefind runs as a process of its own, so a build that adds each page as
    it is rendered has it indexed on the other core meanwhile; `finish`
    writes the bundle (its script, WebAssembly and index fragments) and
    replaces the last one whole (a preview keeps searching the old index
    until the new one is complete). Pagefind numbers pages in the order it
    gets them: the same pages in the same order give the same index.

    The pages are handed over in a thread of their own, to one of two
    indexers: a thread (a preview, after the browsers have their pages; its
    next rebuild may `cancel` an index it replaces), or a forked process (a
    full build, whose rendering thread would otherwise share Python's one
    lock with the work of preparing each page for Pagefind)."""

    def __init__(self, sources: list[str], site_dir: Path, separate_process: bool = False) -> None:
        self._site_dir = site_dir
        self._fresh = site_dir / f".{BUNDLE}.ny"
        shutil.rmtree(self._fresh, ignore_errors=True)
        self._waiting: queue.SimpleQueue = queue.SimpleQueue()
        self._cancelled = threading.Event()
        self._result: int | BaseException = RuntimeError("Sökindexet blev inte klart.")
        self._child = 0
        self._service: _PagefindService | None = None
        if separate_process:
            self._child, pages, self._answer = _fork_indexer(sources, self._fresh)
            target = self._hand_over
            args = (pages,)
        else:
            target = self._index
            args = (sources,)
        self._worker = threading.Thread(target=target, args=args, name="sokindex", daemon=True)
        self._worker.start()

    def add(self, document: SearchDocument | None) -> None:
        if document is not None:
            self._waiting.put(document)

    def finish(self) -> int:
        """Write the index; returns how many pages it holds."""
        self._waiting.put(_WRITE)
        self._worker.join()
        if self._child:
            self._result = _indexer_result(self._child, self._answer)
        if isinstance(self._result, BaseException):
            shutil.rmtree(self._fresh, ignore_errors=True)
            raise self._result
        target = self._site_dir / BUNDLE
        old = self._site_dir / f".{BUNDLE}.gammal"
        shutil.rmtree(old, ignore_errors=True)
        if target.exists():
            target.rename(old)
        self._fresh.rename(target)
        shutil.rmtree(old, ignore_errors=True)
        return self._result

    def abandon(self) -> None:
        """After a failed build: stop Pagefind, write nothing."""
        self.cancel()
        self._waiting.put(_ABANDON)
        self._worker.join()
        if self._child:  # it sees the pages end without the end mark
            _indexer_result(self._child, self._answer)
        shutil.rmtree(self._fresh, ignore_errors=True)

    def cancel(self) -> None:
        """Stop now; `finish` then raises IndexingCancelled. Pagefind is
        stopped too: writing the index of ten thousand pages takes it
        seconds, which the rebuild that cancels would otherwise wait for."""
        self._cancelled.set()
        service = self._service
        if service is not None:
            service.stop()

    def _queued(self) -> Iterator[SearchDocument]:
        while True:
            document = self._waiting.get()
            if document is _WRITE:
                return
            if document is _ABANDON or self._cancelled.is_set():
                raise IndexingCancelled()
            yield document

    def _index(self, sources: list[str]) -> None:
        try:
            self._service = _PagefindService()
            if self._cancelled.is_set():
                raise IndexingCancelled()
            self._result = index_pages(self._unless_cancelled(sources), self._queued(), self._fresh, self._service)
        except BaseException as error:  # raised by finish, in the build's thread
            self._result = IndexingCancelled() if self._cancelled.is_set() else error

    def _unless_cancelled(self, items: list[str]) -> Iterator[str]:
        for item in items:
            if self._cancelled.is_set():
                raise IndexingCancelled()
            yield item

    def _hand_over(self, pages: int) -> None:
        with os.fdopen(pages, "wb") as stream:
            try:
                for document in self._queued():
                    url = document.url.encode("utf-8")
                    stream.write(_FRAME.pack(len(url), len(document.packed)) + url + document.packed)
                stream.write(_FRAME.pack(_END, 0))
            except (IndexingCancelled, OSError):
                pass  # the indexer sees the pages end without the end mark and writes nothing


def index_pages(
    sources: Iterable[str], documents: Iterable[SearchDocument], output: Path, service: _PagefindService | None = None
) -> int:
    """Pagefind's index of these pages, in this order, written into output;
    returns how many pages it holds."""
    service = service or _PagefindService()
    try:
        service.ask({"type": "NewIndex", "config": {"force_language": "sv", "exclude_selectors": list(NOT_SEARCHED)}})
        parts = compound_dictionary(sources)
        del sources
        count = 0
        vocabulary: Counter = Counter()
        for document in documents:
            page = with_parts(document, parts)
            vocabulary.update(page.words)
            service.ask({"type": "AddFile", "index_id": 0, "url": document.url, "file_contents": page.html, "file_path": None})
            count += 1
        # Pagefind's own WriteFiles answers before its files are all on disk
        # (it leaves them to asynchronous writes, which its exit cuts short:
        # a truncated pagefind-worker.js was seen), so the build writes them.
        for file in service.ask({"type": "GetFiles", "index_id": 0})["files"]:
            name = file["path"]
            if any(fnmatch.fnmatch(name, unused) for unused in UNUSED):
                continue  # Pagefind's ready-made interfaces: the site has its own search box
            target = output / name
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(base64.b64decode(file["content"]))
        write_vocabulary(vocabulary, output)
        return count
    finally:
        service.close()


_WRITE = object()
_ABANDON = object()
_FRAME = struct.Struct("!II")  # a page: the lengths of its address and of its packed part
_END = 0xFFFFFFFF


class IndexingCancelled(Exception):
    pass


def _fork_indexer(sources: list[str], output: Path) -> tuple[int, int, int]:
    """A child process running index_pages on the pages written into a pipe.
    Forked, so it has the pages' Markdown without a copy being sent. Returns
    its pid, the pipe for the pages and the one for its answer."""
    import pagefind.service  # noqa: F401  (imported here, not in the child)

    pages_read, pages_write = os.pipe()
    answer_read, answer_write = os.pipe()

    def index() -> None:
        os.close(pages_write)
        os.close(answer_read)
        try:
            with os.fdopen(pages_read, "rb") as stream:
                answer = {"pages": index_pages(sources, _read_pages(stream), output)}
        except IndexingCancelled:
            answer = {"cancelled": True}
        except BaseException as error:
            answer = {"error": str(error) or type(error).__name__}
        os.write(answer_write, json.dumps(answer).encode("utf-8"))

    pid = fork(index)
    os.close(pages_read)
    os.close(answer_write)
    return pid, pages_write, answer_read


def _read_pages(stream) -> Iterator[SearchDocument]:
    while True:
        header = stream.read(_FRAME.size)
        if len(header) < _FRAME.size:
            raise IndexingCancelled()  # the build ended without finishing the index
        url_size, packed_size = _FRAME.unpack(header)
        if url_size == _END:
            return
        url = stream.read(url_size).decode("utf-8")
        yield SearchDocument(url, stream.read(packed_size))


def _indexer_result(pid: int, answer: int) -> int | BaseException:
    with os.fdopen(answer, "rb") as stream:
        text = stream.read()
    os.waitpid(pid, 0)
    try:
        answered = json.loads(text)
    except ValueError:
        return RuntimeError("Sökindexets process avslutades oväntat.")
    if "pages" in answered:
        return answered["pages"]
    if answered.get("cancelled"):
        return IndexingCancelled()
    return RuntimeError(answered.get("error", "okänt fel"))


class _PagefindService:
    """Pagefind's indexing service (`pagefind --service`, the protocol of its
    Node and Python wrappers: base64 JSON messages ending in a comma). Its
    Python wrapper waits a tenth of a second for each answer, which at twelve
    thousand pages is twenty minutes. Each message is sent when the last is
    answered, so pages are numbered in the order they were added."""

    def __init__(self) -> None:
        from pagefind.service import get_executable  # the binary from PyPI's pagefind[bin]

        binary = get_executable()
        if binary is None:
            raise RuntimeError("Pagefind saknas: installera pagefind[bin] (make installerar det).")
        self._process = subprocess.Popen([str(binary), "--service"], stdin=subprocess.PIPE, stdout=subprocess.PIPE)
        self._buffer = bytearray()
        self._number = 0

    def ask(self, payload: dict) -> dict:
        message = json.dumps({"message_id": self._number, "payload": payload}, ensure_ascii=False)
        self._number += 1
        self._process.stdin.write(base64.b64encode(message.encode("utf-8")) + b",")
        self._process.stdin.flush()
        end = self._buffer.find(b",")
        while end < 0:  # an answer can be megabytes: the whole index
            chunk = self._process.stdout.read1(1 << 20)
            if not chunk:
                raise RuntimeError("Pagefind avslutades innan sökindexet var skrivet.")
            searched = len(self._buffer)
            self._buffer += chunk
            end = self._buffer.find(b",", searched)
        answer = bytes(self._buffer[:end])
        del self._buffer[: end + 1]
        answered = json.loads(base64.b64decode(answer))["payload"]
        if answered.get("type") == "Error":
            raise RuntimeError(f"Pagefind: {answered.get('message')}")
        return answered

    def stop(self) -> None:
        """From another thread: end Pagefind; a question waiting for its answer fails."""
        try:
            self._process.kill()
        except OSError:
            pass

    def close(self) -> None:
        try:
            self._process.stdin.close()
        except OSError:
            pass
        try:
            self._process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self._process.kill()
            self._process.wait()

"""The search index writer on its own, without MkDocs: the same pages in the
same order give the same bundle from a thread and from a forked process, and
an index given up writes nothing and leaves the last one in place."""

from __future__ import annotations

import signal
import time
import zlib
from pathlib import Path

import pytest

from preview_support import differences
from samverkan.generate.search_index import IndexingCancelled, SearchDocument, SearchIndexing

PAGES = {
    "/grupper/nordost/": "NOSAM Nordost samverkar kring skolfrånvaro och psykisk hälsa.",
    "/minnesanteckningar/nordost/2026-11-17/": "Gruppen beslutade om en ny handlingsplan för skolfrånvaro.",
    "/kalender/handelser/live/": "Samverkanstorget Live hålls i Dalheimers hus.",
}
SOURCES = ["skolfrånvaro frånvaro skola handlingsplan plan"]


def documents() -> list[SearchDocument]:
    return [
        SearchDocument(url, zlib.compress(f'<div data-pagefind-body><h1>{url}</h1><p>{text}</p></div><!--/sok-->'.encode()))
        for url, text in PAGES.items()
    ]


def index(site: Path, separate_process: bool) -> int:
    indexing = SearchIndexing(SOURCES, site, separate_process=separate_process)
    for document in documents():
        indexing.add(document)
    return indexing.finish()


def test_a_thread_and_a_forked_process_write_the_same_index(tmp_path: Path):
    assert index(tmp_path / "thread", separate_process=False) == 3
    assert index(tmp_path / "process", separate_process=True) == 3
    bundle = tmp_path / "process" / "pagefind"
    assert len(list((bundle / "fragment").iterdir())) == 3
    # Written whole: Pagefind's own WriteFiles once left this file cut short.
    worker = (bundle / "pagefind-worker.js").read_bytes()
    assert worker.rstrip().endswith(b"})();"), worker[-80:]
    assert not list(bundle.glob("pagefind-*ui.*"))  # the site has its own search box
    assert differences(tmp_path / "thread", tmp_path / "process") == []


@pytest.mark.parametrize("separate_process", [False, True])
def test_an_index_given_up_leaves_the_last_one(tmp_path: Path, separate_process: bool):
    assert index(tmp_path, separate_process) == 3
    before = sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*"))
    indexing = SearchIndexing(SOURCES, tmp_path, separate_process=separate_process)
    indexing.add(documents()[0])
    if separate_process:
        indexing.abandon()  # a failed build
    else:
        indexing.cancel()  # a newer preview rebuild
        indexing.add(documents()[1])
        with pytest.raises(IndexingCancelled):
            indexing.finish()
    assert sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*")) == before


def test_a_preview_index_given_up_stops_pagefind_at_once(tmp_path: Path):
    """A rebuild that gives up the last preview's index does not wait for
    Pagefind to finish writing it (seconds at ten thousand pages)."""
    assert index(tmp_path, separate_process=False) == 3
    before = sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*"))
    indexing = SearchIndexing(SOURCES, tmp_path)
    for document in documents():
        indexing.add(document)
    deadline = time.monotonic() + 60
    while indexing._service is None and time.monotonic() < deadline:
        time.sleep(0.01)
    indexing.cancel()
    assert indexing._service._process.wait(timeout=10) == -signal.SIGKILL
    with pytest.raises(IndexingCancelled):
        indexing.finish()
    assert sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*")) == before

"""The second core for `mkdocs build`: Markdown of generated pages rendered in a child process.

MkDocs renders pages one after another, and Python-Markdown is about half of
what a large build of ours costs once the sidebar is rendered once per folder.
MkDocs has no parallel rendering, but a page's Markdown is rendered by
`Page.render` from nothing but the page, the config and the files, all
settled once the navigation is (`on_nav`). So at that point a forked child
takes the generated pages from the end of the build order backwards and
renders them exactly as MkDocs would (the same plugins' `on_page_markdown`,
the same `Page.render`), while the parent renders from the start. They meet
where their work balances: each says in shared memory which page it is at,
the child stops at the pages the parent has reached, and the parent renders
a page itself when the child has not (neither waits for the other; a fixed
split was measured at 10 000 minutes to leave either the parent waiting or
the child's core idle for half a minute). When the parent reaches a page
the child has rendered, its `render` takes the child's result instead of
converting again. What the child logs (a broken link) is logged again by
the parent at that page, so `--strict` counts it. If the child fails, the
parent renders the pages itself: the output is the same either way.

Part of the MkDocs edge: it imports MkDocs, the core does not.
"""

from __future__ import annotations

import logging
import mmap
import os
import pickle
import struct
import threading
import time
import types

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from samverkan.second_process import fork

# Below this many pages a fork costs more than it saves.
MINIMUM_PAGES = 200
_POSITION = struct.Struct("q")  # an index into the pool's pages, in shared memory


class MarkdownPool:
    """One child rendering `uris`; the parent collects its results as they come."""

    def __init__(self, uris: list[str]) -> None:
        self.uris = frozenset(uris)
        self._results: dict[str, dict | None] = {}
        self._ready = threading.Condition()
        self._done = False
        self._pid = 0
        self._order = uris  # the build order, which `uris` (a set) does not keep
        self._index = {uri: i for i, uri in enumerate(uris)}
        # Where each one is: the parent's last page of the pool, and the page the child is at.
        self._parent_at = mmap.mmap(-1, _POSITION.size)
        self._child_at = mmap.mmap(-1, _POSITION.size)
        _POSITION.pack_into(self._parent_at, 0, -1)
        _POSITION.pack_into(self._child_at, 0, len(uris))
        self.waited = 0.0  # for `make bench`
        self.taken = 0  # pages whose Markdown came from the child
        self.finished = 0.0  # when the child was done

    def start(self, config: MkDocsConfig, files: Files) -> None:
        read, write = os.pipe()

        def render() -> None:
            os.close(read)
            _render_in_child(self._order, config, files, write, self._parent_at, self._child_at)

        self._pid = fork(render)
        os.close(write)
        threading.Thread(target=self._collect, args=(read,), daemon=True).start()

    def _collect(self, read: int) -> None:
        with os.fdopen(read, "rb") as stream:
            while True:
                header = stream.read(4)
                if len(header) < 4:
                    break
                (size,) = struct.unpack("!I", header)
                result = pickle.loads(stream.read(size))
                with self._ready:
                    self._results[result["uri"]] = result
                    self._ready.notify_all()
        os.waitpid(self._pid, 0)
        with self._ready:
            self._done = True
            self.finished = time.perf_counter()
            self._ready.notify_all()

    def result(self, uri: str) -> dict | None:
        """The child's rendering of `uri`; None if the parent renders it itself."""
        index = self._index[uri]
        _POSITION.pack_into(self._parent_at, 0, index)  # the child stops before this page
        with self._ready:
            # Past this page, the child has rendered it: its result is on its way.
            if uri not in self._results and not self._done and _POSITION.unpack_from(self._child_at)[0] < index:
                start = time.perf_counter()
                while uri not in self._results and not self._done:
                    self._ready.wait()
                self.waited += time.perf_counter() - start
            return self._results.pop(uri, None)

    def adopt(self, page: Page, files: Files) -> None:
        """Let `page.render` take the child's result (called before MkDocs renders it)."""
        original = page.render

        def render(self: Page, config: MkDocsConfig, files_: Files) -> None:
            result = pool.result(self.file.src_uri)
            if result is None or result["markdown"] != hash(self.markdown):
                original(config, files_)
                return
            pool.taken += 1
            for record in result["log"]:
                logging.getLogger(record.name).handle(record)
            self.content = result["content"]
            self.toc = result["toc"]
            self._title_from_render = result["title"]
            self.present_anchor_ids = result["anchors"]
            if result["links_to_anchors"] is not None:
                self.links_to_anchors = {
                    files.get_file_from_path(uri): links for uri, links in result["links_to_anchors"].items()
                }

        pool = self
        page.render = types.MethodType(render, page)


def pool_for(config: MkDocsConfig, files: Files, generated: list[str]) -> MarkdownPool | None:
    """A started pool for the later part of `generated` (in build order), or None."""
    if threading.active_count() > 1 or len(generated) < MINIMUM_PAGES:
        return None
    wanted = set(generated)
    pool = MarkdownPool([f.src_uri for f in files.documentation_pages() if f.src_uri in wanted])
    pool.start(config, files)
    return pool


class _Captured(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        record.msg, record.args, record.exc_info, record.exc_text = record.getMessage(), None, None, None
        self.records.append(record)


def _render_in_child(
    uris: list[str], config: MkDocsConfig, files: Files, write: int, parent_at: mmap.mmap, child_at: mmap.mmap
) -> None:
    captured = _Captured()
    root = logging.getLogger()
    root.handlers = [captured]
    mkdocs_log = logging.getLogger("mkdocs")
    mkdocs_log.handlers, mkdocs_log.propagate = [], True
    with os.fdopen(write, "wb") as stream:
        for index in range(len(uris) - 1, -1, -1):
            _POSITION.pack_into(child_at, 0, index)
            if _POSITION.unpack_from(parent_at)[0] >= index:
                return  # the parent has rendered it and those before it
            uri = uris[index]
            file = files.get_file_from_path(uri)
            page = file.page or Page(None, file, config)
            config._current_page = page
            page = config.plugins.on_pre_page(page, config=config, files=files)
            page.read_source(config)
            page.markdown = config.plugins.on_page_markdown(page.markdown, page=page, config=config, files=files)
            captured.records = []
            page.render(config, files)
            links = page.links_to_anchors
            rendered = page.content
            data = pickle.dumps(
                {
                    "uri": uri,
                    "markdown": hash(page.markdown),  # forked: the same string hash as the parent's
                    "content": rendered,
                    "toc": page.toc,
                    "title": page._title_from_render,
                    "anchors": page.present_anchor_ids,
                    "links_to_anchors": None if links is None else {f.src_uri: v for f, v in links.items()},
                    "log": captured.records,
                }
            )
            stream.write(struct.pack("!I", len(data)) + data)
            stream.flush()


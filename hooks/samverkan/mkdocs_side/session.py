"""What one MkDocs process keeps: how it was started, this build's state, and the caches between preview rebuilds.

MkDocs imports the hook module once per process and calls its events in
turn; the modules beside this one share what those events know through
here. `build` is replaced by every build (loaded in `on_pre_build`, dropped
when it ends); what survives a `mkdocs serve` rebuild is a cache that the
random-edit test proves equal to a fresh build.
"""

from __future__ import annotations

import functools
import json
import logging
import os
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files

from samverkan import memo
from samverkan.content.model import Content
from samverkan.generate.accessibility import InaccessibleDocuments
from samverkan.generate.output import GeneratedAsset, GeneratedFile, GeneratedPage
from samverkan.generate.search_index import SearchIndexing
from samverkan.mkdocs_side.parallel import MarkdownPool
from samverkan.mkdocs_side.preview_state import PageInput, PreviewState
from samverkan.mkdocs_side.staging import Staging
from samverkan.problems import Problem

log = logging.getLogger("mkdocs.hooks.samverkan")
# Reminders for editors that must not fail a strict build (a tool past its
# review date is flagged, not hidden): outside the "mkdocs" logger tree, which
# is the one --strict counts.
reminders = logging.getLogger("samverkan.paminnelser")

# ---- How MkDocs was started ---------------------------------------------
# "build", "serve" or "gh-deploy", and whether it keeps the old output
# (--dirty). Process-wide by nature; everything about content lives in
# `build` and is replaced by every build.
command = "build"
dirty = False


@dataclass(frozen=True)
class BuildState:
    content: Content
    problems: tuple[Problem, ...]
    root: Path
    pages: tuple[GeneratedPage, ...]
    files: tuple[GeneratedFile, ...]
    assets: tuple[GeneratedAsset, ...]
    problem_banner: str
    sources: dict  # generated page -> the editor's file it comes from
    updated: dict  # editor's file (repository path) -> date of its last change
    withheld: frozenset[str]  # editors' files a preview must not show (see Problem.withhold)
    news_dates: dict  # news post (docs path) -> its date
    copies: dict  # attachment (repository path) -> the copy published instead (no metadata)
    data_files: tuple[str, ...] = ()  # the open data's files, written in on_env (see build.open_data)
    inaccessible: InaccessibleDocuments = field(default_factory=InaccessibleDocuments.none)
    contact: str = ""  # where visitors ask for an accessible copy


# ---- This build ------------------------------------------------------------
build: BuildState | None = None
# The output of a `mkdocs build` in progress, published in on_shutdown if it succeeded.
staging: Staging | None = None
# The menu of this build (addresses of its pages), and the sidebar rendered
# once per folder for pages outside it (see overrides/partials/nav.html).
menu_urls: tuple[str, ...] = ()
menu_pages: frozenset[str] = frozenset()
sidebars: dict[str, str] = {}
# `mkdocs build` on more than one core: a child renders the Markdown of the
# later generated pages (samverkan.mkdocs_side.parallel).
markdown_pool: MarkdownPool | None = None
# The hashes of the theme's own inline scripts (from the 404 page, rendered first).
theme_scripts: tuple[str, ...] = ()
# What the last gate found in the pages as rendered, and which outputs it read (dest paths).
output_problems: list[Problem] = []
scanned_outputs: set[str] = set()

# ---- The search index --------------------------------------------------------
# The searchable part of each page this build rendered, by address (see on_post_page).
search_documents: dict[str, object] = {}
# `mkdocs build` indexes each page as it is rendered (Pagefind works on the
# other core); a preview indexes after the browsers have their pages, in a thread.
indexing: SearchIndexing | None = None
search_indexing: threading.Thread | None = None
background_indexing: SearchIndexing | None = None
# The Markdown of every page, of which the search index's compound words are made.
search_sources: list[str] = []

# ---- What survives between preview rebuilds (`mkdocs serve --dirty`) ---------
# What the last good preview build rendered, so the next one renders only
# what changed. A cache: the random-edit test proves a preview equal to a
# fresh full build.
preview: PreviewState | None = None
# This build's plan: the pages, which of them render (None: all), the site
# fingerprint, and what was decided for every page of the build (by source).
rendering: tuple[list[PageInput], set[str] | None, str, dict[str, bool]] | None = None
files: Files | None = None  # the preview build's files, for the search index at its end
site_dir = ""  # the preview's output folder
preview_tags: list[bytes] = []  # tags.json of the last build that rendered the tools
# The MkDocs File of each generated page outside the menu, with its Page, as
# they were when MkDocs had made them (before any rendering), and what they
# were made under. A rebuild hands MkDocs the same objects, put back in that
# state, for the pages whose Markdown is the same: at ten thousand minutes,
# making twelve thousand of each anew is about a second of every rebuild.
kept_files: dict[str, tuple[File, dict, dict]] = {}
kept_under: tuple = ()
reused_files: dict[str, File] = {}  # this build's, by source path
# Compiled theme templates by name and source checksum: MkDocs makes a new
# template environment for every build, and compiling Material's templates
# anew costs half a second per preview rebuild.
compiled_templates: dict[str, bytes] = {}
PAGE_FINGERPRINTS = memo.memo()
# A preview's feeds, read by the last gate once per content.
SCANNED_FEEDS = memo.memo()

# ---- The web editor's local backend (under `mkdocs serve`) ------------------
editor_server = None  # editor_server.EditorServer, started by the first build

# ---- For `make bench` (SAMVERKAN_PROFIL=file) -------------------------------
# Time spent in our code per event, what was counted (the pages the second
# core rendered), how the cores shared the work, and the last gate's share.
timings: dict[str, float] = {}
counts: dict[str, int] = {}
second_core: dict[str, float] = {}
gate: dict[str, float] = {}


def timed(event):
    @functools.wraps(event)
    def wrapper(*args, **kwargs):
        start = time.perf_counter()
        try:
            return event(*args, **kwargs)
        finally:
            timings[event.__name__] = timings.get(event.__name__, 0.0) + time.perf_counter() - start

    return wrapper


def write_timings() -> None:
    target = os.environ.get("SAMVERKAN_PROFIL")
    if target:
        profile = {"seconds": timings, "counts": counts, "second_core": second_core, "last_gate": gate}
        Path(target).write_text(json.dumps(profile, indent=2), encoding="utf-8")


def workers() -> int:
    # Parsing thousands of minutes on every core saves seconds, but forking is
    # only safe without threads, and `mkdocs serve` runs the live-reload server
    # in threads; a plain build has none.
    # SAMVERKAN_KARNOR caps the cores (1: everything in this process).
    if command == "build" and threading.active_count() == 1:
        cores = os.cpu_count() or 1
        limit = os.environ.get("SAMVERKAN_KARNOR", "")
        return max(1, min(cores, int(limit))) if limit.isdigit() else cores
    return 1


def incremental() -> bool:
    return command == "serve" and dirty


def state() -> BuildState:
    if build is None:
        raise PluginError("Samverkanstorget: innehållet laddades inte (on_pre_build kördes inte).")
    return build

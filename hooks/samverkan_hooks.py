"""The MkDocs edge of Samverkanstorget.

The only module that imports MkDocs: it wires MkDocs events to the `samverkan`
package. Content is loaded and validated once per build in `on_pre_build`
(before MkDocs cleans the old output, so invalid content never costs the last
good site); later events only look things up. MkDocs imports this module once
per process, so nothing is computed at import time and every build starts
from nothing.
"""

from __future__ import annotations

import functools
import gc
import html
import json
import logging
import os
import shutil
import subprocess
import posixpath
import re
import threading
import time
from dataclasses import dataclass
from pathlib import Path

import jinja2
import jinja2.bccache
from markupsafe import Markup
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page
from mkdocs.utils import get_build_date
from mkdocs.utils import meta as mkdocs_meta

from samverkan import memo
from samverkan.content import CONTENT_ROOTS, load_content
from samverkan.generate import macros
from samverkan.generate.calendar_pages import feed_files
from samverkan.generate.editor_config import EDITOR_DIR, config_text, editor_config, editor_page
from samverkan.generate.links import PLAN_PAGES
from samverkan.generate.menu_labels import name_menu_toggles
from samverkan.generate.navigation import NEWS_INDEX, navigation
from samverkan.generate.news_feed import RSS_URI, rss
from samverkan.generate.output import GeneratedAsset, GeneratedFile, GeneratedPage
from samverkan.generate.pages import abbreviations, minutes_pages, site_assets, site_pages
from samverkan.generate.security_policy import (
    NGINX_EDITOR, NGINX_SITE, editor_policy, inline_script_hashes, nginx_header, site_policy, site_scope, with_policy,
)
from samverkan.generate.search_index import IndexingCancelled, SearchIndexing, searchable_part
from samverkan.generate.table_labels import label_cells
from samverkan.model import Content
from samverkan.file_gate import through_link
from samverkan.macro_calls import render_macros_requested
from samverkan.output_gate import output_problems, site_problems
from samverkan.markup_policy import first_heading
from samverkan.preview import PageInput, PreviewState, fingerprint, merge_search_documents
from samverkan.problems import Problem, report
from samverkan.second_process import computed
from samverkan.source_dates import date_of, last_changed
from samverkan.staging import Staging
from samverkan.swedish import swedish_date
from samverkan.today import build_date
from samverkan_parallel import MarkdownPool, pool_for

log = logging.getLogger("mkdocs.hooks.samverkan")
# Reminders for editors that must not fail a strict build (a tool past its
# review date is flagged, not hidden): outside the "mkdocs" logger tree, which
# is the one --strict counts.
reminders = logging.getLogger("samverkan.paminnelser")

# How MkDocs was started ("build", "serve", "gh-deploy") and whether it keeps
# the old output (--dirty). Process-wide by nature; everything about content
# lives in _build and is replaced by every build.
_command = "build"
_dirty = False


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


_build: BuildState | None = None

# The output of a `mkdocs build` in progress, published in on_shutdown if it succeeded.
_staging: Staging | None = None

# Under `mkdocs serve --dirty` (what `make serve` runs): what the last good
# preview build rendered, so the next one renders only what changed. A cache:
# the random-edit test proves a preview equal to a fresh full build.
_preview: PreviewState | None = None
# This build's plan: the pages, which of them render (None: all), the site
# fingerprint, and what was decided for every page of the build (by source).
_rendering: tuple[list[PageInput], set[str] | None, str, dict[str, bool]] | None = None

# The menu of this build (addresses of its pages), and the sidebar rendered
# once per folder for pages outside it (see overrides/partials/nav.html).
_menu_urls: tuple[str, ...] = ()
_menu_pages: frozenset[str] = frozenset()
_sidebars: dict[str, str] = {}

# `mkdocs build` on more than one core: a child renders the Markdown of the
# later generated pages (samverkan_parallel).
_markdown_pool: MarkdownPool | None = None

_files: Files | None = None  # the preview build's files, for the search index at its end
# The searchable part of each page this build rendered, by address (see on_post_page).
_search_documents: dict[str, object] = {}
# `mkdocs build` indexes each page as it is rendered (Pagefind works on the
# other core); a preview indexes after the browsers have their pages.
_indexing: SearchIndexing | None = None
# The Markdown of every page, of which the search index's compound words are made.
_search_sources: list[str] = []
_site_dir = ""  # the preview's output folder
_preview_tags: list[bytes] = []  # tags.json of the last build that rendered the tools
# Under the fast preview: the MkDocs File of each generated page outside the
# menu, with its Page, as they were when MkDocs had made them (before any
# rendering), and what they were made under. A rebuild hands MkDocs the same
# objects, put back in that state, for the pages whose Markdown is the same:
# at ten thousand minutes, making twelve thousand of each anew is about a
# second of every rebuild. A cache: the random-edit test proves it.
_kept_files: dict[str, tuple[File, dict, dict]] = {}
_kept_under: tuple = ()
_reused_files: dict[str, File] = {}  # this build's, by source path
# Compiled theme templates by name and source checksum: MkDocs makes a new
# template environment for every build, and compiling Material's templates
# anew costs half a second per preview rebuild.
_compiled_templates: dict[str, bytes] = {}

# The hashes of the theme's own inline scripts (from the 404 page, rendered first).
_theme_scripts: tuple[str, ...] = ()
# What the last gate found in the pages as rendered, and which outputs it read (dest paths).
_output_problems: list[Problem] = []
_scanned_outputs: set[str] = set()
# A preview's feeds, read once per content.
_SCANNED_FEEDS = memo.memo()

# Time spent in our code per event, for `make bench` (SAMVERKAN_PROFIL=file).
_timings: dict[str, float] = {}
# And what was counted (the pages the second core rendered).
_counts: dict[str, int] = {}
_second_core: dict[str, float] = {}
# The last gate's share of the build (inside on_post_page and on_post_build).
_gate: dict[str, float] = {}


def _timed(event):
    @functools.wraps(event)
    def wrapper(*args, **kwargs):
        start = time.perf_counter()
        try:
            return event(*args, **kwargs)
        finally:
            _timings[event.__name__] = _timings.get(event.__name__, 0.0) + time.perf_counter() - start

    return wrapper


def _write_timings() -> None:
    target = os.environ.get("SAMVERKAN_PROFIL")
    if target:
        Path(target).write_text(
            json.dumps({"seconds": _timings, "counts": _counts, "second_core": _second_core, "last_gate": _gate},
                   indent=2), encoding="utf-8"
        )


def on_startup(command: str, dirty: bool) -> None:
    global _command, _dirty, _preview
    _command, _dirty = command, dirty
    memo.keep_results(_incremental())
    if _incremental():
        _preview = PreviewState()
        # MkDocs warns that a dirty build may be inaccurate; ours decides what
        # to render again from what each page is made of, so it is not.
        logging.getLogger("mkdocs.commands.build").addFilter(
            lambda record: not record.getMessage().startswith("A 'dirty' build")
        )
    if not reminders.handlers:
        handler = logging.StreamHandler()
        handler.setFormatter(logging.Formatter("VARNING  -  %(message)s"))
        reminders.addHandler(handler)
        reminders.propagate = False


@_timed
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    """The output goes to a staging folder (published in on_shutdown); the preview is told it is one."""
    _timings.clear()
    _counts.clear()
    _gate.clear()
    # The preview shows content errors in a list every page fetches (see
    # overrides/main.html); a build with errors never gets this far.
    config.extra["samverkan_forhandsvisning"] = _command == "serve"
    # Material's inline script naming the site's place, the same on every
    # page, so that the security policy names it by one hash.
    config.extra.setdefault("scope", site_scope(config.site_url))
    global _staging
    # A dirty build only rewrites what changed, so it must write in place.
    if _command == "build" and not _dirty and _staging is None:
        _staging = Staging(Path(config.site_dir))
        config.site_dir = str(_staging.path)
    return config


@_timed
def on_pre_build(config: MkDocsConfig) -> None:
    global _build
    _build = None
    _output_problems.clear()
    _scanned_outputs.clear()
    _wait_for_search_index(give_up=True)
    # What the last build kept (the memos, the preview's state) is millions of
    # objects: a full collection of them during a rebuild costs a second or two.
    gc.freeze()
    try:
        _build = _load(config)
        # The content lives until the build ends: keep the collector from
        # walking it again and again (at ten thousand minutes that is a
        # second per build). Released in _end_build.
        gc.freeze()
    except PluginError:
        raise
    except Exception as error:  # editors must never see a traceback; developers get it with -v
        log.debug("Internt fel i Samverkanstorget", exc_info=True)
        raise PluginError(
            "Samverkanstorget kunde inte bygga webbplatsen på grund av ett internt fel "
            f"({type(error).__name__}: {error}). Kör mkdocs build -v för detaljer och "
            "kontakta den som förvaltar webbplatsen."
        ) from None


def _workers() -> int:
    # Parsing thousands of minutes on every core saves seconds, but forking is
    # only safe without threads, and `mkdocs serve` runs the live-reload server
    # in threads; a plain build has none.
    # SAMVERKAN_KARNOR caps the cores (1: everything in this process).
    if _command == "build" and threading.active_count() == 1:
        cores = os.cpu_count() or 1
        limit = os.environ.get("SAMVERKAN_KARNOR", "")
        return max(1, min(cores, int(limit))) if limit.isdigit() else cores
    return 1


def _load(config: MkDocsConfig) -> BuildState:
    root = Path(config.config_file_path).resolve().parent
    today, date_problems = build_date(os.environ)
    result = load_content(root, today, workers=_workers())
    problems = (*date_problems, *result.problems)
    if problems and _command != "serve":
        # A BuildError subclass: MkDocs prints the message, no traceback, and
        # stops before it touches site_dir.
        raise PluginError(report(problems))
    if problems:
        log.error(report(problems))
    for notice in result.notices:
        reminders.warning(str(notice))
    for tool in result.content.overdue_tools():
        reminders.warning(
            f"{tool.source.path}: ”{tool.title}” skulle ha granskats senast "
            f"{swedish_date(tool.review_due())}. Se listan på /redaktorer/granskning/."
        )
    site_url = config.site_url or "/"
    # The calendar feeds and the minutes' pages are made on the other core
    # while this one makes the other pages.
    elsewhere = computed(
        lambda: (feed_files(result.content, site_url), minutes_pages(result.content)), elsewhere=_workers() > 1
    )
    pages = site_pages(result.content, site_url, minutes=lambda: elsewhere()[1])
    return BuildState(
        content=result.content,
        problems=problems,
        root=root,
        pages=pages,
        files=elsewhere()[0],
        assets=site_assets(result.content),
        problem_banner=_banner(problems),
        sources={p.uri: p.source for p in pages if p.source},
        updated=last_changed(root, CONTENT_ROOTS),
        withheld=result.withheld,
        news_dates={post.uri: post.date for post in result.content.news},
        copies=result.copies,
    )


@_timed
def on_files(files: Files, config: MkDocsConfig) -> Files:
    state = _state()
    for file in [f for f in files if through_link(f.abs_src_path, config.docs_dir)]:
        files.remove(file)  # reached through a link (reported by the loaders): never published
    kept = _kept_files if _incremental() and _kept_under == _made_under(config) else {}
    reused = []
    for page in state.pages:
        existing = files.get_file_from_path(page.uri)
        if existing is not None:
            files.remove(existing)
        file = _kept_file(kept.get(page.uri), page.markdown)
        if file is None:
            file = File.generated(config, page.uri, content=page.markdown)
        else:
            reused.append(file)
        files.append(file)
    for generated in state.files:
        files.append(File.generated(config, generated.uri, content=generated.data))
        if _command == "serve":  # a build reads them with the whole site (on_post_build)
            found = _SCANNED_FEEDS.get(generated.data, lambda: output_problems(generated.data.decode(), generated.uri, None))
            if found:
                log.error(report(found))
                files.remove(files.get_file_from_path(generated.uri))
    docs = Path(config.docs_dir).name
    for file in [f for f in files if f"{docs}/{f.src_uri}" in state.withheld]:
        if not file.is_documentation_page():
            files.remove(file)  # a refused attachment in docs/: not even in the preview
    for file in [f for f in files if not f.generated_by and f"{docs}/{f.src_uri}" in state.copies]:
        files.remove(file)  # published as its copy without metadata
        files.append(File.generated(config, file.src_uri, abs_src_path=state.copies[f"{docs}/{file.src_uri}"]))
    generated = {page.uri for page in state.pages}
    for file in [f for f in files.documentation_pages() if f.src_uri.startswith(PLAN_PAGES) and f.src_uri not in generated]:
        files.remove(file)  # a draft or invalid action plan: its file is data, never a page of its own
    for asset in state.assets:
        path = state.root / asset.source
        if not through_link(str(path), str(state.root)):
            published = state.copies.get(asset.source, str(path))
            files.append(File.generated(config, asset.uri, abs_src_path=published))
    written = [
        f.src_uri
        for f in files.documentation_pages()
        if f.src_uri not in generated and not _is_news_post(f.src_uri)
    ]
    config.nav = _titled(navigation(state.content, written), files)
    if reused:
        # A page now in the menu gets a new Page: MkDocs sets a menu page's
        # place in the menu on the object it finds.
        in_menu = set(_menu_paths(config.nav))
        for file in reused:
            if file.src_uri in in_menu:
                file.page = None
    _reused_files.clear()
    _reused_files.update((file.src_uri, file) for file in reused if file.page is not None)
    for uri, kind, value in _editor_files(state, config):
        if kind == "path":
            files.append(File.generated(config, uri, abs_src_path=value))
        else:
            files.append(File.generated(config, uri, content=value))
    # The feed is filled in on_env; it exists now so that links to it are checked.
    files.append(File.generated(config, RSS_URI, content=b""))
    if _command == "serve":
        files.append(File.generated(config, PROBLEMS_URI, content=json.dumps({"html": state.problem_banner})))
    elif (script := files.get_file_from_path(PROBLEMS_SCRIPT)) is not None:
        files.remove(script)
    if _incremental():
        global _files, _site_dir
        _files, _site_dir = files, config.site_dir
        _plan_rendering(files, config, state)
    return files


# The web editor (Decap CMS), installed from npm by the Makefile (package-lock.json).
_DECAP_DIST = Path("node_modules") / "decap-cms" / "dist"
_DECAP_SERVER = Path("node_modules") / "decap-server" / "dist" / "index.js"
_decap_server: subprocess.Popen | None = None


def _editor_port() -> int:
    value = os.environ.get("SAMVERKAN_REDAKTOR_PORT", "")
    return int(value) if value.isdigit() else 8081


def _editor_files(state: BuildState, config: MkDocsConfig):
    """/redaktor/: the editor's page, its configuration from the content
    model, and Decap's script with the parts it loads on demand."""
    dist = state.root / _DECAP_DIST
    script = "decap-cms.js" if (dist / "decap-cms.js").is_file() else None
    if script is None:
        reminders.warning(
            "Redigeringsverktyget (/redaktor/) saknas: node_modules är inte installerat. Kör make serve eller make site."
        )
    site = config.extra.get("redaktor") or {}
    backend = _editor_backend(config)
    local_api = f"http://127.0.0.1:{_editor_port()}/api/v1"
    settings = editor_config(state.content, backend, local_api, config.site_url or "/")
    if site.get("publish_mode"):  # editorial_workflow: every change a pull/merge request
        settings["publish_mode"] = site["publish_mode"]
    policy = editor_policy(backend, local_api if _command == "serve" else None, header=False)
    yield f"{EDITOR_DIR}/index.html", "content", editor_page(script, policy)
    yield f"{EDITOR_DIR}/config.yml", "content", config_text(settings)
    if script is not None:
        for path in sorted(dist.iterdir()):
            if path.name.endswith(("decap-cms.js", ".wasm")):
                yield f"{EDITOR_DIR}/{path.name}", "path", str(path)


def _editor_backend(config: MkDocsConfig) -> dict:
    site = config.extra.get("redaktor") or {}
    return dict(site.get("backend") or {"name": "github", "repo": "ORGANISATION/samverkanstorget"})


def _end_with_parent() -> None:
    """In the editor backend's process: end when `mkdocs serve` ends, however
    it ends (a terminal closed, a test's terminate), not only through on_shutdown."""
    try:
        import ctypes
        import signal

        ctypes.CDLL(None).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG (Linux)
    except Exception:
        pass


def _start_local_editor_backend(root: Path) -> None:
    """`mkdocs serve`: the editor saves to this working copy through
    decap-server, on 127.0.0.1 only, so it can be tried without an account."""
    global _decap_server
    node = shutil.which("node")
    if _decap_server is not None or node is None or not (root / _DECAP_SERVER).is_file():
        return
    env = {**os.environ, "PORT": str(_editor_port()), "BIND_HOST": "127.0.0.1", "MODE": "fs"}
    _decap_server = subprocess.Popen(
        [node, str(root / _DECAP_SERVER)], cwd=root, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        preexec_fn=_end_with_parent,
    )
    log.info("Redigeringsverktyget i lokalt läge: /redaktor/ sparar direkt i den här mappen.")


def _made_under(config: MkDocsConfig) -> tuple:
    """What MkDocs makes a generated page's File and Page from, besides its Markdown."""
    return (config.site_url, config.site_dir, config.docs_dir, config.use_directory_urls, config.repo_url,
            config.edit_uri, config.edit_uri_template, get_build_date())


def _kept_file(kept: tuple[File, dict, dict] | None, markdown: str) -> File | None:
    if kept is None:
        return None
    file, file_state, page_state = kept
    if file_state.get("_content") != markdown:  # the same string object, mostly: compared by identity first
        return None
    file.__dict__.clear()
    file.__dict__.update(file_state)
    page = file_state["page"]
    page.__dict__.clear()
    page.__dict__.update({key: _copied(value) for key, value in page_state.items()})
    return file


def _copied(value):
    return value.copy() if isinstance(value, (dict, list, set)) else value


def _keep_files(files: Files, config: MkDocsConfig) -> None:
    """After MkDocs made the Pages (on_nav): the generated pages outside the menu, as they are now."""
    global _kept_files, _kept_under
    generated = {page.uri for page in _state().pages}
    kept = {}
    for file in files.documentation_pages(inclusion=lambda _: True):
        uri = file.src_uri
        if uri not in generated or file.page is None or uri in _menu_pages:
            continue
        if _reused_files.get(uri) is file:  # as it was kept: the same state
            kept[uri] = _kept_files[uri]
        else:
            kept[uri] = (file, dict(file.__dict__), dict(file.page.__dict__))
    _kept_files = kept
    _kept_under = _made_under(config)


def _menu_paths(nav):
    if isinstance(nav, str):
        yield nav
    elif isinstance(nav, list):
        for item in nav:
            yield from _menu_paths(item)
    elif isinstance(nav, dict):
        for value in nav.values():
            yield from _menu_paths(value)


def _titled(nav, files: Files):
    """Every menu entry with its title, so that the menu of a page never
    depends on whether its neighbours were rendered in the same build (a
    preview renders only what changed). The title is the one MkDocs would
    take: `title` in the front matter, else the first heading."""
    if isinstance(nav, list):
        return [_titled(item, files) for item in nav]
    if isinstance(nav, dict):
        return {label: (value if isinstance(value, str) else _titled(value, files)) for label, value in nav.items()}
    file = files.get_file_from_path(nav)
    if file is None:
        return nav
    markdown, meta = mkdocs_meta.get_data(file.content_string)
    title = meta.get("title") or first_heading(markdown)
    return {title: nav} if isinstance(title, str) and title else nav


_PAGE_FINGERPRINTS = memo.memo()


def _page_fingerprint(text: str, day, withheld: bool, glossary: str) -> str:
    # Most pages' Markdown is the very string of the last build (the page
    # generators keep their results): looked up, not hashed through again.
    return _PAGE_FINGERPRINTS.get((text, day, withheld, glossary),
                                  lambda: fingerprint(text, str(day), str(withheld), glossary))


def _plan_rendering(files: Files, config: MkDocsConfig, state: BuildState) -> None:
    """Decide which pages this preview build renders; the rest keep their output."""
    global _rendering
    root = state.root
    inputs = []
    for file in files.documentation_pages(inclusion=lambda _: True):
        uri = file.src_uri
        try:
            text = file.content_string
        except UnicodeDecodeError:  # reported by the loaders; MkDocs will say so too
            text = file.content_bytes.decode("utf-8", "replace")
        source = state.sources.get(uri) or (f"docs/{uri}" if not file.generated_by else None)
        day = date_of(root, source, state.updated) if source else None
        inputs.append(
            PageInput(
                uri,
                # The page's abbreviations are part of what it is made of.
                _page_fingerprint(text, day, source in state.withheld, abbreviations(state.content, text)),
                file.url,
                file.abs_dest_path,
                # The tag index and tags.json are made from the tools as they render.
                together="verktygslada" if uri.startswith("verktygslada/") else None,
                # Macros read all content; the news blog's lists and archives are
                # made from its posts as they render. Both are few pages.
                always="render_macros: true" in text or uri.startswith("aktuellt/"),
            )
        )
    site = fingerprint(
        json.dumps(config.nav, ensure_ascii=False, sort_keys=True),
        *(path.read_bytes() for path in _site_templates(root)),
    )
    _rendering = (inputs, _preview.plan(site, inputs), site, {})


@_timed
def on_nav(nav, config: MkDocsConfig, files: Files):
    """Tell MkDocs which pages a preview build renders. Here, not in on_files:
    the blog adds its lists after our on_files; pages we did not plan for
    (those lists) always render, since they are made of other pages."""
    global _menu_urls, _menu_pages, _markdown_pool
    _menu_urls = tuple(page.url for page in nav.pages)
    _menu_pages = frozenset(page.file.src_uri for page in nav.pages)
    _markdown_pool = None
    if _command == "build" and not _dirty and _workers() > 1:
        # Tools carry tags and the news blog collects its posts as they
        # render; both stay with MkDocs in this process.
        _markdown_pool = pool_for(
            config,
            files,
            [p.uri for p in _state().pages if not p.uri.startswith(("verktygslada/", "aktuellt/"))],
        )
    _counts["pages_rendered_by_child"] = 0
    if _incremental():
        _keep_files(files, config)
    if _rendering is not None:
        inputs, rendering, _, decided = _rendering
        planned = {p.uri for p in inputs}
        # All pages, also those the blog holds back from the menu (its posts).
        for file in files.documentation_pages(inclusion=lambda _: True):
            render = rendering is None or file.src_uri not in planned or file.src_uri in rendering
            file.is_modified = (lambda answer: lambda: answer)(render)
            decided[file.src_uri] = render
    return nav


def _site_templates(root: Path) -> list[Path]:
    """What every page is rendered with besides its own Markdown."""
    found = [root / "mkdocs.yml"]
    for folder in (root / "hooks" / "overrides",):
        found += sorted(p for p in folder.rglob("*") if p.is_file())
    return found


@_timed
def on_env(env, config: MkDocsConfig, files: Files):
    """The RSS feed, once the blog plugin has given every post its address
    (static files are copied after this event)."""
    state = _state()

    def url_of(post) -> str:
        file = files.get_file_from_path(post.uri)
        return file.url if file is not None else post.uri

    files.get_file_from_path(RSS_URI).content_bytes = rss(state.content.news, config.site_url or "/", url_of)
    if _incremental() and env.bytecode_cache is None:
        env.bytecode_cache = _TemplateCache()
    # Our nav.html wraps Material's, which it reaches as "material/…".
    custom = Path(config.theme.custom_dir).resolve() if config.theme.custom_dir else None
    theme_dirs = [d for d in config.theme.dirs if Path(d).resolve() != custom]
    env.loader = jinja2.ChoiceLoader(
        [env.loader, jinja2.PrefixLoader({"material": jinja2.FileSystemLoader(theme_dirs)})]
    )
    _sidebars.clear()
    env.globals["samverkan_sidebar_once"] = _sidebar_once
    env.filters["samverkan_named_toggles"] = lambda menu: Markup(name_menu_toggles(str(menu)))
    _search_documents.clear()
    sources = [_markdown_of(file) for file in files.documentation_pages()]
    if _command == "build":
        global _indexing
        separate = _markdown_pool is not None or _workers() > 1
        _indexing = SearchIndexing(sources, Path(config.site_dir), separate_process=separate)
    else:  # a preview indexes at its end (on_post_build)
        _search_sources[:] = sources
    return env


def _markdown_of(file) -> str:
    try:
        return file.content_string
    except (OSError, UnicodeDecodeError):  # reported where the page is rendered
        return ""


def _sidebar_once(folder: str, caller) -> Markup:
    sidebar = _sidebars.get(folder)
    if sidebar is None:
        sidebar = _sidebars[folder] = caller()
    return Markup(sidebar)


def on_page_context(context: dict, page: Page, config: MkDocsConfig, nav) -> dict:
    """Which pages share one rendering of the sidebar: those outside the menu
    (and not the blog's, whose lists have addresses of their own), by folder.
    A page's links to the menu are relative, so they are the same for every
    page in one folder unless the menu has pages below the page itself."""
    url = page.url
    shared = (
        page.file.src_uri not in _menu_pages
        and not page.file.src_uri.startswith(posixpath.dirname(NEWS_INDEX) + "/")
        and not any(menu_url.startswith(url) for menu_url in _menu_urls)
    )
    context["samverkan_sidebar"] = posixpath.dirname(url.rstrip("/")) + "/" if shared else ""
    if url.startswith(_NEWS_CATEGORIES) and not str(page.title).startswith("Nyheter om "):
        # A category's page would share its title with the page of that name ("NOSAM").
        page.title = f"Nyheter om {page.title}"
    return context


_NEWS_CATEGORIES = "aktuellt/kategori/"
# The preview's list of content errors and the script that shows it on every page.
# JSON, not HTML: `mkdocs serve` adds its reload script to every .html it serves.
PROBLEMS_URI = "byggfel.json"
PROBLEMS_SCRIPT = "javascripts/byggfel.js"


class _TemplateCache(jinja2.BytecodeCache):
    """Jinja's own bytecode cache, in memory for the life of `mkdocs serve`;
    Jinja checks each entry against the template source's checksum."""

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        code = _compiled_templates.get(bucket.key)
        if code is not None:
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        _compiled_templates[bucket.key] = bucket.bytecode_to_string()


# Before mkdocs-macros (priority 0): no page is ever its template.
@event_priority(100)
@_timed
def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Our macros on pages that opt in, and "Senast uppdaterad" from git, shown
    in Material's own place for it."""
    state = _state()
    uri = page.file.src_uri
    opted_in = render_macros_requested(page.meta)
    # mkdocs-macros takes this over its configuration (even force_render_paths).
    page.meta["render_macros"] = False
    if _markdown_pool is not None and uri in _markdown_pool.uris:
        _markdown_pool.adopt(page, files)
    source = state.sources.get(uri) or (
        f"{Path(config.docs_dir).name}/{uri}" if page.file.abs_src_path and not page.file.generated_by else None
    )
    if source in state.withheld:
        return _withheld_notice(source, state.problems)
    if opted_in and source and source.startswith("docs/"):
        try:
            markdown = macros.expand(markdown, state.content, uri)
        except macros.MacroError as error:
            raise PluginError(f"{source}: {error}") from None
    published = state.news_dates.get(uri)
    if published is not None:
        # A post is dated by when it was published, shown under its heading
        # (Material's blog shows it in a sidebar a phone hides), not by
        # when its file last changed.
        markdown = re.sub(r"^(# .*)$", lambda m: f"{m.group(1)}\n\n*Publicerad {swedish_date(published)}*",
                          markdown, count=1, flags=re.M)
    elif source:
        day = date_of(state.root, source, state.updated)
        if day is not None:
            page.meta["revision_date"] = f"Senast uppdaterad {swedish_date(day)}"
    glossary = abbreviations(state.content, markdown)
    return f"{markdown}\n\n{glossary}\n" if glossary else markdown


@_timed
def on_page_content(html_content: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    return label_cells(html_content)  # tables as cards on a phone


# Material leaves some landmarks without a (Swedish, unique) name, which
# screen readers need to tell them apart (axe: aria-dialog-name,
# landmark-unique). Naming them here keeps us off copies of Material's
# templates that would have to follow every upgrade.
_LANDMARK_NAMES = (
    ('<nav class="md-nav md-nav--primary" aria-label="Navigation"',
     '<nav class="md-nav md-nav--primary" aria-label="Huvudmeny"'),
    ('<nav class="md-path" aria-label="Navigation"', '<nav class="md-path" aria-label="Du är här"'),
    ('<nav class="md-nav md-nav--primary">', '<nav class="md-nav md-nav--primary" aria-label="Om nyheten">'),
    ('<nav class="md-tags" >', '<nav class="md-tags" aria-label="Ämnen">'),
)
# Material's Swedish for its news blog reads as a translation; said the way the site says it.
_BLOG_WORDS = (
    ("\n                    Tillbaka till index\n", "\n                    Alla nyheter\n"),
    ("\n                    Metadata\n", "\n                    Om nyheten\n"),
)


@_timed
def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    output = _with_site_policy(_named_landmarks(output))
    source = _state().sources.get(page.file.src_uri) or (
        None if page.file.generated_by else f"{Path(config.docs_dir).name}/{page.file.src_uri}")
    started = time.perf_counter()
    found = output_problems(output, page.file.dest_uri, source)
    _gate["pages"] = _gate.get("pages", 0.0) + time.perf_counter() - started
    if found:
        _output_problems.extend(found)
        _scanned_outputs.add(page.file.dest_uri)
        if _command != "serve":
            return output  # the build stops in on_post_build; nothing of it is published
        log.error(report(found))
        return _withheld_page(source or page.file.dest_uri, found)
    _scanned_outputs.add(page.file.dest_uri)
    if 'class="md-post__back"' in output:
        for material, ours in _BLOG_WORDS:
            output = output.replace(material, ours, 1)
    document = searchable_part(page.file.url, output)
    if _indexing is not None:
        _indexing.add(document)
    else:  # keyed as the preview lists pages (File.url: the start page is "./")
        _search_documents[page.file.url] = document
    return output


def _with_site_policy(output: str) -> str:
    # Not in the preview: `mkdocs serve` adds its own inline script for live reload.
    return output if _command == "serve" else with_policy(output, site_policy(_theme_scripts, header=False))


def _named_landmarks(output: str) -> str:
    for material, named in _LANDMARK_NAMES:
        output = output.replace(material, named, 1)
    # A news list's "Fortsätt läsa" is a link, not a navigation landmark (axe:
    # landmark-unique, one such nav per post on the list).
    if '<nav class="md-post__action">' in output:
        output = _POST_ACTION.sub(r'<div class="md-post__action">\1</div>', output)
    return output


_POST_ACTION = re.compile(r'<nav class="md-post__action">(.*?)</nav>', re.S)
# Material links "skip to content" to a page's first heading from its table
# of contents; the 404 page is a template without one.
_EMPTY_SKIP = re.compile(r'<div data-md-component="skip">\s*</div>')


def on_post_template(output_content: str, template_name: str, config: MkDocsConfig) -> str:
    """The 404 page is a theme template, not a page: name its landmarks too."""
    if template_name == "404.html":
        # Rendered before any page: the theme's own inline scripts, and only those, may run.
        global _theme_scripts
        _theme_scripts = inline_script_hashes(output_content)
        output_content = _with_site_policy(output_content)
        output_content = _EMPTY_SKIP.sub(
            '<div data-md-component="skip"><a href="#sidan-finns-inte" class="md-skip">Gå till innehållet</a></div>',
            output_content, count=1)
        return _named_landmarks(output_content)
    return output_content


@_timed
def on_post_build(config: MkDocsConfig) -> None:
    global _build, _rendering, _markdown_pool, _indexing
    if _markdown_pool is not None:
        _counts["pages_rendered_by_child"] = _markdown_pool.taken
        # Not time in our code (`seconds`), but how the two cores shared the work.
        _second_core["parent_waiting"] = _markdown_pool.waited
        if _markdown_pool.finished:
            _second_core["free_before_the_end"] = time.perf_counter() - _markdown_pool.finished
    _build, _markdown_pool = None, None
    if _indexing is not None:
        indexing, _indexing = _indexing, None
        try:
            count = indexing.finish()
        except (OSError, RuntimeError, ValueError) as error:
            raise PluginError(f"Sökindexet kunde inte skrivas: {error}") from None
        log.info(f"Sökindexet är uppdaterat ({count} sidor).")
        _write_server_policies(config)
        # The last gate, before on_shutdown swaps the new site in.
        started = time.perf_counter()
        found = [*_output_problems, *site_problems(Path(config.site_dir), _scanned_outputs)]
        _gate["other_files"] = time.perf_counter() - started
        if found:
            raise PluginError(report(found))
    else:
        # The pages are there for the browsers now; the search index follows
        # a moment later (at a thousand minutes it takes about a second),
        # before the next rebuild starts (see _wait_for_search_index). Its
        # pages go to Pagefind in the order a full build renders them.
        documents = _finish_preview() if _rendering is not None else dict(_search_documents)
        _search_documents.clear()
        global _search_indexing, _background_indexing
        _background_indexing = SearchIndexing(list(_search_sources), Path(config.site_dir))
        for document in documents.values():
            _background_indexing.add(document)
        _search_indexing = threading.Thread(target=_index_for_search, args=(_background_indexing,), daemon=True)
        _search_indexing.start()
    _rendering = None
    _end_build()


def _write_server_policies(config: MkDocsConfig) -> None:
    """The policies as nginx sends them (see the operators' guide), beside the pages."""
    site = Path(config.site_dir)
    (site / NGINX_SITE).write_text(nginx_header(site_policy(_theme_scripts, header=True)), encoding="utf-8")
    editor = editor_policy(_editor_backend(config), None, header=True)
    (site / NGINX_EDITOR).write_text(nginx_header(editor), encoding="utf-8")


_search_indexing: threading.Thread | None = None
_background_indexing: SearchIndexing | None = None


def _index_for_search(indexing: SearchIndexing) -> None:
    try:
        count = indexing.finish()
    except IndexingCancelled:  # a newer build is on its way, with its own index
        log.info("Sökindexet görs om av nästa bygge.")
        return
    except (OSError, RuntimeError, ValueError) as error:
        log.error(f"Sökindexet kunde inte skrivas: {error}")
        return
    log.info(f"Sökindexet är uppdaterat ({count} sidor).")


def _wait_for_search_index(give_up: bool = False) -> None:
    """A preview's last search index is done before anything else is; a
    rebuild gives it up, since it makes a new one."""
    if give_up and _background_indexing is not None:
        _background_indexing.cancel()
    if _search_indexing is not None:
        _search_indexing.join()


def _finish_preview() -> dict:
    """After a preview build: every page's searchable part as a full build
    would have it, the output of removed pages deleted, and what this build
    rendered remembered."""
    global _preview
    inputs, rendering, site, decided = _rendering
    # Addresses as the build wrote them: the blog moves its posts after on_files.
    pages = _files.documentation_pages()
    rendered_urls = {f.url for f in pages if decided.get(f.src_uri, True)}
    merged = merge_search_documents(_search_documents, _preview.search, [f.url for f in pages], rendered_urls)
    outputs = frozenset(f.abs_dest_path for f in _files)
    for dest in _preview.removed_outputs(outputs):
        Path(dest).unlink(missing_ok=True)
    # Material's tags plugin writes tags.json from the tagged pages (the tools)
    # it saw render: when none did, the last full one still holds.
    tags_file = Path(_site_dir) / "tags.json"
    tools_rendered = rendering is None or any(p.together == "verktygslada" and p.uri in rendering for p in inputs)
    if tools_rendered and tags_file.is_file():
        _preview_tags[:] = [tags_file.read_bytes()]
    elif _preview_tags:
        tags_file.write_bytes(_preview_tags[0])
    _preview = PreviewState(
        site=site,
        pages={p.uri: p.fingerprint for p in inputs},
        dests=outputs,
        search=merged,
    )
    return merged


def on_serve(server, config: MkDocsConfig, builder):
    """Under the fast preview, watch the content with the operating system's
    file notifications: MkDocs polls every watched file twice a second, which
    at ten thousand minutes is both a second's delay and a busy core. Any
    trouble with that, and MkDocs's own polling stays."""
    _start_local_editor_backend(Path(config.config_file_path).resolve().parent)
    if not _incremental():
        return server
    try:
        from watchdog import events
        from watchdog.observers import Observer

        # Only changes: by default inotify also reports every file opened and
        # read, and the build reads thousands, each event costing the build
        # time in the watcher's thread.
        changes = [events.FileCreatedEvent, events.FileModifiedEvent, events.FileDeletedEvent, events.FileMovedEvent,
                   events.FileClosedEvent, events.DirCreatedEvent, events.DirDeletedEvent, events.DirMovedEvent]
        observer = Observer()
        refs = {}
        # Also the `watch:` folders, which MkDocs adds after this event: seeing
        # them watched already, it only counts them.
        paths = [*server._watched_paths, *(os.path.abspath(p) for p in config.watch)]
        for path in dict.fromkeys(paths):
            handler = events.FileSystemEventHandler()
            handler.on_any_event = _rebuild_on_change(server)
            refs[path] = observer.schedule(handler, path, recursive=True, event_filter=changes)
        counts = {path: server._watched_paths.get(path, 1) for path in refs}
        # A commit changes what the pages say without touching a watched file:
        # "Senast uppdaterad" and the feeds' LAST-MODIFIED come from the history.
        head_log = _head_log(Path(config.config_file_path).resolve().parent)
        if head_log is not None:
            handler = events.FileSystemEventHandler()
            handler.on_any_event = _rebuild_on_change(server, only=str(head_log))
            observer.schedule(handler, str(head_log.parent), recursive=False, event_filter=changes)
    except Exception:  # another MkDocs, no inotify: keep polling
        log.debug("Samverkanstorget: behåller MkDocs bevakning", exc_info=True)
        return server
    server.observer = observer
    server._watch_refs = refs
    server._watched_paths = counts
    return server


def _head_log(root: Path) -> Path | None:
    """The file git appends to on every commit and checkout (.git/logs/HEAD)."""
    try:
        found = subprocess.run(["git", "-C", str(root), "rev-parse", "--absolute-git-dir"],
                               capture_output=True, text=True, timeout=10)
    except (OSError, subprocess.SubprocessError):
        return None
    if found.returncode != 0 or not found.stdout.strip():
        return None
    logs = Path(found.stdout.strip()) / "logs"
    return logs / "HEAD" if logs.is_dir() else None


def _rebuild_on_change(server, only: str | None = None):
    def callback(event) -> None:
        # inotify also reports files being opened and read (by the build itself).
        if event.is_directory or event.event_type not in ("created", "modified", "deleted", "moved", "closed"):
            return
        if only is not None and only not in (event.src_path, getattr(event, "dest_path", "")):
            return
        # The last search index is of no use now, and making it holds the
        # process's one lock half of the time the rebuild would have it.
        if _background_indexing is not None:
            _background_indexing.cancel()
        with server._rebuild_cond:
            server._want_rebuild = True
            server._rebuild_cond.notify_all()

    return callback


def on_shutdown() -> None:
    """After `mkdocs build`, whether it succeeded or not (MkDocs calls this in a finally)."""
    global _staging, _decap_server
    _wait_for_search_index()
    _write_timings()
    if _decap_server is not None:
        _decap_server.terminate()
        _decap_server.wait(timeout=10)
        _decap_server = None
    if _staging is not None:
        staging, _staging = _staging, None
        if staging.failed or not staging.path.is_dir():
            staging.discard()
        else:
            staging.publish()


def _end_build() -> None:
    """Under `mkdocs serve`, what the build frozen and left behind is collected
    once the browsers have their pages, not during the next build."""
    if _command == "serve":
        gc.unfreeze()
        collect = threading.Timer(0.5, gc.collect)
        collect.daemon = True
        collect.start()


def on_build_error(error: Exception) -> None:
    global _build, _preview, _rendering, _markdown_pool, _indexing
    _end_build()
    _build, _markdown_pool = None, None
    if _indexing is not None:
        indexing, _indexing = _indexing, None
        indexing.abandon()
    if _rendering is not None:  # the output is half written: render everything next time
        _preview, _rendering = PreviewState(), None
    _kept_files.clear()
    _reused_files.clear()
    if _staging is not None:
        _staging.failed = True


def _incremental() -> bool:
    return _command == "serve" and _dirty


def _state() -> BuildState:
    if _build is None:
        raise PluginError("Samverkanstorget: innehållet laddades inte (on_pre_build kördes inte).")
    return _build


def _is_news_post(uri: str) -> bool:
    return uri.startswith(NEWS_INDEX.rsplit("/", 1)[0] + "/posts/")


def _withheld_notice(source: str, problems: tuple[Problem, ...]) -> str:
    """What a preview shows instead of a page whose file is unsafe to show."""
    items = "".join(f"<li>{html.escape(str(p))}</li>" for p in problems if p.file == source)
    return (
        '<div class="admonition failure" role="alert"><p class="admonition-title">Sidan visas inte</p>'
        f"<p>{html.escape(source)} innehåller något som inte får publiceras. Rätta felen och spara:</p>"
        f"<ul>{items}</ul></div>\n"
    )


def _withheld_page(source: str, problems: list[Problem]) -> str:
    """What a preview shows instead of a rendered page the last gate stopped."""
    return (
        '<!doctype html><html lang="sv"><head><meta charset="utf-8"><title>Sidan visas inte</title></head>'
        f"<body><main>{_withheld_notice(source, tuple(problems))}</main></body></html>"
    )


def _banner(problems: tuple[Problem, ...]) -> str:
    """Shown on every page of a preview while content has errors (fetched: see PROBLEMS_URI)."""
    if not problems:
        return ""
    items = "".join(f"<li>{html.escape(str(p))}</li>" for p in problems)
    return (
        '<div class="admonition failure sv-byggfel" role="alert">'
        f'<p class="admonition-title">Innehållet har {len(problems)} fel</p>'
        "<p>Sidorna nedan visar det som gick att läsa. Rätta felen och spara, "
        f"så uppdateras förhandsvisningen.</p><ul>{items}</ul></div>"
    )

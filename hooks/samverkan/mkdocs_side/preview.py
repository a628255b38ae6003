"""The fast preview (`mkdocs serve --dirty`): what survives between rebuilds.

MkDocs's own File and Page objects of unchanged generated pages kept, the
plan of which pages a rebuild renders again, the compiled theme templates,
the file watcher, and after each rebuild the search documents merged and
removed pages deleted. All of it is a cache: the random-edit test proves a
preview equal to a fresh full build.
"""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import jinja2
import jinja2.bccache
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files
from mkdocs.utils import get_build_date
from mkdocs.utils import meta as mkdocs_meta

from samverkan.content.source_dates import date_of
from samverkan.generate.pages import abbreviations
from samverkan.mkdocs_side import session
from samverkan.mkdocs_side.preview_state import PageInput, PreviewState, fingerprint, merge_search_documents
from samverkan.safety.markup_policy import first_heading


def made_under(config: MkDocsConfig) -> tuple:
    """What MkDocs makes a generated page's File and Page from, besides its Markdown."""
    return (config.site_url, config.site_dir, config.docs_dir, config.use_directory_urls, config.repo_url,
            config.edit_uri, config.edit_uri_template, get_build_date())


def kept_file(kept: tuple[File, dict, dict] | None, markdown: str) -> File | None:
    if kept is None:
        return None
    file, file_state, page_state = kept
    if file_state.get("_content") != markdown:  # the same string object, mostly: compared by identity first
        return None
    file.__dict__.clear()
    file.__dict__.update(file_state)
    page = file_state["page"]
    page.__dict__.clear()
    page.__dict__.update({key: copied(value) for key, value in page_state.items()})
    return file


def copied(value):
    return value.copy() if isinstance(value, (dict, list, set)) else value


def keep_files(files: Files, config: MkDocsConfig) -> None:
    """After MkDocs made the Pages (on_nav): the generated pages outside the menu, as they are now."""
    generated = {page.uri for page in session.state().pages}
    kept = {}
    for file in files.documentation_pages(inclusion=lambda _: True):
        uri = file.src_uri
        if uri not in generated or file.page is None or uri in session.menu_pages:
            continue
        if session.reused_files.get(uri) is file:  # as it was kept: the same state
            kept[uri] = session.kept_files[uri]
        else:
            kept[uri] = (file, dict(file.__dict__), dict(file.page.__dict__))
    session.kept_files = kept
    session.kept_under = made_under(config)


def menu_paths(nav):
    if isinstance(nav, str):
        yield nav
    elif isinstance(nav, list):
        for item in nav:
            yield from menu_paths(item)
    elif isinstance(nav, dict):
        for value in nav.values():
            yield from menu_paths(value)


def titled(nav, files: Files):
    """Every menu entry with its title, so that the menu of a page never
    depends on whether its neighbours were rendered in the same build (a
    preview renders only what changed). The title is the one MkDocs would
    take: `title` in the front matter, else the first heading."""
    if isinstance(nav, list):
        return [titled(item, files) for item in nav]
    if isinstance(nav, dict):
        return {label: (value if isinstance(value, str) else titled(value, files)) for label, value in nav.items()}
    file = files.get_file_from_path(nav)
    if file is None:
        return nav
    markdown, meta = mkdocs_meta.get_data(file.content_string)
    title = meta.get("title") or first_heading(markdown)
    return {title: nav} if isinstance(title, str) and title else nav


def page_fingerprint(text: str, day, withheld: bool, glossary: str) -> str:
    # Most pages' Markdown is the very string of the last build (the page
    # generators keep their results): looked up, not hashed through again.
    return session.PAGE_FINGERPRINTS.get((text, day, withheld, glossary),
                                  lambda: fingerprint(text, str(day), str(withheld), glossary))


def plan_rendering(files: Files, config: MkDocsConfig, state: session.BuildState) -> None:
    """Decide which pages this preview build renders; the rest keep their output."""
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
                page_fingerprint(text, day, source in state.withheld, abbreviations(state.content, text)),
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
        *(path.read_bytes() for path in site_templates(root)),
        # A page's notice beside a link to a document not everyone can read
        # (generate/accessibility.py) comes from the document, not the page:
        # when that list changes, which is seldom, every page is made anew.
        json.dumps(sorted((url, f.findings) for url, f in state.inaccessible.by_url.items()), ensure_ascii=False),
    )
    session.rendering = (inputs, session.preview.plan(site, inputs), site, {})


def site_templates(root: Path) -> list[Path]:
    """What every page is rendered with besides its own Markdown."""
    found = [root / "mkdocs.yml"]
    for folder in (root / "hooks" / "overrides",):
        found += sorted(p for p in folder.rglob("*") if p.is_file())
    return found


class TemplateCache(jinja2.BytecodeCache):
    """Jinja's own bytecode cache, in memory for the life of `mkdocs serve`;
    Jinja checks each entry against the template source's checksum."""

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        code = session.compiled_templates.get(bucket.key)
        if code is not None:
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        session.compiled_templates[bucket.key] = bucket.bytecode_to_string()


def finish_preview() -> dict:
    """After a preview build: every page's searchable part as a full build
    would have it, the output of removed pages deleted, and what this build
    rendered remembered."""
    inputs, rendering, site, decided = session.rendering
    # Addresses as the build wrote them: the blog moves its posts after on_files.
    pages = session.files.documentation_pages()
    rendered_urls = {f.url for f in pages if decided.get(f.src_uri, True)}
    merged = merge_search_documents(session.search_documents, session.preview.search, [f.url for f in pages], rendered_urls)
    outputs = frozenset(f.abs_dest_path for f in session.files)
    for dest in session.preview.removed_outputs(outputs):
        Path(dest).unlink(missing_ok=True)
    # Material's tags plugin writes tags.json from the tagged pages (the tools)
    # it saw render: when none did, the last full one still holds.
    tags_file = Path(session.site_dir) / "tags.json"
    tools_rendered = rendering is None or any(p.together == "verktygslada" and p.uri in rendering for p in inputs)
    if tools_rendered and tags_file.is_file():
        session.preview_tags[:] = [tags_file.read_bytes()]
    elif session.preview_tags:
        tags_file.write_bytes(session.preview_tags[0])
    session.preview = PreviewState(
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
    if not session.incremental():
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
            handler.on_any_event = rebuild_on_change(server)
            refs[path] = observer.schedule(handler, path, recursive=True, event_filter=changes)
        counts = {path: server._watched_paths.get(path, 1) for path in refs}
        # A commit changes what the pages say without touching a watched file:
        # "Senast uppdaterad" and the feeds' LAST-MODIFIED come from the history.
        head_log = git_head_log(Path(config.config_file_path).resolve().parent)
        if head_log is not None:
            handler = events.FileSystemEventHandler()
            handler.on_any_event = rebuild_on_change(server, only=str(head_log))
            observer.schedule(handler, str(head_log.parent), recursive=False, event_filter=changes)
    except Exception:  # another MkDocs, no inotify: keep polling
        session.log.debug("Samverkanstorget: behåller MkDocs bevakning", exc_info=True)
        return server
    server.observer = observer
    server._watch_refs = refs
    server._watched_paths = counts
    return server


def git_head_log(root: Path) -> Path | None:
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


def rebuild_on_change(server, only: str | None = None):
    def callback(event) -> None:
        # inotify also reports files being opened and read (by the build itself).
        if event.is_directory or event.event_type not in ("created", "modified", "deleted", "moved", "closed"):
            return
        if only is not None and only not in (event.src_path, getattr(event, "dest_path", "")):
            return
        # The last search index is of no use now, and making it holds the
        # process's one lock half of the time the rebuild would have it.
        if session.background_indexing is not None:
            session.background_indexing.cancel()
        with server._rebuild_cond:
            server._want_rebuild = True
            server._rebuild_cond.notify_all()

    return callback

"""Every build: content loaded and validated once (`on_pre_build`), then pages, feeds and files generated and looked up.

The events here are what the hook module calls. Content errors stop a
strict build before MkDocs touches the output; the preview shows them and
keeps running. Every rendered page and output file passes the last gate
(`safety.output_gate`) before the staged site replaces the published one.
"""

from __future__ import annotations

import gc
import json
import logging
import os
import posixpath
import re
import threading
import time
from pathlib import Path

import jinja2
import jinja2.bccache
from markupsafe import Markup
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from samverkan import memo
from samverkan.content.load import CONTENT_ROOTS, load_content
from samverkan.content.source_dates import date_of, last_changed
from samverkan.content.today import build_date
from samverkan.generate import macros
from samverkan.generate.calendar_pages import feed_files
from samverkan.generate.links import PLAN_PAGES
from samverkan.generate.menu_labels import name_menu_toggles
from samverkan.generate.navigation import NEWS_INDEX, navigation
from samverkan.generate import open_data
from samverkan.generate.data_catalogue import CATALOGUE_FILES, Publisher, catalogue_files
from samverkan.generate.news_feed import RSS_URI, minutes_feeds, rss
from samverkan.generate.links import template_helpers
from samverkan.generate.open_data import DATA_PAGE
from samverkan.generate.output import GeneratedFile, GeneratedPage
from samverkan.content.loaders.accessibility import load_test_run
from samverkan.generate.accessibility import STATEMENT_PAGE, mark_inaccessible_links, published_inaccessible, statement_page
from samverkan.generate.places import places
from samverkan.generate.search_answers import search_answers, search_page
from samverkan.generate.pages import abbreviations, minutes_pages, site_assets, site_pages
from samverkan.generate.search_index import END, START, SearchIndexing, searchable_part
from samverkan.generate.security_policy import (
    NGINX_EDITOR, NGINX_SITE, editor_policy, inline_script_hashes, nginx_header, site_policy, site_scope, with_policy,
)
from samverkan.generate.table_labels import label_cells
from samverkan.language.swedish import swedish_date
from samverkan.mkdocs_side import editor_backend, html_fixes, preview, search, session
from samverkan.mkdocs_side.parallel import pool_for
from samverkan.mkdocs_side.preview_state import PreviewState
from samverkan.mkdocs_side.staging import Staging
from samverkan.problems import report
from samverkan.safety.file_gate import through_link
from samverkan.safety.macro_calls import render_macros_requested
from samverkan.safety.output_gate import output_problems, site_problems
from samverkan.second_process import computed


def on_startup(command: str, dirty: bool) -> None:
    session.command, session.dirty = command, dirty
    memo.keep_results(session.incremental())
    if session.incremental():
        session.preview = PreviewState()
        # MkDocs warns that a dirty build may be inaccurate; ours decides what
        # to render again from what each page is made of, so it is not.
        logging.getLogger("mkdocs.commands.build").addFilter(
            lambda record: not record.getMessage().startswith("A 'dirty' build")
        )
    if not session.reminders.handlers:
        handler = logging.StreamHandler()
        handler.setFormatter(logging.Formatter("VARNING  -  %(message)s"))
        session.reminders.addHandler(handler)
        session.reminders.propagate = False


@session.timed
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    """The output goes to a staging folder (published in on_shutdown); the preview is told it is one."""
    session.timings.clear()
    session.counts.clear()
    session.gate.clear()
    # The preview shows content errors in a list every page fetches (see
    # overrides/main.html); a build with errors never gets this far.
    config.extra["samverkan_forhandsvisning"] = session.command == "serve"
    # Material's inline script naming the site's place, the same on every
    # page, so that the security policy names it by one hash.
    config.extra.setdefault("scope", site_scope(config.site_url))
    # A dirty build only rewrites what changed, so it must write in place.
    if session.command == "build" and not session.dirty and session.staging is None:
        session.staging = Staging(Path(config.site_dir))
        config.site_dir = str(session.staging.path)
    return config


@session.timed
def on_pre_build(config: MkDocsConfig) -> None:
    session.build = None
    session.output_problems.clear()
    session.scanned_outputs.clear()
    search.wait_for_search_index(give_up=True)
    # What the last build kept (the memos, the preview's state) is millions of
    # objects: a full collection of them during a rebuild costs a second or two.
    gc.freeze()
    try:
        session.build = _load(config)
        # The content lives until the build ends: keep the collector from
        # walking it again and again (at ten thousand minutes that is a
        # second per build). Released in _end_build.
        gc.freeze()
    except PluginError:
        raise
    except Exception as error:  # editors must never see a traceback; developers get it with -v
        session.log.debug("Internt fel i Samverkanstorget", exc_info=True)
        raise PluginError(
            "Samverkanstorget kunde inte bygga webbplatsen på grund av ett internt fel "
            f"({type(error).__name__}: {error}). Kör mkdocs build -v för detaljer och "
            "kontakta den som förvaltar webbplatsen."
        ) from None


def _load(config: MkDocsConfig) -> session.BuildState:
    root = Path(config.config_file_path).resolve().parent
    today, date_problems = build_date(os.environ)
    result = load_content(root, today, workers=session.workers())
    problems = (*date_problems, *result.problems)
    if problems and session.command != "serve":
        # A BuildError subclass: MkDocs prints the message, no traceback, and
        # stops before it touches site_dir.
        raise PluginError(report(problems))
    if problems:
        session.log.error(report(problems))
    for notice in result.notices:
        session.reminders.warning(str(notice))
    for tool in result.content.overdue_tools():
        session.reminders.warning(
            f"{tool.source.path}: ”{tool.title}” skulle ha granskats senast "
            f"{swedish_date(tool.review_due())}. Se listan på /redaktorer/granskning/."
        )
    site_url = config.site_url or "/"
    # The calendar feeds and the minutes' pages are made on the other core
    # while this one makes the other pages.
    elsewhere = computed(
        lambda: (feed_files(result.content, site_url), minutes_pages(result.content)), elsewhere=session.workers() > 1
    )
    pages = site_pages(result.content, site_url, minutes=lambda: elsewhere()[1])
    found_places = places(result.content)
    pages = (*pages, search_page(result.content, found_places))
    assets = site_assets(result.content)
    inaccessible = published_inaccessible(result.inaccessible, assets)
    contact = open_data_settings(config).email
    pages = (*pages, statement_page(result.content, list(inaccessible.by_url.values()), load_test_run(root), contact))
    updated = last_changed(root, CONTENT_ROOTS)
    # The open data: its page now, its files once the news have addresses (on_env).
    started = time.perf_counter()
    sets = open_data.datasets(result.content, site_url, updated, news_url=lambda post: post.uri)
    published = open_data_settings(config)
    pages = (*pages, GeneratedPage(DATA_PAGE, open_data.open_data_page(
        sets, site_url, published.licence, published.email, template_helpers(result.content))))
    minutes_feed_files = tuple(GeneratedFile(uri, data) for uri, data in minutes_feeds(result.content, site_url).items())
    session.timings["open_data"] = session.timings.get("open_data", 0.0) + time.perf_counter() - started
    return session.BuildState(
        content=result.content,
        problems=problems,
        root=root,
        pages=pages,
        files=(*elsewhere()[0], *minutes_feed_files, search_answers(result.content, found_places)),
        assets=assets,
        inaccessible=inaccessible,
        contact=contact,
        problem_banner=html_fixes.banner(problems),
        sources={p.uri: p.source for p in pages if p.source},
        updated=updated,
        withheld=result.withheld,
        news_dates={post.uri: post.date for post in result.content.news},
        copies=result.copies,
        data_files=(*open_data.data_files(sets, site_url, published.licence), *CATALOGUE_FILES),
    )


def open_data_settings(config: MkDocsConfig) -> Publisher:
    """mkdocs.yml: extra.oppna_data (licence, contact, publisher); CC0 1.0 unless set."""
    settings = config.extra.get("oppna_data") or {}
    return Publisher(
        name=str(settings.get("utgivare") or "Vårdsamverkan Göteborgsområdet"),
        email=str(settings.get("kontakt") or "samverkanstorget@example.se"),
        licence=str(settings.get("licens") or open_data.CC0),
        organisation_number=str(settings["organisationsnummer"]) if settings.get("organisationsnummer") else None,
    )


@session.timed
def on_files(files: Files, config: MkDocsConfig) -> Files:
    state = session.state()
    for file in [f for f in files if through_link(f.abs_src_path, config.docs_dir)]:
        files.remove(file)  # reached through a link (reported by the loaders): never published
    kept = session.kept_files if session.incremental() and session.kept_under == preview.made_under(config) else {}
    reused = []
    for page in state.pages:
        existing = files.get_file_from_path(page.uri)
        if existing is not None:
            files.remove(existing)
        file = preview.kept_file(kept.get(page.uri), page.markdown)
        if file is None:
            file = File.generated(config, page.uri, content=page.markdown)
        else:
            reused.append(file)
        files.append(file)
    for generated in state.files:
        files.append(File.generated(config, generated.uri, content=generated.data))
        if session.command == "serve":  # a build reads them with the whole site (on_post_build)
            found = session.SCANNED_FEEDS.get(generated.data, lambda: output_problems(generated.data.decode(), generated.uri, None))
            if found:
                session.log.error(report(found))
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
    config.nav = preview.titled(navigation(state.content, written), files)
    if reused:
        # A page now in the menu gets a new Page: MkDocs sets a menu page's
        # place in the menu on the object it finds.
        in_menu = set(preview.menu_paths(config.nav))
        for file in reused:
            if file.src_uri in in_menu:
                file.page = None
    session.reused_files.clear()
    session.reused_files.update((file.src_uri, file) for file in reused if file.page is not None)
    for uri, kind, value in editor_backend.editor_files(state, config):
        if kind == "path":
            files.append(File.generated(config, uri, abs_src_path=value))
        else:
            files.append(File.generated(config, uri, content=value))
    # The feed and the open data are filled in on_env; they exist now so that links to them are checked.
    files.append(File.generated(config, RSS_URI, content=b""))
    for uri in state.data_files:
        files.append(File.generated(config, uri, content=b""))
    if session.command == "serve":
        files.append(File.generated(config, PROBLEMS_URI, content=json.dumps({"html": state.problem_banner})))
    elif (script := files.get_file_from_path(PROBLEMS_SCRIPT)) is not None:
        files.remove(script)
    if session.incremental():
        session.files, session.site_dir = files, config.site_dir
        preview.plan_rendering(files, config, state)
    return files


@session.timed
def on_nav(nav, config: MkDocsConfig, files: Files):
    """Tell MkDocs which pages a preview build renders. Here, not in on_files:
    the blog adds its lists after our on_files; pages we did not plan for
    (those lists) always render, since they are made of other pages."""
    session.menu_urls = tuple(page.url for page in nav.pages)
    session.menu_pages = frozenset(page.file.src_uri for page in nav.pages)
    session.markdown_pool = None
    if session.command == "build" and not session.dirty and session.workers() > 1:
        # Tools carry tags and the news blog collects its posts as they
        # render; both stay with MkDocs in this process.
        session.markdown_pool = pool_for(
            config,
            files,
            [p.uri for p in session.state().pages if not p.uri.startswith(("verktygslada/", "aktuellt/"))],
        )
    session.counts["pages_rendered_by_child"] = 0
    if session.incremental():
        preview.keep_files(files, config)
    if session.rendering is not None:
        inputs, rendering, _, decided = session.rendering
        planned = {p.uri for p in inputs}
        # All pages, also those the blog holds back from the menu (its posts).
        for file in files.documentation_pages(inclusion=lambda _: True):
            render = rendering is None or file.src_uri not in planned or file.src_uri in rendering
            file.is_modified = (lambda answer: lambda: answer)(render)
            decided[file.src_uri] = render
    return nav


@session.timed
def on_env(env, config: MkDocsConfig, files: Files):
    """The RSS feed, once the blog plugin has given every post its address
    (static files are copied after this event)."""
    state = session.state()

    def url_of(post) -> str:
        file = files.get_file_from_path(post.uri)
        return file.url if file is not None else post.uri

    site_url = config.site_url or "/"
    files.get_file_from_path(RSS_URI).content_bytes = rss(state.content.news, site_url, url_of)
    # The open data, once per build, with the news posts' addresses.
    started = time.perf_counter()
    sets = open_data.datasets(state.content, site_url, state.updated, news_url=url_of)
    published = open_data_settings(config)
    made = {**open_data.data_files(sets, site_url, published.licence), **catalogue_files(sets, site_url, published)}
    for uri, data in made.items():
        files.get_file_from_path(uri).content_bytes = data
    session.timings["open_data"] = session.timings.get("open_data", 0.0) + time.perf_counter() - started
    if session.incremental() and env.bytecode_cache is None:
        env.bytecode_cache = preview.TemplateCache()
    # Our nav.html wraps Material's, which it reaches as "material/…".
    custom = Path(config.theme.custom_dir).resolve() if config.theme.custom_dir else None
    theme_dirs = [d for d in config.theme.dirs if Path(d).resolve() != custom]
    env.loader = jinja2.ChoiceLoader(
        [env.loader, jinja2.PrefixLoader({"material": jinja2.FileSystemLoader(theme_dirs)})]
    )
    session.sidebars.clear()
    env.globals["samverkan_sidebar_once"] = _sidebar_once
    env.filters["samverkan_named_toggles"] = lambda menu: Markup(name_menu_toggles(str(menu)))
    session.search_documents.clear()
    sources = [search.markdown_of(file) for file in files.documentation_pages()]
    if session.command == "build":
        separate = session.markdown_pool is not None or session.workers() > 1
        session.indexing = SearchIndexing(sources, Path(config.site_dir), separate_process=separate)
    else:  # a preview indexes at its end (on_post_build)
        session.search_sources[:] = sources
    return env


def _sidebar_once(folder: str, caller) -> Markup:
    sidebar = session.sidebars.get(folder)
    if sidebar is None:
        sidebar = session.sidebars[folder] = caller()
    return Markup(sidebar)


def on_page_context(context: dict, page: Page, config: MkDocsConfig, nav) -> dict:
    """Which pages share one rendering of the sidebar: those outside the menu
    (and not the blog's, whose lists have addresses of their own), by folder.
    A page's links to the menu are relative, so they are the same for every
    page in one folder unless the menu has pages below the page itself."""
    url = page.url
    shared = (
        page.file.src_uri not in session.menu_pages
        and not page.file.src_uri.startswith(posixpath.dirname(NEWS_INDEX) + "/")
        and not any(menu_url.startswith(url) for menu_url in session.menu_urls)
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


@session.timed
def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Our macros on pages that opt in, and "Senast uppdaterad" from git, shown
    in Material's own place for it."""
    state = session.state()
    uri = page.file.src_uri
    opted_in = render_macros_requested(page.meta)
    # mkdocs-macros takes this over its configuration (even force_render_paths).
    page.meta["render_macros"] = False
    if session.markdown_pool is not None and uri in session.markdown_pool.uris:
        session.markdown_pool.adopt(page, files)
    source = state.sources.get(uri) or (
        f"{Path(config.docs_dir).name}/{uri}" if page.file.abs_src_path and not page.file.generated_by else None
    )
    if source in state.withheld:
        return html_fixes.withheld_notice(source, state.problems)
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


@session.timed
def on_page_content(html_content: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    state = session.state()
    if page.file.src_uri != STATEMENT_PAGE:  # the statement lists them, with the same words
        html_content = mark_inaccessible_links(html_content, page.url, state.inaccessible, state.contact)
    return label_cells(html_content)  # tables as cards on a phone


@session.timed
def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    output = _with_site_policy(html_fixes.named_landmarks(output))
    source = session.state().sources.get(page.file.src_uri) or (
        None if page.file.generated_by else f"{Path(config.docs_dir).name}/{page.file.src_uri}")
    started = time.perf_counter()
    found = output_problems(_made_of_content(output), page.file.dest_uri, source)
    session.gate["pages"] = session.gate.get("pages", 0.0) + time.perf_counter() - started
    if found:
        session.output_problems.extend(found)
        session.scanned_outputs.add(page.file.dest_uri)
        if session.command != "serve":
            return output  # the build stops in on_post_build; nothing of it is published
        session.log.error(report(found))
        return html_fixes.withheld_page(source or page.file.dest_uri, found)
    session.scanned_outputs.add(page.file.dest_uri)
    if 'class="md-post__back"' in output:
        for material, ours in html_fixes.BLOG_WORDS:
            output = output.replace(material, ours, 1)
    document = searchable_part(page.file.url, output)
    if session.indexing is not None:
        session.indexing.add(document)
    else:  # keyed as the preview lists pages (File.url: the start page is "./")
        session.search_documents[page.file.url] = document
    return output


def _with_site_policy(output: str) -> str:
    # Not in the preview: `mkdocs serve` adds its own inline script for live reload.
    return output if session.command == "serve" else with_policy(output, site_policy(session.theme_scripts, header=False))


def _made_of_content(output: str) -> str:
    """What of a rendered page the last gate reads: its head (title, description)
    and its article, where everything the page's own content becomes stands
    (text, fields, tables, link texts and addresses, alt texts). The rest is the
    theme's frame, whose only content is other pages' titles, each read on its
    own page; a page without the article's markers is read whole."""
    start = output.find(START)
    end = output.find(END, start)
    head = output.find("</head>")
    if start < 0 or end < 0 or head < 0:
        return output
    return output[:head] + "\n" + output[start:end]


def on_post_template(output_content: str, template_name: str, config: MkDocsConfig) -> str:
    """The 404 page is a theme template, not a page: name its landmarks too."""
    if template_name == "404.html":
        # Rendered before any page: the theme's own inline scripts, and only those, may run.
        session.theme_scripts = inline_script_hashes(output_content)
        output_content = _with_site_policy(output_content)
        output_content = html_fixes.EMPTY_SKIP.sub(
            '<div data-md-component="skip"><a href="#sidan-finns-inte" class="md-skip">Gå till innehållet</a></div>',
            output_content, count=1)
        return html_fixes.named_landmarks(output_content)
    return output_content


@session.timed
def on_post_build(config: MkDocsConfig) -> None:
    if session.markdown_pool is not None:
        session.counts["pages_rendered_by_child"] = session.markdown_pool.taken
        # Not time in our code (`seconds`), but how the two cores shared the work.
        session.second_core["parent_waiting"] = session.markdown_pool.waited
        if session.markdown_pool.finished:
            session.second_core["free_before_the_end"] = time.perf_counter() - session.markdown_pool.finished
    session.build, session.markdown_pool = None, None
    if session.indexing is not None:
        indexing, session.indexing = session.indexing, None
        try:
            count = indexing.finish()
        except (OSError, RuntimeError, ValueError) as error:
            raise PluginError(f"Sökindexet kunde inte skrivas: {error}") from None
        session.log.info(f"Sökindexet är uppdaterat ({count} sidor).")
        _write_server_policies(config)
        # The last gate, before on_shutdown swaps the new site in.
        started = time.perf_counter()
        found = [*session.output_problems, *site_problems(Path(config.site_dir), session.scanned_outputs)]
        session.gate["other_files"] = time.perf_counter() - started
        if found:
            raise PluginError(report(found))
    else:
        # The pages are there for the browsers now; the search index follows
        # a moment later (at a thousand minutes it takes about a second),
        # before the next rebuild starts (see search.wait_for_search_index). Its
        # pages go to Pagefind in the order a full build renders them.
        documents = preview.finish_preview() if session.rendering is not None else dict(session.search_documents)
        session.search_documents.clear()
        session.background_indexing = SearchIndexing(list(session.search_sources), Path(config.site_dir))
        for document in documents.values():
            session.background_indexing.add(document)
        session.search_indexing = threading.Thread(target=search.index_for_search, args=(session.background_indexing,), daemon=True)
        session.search_indexing.start()
    session.rendering = None
    _end_build()


def _write_server_policies(config: MkDocsConfig) -> None:
    """The policies as nginx sends them (see the operators' guide), beside the pages."""
    site = Path(config.site_dir)
    (site / NGINX_SITE).write_text(nginx_header(site_policy(session.theme_scripts, header=True)), encoding="utf-8")
    editor = editor_policy(editor_backend.backend_settings(config), None, header=True)
    (site / NGINX_EDITOR).write_text(nginx_header(editor), encoding="utf-8")


def on_shutdown() -> None:
    """After `mkdocs build`, whether it succeeded or not (MkDocs calls this in a finally)."""
    search.wait_for_search_index()
    session.write_timings()
    editor_backend.stop_local_editor_backend()
    if session.staging is not None:
        staging, session.staging = session.staging, None
        if staging.failed or not staging.path.is_dir():
            staging.discard()
        else:
            staging.publish()


def _end_build() -> None:
    """Under `mkdocs serve`, what the build frozen and left behind is collected
    once the browsers have their pages, not during the next build."""
    if session.command == "serve":
        gc.unfreeze()
        collect = threading.Timer(0.5, gc.collect)
        collect.daemon = True
        collect.start()


def on_build_error(error: Exception) -> None:
    _end_build()
    session.build, session.markdown_pool = None, None
    if session.indexing is not None:
        indexing, session.indexing = session.indexing, None
        indexing.abandon()
    if session.rendering is not None:  # the output is half written: render everything next time
        session.preview, session.rendering = PreviewState(), None
    session.kept_files.clear()
    session.reused_files.clear()
    if session.staging is not None:
        session.staging.failed = True


def _is_news_post(uri: str) -> bool:
    return uri.startswith(NEWS_INDEX.rsplit("/", 1)[0] + "/posts/")

"""The MkDocs edge of Samverkanstorget: MkDocs events wired to the package, nothing else.

What each event does lives in `samverkan.mkdocs_side` (the only part of the
package that imports MkDocs): `build` loads and validates the content once per
build in `on_pre_build` and then only looks things up, `preview` keeps what
survives between `mkdocs serve` rebuilds, `search` runs Pagefind,
`editor_backend` the web editor's local server, `html_fixes` the rewrites of
the theme's output. MkDocs imports this module once per process; nothing is
computed at import time.
"""

from __future__ import annotations

from mkdocs.plugins import event_priority

from samverkan.mkdocs_side import build, preview


def on_startup(command: str, dirty: bool) -> None:
    build.on_startup(command, dirty)


def on_config(config):
    return build.on_config(config)


def on_pre_build(config) -> None:
    build.on_pre_build(config)


def on_files(files, config):
    return build.on_files(files, config)


def on_nav(nav, config, files):
    return build.on_nav(nav, config, files)


def on_env(env, config, files):
    return build.on_env(env, config, files)


def on_page_context(context, page, config, nav):
    return build.on_page_context(context, page, config, nav)


# Before mkdocs-macros (priority 0): no page is ever its template.
@event_priority(100)
def on_page_markdown(markdown, page, config, files):
    return build.on_page_markdown(markdown, page, config, files)


def on_page_content(html, page, config, files):
    return build.on_page_content(html, page, config, files)


def on_post_page(output, page, config):
    return build.on_post_page(output, page, config)


def on_post_template(output_content, template_name, config):
    return build.on_post_template(output_content, template_name, config)


def on_post_build(config) -> None:
    build.on_post_build(config)


def on_serve(server, config, builder):
    return preview.on_serve(server, config, builder)


def on_build_error(error) -> None:
    build.on_build_error(error)


def on_shutdown() -> None:
    build.on_shutdown()

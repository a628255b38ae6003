"""The web editor at /redaktor/: its files in the site, and under `mkdocs serve` its local backend (decap-server on 127.0.0.1)."""

from __future__ import annotations

import functools
import os
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig

from samverkan.generate.editor_config import (
    ASSETS, EDITOR_DIR, EDITOR_FILES, RULES_DATA, config_text, decap_restoring_after_load, editor_config, editor_page,
    rules_script,
)
from samverkan.generate.security_policy import editor_policy
from samverkan.mkdocs_side import session
from samverkan.mkdocs_side.editor_server import EditorServer


# The web editor (Decap CMS), installed from npm by the Makefile (package-lock.json).
DECAP_DIST = Path("node_modules") / "decap-cms" / "dist"


def editor_files(state: session.BuildState, config: MkDocsConfig):
    """/redaktor/: the editor's page, its configuration from the content
    model, and Decap's script with the parts it loads on demand."""
    dist = state.root / DECAP_DIST
    script = "decap-cms.js" if (dist / "decap-cms.js").is_file() else None
    if script is None:
        session.reminders.warning(
            "Redigeringsverktyget (/redaktor/) saknas: node_modules är inte installerat. Kör make serve eller make site."
        )
    site = config.extra.get("redaktor") or {}
    backend = backend_settings(config)
    local_api = local_editor_backend(state.root, config) if session.command == "serve" else None
    settings = editor_config(state.content, backend, local_api, config.site_url or "/")
    if site.get("publish_mode") and local_api is None:
        # editorial_workflow: every change a merge request (the local backend saves directly).
        settings["publish_mode"] = site["publish_mode"]
    policy = editor_policy(backend, local_api, header=False)
    login = login_configured(backend) or local_api is not None
    yield f"{EDITOR_DIR}/index.html", "content", editor_page(script if login else None, policy, login)
    yield f"{EDITOR_DIR}/config.yml", "content", config_text(settings)
    if script is not None:
        yield f"{EDITOR_DIR}/{RULES_DATA}", "content", rules_script()
        for name in EDITOR_FILES:
            yield f"{EDITOR_DIR}/{name}", "path", str(ASSETS / name)
        for path in sorted(dist.iterdir()):
            if path.name == script:
                fixed = decap_script(path, path.stat().st_mtime_ns)
                if fixed is None:
                    session.reminders.warning(
                        f"{DECAP_DIST / script}: den här versionen av Decap CMS har en annan form än den rättelse "
                        "som behåller en återställd osparad text väntar sig (generate/editor_config.py, "
                        "decap_restoring_after_load). Se över rättelsen innan den här versionen används."
                    )
                    yield f"{EDITOR_DIR}/{path.name}", "path", str(path)
                else:
                    yield f"{EDITOR_DIR}/{path.name}", "content", fixed
            elif path.name.endswith((".decap-cms.js", ".wasm")):
                yield f"{EDITOR_DIR}/{path.name}", "path", str(path)


@functools.lru_cache(maxsize=1)  # read once per version of the file, not on every preview rebuild
def decap_script(path: Path, mtime_ns: int) -> str | None:
    return decap_restoring_after_load(path.read_text(encoding="utf-8"))


def login_configured(backend: dict) -> bool:
    """Whether the published editor can log in: GitLab needs its application id."""
    if backend.get("name") == "gitlab":
        return bool(str(backend.get("app_id") or "").strip())
    return bool(backend.get("name"))


def backend_settings(config: MkDocsConfig) -> dict:
    site = config.extra.get("redaktor") or {}
    return dict(site.get("backend") or {"name": "github", "repo": "ORGANISATION/samverkanstorget"})


def local_editor_backend(root: Path, config: MkDocsConfig) -> str | None:
    """`mkdocs serve`: the editor saves to this working copy through our own
    backend (editor_server.py), started once and kept while the preview runs."""
    if session.editor_server is None:
        host, port = config.dev_addr.host, config.dev_addr.port
        origins = {f"http://{host}:{port}"}
        if host in ("127.0.0.1", "localhost"):
            origins |= {f"http://127.0.0.1:{port}", f"http://localhost:{port}"}
        wanted = os.environ.get("SAMVERKAN_REDAKTOR_PORT", "")
        try:
            server = EditorServer(root, origins, int(wanted) if wanted.isdigit() else 0)
        except OSError:
            # Another program (perhaps another clone's preview) has the port:
            # never save into it; take a free one.
            session.log.warning(f"Porten {wanted} används redan av ett annat program; redigeringsverktyget tar en annan.")
            server = EditorServer(root, origins, 0)
        session.editor_server = server.start()
        session.log.info("Redigeringsverktyget i lokalt läge: /redaktor/ sparar direkt i den här mappen.")
    return session.editor_server.url


def stop_local_editor_backend() -> None:
    if session.editor_server is not None:
        session.editor_server.stop()
        session.editor_server = None

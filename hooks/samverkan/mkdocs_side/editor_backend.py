"""The web editor at /redaktor/: its files in the site, and under `mkdocs serve` its local backend (decap-server on 127.0.0.1)."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig

from samverkan.generate.editor_config import EDITOR_DIR, EDITOR_SCRIPT, config_text, editor_config, editor_page
from samverkan.generate.security_policy import editor_policy
from samverkan.mkdocs_side import session


# The web editor (Decap CMS), installed from npm by the Makefile (package-lock.json).
DECAP_DIST = Path("node_modules") / "decap-cms" / "dist"
DECAP_SERVER = Path("node_modules") / "decap-server" / "dist" / "index.js"


def editor_port() -> int:
    value = os.environ.get("SAMVERKAN_REDAKTOR_PORT", "")
    return int(value) if value.isdigit() else 8081


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
    local_api = f"http://127.0.0.1:{editor_port()}/api/v1"
    settings = editor_config(state.content, backend, local_api, config.site_url or "/")
    if site.get("publish_mode"):  # editorial_workflow: every change a pull/merge request
        settings["publish_mode"] = site["publish_mode"]
    policy = editor_policy(backend, local_api if session.command == "serve" else None, header=False)
    yield f"{EDITOR_DIR}/index.html", "content", editor_page(script, policy)
    yield f"{EDITOR_DIR}/config.yml", "content", config_text(settings)
    if script is not None:
        yield f"{EDITOR_DIR}/{EDITOR_SCRIPT.name}", "path", str(EDITOR_SCRIPT)
        for path in sorted(dist.iterdir()):
            if path.name.endswith(("decap-cms.js", ".wasm")):
                yield f"{EDITOR_DIR}/{path.name}", "path", str(path)


def backend_settings(config: MkDocsConfig) -> dict:
    site = config.extra.get("redaktor") or {}
    return dict(site.get("backend") or {"name": "github", "repo": "ORGANISATION/samverkanstorget"})


def end_with_parent() -> None:
    """In the editor backend's process: end when `mkdocs serve` ends, however
    it ends (a terminal closed, a test's terminate), not only through on_shutdown."""
    try:
        import ctypes
        import signal

        ctypes.CDLL(None).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG (Linux)
    except Exception:
        pass


def start_local_editor_backend(root: Path) -> None:
    """`mkdocs serve`: the editor saves to this working copy through
    decap-server, on 127.0.0.1 only, so it can be tried without an account."""
    node = shutil.which("node")
    if session.decap_server is not None or node is None or not (root / DECAP_SERVER).is_file():
        return
    env = {**os.environ, "PORT": str(editor_port()), "BIND_HOST": "127.0.0.1", "MODE": "fs"}
    session.decap_server = subprocess.Popen(
        [node, str(root / DECAP_SERVER)], cwd=root, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        preexec_fn=end_with_parent,
    )
    session.log.info("Redigeringsverktyget i lokalt läge: /redaktor/ sparar direkt i den här mappen.")

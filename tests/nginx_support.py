"""The operators' guide's nginx configuration, run for real (Debian's nginx) on a built site.

The browser tests, the search measurement and Lighthouse all go through it,
so the documented server setup (types, compression, caching, the 404 page,
the content security policy) is what they test. Only `listen` and `root` are
changed, to a free port on 127.0.0.1 and the site under test (with the root,
the paths of the security policy files the build writes into the site).
"""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def nginx_binary() -> str | None:
    return shutil.which("nginx") or next((p for p in ("/usr/sbin/nginx",) if os.access(p, os.X_OK)), None)


GUIDE = REPO / "docs" / "redaktorer" / "drift.md"


def readme_server_block(guide: Path = GUIDE) -> str:
    """The ```nginx block under the operators' guide's "## nginx" heading."""
    text = guide.read_text(encoding="utf-8")
    section = text[text.index("## nginx\n"):]
    match = re.search(r"```nginx\n(.*?)```", section, re.S)
    if match is None:
        raise AssertionError(f"{guide}: inget nginx-block under ## nginx")
    return match.group(1)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Nginx:
    """nginx in the foreground serving `site` with the guide's server block."""

    def __init__(self, site: Path, work: Path, port: int | None = None) -> None:
        binary = nginx_binary()
        if binary is None:
            raise RuntimeError("nginx saknas: installera Debians paket nginx (make test gör det).")
        self.port = port or _free_port()
        self.url = f"http://127.0.0.1:{self.port}/"
        work.mkdir(parents=True, exist_ok=True)
        server = readme_server_block()
        server, listens = re.subn(r"^(\s*)listen\s+[^;]+;", rf"\1listen 127.0.0.1:{self.port};", server, flags=re.M)
        root = re.search(r"^\s*root\s+([^;]+);", server, flags=re.M)
        assert listens == 1 and root, "driftguidens nginx-block ska ha en listen och en root"
        # The root and the policy files the build writes into it.
        server = server.replace(root.group(1), str(site.resolve()))
        temp = "\n".join(f"    {kind}_temp_path {work / kind};" for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"))
        # As root (CI), the workers must read a site in a private temporary folder.
        user = "user root;\n" if os.geteuid() == 0 else ""
        self.config = work / "nginx.conf"
        self.config.write_text(
            f"{user}daemon off;\nworker_processes 1;\npid {work / 'nginx.pid'};\n"
            f"error_log {work / 'error.log'} warn;\n"
            "events { worker_connections 256; }\n"
            f"http {{\n    access_log off;\n{temp}\n{server}\n}}\n",
            encoding="utf-8",
        )
        check = subprocess.run([binary, "-t", "-c", str(self.config), "-p", str(work)], capture_output=True, text=True)
        if check.returncode != 0:
            raise AssertionError(f"driftguidens nginx-konfiguration godtas inte:\n{check.stderr}")
        self.errors = work / "error.log"
        self.process = subprocess.Popen([binary, "-c", str(self.config), "-p", str(work)],
                                        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=0.2):
                    return
            except OSError:
                if self.process.poll() is not None:
                    raise RuntimeError(f"nginx startade inte: {self.process.stderr.read().decode()}")
                time.sleep(0.05)
        raise RuntimeError("nginx svarade inte")

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()

"""The web editor's local backend under `mkdocs serve`.

Decap CMS saves through a small protocol (one POST per action, JSON in and
out; decap-server is its reference). We serve it ourselves, in the preview's
process, because the reference server lets anything on the machine write
anywhere in the clone: any origin on localhost, any Host header (DNS
rebinding), `.git/` and `mkdocs.yml` included, 50 MB a request.

Here: bound to 127.0.0.1 on a port of its own per run; a request must come
from the preview's own origin, name this server as its Host, and carry a
secret made for this run that only the editor's configuration (served by
the preview) holds; reads and writes only in the content folders
(`safety/editor_writes.py`); sizes capped; and a save is first checked with
the build's own rules (`python -m samverkan check` on the clone as it would
be), so nothing the build refuses is written. Errors are JSON in Swedish.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import os
import secrets
import shutil
import subprocess
import sys
import tempfile
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import yaml

from samverkan.problems import Problem
from samverkan.safety.editor_writes import (
    CONTENT_FOLDERS,
    MAX_FILE_BYTES,
    MAX_REQUEST_BYTES,
    TEXT_SUFFIXES,
    refused_path,
)

API_PATH = "/api/v1"
SECRET_PARAMETER = "nyckel"


class Refused(Exception):
    """A request this backend will not carry out; the message is for the editor."""

    def __init__(self, status: int, message: str, problems: list[dict] | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.problems = problems or []


class EditorBackend:
    """The actions of Decap's protocol on one clone; no HTTP here."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self._lock = threading.Lock()  # one save at a time: each is checked against the clone as it is
        self.checker = ProposalChecker(root)

    def handle(self, action: str, params: dict) -> object:
        handler = getattr(self, "_" + action, None) if action in _ACTIONS else None
        if handler is None:
            raise Refused(422, f"okänd åtgärd: {action!s:.40}")
        return handler(params if isinstance(params, dict) else {})

    def _path(self, rel: object, *, writing: bool = False) -> Path:
        reason = refused_path(self.root, rel, writing=writing)  # type: ignore[arg-type]
        if reason:
            raise Refused(403, f"{rel!s:.200}: {reason}")
        return self.root / str(rel)

    def _info(self, params: dict) -> dict:
        return {"repo": self.root.name, "publish_modes": ["simple"], "type": "local_fs"}

    def _entry(self, rel: str) -> dict:
        path = self._path(rel)
        try:
            data = path.read_bytes()
        except OSError:
            return {"data": None, "file": {"path": rel, "id": None}}
        return {"data": data.decode("utf-8", errors="replace"), "file": {"path": rel, "id": _sha(data)}}

    def _entriesByFolder(self, params: dict) -> list:
        folder = str(params.get("folder", ""))
        extension = str(params.get("extension", ""))
        depth = params.get("depth", 1)
        depth = depth if isinstance(depth, int) and 0 < depth <= 4 else 1
        self._path(folder)
        found = []
        for rel in self._walk(folder, depth):
            if rel.endswith(extension):
                found.append(self._entry(rel))
        return found

    def _walk(self, folder: str, depth: int) -> list[str]:
        base = self.root / folder
        if depth <= 0 or not base.is_dir() or base.is_symlink():
            return []
        found = []
        for entry in sorted(os.scandir(base), key=lambda e: e.name):
            rel = f"{folder}/{entry.name}"
            if entry.name.startswith(".") or entry.is_symlink():
                continue
            if entry.is_dir(follow_symlinks=False):
                found += self._walk(rel, depth - 1)
            elif entry.is_file(follow_symlinks=False):
                found.append(rel)
        return found

    def _entriesByFiles(self, params: dict) -> list:
        found = []
        for item in params.get("files") or []:
            if isinstance(item, dict):
                entry = self._entry(str(item.get("path")))
                entry["file"]["label"] = item.get("label")
                found.append(entry)
        return found

    def _getEntry(self, params: dict) -> dict:
        return self._entry(str(params.get("path")))

    def _media(self, rel: str) -> dict:
        data = self._path(rel).read_bytes()
        return {"id": _sha(data), "content": base64.b64encode(data).decode(), "encoding": "base64",
                "path": rel, "name": rel.rsplit("/", 1)[-1]}

    def _getMedia(self, params: dict) -> list:
        folder = str(params.get("mediaFolder", ""))
        self._path(folder)
        return [self._media(rel) for rel in self._walk(folder, 1)]

    def _getMediaFile(self, params: dict) -> dict:
        return self._media(str(params.get("path")))

    def _persistEntry(self, params: dict) -> dict:
        entry = params.get("entry")
        data_files = params.get("dataFiles") or ([entry] if isinstance(entry, dict) else [])
        assets = params.get("assets") or []
        options = params.get("options") or {}
        writes: dict[str, bytes] = {}
        for data_file in data_files:
            rel = str(data_file.get("path"))
            self._path(rel, writing=True)
            if not rel.endswith(TEXT_SUFFIXES):
                raise Refused(403, f"{rel}: en sida eller ett möte sparas som .md eller .yml")
            writes[rel] = _text_bytes(data_file.get("raw"))
            if data_file.get("newPath"):
                raise Refused(422, "att byta namn på en fil från redigeringsverktyget stöds inte; skapa en ny")
        for asset in assets:
            rel = str(asset.get("path"))
            self._path(rel, writing=True)
            writes[rel] = _asset_bytes(asset)
        with self._lock:
            if options.get("newEntry"):
                for rel in writes:
                    if rel in (str(d.get("path")) for d in data_files) and (self.root / rel).exists():
                        raise Refused(409, f"{rel} finns redan. Öppna den i listan i stället för att skapa en ny.")
            changed = {rel: data for rel, data in writes.items() if not _same_content(self.root / rel, data)}
            problems = self.checker.problems(changed) if changed else []
            if problems:
                raise Refused(422, "Sparades inte: " + " ".join(p["text"] for p in problems), problems)
            for rel, data in changed.items():
                _write(self.root / rel, data)
        return {"message": "entry persisted"}

    def _persistMedia(self, params: dict) -> dict:
        asset = params.get("asset") or {}
        rel = str(asset.get("path"))
        self._path(rel, writing=True)
        data = _asset_bytes(asset)
        with self._lock:
            problems = self.checker.problems({rel: data})
            if problems:
                raise Refused(422, "Sparades inte: " + " ".join(p["text"] for p in problems), problems)
            _write(self.root / rel, data)
        return self._media(rel)

    def _deleteFile(self, params: dict) -> dict:
        rel = str(params.get("path"))
        path = self._path(rel, writing=True)
        with self._lock:
            path.unlink(missing_ok=True)
        return {"message": f"tog bort {rel}"}

    def _deleteFiles(self, params: dict) -> dict:
        for rel in params.get("paths") or []:
            self._deleteFile({"path": rel})
        return {"message": "tog bort filerna"}

    def _getDeployPreview(self, params: dict) -> None:
        return None


_ACTIONS = frozenset({"info", "entriesByFolder", "entriesByFiles", "getEntry", "getMedia", "getMediaFile",
                      "persistEntry", "persistMedia", "deleteFile", "deleteFiles", "getDeployPreview"})


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _text_bytes(raw: object) -> bytes:
    if not isinstance(raw, str):
        raise Refused(400, "filens innehåll saknas")
    data = raw.encode("utf-8")
    if len(data) > MAX_FILE_BYTES:
        raise Refused(413, "texten är för lång")
    return data


def _asset_bytes(asset: dict) -> bytes:
    content = asset.get("content")
    if not isinstance(content, str):
        raise Refused(400, "filens innehåll saknas")
    try:
        data = base64.b64decode(content, validate=True) if asset.get("encoding") == "base64" else content.encode()
    except ValueError:
        raise Refused(400, "filen gick inte att läsa") from None
    if len(data) > MAX_FILE_BYTES:
        raise Refused(413, f"filen är för stor (högst {MAX_FILE_BYTES // 1024 // 1024} MB)")
    return data


def _same_content(path: Path, data: bytes) -> bool:
    """Whether `data` says what the file says, however differently written:
    then the file is left as it is, comments and all (saving without a change
    changes nothing)."""
    if path.suffix not in TEXT_SUFFIXES or not path.is_file():
        return False
    try:
        return _meaning(path.read_bytes()) == _meaning(data)
    except (ValueError, yaml.YAMLError):
        return False


def _meaning(data: bytes) -> str:
    text = data.decode("utf-8").replace("\r\n", "\n")
    head, body = text, ""
    if text.startswith("---\n"):
        end = text.find("\n---", 4)
        head, body = (text[4:end], text[end + 4:].lstrip("-").strip()) if end >= 0 else (text, "")
    values = yaml.safe_load(head) if head.strip() else {}
    return json.dumps([values, body], sort_keys=True, default=str, ensure_ascii=False)


def _write(path: Path, data: bytes) -> None:
    """Written whole or not at all: a preview rebuild never reads half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".redaktor-")
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


class ProposalChecker:
    """The build's problems in files about to be written, as the clone would
    be with them: the build's own check (`python -m samverkan check`) on a
    copy of the content made of hard links (no file is copied) with the new
    files in place. One checker process per backend, kept between saves."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.overlay = root / ".cache" / "samverkan" / "redaktor" / "forslag"
        self._process: subprocess.Popen | None = None

    def problems(self, writes: dict[str, bytes]) -> list[dict]:
        """Every problem in the files written, and every problem the writes
        cause elsewhere (an organisation renamed that groups still name)."""
        try:
            before = self._check({})
            after = self._check(writes)
        except (OSError, ValueError, KeyError):
            self.close()
            return [{"file": "", "line": None, "field": None, "text": "Kontrollen gick inte att göra; försök igen."}]
        known = {_elsewhere(problem) for problem in before}
        return [problem | {"text": str(Problem(**problem))} for problem in after
                if problem["file"] in writes or _elsewhere(problem) not in known]

    def _check(self, writes: dict[str, bytes]) -> list[dict]:
        shutil.rmtree(self.overlay, ignore_errors=True)
        self.overlay.mkdir(parents=True)
        shutil.copy2(self.root / "mkdocs.yml", self.overlay / "mkdocs.yml")
        for folder in CONTENT_FOLDERS:
            _link_tree(self.root / folder, self.overlay / folder)
        for rel, data in writes.items():
            target = self.overlay / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            target.unlink(missing_ok=True)  # a hard link: never write through it
            target.write_bytes(data)
        return self._ask(str(self.overlay))

    def _ask(self, folder: str) -> list[dict]:
        if self._process is None or self._process.poll() is not None:
            env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2])}
            top = subprocess.run(["git", "-C", str(self.root), "rev-parse", "--show-toplevel", "--absolute-git-dir"],
                                 capture_output=True, text=True)
            if top.returncode == 0 and Path(top.stdout.split()[0]).resolve() == self.root.resolve():
                # The calendar's identities come from the clone's history.
                env |= {"GIT_DIR": top.stdout.split()[1], "GIT_WORK_TREE": str(self.overlay)}
            self._process = subprocess.Popen(
                [sys.executable, "-m", "samverkan", "check", "--redaktor"], stdin=subprocess.PIPE,
                stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, env=env, cwd=self.root,
            )
        self._process.stdin.write(folder + "\n")
        self._process.stdin.flush()
        return json.loads(self._process.stdout.readline())["problems"]

    def close(self) -> None:
        if self._process is not None:
            self._process.kill()
            self._process.wait()
            self._process = None


def _elsewhere(problem: dict) -> tuple:
    return problem["file"], problem["line"], problem["field"], problem["message"], problem["found"]


def _link_tree(source: Path, target: Path) -> None:
    if not source.is_dir() or source.is_symlink():
        return
    for folder, dirs, files in os.walk(source):
        here = target / os.path.relpath(folder, source)
        here.mkdir(parents=True, exist_ok=True)
        dirs[:] = [d for d in dirs if not (Path(folder) / d).is_symlink()]
        for name in files:
            path = Path(folder) / name
            if not path.is_symlink():
                try:
                    os.link(path, here / name)
                except OSError:
                    shutil.copy2(path, here / name)


class EditorServer:
    """The backend on 127.0.0.1, for requests from the preview's origins only."""

    def __init__(self, root: Path, origins: set[str], port: int = 0) -> None:
        self.backend = EditorBackend(root)
        self.origins = frozenset(origins)
        self.secret = secrets.token_urlsafe(32)
        self.httpd = ThreadingHTTPServer(("127.0.0.1", port), _handler(self))
        self.httpd.daemon_threads = True
        self.port = self.httpd.server_address[1]
        self._thread = threading.Thread(target=self.httpd.serve_forever, name="redaktor", daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}{API_PATH}?{SECRET_PARAMETER}={self.secret}"

    def start(self) -> "EditorServer":
        self._thread.start()
        return self

    def stop(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
        self.backend.checker.close()


def _handler(server: EditorServer) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        server_version = "samverkan-redaktor"
        sys_version = ""

        def log_message(self, format: str, *args) -> None:  # quiet: the preview's log is for editors
            return

        def _answer(self, status: int, body: object = None, origin: str | None = None) -> None:
            data = json.dumps(body, ensure_ascii=False).encode() if body is not None else b""
            self.send_response(status)
            if origin:
                self.send_header("Access-Control-Allow-Origin", origin)
                self.send_header("Vary", "Origin")
            self.send_header("Content-Type", "application/json; charset=utf-8")
            self.send_header("Content-Length", str(len(data)))
            self.send_header("Cache-Control", "no-store")
            self.end_headers()
            self.wfile.write(data)

        def _gate(self) -> str:
            """The request's origin if it may be answered at all."""
            if self.headers.get("Host", "") not in (f"127.0.0.1:{server.port}", f"localhost:{server.port}"):
                raise Refused(421, "fel värdnamn")
            origin = self.headers.get("Origin", "")
            if origin not in server.origins:
                raise Refused(403, "anropet kommer inte från förhandsvisningen")
            if urlsplit(self.path).path != API_PATH:
                raise Refused(404, "finns inte")
            return origin

        def do_OPTIONS(self) -> None:  # CORS preflight
            try:
                origin = self._gate()
            except Refused as refused:
                self._answer(refused.status, {"error": str(refused)})
                return
            self.send_response(204)
            self.send_header("Access-Control-Allow-Origin", origin)
            self.send_header("Access-Control-Allow-Methods", "POST")
            self.send_header("Access-Control-Allow-Headers", "Content-Type")
            self.send_header("Access-Control-Max-Age", "600")
            self.send_header("Vary", "Origin")
            self.send_header("Content-Length", "0")
            self.end_headers()

        def do_POST(self) -> None:
            origin = None
            try:
                origin = self._gate()
                given = parse_qs(urlsplit(self.path).query).get(SECRET_PARAMETER, [""])[0]
                if not hmac.compare_digest(given.encode(), server.secret.encode()):
                    raise Refused(403, "redigeringsverktyget känns inte igen; ladda om sidan /redaktor/")
                length = self.headers.get("Content-Length", "")
                if not length.isdigit():
                    raise Refused(411, "anropet saknar längd")
                if int(length) > MAX_REQUEST_BYTES:
                    raise Refused(413, f"för stort (högst {MAX_FILE_BYTES // 1024 // 1024} MB per fil)")
                if not self.headers.get("Content-Type", "").startswith("application/json"):
                    raise Refused(415, "anropet ska vara JSON")
                try:
                    body = json.loads(self.rfile.read(int(length)))
                except ValueError:
                    raise Refused(400, "anropet är inte giltig JSON") from None
                if not isinstance(body, dict):
                    raise Refused(400, "anropet är inte giltig JSON")
                self._answer(200, server.backend.handle(str(body.get("action")), body.get("params") or {}), origin)
            except Refused as refused:
                self._answer(refused.status, {"error": str(refused), "problem": refused.problems}, origin)
            except Exception:  # never a traceback to the browser
                self._answer(500, {"error": "Något gick fel i redigeringsverktygets server. Försök igen."}, origin)

        def do_GET(self) -> None:
            self._answer(405, {"error": "bara POST"})

        do_PUT = do_DELETE = do_PATCH = do_GET

    return Handler

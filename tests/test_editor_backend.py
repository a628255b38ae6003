"""The web editor's local backend (issue 34, item 7): only the preview's own
page may use it, only content may be written, and a save the build would
refuse is never written.

Real HTTP to a real server on 127.0.0.1; the check before a save runs the
real `python -m samverkan check` on the clone as it would be.
"""

from __future__ import annotations

import http.client
import json
import os
from pathlib import Path

import pytest

from conftest import SiteCopy
from samverkan.mkdocs_side.editor_server import EditorServer
from samverkan.safety.editor_writes import MAX_REQUEST_BYTES

PREVIEW = "http://127.0.0.1:8000"


@pytest.fixture
def backend(site_copy: SiteCopy):
    server = EditorServer(site_copy.root, {PREVIEW}).start()
    try:
        yield site_copy, server
    finally:
        server.stop()


def post(server: EditorServer, body: object, *, origin: str | None = PREVIEW, host: str | None = None,
         secret: str | None = None, raw: bytes | None = None, path: str | None = None) -> tuple[int, dict]:
    data = raw if raw is not None else json.dumps(body).encode()
    connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=120)
    headers = {"Content-Type": "application/json", "Host": host or f"127.0.0.1:{server.port}"}
    if origin:
        headers["Origin"] = origin
    target = path or f"/api/v1?nyckel={server.secret if secret is None else secret}"
    connection.request("POST", target, body=data, headers=headers)
    answer = connection.getresponse()
    text = answer.read()
    connection.close()
    return answer.status, json.loads(text) if text else {}


def persist(rel: str, raw: str, new: bool = False) -> dict:
    return {"action": "persistEntry",
            "params": {"entry": {"path": rel, "raw": raw}, "assets": [], "options": {"newEntry": new}}}


MINUTES = """---
titel: Möte om SIP
plats: Rådhuset
beslut:
  - Gruppen antar rutinen.
---

## Anteckningar

Vi gick igenom rutinen.
"""


def test_the_preview_page_reads_and_saves_content(backend):
    copy, server = backend
    status, info = post(server, {"action": "info"})
    assert status == 200 and info["type"] == "local_fs"
    status, entries = post(server, {"action": "entriesByFolder",
                                    "params": {"folder": "minnesanteckningar/nordost", "extension": "md", "depth": 1}})
    assert status == 200 and any(e["file"]["path"] == "minnesanteckningar/nordost/2026-11-17.md" for e in entries)
    target = copy.root / "minnesanteckningar/nordost/2026-12-01.md"
    status, answer = post(server, persist("minnesanteckningar/nordost/2026-12-01.md", MINUTES, new=True))
    assert status == 200, answer
    assert target.read_text(encoding="utf-8") == MINUTES


@pytest.mark.parametrize("change, status", [
    ({"origin": "http://127.0.0.1:9999"}, 403),  # another page on this machine
    ({"origin": "https://example.com"}, 403),
    ({"origin": None}, 403),  # not from a browser page at all
    ({"host": "evil.example:8081"}, 421),  # DNS rebinding: the browser names the attacker's host
    ({"secret": ""}, 403),
    ({"secret": "gissat"}, 403),
    ({"path": "/api/v2"}, 404),
])
def test_anything_but_the_preview_page_is_refused(backend, change, status):
    copy, server = backend
    target = copy.root / "minnesanteckningar/nordost/2026-12-01.md"
    answer_status, answer = post(server, persist("minnesanteckningar/nordost/2026-12-01.md", MINUTES), **change)
    assert answer_status == status and "error" in answer
    assert not target.exists()
    assert "Traceback" not in json.dumps(answer)


@pytest.mark.parametrize("rel", [
    ".git/config", ".git/hooks/pre-commit", "hooks/samverkan_hooks.py", "hooks/samverkan/__init__.py",
    ".github/workflows/bygg.yml", ".ci/run", "Makefile", "mkdocs.yml", "../utanfor.md", "/etc/passwd",
    "docs/../mkdocs.yml", "docs/stylesheets/extra.css", "docs/javascripts/x.js", "kalender/.dold.yml",
    "docs/sida.html", "docs/skript.js", "minnesanteckningar/nordost/x.svg", "docs\\index.md",
])
def test_nothing_outside_the_content_can_be_written(backend, rel):
    copy, server = backend
    before = {p: p.read_bytes() for p in copy.root.rglob("*") if p.is_file()}
    for body in (persist(rel, "x: 1\n"),
                 {"action": "persistMedia", "params": {"asset": {"path": rel, "content": "eA==", "encoding": "base64"}}},
                 {"action": "deleteFile", "params": {"path": rel}}):
        status, answer = post(server, body)
        assert status in (403, 422) and answer["error"], (rel, body["action"], answer)
    assert {p: p.read_bytes() for p in copy.root.rglob("*") if p.is_file()} == before
    assert not (copy.root.parent / "utanfor.md").exists()


def test_reading_outside_the_content_is_refused(backend):
    copy, server = backend
    for body in ({"action": "getEntry", "params": {"path": "mkdocs.yml"}},
                 {"action": "entriesByFolder", "params": {"folder": "hooks", "extension": "py", "depth": 3}},
                 {"action": "getMediaFile", "params": {"path": "../../etc/passwd"}}):
        status, answer = post(server, body)
        assert status == 403, answer


def test_a_symlink_is_never_followed(backend, tmp_path: Path):
    copy, server = backend
    outside = tmp_path / "utanfor"
    outside.mkdir()
    os.symlink(outside, copy.root / "kalender" / "lank")
    os.symlink(copy.root / "mkdocs.yml", copy.root / "docs" / "installningar.md")
    for rel in ("kalender/lank/mote.yml", "docs/installningar.md"):
        status, answer = post(server, persist(rel, "grupp: nordost\ndatum: 2027-01-01\n"))
        assert status == 403 and "symbolisk länk" in answer["error"]
    assert list(outside.iterdir()) == []
    status, _ = post(server, {"action": "getEntry", "params": {"path": "docs/installningar.md"}})
    assert status == 403


def test_a_huge_body_is_refused_before_it_is_read(backend):
    _, server = backend
    connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=30)
    connection.putrequest("POST", f"/api/v1?nyckel={server.secret}", skip_host=True)
    for name, value in (("Host", f"127.0.0.1:{server.port}"), ("Origin", PREVIEW),
                        ("Content-Type", "application/json"), ("Content-Length", str(MAX_REQUEST_BYTES + 1))):
        connection.putheader(name, value)
    connection.endheaders()  # and not one byte of the body: the answer comes first
    answer = connection.getresponse()
    assert answer.status == 413 and "för stort" in json.loads(answer.read())["error"]
    connection.close()


def test_a_save_the_build_would_refuse_is_not_written(backend):
    copy, server = backend
    cases = {
        "personnummer": MINUTES.replace("Vi gick igenom rutinen.", "Ärendet gäller 19121212-1212."),
        "script": MINUTES.replace("Vi gick igenom rutinen.", "<script>alert(1)</script>"),
        "okänt fält": MINUTES.replace("plats: Rådhuset", "platz: Rådhuset"),
    }
    for name, text in cases.items():
        rel = "minnesanteckningar/nordost/2026-12-01.md"
        status, answer = post(server, persist(rel, text, new=True))
        assert status == 422, (name, answer)
        assert answer["error"].startswith("Sparades inte: minnesanteckningar/nordost/2026-12-01.md, rad")
        assert answer["problem"] and answer["problem"][0]["file"] == rel
        assert not (copy.root / rel).exists(), name
    # A meeting whose end is before its start, in the calendar.
    status, answer = post(server, persist("kalender/molndal-2027-04-27.yml",
                                          'id: molndal-2027-04-27\ngrupp: molndal\ndatum: 2027-04-27\ntid: "11:00-09:00"\n', True))
    assert status == 422 and "mötet slutar innan det börjar" in answer["error"]
    # A change that breaks another file: an organisation that groups still name.
    representation = copy.root / "docs/om/representation.yml"
    text = representation.read_text(encoding="utf-8")
    status, answer = post(server, persist("docs/om/representation.yml", text.replace("Primärvård", "Vårdcentral")))
    assert status == 422 and "docs/grupper/" in answer["error"] and "okänd organisation" in answer["error"]
    assert representation.read_text(encoding="utf-8") == text
    # A date that already has minutes.
    status, answer = post(server, persist("minnesanteckningar/nordost/2026-11-17.md", MINUTES, new=True))
    assert status == 409 and "finns redan" in answer["error"]


def test_two_clones_each_have_their_own_backend(tmp_path: Path):
    first, second = SiteCopy(tmp_path / "a"), SiteCopy(tmp_path / "b")
    one, two = EditorServer(first.root, {PREVIEW}).start(), EditorServer(second.root, {PREVIEW}).start()
    try:
        assert one.port != two.port and one.secret != two.secret
        # The first clone's page cannot save into the second clone.
        status, _ = post(two, persist("minnesanteckningar/nordost/2026-12-01.md", MINUTES, True), secret=one.secret)
        assert status == 403
        assert not (second.root / "minnesanteckningar/nordost/2026-12-01.md").exists()
        # A port already taken is never shared.
        with pytest.raises(OSError):
            EditorServer(second.root, {PREVIEW}, one.port)
    finally:
        one.stop()
        two.stop()

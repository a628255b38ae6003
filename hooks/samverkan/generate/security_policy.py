"""The Content-Security-Policy: the last line of defence if anything got past the others.

Public pages run no script that is not a file of the site or one of the
theme's own inline scripts, named by hash. The hashes are taken by the build
from the 404 page, a page of the theme with no content in it, so an inline
script on any other page (nothing an editor writes can make one; this is for
when something did) matches no hash and does not run. Material's inline
scripts change when Material is upgraded; `extra.scope` (the site's path)
makes the one that names the site's place the same on every page. No inline
styles: tables are aligned with attributes. Pagefind needs WebAssembly and
its worker from the site itself.

The policy goes out twice: as a header from the server (the nginx
configuration in the operators' guide includes the file the build writes)
and as a `<meta>` element in every page, for hosts that send no headers
(GitHub Pages); `frame-ancestors` works only as a header. The web editor
gets a policy of its own: Decap CMS needs `'unsafe-eval'` and inline styles,
and talks to the git host only.
"""

from __future__ import annotations

import base64
import hashlib
import re
from urllib.parse import urlsplit

# What nginx includes (see docs/drift/index.md); written next to the pages.
NGINX_SITE = "nginx-csp.conf"
NGINX_EDITOR = "nginx-csp-redaktor.conf"

_INLINE_SCRIPT = re.compile(r"<script(?P<attributes>(?:\s[^>]*)?)>(?P<code>.*?)</script>", re.S | re.I)
_DATA_TYPE = re.compile(r"\btype\s*=\s*[\"']?application/(?:ld\+)?json", re.I)
_CHARSET = '<meta charset="utf-8">'
_GIT_HOSTS = {"gitlab": "https://gitlab.com", "github": "https://api.github.com https://github.com"}


def inline_script_hashes(page: str) -> tuple[str, ...]:
    """The CSP hash of every inline script a browser would run, in page order."""
    found = []
    for match in _INLINE_SCRIPT.finditer(page):
        attributes = match["attributes"]
        if re.search(r"\bsrc\s*=", attributes, re.I) or _DATA_TYPE.search(attributes):
            continue
        digest = hashlib.sha256(match["code"].encode("utf-8")).digest()
        found.append(f"'sha256-{base64.b64encode(digest).decode()}'")
    return tuple(dict.fromkeys(found))


def site_policy(script_hashes: tuple[str, ...], header: bool) -> str:
    parts = [
        "default-src 'self'",
        "script-src 'self' " + " ".join((*script_hashes, "'wasm-unsafe-eval'")),
        "style-src 'self'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "worker-src 'self'",
        "manifest-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
    ]
    if header:  # ignored (with a console warning) in a <meta> element
        parts.append("frame-ancestors 'none'")
    return "; ".join(parts)


def editor_policy(backend: dict, local_api: str | None, header: bool) -> str:
    """Decap CMS: its own script, eval and inline styles, and the git host's API."""
    hosts = []
    if backend.get("base_url"):
        hosts.append(_origin(str(backend["base_url"])))
    if backend.get("api_root"):
        hosts.append(_origin(str(backend["api_root"])))
    if not hosts:
        hosts.append(_GIT_HOSTS.get(str(backend.get("name")), ""))
    if local_api:
        hosts.append(_origin(local_api))
    hosts = list(dict.fromkeys(hosts))
    parts = [
        "default-src 'self'",
        "script-src 'self' 'unsafe-eval'",
        "style-src 'self' 'unsafe-inline'",
        "img-src 'self' data: blob:",
        "font-src 'self' data:",
        # blob: Decap reads its own drafts back (restoring unsaved input) from blob URLs.
        "connect-src 'self' blob: " + " ".join(h for h in hosts if h),
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
    ]
    if header:
        parts.append("frame-ancestors 'none'")
    return "; ".join(parts)


def _origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}" if parts.scheme and parts.netloc else ""


def with_policy(page: str, policy: str) -> str:
    """The page with its policy as the first thing in its head after the character set."""
    element = f'<meta http-equiv="Content-Security-Policy" content="{policy}">'
    if _CHARSET in page:
        return page.replace(_CHARSET, f"{_CHARSET}\n    {element}", 1)
    return page.replace("<head>", f"<head>\n{element}", 1)


def nginx_header(policy: str) -> str:
    """One nginx directive; `always`, so that the 404 page has it too."""
    return (
        "# Written by the build (samverkan/generate/security_policy.py); the hashes are those of\n"
        "# the theme's inline scripts and change when Material is upgraded.\n"
        f'add_header Content-Security-Policy "{policy}" always;\n'
    )


def site_scope(site_url: str | None) -> str:
    """The site's path, for Material's `extra.scope`: where it keeps the reader's settings."""
    return urlsplit(site_url or "/").path or "/"

"""Addresses judged as a browser reads them, by one function every check uses.

A browser does not read an address as it is written: it drops tabs and line
breaks anywhere, leading control characters and spaces, reads a backslash as
a slash (`\\\\evil.example/t.png` is another host), and resolves a relative
address against the page. Regular expressions on the text get these wrong;
the WHATWG URL Standard's own parser (ada, through `ada-url`) gets them right.
Relative addresses are resolved against a page of a host no address can
name, so that "this site" is exactly "the same host as the page".
"""

from __future__ import annotations

from dataclasses import dataclass

import ada_url

# A page on a host that does not exist (.invalid is reserved, RFC 2606), deep
# enough that "../../" stays on it.
PAGE = "https://samverkanstorget.invalid/a/b/c/d/e/"
_SITE_HOST = "samverkanstorget.invalid"
LINK_SCHEMES = frozenset({"http", "https", "mailto", "tel"})


@dataclass(frozen=True, slots=True)
class Address:
    scheme: str  # without the colon, lower case
    host: str  # "" for mailto: and tel:
    href: str  # as the browser will request it

    @property
    def on_this_site(self) -> bool:
        return self.scheme == "https" and self.host == _SITE_HOST


def browser_address(text: str, page: str = PAGE) -> Address | None:
    """The address a browser makes of `text` on a page of this site; None
    where a browser would not follow it (it is no valid address)."""
    try:
        parsed = ada_url.URL(text, page)
    except (ValueError, TypeError):
        return None
    return Address(parsed.protocol.rstrip(":").lower(), parsed.hostname, parsed.href)


def is_absolute_web_address(text: str) -> bool:
    """An address of its own (not relative to the page) that a browser opens
    as a web page or an e-mail: what a `länk` field in a content file must be."""
    address = browser_address(text, "about:blank")  # nothing relative resolves against it
    return address is not None and address.scheme in {"http", "https", "mailto"} and (
        address.scheme == "mailto" or bool(address.host)
    )

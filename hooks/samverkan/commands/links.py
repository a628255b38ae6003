"""External links on the built site, for editors: which pages link where.

    python -m samverkan lankar [site]               # list the external links (make lankar)
    python -m samverkan lankar --kontrollera site   # also ask each address (make lankar KONTROLLERA=ja)

Internal links and anchors are checked by every strict build; external ones
change without notice, so they are reported on demand instead of failing a build.
"""

from __future__ import annotations

import sys
import urllib.request
from collections import defaultdict
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

# Links every page has (theme credits, the site itself) are not the editors'.
_IGNORED_HOSTS = {"squidfunk.github.io"}


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []
        self._in_content = 0

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "article":
            self._in_content += 1
        if tag == "a" and self._in_content and (attributes.get("href") or "").startswith(("http://", "https://")):
            self.links.append(attributes["href"])

    def handle_endtag(self, tag):
        if tag == "article" and self._in_content:
            self._in_content -= 1


def external_links(site: Path) -> dict[str, set[str]]:
    found: dict[str, set[str]] = defaultdict(set)
    for page in sorted(site.rglob("*.html")):
        parser = _Links()
        parser.feed(page.read_text(encoding="utf-8"))
        location = page.relative_to(site).parent.as_posix() + "/"
        for link in parser.links:
            if urlsplit(link).hostname not in _IGNORED_HOSTS:
                found[link].add("" if location == "./" else location)
    return found


def answers(url: str) -> str:
    request = urllib.request.Request(url, method="HEAD", headers={"User-Agent": "Samverkanstorget lankkontroll"})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return str(response.status)
    except Exception as error:  # every failure is a line in the report, not a crash
        return f"FEL: {error}"


def run(folder: str = "site", check: bool = False) -> int:
    site = Path(folder)
    if not site.is_dir():
        print(f"Hittar ingen byggd webbplats i {site}. Kör make site först.", file=sys.stderr)
        return 2
    links = external_links(site)
    print(f"{len(links)} externa länkar:")
    for url in sorted(links):
        status = f"  [{answers(url)}]" if check else ""
        print(f"{url}{status}")
        for page in sorted(links[url]):
            print(f"    på /{page}")
    return 0


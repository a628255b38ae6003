"""What a preview rebuild must render again, and what it may keep.

`mkdocs serve --dirty` renders only the pages whose file reports itself as
modified and leaves the rest of the output as it was. MkDocs decides that by
file dates, which is wrong for a site like this one: a saved minutes file
changes its group's page, the archives, the start page and the search index.
This module decides instead, from what each page is made of:

- every page has a fingerprint of its own Markdown (generated or written);
- the site has a fingerprint of what every page shows (the menu with its
  titles, the glossary, the error banner, the configuration and templates);
- some pages are made from other pages by plugins (the news blog's lists, the
  tag index) or by macros; they are rendered again whenever anything changed.

If the site fingerprint changes, everything is rendered again. The search
index is made anew from every page's searchable part: those of pages not
rendered again are kept from the last build. Output of pages that no longer
exist is deleted. A test applies random edits under `mkdocs serve` and
compares every file with a fresh full build.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import Iterable


def fingerprint(*parts: str | bytes) -> str:
    digest = hashlib.blake2b(digest_size=16)
    for part in parts:
        data = part.encode("utf-8") if isinstance(part, str) else part
        digest.update(len(data).to_bytes(8, "little"))
        digest.update(data)
    return digest.hexdigest()


@dataclass(frozen=True, slots=True)
class PageInput:
    uri: str  # the page's Markdown source path in the site
    fingerprint: str
    url: str  # where its output goes: searchable parts are keyed by it
    dest: str  # its output file
    together: str | None = None  # pages of one such group are rendered together
    always: bool = False  # made from all content (macros): rendered after any change


@dataclass
class PreviewState:
    """Kept by the preview from one rebuild to the next; replaced, not patched,
    when a build fails, so a failed build never leaves half an update."""

    site: str | None = None
    pages: dict[str, str] = field(default_factory=dict)  # uri -> fingerprint
    dests: frozenset[str] = frozenset()  # every output file of the last build
    search: dict[str, object] = field(default_factory=dict)  # page url -> its searchable part (or None)

    def plan(self, site: str, pages: Iterable[PageInput]) -> set[str] | None:
        """The pages to render again; None for all of them."""
        pages = list(pages)
        if self.site != site:
            return None
        changed = {p.uri for p in pages if self.pages.get(p.uri) != p.fingerprint}
        # Even with nothing changed (a save can reach MkDocs as two events, two
        # builds), the blog's lists render, and need their posts rendered too.
        groups = {p.together for p in pages if p.uri in changed and p.together}
        removed_groups = {self._group_of(uri, pages) for uri in set(self.pages) - {p.uri for p in pages}}
        groups |= {g for g in removed_groups if g}
        return changed | {p.uri for p in pages if p.always or (p.together and p.together in groups)}

    @staticmethod
    def _group_of(uri: str, pages: list[PageInput]) -> str | None:
        # A removed page belonged to the group its folder's pages belong to.
        folder = uri.rsplit("/", 1)[0]
        return next((p.together for p in pages if p.together and p.uri.rsplit("/", 1)[0] == folder), None)

    def removed_outputs(self, outputs: Iterable[str]) -> list[str]:
        """Output files (pages, feeds, attachments) the last build wrote and this one does not."""
        now = set(outputs)
        return sorted(dest for dest in self.dests if dest not in now)


def merge_search_documents(
    fresh: dict[str, object], previous: dict[str, object], order: list[str], rendered: set[str] | None
) -> dict[str, object]:
    """Every page's searchable part as a full build would have it: from this
    build for the pages it rendered, from the last one for the others; pages
    that no longer exist are dropped."""
    return {
        url: fresh.get(url) if rendered is None or url in rendered else previous.get(url)
        for url in order
    }

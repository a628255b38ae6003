"""The last gate: the privacy guard over what the build wrote, not only over what editors wrote.

A renderer, a template or a generator can assemble a number the source never
held in one piece (`8807**04**-4568` is one number on the page; two fields
can stand side by side). So every page as rendered, every feed, the sitemap,
every data file and the unpacked search index are read before the new site
replaces the live one; a hit stops the swap and names the file it came from.
"""

from __future__ import annotations

import gzip
import zlib
from pathlib import Path
from typing import Callable, Iterable

from samverkan.safety.privacy import find_identity_numbers, masked
from samverkan.problems import Problem

# Output with text in it. Binary attachments are read by the attachment
# guard (attachments.py) from every part of the file.
TEXT_SUFFIXES = frozenset({".html", ".htm", ".xml", ".ics", ".json", ".txt", ".csv", ".rss", ".atom", ".webmanifest",
                           ".ttl", ".rdf"})
# The search index: packed, but text inside.
PACKED_SUFFIXES = frozenset({".pf_fragment", ".pf_meta", ".pf_filter"})
# The theme's and the site's own files (maintainers', reviewed with the code),
# and the web editor's program: not made of content.
NOT_CONTENT = ("assets/", "javascripts/", "stylesheets/", "redaktor/decap-cms", "pagefind/pagefind")


def output_problems(text: str, output: str, source: str | None) -> list[Problem]:
    """Identity numbers in one output file's text, named by the content file behind it."""
    return [
        Problem(
            source or output,
            None,
            None,
            f"den byggda webbplatsen skulle innehålla ett personnummer eller samordningsnummer i {output} "
            "(det kan vara sammansatt av flera delar av filen, t.ex. siffror med fetstil emellan "
            "eller två fält bredvid varandra). Webbplatsen publicerades inte",
            masked(number),
            "inga personuppgifter i det som publiceras",
            withhold=True,
        )
        for _, number in find_identity_numbers(text)
    ]


def site_problems(
    site: Path, skip: Iterable[str] = (), source_of: Callable[[str], str | None] = lambda _: None
) -> list[Problem]:
    """Every file of a built site with text in it (those in `skip`, already
    read, left out), unpacked where packed."""
    skipped = set(skip)
    problems: list[Problem] = []
    for path in sorted(site.rglob("*")):
        rel = path.relative_to(site).as_posix()
        if rel in skipped or rel.startswith(NOT_CONTENT) or not path.is_file():
            continue
        suffix = path.suffix.lower()
        if suffix in TEXT_SUFFIXES:
            text = path.read_bytes().decode("utf-8", "replace")
        elif suffix in PACKED_SUFFIXES or suffix == ".gz":
            text = _unpacked(path.read_bytes())
        else:
            continue
        problems.extend(output_problems(text, rel, source_of(rel)))
    return problems


def _unpacked(data: bytes) -> str:
    try:
        data = gzip.decompress(data)
    except (OSError, EOFError, zlib.error):
        pass
    # Pagefind's fragments are JSON behind a signature; its other files hold
    # words between binary lengths, which decode to separators here.
    return data.decode("utf-8", "replace")

"""What generators hand to a site builder: pages (Markdown), files (bytes) and assets (copied)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class GeneratedPage:
    """A page the build adds; `source` is the editor's file it comes from, if any."""

    uri: str
    markdown: str
    source: str | None = None


@dataclass(frozen=True, slots=True)
class GeneratedFile:
    """A file the build adds as it is (a feed)."""

    uri: str
    data: bytes


@dataclass(frozen=True, slots=True)
class GeneratedAsset:
    """A file copied into the site from `source` in the repository (an attachment)."""

    uri: str
    source: str

"""Helpers for calendar tests: a content tree with groups, and its feeds as bytes."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from samverkan.content.load import load_content
from samverkan.generate.calendar_pages import feed_files

from test_groups_loader import write_group

SITE = "https://samverkanstorget.example.se/"
TODAY = date(2026, 11, 24)


def make_root(root: Path) -> Path:
    write_group(root, "nordost", "namn: NOSAM Nordost\ntyp: nosam")
    write_group(root, "vastbus-nordost", "namn: Västbus Nordost\ntyp: vastbus\növerordnad: nordost")
    write_group(root, "molndal", "namn: NOSAM Mölndal\ntyp: nosam")
    return root


def write_calendar(root: Path, rel: str, text: str) -> Path:
    path = root / "kalender" / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def feeds(root: Path, today: date = TODAY) -> dict[str, bytes]:
    content = load_content(root, today).raise_for_problems()
    return {f.uri: f.data for f in feed_files(content, SITE)}


def problems(root: Path) -> list[str]:
    return [str(p) for p in load_content(root, TODAY).problems]

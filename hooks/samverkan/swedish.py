"""Swedish formatting shared by loaders and generators."""

from __future__ import annotations

from datetime import date

from babel.dates import format_date


def swedish_date(value: date) -> str:
    """"10 mars 2026"."""
    return format_date(value, "d MMMM y", locale="sv")


def swedish_size(size: int) -> str:
    """File sizes as Swedes write them: "1,2 MB", "830 kB"."""
    if size >= 1_000_000:
        return f"{size / 1_000_000:.1f} MB".replace(".", ",")
    return f"{max(1, round(size / 1000))} kB"

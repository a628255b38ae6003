""""Today" for a build: the real date, or SAMVERKAN_IDAG for reproducible builds and tests."""

from __future__ import annotations

from datetime import date
from typing import Mapping

from samverkan.content.fields import FieldError, parse_date
from samverkan.problems import Problem

TODAY_VARIABLE = "SAMVERKAN_IDAG"


def build_date(environ: Mapping[str, str], *, clock=date.today) -> tuple[date, list[Problem]]:
    pinned = environ.get(TODAY_VARIABLE, "").strip()
    if not pinned:
        return clock(), []
    try:
        return parse_date(pinned), []
    except FieldError as exc:
        return clock(), [
            Problem(f"miljövariabeln {TODAY_VARIABLE}", None, None, exc.message, pinned, exc.expected)
        ]

"""The browser tests' last run: `docs/om/tillganglighetstest.yml`.

Written by tests/test_browser.py when its accessibility checks have run (a
machine's file, not an editor's: never published as a file, read for the
accessibility statement). A missing or unreadable file leaves the statement
saying the site has not been tested, never a result nobody measured.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

import yaml

TEST_RUN_FILE = "docs/om/tillganglighetstest.yml"


@dataclass(frozen=True, slots=True)
class Check:
    what: str  # "axe-core 4.12, WCAG 2.1 A och AA och bästa praxis, ljust färgschema"
    pages: int  # how many pages it was run on
    findings: int  # how many findings it had (0: passed)
    detail: str = ""  # what was found, in Swedish


@dataclass(frozen=True, slots=True)
class TestRun:
    day: date
    checks: tuple[Check, ...]

    @property
    def passed(self) -> bool:
        return bool(self.checks) and all(check.findings == 0 for check in self.checks)


def load_test_run(root: Path) -> TestRun | None:
    try:
        data = yaml.safe_load((root / TEST_RUN_FILE).read_text(encoding="utf-8"))
        checks = tuple(
            Check(str(c["kontroll"]), int(c["sidor"]), int(c["fynd"]), str(c.get("detaljer") or ""))
            for c in data["kontroller"]
        )
        day = data["datum"] if isinstance(data["datum"], date) else date.fromisoformat(str(data["datum"]))
        return TestRun(day, checks)
    except (OSError, yaml.YAMLError, KeyError, TypeError, ValueError):
        return None

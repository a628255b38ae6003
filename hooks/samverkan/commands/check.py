"""`python -m samverkan check` (`make check`): validate all content without building the site.

Prints exactly the messages the build gives, and exits 1 when there are
problems, for CI and the git pre-commit hook. `kodagare` writes the git
host's code-owners file from the groups' `redaktörer` instead of checking it.
"""

from __future__ import annotations

import json
import os
import sys
from dataclasses import asdict
from pathlib import Path


from samverkan.content.load import load_content
from samverkan.memo import keep_results
from samverkan.content.follow_up import meetings_without_minutes
from samverkan.generate.codeowners import CODEOWNERS, codeowners
from samverkan.problems import report
from samverkan.language.swedish import swedish_date
from samverkan.content.today import build_date


def serve_checks() -> int:
    """For the web editor's local backend: check each folder named on a line
    of standard input and answer with its problems as one line of JSON. One
    process for all the saves of a preview, so what did not change between
    two checks is not read again (the same results a fresh check gives)."""
    keep_results()
    for line in sys.stdin:
        root = Path(line.strip())
        today, date_problems = build_date(os.environ)
        problems = (*date_problems, *load_content(root, today).problems)
        print(json.dumps({"problems": [asdict(p) for p in problems]}, ensure_ascii=False), flush=True)
    return 0


def run(folder: str = ".", write_owners: bool = False, as_json: bool = False) -> int:
    root = Path(folder).resolve()
    if not (root / "mkdocs.yml").is_file():
        print(f"Hittar ingen mkdocs.yml i {root}: kör kommandot i webbplatsens mapp.", file=sys.stderr)
        return 2
    today, date_problems = build_date(os.environ)
    result = load_content(root, today, workers=os.cpu_count() or 1)
    problems = (*date_problems, *result.problems)
    if as_json:
        # For the web editor's check before a save: the same problems, as records.
        print(json.dumps({"problems": [asdict(p) for p in problems]}, ensure_ascii=False))
        return 1 if problems else 0
    if problems:
        print(report(problems), file=sys.stderr)
        return 1
    content = result.content
    owners = root / CODEOWNERS
    expected = codeowners(content)
    if write_owners:
        owners.parent.mkdir(parents=True, exist_ok=True)
        owners.write_text(expected, encoding="utf-8")
        print(f"Skrev {CODEOWNERS}.")
    elif (owners.read_text(encoding="utf-8") if owners.is_file() else None) != expected and any(
        g.editors for g in content.groups.values()
    ):
        print(f"{CODEOWNERS} stämmer inte med fältet redaktörer i grupperna. Kör: make kodagare", file=sys.stderr)
        return 1
    print(
        f"Inga fel: {len(content.groups)} grupper, {len(content.minutes)} minnesanteckningar, "
        f"{len(content.events)} händelser, {len(content.tools)} verktyg, {len(content.agreements)} "
        f"överenskommelser, {len(content.documents)} dokument och {len(content.news)} nyheter."
    )
    for notice in result.notices:
        print(f"Påminnelse: {notice}")
    for missing in meetings_without_minutes(content):
        group = content.groups[missing.group].name if missing.group in content.groups else missing.group
        print(f"Påminnelse: {group} hade möte {swedish_date(missing.date)} men har inga publicerade "
              f"minnesanteckningar ({missing.expected_file}).")
    for tool in content.overdue_tools():
        print(f"Påminnelse: {tool.source.path}: ”{tool.title}” skulle ha granskats senast {tool.review_due().isoformat()}.")
    return 0


"""Action plans: `docs/handlingsplaner/<grupp>/<år>.md`.

One plan per group and year: goals, each with its activities (a responsible
role, never a name; a time frame; a status) and the group's minutes that
followed each activity up. The Markdown body is free text (background,
how the plan was made).

    ---
    fastställd: 2026-02-10
    mål:
      - mål: Barn och unga med psykisk ohälsa får samordnat stöd tidigare
        aktiviteter:
          - aktivitet: Gemensam rutin för SIP mellan skola och vårdcentral
            ansvarig: Verksamhetschef, elevhälsan
            start: 2026-01-15
            klart: 2026-06-30
            status: pågår
            uppföljning: [2026-03-10]
    ---
"""

from __future__ import annotations

import re
from pathlib import Path

from samverkan.content import fields as f
from samverkan.content.model import ActionPlan, Group, PlanActivity, PlanGoal, PlanStatus, Source
from samverkan.problems import Problem, did_you_mean
from samverkan.content.loaders.common import markdown_records

PLAN_DIR = "docs/handlingsplaner"
_YEAR = re.compile(r"^\d{4}$")

ACTIVITY_FIELDS = (
    f.Field("aktivitet", f.text, required=True),
    f.Field("ansvarig", f.text, required=True),
    f.Field("start", f.a_date),
    f.Field("klart", f.a_date),
    f.Field("status", f.choice([s.value for s in PlanStatus]), default=PlanStatus.PLANNED.value),
    # The group's minutes, by file name: 2026-03-10 (or 2026-03-10-extra).
    f.Field("uppföljning", f.list_of(f.text), default=()),
)
GOAL_FIELDS = (
    f.Field("mål", f.text, required=True),
    f.Field("aktiviteter", f.mappings(ACTIVITY_FIELDS), default=()),
)
PLAN_FIELDS = (
    f.Field("år", f.positive_int),
    f.Field("fastställd", f.a_date),
    f.Field("mål", f.mappings(GOAL_FIELDS), required=True),
    f.Field("utkast", f.boolean, default=False),
)


def load_plans(
    root: Path, groups: dict[str, Group], group_slugs: set[str], minutes_names: dict[str, set[str]], problems: list[Problem]
) -> list[ActionPlan]:
    """Every published plan; `minutes_names` are the names of each group's
    published minutes, which activities name as their follow-up."""
    plans = []
    for record in markdown_records(root, PLAN_DIR, PLAN_FIELDS, problems, recursive=True):
        rel, values = record.rel, record.values
        parts = record.slug.split("/")
        if len(parts) != 2 or not _YEAR.match(parts[1]):
            problems.append(Problem(rel, None, None, "en handlingsplan ska ligga i gruppens mapp och heta som året",
                                    record.slug, f"{PLAN_DIR}/<grupp>/ÅÅÅÅ.md"))
            continue
        group, year = parts[0], int(parts[1])
        if group not in group_slugs:
            problems.append(Problem(rel, None, None, "mappen har inte namnet på någon grupp", group,
                                    "namnet på en fil i docs/grupper/ utan .md", did_you_mean(group, sorted(group_slugs))))
            continue
        local: list[Problem] = []
        if values["år"] not in (None, f.MISSING) and values["år"] != year:
            local.append(Problem(rel, record.lines.get("år"), "år", "året stämmer inte med filens namn",
                                 str(values["år"]), f"{year} (eller ta bort fältet)"))
        goals = []
        for goal, _ in f.each_mapping(values["mål"], GOAL_FIELDS, rel, local, "mål."):
            activities = []
            for item, raw in f.each_mapping(goal["aktiviteter"], ACTIVITY_FIELDS, rel, local, "mål.aktiviteter."):
                lines = f.field_lines(raw, ACTIVITY_FIELDS)
                if item["start"] and item["klart"] and item["klart"] < item["start"]:
                    local.append(Problem(rel, lines.get("klart"), "mål.aktiviteter.klart", "klart ligger före start",
                                         item["klart"].isoformat(), f"ett datum från {item['start'].isoformat()}"))
                local.extend(_unknown_minutes(rel, lines.get("uppföljning"), group, item["uppföljning"], minutes_names))
                activities.append(PlanActivity(item["aktivitet"], item["ansvarig"], PlanStatus(item["status"]),
                                               item["start"], item["klart"], item["uppföljning"]))
            goals.append(PlanGoal(goal["mål"], tuple(activities)))
        problems.extend(local)
        if local or not record.complete or values["utkast"] or group not in groups:
            continue
        plans.append(ActionPlan(group, year, Source(rel, record.source.body_line, record.lines), tuple(goals),
                                values["fastställd"], record.source.body))
    return plans


def _unknown_minutes(rel: str, line: int | None, group: str, names: tuple[str, ...], minutes_names) -> list[Problem]:
    """Every minutes an activity names as its follow-up is one of the group's published minutes."""
    known = sorted(minutes_names.get(group, set()))
    return [
        Problem(
            rel,
            line,
            "mål.aktiviteter.uppföljning",
            "gruppen har inga publicerade minnesanteckningar med det namnet",
            name,
            f"namnet på en fil i minnesanteckningar/{group}/ utan .md, t.ex. 2026-03-10",
            did_you_mean(name, known),
        )
        for name in names
        if name not in known
    ]

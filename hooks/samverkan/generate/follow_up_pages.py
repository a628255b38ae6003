"""The follow-up of the collaboration: action plans, who is at the table,
a printable page for new members of each group, and the NOSAM overview.

What the 2019 mapping of the NOSAM groups asked for (a clear action plan,
stable representation, minutes that are written), made from the files the
editors keep anyway, so the overview is always current.
"""

from __future__ import annotations

from datetime import timedelta

from samverkan.content.follow_up import last_meeting
from samverkan.content.model import ActionPlan, Content, Group, GroupType, PlanActivity
from samverkan.language.swedish import swedish_date
from samverkan.generate.calendar_pages import upcoming
from samverkan.memo import memo
from samverkan.generate.links import agreement_status_text, handover_uri, plan_uri, template_helpers
from samverkan.generate.markdown import Md, front_matter, render, search_facets
from samverkan.generate.output import GeneratedPage

NOSAM_OVERVIEW = "nosam/oversikt.md"
DECISIONS_FOR_NEWCOMERS = timedelta(days=365)
MEETINGS_FOR_NEWCOMERS = 5


def period(activity: PlanActivity) -> str:
    """An activity's time frame in words."""
    if activity.start and activity.end:
        return f"{swedish_date(activity.start)} – {swedish_date(activity.end)}"
    if activity.end:
        return f"senast {swedish_date(activity.end)}"
    if activity.start:
        return f"från {swedish_date(activity.start)}"
    return "–"


def plan_summary(content: Content, plan: ActionPlan) -> dict:
    """What a group page, a handover page and the overview say of a plan."""
    done, total = plan.progress()
    return {
        "plan": plan,
        "done": done,
        "total": total,
        "outdated": content.plan_is_outdated(plan),
    }


def _goals(content: Content, plan: ActionPlan) -> list:
    """Per goal: its activities with the minutes that followed each up, and
    the decisions of those minutes."""
    minutes = {m.name: m for m in content.minutes_of_group(plan.group)}
    goals = []
    for goal in plan.goals:
        rows = [(a, [minutes[n] for n in a.follow_up if n in minutes]) for a in goal.activities]
        followed = sorted({m.key: m for _, ms in rows for m in ms}.values(), key=lambda m: m.date)
        decisions = [(m, d) for m in followed for d in m.decisions]
        goals.append((goal, rows, decisions))
    return goals


def plan_page(content: Content, plan: ActionPlan) -> GeneratedPage:
    uri = plan_uri(plan)
    group = content.groups[plan.group]
    later = [p for p in content.plans_of_group(plan.group) if p.year != plan.year]
    markdown = render(
        "plan.md.j2",
        uri,
        **template_helpers(content),
        front=front_matter(f"Handlingsplan {plan.year} – {group.name}", sok=search_facets("Handlingsplaner", group.name, plan.year)),
        group=group,
        body=Md(plan.body),
        goals=_goals(content, plan),
        period=period,
        other_plans=later,
        is_latest=content.current_plan(plan.group) == plan,
        **plan_summary(content, plan),
    )
    return GeneratedPage(uri, markdown, plan.source.path)


def questions_of(content: Content, group: Group) -> tuple[list, list]:
    """Questions the group raised (to theme groups) and those raised to it,
    each with its answer if there is one: (minutes, question, other group, answer)."""
    groups = content.groups
    raised_by = [
        (m, q, groups[q.to], content.answer_to(m, q))
        for m in content.minutes_of_group(group.slug)
        for q in m.raised
        if q.to in groups
    ]
    raised_to = [
        (m, q, groups[m.group], content.answer_to(m, q))
        for m, q in content.questions_raised_to(group.slug)
        if m.group in groups
    ]
    return raised_by, raised_to


def group_made_of(content: Content, group: Group) -> tuple:
    """What a group's page and its handover page are made from, as a memo
    key: the group, and of the other groups what `group_outlines_key` holds,
    its minutes (archive, decisions, open actions, questions it raised) and
    the answers to its questions, questions raised to it, its agreements with
    their status, its events, plans and the representation required, and
    today (what is overdue, upcoming, in force)."""
    slug = group.slug
    raised_by, raised_to = questions_of(content, group)
    return (
        group,
        content.today,
        content.group_outlines_key,
        content.minutes_of_group(slug),
        content.questions_raised_to(slug),
        tuple(answer for *_, answer in (*raised_by, *raised_to)),
        tuple((a, agreement_status_text(content, a)) for a in content.agreements_in_force(slug)),
        content.events_of_group(slug),
        content.plans_of_group(slug),
        content.representation,
    )


def handover_page(content: Content, group: Group) -> GeneratedPage:
    return _HANDOVER_PAGES.get(group_made_of(content, group), lambda: _handover_page(content, group))


_HANDOVER_PAGES = memo()


def _handover_page(content: Content, group: Group) -> GeneratedPage:
    uri = handover_uri(group)
    since = content.today - DECISIONS_FOR_NEWCOMERS
    plan = content.current_plan(group.slug)
    raised_by, raised_to = questions_of(content, group)
    markdown = render(
        "handover.md.j2",
        uri,
        **template_helpers(content),
        # It repeats the group's page and its minutes: found, but after them.
        front=front_matter(f"Ny i {group.name}", description=f"Det en ny ledamot i {group.name} behöver veta.",
                           sok=search_facets("Grupper", group.name, weight=0.3)),
        group=group,
        body=Md(group.body),
        parent=content.groups.get(group.parent) if group.parent else None,
        theme_groups=[content.groups[t] for t in group.theme_groups if t in content.groups],
        gaps=content.representation.gaps(group),
        representation_applies=content.representation.applies_to(group),
        agreements=content.agreements_in_force(group.slug),
        summary=plan_summary(content, plan) if plan else None,
        goals=_goals(content, plan) if plan else [],
        period=period,
        decisions=[(m, d) for m, d in content.decisions_of_group(group.slug) if m.date >= since],
        since=since,
        open_actions=content.open_actions_of_group(group.slug),
        raised_by=raised_by,
        raised_to=raised_to,
        upcoming=[o for o in upcoming(content, content.events_of_group(group.slug)) if not o.cancelled][
            :MEETINGS_FOR_NEWCOMERS
        ],
    )
    return GeneratedPage(uri, markdown, group.source.path)


def _overview_row(content: Content, group: Group) -> dict:
    meeting = last_meeting(content, group.slug)
    plan = content.current_plan(group.slug)
    raised_by, _ = questions_of(content, group)
    return {
        "group": group,
        "meeting": meeting,
        "minutes": content.minutes_on(group.slug, meeting.date) if meeting else None,
        "latest_minutes": next(iter(content.minutes_of_group(group.slug)), None),
        "summary": plan_summary(content, plan) if plan else None,
        "gaps": content.representation.gaps(group),
        "applies": content.representation.applies_to(group),
        "vastbus": [c for c in content.children(group.slug) if c.type == GroupType.VASTBUS and c.is_current(content.today)],
        "parent": content.groups.get(group.parent) if group.parent else None,
        "open_actions": len(content.open_actions_of_group(group.slug)),
        "raised": len(raised_by),
        "answered": sum(1 for *_, answer in raised_by if answer),
    }


def nosam_overview(content: Content) -> GeneratedPage:
    def rows(kind: GroupType) -> list[dict]:
        return [_overview_row(content, g) for g in content.groups_of_type(kind, dormant=False)]

    markdown = render(
        "nosam_overview.md.j2",
        NOSAM_OVERVIEW,
        **template_helpers(content),
        front=front_matter("Översikt över NOSAM och Västbus", sok=search_facets("Grupper", weight=0.5),
                           hide=["toc"]),  # its eight columns need the width,
        nosam=rows(GroupType.NOSAM),
        vastbus=rows(GroupType.VASTBUS),
    )
    return GeneratedPage(NOSAM_OVERVIEW, markdown)


def follow_up_pages(content: Content) -> list[GeneratedPage]:
    pages = [plan_page(content, p) for p in content.plans]
    pages += [handover_page(content, g) for g in content.groups.values() if g.is_current(content.today)]
    pages.append(nosam_overview(content))
    return pages


REPRESENTATION_PAGE = "om/representation.md"


def representation_page(content: Content) -> GeneratedPage:
    """Who should be at the table, from `docs/om/representation.yml`."""
    rep = content.representation
    kinds = [(kind, rep.required.get(kind, ())) for kind in (GroupType.NOSAM, GroupType.VASTBUS)]
    required = {k.casefold() for _, ks in kinds for k in ks}
    markdown = render(
        "representation.md.j2",
        REPRESENTATION_PAGE,
        **template_helpers(content),
        front=front_matter("Vilka som ska vara med"),
        kinds=[(kind, ks) for kind, ks in kinds if ks],
        others=[k for k in rep.known if k.casefold() not in required],
    )
    return GeneratedPage(REPRESENTATION_PAGE, markdown, "docs/om/representation.yml")

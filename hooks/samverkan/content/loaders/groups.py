"""Groups: `docs/grupper/<slug>.md`."""

from __future__ import annotations

from pathlib import Path

from samverkan.content import fields as f
from samverkan.content.model import Group, GroupType, Member, Source
from samverkan.problems import Problem, did_you_mean
from samverkan.content.loaders.common import file_slugs, markdown_records

GROUP_DIR = "docs/grupper"

# Who sits at the table: the kind of organisation (one of those in
# docs/om/representation.yml, checked in content.py) and the role.
MEMBER_FIELDS = (
    f.Field("organisation", f.text, required=True),
    f.Field("roll", f.text, required=True),
)

GROUP_FIELDS = (
    f.Field("namn", f.text, required=True),
    f.Field("typ", f.choice({t.value: t.value for t in GroupType} | {"västbus": "vastbus"}), required=True),
    f.Field("kommun", f.text),
    f.Field("område", f.text),
    f.Field("överordnad", f.slug),
    f.Field("temagrupper", f.list_of(f.slug), default=()),
    f.Field("kontakt", f.email),
    f.Field("ordförande", f.text),
    f.Field("aktiv", f.boolean, default=True),
    f.Field("avvecklad", f.a_date),
    f.Field("ersatt_av", f.slug),
    f.Field("redaktörer", f.list_of(f.account), default=()),
    f.Field("representanter", f.mappings(MEMBER_FIELDS), default=()),
)


def load_groups(root: Path, problems: list[Problem]) -> tuple[dict[str, Group], set[str]]:
    """Every valid group, and the slugs of every group file (valid or not).

    References are checked against all files, so one broken group file does not
    make every group that mentions it fail too.
    """
    groups: dict[str, Group] = {}
    for record in markdown_records(root, GROUP_DIR, GROUP_FIELDS, problems):
        members = tuple(
            Member(v["organisation"], v["roll"])
            for v, _ in f.each_mapping(record.values.get("representanter"), MEMBER_FIELDS, record.rel, problems,
                                       "representanter.")
        )
        if not record.complete:
            continue
        values = record.values
        group = Group(
            slug=record.slug,
            name=values["namn"],
            type=GroupType(values["typ"]),
            source=Source(record.rel, record.source.body_line, record.lines),
            body=record.source.body,
            municipality=values["kommun"],
            area=values["område"],
            parent=values["överordnad"],
            theme_groups=values["temagrupper"],
            contact=values["kontakt"],
            chair=values["ordförande"],
            active=values["aktiv"],
            wound_up=values["avvecklad"],
            successor=values["ersatt_av"],
            editors=values["redaktörer"],
            members=members,
        )
        groups[group.slug] = group
        _check_succession(group, problems)
    return groups, file_slugs(root, GROUP_DIR)


def _check_succession(group: Group, problems: list[Problem]) -> None:
    where = group.source.line("ersatt_av")
    if group.successor and group.wound_up is None:
        problems.append(
            Problem(
                group.source.path,
                where,
                "ersatt_av",
                "en grupp som har ersatts måste också ha ett datum i fältet avvecklad",
                expected="avvecklad: ÅÅÅÅ-MM-DD",
            )
        )
    if group.successor == group.slug:
        problems.append(Problem(group.source.path, where, "ersatt_av", "en grupp kan inte ersätta sig själv"))


def check_group_references(
    groups: dict[str, Group], all_slugs: set[str], problems: list[Problem]
) -> None:
    """Parents, successors and theme groups must exist; parents must not form a cycle."""
    known = sorted(all_slugs)
    for group in groups.values():
        refs = [("överordnad", group.parent), ("ersatt_av", group.successor)]
        refs += [("temagrupper", t) for t in group.theme_groups]
        for field_name, ref in refs:
            if ref is None:
                continue
            if ref not in all_slugs:
                problems.append(
                    Problem(
                        group.source.path,
                        group.source.line(field_name),
                        field_name,
                        "okänd grupp",
                        ref,
                        f"namnet på en fil i {GROUP_DIR}/ utan .md",
                        did_you_mean(ref, known),
                    )
                )
            elif field_name == "temagrupper" and ref in groups and groups[ref].type != GroupType.THEME_GROUP:
                themes = [s for s, g in groups.items() if g.type == GroupType.THEME_GROUP]
                problems.append(
                    Problem(
                        group.source.path,
                        group.source.line(field_name),
                        field_name,
                        "gruppen är ingen temagrupp",
                        ref,
                        "en grupp med typ: temagrupp",
                        did_you_mean(ref, themes),
                    )
                )
    reported: set[str] = set()
    for group in groups.values():
        seen: list[str] = []
        current: str | None = group.slug
        while current in groups and current not in seen:
            seen.append(current)
            current = groups[current].parent
        if current in seen and current not in reported:
            cycle = seen[seen.index(current):]
            reported.update(cycle)
            for member in cycle:
                problems.append(
                    Problem(
                        groups[member].source.path,
                        groups[member].source.line("överordnad"),
                        "överordnad",
                        "grupperna är varandras överordnade i en cirkel",
                        " → ".join([*cycle, cycle[0]]),
                        "en överordnad grupp som inte själv ligger under den här gruppen",
                    )
                )

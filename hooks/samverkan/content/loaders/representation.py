"""Representation: `docs/om/representation.yml`.

Which kinds of organisation a NOSAM group and a Västbus group should have at
the table, and the other kinds a member may come from. Groups name their
members' organisations from these lists (`representanter` in the group file);
a group page shows who is represented and which required kinds are missing.

    nosam:
      - Primärvård
      - Socialtjänst
    vastbus:
      - Socialtjänst
      - Skola
    övriga:
      - Tandvård
"""

from __future__ import annotations

from pathlib import Path

from samverkan.content import fields as f
from samverkan.content.model import GroupType, Representation
from samverkan.problems import Problem, did_you_mean, fold
from samverkan.content.yaml_source import YamlMap, read_yaml_file

REPRESENTATION_FILE = "docs/om/representation.yml"

REPRESENTATION_FIELDS = (
    f.Field("nosam", f.list_of(f.text), default=()),
    f.Field("vastbus", f.list_of(f.text), default=()),
    f.Field("övriga", f.list_of(f.text), default=()),
)
_TYPES = {"nosam": GroupType.NOSAM, "vastbus": GroupType.VASTBUS}


def load_representation(root: Path, problems: list[Problem]) -> Representation:
    path = root / REPRESENTATION_FILE
    if not path.is_file():
        return Representation()
    data, read_problems = read_yaml_file(path, REPRESENTATION_FILE)
    problems.extend(read_problems)
    if read_problems:
        return Representation()
    if not isinstance(data, YamlMap):
        problems.append(Problem(REPRESENTATION_FILE, 1, None, "filen ska ha listorna nosam:, vastbus: och övriga:"))
        return Representation()
    values = f.read_fields(data, REPRESENTATION_FIELDS, REPRESENTATION_FILE, problems)
    lists = {name: values[name] for name in ("nosam", "vastbus", "övriga") if values[name] is not f.MISSING}
    known: list[str] = []
    for name, kinds in lists.items():
        for kind in kinds:
            if fold(kind) not in {fold(k) for k in known}:
                known.append(kind)
    return Representation(
        required={_TYPES[name]: tuple(kinds) for name, kinds in lists.items() if name in _TYPES},
        known=tuple(known),
    )


def check_members(groups, representation: Representation, problems: list[Problem]) -> None:
    """Every member's organisation is one of the kinds the file names."""
    if not representation.known:
        return
    known = {fold(k) for k in representation.known}
    for group in groups.values():
        for member in group.members:
            if fold(member.organisation) not in known:
                problems.append(
                    Problem(
                        group.source.path,
                        group.source.line("representanter"),
                        "representanter.organisation",
                        "okänd organisation",
                        member.organisation,
                        f"en av organisationerna i {REPRESENTATION_FILE}",
                        did_you_mean(member.organisation, list(representation.known)),
                    )
                )

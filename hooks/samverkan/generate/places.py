"""Which group is mine: the places the NOSAM groups cover, and the groups that meet for each today.

A newcomer knows where they work (a municipality, a district), not how the
collaboration is organised. The groups' own fields say it: a NOSAM group's
`område` (split where it names several districts, "Majorna-Linné"), its
`kommun` where that has one group, and for a wound-up group's area the
group that carries on its work ("Majorna" is NOSAM Centrum since 2021).
With each NOSAM group come the Västbus groups under it. The start page, the
search page and the search box all answer from this one list.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from samverkan.content.model import Content, Group, GroupType
from samverkan.language.swedish import swedish_order

_PARTS = re.compile(r"\s*[-–/,]\s*|\s+och\s+")


@dataclass(frozen=True, slots=True)
class Place:
    name: str  # as the groups write it: "Majorna", "Mölndal"
    groups: tuple[Group, ...]  # who meets for it today: the NOSAM group(s), then the Västbus groups under them
    formerly: Group | None = None  # the wound-up group whose area it was

    @property
    def key(self) -> str:
        return swedish_order(self.name)


def places(content: Content) -> tuple[Place, ...]:
    found: dict[str, Place] = {}

    def add(name: str, groups: tuple[Group, ...], formerly: Group | None) -> None:
        key = swedish_order(name)
        held = found.get(key)
        # A current group's own area wins over a wound-up group of the same name.
        if held is None or (held.formerly is not None and formerly is None):
            found[key] = Place(name, groups, formerly)

    current_by_municipality: dict[str, list[Group]] = {}
    for group in content.groups.values():
        if group.type is not GroupType.NOSAM:
            continue
        today = group if group.is_current(content.today) else content.carried_on_by(group.slug)
        if today is None or not today.is_current(content.today):
            continue
        meets = (today, *_vastbus_under(content, today))
        formerly = None if today is group else group
        names = _area_names(group.area) if group.area else [group.municipality] if group.municipality else []
        for name in names:
            add(name, meets, formerly)
        if group is today and group.municipality:
            current_by_municipality.setdefault(group.municipality, []).append(group)
    for municipality, groups in current_by_municipality.items():
        if len(groups) > 1 and swedish_order(municipality) not in found:
            ordered = sorted(groups, key=lambda g: swedish_order(g.name))
            add(municipality, tuple(ordered), None)
    return tuple(sorted(found.values(), key=lambda p: p.key))


def _area_names(area: str) -> list[str]:
    """"Askim-Frölunda-Högsbo" is Askim, Frölunda and Högsbo, and itself."""
    parts = [p for p in _PARTS.split(area.strip()) if p]
    return [area.strip(), *parts] if len(parts) > 1 else [area.strip()]


def _vastbus_under(content: Content, group: Group) -> tuple[Group, ...]:
    return tuple(
        sorted(
            (g for g in content.groups.values()
             if g.type is GroupType.VASTBUS and g.parent == group.slug and g.is_current(content.today)),
            key=lambda g: swedish_order(g.name),
        )
    )

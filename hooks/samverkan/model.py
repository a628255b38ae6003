"""The content model: immutable records of what editors wrote, checked and linked.

Nothing here knows about MkDocs; generators turn these records into pages.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from types import MappingProxyType
from typing import Mapping


class GroupType(StrEnum):
    NOSAM = "nosam"
    THEME_GROUP = "temagrupp"
    VASTBUS = "vastbus"
    OTHER = "annan"

    @property
    def label(self) -> str:
        return _GROUP_TYPE_LABELS[self][0]

    @property
    def plural(self) -> str:
        return _GROUP_TYPE_LABELS[self][1]


_GROUP_TYPE_LABELS = {
    GroupType.NOSAM: ("NOSAM-grupp", "NOSAM-grupper"),
    GroupType.THEME_GROUP: ("Temagrupp", "Temagrupper"),
    GroupType.VASTBUS: ("Västbusgrupp", "Västbusgrupper"),
    GroupType.OTHER: ("Lednings- och beredningsorgan", "Ledning och beredning"),
}


@dataclass(frozen=True, slots=True)
class Source:
    """Where a record came from: the path relative to the repository root,
    and the line of each field, so later cross-checks can point at it."""

    path: str
    body_line: int = 1
    lines: Mapping[str, int] = field(default_factory=dict, hash=False, compare=False)

    def line(self, field_name: str) -> int | None:
        return self.lines.get(field_name)


@dataclass(frozen=True, slots=True)
class Group:
    slug: str
    name: str
    type: GroupType
    source: Source
    body: str = ""
    municipality: str | None = None
    area: str | None = None
    parent: str | None = None
    theme_groups: tuple[str, ...] = ()
    contact: str | None = None
    chair: str | None = None
    active: bool = True
    wound_up: date | None = None
    successor: str | None = None

    def is_wound_up(self, today: date) -> bool:
        return self.wound_up is not None and self.wound_up <= today

    def is_current(self, today: date) -> bool:
        return self.active and not self.is_wound_up(today)


class DocumentType(StrEnum):
    REPORT = "rapport"
    MAPPING = "kartläggning"
    ACTION_PLAN = "handlingsplan"
    ANNUAL_REPORT = "årsrapport"
    OTHER = "annat"

    @property
    def label(self) -> str:
        return self.value.capitalize()


@dataclass(frozen=True, slots=True)
class Document:
    slug: str
    title: str
    type: DocumentType
    date: date | None
    source: Source
    body: str = ""
    groups: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()


def _newest_first(document: Document) -> tuple:
    # Undated documents last; then newest first, then by title.
    return (document.date is None, -(document.date.toordinal() if document.date else 0), document.title.casefold())


@dataclass(frozen=True)
class Content:
    """Everything one build publishes, loaded and validated once."""

    today: date
    groups: Mapping[str, Group]
    documents: tuple[Document, ...] = ()
    _children: Mapping[str, tuple[str, ...]] = field(default_factory=dict, repr=False)
    _predecessors: Mapping[str, tuple[str, ...]] = field(default_factory=dict, repr=False)
    _reporting: Mapping[str, tuple[str, ...]] = field(default_factory=dict, repr=False)

    @classmethod
    def build(cls, today: date, groups: Mapping[str, Group], documents=()) -> "Content":
        children: dict[str, list[str]] = {}
        predecessors: dict[str, list[str]] = {}
        reporting: dict[str, list[str]] = {}
        for group in sorted(groups.values(), key=lambda g: g.name.casefold()):
            if group.parent in groups:
                children.setdefault(group.parent, []).append(group.slug)
            if group.successor in groups:
                predecessors.setdefault(group.successor, []).append(group.slug)
            for theme in group.theme_groups:
                reporting.setdefault(theme, []).append(group.slug)
        freeze = lambda d: MappingProxyType({k: tuple(v) for k, v in d.items()})  # noqa: E731
        return cls(
            today=today,
            groups=MappingProxyType(dict(sorted(groups.items()))),
            documents=tuple(sorted(documents, key=_newest_first)),
            _children=freeze(children),
            _predecessors=freeze(predecessors),
            _reporting=freeze(reporting),
        )

    def children(self, slug: str) -> tuple[Group, ...]:
        return tuple(self.groups[s] for s in self._children.get(slug, ()))

    def predecessors(self, slug: str) -> tuple[Group, ...]:
        return tuple(self.groups[s] for s in self._predecessors.get(slug, ()))

    def reporting_to(self, slug: str) -> tuple[Group, ...]:
        return tuple(self.groups[s] for s in self._reporting.get(slug, ()))

    def groups_of_type(self, kind: GroupType, *, dormant: bool = True) -> tuple[Group, ...]:
        """Groups of a kind that are not wound up; dormant ("vilande") ones only if asked."""
        return tuple(
            g
            for g in sorted(self.groups.values(), key=lambda g: g.name.casefold())
            if g.type == kind
            and not g.is_wound_up(self.today)
            and (dormant or g.active)
        )

    def wound_up_groups(self) -> tuple[Group, ...]:
        return tuple(
            g
            for g in sorted(self.groups.values(), key=lambda g: g.name.casefold())
            if g.is_wound_up(self.today)
        )

    def documents_of_group(self, slug: str) -> tuple[Document, ...]:
        return tuple(d for d in self.documents if slug in d.groups)

"""The content model: immutable records of what editors wrote, checked and linked.

Nothing here knows about MkDocs; generators turn these records into pages.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from functools import cached_property
from datetime import date, datetime, time
from enum import StrEnum
from types import MappingProxyType
from typing import Mapping

from samverkan.memo import HashedOnce
from samverkan.language.swedish import swedish_date


class LabelledChoice(StrEnum):
    """A choice whose label is its value with a capital: "Handlingsplan"."""

    @property
    def label(self) -> str:
        return self.value.capitalize()


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
class Member:
    """A seat in a group: the kind of organisation and the role (never a name)."""

    organisation: str
    role: str


@dataclass(frozen=True, slots=True)
class Representation:
    """Which kinds of organisation each type of group should have at the table
    (`docs/om/representation.yml`), and every kind a member may come from."""

    required: Mapping[GroupType, tuple[str, ...]] = field(default_factory=dict, hash=False)
    known: tuple[str, ...] = ()

    def gaps(self, group: "Group") -> tuple[str, ...]:
        """The required kinds no member of the group comes from; nothing
        when the group has not said who its members are."""
        if not group.members:
            return ()
        present = {m.organisation.casefold() for m in group.members}
        return tuple(kind for kind in self.required.get(group.type, ()) if kind.casefold() not in present)

    def applies_to(self, group: "Group") -> bool:
        return bool(self.required.get(group.type))


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
    editors: tuple[str, ...] = ()  # git host accounts; only in the code-owners file, never on the site
    members: tuple[Member, ...] = ()  # who sits at the table, by organisation and role (never names)

    def is_wound_up(self, today: date) -> bool:
        return self.wound_up is not None and self.wound_up <= today

    def is_current(self, today: date) -> bool:
        return self.active and not self.is_wound_up(today)


class DocumentType(LabelledChoice):
    REPORT = "rapport"
    MAPPING = "kartläggning"
    ACTION_PLAN = "handlingsplan"
    ANNUAL_REPORT = "årsrapport"
    OTHER = "annat"


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


class MeetingType(StrEnum):
    REGULAR = "ordinarie"
    EXTRA = "extra"
    DIALOGUE = "dialogmöte"
    WORKSHOP = "workshop"
    OTHER = "annat"

    @property
    def label(self) -> str:
        return {
            MeetingType.REGULAR: "Ordinarie möte",
            MeetingType.EXTRA: "Extra möte",
            MeetingType.DIALOGUE: "Dialogmöte",
            MeetingType.WORKSHOP: "Workshop",
            MeetingType.OTHER: "Annat möte",
        }[self]


class ActionStatus(StrEnum):
    OPEN = "öppen"
    DONE = "klar"


@dataclass(frozen=True, slots=True)
class ActionItem:
    what: str
    owner: str | None = None
    due: date | None = None
    status: ActionStatus = ActionStatus.OPEN

    def is_overdue(self, today: date) -> bool:
        return self.status == ActionStatus.OPEN and self.due is not None and self.due < today


@dataclass(frozen=True, slots=True)
class RaisedQuestion:
    """A question a group raises to a theme group (the NOSAM -> theme group path)."""

    to: str
    question: str


@dataclass(frozen=True, slots=True)
class Answer:
    """A theme group's answer to a question raised to it: the asking group's
    minutes are named by group and date."""

    group: str
    date: date
    text: str


@dataclass(frozen=True, slots=True)
class Attachment:
    title: str
    file: str  # file name inside the group's minutes folder
    size: int
    kind: str  # "PDF", "Word", ...
    line: int | None = field(default=None, compare=False)  # of `fil:` in the minutes file


class HashedOnceRecord:
    """A record that is part of memo keys on every preview rebuild (ten
    thousand minutes, each key hashing it anew): its hash is computed once.
    Equal records still hash equal; the cached value is never pickled, since
    another process hashes strings differently."""

    __slots__ = ("_hash",)

    def __hash__(self) -> int:
        try:
            return self._hash
        except AttributeError:
            value = hash(tuple(getattr(self, f.name) for f in fields(self) if (f.compare if f.hash is None else f.hash)))
            object.__setattr__(self, "_hash", value)
            return value


@dataclass(frozen=True, slots=True)
class Minutes(HashedOnceRecord):
    group: str
    date: date
    name: str  # file name without .md: "2026-03-10" or "2026-03-10-extra"
    title: str
    source: Source
    body: str = ""
    summary: str | None = None
    meeting_type: MeetingType = MeetingType.REGULAR
    place: str | None = None
    present: tuple[str, ...] = ()
    absent: tuple[str, ...] = ()
    decisions: tuple[str, ...] = ()
    actions: tuple[ActionItem, ...] = ()
    raised: tuple[RaisedQuestion, ...] = ()
    tags: tuple[str, ...] = ()
    attachments: tuple[Attachment, ...] = ()
    answers: tuple[Answer, ...] = ()  # to questions other groups raised to this one

    __hash__ = HashedOnceRecord.__hash__

    @property
    def key(self) -> str:
        return f"{self.group}/{self.name}"


class PlanStatus(LabelledChoice):
    PLANNED = "planerad"
    ONGOING = "pågår"
    DONE = "klar"
    STOPPED = "avbruten"


@dataclass(frozen=True, slots=True)
class PlanActivity:
    what: str
    responsible: str  # a role
    status: PlanStatus = PlanStatus.PLANNED
    start: date | None = None
    end: date | None = None
    follow_up: tuple[str, ...] = ()  # names of the group's minutes that followed it up


@dataclass(frozen=True, slots=True)
class PlanGoal:
    goal: str
    activities: tuple[PlanActivity, ...] = ()


@dataclass(frozen=True, slots=True)
class ActionPlan:
    """A group's action plan for one year: `docs/handlingsplaner/<grupp>/<år>.md`."""

    group: str
    year: int
    source: Source
    goals: tuple[PlanGoal, ...] = ()
    decided: date | None = None
    body: str = ""

    @property
    def activities(self) -> tuple[PlanActivity, ...]:
        return tuple(a for g in self.goals for a in g.activities)

    def progress(self) -> tuple[int, int]:
        """(activities done, activities planned), those stopped not counted."""
        counted = [a for a in self.activities if a.status != PlanStatus.STOPPED]
        return sum(a.status == PlanStatus.DONE for a in counted), len(counted)


class Frequency(StrEnum):
    DAILY = "dag"
    WEEKLY = "vecka"
    MONTHLY = "månad"
    YEARLY = "år"

    @property
    def rfc(self) -> str:
        return {"dag": "DAILY", "vecka": "WEEKLY", "månad": "MONTHLY", "år": "YEARLY"}[self.value]


WEEKDAYS = ("måndag", "tisdag", "onsdag", "torsdag", "fredag", "lördag", "söndag")
ORDINALS = {1: "första", 2: "andra", 3: "tredje", 4: "fjärde", -1: "sista"}


@dataclass(frozen=True, slots=True)
class OccurrenceChange:
    """One date of a series held on another day, at other hours or elsewhere."""

    day: date  # the date in the series
    new_day: date | None = None
    start_time: time | None = None
    end_time: time | None = None
    place: str | None = None


@dataclass(frozen=True, slots=True)
class Recurrence:
    frequency: Frequency
    interval: int = 1
    weekday: int | None = None  # 0 = måndag
    ordinal: int | None = None  # 1..4, -1 = the last
    until: date | None = None
    count: int | None = None
    exceptions: tuple[date, ...] = ()  # dates left out of the series without a word
    cancelled: tuple[date, ...] = ()  # dates that stay in the series, marked as cancelled
    changes: tuple[OccurrenceChange, ...] = ()  # dates held on another day, time or place

    def describe(self) -> str:
        """"Första tisdagen varje månad till och med 31 december 2026"."""
        every = {
            Frequency.DAILY: ("dag", "dag"),
            Frequency.WEEKLY: ("vecka", "vecka"),
            Frequency.MONTHLY: ("månad", "månad"),
            Frequency.YEARLY: ("år", "år"),
        }[self.frequency][0]
        period = f"var {self.interval}:e {every}" if self.interval > 1 else f"varje {every}"
        if self.weekday is not None and self.ordinal is not None:
            text = f"{ORDINALS[self.ordinal]} {WEEKDAYS[self.weekday]}en {period}"
        elif self.weekday is not None:
            text = f"{WEEKDAYS[self.weekday]} {period}"
        else:
            text = period
        if self.until:
            text += f" till och med {swedish_date(self.until)}"
        elif self.count:
            text += f", {self.count} gånger"
        return text[0].upper() + text[1:]


@dataclass(frozen=True, slots=True)
class Event(HashedOnceRecord):
    """One calendar entry: a single, all-day, multi-day or recurring event."""

    __hash__ = HashedOnceRecord.__hash__

    id: str  # stable: the explicit `id`, or derived from the file and the first date
    title: str
    start_date: date
    source: Source
    end_date: date | None = None  # the last day, inclusive
    start_time: time | None = None
    end_time: time | None = None
    group: str | None = None
    place: str | None = None
    description: str | None = None
    link: str | None = None
    cancelled: bool = False
    recurrence: Recurrence | None = None
    sequence: int = 0
    last_modified: datetime | None = None  # UTC; the feed's DTSTAMP and LAST-MODIFIED

    @property
    def all_day(self) -> bool:
        return self.start_time is None

    @property
    def last_day(self) -> date:
        return self.end_date or self.start_date


@dataclass(frozen=True, slots=True)
class Occurrence:
    """One date on which an event takes place (or would have, if cancelled)."""

    event: Event
    date: date  # the day it is held (a changed date's new day)
    change: OccurrenceChange | None = None

    @property
    def series_date(self) -> date:
        """The date the series gives it, before any change."""
        return self.change.day if self.change else self.date

    @property
    def end_date(self) -> date:
        return self.date + (self.event.last_day - self.event.start_date)

    @property
    def start_time(self) -> time | None:
        return self.change.start_time if self.change and self.change.start_time else self.event.start_time

    @property
    def end_time(self) -> time | None:
        return self.change.end_time if self.change and self.change.end_time else self.event.end_time

    @property
    def place(self) -> str | None:
        return self.change.place if self.change and self.change.place else self.event.place

    @property
    def cancelled(self) -> bool:
        recurrence = self.event.recurrence
        return self.event.cancelled or (recurrence is not None and self.series_date in recurrence.cancelled)


class AgreementType(LabelledChoice):
    AGREEMENT = "överenskommelse"
    GUIDELINE = "riktlinje"
    ROUTINE = "rutin"
    CONTRACT = "avtal"


class AgreementStatus(StrEnum):
    IN_FORCE = "gällande"
    REVIEW_OVERDUE = "omprövning försenad"
    ENDING_SOON = "upphör snart"
    ENDED = "upphört"
    REPLACED = "ersatt"
    UPCOMING = "kommande"

    @property
    def in_force(self) -> bool:
        return self in (AgreementStatus.IN_FORCE, AgreementStatus.REVIEW_OVERDUE, AgreementStatus.ENDING_SOON)


ENDING_SOON_DAYS = 90


@dataclass(frozen=True, slots=True)
class Agreement:
    slug: str
    title: str
    type: AgreementType
    source: Source
    parties: tuple[str, ...] = ()
    groups: tuple[str, ...] = ()  # or ("alla",)
    decided: date | None = None
    decided_by: str | None = None
    valid_from: date | None = None
    valid_to: date | None = None
    review: date | None = None
    review_yearly: bool = False
    replaces: str | None = None
    reference: str | None = None
    body: str = ""

    def applies_to(self, group: str) -> bool:
        return "alla" in self.groups or group in self.groups

    def next_review(self) -> date | None:
        """An explicit date; or, reviewed yearly, the first anniversary of the
        start date after the latest decision (editors update `beslutad` when
        they have reviewed it)."""
        if not self.review_yearly:
            return self.review
        start = self.valid_from or self.decided
        if start is None:
            return None
        latest = max(d for d in (self.decided, self.valid_from) if d)
        year = start.year + 1
        while _anniversary(start, year) <= latest:
            year += 1
        return _anniversary(start, year)

    def status(self, today: date, replaced: bool) -> AgreementStatus:
        if replaced:
            return AgreementStatus.REPLACED
        if self.valid_to is not None and self.valid_to < today:
            return AgreementStatus.ENDED
        if self.valid_from is not None and self.valid_from > today:
            return AgreementStatus.UPCOMING
        if self.valid_to is not None and (self.valid_to - today).days <= ENDING_SOON_DAYS:
            return AgreementStatus.ENDING_SOON
        review = self.next_review()
        if review is not None and review < today:
            return AgreementStatus.REVIEW_OVERDUE
        return AgreementStatus.IN_FORCE


def _anniversary(start: date, year: int) -> date:
    try:
        return start.replace(year=year)
    except ValueError:  # 29 February
        return date(year, 3, 1)


@dataclass(frozen=True, slots=True)
class ToolLink:
    title: str
    url: str


@dataclass(frozen=True, slots=True)
class Tool:
    """A toolbox page: a method, routine or guideline people use between meetings."""

    slug: str  # path under verktygslada/ without .md, may contain "/"
    title: str
    source: Source
    summary: str | None = None
    category: str = "Övrigt"
    audiences: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    owner: str | None = None
    reviewed: date | None = None
    review_months: int = 12
    links: tuple[ToolLink, ...] = ()
    body: str = ""

    def review_due(self) -> date | None:
        if self.reviewed is None:
            return None
        month = self.reviewed.month - 1 + self.review_months
        year = self.reviewed.year + month // 12
        day = min(self.reviewed.day, 28)
        return date(year, month % 12 + 1, day)

    def is_overdue(self, today: date) -> bool:
        due = self.review_due()
        return due is not None and due < today


@dataclass(frozen=True, slots=True)
class NewsPost:
    title: str
    date: date
    uri: str  # the post's Markdown source under docs/
    categories: tuple[str, ...] = ()
    excerpt: str = ""


@dataclass(frozen=True, slots=True)
class GlossaryTerm:
    term: str  # the abbreviation as written: "NOSAM", "Västbus"
    explanation: str


def _newest_first(document: Document) -> tuple:
    # Undated documents last; then newest first, then by title.
    return (document.date is None, -(document.date.toordinal() if document.date else 0), document.title.casefold())


@dataclass(frozen=True)
class Content:
    """Everything one build publishes, loaded and validated once."""

    today: date
    groups: Mapping[str, Group]
    documents: tuple[Document, ...] = ()
    minutes: tuple[Minutes, ...] = ()  # newest first
    events: tuple[Event, ...] = ()  # by first date
    agreements: tuple[Agreement, ...] = ()
    tools: tuple[Tool, ...] = ()
    news: tuple[NewsPost, ...] = ()  # newest first
    glossary: tuple[GlossaryTerm, ...] = ()
    plans: tuple[ActionPlan, ...] = ()  # by group, newest year first
    representation: Representation = field(default_factory=Representation)
    _answers: Mapping[tuple[str, date, str], tuple[Minutes, Answer]] = field(default_factory=dict, repr=False)
    _replaced_by: Mapping[str, str] = field(default_factory=dict, repr=False)
    _minutes_on: Mapping[tuple[str, date], Minutes] = field(default_factory=dict, repr=False)
    _events_of_group: Mapping[str, tuple[Event, ...]] = field(default_factory=dict, repr=False)
    _minutes_by_group: Mapping[str, tuple[Minutes, ...]] = field(default_factory=dict, repr=False)
    _raised_to: Mapping[str, tuple[tuple[Minutes, RaisedQuestion], ...]] = field(default_factory=dict, repr=False)
    _minutes_position: Mapping[str, int] = field(default_factory=dict, repr=False)
    _children: Mapping[str, tuple[str, ...]] = field(default_factory=dict, repr=False)
    _predecessors: Mapping[str, tuple[str, ...]] = field(default_factory=dict, repr=False)
    _reporting: Mapping[str, tuple[str, ...]] = field(default_factory=dict, repr=False)

    @classmethod
    def build(
        cls,
        today: date,
        groups: Mapping[str, Group],
        documents=(),
        minutes=(),
        events=(),
        agreements=(),
        tools=(),
        news=(),
        glossary=(),
        *,
        plans=(),
        representation: Representation | None = None,
    ) -> "Content":
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
        ordered_minutes = tuple(sorted(minutes, key=lambda m: (m.date, m.name, m.group), reverse=True))
        by_group: dict[str, list[Minutes]] = {}
        raised_to: dict[str, list[tuple[Minutes, RaisedQuestion]]] = {}
        for item in ordered_minutes:
            by_group.setdefault(item.group, []).append(item)
            for question in item.raised:
                raised_to.setdefault(question.to, []).append((item, question))
        ordered_events = tuple(sorted(events, key=lambda e: (e.start_date, e.start_time or time(0), e.id)))
        events_of_group: dict[str, list[Event]] = {}
        for event in ordered_events:
            if event.group:
                events_of_group.setdefault(event.group, []).append(event)
        freeze = lambda d: MappingProxyType({k: tuple(v) for k, v in d.items()})  # noqa: E731
        # (asking group, date of its minutes, answering group) -> the first answer, oldest minutes first
        answers: dict[tuple[str, date, str], tuple[Minutes, Answer]] = {}
        for item in reversed(ordered_minutes):
            for answer in item.answers:
                answers.setdefault((answer.group, answer.date, item.group), (item, answer))
        return cls(
            plans=tuple(sorted(plans, key=lambda p: (p.group, -p.year))),
            representation=representation or Representation(),
            _answers=MappingProxyType(answers),
            today=today,
            groups=MappingProxyType(dict(sorted(groups.items()))),
            documents=tuple(sorted(documents, key=_newest_first)),
            minutes=ordered_minutes,
            events=ordered_events,
            _minutes_on=MappingProxyType({(m.group, m.date): m for m in reversed(ordered_minutes)}),
            _events_of_group=freeze(events_of_group),
            agreements=tuple(sorted(agreements, key=lambda a: a.title.casefold())),
            tools=tuple(sorted(tools, key=lambda t: (t.category.casefold(), t.title.casefold()))),
            news=tuple(sorted(news, key=lambda n: (n.date, n.uri), reverse=True)),
            glossary=tuple(sorted(glossary, key=lambda t: t.term.casefold())),
            _replaced_by=MappingProxyType(
                {a.replaces: a.slug for a in agreements if a.replaces and (a.valid_from or a.decided or today) <= today}
            ),
            _minutes_by_group=freeze(by_group),
            _raised_to=freeze(raised_to),
            _minutes_position=MappingProxyType(
                {m.key: i for items in by_group.values() for i, m in enumerate(items)}
            ),
            _children=freeze(children),
            _predecessors=freeze(predecessors),
            _reporting=freeze(reporting),
        )

    def children(self, slug: str) -> tuple[Group, ...]:
        return tuple(self.groups[s] for s in self._children.get(slug, ()))

    def answer_to(self, minutes: Minutes, question: RaisedQuestion) -> tuple[Minutes, Answer] | None:
        """The theme group's answer to a question, and the minutes it stands in."""
        return self._answers.get((minutes.group, minutes.date, question.to))

    def plans_of_group(self, slug: str) -> tuple[ActionPlan, ...]:
        """Newest year first."""
        return tuple(p for p in self.plans if p.group == slug)

    def current_plan(self, slug: str) -> ActionPlan | None:
        """This year's plan, else the latest earlier one (outdated: see `plan_is_outdated`)."""
        return next((p for p in self.plans_of_group(slug) if p.year <= self.today.year), None)

    def plan_is_outdated(self, plan: ActionPlan) -> bool:
        return plan.year < self.today.year

    def outdated_plans(self) -> tuple[ActionPlan, ...]:
        """Current groups whose latest plan is for a year that has passed."""
        found = []
        for group in self.groups.values():
            plan = self.current_plan(group.slug)
            if group.is_current(self.today) and plan is not None and self.plan_is_outdated(plan):
                found.append(plan)
        return tuple(found)

    def predecessors(self, slug: str) -> tuple[Group, ...]:
        return tuple(self.groups[s] for s in self._predecessors.get(slug, ()))

    def carried_on_by(self, slug: str) -> Group | None:
        """The group that carries on a wound-up group's work today: its
        successor, or that one's, until one that is not wound up."""
        seen = {slug}
        group = self.groups.get(slug)
        while group is not None and group.successor and group.successor not in seen:
            seen.add(group.successor)
            group = self.groups.get(group.successor)
            if group is not None and not group.is_wound_up(self.today):
                return group
        return None

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

    def minutes_of_group(self, slug: str) -> tuple[Minutes, ...]:
        """Newest first."""
        return self._minutes_by_group.get(slug, ())

    def decisions_of_group(self, slug: str) -> list[tuple[Minutes, str]]:
        """The decision log: every decision, newest meeting first."""
        return [(m, d) for m in self.minutes_of_group(slug) for d in m.decisions]

    def open_actions_of_group(self, slug: str) -> list[tuple[Minutes, ActionItem]]:
        """Open action items, the earliest due first; those without a due date last."""
        items = [
            (m, a)
            for m in reversed(self.minutes_of_group(slug))
            for a in m.actions
            if a.status == ActionStatus.OPEN
        ]
        items.sort(key=lambda pair: (pair[1].due is None, pair[1].due or pair[0].date))
        return items

    def questions_raised_to(self, slug: str) -> tuple[tuple[Minutes, RaisedQuestion], ...]:
        return self._raised_to.get(slug, ())

    def neighbours(self, minutes: Minutes) -> tuple[Minutes | None, Minutes | None]:
        """The previous and next minutes of the same group."""
        items = self.minutes_of_group(minutes.group)
        index = self._minutes_position[minutes.key]
        older = items[index + 1] if index + 1 < len(items) else None
        newer = items[index - 1] if index > 0 else None
        return older, newer

    def descendants(self, slug: str) -> list[Group]:
        found: list[Group] = []
        stack = list(self.children(slug))
        while stack:
            group = stack.pop(0)
            if group not in found:
                found.append(group)
                stack.extend(self.children(group.slug))
        return found

    def events_of_group(self, slug: str, *, with_subgroups: bool = False) -> tuple[Event, ...]:
        slugs = [slug] + ([g.slug for g in self.descendants(slug)] if with_subgroups else [])
        events = [e for s in slugs for e in self._events_of_group.get(s, ())]
        return tuple(sorted(events, key=lambda e: (e.start_date, e.start_time or time(0), e.id)))

    def minutes_on(self, group: str | None, day: date) -> Minutes | None:
        """The minutes of a meeting: same group, same date."""
        return self._minutes_on.get((group, day)) if group else None

    def agreement_status(self, agreement: Agreement) -> AgreementStatus:
        return agreement.status(self.today, agreement.slug in self._replaced_by)

    def replaced_by(self, agreement: Agreement) -> Agreement | None:
        slug = self._replaced_by.get(agreement.slug)
        return next((a for a in self.agreements if a.slug == slug), None)

    def agreements_in_force(self, group: str) -> tuple[Agreement, ...]:
        return tuple(a for a in self.agreements if a.applies_to(group) and self.agreement_status(a).in_force)

    @cached_property
    def group_outlines_key(self) -> "HashedOnce":
        """What a group's page shows of the other groups: names, types, whether
        they are wound up or resting, and how they relate (parents, successors,
        theme groups); not their texts, members or contacts."""
        return HashedOnce(
            (slug, g.name, g.type, g.active, g.wound_up, g.parent, g.successor, g.theme_groups)
            for slug, g in self.groups.items()
        )

    @cached_property
    def group_names_key(self) -> "HashedOnce":
        """The groups' names by slug, for pages that show no more of them."""
        return HashedOnce((slug, g.name) for slug, g in self.groups.items())

    @cached_property
    def glossary_key(self) -> "HashedOnce":
        """The glossary as a key part hashed once per build (it is part of
        every page's key)."""
        return HashedOnce(self.glossary)

    def overdue_tools(self) -> tuple[Tool, ...]:
        return tuple(t for t in self.tools if t.is_overdue(self.today))

    def documents_of_group(self, slug: str) -> tuple[Document, ...]:
        return tuple(d for d in self.documents if slug in d.groups)

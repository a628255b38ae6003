"""Calendar: `kalender/**/*.yml`, one event or defaults plus `händelser`.

An event's identity (its iCalendar UID) must survive edits to its time,
place, title or description and events added around it in the file, or
subscribers get duplicates. It is the explicit `id`, or the file and the
event's first date.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import date, time
from pathlib import Path

from samverkan.content import fields as f
from samverkan.content.event_history import CalendarHistory, Stamp, Written
from samverkan.content.model import ORDINALS, WEEKDAYS, Event, Frequency, Group, OccurrenceChange, Recurrence, Source
from samverkan.problems import Problem, did_you_mean, fold
from samverkan.local_time import clock_trouble, shifts_in
from samverkan.content.recurrence import is_occurrence, next_occurrence, skipped_months
from samverkan.language.swedish import swedish_date
from samverkan.content.yaml_source import YamlList, YamlMap, parse_yaml, read_yaml_file
from samverkan.content.loaders.common import content_files

CALENDAR_DIR = "kalender"
LIST_KEY = "händelser"

_TIME_RANGE = re.compile(r"^(\d{1,2})[:.](\d{2})\s*[-–]\s*(\d{1,2})[:.](\d{2})$")


def time_range(raw, where: f.Located) -> tuple[time, time]:
    match = _TIME_RANGE.match(str(raw).strip())
    if not match or isinstance(raw, bool):
        raise f.FieldError("ogiltig tid", raw, "start och slut, t.ex. \"08:30-12:00\"")
    try:
        start = time(int(match[1]), int(match[2]))
        end = time(int(match[3]), int(match[4]))
    except ValueError:
        raise f.FieldError("klockslaget finns inte", raw, "timmar 00-23 och minuter 00-59") from None
    return start, end


_ORDINAL_WORDS = {fold(word): number for number, word in ORDINALS.items()}


def _ordinal(raw, where: f.Located) -> int:
    """1..4 or -1, as a number or a word ("första" ... "sista")."""
    if isinstance(raw, int) and not isinstance(raw, bool) and raw in ORDINALS:
        return raw
    if isinstance(raw, str) and fold(raw) in _ORDINAL_WORDS:
        return _ORDINAL_WORDS[fold(raw)]
    raise f.FieldError("okänd ordning", raw, "1, 2, 3, 4 eller -1 för den sista (första, andra, ..., sista)")


RECURRENCE_FIELDS = (
    f.Field("frekvens", f.choice([q.value for q in Frequency]), required=True),
    f.Field("intervall", f.positive_int, default=1),
    f.Field("veckodag", f.choice(WEEKDAYS)),
    f.Field("ordning", _ordinal),
    f.Field("till", f.a_date),
    f.Field("antal", f.positive_int),
    f.Field("undantag", f.list_of(f.a_date), default=()),
    f.Field("inställda", f.list_of(f.a_date), default=()),
    f.Field("ändrade", lambda raw, where: _changes_list(raw), default=()),
)
CHANGE_FIELDS = (
    f.Field("datum", f.a_date, required=True),
    f.Field("nytt_datum", f.a_date),
    f.Field("tid", time_range),
    f.Field("plats", f.text),
)


def _changes_list(raw):
    if not isinstance(raw, YamlList):
        raise f.FieldError("ska vara en lista där varje punkt börjar med -", None, "- datum: ÅÅÅÅ-MM-DD\n  nytt_datum: ...")
    return raw


_changes_list.fields = CHANGE_FIELDS  # for forms (the web editor)


def _mapping(raw, where: f.Located) -> YamlMap:
    if not isinstance(raw, YamlMap):
        raise f.FieldError("ska ha egna nycklar på raderna under", raw, "frekvens:, veckodag:, ...")
    return raw


SHARED_FIELDS = (
    f.Field("titel", f.text),
    f.Field("grupp", f.slug),
    f.Field("plats", f.text),
    f.Field("tid", time_range),
    f.Field("beskrivning", f.markdown_text),
    f.Field("länk", f.url),
)
EVENT_FIELDS = SHARED_FIELDS + (
    f.Field("datum", f.a_date, required=True),
    f.Field("slutdatum", f.a_date),
    f.Field("upprepning", _mapping),
    f.Field("inställd", f.boolean, default=False),
    f.Field("id", f.slug),
)


def _read_event_fields(meta: YamlMap, fields, rel: str, problems: list[Problem]) -> dict:
    """The fields, with a hint for `utkast`: minutes have drafts, events do not."""
    found: list[Problem] = []
    values = f.read_fields(meta, fields, rel, found)
    for problem in found:
        if problem.message == "okänd nyckel" and fold(problem.field or "") == fold("utkast"):
            problem = Problem(
                rel, problem.line, problem.field,
                "händelser har inget utkast: allt i kalender/ publiceras, också i prenumeranternas kalendrar",
                problem.found,
                "ta bort raden och spara händelsen först när den ska synas; "
                "blir ett möte inte av, skriv inställd: true",
            )
        problems.append(problem)
    return values


@dataclass(frozen=True, slots=True)
class Entry:
    """One event as written, with the defaults of its file."""

    item: YamlMap
    defaults: YamlMap | None


def entries(data: object) -> list[Entry] | None:
    """The events of a parsed calendar file, or None if it has neither form."""
    if not isinstance(data, YamlMap):
        return None
    list_key = next((k for k in data if fold(str(k)) == fold(LIST_KEY)), None)
    if list_key is None:
        return [Entry(data, None)]
    items = data[list_key]
    if not isinstance(items, YamlList):
        return []
    defaults = YamlMap()
    defaults.line = data.line
    for key, value in data.items():
        if key != list_key:
            defaults[key] = value
            defaults.key_lines[key] = data.line_of(key)
    return [Entry(item, defaults) if isinstance(item, YamlMap) else Entry(_not_a_mapping(item), defaults) for item in items]


def _not_a_mapping(item: object) -> YamlMap:
    empty = YamlMap()
    empty.line = 0
    return empty


def _lookup(mapping, key: str):
    return next((v for k, v in mapping.items() if fold(str(k)) == fold(key)), None)


def _raw(entry: Entry, key: str):
    """A value as written for the event, or else as its file's default."""
    own = _lookup(entry.item, key)
    return own if own is not None else _lookup(entry.defaults or {}, key)


def file_slug(rel: str) -> str:
    stem = rel.removeprefix(CALENDAR_DIR + "/").rsplit(".", 1)[0]
    return f.suggest_slug(stem.replace("/", "-")) or "kalender"


@dataclass(frozen=True)
class WrittenId:
    """An event's id as its file gives it."""

    id: str
    explicit: bool  # written as `id:`
    day: str  # the first date as written
    numbered: bool = False  # a second event that day without `id` (refused: its number would shift)


def written_ids(rel: str, items: list[Entry]) -> list[WrittenId]:
    """Explicit ids, or file + first date. A second event on the same date in
    the same file gets -2, -3, ... in the order written; the build refuses it
    and asks for exactly that id, so it keeps the identity it had."""
    base = file_slug(rel)
    seen: dict[str, int] = {}
    ids = []
    for entry in items:
        explicit = _lookup(entry.item, "id")
        day = str(_raw(entry, "datum") or "utan-datum").strip()
        if isinstance(explicit, str) and f.is_slug(explicit.strip()):
            ids.append(WrittenId(explicit.strip(), True, day))
            continue
        derived = f"{base}-{day}"
        seen[derived] = seen.get(derived, 0) + 1
        if seen[derived] == 1:
            ids.append(WrittenId(derived, False, day))
        else:
            ids.append(WrittenId(f"{derived}-{seen[derived]}", False, day, numbered=True))
    return ids


def fingerprint(entry: Entry) -> str:
    """What subscribers see of an event, as written; a change means a new SEQUENCE."""
    merged = {}
    for mapping in (entry.defaults or {}, entry.item):
        for k, v in mapping.items():
            if fold(str(k)) not in (fold(LIST_KEY), "id"):
                merged[fold(str(k))] = v
    return json.dumps(merged, sort_keys=True, ensure_ascii=False, default=str)


def written_versions(text: str, rel: str) -> tuple[Written, ...]:
    """The events of one version of a calendar file, as the history keeps them."""
    data, problems = parse_yaml(text, rel)
    items = entries(data) if not problems else None
    if not items:
        return ()
    return _as_written(written_ids(rel, items), items)


def _as_written(written: list[WrittenId], items: list[Entry]) -> tuple[Written, ...]:
    return tuple(Written(w.id, w.explicit, w.day, fingerprint(e)) for w, e in zip(written, items))


@dataclass(frozen=True)
class _CalendarFile:
    path: Path
    rel: str
    items: list[Entry]
    written: list[WrittenId]
    defaults: dict


def load_events(
    root: Path,
    group_slugs: set[str],
    groups: dict[str, Group],
    problems: list[Problem],
    history: CalendarHistory,
    notices: list[Problem],
) -> list[Event]:
    """The events; `notices` gets what the build says without stopping."""
    files: list[_CalendarFile] = []
    unreadable: set[str] = set()
    paths = [*content_files(root, CALENDAR_DIR, "*.yml", recursive=True)]
    paths += [*content_files(root, CALENDAR_DIR, "*.yaml", recursive=True)]
    for path, rel in sorted(paths, key=lambda pair: pair[1]):
        data, read_problems = read_yaml_file(path, rel)
        problems.extend(read_problems)
        if read_problems:
            unreadable.add(rel)
            continue
        items = entries(data)
        if items is None:
            problems.append(
                Problem(rel, 1, None, "kalenderfilen ska bestå av nycklar med värden", expected="datum:, tid:, ... eller händelser:")
            )
            continue
        if not items:
            problems.append(
                Problem(rel, None, LIST_KEY, "ska vara en lista med händelser", expected="rader som börjar med - datum: ...")
            )
            continue
        defaults: dict = {}
        if items[0].defaults is not None:
            defaults = _read_event_fields(items[0].defaults, SHARED_FIELDS, rel, problems)
            if f.has_missing(defaults):
                unreadable.add(rel)
                continue
        files.append(_CalendarFile(path, rel, items, written_ids(rel, items), defaults))
    identities = history.resolve({c.rel: _as_written(c.written, c.items) for c in files}, unreadable)
    _identity_problems(identities, files, problems, notices)
    events: list[Event] = []
    seen_ids: dict[str, str] = {}
    for calendar_file in files:
        rel = calendar_file.rel
        for entry, given in zip(calendar_file.items, calendar_file.written):
            if not entry.item:
                problems.append(
                    Problem(rel, entry.item.line or None, LIST_KEY, "varje händelse ska ha nycklar", expected="datum:, tid:, ...")
                )
                continue
            if given.numbered:
                # Without an id its identity would be a number that shifts when
                # a meeting that day is added or removed.
                problems.append(
                    Problem(rel, entry.item.line, "id",
                            "flera möten samma dag i samma fil: det här mötet behöver ett eget id",
                            None, f"id: {given.id}", given.id)
                )
                continue
            stamp = identities.stamp(rel, given.id)
            event = _event(entry, stamp, calendar_file.defaults, rel, group_slugs, groups, problems)
            if event is None:
                continue
            if event.id in seen_ids:
                problems.append(
                    Problem(
                        rel,
                        _id_line(entry),
                        "id",
                        "två händelser har samma id",
                        event.id,
                        f"ett eget id för varje händelse (det här används redan i {seen_ids[event.id]})",
                    )
                )
                continue
            seen_ids[event.id] = rel
            events.append(event)
            skips = skipped_months(event.recurrence, event.start_date) if event.recurrence else None
            if skips:
                notices.append(
                    Problem(rel, event.source.line("upprepning") or entry.item.line, "upprepning",
                            f"serien hoppar över {skips}", event.start_date.isoformat(),
                            "så är det tänkt, eller ett datum 1–28, eller veckodag och ordning (t.ex. sista tisdagen)")
                )
    return events


def _id_line(entry: Entry) -> int | None:
    return entry.item.line_of(next((k for k in entry.item if fold(str(k)) == "id"), "")) or entry.item.line


def _identity_problems(identities, files: list[_CalendarFile], problems: list[Problem], notices: list[Problem]) -> None:
    entry_of = {(c.rel, w.id): e for c in files for w, e in zip(c.written, c.items)}
    for reused in identities.reused:
        problems.append(
            Problem(reused.file, _id_line(entry_of[(reused.file, reused.written_id)]), "id",
                    f"id:t tillhörde en händelse som togs bort {swedish_date(reused.removed_at.date())}; "
                    "prenumeranternas kalendrar skulle blanda ihop dem",
                    reused.written_id, "ett nytt id för den här händelsen")
        )
    for moved in identities.moved:
        entry = entry_of[(moved.file, moved.written_id)]
        notices.append(
            Problem(moved.file, entry.item.line, "id",
                    f"mötet den {moved.old_day} är borttaget och ett nytt möte den {moved.day} har lagts till. "
                    "Är det samma möte som har flyttats? Skriv då raden här under på det nya mötet, "
                    "så flyttas det i prenumeranternas kalendrar i stället för att läggas till som ett nytt",
                    None, f"id: {moved.old_uid}")
        )


def _event(
    entry: Entry,
    stamp: Stamp,
    defaults: dict,
    rel: str,
    group_slugs: set[str],
    groups: dict[str, Group],
    problems: list[Problem],
) -> Event | None:
    local: list[Problem] = []
    own = _read_event_fields(entry.item, EVENT_FIELDS, rel, local)
    lines = f.field_lines(entry.item, EVENT_FIELDS)
    values = {k: (own[k] if own.get(k) is not None else defaults.get(k)) for k in own}
    start, end = values["datum"], values["slutdatum"]
    if start not in (None, f.MISSING) and end not in (None, f.MISSING) and end < start:
        local.append(
            Problem(rel, lines.get("slutdatum"), "slutdatum", "slutdatumet är före startdatumet", end.isoformat(),
                    f"{start.isoformat()} eller senare")
        )
    times = values["tid"]
    if times not in (None, f.MISSING) and times[1] <= times[0] and end in (None, f.MISSING, start):
        local.append(
            Problem(rel, lines.get("tid") or entry.item.line, "tid", "mötet slutar innan det börjar",
                    f"{times[0]:%H:%M}-{times[1]:%H:%M}", "en sluttid efter starttiden")
        )
    group = values["grupp"]
    if group not in (None, f.MISSING) and group not in group_slugs:
        local.append(
            Problem(rel, lines.get("grupp") or entry.defaults and entry.defaults.line_of("grupp"), "grupp", "okänd grupp",
                    group, "namnet på en fil i docs/grupper/ utan .md", did_you_mean(group, sorted(group_slugs)))
        )
    if group in groups and groups[group].wound_up and start not in (None, f.MISSING):
        local.extend(_after_winding_up(groups[group], groups, values, start, lines, rel, entry))
    title = values["titel"]
    if title is None and group in groups:
        title = groups[group].name
    if title is None and group in (None, f.MISSING):
        local.append(Problem(rel, entry.item.line, "titel", "händelsen saknar titel och grupp", expected="titel: ... eller grupp: ..."))
    recurrence = None
    if values["upprepning"] not in (None, f.MISSING) and start not in (None, f.MISSING):
        change_lines: list[int | None] = []
        recurrence = _recurrence(values["upprepning"], start, lines.get("datum"), rel, local, change_lines)
        several_days = end not in (None, f.MISSING, start)
        if several_days and times not in (None, f.MISSING) and times[1] > times[0]:
            # Each day's hours are a daily rule of their own in the feeds; a
            # calendar cannot repeat a rule.
            local.append(
                Problem(rel, lines.get("slutdatum"), "slutdatum",
                        "en händelse över flera dagar med tid varje dag kan inte också upprepas",
                        end.isoformat(), "en upprepning av ett möte på en dag, eller en händelse per tillfälle")
            )
    if not local and times not in (None, f.MISSING) and start not in (None, f.MISSING) and recurrence is not f.MISSING:
        last = end if end not in (None, f.MISSING) else start
        found = _clock_trouble(start, last, times, recurrence)
        where, field = lines.get("tid") or entry.item.line, "tid"
        for change, line in zip(recurrence.changes, change_lines) if recurrence and not found else ():
            day = change.new_day or change.day
            for at in (change.start_time or times[0], change.end_time or times[1]):
                if not found and clock_trouble(day, at):
                    # Reported where the change is written, not at the series.
                    found = (day, at, clock_trouble(day, at))
                    where, field = line, "upprepning.ändrade.tid"
        if found:
            day, at, why = found
            local.append(
                Problem(rel, where, field, f"{why} den {swedish_date(day)}",
                        f"{day.isoformat()} {at:%H:%M}", "en tid före 02:00 eller från 03:00, eller ett annat datum")
            )
    problems.extend(local)
    if local or f.has_missing(values) or recurrence is f.MISSING or title is None:
        return None
    return Event(
        id=stamp.uid,
        title=title,
        start_date=start,
        source=Source(rel, entry.item.line, lines),
        end_date=end if end and end != start else None,
        start_time=times[0] if times else None,
        end_time=times[1] if times else None,
        group=group,
        place=values["plats"],
        description=values["beskrivning"],
        link=values["länk"],
        cancelled=values["inställd"],
        recurrence=recurrence,
        sequence=stamp.sequence,
        last_modified=stamp.changed_at,
    )


def _after_winding_up(group: Group, groups: dict[str, Group], values: dict, start: date, lines: dict,
                      rel: str, entry: Entry) -> list[Problem]:
    """A meeting of a wound-up group on or after the day it was wound up
    would land in a feed nobody subscribes to any more."""
    ended = group.wound_up
    successor = groups.get(group.successor) if group.successor else None
    instead = (f"; arbetet fortsätter i {successor.name} (grupp: {successor.slug})" if successor else "")
    where = lines.get("grupp") or (entry.defaults.line_of("grupp") if entry.defaults else None) or entry.item.line
    if start >= ended:
        return [Problem(rel, where, "grupp", f"{group.name} avvecklades {swedish_date(ended)}{instead}",
                        group.slug, "en grupp som finns när mötet hålls",
                        successor.slug if successor else None)]
    raw = values["upprepning"]
    if raw in (None, f.MISSING):
        return []
    recurrence = _recurrence(raw, start, lines.get("datum"), rel, [])
    if recurrence is f.MISSING:
        return []
    later = next_occurrence(recurrence, start, ended)
    moved = [c.new_day for c in recurrence.changes if c.new_day and c.new_day >= ended]
    if (later is None or later in recurrence.exceptions) and not moved:
        return []
    day = min(d for d in (later, *moved) if d)
    last = date.fromordinal(ended.toordinal() - 1)
    return [Problem(rel, lines.get("upprepning") or where, "upprepning",
                    f"serien fortsätter efter att {group.name} avvecklades {swedish_date(ended)}{instead}",
                    day.isoformat(), f"till: {last.isoformat()} (dagen före)")]


# How far ahead a series without an end is checked for clock changes.
_CLOCK_HORIZON_YEARS = 30


def _clock_trouble(first: date, last: date, times: tuple[time, time], recurrence: Recurrence | None):
    """(day, time, why) for the first day of any occurrence whose hours are no
    single instant (the nights the clocks change), or None."""
    if not any(time(2) <= at < time(3) for at in times):
        return None
    length = (last - first).days
    final = recurrence.until if recurrence and recurrence.until else None
    horizon = (final or first).year + (0 if final or recurrence is None else _CLOCK_HORIZON_YEARS)
    for year in range(first.year, horizon + 1):
        for sunday in shifts_in(year):
            for back in range(length + 1):
                day = date.fromordinal(sunday.toordinal() - back)
                if recurrence is None:
                    held = day == first
                else:
                    changed = {c.day for c in recurrence.changes}
                    held = (day >= first and day not in recurrence.exceptions and day not in changed
                            and is_occurrence(recurrence, first, day))
                if not held:
                    continue
                for at in times:
                    why = clock_trouble(sunday, at)
                    if why:
                        return sunday, at, why
    return None


def _recurrence(raw: YamlMap, first: date, first_line: int | None, rel: str, problems: list[Problem],
                change_lines: list[int | None] | None = None):
    """The recurrence; `change_lines` gets the line of each of its changes."""
    local: list[Problem] = []
    values = f.read_fields(raw, RECURRENCE_FIELDS, rel, local, prefix="upprepning.")
    lines = f.field_lines(raw, RECURRENCE_FIELDS)
    if f.has_missing(values):
        problems.extend(local)
        return f.MISSING
    frequency = Frequency(values["frekvens"])
    weekday = WEEKDAYS.index(values["veckodag"]) if values["veckodag"] else None
    ordinal = values["ordning"]

    def problem(field: str, message: str, found=None, expected=None, suggestion=None) -> None:
        local.append(Problem(rel, lines.get(field) or raw.line, "upprepning." + field, message, found, expected, suggestion))

    if values["till"] and values["antal"]:
        problem("antal", "ange antingen till eller antal, inte båda")
    if values["till"] and values["till"] < first:
        problem("till", "slutet av upprepningen är före första tillfället", values["till"].isoformat())
    if ordinal is not None and weekday is None:
        problem("ordning", "ordning kräver en veckodag", expected="t.ex. veckodag: tisdag och ordning: 1")
    if ordinal is not None and frequency in (Frequency.DAILY, Frequency.WEEKLY):
        problem("ordning", "ordning passar bara med frekvens månad eller år", ordinal)
    if frequency == Frequency.MONTHLY and weekday is not None and ordinal is None:
        problem("veckodag", "en månadsvis upprepning på veckodag behöver ordning", expected="ordning: 1 (första) ... -1 (sista)")
    if local:
        problems.extend(local)
        return f.MISSING
    changes, change_lines_found = [], []
    for index, item in enumerate(values["ändrade"]):
        line = values["ändrade"].line_of(index)
        if not isinstance(item, YamlMap):
            local.append(Problem(rel, line, "upprepning.ändrade", "varje ändring ska ha datum: och det som ändras",
                                 expected="datum:, nytt_datum:, tid:, plats:"))
            continue
        change = f.read_fields(item, CHANGE_FIELDS, rel, local, prefix="upprepning.ändrade.")
        if f.has_missing(change):
            continue
        if not (change["nytt_datum"] or change["tid"] or change["plats"]):
            local.append(Problem(rel, line, "upprepning.ändrade", "ändringen säger inte vad som ändras",
                                 change["datum"].isoformat(), "nytt_datum:, tid: eller plats:"))
            continue
        times = change["tid"]
        changes.append(OccurrenceChange(change["datum"], change["nytt_datum"], times[0] if times else None,
                                        times[1] if times else None, change["plats"]))
        change_lines_found.append(line)
    recurrence = Recurrence(
        frequency, values["intervall"], weekday, ordinal, values["till"], values["antal"], values["undantag"],
        values["inställda"], tuple(changes),
    )
    if change_lines is not None:
        change_lines.extend(change_lines_found)
    if not is_occurrence(recurrence, first, first):
        upcoming = next_occurrence(recurrence, first, first)
        local.append(
            Problem(rel, first_line, "datum",
                    "första datumet är inte ett tillfälle enligt upprepningen", first.isoformat(),
                    recurrence.describe().lower(), upcoming.isoformat() if upcoming else None)
        )
    for name, what in (("undantag", "undantaget"), ("inställda", "det inställda datumet")):
        listed = raw.get(next((k for k in raw if fold(str(k)) == fold(name)), ""), None)
        for index, day in enumerate(values[name]):
            line = listed.line_of(index) if isinstance(listed, YamlList) else lines.get(name)
            if not is_occurrence(recurrence, first, day):
                upcoming = next_occurrence(recurrence, first, day)
                local.append(
                    Problem(rel, line, f"upprepning.{name}", f"{what} är inget tillfälle i serien", day.isoformat(),
                            f"ett av datumen: {recurrence.describe().lower()}",
                            upcoming.isoformat() if upcoming else None)
                )
            elif name == "inställda" and day in values["undantag"]:
                local.append(
                    Problem(rel, line, "upprepning.inställda", "datumet står både under undantag och inställda",
                            day.isoformat(), "inställda (visas som inställt) eller undantag (tas bort), inte båda")
                )
    seen: set[date] = set()
    for change, where in zip(changes, change_lines_found):
        if not is_occurrence(recurrence, first, change.day):
            upcoming = next_occurrence(recurrence, first, change.day)
            local.append(Problem(rel, where, "upprepning.ändrade.datum", "datumet är inget tillfälle i serien",
                                 change.day.isoformat(), f"ett av datumen: {recurrence.describe().lower()}",
                                 upcoming.isoformat() if upcoming else None))
        elif change.day in values["undantag"] or change.day in values["inställda"] or change.day in seen:
            local.append(Problem(rel, where, "upprepning.ändrade.datum",
                                 "datumet står redan under undantag, inställda eller ändrade", change.day.isoformat(),
                                 "ett datum på ett ställe: undantag, inställda eller ändrade"))
        seen.add(change.day)
    problems.extend(local)
    return f.MISSING if local else recurrence


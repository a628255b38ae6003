"""`python -m samverkan ny`: new content files from templates, pre-filled from what the site knows.

    python -m samverkan ny minnesanteckning GRUPP DATUM
    python -m samverkan ny handelse GRUPP DATUM [TID]
    python -m samverkan ny grupp SLUG NAMN TYP

`make ny-minnesanteckning GRUPP=nordost DATUM=2026-12-15` and the like call
this. An existing file is never overwritten. Every file it writes passes
`make check`.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path


from samverkan.content import fields as f
from samverkan.content.load import load_content
from samverkan.generate.calendar_pages import meetings_by_day
from samverkan.content.loaders.calendar import time_range
from samverkan.content.model import Content, GroupType
from samverkan.problems import did_you_mean
from samverkan.language.swedish import swedish_date
from samverkan.content.today import build_date


class Refusal(Exception):
    """Something the editor must change before a file can be created (Swedish)."""


def _yaml(value: str) -> str:
    # JSON strings are valid YAML and quote everything that needs it.
    return json.dumps(value, ensure_ascii=False)


def _content(root: Path) -> Content:
    today, _ = build_date(os.environ)
    # Problems elsewhere must not stop a secretary from starting new minutes.
    return load_content(root, today).content


def _group(content: Content, slug: str):
    if slug not in content.groups:
        hint = did_you_mean(slug, list(content.groups))
        raise Refusal(f"Gruppen ”{slug}” finns inte." + (f" Menade du ”{hint}”?" if hint else "")
                      + " Gruppernas namn är filnamnen i docs/grupper/.")
    return content.groups[slug]


def _date(text: str):
    try:
        return f.parse_date(text)
    except f.FieldError as error:
        raise Refusal(f"Datumet ”{text}” går inte att använda: {error.message}. Skriv ÅÅÅÅ-MM-DD.") from None


def _write_new(path: Path, text: str, root: Path) -> Path:
    if path.exists():
        raise Refusal(f"Filen {path.relative_to(root)} finns redan och skrivs inte över. Öppna den och redigera den i stället.")
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("x", encoding="utf-8") as file:  # "x": never overwrite, even in a race
        file.write(text)
    return path


def new_minutes(root: Path, group_slug: str, day_text: str) -> Path:
    content = _content(root)
    group = _group(content, group_slug)
    day = _date(day_text)
    meeting = meetings_by_day(content).get((group.slug, day))
    lines = [
        "---",
        f"# Minnesanteckningar för {group.name} {swedish_date(day)}.",
        "# Skriv roller och organisationer, aldrig namn på privatpersoner eller enskilda ärenden.",
        "# Ta bort raden utkast: true när anteckningarna ska publiceras.",
        "utkast: true",
        "mötestyp: ordinarie",
    ]
    if meeting and meeting.place:
        lines.append(f"plats: {_yaml(meeting.place)}")
    else:
        lines.append("# plats: ")
    lines += [
        "# sammanfattning: En eller två meningar om mötet",
        "närvarande: []",
        "förhinder: []",
        "beslut: []",
        "# åtgärder:",
        "#   - vad: Vad som ska göras",
        "#     ansvarig: En roll",
        "#     klart: ÅÅÅÅ-MM-DD",
        "#     status: öppen",
        "---",
        "",
        "## Dagordning",
        "",
        "1. Mötets öppnande",
        "",
        "## Anteckningar",
        "",
    ]
    if meeting and meeting.start_time:
        # A YAML comment, not an HTML one: HTML comments would be published in the page source.
        lines.insert(lines.index("---", 1), f"# Mötet i kalendern: {meeting.start_time:%H:%M}–{meeting.end_time:%H:%M}")
    path = root / "minnesanteckningar" / group.slug / f"{day.isoformat()}.md"
    return _write_new(path, "\n".join(lines) + "\n", root)


def new_event(root: Path, group_slug: str, day_text: str, time_text: str | None = None) -> Path:
    content = _content(root)
    group = _group(content, group_slug)
    day = _date(day_text)
    # An explicit id from the start: the meeting keeps its identity in
    # subscribers' calendars whatever is later changed, the date included.
    taken = {e.id for e in content.events}
    event_id = next(i for n in range(1, len(taken) + 2)
                    if (i := f"{group.slug}-{day.isoformat()}" + (f"-{n}" if n > 1 else "")) not in taken)
    lines = [f"# Möte för {group.name} {swedish_date(day)}.", f"id: {event_id}", f"grupp: {group.slug}",
             f"datum: {day.isoformat()}"]
    if time_text:
        try:
            start, end = time_range(time_text, f.Located(1))
        except f.FieldError as error:
            raise Refusal(f"Tiden ”{time_text}” går inte att använda: {error.message}. Skriv till exempel 08:30-10:00.") from None
        lines.append(f'tid: "{start:%H:%M}-{end:%H:%M}"')
    else:
        lines.append('# tid: "08:30-10:00"   # utan tid blir det en heldag')
    places = [e.place for e in content.events_of_group(group.slug) if e.place]
    lines.append(f"plats: {_yaml(places[-1])}" if places else "# plats: ")
    lines.append("# beskrivning: Vad mötet handlar om")
    path = root / "kalender" / f"{group.slug}-{day.isoformat()}.yml"
    return _write_new(path, "\n".join(lines) + "\n", root)


def new_group(root: Path, slug: str, name: str, kind: str) -> Path:
    if not f.is_slug(slug):
        raise Refusal(f"”{slug}” kan inte vara ett filnamn. Använd små bokstäver a-z, siffror och bindestreck, "
                      f"t.ex. ”{f.suggest_slug(slug)}”.")
    kinds = [t.value for t in GroupType]
    if kind not in kinds:
        hint = did_you_mean(kind, kinds)
        raise Refusal(f"Typen ”{kind}” finns inte. Välj en av {', '.join(kinds)}." + (f" Menade du ”{hint}”?" if hint else ""))
    lines = [
        "---",
        f"namn: {_yaml(name)}",
        f"typ: {kind}",
        "# kommun: Göteborg",
        "# område: ",
        "# överordnad: slug-för-överordnad-grupp",
        "# temagrupper: [barn-och-unga]",
        "# kontakt: funktionsbrevlada@example.se",
        "# ordförande: En roll, inte ett namn",
        "# redaktörer: [användarnamn-på-git-tjänsten]",
        "---",
        "",
        "## Uppdrag",
        "",
        "Beskriv gruppens uppdrag och hur den arbetar.",
        "",
    ]
    path = root / "docs" / "grupper" / f"{slug}.md"
    return _write_new(path, "\n".join(lines), root)


COMMANDS = {"minnesanteckning": (new_minutes, 2), "handelse": (new_event, 2), "grupp": (new_group, 3)}


# What each kind asks for, for the help text and when something is missing.
USAGE = {
    "minnesanteckning": "ny minnesanteckning GRUPP DATUM, t.ex. ny minnesanteckning nordost 2026-12-15",
    "handelse": "ny handelse GRUPP DATUM [TID], t.ex. ny handelse nordost 2027-01-12 08:30-10:00",
    "grupp": "ny grupp SLUG NAMN TYP, t.ex. ny grupp nosam-kungalv \"NOSAM Kungälv\" nosam",
}


def run(kind: str, values: list[str]) -> int:
    root = Path(os.environ.get("SAMVERKAN_ROT", ".")).resolve()
    function, required = COMMANDS[kind]
    args = [a for a in values if a]
    if len(args) < required:
        print(f"Det saknas uppgifter. Skriv: python -m samverkan {USAGE[kind]}", file=sys.stderr)
        return 2
    try:
        path = function(root, *args)
    except Refusal as refusal:
        print(f"Ingen fil skapades: {refusal}", file=sys.stderr)
        return 1
    print(f"Skapade {path.relative_to(root)}. Kontrollera med: make check")
    return 0


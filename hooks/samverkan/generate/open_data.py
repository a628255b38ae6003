"""The collaboration's registers as open data: JSON with a JSON Schema, CSV,
and a DCAT-AP-SE catalogue that Sweden's data portal can harvest.

Made from the same records as the pages (never from the HTML), once per
build. Nothing here reads the clock: a dataset's modification date is the
latest git date of the files its records come from, so two builds of one
commit give the same bytes. The records hold no private persons' names
(roles and organisations only), and neither do the datasets: a group's
chair and contact are left out.
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Callable, Mapping
from zoneinfo import ZoneInfo

from samverkan.content.model import Content, Occurrence
from samverkan.content.recurrence import held_dates
from samverkan.generate.links import agreement_uri, event_uri, group_uri, minutes_uri, tool_uri
from samverkan.generate.markdown import front_matter, render
from samverkan.generate.news_feed import MINUTES_FEED

DATA_DIR = "data"
DATA_PAGE = "data/index.md"
CC0 = "http://creativecommons.org/publicdomain/zero/1.0/"
STOCKHOLM = ZoneInfo("Europe/Stockholm")
HORIZON = timedelta(days=366)  # how far ahead the meetings go, as on the pages

# JSON Schema types of the columns.
TEXT, OPTIONAL_TEXT, DAY, OPTIONAL_DAY, WHEN, ADDRESS, OPTIONAL_ADDRESS, TEXTS, FLAG, NUMBER = (
    {"type": "string"}, {"type": ["string", "null"]}, {"type": "string", "format": "date"},
    {"type": ["string", "null"], "format": "date"}, {"type": "string"}, {"type": "string", "format": "uri"},
    {"type": ["string", "null"], "format": "uri"}, {"type": "array", "items": {"type": "string"}},
    {"type": "boolean"}, {"type": "integer"},
)


@dataclass(frozen=True)
class Column:
    name: str
    kind: dict
    about: str  # for the page and the schema


@dataclass(frozen=True)
class Dataset:
    name: str  # the file name: data/<name>.json
    title: str
    about: str
    changes: str  # how often, in words
    frequency: str  # EU frequency authority code (DAILY, WEEKLY, IRREGULAR…)
    theme: str  # EU data theme (GOVE, HEAL, SOCI…)
    columns: tuple[Column, ...]
    rows: tuple[dict, ...]
    modified: date | None
    temporal: tuple[date, date] | None


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None


def _when(day: date, at: time | None) -> str:
    """ISO 8601: a date for all-day, else local time with its offset that day."""
    if at is None:
        return day.isoformat()
    return datetime.combine(day, at, tzinfo=STOCKHOLM).isoformat()


def _latest(updated: Mapping[str, date], paths) -> date | None:
    found = [updated[p] for p in paths if p in updated]
    return max(found) if found else None


def _span(days) -> tuple[date, date] | None:
    days = [d for d in days if d]
    return (min(days), max(days)) if days else None


def datasets(content: Content, site_url: str, updated: Mapping[str, date], news_url: Callable) -> list[Dataset]:
    base = site_url.rstrip("/") + "/"

    def page(uri: str) -> str:
        uri = uri[:-3] + "/" if uri.endswith(".md") else uri
        return base + uri.removesuffix("index/")

    groups = content.groups
    found = []
    successors = {}
    for slug, group in groups.items():
        if group.successor:
            successors.setdefault(group.successor, []).append(slug)
    found.append(Dataset(
        "grupper", "Samverkansgrupper",
        "Samverkansgrupperna i Vårdsamverkan Göteborgsområdet: NOSAM-grupper, temagrupper, Västbusgrupper och "
        "övriga, med kommun, område, överordnad grupp och vilka grupper som ersatt vilka.",
        "när en grupp bildas, ändras eller avvecklas", "IRREGULAR", "GOVE",
        (Column("id", TEXT, "gruppens id (filens namn)"), Column("namn", TEXT, "gruppens namn"),
         Column("typ", TEXT, "nosam, temagrupp, vastbus eller annan"),
         Column("kommun", OPTIONAL_TEXT, "kommunen"), Column("område", OPTIONAL_TEXT, "stadsdel eller område"),
         Column("överordnad", OPTIONAL_TEXT, "id för gruppen den hör till"),
         Column("ersatt_av", OPTIONAL_TEXT, "id för gruppen som tog över arbetet"),
         Column("ersätter", TEXTS, "id för grupper som den här tog över efter"),
         Column("avvecklad", OPTIONAL_DAY, "dagen gruppen avvecklades"),
         Column("aktiv", FLAG, "om gruppen möts i dag"), Column("sida", ADDRESS, "gruppens sida")),
        tuple({"id": slug, "namn": g.name, "typ": g.type.value, "kommun": g.municipality, "område": g.area,
               "överordnad": g.parent, "ersatt_av": g.successor, "ersätter": sorted(successors.get(slug, [])),
               "avvecklad": _iso(g.wound_up), "aktiv": g.is_current(content.today), "sida": page(group_uri(g))}
              for slug, g in sorted(groups.items())),
        _latest(updated, [g.source.path for g in groups.values()]), None,
    ))

    meetings = []
    for event in content.events:
        for day, change in held_dates(event, content.today + HORIZON):
            o = Occurrence(event, day, change)
            minutes = content.minutes_on(event.group, day) if event.group else None
            meetings.append({
                "uid": f"{event.id}@samverkanstorget", "händelse": event.id, "titel": event.title, "grupp": event.group,
                "start": _when(o.date, o.start_time),
                "slut": _when(o.end_date, o.end_time) if o.start_time else (o.end_date + timedelta(days=1)).isoformat(),
                "heldag": o.start_time is None, "plats": o.place,
                "status": "inställd" if o.cancelled else "flyttad" if change and change.new_day else "planerad",
                "ursprungligt_datum": _iso(change.day) if change and change.new_day else None,
                "sida": page(event_uri(event)), "minnesanteckningar": page(minutes_uri(minutes)) if minutes else None,
            })
    meetings.sort(key=lambda m: (m["start"], m["händelse"]))
    found.append(Dataset(
        "moten", "Möten",
        "Varje möte i kalendern, ett per tillfälle (också inställda och flyttade), från det första till ett år "
        "framåt, med kalenderns UID så att raderna går att matcha mot kalenderprenumerationerna.",
        "när ett möte läggs in, flyttas eller ställs in", "WEEKLY", "GOVE",
        (Column("uid", TEXT, "UID i kalenderflödena"), Column("händelse", TEXT, "händelsens id"),
         Column("titel", TEXT, "mötets titel"), Column("grupp", OPTIONAL_TEXT, "gruppens id"),
         Column("start", WHEN, "början: datum, eller datum och tid med tidszon (ISO 8601)"),
         Column("slut", WHEN, "slut, som start (för heldag: dagen efter sista dagen)"),
         Column("heldag", FLAG, "om mötet varar hela dagar"), Column("plats", OPTIONAL_TEXT, "platsen"),
         Column("status", TEXT, "planerad, inställd eller flyttad"),
         Column("ursprungligt_datum", OPTIONAL_DAY, "för ett flyttat tillfälle: dagen det flyttades från"),
         Column("sida", ADDRESS, "mötets sida"),
         Column("minnesanteckningar", OPTIONAL_ADDRESS, "mötets minnesanteckningar")),
        tuple(meetings), _latest(updated, [e.source.path for e in content.events]),
        _span(date.fromisoformat(m["start"][:10]) for m in meetings),
    ))

    minutes_rows, decisions, actions = [], [], []
    for m in sorted(content.minutes, key=lambda m: (m.date, m.group, m.name)):
        address = page(minutes_uri(m))
        minutes_rows.append({"grupp": m.group, "datum": m.date.isoformat(), "titel": m.title,
                             "sammanfattning": m.summary, "mötestyp": m.meeting_type.value,
                             "antal_beslut": len(m.decisions), "antal_åtgärder": len(m.actions), "sida": address})
        decisions += [{"grupp": m.group, "datum": m.date.isoformat(), "nummer": n, "beslut": text,
                       "minnesanteckningar": address} for n, text in enumerate(m.decisions, start=1)]
        actions += [{"grupp": m.group, "datum": m.date.isoformat(), "nummer": n, "vad": a.what, "ansvarig": a.owner,
                     "klart": _iso(a.due), "status": a.status.value, "försenad": a.is_overdue(content.today),
                     "minnesanteckningar": address} for n, a in enumerate(m.actions, start=1)]
    minutes_modified = _latest(updated, [m.source.path for m in content.minutes])
    minutes_span = _span(m.date for m in content.minutes)
    found.append(Dataset(
        "minnesanteckningar", "Minnesanteckningar",
        "Publicerade minnesanteckningar från samverkansgruppernas möten, med sammanfattning och antal beslut och "
        "åtgärder. Utkast finns inte med.", "efter varje möte", "WEEKLY", "GOVE",
        (Column("grupp", TEXT, "gruppens id"), Column("datum", DAY, "mötets dag"), Column("titel", TEXT, "titel"),
         Column("sammanfattning", OPTIONAL_TEXT, "sammanfattning"),
         Column("mötestyp", TEXT, "ordinarie, extra eller arbetsmöte"),
         Column("antal_beslut", NUMBER, "antal beslut"), Column("antal_åtgärder", NUMBER, "antal åtgärder"),
         Column("sida", ADDRESS, "minnesanteckningarnas sida")),
        tuple(minutes_rows), minutes_modified, minutes_span,
    ))
    found.append(Dataset(
        "beslut", "Beslut",
        "Varje beslut i samverkansgruppernas publicerade minnesanteckningar.", "efter varje möte", "WEEKLY", "GOVE",
        (Column("grupp", TEXT, "gruppens id"), Column("datum", DAY, "mötets dag"),
         Column("nummer", NUMBER, "beslutets ordning i minnesanteckningarna"), Column("beslut", TEXT, "beslutet"),
         Column("minnesanteckningar", ADDRESS, "minnesanteckningarnas sida")),
        tuple(decisions), minutes_modified, minutes_span,
    ))
    found.append(Dataset(
        "atgarder", "Åtgärder",
        "Åtgärder som grupperna beslutat, med ansvarig roll, när de ska vara klara och om de är klara.",
        "efter varje möte", "WEEKLY", "GOVE",
        (Column("grupp", TEXT, "gruppens id"), Column("datum", DAY, "mötets dag"),
         Column("nummer", NUMBER, "åtgärdens ordning i minnesanteckningarna"), Column("vad", TEXT, "vad som ska göras"),
         Column("ansvarig", OPTIONAL_TEXT, "ansvarig roll (aldrig ett namn)"),
         Column("klart", OPTIONAL_DAY, "klart senast"), Column("status", TEXT, "öppen eller klar"),
         Column("försenad", FLAG, "öppen och klart-datumet har passerat"),
         Column("minnesanteckningar", ADDRESS, "minnesanteckningarnas sida")),
        tuple(actions), minutes_modified, minutes_span,
    ))

    replaced_by = {a.replaces: a.slug for a in content.agreements if a.replaces}
    found.append(Dataset(
        "overenskommelser", "Överenskommelser",
        "Överenskommelser, riktlinjer, rutiner och avtal mellan kommunerna och regionen, med giltighet och status.",
        "när en överenskommelse beslutas, ändras eller omprövas", "IRREGULAR", "GOVE",
        (Column("id", TEXT, "överenskommelsens id"), Column("titel", TEXT, "titel"),
         Column("typ", TEXT, "överenskommelse, riktlinje, rutin eller avtal"),
         Column("parter", TEXTS, "parterna"), Column("grupper", TEXTS, "grupper som den gäller (alla: alla)"),
         Column("beslutad", OPTIONAL_DAY, "beslutsdag"), Column("beslutad_av", OPTIONAL_TEXT, "vem som beslutade"),
         Column("giltig_från", OPTIONAL_DAY, "gäller från"), Column("giltig_till", OPTIONAL_DAY, "gäller till"),
         Column("omprövas", OPTIONAL_DAY, "nästa omprövning"),
         Column("status", TEXT, "gällande, kommande, upphör snart, upphörd, ersatt eller omprövning försenad"),
         Column("ersätter", OPTIONAL_TEXT, "id för den överenskommelse den ersätter"),
         Column("ersatt_av", OPTIONAL_TEXT, "id för den som ersatt den"), Column("sida", ADDRESS, "sidan")),
        tuple({"id": a.slug, "titel": a.title, "typ": a.type.value, "parter": list(a.parties),
               "grupper": list(a.groups), "beslutad": _iso(a.decided), "beslutad_av": a.decided_by,
               "giltig_från": _iso(a.valid_from), "giltig_till": _iso(a.valid_to), "omprövas": _iso(a.next_review()),
               "status": content.agreement_status(a).value, "ersätter": a.replaces,
               "ersatt_av": replaced_by.get(a.slug), "sida": page(agreement_uri(a))}
              for a in sorted(content.agreements, key=lambda a: a.slug)),
        _latest(updated, [a.source.path for a in content.agreements]),
        _span([a.valid_from for a in content.agreements] + [a.valid_to for a in content.agreements]),
    ))
    found.append(Dataset(
        "verktyg", "Verktygslådan",
        "Metoder, rutiner och stöd i verktygslådan, med ansvarig roll och när de senast granskades.",
        "när ett verktyg läggs till eller granskas", "MONTHLY", "HEAL",
        (Column("id", TEXT, "verktygets id"), Column("titel", TEXT, "titel"),
         Column("sammanfattning", OPTIONAL_TEXT, "sammanfattning"), Column("kategori", TEXT, "kategori"),
         Column("målgrupp", TEXTS, "målgrupper"), Column("ansvarig", OPTIONAL_TEXT, "ansvarig roll"),
         Column("senast_granskad", OPTIONAL_DAY, "senast granskad"),
         Column("granskas_senast", OPTIONAL_DAY, "ska granskas senast"), Column("sida", ADDRESS, "sidan")),
        tuple({"id": t.slug, "titel": t.title, "sammanfattning": t.summary, "kategori": t.category,
               "målgrupp": list(t.audiences), "ansvarig": t.owner, "senast_granskad": _iso(t.reviewed),
               "granskas_senast": _iso(t.review_due()), "sida": page(tool_uri(t))}
              for t in sorted(content.tools, key=lambda t: t.slug)),
        _latest(updated, [t.source.path for t in content.tools]), None,
    ))
    found.append(Dataset(
        "nyheter", "Nyheter", "Nyheter från Vårdsamverkan Göteborgsområdet.", "några gånger i månaden", "MONTHLY",
        "GOVE",
        (Column("titel", TEXT, "rubrik"), Column("datum", DAY, "publicerad"), Column("kategorier", TEXTS, "kategorier"),
         Column("sida", ADDRESS, "nyhetens sida")),
        tuple({"titel": n.title, "datum": n.date.isoformat(), "kategorier": list(n.categories),
               "sida": base + news_url(n)} for n in sorted(content.news, key=lambda n: (n.date, n.title))),
        _latest(updated, [f"docs/{n.uri}" for n in content.news]), _span(n.date for n in content.news),
    ))
    return found


# ---- Files ---------------------------------------------------------------------

def schema(dataset: Dataset, base: str) -> dict:
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"{base}{DATA_DIR}/{dataset.name}.schema.json",
        "title": dataset.title,
        "description": dataset.about,
        "type": "object",
        "required": ["$schema", "titel", "licens", "uppdaterad", "poster"],
        "properties": {
            "$schema": {"const": f"{base}{DATA_DIR}/{dataset.name}.schema.json"},
            "titel": {"type": "string"},
            "beskrivning": {"type": "string"},
            "licens": {"type": "string", "format": "uri"},
            "uppdaterad": {"type": ["string", "null"], "format": "date"},
            "poster": {
                "type": "array",
                "items": {
                    "type": "object",
                    "additionalProperties": False,
                    "required": [c.name for c in dataset.columns],
                    "properties": {c.name: c.kind | {"description": c.about} for c in dataset.columns},
                },
            },
        },
    }


def as_json(dataset: Dataset, base: str, licence: str) -> bytes:
    document = {
        "$schema": f"{base}{DATA_DIR}/{dataset.name}.schema.json",
        "titel": dataset.title,
        "beskrivning": dataset.about,
        "licens": licence,
        "uppdaterad": _iso(dataset.modified),
        "poster": list(dataset.rows),
    }
    return (json.dumps(document, ensure_ascii=False, indent=1) + "\n").encode("utf-8")


def csv_value(value) -> str:
    """A value as a CSV cell: lists joined with "; ", true/false, empty for none."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return "; ".join(value)
    return str(value)


def as_csv(dataset: Dataset) -> bytes:
    """RFC 4180 (comma, CRLF, quotes where needed), UTF-8 with a byte order
    mark: Excel with Swedish settings then reads å, ä and ö right."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([c.name for c in dataset.columns])
    for row in dataset.rows:
        writer.writerow([csv_value(row[c.name]) for c in dataset.columns])
    return b"\xef\xbb\xbf" + out.getvalue().encode("utf-8")


def data_files(sets: list[Dataset], site_url: str, licence: str) -> dict[str, bytes]:
    base = site_url.rstrip("/") + "/"
    files = {}
    for dataset in sets:
        files[f"{DATA_DIR}/{dataset.name}.json"] = as_json(dataset, base, licence)
        files[f"{DATA_DIR}/{dataset.name}.schema.json"] = (
            json.dumps(schema(dataset, base), ensure_ascii=False, indent=1) + "\n").encode("utf-8")
        files[f"{DATA_DIR}/{dataset.name}.csv"] = as_csv(dataset)
    return files


def open_data_page(sets: list[Dataset], site_url: str, licence: str, contact: str, helpers: dict) -> str:
    """/data/: what each dataset holds, how often it changes, the licence and how to use it."""
    names = {CC0: "CC0 1.0 (public domain)", "http://creativecommons.org/licenses/by/4.0/": "CC BY 4.0"}
    return render("open_data.md.j2", DATA_PAGE, **helpers, front=front_matter("Öppna data"), sets=sets,
                  licence=licence, licence_name=names.get(licence, licence), contact=contact,
                  base=site_url.rstrip("/") + "/", all_minutes_feed=MINUTES_FEED)

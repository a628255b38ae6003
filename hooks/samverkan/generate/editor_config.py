"""The web editor's configuration (Decap CMS, at /redaktor/), made from the content model.

Every form field comes from the schema the loaders validate with (`Field`
lists): its name, whether it is required, and a widget chosen from its
parser, so the forms cannot drift from validation. What a field means to an
editor (a Swedish label and a help text) is kept here, and a test holds the
two together: every schema field has a label, and no form field lacks a
schema field.

What the browser can check is checked there (dates, `HH:MM-HH:MM`, slugs,
e-mail and web addresses); the rest is the build's, as for any commit.
"""

from __future__ import annotations

import functools
import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from samverkan.content import fields as f
from samverkan.content.loaders import agreements, calendar, documents, glossary, groups, minutes, news, plans, representation, tools
from samverkan.memo import memo
from samverkan.safety.browser_rules import rules_data
from samverkan.content.model import ORDINALS, Content, GroupType

EDITOR_DIR = "redaktor"

# The browser's checks, as Decap's `pattern` [regex, message].
DATE_PATTERN = [r"^\d{4}-\d{2}-\d{2}$", "Skriv datumet som ÅÅÅÅ-MM-DD, t.ex. 2027-01-19."]
TIME_PATTERN = [r"^\d{1,2}[:.]\d{2}\s*[-–]\s*\d{1,2}[:.]\d{2}$", "Skriv start och slut, t.ex. 08:30-10:00."]
SLUG_PATTERN = [r"^[a-z0-9]+(?:-[a-z0-9]+)*$", "Bara små bokstäver a-z, siffror och bindestreck, t.ex. nordost-2027."]
EMAIL_PATTERN = [r"^[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+$", "En e-postadress, t.ex. nosam@example.se."]
URL_PATTERN = [r"^(?:https?://\S+|mailto:\S+)$", "En webbadress som börjar med https://."]
ACCOUNT_PATTERN = [r"^@?[A-Za-z0-9][A-Za-z0-9-]{0,38}(?:/[A-Za-z0-9._-]+)?$", "Ett användarnamn på git-tjänsten."]

# Text the browser can check, by the parser the build checks it with.
_CHECKED_TEXT = {
    calendar.time_range: TIME_PATTERN,
    f.slug: SLUG_PATTERN,
    f.email: EMAIL_PATTERN,
    f.url: URL_PATTERN,
    f.account: ACCOUNT_PATTERN,
    glossary.term: [glossary.TERM.pattern, "Ett ord utan mellanslag, t.ex. SIP eller Västbus."],
}

# Swedish label and help text of every field, by its name in the schema.
LABELS: dict[str, tuple[str, str]] = {
    "titel": ("Titel", ""),
    "grupp": ("Grupp", "Gruppen som filen gäller."),
    "datum": ("Datum", "ÅÅÅÅ-MM-DD."),
    "sammanfattning": ("Sammanfattning", "En eller två meningar, visas i listor och sökträffar."),
    "mötestyp": ("Mötestyp", ""),
    "plats": ("Plats", "T.ex. Rådhuset, rum 3 eller Teams."),
    "närvarande": ("Närvarande", "Roller och organisationer, aldrig namn på privatpersoner."),
    "förhinder": ("Förhinder", "Roller och organisationer."),
    "beslut": ("Beslut", "Ett beslut per rad i listan."),
    "åtgärder": ("Åtgärder", "Det som ska göras efter mötet."),
    "vad": ("Vad", "Vad som ska göras."),
    "ansvarig": ("Ansvarig", "En roll, inte ett namn."),
    "klart": ("Klart senast", "ÅÅÅÅ-MM-DD."),
    "status": ("Status", ""),
    "lyfts_till": ("Frågor som lyfts", "Frågor som lyfts till en annan grupp."),
    "till": ("Till", ""),
    "fråga": ("Fråga", ""),
    "taggar": ("Taggar", "Ämnesord för sökning."),
    "bilagor": ("Bilagor", "PDF eller Office-filer utan personuppgifter."),
    "fil": ("Fil", "Filens namn i samma mapp, t.ex. bilaga.pdf."),
    "utkast": ("Utkast", "Ett utkast publiceras inte någonstans."),
    "slutdatum": ("Slutdatum", "För händelser över flera dagar."),
    "tid": ("Tid", "Start och slut, t.ex. 08:30-10:00. Utan tid blir det en heldag."),
    "beskrivning": ("Beskrivning", ""),
    "länk": ("Länk", "T.ex. en Teams-länk eller anmälan."),
    "upprepning": ("Upprepning", "För möten som återkommer."),
    "frekvens": ("Återkommer varje", ""),
    "intervall": ("Intervall", "2 betyder varannan vecka eller månad."),
    "veckodag": ("Veckodag", ""),
    "ordning": ("Vilken i månaden", "T.ex. andra tisdagen i månaden."),
    "antal": ("Antal tillfällen", ""),
    "undantag": ("Undantag", "Datum som tas bort ur serien utan att visas. Ska det synas att mötet är inställt: använd Inställda tillfällen."),
    "inställda": ("Inställda tillfällen", "Datum då ett återkommande möte är inställt; det visas som inställt i kalendern och i prenumerationer."),
    "ändrade": ("Ändrade tillfällen", "Ett datum i serien som hålls en annan dag, en annan tid eller på en annan plats."),
    "nytt_datum": ("Ny dag", "Den dag mötet hålls i stället. ÅÅÅÅ-MM-DD."),
    "inställd": ("Inställd", "Mötet visas som inställt i kalendern och i prenumerationer."),
    "id": ("Id", "Mötets identitet i prenumeranternas kalendrar. Fylls i när mötet sparas; ändra det inte."),
    "händelser": ("Händelser", "Flera möten i samma fil; fälten ovan gäller alla som standard."),
    "namn": ("Namn", ""),
    "typ": ("Typ", ""),
    "kommun": ("Kommun", ""),
    "område": ("Område", ""),
    "överordnad": ("Överordnad grupp", ""),
    "temagrupper": ("Temagrupper", ""),
    "kontakt": ("Kontakt", "En funktionsbrevlåda, inte en privat adress."),
    "ordförande": ("Ordförande", "En roll, inte ett namn."),
    "aktiv": ("Aktiv", ""),
    "avvecklad": ("Avvecklad", "ÅÅÅÅ-MM-DD."),
    "ersatt_av": ("Ersatt av", ""),
    "redaktörer": ("Redaktörer", "Användarnamn på git-tjänsten; de granskar ändringar i gruppens filer."),
    "kategori": ("Kategori", ""),
    "målgrupp": ("Målgrupp", ""),
    "senast_granskad": ("Senast granskad", "ÅÅÅÅ-MM-DD."),
    "granskningsintervall": ("Granskas var", "Antal månader."),
    "länkar": ("Länkar", ""),
    "url": ("Adress", "Börjar med https://."),
    "parter": ("Parter", ""),
    "grupper": ("Grupper", ""),
    "beslutad": ("Beslutad", "ÅÅÅÅ-MM-DD."),
    "beslutad_av": ("Beslutad av", ""),
    "giltig_från": ("Giltig från", "ÅÅÅÅ-MM-DD."),
    "giltig_till": ("Giltig till", "ÅÅÅÅ-MM-DD."),
    "omprövas": ("Omprövas", "Ett datum ÅÅÅÅ-MM-DD eller ordet årligen."),
    "ersätter": ("Ersätter", ""),
    "diarienummer": ("Diarienummer", ""),
    "date": ("Datum", "ÅÅÅÅ-MM-DD."),
    "categories": ("Kategorier", ""),
    "title": ("Rubrik", ""),
    "draft": ("Utkast", "Ett utkast publiceras inte."),
    "slug": ("Adress", "Nyhetens adress, t.ex. ny-rutin-for-sip."),
    "description": ("Ingress", ""),
    "body": ("Text", "Markdown. Rubriker med ##."),
    "termer": ("Förkortningar", "I bokstavsordning. Förklaras överallt på webbplatsen."),
    "förkortning": ("Förkortning", "Ett ord utan mellanslag, t.ex. SIP."),
    "förklaring": ("Förklaring", ""),
    "representanter": ("Representanter", "Vilka organisationer som är med, med roll. Aldrig namn."),
    "organisation": ("Organisation", "En av organisationerna i Vilka som ska vara med, t.ex. Socialtjänst."),
    "roll": ("Roll", "T.ex. Enhetschef. Inte ett namn."),
    "besvarar": ("Svarar på frågor", "Svar på frågor som en annan grupp har lyft hit."),
    "svar": ("Svar", "Temagruppens svar, kort."),
    "år": ("År", "Året planen gäller, t.ex. 2027. Filen får samma namn."),
    "fastställd": ("Fastställd", "Datum då gruppen beslutade planen. ÅÅÅÅ-MM-DD."),
    "mål": ("Mål", "Vad gruppen vill uppnå under året."),
    "aktiviteter": ("Aktiviteter", "Det som görs för att nå målet."),
    "aktivitet": ("Aktivitet", ""),
    "start": ("Start", "ÅÅÅÅ-MM-DD."),
    "uppföljning": ("Följdes upp", "Gruppens minnesanteckningar där aktiviteten följdes upp: filens namn, t.ex. 2026-03-10."),
    "nosam": ("NOSAM-grupper", "Organisationer som ska vara med i varje NOSAM-grupp."),
    "vastbus": ("Västbusgrupper", "Organisationer som ska vara med i varje lokal Västbusgrupp."),
    "övriga": ("Andra organisationer", "Andra organisationer som kan vara med."),
}


@dataclass(frozen=True)
class References:
    """What select fields offer: the site's groups and agreements, by slug."""

    groups: tuple[tuple[str, str], ...]  # (label, slug)
    agreements: tuple[tuple[str, str], ...]
    # Groups that meet today, NOSAM first, then theme groups, Västbus and the rest:
    # a wound-up group's minutes and plans are an archive, not edited from the form.
    current: tuple[tuple[str, str], ...] = ()
    minutes_dates: tuple[tuple[str, tuple[str, ...]], ...] = ()  # (group, dates that have minutes)

    @classmethod
    def of(cls, content: Content) -> References:
        kinds = list(GroupType)
        current = sorted((g for g in content.groups.values() if g.is_current(content.today)),
                         key=lambda g: (kinds.index(g.type), g.name.lower()))
        return cls(
            groups=tuple(sorted(((g.name, g.slug) for g in content.groups.values()), key=lambda pair: pair[0].lower())),
            agreements=tuple((a.title, a.slug) for a in sorted(content.agreements, key=lambda a: a.title.lower())),
            current=tuple((g.name, g.slug) for g in current),
            minutes_dates=tuple((slug, tuple(sorted(m.date.isoformat() for m in content.minutes_of_group(slug))))
                                for slug in content.groups),
        )


# Fields whose slug names another record.
_GROUP_REFERENCES = {"grupp", "till", "överordnad", "ersatt_av", "temagrupper", "grupper"}
_AGREEMENT_REFERENCES = {"ersätter"}


def _options(pairs) -> list[dict[str, str]]:
    return [{"label": label, "value": value} for label, value in pairs]


def form_field(field: f.Field, refs: References, nested: dict[str, tuple[f.Field, ...]], *, inner: bool = False) -> dict[str, Any]:
    """One schema field as a Decap field (`inner`: inside a list item, where a
    default would make Decap add an item nobody asked for)."""
    label, hint = LABELS[field.name]
    out: dict[str, Any] = {"name": field.name, "label": label, "required": field.required}
    if hint:
        out["hint"] = hint
    parse = field.parse
    item = getattr(parse, "item", None)
    # A goal's text is called `mål` like the plan's list of goals.
    if field.name in nested and parse is not f.text:
        item_fields = [form_field(x, refs, nested, inner=True) for x in nested[field.name]]
        if field.name == "upprepning":
            # Decap checks the required fields of an optional object even when
            # it is left empty (a meeting that does not recur); the build
            # still requires `frekvens` of every recurrence.
            for item_field in item_fields:
                item_field["required"] = False
            out.update(widget="object", collapsed=False, fields=item_fields)
        else:
            # A row shows what it holds (Decap writes "No <field>" when this is empty).
            summary = _LIST_SUMMARIES.get(field.name) or " ".join(
                "{{fields.%s}}" % item["name"] for item in item_fields[:2])
            out.update(widget="list", fields=item_fields, summary=summary)
    elif item is not None and field.name in _GROUP_REFERENCES:
        out.update(widget="select", multiple=True, options=_options(refs.groups))
    elif item is not None:
        single = form_field(f.Field(field.name, item), refs, nested, inner=True)
        # Short lists (present, decisions): open, and a closed row shows its text, not the label.
        out.update(widget="list", collapsed=False, summary="{{fields.%s}}" % field.name,
                   field={k: v for k, v in single.items() if k not in ("label", "hint", "required")}
                   | {"name": field.name, "label": label})
    elif field.name in _GROUP_REFERENCES:
        out.update(widget="select", options=_options(refs.groups))
    elif field.name in _AGREEMENT_REFERENCES:
        out.update(widget="select", options=_options(refs.agreements))
    elif hasattr(parse, "options"):
        out.update(widget="select", options=list(parse.options))
    elif parse is f.a_date:
        # Typed ÅÅÅÅ-MM-DD or picked (regler.js checks it is a real date).
        out.update(widget="sv-datum", sv_check="slutdatum" if field.name == "slutdatum" else "datum")
    elif parse is f.boolean:
        out.update(widget="boolean")
    elif parse is f.positive_int:
        out.update(widget="sv-number", value_type="int", min=1, sv_check="text")
    elif parse is f.markdown_text:
        out.update(widget="sv-markdown", minimal=True, sv_check="markdown")
    elif parse in _CHECKED_TEXT:
        out.update(widget="sv-string", pattern=_CHECKED_TEXT[parse],
                   sv_check="tid" if parse is calendar.time_range else "text")
    elif parse is calendar._ordinal:
        out.update(widget="select", options=_options((word, str(n)) for n, word in ORDINALS.items()))
    else:  # text, and text-like values the build checks (omprövas)
        out.update(widget="sv-string", sv_check="text")
    if not inner and field.default not in (None, ()) and not field.required and out["widget"] in (
            "boolean", "select", "sv-number", "sv-string"):
        out["default"] = field.default
    return _marked(out)


def _marked(out: dict[str, Any]) -> dict[str, Any]:
    """Required fields are marked; Decap's "(frivillig)" after the others is hidden (redaktor.css)."""
    if out.get("required") and out.get("widget") not in ("list", "object") and not out["label"].endswith(" *"):
        out["label"] += " *"
    return out


# What a row of a list shows, by the list's name (the default: its first two fields).
_LIST_SUMMARIES = {
    "händelser": "{{fields.datum}} {{fields.tid}} {{fields.titel}}",
    "ändrade": "{{fields.datum}} → {{fields.nytt_datum}} {{fields.tid}} {{fields.plats}}",
    "lyfts_till": "{{fields.till}}: {{fields.fråga}}",
    "besvarar": "{{fields.grupp}} {{fields.datum}}",
    "åtgärder": "{{fields.vad}} ({{fields.ansvarig}})",
}


# Lists of small mappings, and the recurrence mapping, by field name.
NESTED: dict[str, tuple[f.Field, ...]] = {
    "åtgärder": minutes.ACTION_FIELDS,
    "lyfts_till": minutes.QUESTION_FIELDS,
    "bilagor": minutes.ATTACHMENT_FIELDS,
    "upprepning": calendar.RECURRENCE_FIELDS,
    "länkar": tools.LINK_FIELDS,
    "händelser": calendar.EVENT_FIELDS,
    "ändrade": calendar.CHANGE_FIELDS,
    "termer": glossary.TERM_FIELDS,
    "representanter": groups.MEMBER_FIELDS,
    "besvarar": minutes.ANSWER_FIELDS,
    "mål": plans.GOAL_FIELDS,
    "aktiviteter": plans.ACTIVITY_FIELDS,
}

BODY = {"name": "body", "label": LABELS["body"][0], "hint": LABELS["body"][1], "widget": "sv-markdown",
        "sv_check": "markdown", "required": False}

# Minutes of one group: their folder's fields but `grupp` and `datum`, which
# the file's place says (minnesanteckningar/<grupp>/<datum>.md).
MINUTES_FORM_FIELDS = tuple(x for x in minutes.MINUTES_FIELDS if x.name not in ("grupp",))


def collections(content: Content) -> list[dict[str, Any]]:
    refs = References.of(content)

    def form(schema, *, body: bool = True, skip=()) -> list[dict[str, Any]]:
        out = [form_field(x, refs, NESTED) for x in schema if x.name not in skip]
        return out + [BODY] if body else out

    # The body starts as `make ny-minnesanteckning` starts it.
    minutes_fields = form(MINUTES_FORM_FIELDS, body=False) + [
        BODY | {"default": "## Dagordning\n\n1. Mötets öppnande\n\n## Anteckningar\n"}
    ]
    for field in minutes_fields:
        if field["name"] == "datum":
            # New minutes are named after the date, as `make ny-minnesanteckning`
            # names them; existing ones have it in their name (shown, not required).
            field.update(label="Datum *", hint="Mötets dag, ÅÅÅÅ-MM-DD. Nya anteckningar får datumet som filnamn.",
                         required=False, sv_check="datum-ny", sv_from_file_name=True)
        if field["name"] == "utkast":
            field["default"] = True
    found = []
    taken = dict(refs.minutes_dates)
    for label, slug in refs.current:
        fields = [field | {"sv_taken": list(taken.get(slug, ()))} if field["name"] == "datum" else field
                  for field in minutes_fields]
        found.append({
            "name": f"minnesanteckningar-{slug}",
            "label": f"Minnesanteckningar – {label}",
            "label_singular": "Minnesanteckningar",
            "folder": f"{minutes.MINUTES_DIR}/{slug}",
            "create": True,
            "extension": "md",
            "format": "frontmatter",
            "slug": "{{fields.datum}}",
            "identifier_field": "datum",
            "summary": "{{filename}} {{titel}}",
            "editor": {"preview": False},
            # Attachments lie beside the minutes (`fil: bilaga.pdf`).
            "media_folder": "",
            "public_folder": "",
            "fields": fields,
        })
    event_fields = form(calendar.EVENT_FIELDS, body=False)
    for field in event_fields:
        if field["name"] == "datum":
            # A file of several events has its dates under Händelser; one event needs its own.
            field.update(required=False, sv_check="datum-händelse")
        if field["name"] == "grupp":
            field.update(widget="sv-select", sv_check="grupp-eller-titel")
    found.append({
        "name": "kalender",
        "label": "Kalender",
        "label_singular": "Händelse",
        "folder": calendar.CALENDAR_DIR,
        "create": True,
        "extension": "yml",
        "format": "yml",
        # As `make ny-handelse` names a new meeting: kalender/<grupp>-<datum>.yml
        "slug": "{{fields.grupp}}-{{fields.datum}}",
        # Decap needs a value here to create a file; most meetings have no title of their own.
        "identifier_field": "datum",
        "summary": "{{filename}}",
        "editor": {"preview": False},
        "fields": event_fields + [form_field(f.Field("händelser", None), refs, NESTED)],
    })
    found.append(_folder("grupper", "Grupper", "Grupp", groups.GROUP_DIR, form(groups.GROUP_FIELDS), "namn"))
    found.append(_folder("verktygslada", "Verktygslådan", "Verktyg", tools.TOOLBOX_DIR, form(tools.TOOL_FIELDS), "titel"))
    found.append(_folder("overenskommelser", "Överenskommelser", "Överenskommelse", agreements.AGREEMENT_DIR,
                         form(agreements.AGREEMENT_FIELDS), "titel"))
    found.append(_folder("dokument", "Dokument", "Dokument", documents.DOCUMENT_DIR, form(documents.DOCUMENT_FIELDS), "titel"))
    found.append(_folder("nyheter", "Nyheter", "Nyhet", news.NEWS_DIR, form(news.NEWS_FIELDS), "title",
                         slug="{{year}}-{{month}}-{{day}}-{{slug}}"))
    plan_fields = form(plans.PLAN_FIELDS, body=False) + [BODY]
    for field in plan_fields:
        if field["name"] == "år":
            # A new plan is named after its year; an existing one has it in its name.
            field.update(label="År *", required=False, sv_check="år-ny",
                         hint="Året planen gäller, t.ex. 2027. En ny plan får året som filnamn.")
    for label, slug in refs.current:
        found.append({
            "name": f"handlingsplaner-{slug}",
            # Not in the list to the left (a yearly errand): reached from the group's page.
            "hide": True,
            "label": f"Handlingsplaner – {label}",
            "label_singular": "Handlingsplan",
            "folder": f"{plans.PLAN_DIR}/{slug}",
            "create": True,
            "extension": "md",
            "format": "frontmatter",
            "slug": "{{fields.år}}",
            "identifier_field": "år",
            "summary": "{{år}}",
            "editor": {"preview": False},
            "fields": plan_fields,
        })
    found.append({
        "name": "representation",
        "label": "Vilka som ska vara med",
        "editor": {"preview": False},
        "files": [{
            "name": "representation",
            "label": "Vilka som ska vara med",
            "file": representation.REPRESENTATION_FILE,
            "fields": form(representation.REPRESENTATION_FIELDS, body=False),
        }],
    })
    found.append({
        "name": "ordlista",
        "label": "Ordlistan",
        "editor": {"preview": False},
        "files": [{
            "name": "ordlista",
            "label": "Ordlistan",
            "file": glossary.GLOSSARY_FILE,
            "fields": [form_field(f.Field(glossary.LIST_KEY, None, required=True), refs, NESTED)],
        }],
    })
    # The calendar first (a new meeting is the commonest errand), the minutes
    # of each group that meets, grouped by kind, the other kinds of file, and
    # the yearly action plans last.
    def place(collection: dict) -> int:
        name = collection["name"]
        return 0 if name == "kalender" else 1 if name.startswith("minnesanteckningar-") else (
            3 if name.startswith("handlingsplaner-") else 2)

    return sorted(found, key=place)


def _folder(name, label, singular, folder, fields, identifier, *, slug="{{slug}}") -> dict[str, Any]:
    collection = {
        "name": name,
        "label": label,
        "label_singular": singular,
        "folder": folder,
        "create": True,
        "extension": "md",
        "format": "frontmatter",
        "slug": slug,
        "identifier_field": identifier,
        "editor": {"preview": False},  # the site's own preview is `make serve`
        "fields": fields,
    }
    return collection


def editor_config(content: Content, backend: dict[str, Any], local_backend_url: str | None,
                  site_url: str = "/") -> dict[str, Any]:
    """Decap's config.yml as data; `backend` is the site's (mkdocs.yml: extra.redaktor).
    `local_backend_url` only under `mkdocs serve`: the published editor has none."""
    local = {"local_backend": {"url": local_backend_url, "allowed_hosts": ["127.0.0.1", "localhost"]}}
    return {
        "locale": "sv",
        "backend": backend,
        **(local if local_backend_url else {}),
        "media_folder": "docs/bilagor",
        "public_folder": "/bilagor",
        "site_url": site_url,
        "show_preview_links": False,
        "slug": {"encoding": "ascii", "clean_accents": True, "sanitize_replacement": "-"},
        "collections": collections(content),
    }


class _PlainDumper(getattr(yaml, "CSafeDumper", yaml.SafeDumper)):
    """No anchors and aliases: the editor's config is read by people too."""

    def ignore_aliases(self, data) -> bool:
        return True


_CONFIG_TEXT = memo()


def config_text(settings: dict[str, Any]) -> str:
    """config.yml as written. A preview rebuild rarely changes the forms,
    and writing out a config of a few hundred kilobytes costs a noticeable
    part of a second, so the text is kept while the settings stay the same."""
    return _CONFIG_TEXT.get(
        json.dumps(settings, ensure_ascii=False),
        lambda: yaml.dump(settings, Dumper=_PlainDumper, allow_unicode=True, sort_keys=False),
    )


# Our scripts, around Decap's (see each file): the first stops Decap from
# starting before ours are registered; the rules are the build's, as data.
ASSETS = Path(__file__).parent / "assets"
EDITOR_SCRIPTS = ("redaktor-start.js", "decap-cms.js", "regler-data.js", "regler.js", "redaktor.js")
EDITOR_FILES = ("redaktor-start.js", "regler.js", "redaktor.js", "redaktor.css")
RULES_DATA = "regler-data.js"


# Decap asks whether to restore a form's unsaved copy as soon as it has read
# the copy, while it is still loading the entry (an existing file, or a new
# one's empty form after listing its attachments). When that load answers
# last it overwrites the restored text: the text shows for a moment and is
# gone (decap-cms issues 5055 and 6989, open for 3.x). On GitLab the load is
# a request and the copy a local read, so it would happen nearly every time.
# The copy is read only once the entry is loaded. Matched on the shape of
# Decap's `componentDidMount`, whatever the minifier named its variables.
_RESTORE_BEFORE_LOAD = re.compile(
    r"(?<![\w$.])(?P<retrieve>[\w$]+)\((?P<collection>[\w$]+),(?P<slug>[\w$]+)\),"
    r"(?P<new>[\w$]+)\?(?P<create>[\w$]+)\((?P=collection),this\.props\.location\.search\)"
    r":(?P<load>[\w$]+)\((?P=collection),(?P=slug)\);"
)


def decap_restoring_after_load(script: str) -> str | None:
    """Decap's script with the unsaved copy offered after the entry has
    loaded; None when this version of Decap has another shape (then the
    fix must be looked at again, and the build says so)."""
    # The regex only near its one literal part: over all 5 MB it takes a third of a second.
    found, seen, anchor = [], set(), ",this.props.location.search):"
    at = script.find(anchor)
    while at != -1:
        for m in _RESTORE_BEFORE_LOAD.finditer(script, max(0, at - 120), at + 120):
            if m.start() not in seen:
                seen.add(m.start())
                found.append(m)
        at = script.find(anchor, at + 1)
    if len(found) != 1:
        return None
    m = found[0]
    fixed = (
        f"Promise.resolve({m['new']}?{m['create']}({m['collection']},this.props.location.search)"
        f":{m['load']}({m['collection']},{m['slug']})).finally(()=>{m['retrieve']}({m['collection']},{m['slug']}));"
    )
    return script[:m.start()] + fixed + script[m.end():]


@functools.cache  # the same for every build of a process
def rules_script() -> str:
    """The build's rules as data for regler.js (one source of truth)."""
    return "window.SamverkanRulesData = " + json.dumps(rules_data(), ensure_ascii=True, sort_keys=True) + ";\n"


def editor_page(script: str | None, policy: str = "", login: bool = True) -> str:
    """The page that starts the editor; without the script, or without a
    login to use, what to do instead."""
    if script is None and not login:
        body = (
            "<main><h1>Inloggningen är inte inställd</h1>"
            "<p>Redigeringsverktyget behöver en inloggning via GitLab, och den är inte inställd för den här "
            "webbplatsen än. Den som förvaltar webbplatsen gör det enligt "
            "<a href=\"../redaktorer/drift/#inloggning-for-en-administrator\">instruktionerna</a>.</p>"
            "<p>Till dess kan du ändra filerna direkt i git, eller med <code>make serve</code> på din dator.</p></main>"
        )
    elif script is None:
        body = (
            "<main><h1>Redigeringsverktyget är inte installerat</h1>"
            "<p>Kör <code>make serve</code> i en kopia av webbplatsens förråd, eller be den som förvaltar "
            "webbplatsen att installera det.</p></main>"
        )
    else:
        body = "\n".join(f'<script src="{name}"></script>' for name in EDITOR_SCRIPTS)
    return (
        "<!doctype html>\n<html lang=\"sv\">\n<head>\n<meta charset=\"utf-8\">\n"
        + (f'<meta http-equiv="Content-Security-Policy" content="{policy}">\n' if policy else "")
        +
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        "<meta name=\"robots\" content=\"noindex\">\n"
        "<title>Redigera Samverkanstorget</title>\n"
        + ("<link href=\"config.yml\" type=\"text/yaml\" rel=\"cms-config-url\">\n"
           "<link href=\"redaktor.css\" rel=\"stylesheet\">\n" if script else "")
        + f"</head>\n<body>\n{body}\n</body>\n</html>\n"
    )

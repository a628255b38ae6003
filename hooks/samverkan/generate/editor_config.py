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

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from samverkan.content import fields as f
from samverkan.content.loaders import agreements, calendar, documents, glossary, groups, minutes, news, plans, representation, tools
from samverkan.memo import memo
from samverkan.content.model import ORDINALS, Content

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

    @classmethod
    def of(cls, content: Content) -> References:
        return cls(
            groups=tuple(sorted(((g.name, g.slug) for g in content.groups.values()), key=lambda pair: pair[0].lower())),
            agreements=tuple((a.title, a.slug) for a in sorted(content.agreements, key=lambda a: a.title.lower())),
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
            out.update(widget="list", fields=item_fields)
    elif item is not None and field.name in _GROUP_REFERENCES:
        out.update(widget="select", multiple=True, options=_options(refs.groups))
    elif item is not None:
        single = form_field(f.Field(field.name, item), refs, nested, inner=True)
        out.update(widget="list", field={k: v for k, v in single.items() if k not in ("label", "hint", "required")}
                   | {"name": field.name, "label": label})
    elif field.name in _GROUP_REFERENCES:
        out.update(widget="select", options=_options(refs.groups))
    elif field.name in _AGREEMENT_REFERENCES:
        out.update(widget="select", options=_options(refs.agreements))
    elif hasattr(parse, "options"):
        out.update(widget="select", options=list(parse.options))
    elif parse is f.a_date:
        out.update(widget="datetime", format="YYYY-MM-DD", date_format="YYYY-MM-DD", time_format=False,
                   picker_utc=True, pattern=DATE_PATTERN)
    elif parse is f.boolean:
        out.update(widget="boolean")
    elif parse is f.positive_int:
        out.update(widget="number", value_type="int", min=1)
    elif parse is f.markdown_text:
        out.update(widget="markdown", minimal=True)
    elif parse in _CHECKED_TEXT:
        out.update(widget="string", pattern=_CHECKED_TEXT[parse])
    elif parse is calendar._ordinal:
        out.update(widget="select", options=_options((word, str(n)) for n, word in ORDINALS.items()))
    else:  # text, and text-like values the build checks (omprövas)
        out.update(widget="string")
    if not inner and field.default not in (None, ()) and not field.required and out["widget"] in ("boolean", "select", "number", "string"):
        out["default"] = field.default
    return out


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

BODY = {"name": "body", "label": LABELS["body"][0], "hint": LABELS["body"][1], "widget": "markdown", "required": False}

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
            # The file is named after the date, as `make ny-minnesanteckning` names it.
            field["required"] = True
        if field["name"] == "utkast":
            field["default"] = True
    found = []
    for label, slug in refs.groups:
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
            "summary": "{{datum}} {{titel}}",
            "sortable_fields": ["datum"],
            "editor": {"preview": False},
            # Attachments lie beside the minutes (`fil: bilaga.pdf`).
            "media_folder": "",
            "public_folder": "",
            "fields": minutes_fields,
        })
    event_fields = form(calendar.EVENT_FIELDS, body=False)
    for field in event_fields:
        if field["name"] == "datum":
            field["required"] = False  # a file of several events has its dates under Händelser
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
        "identifier_field": "titel",
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
            field["required"] = True  # the file is named after it
    for label, slug in refs.groups:
        found.append({
            "name": f"handlingsplaner-{slug}",
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
    return found


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


def editor_config(content: Content, backend: dict[str, Any], local_backend_url: str, site_url: str = "/") -> dict[str, Any]:
    """Decap's config.yml as data; `backend` is the site's (mkdocs.yml: extra.redaktor)."""
    return {
        "locale": "sv",
        "backend": backend,
        # Only used when the editor is opened on this machine (`make serve`).
        "local_backend": {"url": local_backend_url, "allowed_hosts": ["127.0.0.1", "localhost"]},
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


# Our rules for the forms, loaded after Decap's script (see the file).
EDITOR_SCRIPT = Path(__file__).parent / "assets" / "redaktor.js"


def editor_page(script: str | None, policy: str = "") -> str:
    """The page that starts the editor; without the script, how to get it."""
    if script is None:
        body = (
            "<main><h1>Redigeringsverktyget är inte installerat</h1>"
            "<p>Kör <code>make serve</code> i en kopia av webbplatsens förråd, eller be den som förvaltar "
            "webbplatsen att installera det.</p></main>"
        )
    else:
        body = f'<script src="{script}"></script>\n<script src="{EDITOR_SCRIPT.name}"></script>'
    return (
        "<!doctype html>\n<html lang=\"sv\">\n<head>\n<meta charset=\"utf-8\">\n"
        + (f'<meta http-equiv="Content-Security-Policy" content="{policy}">\n' if policy else "")
        +
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        "<meta name=\"robots\" content=\"noindex\">\n"
        "<title>Redigera Samverkanstorget</title>\n"
        "<link href=\"config.yml\" type=\"text/yaml\" rel=\"cms-config-url\">\n"
        f"</head>\n<body>\n{body}\n</body>\n</html>\n"
    )

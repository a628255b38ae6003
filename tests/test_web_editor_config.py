"""The web editor's forms are the content model's schemas (no MkDocs needed)."""

from __future__ import annotations

import re
import sys
from datetime import date

import pytest

from conftest import REPO, TODAY

sys.path.insert(0, str(REPO / "hooks"))

from samverkan.content import fields as f  # noqa: E402
from samverkan.content.load import load_content  # noqa: E402
from samverkan.generate import editor_config as ec  # noqa: E402
from samverkan.content.loaders import agreements, calendar, documents, glossary, groups, minutes, news, tools  # noqa: E402

SCHEMAS = {
    "kalender": calendar.EVENT_FIELDS,
    "grupper": groups.GROUP_FIELDS,
    "verktygslada": tools.TOOL_FIELDS,
    "overenskommelser": agreements.AGREEMENT_FIELDS,
    "dokument": documents.DOCUMENT_FIELDS,
    "nyheter": news.NEWS_FIELDS,
}
# Where a form knowingly differs from its schema, and why.
FORM_ONLY = {"body", "händelser"}  # the Markdown body; a calendar file's list of events
REQUIRED_IN_FORM: set = set()
# New minutes are named after their date (regler.js requires it of a new file);
# existing ones have it in their name.
OPTIONAL_IN_FORM = {
    ("kalender", "datum"),  # a file of several events has its dates in the list
    # Decap checks an empty optional object's required fields; the build checks them instead.
    ("kalender.upprepning", "frekvens"),
    ("kalender.händelser.upprepning", "frekvens"),
}


@pytest.fixture(scope="module")
def content():
    return load_content(REPO, date.fromisoformat(TODAY)).raise_for_problems()


@pytest.fixture(scope="module")
def collections(content):
    return {c["name"]: c for c in ec.collections(content)}


def _check(kind: str, form: list[dict], schema: tuple[f.Field, ...], content) -> None:
    by_name = {x["name"]: x for x in form}
    schema_names = {x.name for x in schema}
    assert set(by_name) - FORM_ONLY == schema_names, kind
    for field in schema:
        shown = by_name[field.name]
        required = field.required
        if (kind, field.name) in REQUIRED_IN_FORM:
            required = True
        if (kind, field.name) in OPTIONAL_IN_FORM:
            required = False
        assert shown["required"] == required, (kind, field.name)
        assert shown["label"] and shown["label"][0].isupper(), (kind, field.name)
        # Required fields are marked; the others carry no "(frivillig)" (hidden by redaktor.css).
        assert shown["label"].endswith(" *") == field.required or (kind, field.name) == ("minnesanteckningar", "datum")
        nested = ec.NESTED.get(field.name) if field.parse is not f.text else None
        if nested is not None:
            _check(f"{kind}.{field.name}", shown["fields"], nested, content)
        elif field.name in {"grupp", "till", "överordnad", "ersatt_av", "temagrupper", "grupper"}:
            assert shown["widget"] in ("select", "sv-select")
            assert {o["value"] for o in shown["options"]} == set(content.groups)
        elif field.name == "ersätter":
            assert shown["widget"] == "select"
            assert {o["value"] for o in shown["options"]} == {a.slug for a in content.agreements}
        elif field.parse is f.a_date:
            # Typed or picked as ÅÅÅÅ-MM-DD, never UTC, checked as the build checks it.
            assert shown["widget"] == "sv-datum" and "picker_utc" not in shown and "format" not in shown
            assert shown["sv_check"] in ("datum", "datum-ny", "slutdatum", "datum-händelse")
        elif field.parse is f.markdown_text:
            assert shown["widget"] == "sv-markdown" and shown["sv_check"] == "markdown"
        elif field.parse is f.boolean:
            assert shown["widget"] == "boolean"
        elif hasattr(field.parse, "options"):
            assert shown["widget"] == "select" and shown["options"] == list(field.parse.options)
        elif getattr(field.parse, "item", None) is not None:
            assert shown["widget"] == "list" and shown["field"]["name"] == field.name
        elif field.parse is calendar.time_range:
            assert shown["pattern"] == ec.TIME_PATTERN and shown["sv_check"] == "tid"
        elif field.parse is f.slug:
            assert shown["pattern"] == ec.SLUG_PATTERN


def test_every_collection_has_the_fields_of_its_schema(collections, content):
    for name, schema in SCHEMAS.items():
        _check(name, collections[name]["fields"], schema, content)
    glossary_form = collections["ordlista"]["files"][0]
    assert glossary_form["file"] == glossary.GLOSSARY_FILE
    terms = glossary_form["fields"][0]
    assert terms["name"] == glossary.LIST_KEY and terms["widget"] == "list"
    _check("ordlista", terms["fields"], glossary.TERM_FIELDS, content)
    # The calendar's list of events carries the event schema again.
    events = next(x for x in collections["kalender"]["fields"] if x["name"] == "händelser")
    _check("kalender.händelser", events["fields"], calendar.EVENT_FIELDS, content)


def test_minutes_have_one_collection_per_group_in_its_folder(collections, content):
    minutes_collections = [c for c in collections.values() if c["name"].startswith("minnesanteckningar-")]
    # Groups that meet today only; a wound-up group's minutes are an archive.
    assert {c["folder"] for c in minutes_collections} == {
        f"minnesanteckningar/{slug}" for slug, g in content.groups.items() if g.is_current(content.today)}
    order = [content.groups[c["folder"].split("/")[1]].type for c in minutes_collections]
    assert order == sorted(order, key=list(type(order[0])).index)  # NOSAM first, then by kind
    for collection in minutes_collections:
        _check("minnesanteckningar", collection["fields"], ec.MINUTES_FORM_FIELDS, content)
        assert {x.name for x in minutes.MINUTES_FIELDS} - {x["name"] for x in collection["fields"]} == {"grupp"}
        draft = next(x for x in collection["fields"] if x["name"] == "utkast")
        assert draft["default"] is True  # as `make ny-minnesanteckning` starts them


def test_new_files_are_named_as_the_command_line_names_them(collections, tmp_path):
    """`make ny-minnesanteckning` and `make ny-handelse` against the CMS's slug templates."""
    sys.path.insert(0, str(REPO / "hooks"))
    import shutil

    from samverkan.commands import new as new_content

    for name in ("docs", "minnesanteckningar", "kalender", "verktygslada"):
        shutil.copytree(REPO / name, tmp_path / name)
    values = {"grupp": "nordost", "datum": "2027-02-16"}

    def fill(template: str) -> str:
        return re.sub(r"\{\{fields\.(\w+)\}\}", lambda m: values[m.group(1)], template)

    made = new_content.new_minutes(tmp_path, "nordost", "2027-02-16")
    collection = collections["minnesanteckningar-nordost"]
    assert made.relative_to(tmp_path).as_posix() == f"{collection['folder']}/{fill(collection['slug'])}.md"
    made = new_content.new_event(tmp_path, "nordost", "2027-02-16", "08:30-10:00")
    collection = collections["kalender"]
    assert made.relative_to(tmp_path).as_posix() == f"{collection['folder']}/{fill(collection['slug'])}.yml"


@pytest.mark.parametrize(
    "pattern, parse, value",
    [
        (ec.DATE_PATTERN, f.a_date, "2027-01-19"),
        (ec.DATE_PATTERN, f.a_date, "19/1 2027"),
        (ec.TIME_PATTERN, calendar.time_range, "08:30-10:00"),
        (ec.TIME_PATTERN, calendar.time_range, "8.30–10.00"),
        (ec.TIME_PATTERN, calendar.time_range, "9-11"),
        (ec.SLUG_PATTERN, f.slug, "nordost-2027"),
        (ec.SLUG_PATTERN, f.slug, "Nordost 2027"),
        (ec.EMAIL_PATTERN, f.email, "nosam.nordost@example.se"),
        (ec.EMAIL_PATTERN, f.email, "nosam.nordost"),
        (ec.URL_PATTERN, f.url, "https://example.se/anmalan"),
        (ec.URL_PATTERN, f.url, "www.example.se"),
    ],
)
def test_what_the_browser_refuses_the_build_refuses(pattern, parse, value):
    browser_accepts = re.fullmatch(pattern[0], value) is not None
    try:
        parse(value, f.Located(1))
        build_accepts = True
    except f.FieldError:
        build_accepts = False
    assert browser_accepts == build_accepts


def test_the_glossary_reads_the_editors_list_and_the_short_form(tmp_path):
    from samverkan.content.loaders.glossary import load_glossary

    target = tmp_path / glossary.GLOSSARY_FILE
    target.parent.mkdir(parents=True)
    target.write_text("termer:\n  - förkortning: SIP\n    förklaring: Samordnad individuell plan\n"
                      "  - förkortning: BUP\n", encoding="utf-8")
    problems = []
    terms = load_glossary(tmp_path, problems)
    assert [(t.term, t.explanation) for t in terms] == [("SIP", "Samordnad individuell plan")]
    assert [(p.line, p.field) for p in problems] == [(4, "termer.förklaring")]
    target.write_text("SIP: Samordnad individuell plan\nVC: Vårdcentral\n", encoding="utf-8")
    problems = []
    assert [t.term for t in load_glossary(tmp_path, problems)] == ["SIP", "VC"] and problems == []


def test_the_list_to_the_left_is_short_and_starts_with_the_calendar(collections, content):
    """Issue 34: no list of dozens of rows. The calendar first, then the minutes
    of each group that meets, NOSAM first; plans are reached from the group page."""
    visible = [c for c in collections.values() if not c.get("hide")]
    assert visible[0]["name"] == "kalender"
    wound_up = {slug for slug, g in content.groups.items() if not g.is_current(content.today)}
    assert not any(c["name"].split("-", 1)[-1] in wound_up for c in collections.values() if "-" in c["name"])
    assert len(visible) <= 2 + sum(g.is_current(content.today) for g in content.groups.values()) + 8
    assert all(c.get("hide") for c in collections.values() if c["name"].startswith("handlingsplaner-"))


def test_the_installed_decap_reads_an_unsaved_copy_only_after_its_form_has_loaded():
    """The fix for Decap's restore that a late load overwrites (browser test:
    test_web_editor.py) fits the installed Decap exactly once; another shape
    is reported, never half-patched."""
    script = (REPO / "node_modules" / "decap-cms" / "dist" / "decap-cms.js").read_text(encoding="utf-8")
    fixed = ec.decap_restoring_after_load(script)
    assert fixed is not None and fixed.count(".finally(()=>") == script.count(".finally(()=>") + 1
    assert ec.decap_restoring_after_load(fixed) is None
    shape = "{const{x:a}=this.props;R(c,s),n?C(c,this.props.location.search):L(c,s);go()}"
    assert ec.decap_restoring_after_load(shape) == (
        "{const{x:a}=this.props;Promise.resolve(n?C(c,this.props.location.search):L(c,s)).finally(()=>R(c,s));go()}"
    )
    assert ec.decap_restoring_after_load(shape + shape) is None
    assert ec.decap_restoring_after_load("R(c,s);n?C(c,this.props.location.search):L(c,s);") is None

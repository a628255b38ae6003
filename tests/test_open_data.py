"""Open data (issue 36): the registers as JSON with JSON Schema and CSV, a
DCAT-AP-SE catalogue for Sweden's data portal, and a feed of each group's
minutes. Read back with real parsers: jsonschema, csv, rdflib and pyshacl
(the DCAT-AP shapes, vendored in tests/data/dcat-ap), feedparser.
"""

from __future__ import annotations

import csv
import io
import json
import subprocess
from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import feedparser
import icalendar
import pytest
import recurring_ical_events
from jsonschema import Draft202012Validator
from pyshacl import validate
from rdflib import Graph, Namespace, URIRef
from rdflib.namespace import DCAT, DCTERMS, FOAF, RDF

from conftest import SITE_ADDRESS, TODAY, BuildResult, git_clone_of_example
from samverkan.generate.open_data import csv_value

DATASETS = ("grupper", "moten", "minnesanteckningar", "beslut", "atgarder", "overenskommelser", "verktyg", "nyheter")
SHAPES = Path(__file__).parent / "data" / "dcat-ap" / "dcat-ap_2.1.1_shacl_shapes.ttl"
STOCKHOLM = ZoneInfo("Europe/Stockholm")


@pytest.fixture(scope="module")
def clone_builds(tmp_path_factory) -> tuple[BuildResult, BuildResult]:
    """Two builds of one commit of a git clone (dates of change come from its history)."""
    copy = git_clone_of_example(tmp_path_factory.mktemp("data") / "repo")
    first, second = copy.build(), copy.build(site=copy.root.parent / "site2")
    assert first.returncode == 0 and second.returncode == 0, first.output + second.output
    return first, second


def load(site: Path, name: str) -> dict:
    return json.loads((site / "data" / f"{name}.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("name", DATASETS)
def test_every_dataset_validates_against_its_schema_and_its_csv_says_the_same(example_site: BuildResult, name):
    site = example_site.site
    document = load(site, name)
    schema = json.loads((site / "data" / f"{name}.schema.json").read_text(encoding="utf-8"))
    assert document["$schema"] == f"{SITE_ADDRESS}data/{name}.schema.json" == schema["$id"]
    Draft202012Validator.check_schema(schema)
    errors = list(Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER).iter_errors(document))
    assert errors == []
    assert document["poster"], name
    raw = (site / "data" / f"{name}.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # so Excel with Swedish settings reads å, ä and ö
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"), newline="")))
    columns = list(schema["properties"]["poster"]["items"]["properties"])
    assert rows[0] == columns
    assert rows[1:] == [[csv_value(record[c]) for c in columns] for record in document["poster"]]
    assert b"\r\n" in raw  # RFC 4180 line ends


def test_the_datasets_agree_with_the_pages_and_the_calendar_feed(example_site: BuildResult):
    site = example_site.site
    groups = load(site, "grupper")["poster"]
    assert {g["id"] for g in groups} == {p.parent.name for p in (site / "grupper").glob("*/index.html")}
    assert all(g["sida"].startswith(SITE_ADDRESS) for g in groups)
    assert not any("ordförande" in g or "kontakt" in g for g in groups)  # a person's name stays out
    angered = next(g for g in groups if g["id"] == "angered")
    assert angered["ersatt_av"] == "nordost" and angered["avvecklad"] == "2021-01-01" and not angered["aktiv"]
    assert "angered" in next(g for g in groups if g["id"] == "nordost")["ersätter"]

    # Decisions and open actions: as many as the group page's decision log and list of open actions.
    from bs4 import BeautifulSoup

    page = BeautifulSoup(example_site.page("grupper/nordost"), "html.parser")
    decisions = [d for d in load(site, "beslut")["poster"] if d["grupp"] == "nordost"]
    log = page.find(id="beslutslogg").find_next(["table", "ul"])
    assert len(decisions) == len(log.find_all("tr")[1:] or log.find_all("li"))
    open_actions = [a for a in load(site, "atgarder")["poster"] if a["grupp"] == "nordost" and a["status"] == "öppen"]
    assert open_actions and all(a["minnesanteckningar"].startswith(SITE_ADDRESS + "minnesanteckningar/nordost/")
                                for a in open_actions)

    # Every occurrence of the coming year, as the archive feed has it, with the same UID and start.
    today = date.fromisoformat(TODAY)
    calendar = icalendar.Calendar.from_ical((site / "kalender" / "arkiv.ics").read_bytes())
    from_feed = set()
    for item in recurring_ical_events.of(calendar).between(today, today + timedelta(days=300)):
        start = item["DTSTART"].dt
        start = start.astimezone(STOCKHOLM).isoformat() if isinstance(start, datetime) else start.isoformat()
        from_feed.add((str(item["UID"]), start, str(item.get("STATUS")) == "CANCELLED"))
    meetings = load(site, "moten")["poster"]
    in_data = {(m["uid"], m["start"], m["status"] == "inställd") for m in meetings
               if today.isoformat() <= m["start"][:10] < (today + timedelta(days=300)).isoformat()}
    assert in_data == from_feed
    moved = [m for m in meetings if m["status"] == "flyttad"]
    assert moved and moved[0]["ursprungligt_datum"] == "2027-03-04" and moved[0]["plats"] == "Göteborgs Stadshus, sal B"


def test_drafts_are_in_no_dataset_and_no_feed(example_site: BuildResult):
    site = example_site.site
    draft = (example_site.site.parent / "minnesanteckningar" / "nordost" / "2026-12-15.md").read_text(encoding="utf-8")
    assert "utkast: true" in draft
    everything = "".join(p.read_text(encoding="utf-8") for p in (site / "data").iterdir() if p.suffix != ".html")
    everything += "".join(p.read_text(encoding="utf-8") for p in site.rglob("flode.xml"))
    assert "minnesanteckningar/nordost/2026-12-15" not in everything
    minutes = [(m["grupp"], m["datum"]) for m in load(site, "minnesanteckningar")["poster"]]
    assert ("nordost", "2026-12-15") not in minutes and ("nordost", "2026-11-17") in minutes
    assert not any(d["datum"] == "2026-12-15" for d in load(site, "beslut")["poster"])


def test_the_catalogue_is_dcat_ap_se_and_passes_the_dcat_ap_shapes(clone_builds):
    site = clone_builds[0].site
    turtle = Graph().parse(site / "data" / "katalog.ttl", format="turtle")
    xml = Graph().parse(site / "data" / "katalog.rdf", format="xml")
    assert len(turtle) == len(xml) > 200
    shapes = Graph().parse(SHAPES, format="turtle")
    conforms, _, report = validate(xml, shacl_graph=shapes, inference="none")
    assert conforms, report
    catalog = URIRef(f"{SITE_ADDRESS}data/#katalog")
    # DCAT-AP-SE's mandatory and recommended properties, and no blank nodes (the portal refuses them).
    for prop in (DCTERMS.title, DCTERMS.description, DCTERMS.publisher, FOAF.homepage, DCTERMS.license,
                 DCTERMS.language, DCTERMS.modified):
        assert xml.value(catalog, prop) is not None, prop
    datasets = set(xml.objects(catalog, DCAT.dataset))
    assert datasets == {URIRef(f"{SITE_ADDRESS}data/{name}") for name in DATASETS}
    for dataset in datasets:
        for prop in (DCTERMS.title, DCTERMS.description, DCTERMS.publisher, DCAT.contactPoint, DCAT.theme,
                     DCTERMS.language, DCTERMS.accrualPeriodicity, DCTERMS.modified):
            assert xml.value(dataset, prop) is not None, (dataset, prop)
        distributions = set(xml.objects(dataset, DCAT.distribution))
        assert len(distributions) == 2
        for distribution in distributions:
            for prop in (DCAT.accessURL, DCAT.downloadURL, DCTERMS.format, DCTERMS.license):
                assert xml.value(distribution, prop) is not None, (distribution, prop)
            assert (site / str(xml.value(distribution, DCAT.downloadURL)).removeprefix(SITE_ADDRESS)).is_file()
    assert xml.value(URIRef(f"{SITE_ADDRESS}data/moten"), DCTERMS.temporal) is not None
    assert all(isinstance(s, URIRef) for s in xml.subjects())
    publisher = xml.value(catalog, DCTERMS.publisher)
    assert (publisher, RDF.type, FOAF.Agent) in xml and xml.value(publisher, FOAF.name) is not None
    vcard = Namespace("http://www.w3.org/2006/vcard/ns#")
    contact = xml.value(URIRef(f"{SITE_ADDRESS}data/moten"), DCAT.contactPoint)
    assert str(xml.value(contact, vcard.hasEmail)).startswith("mailto:")


def test_the_page_tells_what_each_dataset_holds_and_how_to_use_it(example_site: BuildResult):
    from bs4 import BeautifulSoup

    page = BeautifulSoup(example_site.page("data"), "html.parser").find("article")
    text = page.get_text(" ")
    assert "CC0 1.0" in text and "samverkanstorget@example.se" in text
    for name in DATASETS:
        assert page.find("a", href=f"{name}.json") and page.find("a", href=f"{name}.csv"), name
    assert page.find("a", href="katalog.rdf") and "Data → Från text/CSV" in text
    about = BeautifulSoup(example_site.page("om"), "html.parser")
    assert about.find("a", href="../data/")


def test_two_builds_give_the_same_data_files_dated_from_git(clone_builds):
    first, second = (build.site for build in clone_builds)
    made = sorted(p.relative_to(first) for p in (first / "data").iterdir())
    assert made == sorted(p.relative_to(second) for p in (second / "data").iterdir())
    for rel in made:
        if rel.suffix != ".html":
            assert (first / rel).read_bytes() == (second / rel).read_bytes(), rel
    for feed in first.rglob("flode.xml"):
        assert feed.read_bytes() == (second / feed.relative_to(first)).read_bytes()
    # The date of the commit, not of the build.
    committed = subprocess.run(["git", "-C", str(first.parent), "log", "-1", "--format=%cs"],
                               capture_output=True, text=True).stdout.strip()
    assert load(first, "grupper")["uppdaterad"] == committed


def test_each_group_has_a_valid_feed_of_its_minutes(example_site: BuildResult):
    site = example_site.site
    minutes = load(site, "minnesanteckningar")["poster"]
    everyone = feedparser.parse((site / "minnesanteckningar" / "flode.xml").read_bytes())
    assert not everyone.bozo and everyone.feed.language == "sv"
    assert {e.link for e in everyone.entries} <= {m["sida"] for m in minutes}
    for group in load(site, "grupper")["poster"]:
        feed = feedparser.parse((site / "minnesanteckningar" / group["id"] / "flode.xml").read_bytes())
        assert not feed.bozo, group["id"]
        own = sorted((m["sida"] for m in minutes if m["grupp"] == group["id"]), reverse=True)
        assert [e.link for e in feed.entries] == own[:30]
        for entry in feed.entries:
            assert entry.id == entry.link and entry.published_parsed is not None
    nordost = feedparser.parse((site / "minnesanteckningar" / "nordost" / "flode.xml").read_bytes())
    assert any("Beslut:" in e.summary for e in nordost.entries)
    page = (site / "grupper" / "nordost" / "index.html").read_text(encoding="utf-8")
    assert 'href="../../minnesanteckningar/nordost/flode.xml"' in page

"""The open data's catalogue in DCAT-AP-SE, the Swedish profile of DCAT-AP,
for Sweden's data portal to harvest (it reads RDF/XML; Turtle beside it).

Every resource has an address of its own (the portal allows no blank nodes
for the catalogue, datasets, distributions, publisher and contact), and the
controlled vocabularies are the EU Publications Office's authority lists.
"""

from __future__ import annotations

from dataclasses import dataclass

from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCAT, DCTERMS, FOAF, RDF, XSD

from samverkan.generate.open_data import DATA_DIR, Dataset

VCARD = Namespace("http://www.w3.org/2006/vcard/ns#")
AUTHORITY = "http://publications.europa.eu/resource/authority/"
SWEDISH = URIRef(AUTHORITY + "language/SWE")
CATALOGUE_FILES = (f"{DATA_DIR}/katalog.rdf", f"{DATA_DIR}/katalog.ttl")
FORMATS = {
    "json": ("JSON", "application/json", "JSON med JSON Schema"),
    "csv": ("CSV", "text/csv", "CSV (RFC 4180, UTF-8)"),
}


@dataclass(frozen=True)
class Publisher:
    """Who publishes the data (mkdocs.yml: extra.oppna_data)."""

    name: str
    email: str
    licence: str
    organisation_number: str | None = None  # gives the data portal's own address for the organisation


def catalogue(sets: list[Dataset], site_url: str, publisher: Publisher) -> Graph:
    base = site_url.rstrip("/") + "/"
    page = URIRef(base + DATA_DIR + "/")
    graph = Graph()
    for prefix, space in (("dcat", DCAT), ("dct", DCTERMS), ("foaf", FOAF), ("vcard", VCARD)):
        graph.bind(prefix, space)
    if publisher.organisation_number:
        agent = URIRef(f"http://dataportal.se/organisation/SE{publisher.organisation_number}")
    else:
        agent = URIRef(base + "#utgivare")
    graph.add((agent, RDF.type, FOAF.Agent))
    graph.add((agent, FOAF.name, Literal(publisher.name, lang="sv")))
    contact = URIRef(base + DATA_DIR + "/#kontakt")
    graph.add((contact, RDF.type, VCARD.Organization))
    graph.add((contact, VCARD.fn, Literal(publisher.name, lang="sv")))
    graph.add((contact, VCARD.hasEmail, URIRef("mailto:" + publisher.email)))
    licence = URIRef(publisher.licence)

    catalog = URIRef(base + DATA_DIR + "/#katalog")
    graph.add((catalog, RDF.type, DCAT.Catalog))
    graph.add((catalog, DCTERMS.title, Literal("Samverkanstorgets öppna data", lang="sv")))
    graph.add((catalog, DCTERMS.description, Literal(
        "Vårdsamverkan Göteborgsområdets register som öppna data: grupper, möten, minnesanteckningar, beslut, "
        "åtgärder, överenskommelser, verktyg och nyheter.", lang="sv")))
    graph.add((catalog, DCTERMS.publisher, agent))
    graph.add((catalog, FOAF.homepage, page))
    graph.add((catalog, DCTERMS.language, SWEDISH))
    graph.add((catalog, DCTERMS.license, licence))
    modified = [d.modified for d in sets if d.modified]
    if modified:
        graph.add((catalog, DCTERMS.modified, Literal(max(modified).isoformat(), datatype=XSD.date)))
    for dataset in sets:
        node = URIRef(f"{base}{DATA_DIR}/{dataset.name}")
        graph.add((catalog, DCAT.dataset, node))
        graph.add((node, RDF.type, DCAT.Dataset))
        graph.add((node, DCTERMS.identifier, Literal(str(node))))
        graph.add((node, DCTERMS.title, Literal(dataset.title, lang="sv")))
        graph.add((node, DCTERMS.description, Literal(dataset.about, lang="sv")))
        graph.add((node, DCTERMS.publisher, agent))
        graph.add((node, DCAT.contactPoint, contact))
        graph.add((node, DCAT.theme, URIRef(AUTHORITY + "data-theme/" + dataset.theme)))
        graph.add((node, DCTERMS.language, SWEDISH))
        graph.add((node, DCTERMS.accrualPeriodicity, URIRef(AUTHORITY + "frequency/" + dataset.frequency)))
        graph.add((node, DCAT.landingPage, page))
        graph.add((node, DCAT.keyword, Literal("vårdsamverkan", lang="sv")))
        graph.add((node, DCAT.keyword, Literal(dataset.title.lower(), lang="sv")))
        if dataset.modified:
            graph.add((node, DCTERMS.modified, Literal(dataset.modified.isoformat(), datatype=XSD.date)))
        if dataset.temporal:
            period = URIRef(f"{base}{DATA_DIR}/{dataset.name}#period")
            graph.add((node, DCTERMS.temporal, period))
            graph.add((period, RDF.type, DCTERMS.PeriodOfTime))
            graph.add((period, DCAT.startDate, Literal(dataset.temporal[0].isoformat(), datatype=XSD.date)))
            graph.add((period, DCAT.endDate, Literal(dataset.temporal[1].isoformat(), datatype=XSD.date)))
        for suffix, (kind, media, title) in FORMATS.items():
            distribution = URIRef(f"{base}{DATA_DIR}/{dataset.name}#{suffix}")
            graph.add((node, DCAT.distribution, distribution))
            graph.add((distribution, RDF.type, DCAT.Distribution))
            graph.add((distribution, DCTERMS.title, Literal(f"{dataset.title} som {title}", lang="sv")))
            graph.add((distribution, DCAT.accessURL, page))
            graph.add((distribution, DCAT.downloadURL, URIRef(f"{base}{DATA_DIR}/{dataset.name}.{suffix}")))
            graph.add((distribution, DCTERMS.format, URIRef(AUTHORITY + "file-type/" + kind)))
            graph.add((distribution, DCAT.mediaType, URIRef("https://www.iana.org/assignments/media-types/" + media)))
            graph.add((distribution, DCTERMS.license, licence))
            if suffix == "json":
                graph.add((distribution, DCTERMS.conformsTo, URIRef(f"{base}{DATA_DIR}/{dataset.name}.schema.json")))
            if dataset.modified:
                graph.add((distribution, DCTERMS.modified, Literal(dataset.modified.isoformat(), datatype=XSD.date)))
    return graph


def catalogue_files(sets: list[Dataset], site_url: str, publisher: Publisher) -> dict[str, bytes]:
    graph = catalogue(sets, site_url, publisher)
    return {
        CATALOGUE_FILES[0]: _sorted_xml(graph),
        CATALOGUE_FILES[1]: graph.serialize(format="turtle", encoding="utf-8"),
    }


def _sorted_xml(graph: Graph) -> bytes:
    """RDF/XML in a fixed order: the same bytes for the same graph (rdflib's
    own writer follows the order of its sets, which changes from run to run)."""
    from xml.sax.saxutils import escape, quoteattr

    names: dict[str, str] = {}

    def qname(uri: URIRef) -> str:
        prefix, namespace, name = graph.compute_qname(uri)
        names[str(namespace)] = prefix
        return f"{prefix}:{name}"

    body = []
    for subject in sorted(set(graph.subjects())):
        body.append(f"  <rdf:Description rdf:about={quoteattr(str(subject))}>")
        for predicate, value in sorted(graph.predicate_objects(subject)):
            tag = qname(predicate)
            if isinstance(value, Literal):
                attributes = f" xml:lang={quoteattr(value.language)}" if value.language else ""
                attributes += f" rdf:datatype={quoteattr(str(value.datatype))}" if value.datatype else ""
                body.append(f"    <{tag}{attributes}>{escape(str(value))}</{tag}>")
            else:
                body.append(f"    <{tag} rdf:resource={quoteattr(str(value))}/>")
        body.append("  </rdf:Description>")
    names[str(RDF)] = "rdf"
    spaces = "".join(f"\n    xmlns:{prefix}={quoteattr(space)}" for space, prefix in sorted(names.items(), key=lambda x: x[1]))
    text = f'<?xml version="1.0" encoding="utf-8"?>\n<rdf:RDF{spaces}>\n' + "\n".join(body) + "\n</rdf:RDF>\n"
    return text.encode("utf-8")

"""Toolbox: `verktygslada/<slug>.md`, sub-folders allowed."""

from __future__ import annotations

from pathlib import Path

from samverkan.content import fields as f
from samverkan.content.model import Source, Tool, ToolLink
from samverkan.problems import Problem
from samverkan.content.yaml_source import YamlList, YamlMap
from samverkan.content.loaders.common import markdown_records

TOOLBOX_DIR = "verktygslada"

LINK_FIELDS = (f.Field("titel", f.text, required=True), f.Field("url", f.url, required=True))


def _links(raw, where: f.Located):
    if not isinstance(raw, YamlList):
        raise f.FieldError("ska vara en lista med titel och url", None, "- titel: ...\\n  url: https://...")
    return tuple(raw)


TOOL_FIELDS = (
    f.Field("titel", f.text, required=True),
    f.Field("sammanfattning", f.text),
    f.Field("kategori", f.text, default="Övrigt"),
    f.Field("målgrupp", f.list_of(f.text), default=()),
    f.Field("taggar", f.list_of(f.text), default=()),
    f.Field("ansvarig", f.text),
    f.Field("senast_granskad", f.a_date),
    f.Field("granskningsintervall", f.positive_int, default=12),
    f.Field("länkar", _links, default=()),
)


def load_tools(root: Path, problems: list[Problem]) -> list[Tool]:
    tools = []
    for record in markdown_records(
        root, TOOLBOX_DIR, TOOL_FIELDS, problems, recursive=True, skip=frozenset({"index.md", "README.md"})
    ):
        values, rel = record.values, record.rel
        local: list[Problem] = []
        links = []
        for item in values["länkar"] if values["länkar"] is not f.MISSING else ():
            if not isinstance(item, YamlMap):
                local.append(Problem(rel, None, "länkar", "varje länk ska ha titel och url"))
                continue
            link = f.read_fields(item, LINK_FIELDS, rel, local, prefix="länkar.")
            if not f.has_missing(link):
                links.append(ToolLink(link["titel"], link["url"]))
        problems.extend(local)
        if local or not record.complete:
            continue
        tools.append(
            Tool(
                slug=record.slug,
                title=values["titel"],
                source=Source(rel, record.source.body_line, record.lines),
                summary=values["sammanfattning"],
                category=values["kategori"],
                audiences=values["målgrupp"],
                tags=values["taggar"],
                owner=values["ansvarig"],
                reviewed=values["senast_granskad"],
                review_months=values["granskningsintervall"],
                links=tuple(links),
                body=record.source.body,
            )
        )
    return tools

"""Toolbox: `verktygslada/<slug>.md`, sub-folders allowed."""

from __future__ import annotations

from pathlib import Path

from .. import fields as f
from ..model import Source, Tool, ToolLink
from ..problems import Problem
from ..yaml_source import YamlList, YamlMap, read_markdown_file
from .common import content_files, slug_problem

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
    for path, rel in content_files(root, TOOLBOX_DIR, "*.md", skip={"index.md", "README.md"}, recursive=True):
        slug = path.relative_to(root / TOOLBOX_DIR).with_suffix("").as_posix()
        if not all(f.is_slug(part) for part in slug.split("/")):
            problems.append(slug_problem(rel, path.stem))
            continue
        source, read_problems = read_markdown_file(path, rel)
        problems.extend(read_problems)
        if source is None:
            continue
        local: list[Problem] = []
        values = f.read_fields(source.meta, TOOL_FIELDS, rel, local)
        links = []
        for item in values["länkar"] if values["länkar"] is not f.MISSING else ():
            if not isinstance(item, YamlMap):
                local.append(Problem(rel, None, "länkar", "varje länk ska ha titel och url"))
                continue
            link = f.read_fields(item, LINK_FIELDS, rel, local, prefix="länkar.")
            if not f.has_missing(link):
                links.append(ToolLink(link["titel"], link["url"]))
        problems.extend(local)
        if local or f.has_missing(values):
            continue
        tools.append(
            Tool(
                slug=slug,
                title=values["titel"],
                source=Source(rel, source.body_line, f.field_lines(source.meta, TOOL_FIELDS)),
                summary=values["sammanfattning"],
                category=values["kategori"],
                audiences=values["målgrupp"],
                tags=values["taggar"],
                owner=values["ansvarig"],
                reviewed=values["senast_granskad"],
                review_months=values["granskningsintervall"],
                links=tuple(links),
                body=source.body,
            )
        )
    return tools

"""News posts: `docs/aktuellt/posts/*.md`, in the format of Material's blog plugin.

The blog plugin renders them; we read them too, for the start page and the RSS feed.
"""

from __future__ import annotations

import re
from pathlib import Path

from samverkan.content import fields as f
from samverkan.content.model import NewsPost
from samverkan.problems import Problem
from samverkan.content.yaml_source import read_markdown_file
from samverkan.content.loaders.common import content_files

NEWS_DIR = "docs/aktuellt/posts"

NEWS_FIELDS = (
    f.Field("date", f.a_date, required=True),
    f.Field("categories", f.list_of(f.text), default=()),
    f.Field("title", f.text),
    f.Field("draft", f.boolean, default=False),
    f.Field("slug", f.slug),
    f.Field("description", f.text),
)
_HEADING = re.compile(r"^#\s+(.+?)\s*#*\s*$", re.MULTILINE)
_MORE = "<!-- more -->"


def load_news(root: Path, problems: list[Problem]) -> list[NewsPost]:
    posts = []
    for path, rel in content_files(root, NEWS_DIR, "*.md", recursive=True):
        source, read_problems = read_markdown_file(path, rel)
        problems.extend(read_problems)
        if source is None:
            continue
        values = f.read_fields(source.meta, NEWS_FIELDS, rel, problems)
        if f.has_missing(values) or values["draft"]:
            continue
        heading = _HEADING.search(source.body)
        title = values["title"] or (heading[1] if heading else None)
        if title is None:
            problems.append(Problem(rel, None, "title", "nyheten saknar rubrik", expected="en rad som börjar med # överst i texten"))
            continue
        body = source.body[heading.end():] if heading else source.body
        lead = body.split(_MORE, 1)[0] if _MORE in body else body.strip().split("\n\n", 1)[0]
        posts.append(
            NewsPost(
                title=title,
                date=values["date"],
                uri=path.relative_to(root / "docs").as_posix(),
                categories=values["categories"],
                excerpt=values["description"] or " ".join(lead.split()),
            )
        )
    return posts

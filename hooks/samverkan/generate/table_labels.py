"""Tables that read on a phone: each cell labelled with its column's heading.

On a narrow screen the site's style sheet shows every row as a small card
(`td::before { content: attr(data-label) }`), so no column is ever off
screen; the labels come from the table's own header row. Python-Markdown
writes tables in one regular shape (a header row of `<th>`, body rows of
`<td>`), which is what this reads; a cell in a table without headings is
left as it is.
"""

from __future__ import annotations

import html
import re

_TABLE = re.compile(r"<table>(.*?)</table>", re.S)
_HEADING = re.compile(r"<th(?:\s[^>]*)?>(.*?)</th>", re.S)
_ROW = re.compile(r"<tr>(.*?)</tr>", re.S)
_CELL = re.compile(r"<td(?=[\s>])")
_TAG = re.compile(r"<[^>]+>")


def label_cells(content: str) -> str:
    """The page's HTML with `data-label` on every body cell of its tables."""
    if "<table>" not in content:
        return content
    return _TABLE.sub(_label_table, content)


def _label_table(match: re.Match) -> str:
    inner = match.group(1)
    head, _, body = inner.partition("</thead>")
    if not body:
        return match.group(0)
    labels = [html.escape(html.unescape(_TAG.sub("", h)).strip(), quote=True) for h in _HEADING.findall(head)]
    if not any(labels):
        return match.group(0)

    def label_row(row: re.Match) -> str:
        cells = iter(labels)
        return "<tr>" + _CELL.sub(lambda _: f'<td data-label="{next(cells, "")}"', row.group(1)) + "</tr>"

    return "<table>" + head + "</thead>" + _ROW.sub(label_row, body) + "</table>"

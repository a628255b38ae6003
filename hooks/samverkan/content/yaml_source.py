"""YAML as editors mean it, with the line of every key.

PyYAML follows YAML 1.1, whose implicit types silently change what an editor
wrote: `10:30` becomes the number 630, `no` becomes False, `2026-13-01` fails
deep inside the parser without a line. This loader only recognises plain
decimal numbers, `true`/`false` and null; everything else stays a string and is
interpreted by the field parsers, which know the line. Aliases are refused
(no "billion laughs"), and duplicate keys are reported instead of silently
keeping the last one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import frontmatter
import yaml

from samverkan.problems import Problem

MAX_FILE_BYTES = 2_000_000


class YamlMap(dict):
    """A mapping that remembers where each key stood."""

    line: int = 0

    def __init__(self) -> None:
        super().__init__()
        self.key_lines: dict[str, int] = {}

    def line_of(self, key: str) -> int:
        return self.key_lines.get(key, self.line)


class YamlList(list):
    """A sequence that remembers where each item stood."""

    line: int = 0

    def __init__(self) -> None:
        super().__init__()
        self.item_lines: list[int] = []

    def line_of(self, index: int) -> int:
        return self.item_lines[index] if index < len(self.item_lines) else self.line


class _YamlProblem(Exception):
    def __init__(self, line: int | None, message: str, found: str | None = None) -> None:
        super().__init__(message)
        self.line = line
        self.message = message
        self.found = found


# libyaml's parser when PyYAML has it (its wheels do): parsing is most of the
# cost of loading ten thousand minutes. Resolving and constructing stay in
# Python, so the rules below apply to both.
_Base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _EditorLoader(_Base):
    line_offset = 0

    def __init__(self, stream) -> None:
        super().__init__(stream)
        self._seen_nodes: set[int] = set()

    def resolve(self, kind, value, implicit):  # noqa: ANN001 - PyYAML's signature
        # The same answers as PyYAML's table lookup for the four rules below,
        # without it: libyaml calls this once for every scalar of every file.
        if kind is yaml.ScalarNode:
            return _implicit_tag(value) if implicit[0] else _STR
        return _SEQ if kind is yaml.SequenceNode else _MAP

    def construct_object(self, node, deep=False):  # noqa: ANN001 - PyYAML's signature
        # Explicit tags (!!int, !!map, !!python/object, ...) are data to us,
        # never types or code: a scalar is text unless it is one of the four
        # plain forms below, and a mapping or list is built by its shape.
        if isinstance(node, yaml.ScalarNode):
            if node.tag != _STR and node.tag == _implicit_tag(node.value):
                return super().construct_object(node, deep)
            return node.value
        # An alias (*namn) is the same node met a second time. Refusing it
        # stops "billion laughs" bombs and keeps every value where it is written.
        if id(node) in self._seen_nodes:
            raise _YamlProblem(
                node.start_mark.line + 1 + self.line_offset,
                "YAML-ankare och alias (&namn och *namn) används inte här; skriv ut värdet i stället",
            )
        self._seen_nodes.add(id(node))
        if node.tag not in (_MAP, _SEQ):
            raise _YamlProblem(_line(self, node), "okänd YAML-typ", node.tag)
        if isinstance(node, yaml.MappingNode):
            return _construct_map(self, node)
        return _construct_list(self, node)


_STR, _MAP, _SEQ = "tag:yaml.org,2002:str", "tag:yaml.org,2002:map", "tag:yaml.org,2002:seq"
# The only implicit types: plain decimal numbers, true/false and null, keyed
# by the first character a value of that type can start with.
_IMPLICIT = {
    **dict.fromkeys("-+0123456789", (
        ("tag:yaml.org,2002:int", re.compile(r"^[-+]?(?:0|[1-9][0-9]*)$")),
        ("tag:yaml.org,2002:float", re.compile(r"^[-+]?(?:[0-9]+\.[0-9]+)$")),
    )),
    **dict.fromkeys("tTfF", (("tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$")),)),
    **dict.fromkeys(["~", "n", "N", ""], (("tag:yaml.org,2002:null", re.compile(r"^(?:~|null|Null|NULL|)$")),)),
}


def _implicit_tag(value: str) -> str:
    for tag, pattern in _IMPLICIT.get(value[:1], ()):
        if pattern.match(value):
            return tag
    return _STR


def _line(loader: _EditorLoader, node: yaml.Node) -> int:
    return node.start_mark.line + 1 + loader.line_offset


def _construct_map(loader: _EditorLoader, node: yaml.MappingNode) -> YamlMap:
    result = YamlMap()
    result.line = _line(loader, node)
    for key_node, value_node in node.value:
        if not isinstance(key_node, yaml.ScalarNode):
            raise _YamlProblem(_line(loader, key_node), "en nyckel måste vara ett enkelt ord")
        key = key_node.value.strip()
        if key in result:
            raise _YamlProblem(
                _line(loader, key_node),
                f"nyckeln \u201d{key}\u201d står två gånger; ta bort den ena",
            )
        result[key] = loader.construct_object(value_node, deep=True)
        result.key_lines[key] = _line(loader, key_node)
    return result


def _construct_list(loader: _EditorLoader, node: yaml.SequenceNode) -> YamlList:
    result = YamlList()
    result.line = _line(loader, node)
    for item in node.value:
        result.append(loader.construct_object(item, deep=True))
        result.item_lines.append(_line(loader, item))
    return result


_YAML_MESSAGES = {
    "mapping values are not allowed": "ett kolon (:) på fel ställe; sätt texten inom citattecken",
    "found character '\\t' that cannot start any token": "tabbtecken; använd mellanslag för indrag",
    "could not find expected ':'": "ett kolon (:) saknas efter nyckeln",
    "found undefined alias": "YAML-alias (*namn) används inte här",
    "did not find expected key": "indraget stämmer inte; kontrollera mellanslagen i början av raden",
    "did not find expected '-' indicator": "indraget stämmer inte i listan",
    "found unexpected end of stream": "citattecken eller hakparentes stängs aldrig",
    "did not find expected ',' or ']'": "en hakparentes [ stängs aldrig med ]",
    "did not find expected ',' or '}'": "en klammerparentes { stängs aldrig med }",
    "while scanning a quoted scalar": "citattecken stängs aldrig",
}


def _translate(error: yaml.MarkedYAMLError, source: str) -> str:
    text = f"{error.context or ''} {error.problem or ''}"
    mark = error.problem_mark
    if mark is not None and "cannot start any token" in text:
        lines = source.split("\n")
        if mark.line < len(lines) and "\t" in lines[mark.line][: mark.column + 1]:
            return "YAML-filen går inte att läsa: tabbtecken; använd mellanslag för indrag"
    for english, swedish in _YAML_MESSAGES.items():
        if english in text:
            return f"YAML-filen går inte att läsa: {swedish}"
    return f"YAML-filen går inte att läsa ({(error.problem or '').strip()})"


def parse_yaml(text: str, file: str, line_offset: int = 0) -> tuple[object, list[Problem]]:
    """Parse one YAML document; problems instead of exceptions."""
    loader = _EditorLoader(text)
    loader.line_offset = line_offset
    try:
        return loader.get_single_data(), []
    except _YamlProblem as exc:
        return None, [Problem(file, exc.line, None, exc.message, exc.found)]
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 + line_offset if mark else None
        return None, [Problem(file, line, None, _translate(exc, text))]
    except yaml.YAMLError as exc:
        return None, [Problem(file, None, None, f"YAML-filen går inte att läsa ({exc})")]
    except RecursionError:
        return None, [Problem(file, None, None, "YAML-filen är för djupt nästlad")]
    finally:
        loader.dispose()


def read_text(path: Path, file: str) -> tuple[str | None, list[Problem]]:
    """A content file as text: UTF-8 (with or without BOM), not empty, not huge."""
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            return None, [
                Problem(file, None, None, "filen är för stor", f"{size // 1000} kB", "högst 2 000 kB")
            ]
        data = path.read_bytes()
    except OSError as exc:
        return None, [Problem(file, None, None, f"filen går inte att läsa ({exc.strerror})")]
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        return None, [
            Problem(
                file,
                line,
                None,
                "filen är inte sparad som UTF-8",
                expected="spara filen med teckenkodningen UTF-8",
            )
        ]
    if "\x00" in text:
        return None, [Problem(file, None, None, "filen innehåller binära data; är det en textfil?")]
    return text.replace("\r\n", "\n").replace("\r", "\n"), []


def read_yaml_file(path: Path, file: str) -> tuple[object, list[Problem]]:
    text, problems = read_text(path, file)
    if text is None:
        return None, problems
    if not text.strip():
        return None, [Problem(file, None, None, "filen är tom")]
    return parse_yaml(text, file)


@dataclass(frozen=True, slots=True)
class MarkdownSource:
    """A Markdown file split into its front matter and its body."""

    meta: YamlMap
    body: str
    body_line: int


_FRONT_MATTER = frontmatter.YAMLHandler()


def read_markdown_file(path: Path, file: str) -> tuple[MarkdownSource | None, list[Problem]]:
    text, problems = read_text(path, file)
    if text is None:
        return None, problems
    return markdown_from_text(text, file)


def markdown_from_text(text: str, file: str) -> tuple[MarkdownSource | None, list[Problem]]:
    if not text.strip():
        return None, [Problem(file, None, None, "filen är tom")]
    if not _FRONT_MATTER.detect(text) or not text.startswith("---"):
        empty = YamlMap()
        empty.line = 1
        return MarkdownSource(empty, text, 1), []
    try:
        front, body = _FRONT_MATTER.split(text)
    except ValueError:
        return None, [
            Problem(file, 1, None, "inledningen (front matter) avslutas aldrig med en rad ---")
        ]
    # The front matter text starts with the remainder of line 1 ("---"), so
    # its own line numbers already match the file's.
    meta, problems = parse_yaml(front, file, 0)
    if problems:
        return None, problems
    if meta is None:
        meta = YamlMap()
        meta.line = 1
    if not isinstance(meta, YamlMap):
        return None, [Problem(file, 2, None, "inledningen ska bestå av nycklar med värden (nyckel: värde)")]
    body_line = text[: len(text) - len(body)].count("\n") + 1
    return MarkdownSource(meta, body, body_line), []

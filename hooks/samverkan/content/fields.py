"""Field schemas: what each key of a content file may hold, and how to read it.

Keys are matched with or without å/ä/ö (`narvarande` is `närvarande`); an
unknown key is an error with a "did you mean", because a typo in a key would
otherwise silently drop what the editor wrote.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Any, Callable, Iterable, Mapping

from samverkan.problems import Problem, did_you_mean, fold
from samverkan.safety.urls import is_absolute_web_address
from samverkan.content.yaml_source import YamlList, YamlMap


class FieldError(Exception):
    """A value that does not fit its field; turned into a Problem by the reader."""

    def __init__(
        self,
        message: str,
        found: object = None,
        expected: str | None = None,
        suggestion: str | None = None,
        line: int | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.found = None if found is None else _shown(found)
        self.expected = expected
        self.suggestion = suggestion
        self.line = line


def _shown(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    text = str(value)
    return text if len(text) <= 80 else text[:77] + "..."


Parser = Callable[[Any, "Located"], Any]


@dataclass(frozen=True, slots=True)
class Located:
    """Where a value stands, so a parser deep inside a list can point at its line."""

    line: int
    container: YamlMap | YamlList | None = None


@dataclass(frozen=True, slots=True)
class Field:
    name: str
    parse: Parser
    required: bool = False
    default: Any = None


MISSING = object()


def read_fields(
    meta: YamlMap,
    fields: Iterable[Field],
    file: str,
    problems: list[Problem],
    *,
    ignored: Iterable[str] = (),
    prefix: str = "",
) -> dict[str, Any]:
    """Read a mapping against a schema; problems are appended, never raised."""
    by_key = {fold(f.name): f for f in fields}
    ignored_keys = {fold(k) for k in ignored}
    values: dict[str, Any] = {}
    for key, raw in meta.items():
        field = by_key.get(fold(str(key)))
        line = meta.line_of(key)
        if field is None:
            if fold(str(key)) in ignored_keys:
                continue
            problems.append(
                Problem(
                    file,
                    line,
                    prefix + str(key),
                    "okänd nyckel",
                    str(key),
                    "en av " + ", ".join(f.name for f in by_key.values()),
                    did_you_mean(str(key), [f.name for f in by_key.values()]),
                )
            )
            continue
        if field.name in values:
            problems.append(
                Problem(file, line, prefix + field.name, "fältet står två gånger (med och utan å/ä/ö)")
            )
            continue
        if raw is None or (isinstance(raw, str) and not raw.strip()):
            continue
        try:
            values[field.name] = field.parse(raw, Located(line, meta))
        except FieldError as exc:
            problems.append(
                Problem(
                    file,
                    exc.line or line,
                    prefix + field.name,
                    exc.message,
                    exc.found,
                    exc.expected,
                    exc.suggestion,
                )
            )
            values[field.name] = MISSING
    for field in by_key.values():
        if field.name not in values:
            if field.required:
                problems.append(
                    Problem(file, meta.line or 1, prefix + field.name, "fältet saknas men måste finnas")
                )
                values[field.name] = MISSING
            else:
                values[field.name] = field.default
    return values


def field_lines(meta: YamlMap, fields: Iterable[Field]) -> dict[str, int]:
    """The line of each known field, under its canonical name."""
    by_key = {fold(f.name): f.name for f in fields}
    return {by_key[fold(str(k))]: meta.line_of(k) for k in meta if fold(str(k)) in by_key}


def has_missing(values: Mapping[str, Any]) -> bool:
    return any(v is MISSING for v in values.values())


# --- Parsers --------------------------------------------------------------

def text(raw: Any, where: Located) -> str:
    if isinstance(raw, bool) or isinstance(raw, (YamlMap, YamlList, dict, list)):
        raise FieldError("ska vara en text", raw, "en text på en rad")
    value = " ".join(str(raw).split())
    if not value:
        raise FieldError("får inte vara tom")
    return value


def markdown_text(raw: Any, where: Located) -> str:
    if isinstance(raw, bool) or isinstance(raw, (YamlMap, YamlList, dict, list)):
        raise FieldError("ska vara en text", raw, "en text")
    return str(raw).strip()


_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")


def parse_date(raw: Any) -> date:
    value = str(raw).strip()
    match = _DATE.match(value)
    if not match or isinstance(raw, bool):
        raise FieldError("ogiltigt datum", raw, "ÅÅÅÅ-MM-DD, till exempel 2026-03-10")
    try:
        return date(int(match[1]), int(match[2]), int(match[3]))
    except ValueError:
        raise FieldError("datumet finns inte i kalendern", raw, "ÅÅÅÅ-MM-DD med giltig månad och dag") from None


def a_date(raw: Any, where: Located) -> date:
    return parse_date(raw)


_TRUE = {"true", "ja", "sant"}
_FALSE = {"false", "nej", "falskt"}


def boolean(raw: Any, where: Located) -> bool:
    if isinstance(raw, bool):
        return raw
    word = str(raw).strip().lower()
    if word in _TRUE:
        return True
    if word in _FALSE:
        return False
    raise FieldError("ska vara sant eller falskt", raw, "true eller false (ja eller nej går också)")


def choice(options: Mapping[str, str] | Iterable[str]) -> Parser:
    """One of a fixed set of words; matched with or without å/ä/ö."""
    canonical = dict(options) if isinstance(options, Mapping) else {o: o for o in options}
    by_fold = {fold(k): v for k, v in canonical.items()}
    shown = " | ".join(canonical)

    def parse(raw: Any, where: Located) -> str:
        word = str(raw).strip()
        if isinstance(raw, bool) or fold(word) not in by_fold:
            raise FieldError("okänt värde", raw, shown, did_you_mean(word, canonical))
        return by_fold[fold(word)]

    parse.options = tuple(dict.fromkeys(canonical.values()))  # for forms (the web editor)
    return parse


def list_of(item: Parser, *, allow_single: bool = True) -> Parser:
    """A YAML list (or, for convenience, a single value) of items."""

    def parse(raw: Any, where: Located) -> tuple:
        if isinstance(raw, YamlMap):
            raise FieldError("ska vara en lista", None, "en lista, t.ex. [a, b] eller rader som börjar med -")
        if not isinstance(raw, YamlList):
            if not allow_single:
                raise FieldError("ska vara en lista", raw, "en lista, t.ex. [a, b]")
            return (item(raw, where),)
        result = []
        errors: list[FieldError] = []
        for index, value in enumerate(raw):
            if value is None:
                continue
            try:
                result.append(item(value, Located(raw.line_of(index), raw)))
            except FieldError as exc:
                exc.line = exc.line or raw.line_of(index)
                errors.append(exc)
        if errors:
            raise errors[0]
        return tuple(result)

    parse.item = item  # for forms (the web editor)
    return parse


def mappings(fields: tuple[Field, ...]) -> Parser:
    """A list of small mappings (action items, questions, members), each read
    against its own schema by the caller, which reports problems inside."""

    def parse(raw: Any, where: Located) -> tuple:
        if not isinstance(raw, YamlList):
            raise FieldError("ska vara en lista där varje punkt börjar med -", None, "en lista")
        items = []
        for index, item in enumerate(raw):
            if not isinstance(item, YamlMap):
                raise FieldError(
                    "varje punkt i listan ska ha nycklar",
                    item,
                    ", ".join(fd.name + ":" for fd in fields),
                    line=raw.line_of(index),
                )
            items.append(item)
        return tuple(items)

    parse.fields = fields  # for forms (the web editor)
    return parse


def each_mapping(items: Any, fields: tuple[Field, ...], file: str, problems: list[Problem], prefix: str):
    """(values, item) of every complete item of a `mappings` field."""
    for item in items if items not in (None, MISSING) else ():
        values = read_fields(item, fields, file, problems, prefix=prefix)
        if not has_missing(values):
            yield values, item


_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


def slug(raw: Any, where: Located) -> str:
    """A reference to another file by its name (checked against what exists later)."""
    value = str(raw).strip()
    if isinstance(raw, bool) or not _SLUG.match(value):
        raise FieldError(
            "ska vara ett filnamn utan .md",
            raw,
            "små bokstäver a-z, siffror och bindestreck, t.ex. barn-och-unga",
            suggest_slug(value) if isinstance(raw, str) else None,
        )
    return value


_EMAIL = re.compile(r"^[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+$")


def email(raw: Any, where: Located) -> str:
    value = str(raw).strip()
    if not _EMAIL.match(value):
        raise FieldError("ogiltig e-postadress", raw, "en funktionsbrevlåda, t.ex. nosam.nordost@example.se")
    return value


_URL = re.compile(r"^(?:https?://[^\s<>\"']+|mailto:[^\s<>\"']+)$", re.IGNORECASE)


def url(raw: Any, where: Located) -> str:
    value = str(raw).strip()
    if not (_URL.match(value) and is_absolute_web_address(value)):
        raise FieldError("länken måste börja med https://, http:// eller mailto:", raw, "en webbadress")
    return value


_ACCOUNT = re.compile(r"^@?[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})(?:/[A-Za-z0-9._-]+)?$")


def account(raw: Any, where: Located) -> str:
    """A user or team on the git host, for the code-owners file: "@anna-s", "@region/nosam"."""
    value = str(raw).strip()
    if isinstance(raw, bool) or not _ACCOUNT.match(value):
        raise FieldError("ogiltigt användarnamn", raw, "ett användarnamn på git-tjänsten, t.ex. @anna-s eller @organisation/lag")
    return value if value.startswith("@") else "@" + value


def positive_int(raw: Any, where: Located) -> int:
    if isinstance(raw, bool) or not isinstance(raw, int) or raw < 1:
        raise FieldError("ska vara ett heltal större än noll", raw, "till exempel 12")
    return raw


_ASCII = str.maketrans({"å": "a", "ä": "a", "ö": "o", "é": "e", "ü": "u", "Å": "a", "Ä": "a", "Ö": "o"})


def suggest_slug(value: str) -> str | None:
    candidate = re.sub(r"[^a-z0-9]+", "-", value.translate(_ASCII).lower()).strip("-")
    return candidate or None


def is_slug(value: str) -> bool:
    return bool(_SLUG.match(value))

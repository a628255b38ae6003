"""The macros an editor may call on a page of her own, read as data.

A page that opts in with `render_macros: true` was once a Jinja template,
and a template can reach Python: MkDocs puts its configuration, the hook
modules and every collected file in scope, and Jinja's sandbox does not
guard module attributes. So no editor's page is ever a template. Instead
each `{{ … }}` on an opted-in page is parsed here as one call of a known
macro with literal arguments (a text or a whole number), and nothing else:
the expression is read by Python's parser into a syntax tree and inspected,
never evaluated. `{% … %}` and `{# … #}` are refused outright.
"""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass

from samverkan.problems import Problem, did_you_mean

# Each macro and its parameters in order, as editors write them. The
# functions behind them are in generate/macros.py (a test holds the two equal).
MACRO_PARAMETERS: dict[str, tuple[str, ...]] = {
    "senaste_minnesanteckningar": ("grupp", "antal"),
    "kommande_moten": ("antal", "grupp"),
    "beslutslogg": ("grupp",),
    "oppna_atgarder": ("grupp",),
    "senaste_nyheter": ("antal",),
    "hitta_grupp": (),
}
REQUIRED: dict[str, frozenset[str]] = {
    "beslutslogg": frozenset({"grupp"}),
    "oppna_atgarder": frozenset({"grupp"}),
}
# A list longer than this is not a summary on a page.
MAX_COUNT = 100
# Longer than any call of a macro above: a long expression is not one of them,
# and the parser is not given the chance to spend time on it.
MAX_EXPRESSION = 200

# Jinja's three delimiters; `{{` to the next `}}` (or the end: an unclosed one is refused too).
_TEMPLATE = re.compile(r"\{\{(?P<call>.*?)(?:\}\}|\Z)|\{%.*?(?:%\}|\Z)|\{#.*?(?:#\}|\Z)", re.S)
_INSTEAD = (
    "ett av sidans makron med text eller tal som värden, t.ex. "
    '{{ senaste_minnesanteckningar(grupp="nordost", antal=5) }}'
)


@dataclass(frozen=True, slots=True)
class MacroCall:
    """One call found in a body: where it stands and what it asks for."""

    start: int
    end: int
    name: str
    arguments: tuple[tuple[str, str | int], ...]  # (parameter, value), as named or by position


@dataclass(frozen=True, slots=True)
class Refusal:
    line: int  # zero-based, in the body
    found: str
    message: str


def render_macros_requested(meta: dict) -> bool:
    return meta.get("render_macros") is True


def read_macro_calls(body: str) -> tuple[list[MacroCall], list[Refusal]]:
    """Every template delimiter in the body, as a call or a refusal."""
    calls: list[MacroCall] = []
    refusals: list[Refusal] = []
    for match in _TEMPLATE.finditer(body):
        line = body.count("\n", 0, match.start())
        text = match.group(0)
        if match.group("call") is None:
            refusals.append(
                Refusal(line, _short(text), "mallkod ({% … %} och {# … #}) kan inte användas på webbplatsens sidor")
            )
            continue
        result = _call(match.group("call"))
        if isinstance(result, str):
            refusals.append(Refusal(line, _short(text), result))
        else:
            name, arguments = result
            calls.append(MacroCall(match.start(), match.end(), name, arguments))
    return calls, refusals


def macro_problems(body: str, file: str, body_line: int) -> list[Problem]:
    """What an opted-in page's body asks that no macro does, with its line in the file."""
    _, refusals = read_macro_calls(body)
    return [
        Problem(file, body_line + refusal.line, None, refusal.message, refusal.found, _INSTEAD,
                _suggestion(refusal.found))
        for refusal in refusals
    ]


def _call(expression: str) -> tuple[str, tuple[tuple[str, str | int], ...]] | str:
    """(macro, arguments), or why the expression is not a call of a macro."""
    expression = expression.strip()
    if len(expression) > MAX_EXPRESSION or "\n" in expression:
        return "uttrycket är inte ett anrop av ett av sidans makron"
    try:
        tree = ast.parse(expression, mode="eval").body
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return "uttrycket är inte ett anrop av ett av sidans makron"
    if not (isinstance(tree, ast.Call) and isinstance(tree.func, ast.Name)):
        return "bara sidans makron kan användas, inga andra uttryck"
    name = tree.func.id
    parameters = MACRO_PARAMETERS.get(name)
    if parameters is None:
        return f"okänt makro ”{name}”; kända är " + ", ".join(sorted(MACRO_PARAMETERS))
    if len(tree.args) > len(parameters):
        return f"makrot {name} tar högst {len(parameters)} värden"
    named: dict[str, str | int] = {}
    for parameter, node in [*zip(parameters, tree.args), *((k.arg, k.value) for k in tree.keywords)]:
        if parameter is None:  # **mapping
            return "bara sidans makron kan användas, inga andra uttryck"
        if parameter not in parameters:
            hint = did_you_mean(parameter, parameters)
            return f"makrot {name} har inget värde som heter {parameter}" + (f" (menade du {hint}?)" if hint else "")
        if parameter in named:
            return f"värdet {parameter} anges två gånger"
        value = _literal(node)
        if value is None:
            return f"värdet {parameter} måste vara en text inom citattecken eller ett tal"
        if (parameter == "antal") != isinstance(value, int):
            return f"värdet {parameter} ska vara " + ("ett tal" if parameter == "antal" else "en text inom citattecken")
        if parameter == "antal" and not 1 <= value <= MAX_COUNT:
            return f"antal ska vara mellan 1 och {MAX_COUNT}"
        named[parameter] = value
    missing = REQUIRED.get(name, frozenset()) - set(named)
    if missing:
        return f"makrot {name} behöver värdet " + ", ".join(sorted(missing))
    return name, tuple(named.items())


def _literal(node: ast.AST) -> str | int | None:
    if isinstance(node, ast.Constant) and type(node.value) in (str, int) and len(str(node.value)) <= 100:
        return node.value
    return None


def _suggestion(found: str) -> str | None:
    word = re.match(r"\{\{\s*([a-zåäö_]+)\s*\(", found, re.I)
    return did_you_mean(word[1], MACRO_PARAMETERS) if word and word[1] not in MACRO_PARAMETERS else None


def _short(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"

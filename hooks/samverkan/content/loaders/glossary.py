"""The glossary: `docs/om/ordlista.yml`.

Two forms: a list under `termer:` of `förkortning` and `förklaring` (what
the web editor writes: a form cannot edit the keys of a mapping), or the
short form of lines `SIP: Samordnad individuell plan`.
"""

from __future__ import annotations

import re
from pathlib import Path

from samverkan.content import fields as f
from samverkan.content.model import GlossaryTerm
from samverkan.problems import Problem, fold
from samverkan.content.yaml_source import YamlList, YamlMap, read_yaml_file

GLOSSARY_FILE = "docs/om/ordlista.yml"
LIST_KEY = "termer"
TERM = re.compile(r"^[A-Za-zÅÄÖåäö][A-Za-zÅÄÖåäö0-9-]{1,19}$")
TERM_PROBLEM = ("en förkortning är ett ord utan mellanslag", "t.ex. SIP eller Västbus")


def term(raw, where: f.Located) -> str:
    value = f.text(raw, where)
    if not TERM.match(value):
        raise f.FieldError(TERM_PROBLEM[0], raw, TERM_PROBLEM[1])
    return value


TERM_FIELDS = (
    f.Field("förkortning", term, required=True),
    f.Field("förklaring", f.text, required=True),
)


def load_glossary(root: Path, problems: list[Problem]) -> list[GlossaryTerm]:
    path = root / GLOSSARY_FILE
    if not path.is_file():
        return []
    data, read_problems = read_yaml_file(path, GLOSSARY_FILE)
    problems.extend(read_problems)
    if read_problems:
        return []
    if not isinstance(data, YamlMap):
        problems.append(Problem(GLOSSARY_FILE, 1, None, "ordlistan ska bestå av rader förkortning: förklaring"))
        return []
    listed = [k for k in data if fold(str(k)) == LIST_KEY]
    if listed and isinstance(data[listed[0]], YamlList):
        entries = []
        for index, item in enumerate(data[listed[0]]):
            line = data[listed[0]].line_of(index)
            if not isinstance(item, YamlMap):
                problems.append(Problem(GLOSSARY_FILE, line, LIST_KEY, "varje punkt ska ha förkortning: och förklaring:"))
                continue
            values = f.read_fields(item, TERM_FIELDS, GLOSSARY_FILE, problems, prefix=LIST_KEY + ".")
            if not f.has_missing(values):
                entries.append((values["förkortning"], values["förklaring"], line))
    else:
        entries = [(term, explanation, data.line_of(term)) for term, explanation in data.items()]
    terms = []
    for term, explanation, line in entries:
        if not TERM.match(str(term)):
            problems.append(Problem(GLOSSARY_FILE, line, str(term), TERM_PROBLEM[0], str(term), TERM_PROBLEM[1]))
        elif not isinstance(explanation, str) or not explanation.strip():
            problems.append(Problem(GLOSSARY_FILE, line, str(term), "förklaringen saknas", expected="SIP: Samordnad individuell plan"))
        else:
            terms.append(GlossaryTerm(str(term), " ".join(explanation.split())))
    return terms

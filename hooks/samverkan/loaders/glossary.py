"""The glossary: `docs/om/ordlista.yml`, abbreviation → explanation."""

from __future__ import annotations

import re
from pathlib import Path

from ..model import GlossaryTerm
from ..problems import Problem
from ..yaml_source import YamlMap, read_yaml_file

GLOSSARY_FILE = "docs/om/ordlista.yml"
_TERM = re.compile(r"^[A-Za-zÅÄÖåäö][A-Za-zÅÄÖåäö0-9-]{1,19}$")


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
    terms = []
    for term, explanation in data.items():
        line = data.line_of(term)
        if not _TERM.match(str(term)):
            problems.append(Problem(GLOSSARY_FILE, line, str(term), "en förkortning är ett ord utan mellanslag",
                                    str(term), "t.ex. SIP eller Västbus"))
        elif not isinstance(explanation, str) or not explanation.strip():
            problems.append(Problem(GLOSSARY_FILE, line, str(term), "förklaringen saknas", expected="SIP: Samordnad individuell plan"))
        else:
            terms.append(GlossaryTerm(str(term), " ".join(explanation.split())))
    return terms

"""The web editor's check before a save (issue 34, item 5) says what the build says.

In production the form commits straight to the git host, so the check runs
in the browser (regler.js with the build's data, browser_rules.py). Here the
build's own test cases, and a few hundred more made at random, go through
both: the Python the build runs, and the JavaScript in a real Chromium.
"""

from __future__ import annotations

import random
import sys
import unicodedata

import pytest

import test_privacy
from samverkan.generate.editor_config import ASSETS, rules_script
from samverkan.safety.markup_policy import check_body
from samverkan.safety.privacy import find_identity_numbers
from test_identity_numbers_everywhere import FULL_WIDTH, LOOKALIKES, SEPARATORS
from test_privacy import CHILD, COORDINATION, VALID
from test_untrusted_content import ALLOWED, REFUSED


@pytest.fixture(scope="module")
def rules(browser):
    context = browser.new_context()
    page = context.new_page()
    page.set_content("<!doctype html><html><body></body></html>")
    page.add_script_tag(content=rules_script())
    page.add_script_tag(content=(ASSETS / "regler.js").read_text(encoding="utf-8"))
    yield page
    context.close()


def cases_of(test) -> list[str]:
    return [value for mark in test.pytestmark if mark.name == "parametrize" for value in mark.args[1]]


def identity_cases() -> list[str]:
    cases = cases_of(test_privacy.test_identity_numbers_are_found)
    cases += cases_of(test_privacy.test_other_numbers_are_not_flagged)
    cases += cases_of(test_privacy.test_numbers_hidden_in_how_text_is_written)
    cases += LOOKALIKES
    between = [chr(c) for c in range(sys.maxunicode + 1) if unicodedata.category(chr(c)) in ("Pd", "Zs")]
    cases += [f"{VALID[:6]}{c}{VALID[6:]}" for c in between]
    for number in (VALID, COORDINATION, CHILD):
        for separator in SEPARATORS:
            for century in ("", "19", "20", "18"):
                text = f"{century}{number[:6]}{separator}{number[6:]}"
                cases += [text, text.translate(FULL_WIDTH), f"Tel: {text}", f"Ärende <b>{text}</b> &shy;"]
    # Random text around, and made of, the pieces the guard reads.
    pieces = [VALID[:6], VALID[6:], CHILD, "19", "-", "–", " ", "\u00a0", "+", "&#8209;", "&nbsp;", "&shy;", "<em>", "</em>",
              "*", "_", "\u200b", "%2D", "%20", "tel ", "ring ", "vårdplanering ", "\n", "x", "0", "1", "\uff11", "\u0661"]
    chance = random.Random(34)
    cases += ["".join(chance.choice(pieces) for _ in range(chance.randint(1, 14))) for _ in range(600)]
    return cases


def test_identity_numbers_are_found_alike_in_the_browser(rules):
    cases = identity_cases()
    theirs = rules.evaluate("cases => cases.map(t => SamverkanRules.identityNumbers(t))", cases)
    differ = [(case, sorted(find_identity_numbers(case)), sorted(map(tuple, found)))
              for case, found in zip(cases, theirs)
              if sorted(find_identity_numbers(case)) != sorted(map(tuple, found))]
    assert differ == []
    assert sum(1 for found in theirs if found) > 300  # the cases do find numbers


MARKUP_EXTRA = {
    "kod": ("Skriv `<script>` så här:\n\n```\n<iframe src=x>\n```\n", False),
    "tabb i schema": ('<a href="java&#09;script:alert(1)">x</a>\n', True),
    "relativ bild": ('<img src="bild.png" alt="Bild">\n', False),
    "bild från annan värd": ("<IMG SRC=//evil.example/x.png>\n", True),
    "länk utan schema": ("[x](//example.se/sida)\n", False),
    "stil": ('<div style="color:red">x</div>\n', True),
    "klick": ("<p onclick=x>y</p>\n", True),
    "klass": ("Text.\n{: .viktigt }\n", False),
    "svg": ("<svg><circle r=1 /></svg>\n", True),
    "math": ("<math><mi>x</mi></math>\n", True),
    "mer": ("Ingress.\n\n<!-- more -->\n\nResten.\n", False),
    "data-länk": ("[x](data:text/html,hej)\n", True),
    "telefon": ("[Ring](tel:+46313650000)\n", False),
    "versaler i schemat": ('<a href="JaVaScRiPt:alert(1)">x</a>\n', True),
    "händelse på tillåten tagg": ("<details open ontoggle=alert(1)><summary>x</summary></details>\n", True),
    "referens med tab": ("[x][r]\n\n[r]: java\tscript:alert(1)\n", False),  # no definition: plain text
    "bakstreck före tagg": ("Skriv \\<script>x</script> så.\n", False),
    "bakstreck före hakparentes": ("Ett \\[x](javascript:y) till.\n", False),
}


def test_markup_is_judged_alike_in_the_browser(rules):
    cases = {name: body for name, (body, _, _) in REFUSED.items()} | {"tillåten": ALLOWED}
    cases |= {name: body for name, (body, _) in MARKUP_EXTRA.items()}
    theirs = rules.evaluate("cases => cases.map(b => SamverkanRules.markupFindings(b))", list(cases.values()))
    for (name, body), found in zip(cases.items(), theirs):
        assert bool(check_body(body, "x.md", 1)) == bool(found), (name, found)
    for name, (body, refused) in MARKUP_EXTRA.items():
        assert bool(check_body(body, "x.md", 1)) == refused, name
    # The message beside the field is the build's own.
    script = rules.evaluate("b => SamverkanRules.markupFindings(b)", REFUSED["skript"][0])
    assert script and REFUSED["skript"][1] in script[0]


@pytest.mark.parametrize("kind, value, entry, expected", [
    ("tid", "11:00-09:00", {"data": {"datum": "2027-04-27"}}, "Mötet slutar innan det börjar"),
    ("tid", "22:00-06:00", {"data": {"datum": "2027-06-01", "slutdatum": "2027-06-02"}}, None),
    ("tid", "02:30-04:00", {"data": {"datum": "2027-03-28"}}, "Klockslaget finns inte"),
    ("tid", "02:30-03:30", {"data": {"datum": "2026-10-25"}}, "Klockslaget finns två gånger"),
    ("tid", "09.00–11.30", {"data": {"datum": "2027-03-28"}}, None),
    ("datum", "2026-02-30", {}, "Datumet finns inte"),
    ("datum", "12/8/2026", {}, "ÅÅÅÅ-MM-DD"),
    ("datum-ny", "", {"newRecord": True}, "ÅÅÅÅ-MM-DD"),
    ("datum-ny", "", {"newRecord": False, "path": "minnesanteckningar/nordost/2026-11-17.md"}, None),
    ("slutdatum", "2027-04-26", {"data": {"datum": "2027-04-27"}}, "Slutdatumet är före startdatumet"),
    ("text", f"Se {VALID[:6]}-{VALID[6:]}", {}, "personnummer"),
    ("text", ["Områdeschef", f"{VALID}"], {}, "personnummer"),
    ("markdown", "<script>x</script>", {}, "skript"),
])
def test_the_fields_own_checks(rules, kind, value, entry, expected):
    found = rules.evaluate("([k, v, e]) => SamverkanRules.problem(k, v, {entry: e})", [kind, value, entry])
    if expected is None:
        assert found is None
    else:
        assert found and expected in found, found
    taken = rules.evaluate(
        "d => SamverkanRules.problem('datum-ny', d, {entry: {newRecord: true}, taken: ['2026-11-17']})", "2026-11-17")
    assert "finns redan minnesanteckningar" in taken

"""No editor's page is a template: the known template-injection payloads are
refused on pages that opt in to macros, and inert text everywhere else. A
secret in the environment and in `!ENV` configuration never reaches any
output file. Real builds; every output file is read, compressed ones unpacked."""

from __future__ import annotations


import pytest

from samverkan.generate import macros
from samverkan.safety.macro_calls import MACRO_PARAMETERS, REQUIRED, read_macro_calls

from conftest import TODAY, SiteCopy, every_output_text, samverkan_command

SECRET = "hemligt-9f3c1e7a42"

# The public families of server-side template injection, as people send them.
PAYLOADS = {
    "aritmetik": "{{7*'7'}}",
    "konfiguration": "{{ config }}",
    "konfigurationens värden": "{{ config.extra }} {{ config.site_url }}",
    "debug": "{% debug %}",
    "mro": "{{ ''.__class__.__mro__[1].__subclasses__() }}",
    "cycler": "{{ cycler.__init__.__globals__.os.environ }}",
    "joiner": "{{ joiner.__init__.__globals__.os.popen('env').read() }}",
    "lipsum": "{{ lipsum.__globals__['os'].environ }}",
    "namespace": "{{ namespace.__init__.__globals__.os.environ }}",
    "kontext": "{{ self._TemplateReference__context }}",
    "attr-filter": "{{ ()|attr('\\x5f\\x5fclass\\x5f\\x5f') }}",
    "hakparenteser": "{{ ()['__class__']['__base__'] }}",
    "format": "{{ '%s'|format(config) }}",
    "with": "{% with a = config %}{% print(a) %}{% endwith %}",
    "print": "{% print(config) %}",
    "plugins": "{{ config.plugins['hooks/samverkan_hooks.py'].os.popen('env').read() }}",
    "filer": "{% for f in files %}{{ f.content_string }}{% endfor %}",
    "include": "{% include '/etc/passwd' %}",
    "rekursion": "{% macro r() %}{{ r() }}{% endmacro %}{{ r() }}",
    "slinga": "{% for i in range(10**9) %}x{% endfor %}",
    "strängmultiplikation": "{{ 'x' * 10**9 }}",
    "makro med uttryck": "{{ senaste_nyheter(config) }}",
    "makro med kod i värde": '{{ beslutslogg(grupp="nordost".__class__) }}',
    "oavslutat": "{{ config ",
}




def test_every_payload_is_refused_on_a_macro_page_with_its_line(site_copy: SiteCopy):
    lines = [f"Rad {name}: {payload}" for name, payload in PAYLOADS.items()]
    site_copy.write("docs/om/mall.md", "---\nrender_macros: true\n---\n# Mall\n\n" + "\n\n".join(lines) + "\n")
    result = site_copy.build(env={"SAMVERKAN_HEMLIG": SECRET})
    assert result.returncode != 0
    assert "Traceback" not in result.output and SECRET not in result.output
    for index, name in enumerate(PAYLOADS):
        line = 6 + 2 * index
        assert f"docs/om/mall.md, rad {line}: " in result.output, (name, result.output[-3000:])
    assert not result.site.exists()  # nothing published
    check = samverkan_command("check", str(site_copy.root), env={"SAMVERKAN_IDAG": TODAY, "PATH": ""})
    assert check.returncode == 1 and "docs/om/mall.md, rad 6: " in check.stderr


def test_no_payload_reveals_anything_on_an_ordinary_page(site_copy: SiteCopy):
    """Without the opt-in the payloads are the text they are, and the build
    ends; the secret, from the environment and from `!ENV` configuration,
    is in no output file."""
    config = (site_copy.root / "mkdocs.yml").read_text(encoding="utf-8")
    config = config.replace("extra:\n", "extra:\n  hemlig: !ENV [SAMVERKAN_HEMLIG, ingen]\n", 1)
    (site_copy.root / "mkdocs.yml").write_text(config, encoding="utf-8")
    body = "\n\n".join(f"`{name}` {payload}" for name, payload in PAYLOADS.items())
    site_copy.write("docs/om/vanlig.md", f"# Vanlig sida\n\n{body}\n")
    site_copy.write(
        "minnesanteckningar/nordost/2026-11-18.md",
        "---\nsammanfattning: \"{{ config.extra }}\"\n---\n\n" + body + "\n",
    )
    result = site_copy.build(env={"SAMVERKAN_HEMLIG": SECRET, "SAMVERKAN_ANNAN": SECRET})
    assert result.returncode == 0, result.output[-3000:]
    assert SECRET not in result.output
    assert SECRET not in every_output_text(result.site)
    page = result.page("om/vanlig")
    assert "{{ config }}" in page and "49" not in page.split("aritmetik", 1)[1][:80]


def test_a_macro_page_still_shows_its_macros(site_copy: SiteCopy):
    site_copy.write(
        "docs/om/kort.md",
        "---\nrender_macros: true\n---\n# Kort\n\n{{ senaste_nyheter(2) }}\n\n{{kommande_moten(antal=3, grupp='nordost')}}\n",
    )
    result = site_copy.build()
    assert result.returncode == 0, result.output[-3000:]
    assert "{{" not in result.page("om/kort")


def test_only_calls_of_known_macros_with_literal_values_are_read():
    calls, refusals = read_macro_calls('{{ beslutslogg("nordost") }} {{ senaste_nyheter(antal=2) }}')
    assert [(c.name, c.arguments) for c in calls] == [
        ("beslutslogg", (("grupp", "nordost"),)), ("senaste_nyheter", (("antal", 2),))]
    assert refusals == []
    for text in ("{{ beslutslogg() }}", "{{ senaste_nyheter(0) }}", "{{ senaste_nyheter('3') }}",
                 "{{ beslutslogg(grupp=1) }}", "{{ beslutslogg('a', 'b') }}", "{{ beslutslog('a') }}",
                 "{{ senaste_nyheter(**x) }}", "{{ senaste_nyheter(True) }}", "{{ x.y() }}"):
        calls, refusals = read_macro_calls(text)
        assert not calls and len(refusals) == 1, text


def test_the_macro_table_matches_the_functions():
    import inspect

    assert set(MACRO_PARAMETERS) == set(macros.MACROS)
    for name, function in macros.MACROS.items():
        parameters = list(inspect.signature(function).parameters.values())[2:]
        assert tuple(p.name for p in parameters) == MACRO_PARAMETERS[name]
        required = {p.name for p in parameters if p.default is inspect.Parameter.empty}
        assert required == REQUIRED.get(name, set()), name


@pytest.mark.parametrize("text", ["{{ 'x' * 10**9 }}", "{{" + "(" * 5000 + "}}", "{{ " + "a." * 100_000 + " }}"])
def test_reading_a_hostile_expression_ends_at_once(text):
    calls, refusals = read_macro_calls(text)
    assert not calls and refusals


# Every way HTML can carry an address, each read as a browser reads it: what
# would fetch from another host or run code is refused with its line.
ADDRESS_CARRIERS = [
    '<img src="\\\\evil.example/t.png" alt="">',
    '<img src="/\\evil.example/t.png" alt="">',
    '<img src="http:evil.example/t.png" alt="">',
    '<img src="//evil.example/t.png" alt="">',
    '<img src=" https://evil.example/t.png" alt="">',
    '<img src="x.png" srcset="https://evil.example/t.png 2x" alt="">',
    '<a href="java&#x09;script:alert(1)">x</a>',
    '<a href="&#106;avascript:alert(1)">x</a>',
    '<span style="background:url(https://evil.example/t.png)">x</span>',
    '<button formaction="https://evil.example/">x</button>',
    '<svg><a xlink:href="javascript:alert(1)">x</a></svg>',
    '<base href="https://evil.example/">',
    '<meta http-equiv="refresh" content="0;url=https://evil.example/">',
    '<link rel="stylesheet" href="https://evil.example/s.css">',
]


@pytest.mark.parametrize("html", ADDRESS_CARRIERS)
def test_every_address_carrier_is_refused(html):
    from samverkan.safety.markup_policy import check_body

    problems = check_body(f"Text.\n\n{html}\n", "docs/om/sida.md", 3)
    assert problems and all(p.line == 5 for p in problems), problems


@pytest.mark.parametrize("html", ['<img src="karta.png" alt="Karta">', '<img src="../bilder/karta.png" alt="">',
                                  '<a href="https://www.goteborg.se/">Göteborg</a>', '<a href="//www.vgregion.se/">VGR</a>'])
def test_addresses_on_the_site_and_links_elsewhere_pass(html):
    from samverkan.safety.markup_policy import check_body

    assert check_body(f"Text.\n\n{html}\n", "docs/om/sida.md", 3) == []

"""The YAML reader keeps what editors meant and knows every line."""

from pathlib import Path

from samverkan.content.yaml_source import YamlList, YamlMap, parse_yaml, read_markdown_file, read_text


def test_times_and_norway_words_stay_text():
    data, problems = parse_yaml("tid: 10:30\nsvar: no\nja: yes\nav: off\n", "f.yml")
    assert problems == []
    assert data == {"tid": "10:30", "svar": "no", "ja": "yes", "av": "off"}


def test_dates_stay_text_for_the_field_parser():
    data, problems = parse_yaml("datum: 2026-13-01\n", "f.yml")
    assert problems == []
    assert data["datum"] == "2026-13-01"


def test_numbers_booleans_and_null():
    data, _ = parse_yaml("a: 12\nb: true\nc: ~\nd: 010\ne: 1.5\n", "f.yml")
    assert data == {"a": 12, "b": True, "c": None, "d": "010", "e": 1.5}


def test_lines_of_keys_and_list_items():
    text = "\n".join(["namn: X", "lista:", "  - a", "  - b", "karta:", "  inre: 1"])
    data, _ = parse_yaml(text, "f.yml", line_offset=10)
    assert isinstance(data, YamlMap) and isinstance(data["lista"], YamlList)
    assert data.line_of("namn") == 11
    assert data.line_of("lista") == 12
    assert data["lista"].line_of(1) == 14
    assert data["karta"].line_of("inre") == 16


def test_duplicate_key_is_reported_with_line():
    _, problems = parse_yaml("namn: a\ntyp: nosam\nnamn: b\n", "f.yml")
    assert len(problems) == 1
    assert problems[0].line == 3
    assert "två gånger" in problems[0].message


def test_aliases_are_refused():
    bomb = 'a: &a ["x","x"]\nb: &b [*a,*a]\nc: [*b,*b]\n'
    _, problems = parse_yaml(bomb, "f.yml")
    assert len(problems) == 1
    assert problems[0].line == 1  # where the anchor is
    assert "alias" in problems[0].message


def test_python_tags_are_data_not_code():
    data, problems = parse_yaml("x: !!python/object/apply:os.system ['echo hej']\n", "f.yml")
    assert data is None
    assert problems and problems[0].line == 1


def test_explicit_tags_never_crash_and_never_change_the_shape():
    # Explicit tags that do not fit their value were a crash (TypeError,
    # ValueError) before; they are data, read by the shape the editor wrote.
    assert parse_yaml("a: !!int abc", "f.yml") == ({"a": "abc"}, [])
    assert parse_yaml("a: !!int 12", "f.yml") == ({"a": 12}, [])
    assert parse_yaml("a: !!map [1, 2]", "f.yml") == ({"a": [1, 2]}, [])
    assert parse_yaml("a: !!seq {b: 1}", "f.yml") == ({"a": {"b": 1}}, [])
    assert parse_yaml("a: !!map x", "f.yml") == ({"a": "x"}, [])
    data, problems = parse_yaml("a: !!str {b: 1}", "f.yml")
    assert data is None and problems[0].message == "okänd YAML-typ" and problems[0].line == 1


def test_syntax_error_in_swedish_with_line():
    _, problems = parse_yaml("namn: a\ntyp: nosam: fel\n", "f.yml")
    assert problems[0].line == 2
    assert "kolon" in problems[0].message


def test_tab_indentation_in_swedish():
    _, problems = parse_yaml("namn:\n\t- a\n", "f.yml")
    assert problems[0].line == 2
    assert "tabb" in problems[0].message


def test_not_utf8(tmp_path: Path):
    path = tmp_path / "x.md"
    path.write_bytes("---\nnamn: Östra\n---\n".encode("latin-1"))
    text, problems = read_text(path, "x.md")
    assert text is None
    assert "UTF-8" in problems[0].message and problems[0].line == 2


def test_front_matter_lines_match_the_file(tmp_path: Path):
    path = tmp_path / "g.md"
    path.write_text("\ufeff---\nnamn: A\ntyp: nosam\n---\n\nText\n", encoding="utf-8")
    source, problems = read_markdown_file(path, "g.md")
    assert problems == []
    assert source.meta.line_of("typ") == 3
    assert source.body.strip() == "Text"
    # Line numbers inside the body map back to the file (used by the privacy guard).
    text_line = source.body_line + source.body.split("\n").index("Text")
    assert text_line == 6


def test_unclosed_front_matter_is_an_error_not_body(tmp_path: Path):
    path = tmp_path / "g.md"
    path.write_text("---\nnamn: A\n\nText\n", encoding="utf-8")
    source, problems = read_markdown_file(path, "g.md")
    assert source is None
    assert "avslutas aldrig" in problems[0].message

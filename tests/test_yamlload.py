"""The strict YAML loader: editors' values survive as written, and every refusal says where and why."""
from __future__ import annotations

from pathlib import Path

import pytest

from generator.yamlload import YamlError, load_yaml, locate, locate_key


def load(tmp_path: Path, text: str | bytes):
    path = tmp_path / "file.yaml"
    path.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
    return load_yaml(path)


def refusal(tmp_path: Path, text: str | bytes, **limits) -> tuple[int, int, str]:
    path = tmp_path / "file.yaml"
    path.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
    with pytest.raises(YamlError) as caught:
        load_yaml(path, **limits)
    problem = caught.value.problem
    return problem.line, problem.column, problem.message


@pytest.mark.parametrize(("written", "value"), [
    ("NO", "NO"),                # Norway, not False (YAML 1.1 reads NO, yes, on, off as booleans)
    ("yes", "yes"),
    ("off", "off"),
    ("true", True),
    ("false", False),
    ("2012", 2012),
    ("2012-06", "2012-06"),      # a month stays a month
    ("2012-06-20", "2012-06-20"),  # not a datetime.date
    ("012", 12),                 # decimal, not octal 10
    ("1:30", "1:30"),            # not 90 (base 60)
    ("0x1F", "0x1F"),
    ("1_000", "1_000"),
    ("20000", 20000),
    ("10.3120", 10.312),
    (".nan", ".nan"),            # no NaN or infinity can slip into an amount
    ("-.inf", "-.inf"),
    ("=", "="),
    ("~", None),
])
def test_plain_values_keep_the_meaning_they_are_written_with(tmp_path, written, value):
    data = load(tmp_path, f"field: {written}\n").data

    assert data == {"field": value}
    assert type(data["field"]) is type(value)


@pytest.mark.parametrize(("text", "line", "column", "message"), [
    ("a: 1\nb: 2\na: 3\n", 3, 1, "duplicate key `a` (first on line 1)"),
    ("name: x\nName: y\n", 2, 1, "key `Name` differs only in case from `name`"),
    ("a:\n\tb: 1\n", 2, 1, "a tab is used for indentation"),
    ("a: &x 1\nb: 2\n", 1, 4, "anchors (&x) are not allowed"),
    ("a: 1\nb: *x\n", 2, 4, "aliases (*x) are not allowed"),
    ("a: !!binary aGk=\n", 1, 4, "the tag `!!binary` is not allowed"),
    ("a: !!timestamp 2012-01-01\n", 1, 4, "the tag `!!timestamp` is not allowed"),
    ("a: 1\n<<: {b: 2}\n", 2, 1, "`<<` merge keys are not allowed"),
    ("? [a, b]\n: 1\n", 1, 3, "a key must be a plain word"),
    ("", 1, 1, "the file is empty"),
    ("# only a comment\n", 1, 1, "the file is empty"),
    ("- a\n- b\n", 1, 1, "the top level is a list"),
    ("just words\n", 1, 1, "the top level is a single value"),
    ("a: 1\n---\nb: 2\n", 2, 1, "a second document (---) starts here"),
    ('a: "open\n', 1, 9, "the file ends too early"),
    ("a: [1, 2\n", 1, 9, "YAML syntax: while parsing a flow sequence"),
    ("a: 1\nb: x\x00y\n", 2, 5, "the control character U+0000 is not allowed"),
    (b"a: 1\nb: caf\xe9\n", 2, 7, "byte 0xe9 is not UTF-8 text"),
    ("a: " + "[" * 13 + "]" * 13 + "\n", 1, 16, "nesting is deeper than 12 levels"),
    ("a: " + "[" * 200_000 + "]" * 200_000 + "\n", 1, 16, "nesting is deeper than 12 levels"),
    ("a: " + "9" * 5000 + "\n", 1, 4, "this number is far too long"),
    ("a: 1e999\n", 1, 4, "a number must be finite"),
])
def test_refusals_are_located_and_plain(tmp_path, text, line, column, message):
    found = refusal(tmp_path, text)

    assert found[:2] == (line, column)
    assert message in found[2]
    assert "\n" not in found[2]


def test_a_file_over_the_size_limit_is_refused_before_it_is_parsed(tmp_path):
    line, column, message = refusal(tmp_path, "a: " + "x" * 2_000 + "\n", max_bytes=1_000)

    assert (line, column) == (1, 1)
    assert message == "file is 2004 bytes, over the limit of 1000; split it or remove bulk text"


def test_text_with_anchor_like_markup_loads_the_same_as_plain_text(tmp_path):
    """`*emphasis*` looks like an alias to the fast path's pre-check; the strict loader must still agree."""
    text = "summary: Returnees *must* apply & wait\nlist: [a, b]\nn: 012\nwhen: 2012-06\n"

    assert load(tmp_path, text).data == {"summary": "Returnees *must* apply & wait", "list": ["a", "b"], "n": 12,
                                         "when": "2012-06"}


def test_locate_finds_values_and_keys_and_falls_back_to_the_nearest_existing_node(tmp_path):
    node = load(tmp_path, "country:\n  code: CM\n  languages: [fr, en]\nlist:\n  - id: a\n").node

    assert locate(node, ["country", "code"]) == (2, 9)
    assert locate(node, ["country", "languages", 1]) == (3, 19)
    assert locate(node, ["list", 0, "id"]) == (5, 9)
    assert locate(node, ["country", "missing"]) == (2, 3)  # the mapping that lacks it
    assert locate_key(node, ["country"], "languages") == (3, 3)

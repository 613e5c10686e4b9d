"""The strict YAML loader: editors' values survive as written, and every refusal says where and why."""
from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, assume, given, settings, strategies as st

from generator.content import yamlload
from generator.config import PROJECT_ROOT
from generator.content.yamlload import StrictLoader, YamlError, load_yaml, locate, locate_key, quick_data


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


@pytest.mark.parametrize("text", ["a: " + "[" * 20_000 + "]" * 20_000 + "\n", "a:\n  " + " -" * 20_000 + " x\n"],
                         ids=["flow", "block"])
@pytest.mark.parametrize("parser", ["libyaml", "pure-python"])
def test_deep_nesting_gets_our_message_from_either_parser(tmp_path, monkeypatch, text, parser):
    """libyaml stops flow nesting at its own limit in newer releases, and PyYAML may be built
    without libyaml at all: the message is ours, at the place our limit is passed, either way."""
    if parser == "pure-python":
        monkeypatch.setattr(yamlload, "FastLoader", yamlload.StrictLoader)

    line, column, message = refusal(tmp_path, text)

    assert message == "nesting is deeper than 12 levels; no field needs that"
    assert (line, column) == ((1, 16) if text.startswith("a: [") else (2, 28))


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


# -- the quick reader (yaml-rs) and the strict one (PyYAML) read every file the same -----------------

def strict_data(text: str) -> Any:
    """What the strict loader makes of a text, or the name of its refusal."""
    loader = StrictLoader(text)
    try:
        node = loader.get_single_node()
        return loader.construct_document(node) if node is not None else None
    except (yaml.YAMLError, ValueError) as error:
        return type(error).__name__
    finally:
        loader.dispose()


# Words that YAML 1.1 and 1.2 read differently, or that only one of the readers accepts.
TRICKY = ["NO", "yes", "True", "FALSE", "0x1F", "0o17", "0b101", "1_000", "012", "1e3", ".inf", "-.Inf", ".NaN",
          "2012-06-20", "2012-6-1", "12:30", "~", "null", "Null", "=", "<<", "a?b", "?", "- x", "&a", "*a",
          "!!str x", "!x y", "|", ">", "'quoted'", '"esc\\x41\\u00e9"', "# c", "x #c", "9" * 30, "1e999", "-0",
          "\u00a0", "\u2028", "\x85", "\t", "é", "[a, b?]", "{a: 1}", "[[[[[[[[[[[[[x]]]]]]]]]]]]]"]
plain_text = st.text(st.sampled_from("abcXYZ éøå019.:-,'\"#[]{}|>@`\\/\n"), max_size=12)
keys = st.text(st.sampled_from("abcxyzXYZ_-"), min_size=1, max_size=8)
scalars = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False, allow_infinity=False), plain_text)


def nested(inner: st.SearchStrategy) -> st.SearchStrategy:
    return st.lists(inner, max_size=4) | st.dictionaries(keys, inner, max_size=4)


documents = st.dictionaries(keys, st.recursive(scalars, nested, max_leaves=8), min_size=1, max_size=5)


@pytest.mark.slow  # most generated files go to PyYAML by design, so it takes many tries
@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.filter_too_much])
@given(data=documents, flow=st.sampled_from([None, True, False]), style=st.sampled_from([None, '"', "'", "|", ">"]),
       raw_word=st.sampled_from(TRICKY) | plain_text, width=st.sampled_from([20, 80]))
def test_the_quick_reader_gives_what_the_strict_loader_gives_or_leaves_the_file_to_it(data, flow, style, raw_word, width):
    text = yaml.safe_dump(data, default_flow_style=flow, default_style=style, allow_unicode=True, width=width)
    text += f"extra: {raw_word}\n"  # a word written as an editor would, unquoted (it may break the file)

    quick = quick_data(text, text.encode("utf-8"))

    assume(quick is not None)  # the strict loader reads what the quick reader leaves (many files here, by design)
    assert quick == strict_data(text)
    assert repr(quick) == repr(strict_data(text))  # the same types too: 1 is not 1.0, True is not 1


def test_the_quick_reader_takes_the_shipped_content():
    """The speed comes from files being read quickly; the shipped ones are, but for a handful."""
    files = sorted((PROJECT_ROOT / "content").rglob("*.yaml"))
    quick = [f for f in files if quick_data(f.read_text("utf-8"), f.read_bytes()) is not None]

    assert len(quick) >= len(files) - 4  # e.g. a fingerprint 0b48b882 reads like a binary number
    for path in quick:
        assert quick_data(path.read_text("utf-8"), path.read_bytes()) == strict_data(path.read_text("utf-8")), path.name

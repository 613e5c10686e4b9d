"""`factsheets validate`: every defect an editor can make is reported as `path:line:col: field: message`.

Each broken variant starts from a small valid content tree (one country, one programme, sources.yaml
and rates.yaml copied from content/) and changes one file. The table below reads as a list of what
the validator catches and what it says.
"""
from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Callable

import pytest
from jsonschema import Draft202012Validator
from referencing import Registry, Resource

from generator.config import PROJECT_ROOT, load_settings
from generator.content.files import content_files, kind_of
from generator.content.validate import validate_content
from generator.content.yamlload import load_yaml

COUNTRY = "countries/cm.yaml"
PROGRAMME = "programmes/dk-prepared-return-2012.yaml"
SOURCES = "sources.yaml"
SCHEMA_DIR = PROJECT_ROOT / "schemas"

Edit = Callable[[str], str]


# -- edits: small, named changes to one file's text ---------------------------------------------------

def replace(pattern: str, new: str) -> Edit:
    """Replace the first match of a regular expression (^ and $ match at each line)."""
    def edit(text: str) -> str:
        changed, count = re.subn(pattern, new, text, count=1, flags=re.M)
        assert count == 1, f"{pattern!r} is not in the file any more: update this test's edit"
        return changed
    return edit


def set_field(key: str, value: str) -> Edit:
    """Set a top-level field, replacing its line or adding it at the end."""
    def edit(text: str) -> str:
        if re.search(rf"^{key}:", text, flags=re.M):
            return re.sub(rf"^{key}:.*$", f"{key}: {value}", text, count=1, flags=re.M)
        return text.rstrip("\n") + f"\n{key}: {value}\n"
    return edit


def add_entry(section: str, entry: str) -> Edit:
    """Put a list entry first in a top-level list section, creating the section if the file has none."""
    def edit(text: str) -> str:
        if re.search(rf"^{section}:\n", text, flags=re.M):
            return re.sub(rf"^{section}:\n", lambda m: m.group(0) + entry, text, count=1, flags=re.M)
        return text.rstrip("\n") + f"\n{section}:\n{entry}"
    return edit


def append(extra: str) -> Edit:
    return lambda text: text.rstrip("\n") + "\n" + extra


def whole(new: str) -> Edit:
    return lambda text: new


def cut_after(pattern: str) -> Edit:
    """Truncate the file just after the first match, as an interrupted save or copy would."""
    def edit(text: str) -> str:
        match = re.search(pattern, text, flags=re.M)
        assert match, f"{pattern!r} is not in the file any more: update this test's edit"
        return text[: match.end()]
    return edit


def both(*edits: Edit) -> Edit:
    def edit(text: str) -> str:
        for one in edits:
            text = one(text)
        return text
    return edit


def organisation(extra: str = "", source: str = "ramboll-2012") -> str:
    """A minimal valid organisation entry, with `extra` fields; source="" leaves the source out."""
    cited = f"    source: {source}\n" if source else ""
    return ("  - id: test-organisation\n    name: Test organisation\n    type: ngo\n" + extra
            + "    last_verified: 2012\n" + cited)


def cost(**numbers: object) -> str:
    """A minimal cost entry with the given amount, or min and max."""
    given = "".join(f"    {key}: {value}\n" for key, value in numbers.items())
    return ("  - id: test-room\n    item: Room in Yaoundé\n    category: rent\n" + given
            + "    currency: XAF\n    period: per_month\n    as_of: 2012\n    source: ramboll-2012\n")


def write(root: Path, name: str, edit: Edit) -> str:
    """Apply an edit to one file of the tree; lone surrogates in the text become raw (non-UTF-8) bytes."""
    path = root / name
    text = edit(path.read_text("utf-8"))
    path.write_bytes(text.encode("utf-8", "surrogateescape"))
    return text


def position(text: str, at: str | tuple[int, int]) -> tuple[int, int]:
    """Line and column of a marker: `at` is `before|defect`, found in the text, and the defect starts at `|`.

    "END" is the end of the text; a tuple is a fixed (line, column).
    """
    if isinstance(at, tuple):
        return at
    if at == "END":
        index = len(text)
    else:
        before, _, located = at.partition("|")
        found = text.find(before + located)
        assert found >= 0, f"marker {at!r} not in the edited text"
        index = found + len(before)
    line = text.count("\n", 0, index) + 1
    return line, index - (text.rfind("\n", 0, index) + 1) + 1


# -- the table of defects --------------------------------------------------------------------------------

BROKEN = [
    # YAML that would silently lose or change data
    pytest.param(COUNTRY, replace(r"^  name: .*$", r"\g<0>\n  name: Kamerun"), "  |name: Kamerun",
                 "duplicate key `name`", id="duplicate-key"),
    pytest.param(COUNTRY, replace(r"^  name: .*$", r"\g<0>\n  Name: Kamerun"), "  |Name: Kamerun",
                 "key `Name` differs only in case from `name`", id="keys-differing-only-in-case"),
    pytest.param(COUNTRY, replace(r"^  name: ", "\tname: "), "|\tname",
                 "a tab is used for indentation: YAML needs spaces", id="tab-indentation"),
    pytest.param(COUNTRY, replace(r"^country:$", "country: &cm"), "country: |&cm",
                 "anchors (&cm) are not allowed", id="anchor"),
    pytest.param(COUNTRY, replace(r"^  name: .*$", "  name: *cameroon"), "name: |*cameroon",
                 "aliases (*cameroon) are not allowed", id="alias"),
    pytest.param(COUNTRY, append("---\ncountry: {code: CM}\n"), "|---\ncountry",
                 "a second document (---) starts here", id="second-document"),
    pytest.param(COUNTRY, replace(r"^  name: .*$", "  name: !!binary Q2FtZXJvb24="), "name: |!!binary",
                 "the tag `!!binary` is not allowed", id="yaml-tag"),
    pytest.param(COUNTRY, replace(r"^  name: .*$", "  <<: {name: Cameroon}"), "  |<<",
                 "`<<` merge keys are not allowed", id="merge-key"),
    # files that are not YAML text, or not a whole one
    pytest.param(COUNTRY, replace(r"^  name: Cam", "  name: Cam\udce9"), "name: Cam|\udce9",
                 "byte 0xe9 is not UTF-8 text: save the file as UTF-8", id="not-utf-8"),
    pytest.param(COUNTRY, replace(r"^  name: Cam", "  name: Cam\x00"), "name: Cam|\x00",
                 "the control character U+0000 is not allowed", id="control-character"),
    pytest.param(COUNTRY, cut_after(r'^    lines: "\d'), "END",
                 "found unexpected end of stream (the file ends too early", id="cut-in-a-quoted-string"),
    pytest.param(COUNTRY, cut_after(r"^country:\n  code: CM\n  na"), "END",
                 "could not find expected ':'", id="cut-in-a-mapping"),
    pytest.param(COUNTRY, whole(""), (1, 1), "the file is empty", id="empty-file"),
    pytest.param(COUNTRY, whole("- country: CM\n- name: Cameroon\n"), (1, 1),
                 "the top level is a list; it must be a mapping of fields", id="top-level-list"),
    # fields and values the schema refuses
    pytest.param(COUNTRY, replace(r"^  currency:", "  curency:"), "  |curency",
                 "country.curency: unknown field `curency`; did you mean `currency`?", id="unknown-key-typo"),
    pytest.param(COUNTRY, replace(r"^  currency: .*$", "  currency: kroner"), "currency: |kroner",
                 "country.currency: must be a 3-letter ISO 4217 code such as NOK, DKK, EUR or USD; found `kroner`",
                 id="currency-as-a-word"),
    pytest.param(PROGRAMME, set_field("as_of", "2012-13-01"), "as_of: |2012-13-01",
                 "as_of: `2012-13-01` is not a real calendar date: there is no month 13", id="month-13"),
    pytest.param(PROGRAMME, set_field("as_of", "2012-02-30"), "as_of: |2012-02-30",
                 "as_of: `2012-02-30` is not a real calendar date: February 2012 has 29 days", id="february-30"),
    pytest.param(COUNTRY, set_field("last_reviewed", "2026-02-30"), "last_reviewed: |2026-02-30",
                 "last_reviewed: `2026-02-30` is not a real calendar date: February 2026 has 28 days",
                 id="february-30-in-a-full-date"),
    pytest.param(COUNTRY, add_entry("costs", cost(amount=-5)), "amount: |-5",
                 "costs[0].amount: amounts cannot be negative; found `-5`", id="negative-amount"),
    pytest.param(PROGRAMME, replace(r"^    amount: .*$", "    amount: .nan"), "amount: |.nan",
                 "amount: must be a number; found `.nan`", id="not-a-number-amount"),
    pytest.param(COUNTRY, add_entry("organisations", organisation(source="")), "  - |id: test-organisation",
                 "organisations[0]: `source` is missing (every fact needs the id of its source", id="missing-source"),
    pytest.param(COUNTRY, add_entry("organisations", organisation("    contact:\n      website: javascript:alert(1)\n")),
                 "website: |javascript", "organisations[0].contact.website: must be a web address starting with https://",
                 id="javascript-website"),
    pytest.param(COUNTRY, add_entry("organisations", organisation("    contact:\n      email: 'x\"onmouseover=alert(1)@example.org'\n")),
                 "email: |'x", "organisations[0].contact.email: must be an e-mail address such as info@example.org",
                 id="quote-in-an-email-address"),
    # what only the validator's own checks can see
    pytest.param(COUNTRY, replace(r"^  currency: .*$", "  currency: XXY"), "currency: |XXY",
                 "country.currency: `XXY` is not an ISO 4217 currency code", id="currency-not-in-iso-4217"),
    pytest.param(COUNTRY, add_entry("organisations", organisation(source="nowhere-2099")), "source: |nowhere-2099",
                 "organisations[0].source: source `nowhere-2099` is not declared in content/sources.yaml",
                 id="unknown-source-id"),
    pytest.param(COUNTRY, add_entry("organisations", organisation("    description: See [the office](javascript:alert(1)).\n")),
                 "description: |See", "organisations[0].description: a `javascript:` link is not allowed",
                 id="javascript-link-in-markdown"),
    pytest.param(PROGRAMME, set_field("as_of", "2999-01"), "as_of: |2999-01",
                 "as_of: `2999-01` is in the future", id="future-as-of"),
    pytest.param(PROGRAMME, both(set_field("valid_from", "2013-01"), set_field("valid_to", "2012-09")),
                 "valid_to: |2012-09", "valid_to: `valid_to` (2012-09) is before `valid_from` (2013-01)",
                 id="valid-from-after-valid-to"),
    pytest.param(COUNTRY, add_entry("costs", cost(min=500, max=100)), "min: |500",
                 "costs[0].min: `min` (500) is larger than `max` (100)", id="min-above-max"),
    pytest.param(COUNTRY, replace(r"^  code: CM$", "  code: ML"), "code: |ML",
                 "country.code: the file for ML must be named ml.yaml, not cm.yaml", id="file-name-not-the-code"),
    pytest.param(COUNTRY, replace(r"- programme: dk-prepared-return-2012$", "- programme: dk-prepared-return-2099"),
                 "programme: |dk-prepared-return-2099",
                 "programme `dk-prepared-return-2099` does not exist in content/programmes/", id="unknown-programme"),
    pytest.param(PROGRAMME, replace(r"^    mode: in_kind$", "    max_amount: 900\n    currency: EUR\n    per: person\n    mode: in_kind"),
                 "currency: |EUR", "components[3].currency: `EUR` differs from the programme's first amount (USD)",
                 id="two-currencies-in-one-programme"),
    pytest.param(PROGRAMME, replace(r"^    amount: 150$", "    amount: 150\n    choice: timing"), "choice: |timing",
                 "components[2].choice: `choice: timing` is on one component only", id="choice-of-one"),
    pytest.param(PROGRAMME, append("combines:\n  - programme: no-such-2012\n    together: yes\n    text: Both.\n"
                                   "    source: ramboll-2012\n"), "programme: |no-such-2012",
                 "combines[0].programme: `no-such-2012` is not a programme in content/programmes/",
                 id="combined-with-an-unknown-programme"),
    pytest.param(PROGRAMME, append("package:\n  max_amount: 5000\n  currency: USD\n  source: ramboll-2012\n"), "|max_amount: 5000",
                 "package: `per` is missing (Whom the cap is for)", id="package-without-per"),
]


@pytest.mark.parametrize(("name", "edit", "at", "message"), BROKEN)
def test_a_defect_is_reported_at_its_line_and_column(small_content, run_validate, name, edit, at, message):
    text = write(small_content, name, edit)
    line, column = position(text, at)

    result = run_validate("content")

    assert result.code == 1, result.output
    where = f"content/{name}:{line}:{column}: "
    reported = [row for row in result.out.splitlines() if row.startswith(where)]
    assert reported, f"nothing reported at {where}\n{result.output}"
    assert any(message in row for row in reported), result.output
    assert re.match(r"\d+ problem\(s\) in 1 file\(s\)", result.err)


# -- what stays as written ---------------------------------------------------------------------------------

ACCEPTED = [
    pytest.param(PROGRAMME, set_field("funder", "NO"), "funder", "NO", id="NO-is-Norway-not-false"),
    pytest.param(PROGRAMME, set_field("as_of", "2012-06"), "as_of", "2012-06", id="month-stays-a-month"),
    pytest.param(PROGRAMME, set_field("as_of", "2012-06-20"), "as_of", "2012-06-20", id="day-stays-text"),
    pytest.param(PROGRAMME, set_field("short_name", "012"), "short_name", None, id="leading-zero-is-no-octal"),
]


@pytest.mark.parametrize(("name", "edit", "field", "kept"), ACCEPTED)
def test_values_keep_their_written_form(small_content, run_validate, name, edit, field, kept):
    write(small_content, name, edit)

    if kept is not None:
        result = run_validate("content")
        assert (result.code, result.err) == (0, ""), result.output
        content, _ = validate_content(small_content, load_settings())
        assert content.programmes["dk-prepared-return-2012"].data[field] == kept
    else:  # `012` is the number 12 (YAML 1.2), so a text field says it wants text instead of taking 10
        result = run_validate("content")
        assert "short_name: must be text; found `12`" in result.out


# -- the whole run -------------------------------------------------------------------------------------------

def test_a_clean_tree_passes_with_a_one_line_summary(small_content, run_validate):
    result = run_validate("content")

    assert result.code == 0, result.output
    assert result.out == "ok: 4 file(s) valid\n"
    assert result.err == ""


def test_the_shipped_content_validates(run_validate):
    result = run_validate()

    assert result.code == 0, result.output
    assert re.fullmatch(r"ok: \d+ file\(s\) valid\n", result.out)


def test_every_problem_in_every_file_is_reported_in_one_run(small_content, run_validate):
    write(small_content, COUNTRY, replace(r"^  currency: .*$", "  currency: kroner"))
    write(small_content, PROGRAMME, set_field("as_of", "2999-01"))

    result = run_validate("content")

    assert result.code == 1
    assert [row.split(":")[0] for row in result.out.splitlines()] == [f"content/{COUNTRY}", f"content/{PROGRAMME}"]
    assert result.err.startswith("2 problem(s) in 2 file(s)")


def test_a_yaml_error_in_one_file_does_not_hide_problems_in_another(small_content, run_validate):
    write(small_content, COUNTRY, replace(r"^  name: ", "\tname: "))
    write(small_content, PROGRAMME, set_field("funder", "Norway"))

    result = run_validate("content")

    assert "a tab is used for indentation" in result.out
    assert "funder: must be a 2-letter ISO 3166-1 code in capitals" in result.out
    assert "2 problem(s) in 2 file(s)" in result.err


def test_github_format_prints_one_annotation_per_problem(small_content, run_validate):
    text = write(small_content, COUNTRY, replace(r"^  currency: .*$", "  currency: kroner"))
    line, column = position(text, "currency: |kroner")

    result = run_validate("content", "--format", "github")

    assert result.code == 1
    assert result.out.splitlines() == [
        f"::error file=content/{COUNTRY},line={line},col={column},title=factsheets validate::"
        "country.currency: must be a 3-letter ISO 4217 code such as NOK, DKK, EUR or USD; found `kroner`"
    ]


def test_one_file_is_checked_against_the_files_it_refers_to(small_content, run_validate):
    """`factsheets validate FILE` (a pre-commit hook) reads the others only as far as needed, and
    says what validating the whole tree says about that file."""
    write(small_content, COUNTRY, replace(r"- programme: dk-prepared-return-2012$", "- programme: no-such-programme"))

    alone, whole = run_validate(f"content/{COUNTRY}"), run_validate("content")

    assert alone.code == whole.code == 1
    assert alone.out == whole.out
    assert "programme `no-such-programme` does not exist" in alone.out
    assert alone.err.startswith("1 problem(s) in 1 file(s)")


def test_one_file_is_told_it_would_share_a_page_with_a_file_it_was_not_asked_about(small_content, run_validate):
    (small_content / "countries" / "ga.yaml").write_text(  # Gabon's file, but named Cameroon too
        (small_content / COUNTRY).read_text("utf-8").replace("  code: CM", "  code: GA", 1), "utf-8")

    result = run_validate(f"content/{COUNTRY}")

    assert result.code == 1
    assert "would share the page countries/cameroon/ with ga.yaml" in result.out
    assert all(row.startswith(f"content/{COUNTRY}:") for row in result.out.splitlines())


# -- citations against the text copies of the reports -------------------------------------------------------

@pytest.mark.parametrize(("lines", "past_the_end"), [("99-100", False), ("99-101", True), ("150", True)])
def test_cited_lines_must_exist_in_the_report(small_content, run_validate, monkeypatch, tmp_path, lines, past_the_end):
    reports = tmp_path / "reports"
    reports.mkdir()
    (reports / "test-report.txt").write_text("".join(f"line {n}\n" for n in range(1, 101)), "utf-8")
    monkeypatch.setenv("FACTSHEETS_REPORTS", str(reports))
    write(small_content, SOURCES, add_entry("sources", "  - id: test-report\n    title: Test report\n"
                                                       "    publisher: Tests\n    published: 2012\n"
                                                       "    type: other\n    file: test-report.txt\n"))
    text = write(small_content, COUNTRY, add_entry(
        "organisations", organisation(source=f'test-report\n    lines: "{lines}"')))

    result = run_validate("content")

    if past_the_end:
        line, column = position(text, f'lines: |"{lines}"')
        assert result.code == 1
        assert result.out == (f"content/{COUNTRY}:{line}:{column}: organisations[0].lines: lines {lines} are past "
                              "the end of test-report.txt, which has 100 lines\n")
    else:
        assert result.code == 0, result.output


# -- never a traceback ----------------------------------------------------------------------------------------

ODD = [
    pytest.param(COUNTRY, replace(r"^country:\n(  .*\n)+", "country: Cameroon\n"), "country: must be a mapping of fields",
                 id="scalar-for-a-mapping"),
    pytest.param(COUNTRY, replace(r"^  name: .*$", "  name: [Cameroon, Kamerun]"), "country.name: must be text",
                 id="list-for-a-string"),
    pytest.param(COUNTRY, replace(r"^  languages: .*$", "  languages: " + "[" * 100_000 + "]" * 100_000),
                 "nesting is deeper than 12 levels", id="deeply-nested-flow-lists"),
    pytest.param(COUNTRY, replace(r"^  languages: .*$", "  languages:\n   " + " -" * 100_000 + " x"),
                 "nesting is deeper than 12 levels", id="deeply-nested-block-lists"),
    pytest.param(COUNTRY, append("# " + "x" * 2_000_000 + "\n"), "file is 2", id="2-MB-file"),
    pytest.param(COUNTRY, replace(r"^organisations:$", "organisations: 5\nsomething_else:"),
                 "organisations: must be a list; found `5`", id="number-for-a-list"),
    pytest.param(COUNTRY, replace(r"^  languages: .*$", "  languages: 5"), "country.languages: must be a list",
                 id="number-for-a-list-of-codes"),
    pytest.param(COUNTRY, replace(r"^(organisations:\n  - id:) .*$", r"\1 [a, b]"), "organisations[0].id: must be text",
                 id="list-for-an-id"),
    pytest.param(COUNTRY, replace(r"^    last_verified: .*$", "    last_verified: 99999999999999999999999"),
                 "last_verified: write a date as YYYY", id="huge-number-for-a-date"),
    pytest.param(COUNTRY, replace(r'^    lines: .*$', '    lines: "321-x"'), "lines: write a line or a range of lines",
                 id="half-a-line-range"),
    pytest.param(COUNTRY, replace(r"^  name: .*$", "  name: Cameroon\n  12: x\n  ~: y\n  true: z\n  foo: w"),
                 "unknown field `foo`", id="keys-of-mixed-types"),
    pytest.param(SOURCES, replace(r"^    file: .*$", "    file: [a.txt]"), "file: must be text", id="list-for-a-file-name"),
    pytest.param(COUNTRY, replace(r"^  name: .*$", "  name: " + "9" * 5000), "far too long", id="5000-digit-number"),
]


@pytest.mark.parametrize(("name", "edit", "message"), ODD)
def test_odd_input_gets_a_message_not_a_traceback(small_content, run_validate_process, name, edit, message):
    write(small_content, name, edit)

    result = run_validate_process("content", cwd=small_content.parent)

    assert result.code == 1, result.output
    assert "Traceback" not in result.output
    assert re.search(rf"^content/{re.escape(name)}:\d+:\d+: .*{re.escape(message)}", result.out, flags=re.M), result.output


# -- the schemas and the validator agree ------------------------------------------------------------------------

SHIPPED = content_files(PROJECT_ROOT / "content")
SCHEMA_FILES = sorted(SCHEMA_DIR.glob("*.schema.json"))


def schema_alone(kind: str) -> Draft202012Validator:
    """The JSON Schema as an editor's tooling sees it: no validator code, formats checked."""
    registry = Registry().with_resources(
        (path.name, Resource.from_contents(json.loads(path.read_text("utf-8")))) for path in SCHEMA_FILES)
    schema = json.loads((SCHEMA_DIR / f"{kind}.schema.json").read_text("utf-8"))
    return Draft202012Validator(schema, registry=registry, format_checker=Draft202012Validator.FORMAT_CHECKER)


@pytest.fixture(scope="module")
def shipped_problems() -> dict[Path, list[str]]:
    """The full validator's problems in content/, by file."""
    _, problems = validate_content(PROJECT_ROOT / "content", load_settings())
    by_file: dict[Path, list[str]] = {}
    for problem in problems:
        by_file.setdefault(Path(problem.path).resolve(), []).append(problem.text())
    return by_file


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_every_shipped_file_passes_the_schema_alone_and_the_validator(path, shipped_problems):
    data = load_yaml(path).data

    errors = [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in schema_alone(kind_of(path)).iter_errors(data)]

    assert errors == []
    assert shipped_problems.get(path.resolve(), []) == []


@pytest.mark.parametrize("path", SCHEMA_FILES, ids=lambda p: p.name)
def test_each_schema_is_a_valid_draft_2020_12_schema(path):
    Draft202012Validator.check_schema(json.loads(path.read_text("utf-8")))


def properties_without_description() -> list[str]:
    """Every property, in every schema, that gives an editor no hover help (directly or through its $ref)."""
    schemas = {path.name: json.loads(path.read_text("utf-8")) for path in SCHEMA_FILES}

    def target(file: str, ref: str) -> dict:
        name, _, pointer = ref.partition("#")
        node = schemas[name or file]
        for part in filter(None, pointer.split("/")):
            node = node[part]
        return node

    missing = []

    def walk(file: str, node: object, where: str) -> None:
        if isinstance(node, dict):
            for name, sub in (node.get("properties") or {}).items():
                described = "description" in sub or ("$ref" in sub and "description" in target(file, sub["$ref"]))
                if not described:
                    missing.append(f"{file} {where}/properties/{name}")
            for key, value in node.items():
                walk(file, value, f"{where}/{key}")
        elif isinstance(node, list):
            for index, value in enumerate(node):
                walk(file, value, f"{where}/{index}")

    for file, schema in schemas.items():
        walk(file, schema, "#")
    return missing


def test_every_schema_property_has_a_description_for_editor_hover_help():
    assert properties_without_description() == []

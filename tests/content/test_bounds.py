"""Bounds: `validate` refuses what the model and the renderers cannot hold, in located plain words.

Each case changes one value of a small valid tree (cm.yaml, one programme, sources and rates) and
expects one line `content/FILE:LINE:COL: FIELD: MESSAGE`, never a traceback: amounts beyond 10^12,
years outside 1900-2100, line and page numbers from 1 with a bounded number of digits, invisible
characters in names and bidi overrides in free text, and links starting with two slashes.
"""
from __future__ import annotations

import re
from pathlib import Path

import pytest

COUNTRY = "countries/cm.yaml"
PROGRAMME = "programmes/dk-prepared-return-2012.yaml"
RATES = "rates.yaml"
AMOUNT_WORDS = ("an amount is a plain number from 0 to 1000000000000 (10^12, far above any grant or price): "
                "check the number of digits")
YEARS = "write a year from 1900 to 2100"
LINE_WORDS = "write a line or a range of lines such as 1182-1218 (line numbers start at 1 and have at most 9 digits)"
PAGE_WORDS = "write a page or a range of pages such as 12, 12-14 or xii (pages start at 1 and have at most 6 digits)"
RTL_OVERRIDE = "U+202E RIGHT-TO-LEFT OVERRIDE"


def cost(amount: str, extra: str = "") -> str:
    return ("costs:\n  - id: room\n    item: Room in Yaoundé\n    category: rent\n"
            f"    amount: {amount}\n    currency: XAF\n    period: per_month\n    as_of: 2012\n    source: ramboll-2012\n{extra}")


def edit(root: Path, name: str, old: str, new: str) -> str:
    """Replace the first `old` in one file (or append `new` when `old` is empty); returns the new text."""
    path = root / name
    text = path.read_text("utf-8")
    if old:
        assert old in text, f"{old!r} is not in {name} any more: update this test"
        text = text.replace(old, new, 1)
    else:
        text = text.rstrip("\n") + "\n" + new
    path.write_text(text, "utf-8")
    return text


def at(text: str, marker: str) -> str:
    """`line:column` of the character after `|` in the marker `before|after`, found in the text."""
    before, _, after = marker.partition("|")
    index = text.index(before + after) + len(before)
    return f"{text.count(chr(10), 0, index) + 1}:{index - text.rfind(chr(10), 0, index)}"


def refused(run_validate, name: str, where: str, field: str, message: str) -> None:
    result = run_validate("content")
    assert result.code == 1, result.output
    assert "Traceback" not in result.output
    line = f"content/{name}:{where}: {field}: {message}"
    assert any(row.startswith(line) for row in result.out.splitlines()), f"expected\n{line}\ngot\n{result.output}"


# -- numbers ---------------------------------------------------------------------------------------------

@pytest.mark.parametrize("amount, found", [
    ("10000000000000000000000000000", "10000000000000000000000000000"), ("1.0e308", "1e+308"),
    ("1000000000001", "1000000000001"),
])
def test_an_amount_above_10_to_the_12_is_refused(small_content, run_validate, amount, found):
    text = edit(small_content, COUNTRY, "", cost(amount))
    refused(run_validate, COUNTRY, at(text, f"amount: |{amount}"), "costs[0].amount", f"{AMOUNT_WORDS}; found `{found}`")


def test_a_ceiling_above_10_to_the_12_is_refused_in_a_programme(small_content, run_validate):
    text = edit(small_content, PROGRAMME, "amount: 150\n", "amount: 150000000000000\n")
    refused(run_validate, PROGRAMME, at(text, "amount: |150000000000000"), "components[2].amount",
            f"{AMOUNT_WORDS}; found `150000000000000`")


def test_amounts_up_to_10_to_the_12_and_minus_zero_are_accepted(small_content, run_validate):
    edit(small_content, COUNTRY, "", cost("1000000000000") + cost("-0.0").replace("costs:\n", "").replace("id: room", "id: free"))
    result = run_validate("content")
    assert result.code == 0, result.output


@pytest.mark.parametrize("rate", ["0.00000001", "1000000000"])
def test_an_exchange_rate_outside_0_0001_to_10_to_the_8_is_refused(small_content, run_validate, rate):
    text = edit(small_content, RATES, "NOK: 10.3120", f"NOK: {rate}")
    refused(run_validate, RATES, at(text, f"NOK: |{rate}"), "rates.NOK", "a rate is the units of this currency per one unit")


# -- dates -----------------------------------------------------------------------------------------------

@pytest.mark.parametrize("written", ['"0000"', '"0000-01-01"', '"1899-12-31"', '"1800"', "2101-06"])
def test_a_quoted_year_outside_1900_to_2100_is_refused(small_content, run_validate, written):
    text = edit(small_content, COUNTRY, "last_verified: 2012", f"last_verified: {written}")
    message = f"`{written.strip(chr(34))}` is outside the years these sheets hold: {YEARS}"
    if written == "2101-06":  # an observed date: that it lies in the future says more
        message = "`2101-06` is in the future; last_verified records when something was observed"
    refused(run_validate, COUNTRY, at(text, f"last_verified: |{written}"), "organisations[0].last_verified", message)


def test_a_year_as_a_number_outside_1900_to_2100_is_refused(small_content, run_validate):
    text = edit(small_content, COUNTRY, "last_verified: 2012", "last_verified: 1899")
    refused(run_validate, COUNTRY, at(text, "last_verified: |1899"), "organisations[0].last_verified",
            "write a date as YYYY, YYYY-MM or YYYY-MM-DD, e.g. 2012-06-20, with a year from 1900 to 2100; found `1899`")


def test_a_year_0_as_of_is_refused(small_content, run_validate):
    text = edit(small_content, COUNTRY, "    as_of: 2012\n", '    as_of: "0000"\n')
    refused(run_validate, COUNTRY, at(text, 'as_of: |"0000"'), "notes[0].as_of", f"`0000` is outside the years these sheets hold: {YEARS}")


def test_an_end_after_2100_is_refused_and_2100_itself_accepted(small_content, run_validate):
    text = edit(small_content, PROGRAMME, "valid_to: 2012-09", "valid_to: 2101-01")
    refused(run_validate, PROGRAMME, at(text, "valid_to: |2101-01"), "valid_to", f"`2101-01` is outside the years these sheets hold: {YEARS}")
    edit(small_content, PROGRAMME, "valid_to: 2101-01", "valid_to: 2100-12-31")
    assert run_validate("content").code == 0


def test_a_review_day_before_1900_is_refused(small_content, run_validate):
    text = edit(small_content, COUNTRY, "last_reviewed: 2026-11-22", "last_reviewed: 1899-12-31")
    refused(run_validate, COUNTRY, at(text, "last_reviewed: |1899"), "last_reviewed", f"`1899-12-31` is outside the years these sheets hold: {YEARS}")



# -- lines and pages -------------------------------------------------------------------------------------

@pytest.mark.parametrize("lines", ['"1-' + "9" * 4301 + '"', '"0"', "0", '"0-12"', '"1234567890"', "1000000000"])
def test_line_numbers_start_at_1_and_have_at_most_9_digits(small_content, run_validate, lines):
    text = edit(small_content, COUNTRY, 'lines: "1176-1187"', f"lines: {lines}")
    refused(run_validate, COUNTRY, at(text, f"lines: |{lines[:20]}"), "programmes[0].lines", LINE_WORDS)


@pytest.mark.parametrize("page", ['"0"', "0", '"1234567"', '"12-0"'])
def test_page_numbers_start_at_1(small_content, run_validate, page):
    text = edit(small_content, COUNTRY, 'lines: "1176-1187"', f"page: {page}")
    refused(run_validate, COUNTRY, at(text, f"page: |{page}"), "programmes[0].page", PAGE_WORDS)


# -- invisible characters --------------------------------------------------------------------------------

def test_a_bidi_override_in_a_country_name_is_named(small_content, run_validate):
    text = edit(small_content, COUNTRY, "name: Cameroon", 'name: "\\u202enooremaC\\u202c Cameroon"')
    refused(run_validate, COUNTRY, at(text, 'name: |"\\u202e'), "country.name",
            f"contains {RTL_OVERRIDE}, U+202C POP DIRECTIONAL FORMATTING, invisible characters, which can make a name "
            "read as something else: remove them")


@pytest.mark.parametrize("hidden, named", [("\u200b", "U+200B ZERO WIDTH SPACE"), ("\u200f", "U+200F RIGHT-TO-LEFT MARK"),
                                           ("\ufeff", "U+FEFF ZERO WIDTH NO-BREAK SPACE"), ("\u2066", "U+2066 LEFT-TO-RIGHT ISOLATE"),
                                           ("\u061c", "U+061C ARABIC LETTER MARK"), ("\u200c", "U+200C ZERO WIDTH NON-JOINER")])
def test_an_invisible_character_written_as_is_in_an_organisation_name_is_named(small_content, run_validate, hidden, named):
    text = edit(small_content, COUNTRY, "name: IOM Cameroon", f"name: IOM{hidden} Cameroon")
    refused(run_validate, COUNTRY, at(text, "name: |IOM"), "organisations[0].name",
            f"contains {named}, an invisible character, which can make a name read as something else: remove it")


def test_a_zero_width_space_in_a_programme_short_name_is_named(small_content, run_validate):
    text = edit(small_content, PROGRAMME, "short_name: AVRV-DK", "short_name: AVRV\u200b-DK")
    refused(run_validate, PROGRAMME, at(text, "short_name: |AVRV"), "short_name", "contains U+200B ZERO WIDTH SPACE, an invisible character")


def test_an_invisible_character_in_an_id_is_named_and_shown_escaped(small_content, run_validate):
    text = edit(small_content, COUNTRY, "id: iom-cameroon", "id: iom-\u202ecameroon")
    refused(run_validate, COUNTRY, at(text, "id: |iom-"), "organisations[0].id",
            f"use lower-case letters, digits and hyphens only, e.g. `iom-bamako`; found `iom-\\u202ecameroon`, which contains "
            f"{RTL_OVERRIDE} (invisible)")


def test_a_bidi_override_in_free_text_is_refused(small_content, run_validate):
    text = edit(small_content, COUNTRY, "eligibility: Interested", "eligibility: \u202eInterested")
    refused(run_validate, COUNTRY, at(text, "eligibility: |\u202e"), "job_services[0].eligibility",
            f"contains {RTL_OVERRIDE}, an invisible character, which can make the text read as something else: remove it")


def test_free_text_keeps_the_marks_isolates_and_joiners_of_right_to_left_and_persian_text(small_content, run_validate):
    persian = "سازمان\u200cهای \u200fمردم\u200cنهاد\u200f \u2067(IOM)\u2069 \u200eIOM\u200e \u061c"
    edit(small_content, COUNTRY, "eligibility: Interested", f"eligibility: {persian} Interested")
    result = run_validate("content")
    assert result.code == 0, result.output


# -- links -----------------------------------------------------------------------------------------------

@pytest.mark.parametrize("target", ["//evil.example/path", "/\\evil.example", " //evil.example"])
def test_a_link_starting_with_two_slashes_is_refused(small_content, run_validate, target):
    text = edit(small_content, COUNTRY, "eligibility: Interested", f"eligibility: 'See [the office]({target}). Interested")
    edit(small_content, COUNTRY, "willing to enrol.\n", "willing to enrol.'\n")
    refused(run_validate, COUNTRY, at(text, "eligibility: |'See"), "job_services[0].eligibility",
            f"the link `{target.strip()}` starts with two slashes, which leads to another site without saying how: "
            "write it in full with https://")


def test_a_reference_link_to_two_slashes_is_refused(small_content, run_validate):
    text = edit(small_content, COUNTRY, "eligibility: Interested and qualified Cameroonian youth who are willing to enrol.",
                "eligibility: |-\n      See [the office][iom].\n\n      [iom]: //evil.example/path")
    refused(run_validate, COUNTRY, at(text, "eligibility: ||-"), "job_services[0].eligibility",
            "the link `//evil.example/path` starts with two slashes")


def test_links_within_the_site_and_in_full_are_accepted(small_content, run_validate):
    edit(small_content, COUNTRY, "eligibility: Interested and qualified Cameroonian youth who are willing to enrol.",
         "eligibility: |-\n      See [about](/about/), [IOM](https://www.iom.int/) and [ref][r].\n\n      [r]: https://example.org/")
    result = run_validate("content")
    assert result.code == 0, result.output


def test_the_shipped_content_stays_within_every_bound(run_validate):
    result = run_validate()
    assert result.code == 0, result.output
    assert re.fullmatch(r"ok: \d+ file\(s\) valid\n", result.out)

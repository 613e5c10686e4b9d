"""What programmes cost (issue #19), as cited data: each figure with the report lines it rests on, checked by
the validator like any other fact, and shown as history on programme pages and compare/programme-costs."""
from __future__ import annotations

import re

import pytest

from generator.config import PROJECT_ROOT, load_settings
from generator.content.validate import validate_content
from generator.model.catalogue import build_catalogue
from generator.render.i18n import Language
from generator.render.pages import render_pages
from test_validate import PROGRAMME, position, replace, write

SETTINGS = load_settings()
CONTENT, PROBLEMS = validate_content(SETTINGS.content_dir, SETTINGS)
CATALOGUE = build_catalogue(CONTENT, SETTINGS)
REPORTS = SETTINGS.reports_dir
reports = pytest.mark.skipif(not REPORTS.is_dir(), reason="the cited reports are not beside the checkout")

# programme, what, amount, currency, counted, source lines, the report's line as the figure stands in it
FIGURES = [
    ("dk-prepared-return-2012", "spent", 1564791, "DKK", {"returnees": 45}, "44-47", 46, "1.564.791 DKK"),
    ("dk-prepared-return-2012", "spent", 690981, "DKK", {}, "62", 62, "690.981 DKK"),
    ("dk-prepared-return-2012", "spent", 873810, "DKK", {}, "62-63", 62, "873.810 DKK"),
    ("dk-prepared-return-2012", "per_returnee", 28188, "DKK", {}, "2539-2553", 2553, "28.188"),
    ("fi-avr-2012", "per_returnee", 17236, "DKK", {}, "2539-2553", 2553, "17.236"),
    ("no-trafficking-2012", "per_returnee", 95347, "DKK", {}, "2539-2553", 2553, "95.347"),
    ("fi-avr-2012", "per_returnee", 16332, "DKK", {"returnees": 303}, "4199-4203", 4203, "16.332"),
    ("fi-avr-2012", "per_returnee", 17232, "DKK", {"returnees": 288}, "4199-4203", 4203, "17.232"),
    ("no-trafficking-2012", "budget", 1813400, "NOK", {}, "3821-3826", 3823, "(1 813 400)"),
    ("no-reception-return-2012", "spent", 20241624, "NOK", {}, "969-979", 979, "Til sammen 20 241 624"),
    ("no-reception-return-2012", "per_participant", 6703, "NOK", {"participants": 1467}, "977", 977,
     "Samtaleprosjektet Veien Videre 9 833 658 1 467  6 703"),
    ("no-reception-return-2012", "per_participant", 46880, "NOK", {"participants": 135}, "975", 975,
     "Store nasjonale kvalifiseringsprosjekter 6 328 845  135  46 880"),
    ("no-reception-return-2012", "per_participant", 11331, "NOK", {"participants": 360}, "973", 973,
     "Lokale tiltak 4 079 121  360  11 331"),
]


def cost(pid: str, what: str, amount: int) -> dict:
    return next(c for c in CATALOGUE.programmes[pid].costs() if c["what"] == what and c["amount"] == amount)


@pytest.mark.parametrize("pid, what, amount, currency, counted, lines, line, printed", FIGURES)
def test_each_cost_figure_is_data_with_its_lines(pid, what, amount, currency, counted, lines, line, printed):
    figure = cost(pid, what, amount)
    assert (figure["currency"], str(figure["lines"])) == (currency, lines)
    assert {key: figure[key] for key in ("returnees", "participants") if key in figure} == counted


@reports
@pytest.mark.parametrize("pid, what, amount, currency, counted, lines, line, printed", FIGURES)
def test_the_report_gives_each_figure_within_the_cited_lines(pid, what, amount, currency, counted, lines, line, printed):
    first, _, last = lines.partition("-")
    assert int(first) <= line <= int(last or first)
    source = CATALOGUE.sources[cost(pid, what, amount)["source"]]
    text = (REPORTS / source["file"]).read_text("utf-8", errors="replace").splitlines()[line - 1]
    assert printed in text


def test_table_8_is_at_the_rates_of_20_june_2012_in_every_language():
    for pid in ("dk-prepared-return-2012", "fi-avr-2012", "no-trafficking-2012"):
        note = cost(pid, "per_returnee", {"dk": 28188, "fi": 17236, "no": 95347}[pid[:2]])["note"]
        assert "20 June 2012 [@ramboll-2012:2511-2521]" in note["en"]
        assert all("20. juni 2012 [@ramboll-2012:2511-2521]" in note[lang]["text"] for lang in ("nb", "da"))


def test_the_figures_are_no_longer_repeated_in_the_descriptions():
    for pid in ("dk-prepared-return-2012", "fi-avr-2012", "no-trafficking-2012"):
        description = CATALOGUE.programmes[pid].data["description"]
        for text in (description["en"], description["nb"]["text"], description["da"]["text"]):
            assert not re.search(r"28188|17236|95347|16332|1564791|1813400", text), pid


def test_veien_videre_belongs_to_the_return_measures_in_reception_centres():
    programme = CATALOGUE.programmes["no-reception-return-2012"]
    assert programme.data["funder"] == "NO" and programme.data["original_name"] == "Returtiltak i mottak"
    assert "Veien Videre" in programme.data["description"]["en"]
    assert not CATALOGUE.applies_everywhere(programme)  # not a grant: it is not added to every country page


# -- the validator -------------------------------------------------------------------------------------------
@pytest.mark.parametrize("edit, at, message", [
    pytest.param(replace(r"^  - what: spent$", "  - what: refund"), "  - what: |refund", "costs[0].what:",
                 id="unknown-kind"),
    pytest.param(replace(r"^    amount: 1564791\n    currency: DKK\n", "    amount: 1564791\n"), "  - |what: spent",
                 "costs[0]: `currency` is missing", id="no-currency"),
    pytest.param(replace(r"^    amount: 28188$", "    amount: 28188\n    participants: 45"), "    participants: |45",
                 "costs[3].participants: a per returnee figure counts returnees, not participants", id="wrong-count"),
    pytest.param(replace(r"^    valid_to: 2011-12-31\n    as_of: 2012$", "    valid_to: 2011-12-31\n    as_of: 2010"),
                 "    as_of: |2010", "costs[0].as_of: `as_of` (2010) is before the end of the period", id="reported-early"),
])
def test_a_bad_cost_is_reported_with_file_line_and_field(small_content, run_validate, edit, at, message):
    text = write(small_content, PROGRAMME, edit)
    line, column = position(text, at)

    result = run_validate("content")

    assert result.code == 1, result.output
    where = f"content/{PROGRAMME}:{line}:{column}: "
    assert any(row.startswith(where) and message in row for row in result.out.splitlines()), result.output
    assert "Traceback" not in result.output


# -- the pages -----------------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def pages() -> dict[str, dict[str, str]]:
    return {lang: render_pages(CATALOGUE, "https://example.org/issues", Language(lang)) for lang in ("en", "nb", "da")}


def test_a_programme_page_shows_its_costs_as_dated_cited_history(pages):
    page = pages["en"]["programmes/dk-prepared-return-2012.md"]
    table = page[page.index("## Programme costs"):page.index("## Countries")]
    assert "History: these figures describe 2008 – 2012" in table
    row = re.search(r"<tr>\n<td>spent</td>\n.*?</tr>", table, flags=re.S)[0]
    assert "DKK 1,564,791" in row and "45 returnees" in row and "15 March 2008 – 31 December 2011" in row
    assert 'href="../../sources/ramboll-2012/#l44-47"' in row


def test_the_comparison_lists_every_figure_marked_as_history_in_each_language(pages):
    expected = sum(len(p.costs()) for p in CATALOGUE.programmes.values())
    for lang, words, amount in (("en", "cost per participant", "NOK 6,703"), ("nb", "kostnad per deltaker", "kr 6\u00a0703"),
                                ("da", "omkostning pr. deltager", "6.703\u00a0NOK")):
        page = pages[lang]["compare/programme-costs.md"]
        assert page.count("<tr>") == expected + 1, lang  # one header row
        assert {"en": "History:", "nb": "Historikk:", "da": "Historik:"}[lang] in page
        assert words in page and amount in page, lang
        assert "2008 – 2012" in page


def test_the_nav_of_every_language_lists_the_comparison():
    for name in ("mkdocs.yml", "mkdocs.nb.yml", "mkdocs.da.yml"):
        assert ": compare/programme-costs.md" in (PROJECT_ROOT / name).read_text("utf-8"), name

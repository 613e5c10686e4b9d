"""Whatever `factsheets validate` accepts, the rest handles: pages, sheets, PDFs, `stale` and `diff`.

The property test starts from a small real country (cm.yaml, with a cost added) and one of its
programmes, puts extreme values into numeric, date, line, page and text fields, and keeps the
mutations validate accepts (`assume`). Validate itself must answer every mutation with problems,
never an exception. What it accepts is then rendered as Markdown pages and sheet HTML (in English,
Norwegian or Danish, and a sheet in Arabic), the stale report and the fact diff; about one example
in ten, and the edge case below, is printed as a real PDF.
"""
from __future__ import annotations

import copy
import re
from datetime import date
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, assume, given, settings, strategies as st

from generator.config import Settings
from generator.content.files import ContentSet
from generator.content.validate import validate_content
from generator.content.yamlload import StrictLoader
from generator.editing.factdiff import fact_diff
from generator.editing.revisions import parse
from generator.editing.stale import report
from generator.model.catalogue import build_catalogue
from generator.render.i18n import Language
from generator.render.pages import render_pages
from generator.render.pdf import render_document
from generator.render.sheet import sheet_html
from project_support import make_project

COUNTRY = "countries/cm.yaml"
PROGRAMME = "programmes/dk-prepared-return-2012.yaml"
TODAY = date(2026, 12, 1)
AMOUNT = re.compile(r'<strong class="amount">([^<]*)</strong>|<span class="conv">([^<]*)</span>')
COST = {"id": "room-yaounde", "item": "Room in Yaoundé", "category": "rent", "amount": 25000, "currency": "XAF",
        "period": "per_month", "place": "Yaoundé", "as_of": 2012, "source": "ramboll-2012", "lines": "1192-1205"}

# -- values: mostly what validate accepts at its edges, now and then what it must refuse ---------------

def mostly(valid: st.SearchStrategy, wild: st.SearchStrategy) -> st.SearchStrategy:
    """Nine draws in ten from `valid`, so that enough examples pass validation to be rendered."""
    return st.sampled_from([False] * 9 + [True]).flatmap(lambda is_wild: wild if is_wild else valid)


AMOUNTS = mostly(
    st.one_of(st.integers(0, 10**12), st.floats(0, 1e12), st.sampled_from([0, -0.0, 0.005, 99.995, 1e12, 10**12, 5e-324])),
    st.one_of(st.integers(-10**30, 10**30), st.floats(allow_nan=False, allow_infinity=False),
              st.sampled_from([10**12 + 1, 1e308, 10**28, 2**53 + 1])))
YEARS = st.integers(1900, TODAY.year)
DATES = mostly(
    st.one_of(YEARS, YEARS.map(str), st.dates(date(1900, 1, 1), TODAY).map(date.isoformat),
              st.dates(date(1900, 1, 1), TODAY).map(lambda d: d.isoformat()[:7]), st.sampled_from(["1900", "1900-01-01"])),
    st.one_of(st.sampled_from([0, 1, 1899, 2100, 2101, 9999]), st.dates().map(date.isoformat),
              st.sampled_from(["0000", "0000-01-01", "2012-13-01", "2012-02-30", "1899-12-31", "2100-12-31", "2101"])))
NUMBERS = st.integers(1, 999_999_999)
LINES = mostly(
    st.one_of(NUMBERS, NUMBERS.map(str), st.tuples(NUMBERS, NUMBERS).map(lambda pair: "%d-%d" % tuple(sorted(pair))),
              st.sampled_from(["1", "999999999", "1-999999999"])),
    st.one_of(st.integers(-1, 10**10), st.from_regex(r"\A[0-9]{1,10}(-[0-9]{1,10})?\Z"),
              st.sampled_from(["0", "1-" + "9" * 4301, "0-5", "5-1", "007"])))
PAGES = mostly(st.one_of(st.integers(1, 999_999), st.sampled_from(["1", "xii", "iv-12", "1-999999"])),
               st.one_of(st.integers(-1, 10**7), st.from_regex(r"\A[0-9ivxlc]{1,8}(-[0-9ivxlc]{1,8})?\Z"), st.just("0")))
# Marks, isolates and joiners that right-to-left and Persian text uses (accepted in free text), then
# the embeddings, overrides and zero-width characters that are refused in names or everywhere.
ALLOWED_IN_TEXT = "\u200e\u200f\u061c\u2066\u2067\u2068\u2069\u200c\u200d\u200b\u2060\ufeff\u00ad"
REFUSED = "\u202a\u202b\u202c\u202d\u202e"
SNIPPETS = ["[x](https://example.org/)", "<b>bold</b>", "**", "`", "|", "\\", "#", "\n- ", "&amp;", "{{ x }}", "{% x %}",
            "مرحبا بكم", "سلام\u200cدنیا", "ኢትዮጵያ", "👩\u200d👩\u200d👧", "e\u0301", "\u0627\u064b", "%s", "%(amount)s",
            "\n\n", "  ", "[r]: https://example.org/", "<https://example.org/>", "\u05e9\u05dc\u05d5\u05dd", "１２３"]
WILD = ["](//evil.example/p)", "[x](/\\evil.example)", "\n\n[r]: //evil.example\n", "[x](javascript:alert(1))",
        "<Capital city>", "\x00", "\x85", "\ufffe", *REFUSED]
CHARACTERS = st.characters(exclude_categories=("Cs", "Cc", "Co", "Cn"))
PIECES = st.one_of(CHARACTERS, st.sampled_from([*ALLOWED_IN_TEXT, *SNIPPETS]))
TEXTS = mostly(st.lists(PIECES, min_size=1, max_size=40).map("".join),
               st.tuples(st.lists(PIECES, max_size=20), st.sampled_from(WILD)).map(lambda parts: "".join(parts[0]) + parts[1]))
NAMES = mostly(st.lists(CHARACTERS, min_size=2, max_size=30).map("".join),
               st.tuples(st.lists(CHARACTERS, min_size=1, max_size=20), st.sampled_from([*ALLOWED_IN_TEXT, *REFUSED]))
               .map(lambda parts: "".join(parts[0]) + parts[1]))
ENDS = mostly(st.one_of(st.dates(date(2008, 3, 15), date(2100, 12, 31)).map(date.isoformat), st.sampled_from(["2100", 2100])),
              DATES)  # valid_to: not observed, so it may be in the future, but not before valid_from


# -- mutations of the two files ------------------------------------------------------------------------

def mutate_country(data: dict, draw) -> None:
    cost = data.setdefault("costs", [copy.deepcopy(COST)])[0]
    if draw(st.booleans()):
        cost.pop("amount")
        cost["min"], cost["max"] = sorted((draw(AMOUNTS), draw(AMOUNTS)))
    else:
        cost["amount"] = draw(AMOUNTS)
    dated = [(data["organisations"][0], "last_verified"), (data["job_services"][0], "last_verified"),
             (data["notes"][0], "as_of"), (data["absent"][0], "as_of"), (cost, "as_of")]
    for fact, key in draw(st.lists(st.sampled_from(dated), max_size=3, unique_by=lambda pair: id(pair[0]))):
        fact[key] = draw(DATES)
    for fact in draw(st.lists(st.sampled_from([data["programmes"][0], data["organisations"][1], data["notes"][0], cost]),
                              max_size=2, unique_by=id)):
        if draw(st.booleans()):
            fact["lines"] = draw(LINES)
        else:
            fact.pop("lines", None)
            fact["page"] = draw(PAGES)
    names = [(data["country"], "name"), (data["organisations"][0], "name"), (data["job_services"][0], "name")]
    for owner, key in draw(st.lists(st.sampled_from(names), max_size=1)):
        owner[key] = draw(NAMES)
    texts = [(data, "summary"),
             (data["organisations"][0], "description"), (data["job_services"][0], "requirements"),
             (data["notes"][0], "text"), (cost, "item"), (cost, "place"), (data["organisations"][1]["address"], "city")]
    for owner, key in draw(st.lists(st.sampled_from(texts), max_size=3, unique_by=lambda pair: (id(pair[0]), pair[1]))):
        owner[key] = [draw(TEXTS)] if key == "requirements" else draw(TEXTS)


def mutate_programme(data: dict, draw) -> None:
    paid = next(c for c in data["components"] if "amount" in c or "max_amount" in c)
    key = "amount" if "amount" in paid else "max_amount"
    paid[key] = draw(AMOUNTS)
    if draw(st.booleans()):
        data["as_of"] = draw(DATES)
    if draw(st.booleans()):
        data["valid_to"] = draw(ENDS)
    if draw(st.booleans()):
        data["short_name"] = draw(NAMES)[:40]


# -- the property ---------------------------------------------------------------------------------------

class Originals(dict):
    """The two files as shipped, by name; shown by name only when Hypothesis prints a failing example."""

    def __repr__(self) -> str:
        return f"Originals({', '.join(self)})"


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> tuple[Settings, Originals]:
    root = tmp_path_factory.mktemp("accepted")
    # No report copies: `lines` past a report's end would be refused, and the renderers are to see every line number.
    settings = make_project(root, countries=["cm"], today=TODAY, reports_dir=root / "no-reports")
    return settings, Originals({name: (settings.content_dir / name).read_bytes() for name in (COUNTRY, PROGRAMME)})


def write(settings: Settings, name: str, data: Any) -> bytes:
    raw = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=10**6).encode("utf-8")
    (settings.content_dir / name).write_bytes(raw)
    return raw


def handles_everything(settings: Settings, content: ContentSet, originals: dict[str, bytes], lang: str, printed: bool) -> None:
    """Every consumer of valid content runs without an exception: pages, sheets, stale, diff, PDF.

    Pages in `lang`, sheets in `lang` and in Arabic (English interface, right-to-left content)."""
    catalogue = build_catalogue(content, settings)
    assert render_pages(catalogue, "https://example.org/report", Language(lang))
    for country in catalogue.countries:
        for html in (sheet_html(catalogue, country, Language("ar")), sheet_html(catalogue, country, Language(lang))):
            shown = [text for pair in AMOUNT.findall(html) for text in pair if text]
            assert not [text for text in shown if "-" in text or "\u2212" in text]  # no amount is negative, -0.0 neither
    assert report(catalogue) and report(catalogue, older_than_months=0, markdown=True)
    old = {f"content/{name}": parse(raw) for name, raw in originals.items()}
    new = {f"content/{name}": parse((settings.content_dir / name).read_bytes()) for name in originals}
    assert fact_diff(old, new, "base", "head")
    if printed:
        assert render_document(html).write_pdf().startswith(b"%PDF")


@pytest.mark.slow  # about 20 s: `make test` runs it, `make test-fast` does not
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_whatever_validate_accepts_renders_and_reports(project, data):
    settings_, originals = project
    country = yaml.load(originals[COUNTRY].decode("utf-8"), Loader=StrictLoader)
    programme = yaml.load(originals[PROGRAMME].decode("utf-8"), Loader=StrictLoader)
    mutate_country(country, data.draw)
    mutate_programme(programme, data.draw)
    write(settings_, COUNTRY, country)
    write(settings_, PROGRAMME, programme)

    content, problems = validate_content(settings_.content_dir, settings_)  # never raises
    assert all("\n" not in p.text() and p.line >= 1 for p in problems)
    assume(not problems)
    handles_everything(settings_, content, originals, lang=data.draw(st.sampled_from(["en", "nb", "da"])),
                       printed=data.draw(st.sampled_from([False] * 9 + [True])))


# -- the edges, printed ---------------------------------------------------------------------------------

def test_the_largest_amounts_and_the_edges_of_every_range_print_as_a_pdf(project):
    settings_, originals = project
    country = yaml.load(originals[COUNTRY].decode("utf-8"), Loader=StrictLoader)
    programme = yaml.load(originals[PROGRAMME].decode("utf-8"), Loader=StrictLoader)
    country["costs"] = [{**COST, "amount": 10**12}, {**COST, "id": "range", "amount": -0.0, "as_of": "1900-01-01"},
                        {**COST, "id": "tiny", "amount": 5e-324, "as_of": "1900", "lines": "1-999999999"},
                        {key: value for key, value in COST.items() if key != "lines"} | {"id": "paged", "page": "xii"}]
    country["summary"] = "سلام\u200cدنیا \u200f(IOM)\u200f \u2067مرحبا\u2069 — [IOM](https://www.iom.int/)"
    country["organisations"][0]["last_verified"] = 1900
    programme["valid_to"] = "2100-12-31"
    next(c for c in programme["components"] if "amount" in c)["amount"] = 1e12
    write(settings_, COUNTRY, country)
    write(settings_, PROGRAMME, programme)

    content, problems = validate_content(settings_.content_dir, settings_)
    assert not problems, "\n".join(p.text() for p in problems)
    catalogue = build_catalogue(content, settings_)
    html = sheet_html(catalogue, catalogue.countries[0], Language("en"))

    assert '<strong class="amount">XAF 1,000,000,000,000</strong>' in html
    assert '<strong class="amount">XAF 0</strong>' in html
    handles_everything(settings_, content, originals, lang="nb", printed=True)


@pytest.mark.parametrize("lang, amount, money, number", [
    ("en", -0.0, "USD 0", "0"), ("nb", -0.0, "USD 0", "0"), ("da", -0.0, "0 USD", "0"), ("en", 0, "USD 0", "0"),
])
def test_minus_zero_is_shown_as_zero(lang, amount, money, number):
    assert Language(lang).money(amount, "USD").replace("\xa0", " ") == money
    assert Language(lang).number(amount) == number


def test_the_renderer_itself_drops_a_link_to_another_host():
    """The validator refuses `//host` links; the renderer does not rely on it."""
    from generator.render.markup import render_markdown

    html = render_markdown("[a](//evil.example/x) [b](/\\evil.example) [c](/about/)")
    assert 'href="//' not in html and 'href="/\\' not in html
    assert 'href="/about/"' in html


def test_a_message_shows_an_invisible_character_escaped():
    from generator.problems import shown

    assert shown("iom-\u202ecameroon") == "iom-\\u202ecameroon"

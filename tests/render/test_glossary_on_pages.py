"""Abbreviations and terms are explained where a counsellor meets them: the first use on a page
carries its meaning and links to the glossary page, in every language; sheets list them in words."""
from __future__ import annotations

import re

import pytest

from generator.config import load_settings
from generator.model.catalogue import load_catalogue
from generator.model.glossary import Entry
from generator.render.glossary import Glossary, glossary_href
from generator.render.i18n import Language
from generator.render.pages import render_pages
from generator.render.sheet import sheet_html

VARP = Entry("varp", {"abbreviation": "VARP", "expansion": "Voluntary Assisted Return Programme",
                      "meaning": {"en": "Norway's general programme.", "nb": {"text": "Norges generelle program.", "from_en": "x"}}})
DEADLINE = Entry("departure-deadline", {"term": {"en": "departure deadline", "nb": {"text": "utreisefrist", "from_en": "x"}},
                                        "also": ["utreisefrist"], "meaning": "The date by which a person | must leave."})


def marked(page: str, lang: str = "en") -> str:
    return Glossary([VARP, DEADLINE], Language(lang)).mark(page, "../../glossary/")


@pytest.fixture(scope="module")
def catalogue():
    return load_catalogue(load_settings())


@pytest.fixture(scope="module")
def pages(catalogue):
    return {code: render_pages(catalogue, "https://example.org/issues/new", Language(code)) for code in ("en", "nb", "da")}


# -- where a word is explained --------------------------------------------------------------------------------

def test_the_first_use_is_explained_and_linked_the_later_ones_left_alone():
    page = marked("VARP pays cash. VARP also pays travel.")

    assert page == ('<a class="fs-gloss" href="../../glossary/#varp"><abbr title="Voluntary Assisted Return Programme: '
                    'Norway&#x27;s general programme.">VARP</abbr></a> pays cash. VARP also pays travel.')


def test_a_word_in_a_heading_link_script_attribute_or_front_matter_is_not_touched():
    untouched = ('---\ntitle: "VARP"\n---\n# VARP\n<h3>VARP</h3>\n<a href="../varp/">VARP</a> [VARP](x.md)\n'
                 '<script type="application/json">{"name": "VARP"}</script>\n<p title="VARP">`VARP`</p>\n')

    assert marked(untouched) == untouched
    assert marked(untouched + "Then VARP.").endswith('Then <a class="fs-gloss" href="../../glossary/#varp"><abbr '
                                                      'title="Voluntary Assisted Return Programme: Norway&#x27;s general '
                                                      'programme.">VARP</abbr></a>.')


def test_an_abbreviation_is_a_whole_word_in_its_own_case():
    for text in ("VARPS", "XVARP", "varp", "VARP2"):
        assert marked(text) == text
    assert "<abbr" in marked("the VARP-gruppen")  # a Norwegian compound names the programme


def test_a_term_is_found_in_any_case_and_inflected_and_its_meaning_is_safe_in_a_table_row():
    page = marked("| Apply before utreisefristen | Departure deadlines |", "nb")

    assert page.startswith('| Apply before <a class="fs-gloss" href="../../glossary/#departure-deadline" '
                           'title="The date by which a person &#124; must leave.">utreisefristen</a> |')
    assert page.endswith("| Departure deadlines |")  # the same entry: marked once


def test_the_glossary_link_is_relative_to_the_page():
    assert glossary_href("index.md") == "glossary/"
    assert glossary_href("countries/index.md") == "../glossary/"
    assert glossary_href("countries/iraq.md") == "../../glossary/"


# -- on the shipped pages ------------------------------------------------------------------------------------

@pytest.mark.parametrize("lang", ["en", "nb", "da"])
@pytest.mark.parametrize(("page", "programmes"), [
    ("countries/iraq.md", ["VARP", "IRRINI"]), ("countries/afghanistan.md", ["VARP", "IRRANA", "PRAN"]),
    ("countries/ethiopia.md", ["VARP", "ARE"]), ("countries/nigeria.md", ["VARP", "AVRV-DK"]),
    ("programmes/gb-varrp-2012.md", ["VARRP"]), ("programmes/no-varp-2002.md", ["VARP"]),
])
def test_every_programme_abbreviation_is_explained_once_on_the_pages_that_use_it(pages, catalogue, lang, page, programmes):
    text = pages[lang][page]
    glossary = Glossary(catalogue.glossary, Language(lang))
    for short in programmes:
        entry = next(e for e in catalogue.glossary if e.abbreviation == short)
        explained = re.findall(rf'<a class="fs-gloss" href="[./]*glossary/#{entry.id}"><abbr title="([^"]*)">{short}</abbr></a>', text)
        assert len(explained) == 1, (short, page)
        assert explained[0].startswith(glossary.explanation(entry)[:30].replace("'", "&#x27;"))


def test_a_page_explains_in_its_own_language(pages):
    assert re.search(r'title="Voluntary Assisted Return Programme: Norges generelle program[^"]*">VARP<', pages["nb"]["countries/iraq.md"])
    assert re.search(r'title="Voluntary Assisted Return Programme: Norges generelle program[^"]*">VARP<', pages["da"]["countries/iraq.md"])
    assert re.search(r'title="Voluntary Assisted Return Programme: Norway&#x27;s general programme[^"]*">VARP<', pages["en"]["countries/iraq.md"])


@pytest.mark.parametrize(("lang", "headword"), [("en", "departure deadline"), ("nb", "utreisefrist"), ("da", "udrejsefrist")])
def test_the_glossary_page_lists_every_entry_under_its_anchor_with_its_source(pages, catalogue, lang, headword):
    page = pages[lang]["glossary.md"]

    anchors = re.findall(r'<dt id="([^"]+)">', page)
    assert sorted(anchors) == sorted(e.id for e in catalogue.glossary)
    assert f'<dt id="departure-deadline">{headword}</dt>' in page
    assert page.count('class="fs-cite"') == len(catalogue.glossary)  # each entry cites where the sources say it
    headwords = [re.sub(r"<[^>]+>.*", "", dt) for dt in re.findall(r'<dt id="[^"]+">(.*?)</dt>', page)]
    assert headwords == sorted(headwords, key=Language(lang).sort_key)
    assert '<a href="../programmes/no-varp-2012/">' in page


def test_a_sheet_spells_out_the_abbreviations_it_does_not_explain_elsewhere(catalogue):
    iraq = next(c for c in catalogue.countries if c.code == "IQ")

    words = re.search(r'<p class="abbreviations">(.*?)</p>', sheet_html(catalogue, iraq), re.S).group(1)

    assert "IOM <span class=\"muted\">International Organization for Migration</span>" in words
    assert "VARP" not in words  # the sheet names it beside its full name

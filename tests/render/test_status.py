"""A programme's status is said with the date it rests on: a page never calls a programme "active"
on the word of a report past the stale age, and a `valid_to` in the past means ended."""
from __future__ import annotations

import re
from dataclasses import replace
from datetime import date

import pytest

from generator.config import load_settings
from generator.model.catalogue import Programme, load_catalogue
from generator.render.i18n import Language
from generator.render.pages import render_pages
from generator.render.sheet import sheet_html


@pytest.fixture(scope="module")
def today_catalogue():
    return load_catalogue(load_settings(today=date(2026, 12, 1)))


def test_no_page_or_sheet_calls_a_2012_programme_active_without_its_date(today_catalogue):
    pages = render_pages(today_catalogue, "https://example.org/issues/new")
    shown = [*pages.values(), *(sheet_html(today_catalogue, c) for c in today_catalogue.countries)]
    bare = [text for text in shown if re.search(r"Status: active(?! as of)|<td>active</td>|, active\)", text)]
    assert bare == []
    assert "Status: active as of 2012; current status not known" in pages["countries/ethiopia.md"]


def test_a_programme_whose_valid_to_has_passed_is_shown_ended(today_catalogue):
    fi_avr = today_catalogue.programmes["fi-avr-2012"]
    assert str(fi_avr.data["valid_to"]) == "2012-12-31"
    said_active = Programme(fi_avr.id, {**fi_avr.data, "status": "active"})  # as a 2012 report would say it
    assert today_catalogue.standing(said_active).status == "ended"
    page = render_pages(today_catalogue, "https://example.org/issues/new")["programmes/fi-avr-2012.md"]
    assert "ended; described as of 2012; valid 1 January 2010 – 31 December 2012" in page


def test_an_open_end_reads_unknown_in_every_language(today_catalogue):
    for code, words in (("en", "valid 2002 – unknown"), ("nb", "2002 – ukjent"), ("da", "2002 – ukendt")):
        page = render_pages(today_catalogue, "https://example.org/issues/new", Language(code))["programmes/no-varp-2002.md"]
        assert words in page, code


def test_a_recent_source_lets_the_page_say_active(today_catalogue):
    then = replace(today_catalogue.settings, today=date(2012, 12, 1))  # the 2012 reports were current then
    catalogue = replace(today_catalogue, settings=then)
    varp = catalogue.programmes["no-varp-2012"]
    assert catalogue.standing(varp).status == "active"
    page = render_pages(catalogue, "https://example.org/issues/new")["countries/ethiopia.md"]
    assert "Status: active;" in page


def test_the_norwegian_and_danish_pages_say_the_date_too(today_catalogue):
    for code, words in (("nb", "aktiv per 2012; status i dag ukjent"), ("da", "aktiv pr. 2012; status i dag ukendt")):
        page = render_pages(today_catalogue, "https://example.org/issues/new", Language(code))["countries/ethiopia.md"]
        assert words in page, code


def test_the_home_page_leads_with_how_old_the_figures_are_before_the_review_date(today_catalogue):
    for code, first, last in (("en", "Figures from", "Last reviewed"), ("nb", "Tall fra", "Sist gjennomgått")):
        home = render_pages(today_catalogue, "https://example.org/issues/new", Language(code))["index.md"]
        assert home.index(first) < home.index(last), code
    home = render_pages(today_catalogue, "https://example.org/issues/new")["index.md"]
    iraq = home[home.index('href="countries/iraq/"'):]
    assert re.match(r'[^\n]*\n<td data-value="2004">2004 – 2015</td>', iraq)


def test_at_a_glance_shows_every_tier_of_a_programme(today_catalogue):
    page = render_pages(today_catalogue, "https://example.org/issues/new")["countries/iraq.md"]
    glance = page[page.index("At a glance"):page.index("Organisations:")]
    assert "NOK 20,000; NOK 15,000; NOK 10,000" in glance  # VARP's three tiers, not two of them
    nigeria = render_pages(today_catalogue, "https://example.org/issues/new")["countries/nigeria.md"]
    glance = nigeria[nigeria.index("At a glance"):nigeria.index("Organisations:")]
    assert "up to NOK 25,000; up to NOK 5,000; NOK 2,000; NOK 3,000" in glance  # the four parts of NOK 35,000


def test_at_a_glance_says_how_many_more_past_its_limit(today_catalogue):
    from generator.render.views import GLANCE_AMOUNTS, Views

    belgium = today_catalogue.programmes["be-return-2012"]
    priced = [c for c in belgium.components() if "amount" in c or "max_amount" in c]
    assert len(priced) > GLANCE_AMOUNTS
    shown = Views(today_catalogue, Language("nb")).glance_amounts(belgium)
    assert len(shown) == GLANCE_AMOUNTS + 1 and shown[-1] == f"og {len(priced) - GLANCE_AMOUNTS} til"

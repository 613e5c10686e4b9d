"""Every country page shows the programmes a returnee there could use: a general programme in force
on every page, grouped by the host country that funds it, the reader's own host country first."""
from __future__ import annotations

import re

import pytest

from generator.config import load_settings
from generator.model.catalogue import load_catalogue
from generator.render.i18n import Language
from generator.render.pages import render_pages
from generator.render.sheet import sheet_html

REPORT = "https://example.org/issues/new"


@pytest.fixture(scope="module")
def catalogue():
    return load_catalogue(load_settings())


def test_every_country_page_and_sheet_lists_varp(catalogue):
    pages = render_pages(catalogue, REPORT)
    for country in catalogue.countries:
        assert 'href="../../programmes/no-varp-2012/"' in pages[f"countries/{country.slug}.md"], country.code
        assert "VARP" in sheet_html(catalogue, country), country.code
    assert len(catalogue.programmes["no-varp-2012"].countries) == len(catalogue.countries)


def test_a_general_programme_not_listed_by_the_country_file_says_why_it_is_there(catalogue):
    mali = render_pages(catalogue, REPORT)["countries/mali.md"]
    assert "Shown on every country page: it is open to returnees to any country." in mali
    iraq = render_pages(catalogue, REPORT)["countries/iraq.md"]  # iq.yaml lists VARP with its own note
    assert "Shown on every country page" not in iraq


def test_old_ended_and_benchmark_general_programmes_are_not_added(catalogue):
    for pid in ("no-varp-2002", "fi-avr-2012", "be-return-2012", "ch-return-2011", "gb-varrp-2012"):
        assert not catalogue.applies_everywhere(catalogue.programmes[pid]), pid


@pytest.mark.parametrize("code, first", [("en", "Norway"), ("nb", "Norge"), ("da", "Danmark")])
def test_programmes_are_grouped_by_host_country_the_readers_own_first(catalogue, code, first):
    mali = render_pages(catalogue, REPORT, Language(code))["countries/mali.md"]
    hosts = re.findall(r"^### (.+)$", mali, re.M)
    assert hosts[0] == first and len(hosts) == len(set(hosts)) == 2

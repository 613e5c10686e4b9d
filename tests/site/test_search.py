"""The site's search, as a counsellor uses it: real Chromium typing into Material's search on the built
shipped site; and the settings and words files that search and "Report an error" read."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from generator.config import load_settings
from generator.content.synonyms import load_search_terms
from generator.model.catalogue import load_catalogue
from generator.problems import ConfigError, ContentError
from generator.render.i18n import Language
from generator.render.pages import render_pages
from generator.site.build import build_site
from project_support import make_project

NO_RESULT = "qqxzzv"


def open_search(browser, url: str):
    """A page at `url` with its search index loaded and the search field focused."""
    page = browser.new_page()
    with page.expect_response("**/search/search_index.json"):
        page.goto(url)
    page.locator("label.md-search__icon, .md-search__input").first.click()
    return page


def type_query(page, query: str) -> None:
    """The whole query at once, then a key press: Material searches on the key, as when a user types."""
    page.fill("input.md-search__input", query)
    page.press("input.md-search__input", "End")


def search(browser, url: str, query: str) -> list[tuple[str, str]]:
    """The search's hits in the order shown, as (text, address): each page, then its sections."""
    page = open_search(browser, url)
    try:
        type_query(page, query)
        page.wait_for_function("() => { const config = JSON.parse(document.getElementById('__config').textContent);"
                               " return document.querySelector('.md-search-result__item') ||"
                               " document.querySelector('.md-search-result__meta').textContent.trim() ==="
                               " config.translations['search.result.none'] }")
        links = page.locator(".md-search-result__link")
        assert not links.count() or links.first.is_visible(), "the hits are in the page but not shown"
        return [(link.inner_text(), link.get_attribute("href")) for link in links.all()]
    finally:
        page.close()


@pytest.mark.browser
def test_shelter_finds_shelters_not_the_sentences_that_say_there_is_no_data(browser, site_url):
    hits = search(browser, site_url, "shelter")

    assert hits, "no hit for shelter"
    assert not [text for text, _ in hits[:5] if "No data" in text]
    assert [href for _, href in hits[:5] if "#shelters" in href], hits[:5]
    found = {href.split("/countries/")[1].split("/")[0] for _, href in hits if href.endswith("#shelters")}
    assert found <= with_something_on("shelters"), "a Shelters section the sources say nothing about is found"


def with_something_on(section: str) -> set[str]:
    """The countries whose page has entries in `section`, or a source saying there are none."""
    return {country.slug for country in load_catalogue(load_settings()).countries
            if country.completeness()[section] != "missing"}


@pytest.mark.browser
@pytest.mark.parametrize("query", ["krisesenter", "husly", "botilbud"])
def test_the_words_counsellors_type_in_norwegian_find_a_shelter_section(browser, site_url, query):
    hits = search(browser, site_url + "nb/", query)

    sections = {href.split("/countries/")[1].split("/")[0] for _, href in hits if "#botilbud" in href}  # "Shelters"
    assert sections and sections <= with_something_on("shelters"), hits


@pytest.mark.browser
@pytest.mark.parametrize(("query", "programme"), [("VARP", "/programmes/no-varp-"),  # 2002 or 2012: both are VARP
                                                  ("IRRINI", "/programmes/no-irrini-2012/")])
def test_a_programme_s_short_name_finds_its_own_page_first(browser, site_url, query, programme):
    hits = search(browser, site_url, query)

    assert programme in hits[0][1], hits[:3]


@pytest.mark.browser
def test_a_capital_finds_its_country(browser, site_url):
    hits = search(browser, site_url, "Kabul")

    assert "countries/afghanistan/" in hits[0][1], hits[:3]


@pytest.mark.browser
@pytest.mark.parametrize(("lang", "words"), [("", "Nothing found"), ("nb/", "Fant ingenting"), ("da/", "Intet fundet")])
def test_a_search_that_finds_nothing_points_to_the_lists(browser, site_url, lang, words):
    page = open_search(browser, f"{site_url}{lang}")
    hint = page.locator("[data-fs-search-hint]")
    assert hint.is_hidden()

    type_query(page, NO_RESULT)

    hint.wait_for(state="visible")
    assert words in hint.inner_text()
    assert [a.get_attribute("href").rstrip("/").rsplit("/", 1)[-1] for a in hint.locator("a").all()] == [
        "countries", "programmes"]
    type_query(page, "Kabul")
    hint.wait_for(state="hidden")
    page.close()


# -- what the pages give the index ---------------------------------------------------------------------

@pytest.fixture(scope="module")
def norwegian_pages() -> dict[str, str]:
    return render_pages(load_catalogue(load_settings()), "https://example.org/issues/new", Language("nb"))


def test_a_section_the_sources_say_nothing_about_is_shown_but_not_indexed(norwegian_pages):
    afghanistan = norwegian_pages["countries/afghanistan.md"]

    assert re.search(r"^## Botilbud \{ data-search-exclude \}$", afghanistan, re.M)
    assert re.search(r'<p class="fs-missing" data-search-exclude>Ingen data', afghanistan)
    assert "krisesenter" not in afghanistan


def test_a_section_with_entries_or_a_source_saying_none_has_its_search_words(norwegian_pages):
    for page in ("countries/nigeria.md", "countries/cameroon.md"):
        shelters = norwegian_pages[page].split("## Botilbud", 1)[1].split("\n## ", 1)[0]
        assert '<p class="fs-keywords" hidden>krisesenter · krisesentre · husly · botilbud' in shelters, page
    assert '<p class="fs-keywords" hidden>Kabul</p>' in norwegian_pages["countries/afghanistan.md"]


def test_a_programme_page_is_found_first_by_its_short_name(norwegian_pages):
    varp = norwegian_pages["programmes/no-varp-2012.md"]
    front = yaml.safe_load(varp.split("---", 2)[1])

    assert front["tags"] == ["VARP"] and front["search"]["boost"] > 1


# -- the search words files ---------------------------------------------------------------------------

@pytest.mark.parametrize("lang", ["en", "nb", "da"])
def test_each_language_has_search_words_for_shelters_and_jobs(lang):
    terms = load_search_terms(load_settings().root, lang)

    assert terms.sections["shelters"] and terms.sections["job_services"]
    assert terms.places["AF"] == ("Kabul",)


def test_a_wrong_search_words_file_is_named_with_its_line(tmp_path):
    (tmp_path / "search").mkdir()
    (tmp_path / "search" / "synonyms.nb.yaml").write_text("sections:\n  shelter: [husly]\nplaces:\n  af: [Kabul]\n",
                                                         "utf-8")

    with pytest.raises(ContentError) as raised:
        load_search_terms(tmp_path, "nb")

    lines = [problem.text() for problem in raised.value.problems]
    assert any(line.endswith("synonyms.nb.yaml:2:3: sections.shelter: unknown field `shelter`; "
                             "did you mean `shelters`?") for line in lines), lines
    assert any("synonyms.nb.yaml:4:3: places.af" in line for line in lines), lines


def test_a_language_without_a_search_words_file_has_none(tmp_path):
    assert load_search_terms(tmp_path, "nb").sections == {}


# -- an e-mail address for error reports --------------------------------------------------------------

def with_report_email(project: Path, address: str) -> None:
    mkdocs = project / "mkdocs.yml"
    text = mkdocs.read_text("utf-8").replace("  # report_email: errors@example.org\n", f"  report_email: {address}\n")
    mkdocs.write_text(text, "utf-8")


@pytest.mark.parametrize("address", ["errors at example.org", "x@example.org?cc=y@example.org", "<a@b.org>"])
def test_a_report_address_that_is_not_a_plain_address_is_refused_with_its_line(tmp_path, address):
    settings = make_project(tmp_path, countries=[])
    with_report_email(settings.root, address)
    line = 1 + next(n for n, text in enumerate((settings.root / "mkdocs.yml").read_text("utf-8").splitlines())
                    if text.strip().startswith("report_email:"))

    with pytest.raises(ConfigError, match=rf"^mkdocs.yml:{line}: `extra.report_email` must be an e-mail address"):
        load_settings(settings.root)


@pytest.mark.slow
def test_report_an_error_offers_an_e_mail_with_the_page_title_as_subject(tmp_path):
    settings = make_project(tmp_path, countries=["af"], languages=("en",))
    with_report_email(settings.root, "errors@example.org")
    out = tmp_path / "site"

    build_site(settings, pdf=False, out=out)

    html = (out / "countries" / "afghanistan" / "index.html").read_text("utf-8")
    assert 'href="mailto:errors@example.org?subject=Error%20on%3A%20Afghanistan"' in html

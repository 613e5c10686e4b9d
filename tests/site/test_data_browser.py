"""The Data page in English, Norwegian and Danish, and every country page's "Download the data" link,
in real Chromium against the built site served on 127.0.0.1."""
from __future__ import annotations

import json
import os

import pytest

from browser_support import CHROMIUM
from generator.config import load_settings
from generator.model.catalogue import load_catalogue
from generator.render.i18n import Language

pytestmark = pytest.mark.browser
if not os.path.exists(CHROMIUM):
    pytest.skip("Debian's chromium is not installed (make test installs it)", allow_module_level=True)


LANGUAGES = {"en": "", "nb": "nb/", "da": "da/"}


@pytest.fixture(scope="module")
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    yield context.new_page()
    context.close()


def fetched(page, href: str):
    """The response for a link's target, as the browser resolves it against the current page."""
    return page.request.get(page.evaluate("href => new URL(href, document.baseURI).href", href))


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_data_page_explains_the_files_licence_and_citation_and_its_links_work(page, site_url, lang):
    _ = Language(lang).gettext
    page.goto(site_url + LANGUAGES[lang], wait_until="load")
    page.locator("nav.md-nav--primary").get_by_role("link", name=_("Open data"), exact=True).first.click()
    page.wait_for_load_state("load")

    assert page.url == site_url + LANGUAGES[lang] + "data/"
    assert page.locator("h1").inner_text().rstrip("¶") == _("Open data")
    headings = [text.rstrip("¶") for text in page.locator("article h2").all_inner_texts()]
    assert {_("Licence"), _("Files"), _("How to cite")} <= set(headings)
    assert page.locator('a[href="https://creativecommons.org/licenses/by/4.0/"]').count() == 1
    assert "CC BY 4.0" in page.locator("blockquote").inner_text()
    links = [page.locator("article a").nth(i).get_attribute("href") for i in range(page.locator("article a").count())]
    files = [href for href in links if href and href.endswith((".json", ".csv"))]
    assert "all.json" in files and "datapackage.json" in files and "countries/ml.json" in files
    for href in files:
        assert fetched(page, href).ok, href
    assert json.loads(fetched(page, "datapackage.json").text())["licenses"][0]["name"] == "CC-BY-4.0"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_country_page_links_its_data_and_the_data_page(page, site_url, lang):
    _ = Language(lang).gettext
    for country in load_catalogue(load_settings()).countries:
        page.goto(site_url + LANGUAGES[lang] + f"countries/{country.slug}/", wait_until="domcontentloaded")
        download = page.get_by_role("link", name=_("Download the data"))
        assert download.is_visible()
        document = fetched(page, download.get_attribute("href")).json()
        assert [c["country"]["code"] for c in document["countries"]] == [country.code]

    page.get_by_role("link", name=_("All countries and formats, the licence and how to cite")).click()
    page.wait_for_load_state("load")
    assert page.url == site_url + LANGUAGES[lang] + "data/"
    assert page.locator("h1").inner_text().rstrip("¶") == _("Open data")

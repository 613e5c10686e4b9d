"""The offline copy as a counsellor uses it: the zip the build publishes, unpacked onto a "USB stick"
and opened as files (file://) in real Chromium, with no server: a country link, search, the
language switch and a sheet."""
from __future__ import annotations

import io
import os
import zipfile
from pathlib import Path
from urllib.parse import urljoin
from urllib.request import urlopen, url2pathname

import pytest

from browser_support import CHROMIUM
from generator.config import load_settings
from generator.site.offline import FOLDER, OFFLINE_ZIP

pytestmark = pytest.mark.browser
if not os.path.exists(CHROMIUM):
    pytest.skip("Debian's chromium is not installed (make test installs it)", allow_module_level=True)


@pytest.fixture(scope="module")
def copy(shipped_site: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The offline copy unpacked as a user would: its one folder, with index.html in it."""
    stick = tmp_path_factory.mktemp("usb-stick")
    with zipfile.ZipFile(shipped_site / OFFLINE_ZIP) as archive:
        archive.extractall(stick)
    return stick / FOLDER


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.problems = []
    page.on("console", lambda message: message.type == "error" and page.problems.append(message.text))
    page.on("pageerror", lambda error: page.problems.append(str(error)))
    yield page
    context.close()


def local_file(url: str) -> Path:
    assert url.startswith("file://"), url
    return Path(url2pathname(url.split("#")[0].split("?")[0][len("file://"):]))


def test_a_country_link_opens_the_country_page_not_a_folder_listing(page, copy):
    page.goto((copy / "index.html").as_uri())
    page.locator("article table a", has_text="Mali").first.click()
    page.wait_for_load_state()
    assert local_file(page.url) == copy / "countries" / "mali" / "index.html"
    assert page.locator("article h1").first.inner_text().startswith("Mali")
    assert page.locator('meta[http-equiv="Content-Security-Policy"]').count() == 1
    assert page.problems == []  # and no script refused by it


def test_search_finds_mali_by_its_capital(page, copy):
    page.goto((copy / "index.html").as_uri())
    page.locator("label.md-search__icon, .md-search__input").first.click()
    page.locator("input.md-search__input").press_sequentially("Bamako", delay=30)
    results = page.locator(".md-search-result__item a")
    results.first.wait_for(timeout=10_000)
    assert "/countries/mali/index.html" in results.first.get_attribute("href")
    results.first.click()
    page.wait_for_load_state()
    assert local_file(page.url) == copy / "countries" / "mali" / "index.html"
    assert page.problems == []


def test_the_language_switch_opens_the_same_page_in_norwegian_and_its_search_works(page, copy):
    page.goto((copy / "countries" / "mali" / "index.html").as_uri())
    page.locator(".md-header__option .md-select").hover()
    page.locator('.md-select__link[hreflang="nb"]').click()
    page.wait_for_load_state()
    assert local_file(page.url) == copy / "nb" / "countries" / "mali" / "index.html"
    assert page.locator("html").get_attribute("lang") == "nb"
    page.locator("label.md-search__icon, .md-search__input").first.click()
    page.locator("input.md-search__input").press_sequentially("Bamako", delay=30)
    page.locator(".md-search-result__item").first.wait_for(timeout=10_000)  # the Norwegian stemmer loaded too
    assert "/nb/countries/mali/index.html" in page.locator(".md-search-result__item a").first.get_attribute("href")
    assert page.problems == []


def test_the_sheets_and_the_bundle_are_in_the_copy(page, copy):
    page.goto((copy / "countries" / "mali" / "index.html").as_uri())
    sheet = local_file(page.locator("a.md-button", has_text="PDF").first.evaluate("a => a.href"))
    assert sheet == copy / "pdf" / "mali.pdf" and sheet.read_bytes().startswith(b"%PDF")
    page.goto((copy / "index.html").as_uri())
    bundle = page.locator('a[href="pdf/all-countries.pdf"]')
    assert local_file(bundle.evaluate("a => a.href")).read_bytes().startswith(b"%PDF")
    assert " MB, " in page.locator('.fs-size[data-file="pdf/all-countries.pdf"]').inner_text()


def test_the_download_links_reach_the_zip_online_and_from_the_copy(page, copy, site_url):
    """Online, the footer and the home page link the zip; in the copy (which cannot hold itself)
    they go to the site's address, site_url."""
    page.goto(site_url + "nb/countries/mali/")
    footer = page.locator("a.fs-offline-link").evaluate("a => a.href")
    assert footer == urljoin(site_url, OFFLINE_ZIP)
    with urlopen(footer) as answer:
        assert zipfile.is_zipfile(io.BytesIO(answer.read()))
    page.goto(site_url)
    assert " MB, " in page.locator(f'.fs-size[data-file="{OFFLINE_ZIP}"]').inner_text()
    page.goto((copy / "nb" / "countries" / "mali" / "index.html").as_uri())
    online = load_settings().site_url.rstrip("/") + "/" + OFFLINE_ZIP
    assert page.locator("a.fs-offline-link").get_attribute("href") == online

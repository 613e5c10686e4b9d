"""The published site in real Chromium: search, ceilings with dates, sorting, privacy, accessibility."""
from __future__ import annotations

import io
import os
import re
from urllib.parse import urlparse

import pytest
from PIL import Image, ImageStat

from browser_support import CHROMIUM
from generator.config import load_settings
from generator.model.catalogue import load_catalogue
from generator.render.i18n import Language

pytestmark = pytest.mark.browser
if not os.path.exists(CHROMIUM):
    pytest.skip("Debian's chromium is not installed (make test installs it)", allow_module_level=True)

from axe_playwright_python.sync_playwright import Axe  # noqa: E402


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.requested_hosts = set()
    page.on("request", lambda request: page.requested_hosts.add(urlparse(request.url).hostname))
    page.console_errors = []
    page.on("console", lambda message: message.type == "error" and page.console_errors.append(message.text))
    yield page
    context.close()


def search(page, site_url: str, query: str):
    with page.expect_response("**/search/search_index.json"):
        page.goto(site_url)
    page.locator("label.md-search__icon, .md-search__input").first.click()
    page.locator("input.md-search__input").press_sequentially(query, delay=30)
    results = page.locator(".md-search-result__item")
    results.first.wait_for(timeout=10_000)
    return results


@pytest.mark.parametrize("query, expected_page", [("Bamako", "/countries/mali/"), ("IRRINI", "/countries/iraq/")])
def test_search_finds_the_country_page(page, site_url, query, expected_page):
    results = search(page, site_url, query)
    links = [results.nth(i).locator("a").first.get_attribute("href") for i in range(results.count())]
    assert any(expected_page in (href or "") for href in links), links


def test_norwegian_search_finds_a_norwegian_label(page, site_url):
    label = Language("nb").gettext("Support organisations")
    assert label != "Support organisations"
    results = search(page, site_url + "nb/", label)
    results.locator('a[href*="/nb/countries/"]').first.wait_for(timeout=10_000)  # a country's section heading
    links = [results.nth(i).locator("a").first.get_attribute("href") or "" for i in range(results.count())]
    assert all("/nb/" in href for href in links), links  # the Norwegian index holds Norwegian pages only


def test_the_language_switcher_opens_the_same_page_in_another_language(page, site_url):
    page.goto(site_url + "countries/iraq/", wait_until="networkidle")  # the theme's scripts have run
    page.locator(".md-header__option .md-select button").focus()  # opens the list, and keeps it open
    page.get_by_role("link", name="Norsk bokmål").wait_for(state="visible")
    with page.expect_navigation():
        page.get_by_role("link", name="Norsk bokmål").click()
    assert page.url.endswith("/nb/countries/iraq/"), page.url
    assert page.locator("h1").inner_text().rstrip("¶") == "Irak"
    assert page.locator("html").get_attribute("lang") == "nb"


def test_search_finds_services_by_word(page, site_url):
    results = search(page, site_url, "shelter")
    assert results.count() >= 1


def test_country_page_shows_ceiling_with_currency_date_and_stale_marker(page, site_url):
    page.goto(site_url + "countries/afghanistan/")
    row = page.locator("table.fs-table tr", has_text="Reintegration support (job placement").first
    assert "up to NOK 10,000" in row.inner_text()
    assert row.locator(".fs-date").inner_text() == "2012"
    assert row.locator(".fs-stale").is_visible()
    assert page.locator(".fs-banner.fs-old").first.is_visible()  # the page is mostly stale: said at the top


def test_comparison_table_sorts_by_amount_in_euro(page, site_url):
    page.goto(site_url + "compare/ceilings/")
    table = page.locator("table#ceilings")
    header = table.locator("th", has_text="EUR")

    def eur_values() -> list[float]:
        cells = table.locator("tbody tr td:nth-child(6)")
        return [float(v) for v in cells.evaluate_all("cells => cells.map(c => c.dataset.value)") if v]

    header.locator("button").click()
    ascending = eur_values()
    assert len(ascending) >= 3 and ascending == sorted(ascending)
    assert header.get_attribute("aria-sort") == "ascending"
    header.locator("button").click()
    assert eur_values() == sorted(ascending, reverse=True)


def test_a_norwegian_table_sorts_by_date_and_names_its_buttons_in_norwegian(page, site_url):
    page.goto(site_url + "nb/compare/ceilings/")
    table = page.locator("table#ceilings")
    header = table.locator("th").nth(6)  # the date column, shown as words ("juni 2012")
    assert header.locator("button").get_attribute("title").startswith("Sorter etter ")
    header.locator("button").click()
    dates = table.locator("tbody tr td:nth-child(7)").evaluate_all("cells => cells.map(c => c.dataset.value)")
    assert len(dates) >= 3 and dates == sorted(dates)


def test_no_request_leaves_the_local_server(page, site_url):
    for path in ["", "countries/cameroon/", "compare/costs/", "programmes/"]:
        page.goto(site_url + path, wait_until="networkidle")
    search(page, site_url, "IOM")
    assert page.requested_hosts == {"127.0.0.1"}


def test_the_content_security_policy_blocks_nothing_of_the_site_itself(page, site_url):
    for path in ["", "countries/cameroon/", "compare/ceilings/", "nb/countries/iraq/"]:
        page.goto(site_url + path, wait_until="networkidle")
        assert page.locator('meta[http-equiv="Content-Security-Policy"]').count() == 1
    search(page, site_url, "IOM")
    assert page.console_errors == []


@pytest.mark.parametrize("path", ["", "countries/cameroon/", "compare/ceilings/", "nb/countries/iraq/", "da/"])
def test_no_serious_accessibility_violations(page, site_url, path):
    page.goto(site_url + path, wait_until="networkidle")
    results = Axe().run(page)
    serious = [(v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3])
               for v in results.response["violations"] if v["impact"] in ("serious", "critical")]
    assert serious == []


def test_no_page_scrolls_sideways_on_a_390_px_phone(browser, site_url):
    catalogue = load_catalogue(load_settings())
    paths = ["", "countries/", "programmes/", "compare/ceilings/", "compare/costs/", "tags/", "glossary/", "sources/", "sources/ramboll-2012/", "about/"]
    paths += [f"countries/{c.slug}/" for c in catalogue.countries]
    paths += [f"programmes/{p.slug}/" for p in catalogue.programmes.values()]
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    wide = []
    for lang in ("", "nb/", "da/"):
        for path in paths:
            page.goto(site_url + lang + path, wait_until="load")
            width = page.evaluate("document.documentElement.scrollWidth")
            if width > 390:
                wide.append((lang + path, width))
    context.close()
    assert wide == []  # a wide table scrolls inside its own box, never the page


def edge_brightness(page, box) -> float:
    """The mean brightness (0-255) of the 3 px at the right edge of a scroll box, over its first 600 px."""
    edge = box.bounding_box()
    shot = page.screenshot(clip={"x": edge["x"] + edge["width"] - 3, "y": edge["y"], "width": 3,
                                 "height": min(600, edge["height"])})
    return ImageStat.Stat(Image.open(io.BytesIO(shot)).convert("L")).mean[0]


def test_a_table_wider_than_the_phone_shows_a_shadow_where_more_of_it_is(browser, site_url):
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.goto(site_url + "compare/ceilings/")
    box = page.locator(".fs-scroll").first
    box.scroll_into_view_if_needed()
    assert box.evaluate("e => e.scrollWidth > e.clientWidth")

    more_to_the_right = edge_brightness(page, box)
    box.evaluate("e => { e.scrollLeft = e.scrollWidth; }")
    at_the_end = edge_brightness(page, box)
    context.close()

    assert more_to_the_right < at_the_end - 20  # the shadow is there, then gone once the end is reached


# -- citations open their passages ------------------------------------------------------------------------------
REPORTS = load_settings().reports_dir


@pytest.mark.parametrize("country", ["mali", "iraq"])
def test_a_cited_amount_opens_its_passage_in_the_report_and_the_passage_leads_back(page, site_url, country):
    page.goto(f"{site_url}countries/{country}/")
    citation = page.locator("tr:has(td.fs-num strong) a.fs-cite").first
    anchor, href = citation.get_attribute("id"), citation.get_attribute("href")
    source_id, lines = re.fullmatch(r"\.\./\.\./sources/([a-z0-9-]+)/#l([0-9-]+)", href).groups()

    citation.click()
    page.wait_for_url(f"**/sources/{source_id}/#l{lines}")

    passage = page.locator(".fs-passage:target")
    assert passage.count() == 1
    assert passage.evaluate("e => getComputedStyle(e).backgroundColor") != "rgba(0, 0, 0, 0)"  # highlighted
    copy = REPORTS / load_catalogue(load_settings()).sources[source_id]["file"]
    if copy.is_file():  # else the page says the passage text is not in this build (tests/site/test_sources.py)
        first, _, last = lines.partition("-")
        words = " ".join(l.strip() for l in copy.read_text("utf-8").splitlines()[int(first) - 1:int(last or first)] if l.strip())
        assert " ".join(words.split()) in " ".join(passage.locator("blockquote").inner_text().split())
    back = passage.locator(f"a[href$='countries/{country}/#{anchor}']")
    back.click()
    page.wait_for_url(f"**/countries/{country}/#{anchor}")
    assert page.locator(f"#{anchor}").count() == 1


# -- abbreviations and terms ------------------------------------------------------------------------------------
FIRST_USES = """() => {
    const article = document.querySelector("article");
    const walker = document.createTreeWalker(article, NodeFilter.SHOW_TEXT);
    const first = {};
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        if (node.parentElement.closest("h1, h2, h3, h4, h5, h6, script, a:not(.fs-gloss)")) continue;
        for (const word of ["VARP", "IRRINI", "IOM"]) {
            if (!(word in first) && new RegExp(`(^|[^\\w-])${word}(?!\\w)`).test(node.data)) {
                const abbr = node.parentElement.closest("abbr");
                first[word] = abbr ? [abbr.title, abbr.closest("a.fs-gloss").getAttribute("href")] : null;
            }
        }
    }
    return first;
}"""


@pytest.mark.parametrize(("lang", "varp_means"), [("", "Norway's general programme"), ("nb/", "Norges generelle program"),
                                                  ("da/", "Norges generelle program")])
def test_an_abbreviation_is_explained_where_it_is_first_read_and_opens_its_glossary_entry(page, site_url, lang, varp_means):
    page.goto(f"{site_url}{lang}countries/iraq/")

    first = page.evaluate(FIRST_USES)

    assert set(first) == {"VARP", "IRRINI", "IOM"}
    assert first["VARP"][0].startswith(f"Voluntary Assisted Return Programme: {varp_means}")
    assert first["IRRINI"][0].startswith("Information, Return and Reintegration of Iraqi Nationals to Iraq: ")
    page.locator("a.fs-gloss[href$='#varp']").click()
    page.wait_for_url("**/glossary/#varp")
    assert page.locator("dt:target").inner_text().startswith("VARP")
    assert page.locator("dt:target").evaluate("e => getComputedStyle(e).backgroundColor") != "rgba(0, 0, 0, 0)"


# -- the household estimate: the page's script against `factsheets estimate` ----------------------------------
def estimate_on_page(page, adults: int, children: int, group: str, host: str) -> dict[str, tuple]:
    """Fill the form; what the page shows per programme: (low, high or None) counted, the reason otherwise."""
    page.select_option("select[name=host]", host)
    page.fill("input[name=adults]", str(adults))
    page.fill("input[name=children]", str(children))
    page.select_option("select[name=group]", group)
    shown = page.eval_on_selector_all(
        ".fs-estimate-out [data-programme]",
        "nodes => nodes.map(n => [n.dataset.programme, n.dataset.reason || null, n.dataset.low, n.dataset.high])")
    return {pid: (reason,) if reason else (float(low), float(high) if high else None)
            for pid, reason, low, high in shown}


def estimate_from_cli(capsys, code: str, adults: int, children: int, group: str, host: str) -> dict[str, tuple]:
    import json

    from generator.cli import main

    capsys.readouterr()
    args = ["estimate", code, "--host", host, "--adults", str(adults), "--children", str(children), "--format", "json"]
    assert main(args + (["--group", group] if group else [])) == 0
    data = json.loads(capsys.readouterr().out)
    return {p["id"]: (p["total"]["low"], p["total"]["high"]) if p["counted"] else (p["not_counted_because"],)
            for p in data["programmes"] if p["counted"] or p["host"] == host}


def test_the_estimate_form_on_the_iraq_page_agrees_with_the_command_for_20_households(page, site_url, capsys):
    import random

    from generator.model.estimate import GROUPS

    page.goto(site_url + "countries/iraq/", wait_until="load")
    hosts = page.eval_on_selector_all("select[name=host] option", "nodes => nodes.map(n => n.value)")
    assert set(hosts) >= {"NO", "DK"}
    chance = random.Random(20261201)
    for _ in range(20):
        adults, children = chance.randint(0, 6), chance.randint(0, 8)
        adults += adults + children == 0
        group, host = chance.choice(["", *GROUPS]), chance.choice(hosts)
        on_page = estimate_on_page(page, adults, children, group, host)
        from_cli = estimate_from_cli(capsys, "IQ", adults, children, group, host)
        # the page names a programme not counted by its reason in words; the command too, so compare counted ones
        assert {k: v for k, v in on_page.items() if len(v) == 2} == {k: v for k, v in from_cli.items() if len(v) == 2}, (
            adults, children, group, host)
        assert set(on_page) == set(from_cli), (adults, children, group, host)
    assert page.console_errors == []


def test_a_family_to_iraq_reads_at_least_nok_10000_from_varp_on_the_page(page, site_url):
    page.goto(site_url + "countries/iraq/", wait_until="load")
    estimate_on_page(page, 2, 3, "", "NO")
    varp = page.locator('.fs-estimate-programme[data-programme="no-varp-2012"]')
    assert "Total: at least NOK 10,000" in varp.inner_text()
    irrini = page.locator('.fs-estimate-programme[data-programme="no-irrini-2012"]')
    assert "Total: amount not given" in irrini.inner_text()
    assert "IRRINI + VARP: not stated in the sources" in page.locator(".fs-estimate-out").inner_text()


def test_every_country_page_counts_varp_for_one_person_from_norway(page, site_url):
    missing = []
    for country in load_catalogue(load_settings()).countries:
        page.goto(site_url + f"countries/{country.slug}/", wait_until="load")
        shown = estimate_on_page(page, 1, 0, "", "NO")
        if shown.get("no-varp-2012") != (10000.0, 20000.0):
            missing.append((country.slug, shown.get("no-varp-2012")))
    assert missing == []


def test_a_filter_on_the_ceilings_page_hides_other_host_countries_and_benchmarks(page, site_url):
    page.set_viewport_size({"width": 1366, "height": 900})
    page.goto(site_url + "nb/compare/ceilings/", wait_until="load")
    header = page.locator("#ceilings thead th").nth(6)
    assert header.inner_text().strip() == "Dato" and header.bounding_box()["x"] + header.bounding_box()["width"] <= 1366
    assert "≈ NOK" in page.locator("#ceilings thead").inner_text()  # the Norwegian reader's currency
    visible = "rows => rows.filter(r => !r.hidden).map(r => [r.dataset.host, r.dataset.benchmark, r.dataset.groups])"
    everything = page.eval_on_selector_all("#ceilings tbody tr", visible)
    assert {host for host, _, _ in everything} >= {"NO", "DK", "BE"}
    page.select_option("form.fs-filters select[name=host]", "NO")
    assert {host for host, _, _ in page.eval_on_selector_all("#ceilings tbody tr", visible)} == {"NO"}
    page.select_option("form.fs-filters select[name=host]", "")
    page.uncheck("form.fs-filters input[name=benchmark]")
    assert {bench for _, bench, _ in page.eval_on_selector_all("#ceilings tbody tr", visible)} == {"no"}
    page.select_option("form.fs-filters select[name=group]", "families")
    assert {groups for _, _, groups in page.eval_on_selector_all("#ceilings tbody tr", visible)} == {""}

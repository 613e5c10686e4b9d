"""The exit from MkDocs kept open: the shipped site, built by real Zensical, has every page and figure."""
from __future__ import annotations

import html
import os
import re
from pathlib import Path

import pytest
from mkdocs.config import load_config

from browser_support import CHROMIUM, serve
from generator.config import PROJECT_ROOT, load_settings
from generator.model.catalogue import load_catalogue
from generator.site.build import build_site
from generator.site.theme import theme_words
from generator.site.zensical import CONFIG, THEME, merged, zensical_config
from project_support import make_project

FIGURE = re.compile(r'<td class="fs-num"[^>]*>(.*?)</td>', re.S)
HEADING = re.compile(r"^# (.+)$", re.M)


def text(fragment: str) -> str:
    """What a reader sees of some HTML: no tags, entities read, spaces as one."""
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", fragment)).split())


def figures(markup: str) -> list[str]:
    """Every amount cell of a page, in order."""
    return [text(cell) for cell in FIGURE.findall(markup)]


def built_page(site: Path, lang: str, languages: tuple[str, ...], markdown: Path, docs: Path) -> Path:
    """Where a language's site has the page of a Markdown file (directory URLs)."""
    folder = site if lang == languages[0] else site / lang
    path = markdown.relative_to(docs).with_suffix("")
    return folder / (path.parent if path.name == "index" else path) / "index.html"


def test_each_language_gets_its_config_resolved_as_mkdocs_resolves_it(tmp_path):
    settings = load_settings(PROJECT_ROOT)
    for lang in settings.languages:
        ours = zensical_config(settings, lang, settings.root / ".site-x" / lang)
        mkdocs = load_config(str(settings.mkdocs_config(lang)))
        assert ours["nav"] == mkdocs["nav"] and ours["extra"]["languages"] == mkdocs["extra"]["languages"]
        assert len(ours["extra"]["languages"]) == len(settings.languages)  # not the parent's list and its own
        assert ours["docs_dir"] == Path(mkdocs["docs_dir"]).name and ours["site_dir"] == f".site-x/{lang}"
        assert ours["extra"]["words"] == theme_words(lang) and "hooks" not in ours and "INHERIT" not in ours
    assert theme_words("nb")["report"] == "Meld fra om en feil på denne siden"
    assert merged({"a": {"b": 1, "c": [1]}, "d": [1, 2]}, {"a": {"c": [2]}, "d": [3]}) == {"a": {"b": 1, "c": [2]}, "d": [3]}


@pytest.fixture(scope="module")
def zensical_site(tmp_path_factory: pytest.TempPathFactory):
    settings = make_project(tmp_path_factory.mktemp("zensical"))
    build_site(settings, pdf=False, engine="zensical")
    return settings


@pytest.mark.slow
def test_every_country_programme_and_comparison_page_is_built_in_every_language_with_its_figures(zensical_site):
    settings = zensical_site
    catalogue = load_catalogue(settings)
    for lang in settings.languages:
        docs = settings.docs_for(lang)
        pages = {kind: sorted((docs / kind).glob("*.md")) for kind in ("countries", "programmes", "compare")}
        assert len(pages["countries"]) == len(catalogue.countries) + 1  # and the index
        assert len(pages["programmes"]) == len(catalogue.programmes) + 1
        assert [p.name for p in pages["compare"]] == ["ceilings.md", "costs.md", "programme-costs.md"]
        shown = 0
        for markdown in (page for kind in pages.values() for page in kind):
            written = markdown.read_text("utf-8")
            built = built_page(settings.site_dir, lang, settings.languages, markdown, docs)
            assert built.is_file(), built
            page = built.read_text("utf-8")
            assert figures(page) == figures(written), built
            heading = re.search(r"<h1[^>]*>(.*?)</h1>", page, re.S)
            source = re.sub(r"\\(.)", r"\1", HEADING.findall(written)[0])  # Markdown's escapes read
            assert heading and text(heading.group(1)).rstrip("¶ ") == text(source), built
            shown += len(figures(written))
        assert shown > 100, lang  # the check above compared real figures
    cameroon = (settings.site_dir / "countries" / "cameroon" / "index.html").read_text("utf-8")
    assert any("USD 150" in figure for figure in figures(cameroon))  # the Danish subsistence allowance
    assert any("kr 20 000" in figure for figure in figures((settings.site_dir / "nb/countries/iraq/index.html").read_text("utf-8")))


@pytest.mark.slow
def test_the_theme_words_and_the_language_switcher_need_no_mkdocs_hook(zensical_site):
    site = zensical_site.site_dir
    norwegian = (site / "nb" / "countries" / "iraq" / "index.html").read_text("utf-8")
    assert "Meld fra om en feil på denne siden" in norwegian and "Report an error" not in norwegian
    links = re.findall(r'<a href="([^"]*)" hreflang="([^"]*)"', norwegian)
    assert links == [("../../../countries/iraq/", "en"), ("../../countries/iraq/", "nb"), ("../../../da/countries/iraq/", "da")]
    assert not re.search(r'<link rel="alternate" href="[^"]*" hreflang', norwegian)  # Material's script would redirect
    assert norwegian.count('http-equiv="Content-Security-Policy"') == 1
    assert 'class="md-search__button"' in norwegian and "md-search__form" not in norwegian  # Zensical's own search
    assert "Rapportér en fejl på denne side" in (site / "da" / "index.html").read_text("utf-8")


@pytest.mark.browser
def test_in_chromium_the_switcher_keeps_the_page_and_the_csp_blocks_nothing(zensical_site, request):
    if not os.path.exists(CHROMIUM):
        pytest.skip("Debian's chromium is not installed (make test installs it)")
    browser = request.getfixturevalue("browser")  # the run's one Chromium (tests/site/conftest.py)

    with serve(zensical_site.site_dir) as url:
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        errors: list[str] = []
        page.on("console", lambda message: message.type == "error" and errors.append(message.text))
        page.goto(url + "nb/countries/iraq/", wait_until="networkidle")  # the theme's scripts have run
        assert page.locator("h1").inner_text().rstrip("¶") == "Irak"
        page.locator(".md-header__option .md-select button").focus()  # opens the list, and keeps it open
        page.get_by_role("link", name="English").wait_for(state="visible")
        with page.expect_navigation():
            page.get_by_role("link", name="English").click()
        assert page.url == url + "countries/iraq/", page.url
        assert page.locator("h1").inner_text().rstrip("¶") == "Iraq"
        assert page.locator("table.fs-table").count() > 0 and errors == []
        page.close()


@pytest.mark.slow
def test_a_zensical_build_leaves_no_config_and_no_base_for_a_dirty_mkdocs_build(zensical_site, capsys):
    assert not list(zensical_site.root.glob(CONFIG.format(lang="*"))) + list(zensical_site.root.glob(THEME.format(lang="*")))
    build_site(zensical_site, pdf=False)  # MkDocs again: every page, not only the changed ones
    assert "(all pages) with MkDocs" in capsys.readouterr().out

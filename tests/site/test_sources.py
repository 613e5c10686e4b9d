"""Every citation opens the passage it cites: built sites, with and without the report copies."""
from __future__ import annotations

import re
from types import SimpleNamespace
from html.parser import HTMLParser

import pytest
import yaml

from generator.config import PROJECT_ROOT
from generator.site.build import build_site
from project_support import make_project

pytestmark = pytest.mark.slow  # builds whole sites
REPORTS = PROJECT_ROOT.parent / "shared" / "seeds"
SOURCE_IDS = re.compile(r"\b(?:ntnu|ramboll|deloitte|fdn|imdi)-20\d\d\b")
TYPED = re.compile(r"\b(?:lines?|linjer?)\s+\d", re.I)


class ReadableText(HTMLParser):
    """The words a reader sees in the article, outside links (a citation link may name its lines)."""

    SKIPPED = {"a", "script", "style", "title"}

    def __init__(self) -> None:
        super().__init__()
        self.inside = 0
        self.depth = 0
        self.words: list[str] = []

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if tag == "article":
            self.inside += 1
        if tag in self.SKIPPED:
            self.depth += 1

    def handle_endtag(self, tag: str) -> None:
        if tag == "article":
            self.inside -= 1
        if tag in self.SKIPPED:
            self.depth = max(0, self.depth - 1)

    def handle_data(self, data: str) -> None:
        if self.inside and not self.depth:
            self.words.append(data)


def readable(html: str) -> str:
    parser = ReadableText()
    parser.feed(html)
    return " ".join(parser.words)


@pytest.fixture(scope="module")
def built(shipped_site):
    """Where the shipped site was built, and the content it was built from."""
    return SimpleNamespace(site_dir=shipped_site, content_dir=PROJECT_ROOT / "content")


def test_no_country_or_programme_page_shows_a_typed_citation_in_any_language(built):
    pages = [path for lang in ("", "nb/", "da/") for folder in ("countries", "programmes")
             for path in (built.site_dir / lang / folder).glob("*/index.html")]
    assert len(pages) == 3 * (16 + 18)

    typed = {}
    for path in pages:
        text = readable(path.read_text("utf-8"))
        found = SOURCE_IDS.findall(text) + TYPED.findall(text) + re.findall(r"\[@", text)
        if found:
            typed[str(path.relative_to(built.site_dir))] = found[:3]
    assert typed == {}


def test_each_source_has_a_page_in_each_language_listing_the_passages_cited(built):
    for lang, heading in (("", "Cited passages"), ("nb/", "Siterte avsnitt"), ("da/", "Citerede afsnit")):
        page = (built.site_dir / lang / "sources" / "ramboll-2012" / "index.html").read_text("utf-8")
        assert re.search(r"<h1[^>]*>Rambøll 2012", page) and heading in page
        assert 'id="l3806-3812"' in page  # the trafficking programme's NOK 35 000 package
        index = (built.site_dir / lang / "sources" / "index.html").read_text("utf-8")
        assert all(f'href="{sid}/"' in index for sid in ("ramboll-2012", "ntnu-2012", "deloitte-2014", "fdn-2015"))
        search = (built.site_dir / lang / "search" / "search_index.json").read_text("utf-8")
        assert "sources/ramboll-2012/" not in search  # the reports' own words do not flood the search


@pytest.mark.skipif(not (REPORTS / "004_7c24bf024b138312.txt").is_file(), reason="the report copies are not here")
def test_a_passage_quotes_the_report_at_its_lines_and_links_back_to_the_pages_citing_it(built):
    cost = next(c for c in yaml.safe_load((built.content_dir / "countries" / "ml.yaml").read_text("utf-8"))["costs"]
                if "lines" in c and "amount" in c)  # a cited amount on the Mali page
    first, _, last = cost["lines"].partition("-")
    page = (built.site_dir / "sources" / cost["source"] / "index.html").read_text("utf-8")
    passage = re.search(rf'<section class="fs-passage" id="l{cost["lines"]}">(.*?)</section>', page, re.S).group(1)

    report = (REPORTS / "004_7c24bf024b138312.txt").read_text("utf-8").splitlines()[int(first) - 1:int(last or first)]
    quoted = " ".join(line.strip() for line in report if line.strip())
    assert " ".join(readable(f"<article>{passage}</article>").split()).endswith(" ".join(quoted.split()))
    assert f'href="../../countries/mali/#cite-{cost["source"]}-{cost["lines"]}"' in passage
    mali = (built.site_dir / "countries" / "mali" / "index.html").read_text("utf-8")
    assert f'id="cite-{cost["source"]}-{cost["lines"]}"' in mali


def test_without_the_report_copies_the_site_builds_and_says_the_passages_are_not_included(tmp_path, capsys):
    project = make_project(tmp_path, countries=["ml"], languages=("en",), reports_dir=tmp_path / "no-reports")

    build_site(project, pdf=False)

    notice = capsys.readouterr().err
    assert "notice: 5 report text copies are not in" in notice and "004_7c24bf024b138312.txt" in notice
    page = (project.site_dir / "sources" / "ramboll-2012" / "index.html").read_text("utf-8")
    assert "text is not included in this build" in page.replace("&#39;", "'").replace("’", "'")
    assert 'id="l2389-2395"' in page and "<blockquote" not in page

"""The shipped content is evidence: every amount is dated and sourced, every citation points at real lines."""
from __future__ import annotations

import re

import pytest

from project_support import walk
from generator.config import load_settings
from generator.model.catalogue import build_catalogue
from generator.content.validate import validate_content

SETTINGS = load_settings()
CONTENT, PROBLEMS = validate_content(SETTINGS.content_dir, SETTINGS)
CATALOGUE = build_catalogue(CONTENT, SETTINGS)
SOURCES = CATALOGUE.sources
REPORTS = SETTINGS.reports_dir


def amounts():
    """Every figure of money in content/, with the date it is read at (its own or its programme's)."""
    for programme in CATALOGUE.programmes.values():
        for component in programme.components():
            if "amount" in component or "max_amount" in component:
                yield f"{programme.id}: {component['label']}", component
    for country in CATALOGUE.countries:
        for cost in country.section("costs"):
            yield f"{country.code}: {cost['id']}", cost


def citations():
    for kind, doc in CONTENT.documents():
        for path, value in walk(doc.data):
            if isinstance(value, dict) and "source" in value and kind != "sources":
                yield f"{doc.path.name}:{'.'.join(map(str, path))}", value


def test_the_shipped_content_validates():
    assert PROBLEMS == []


def test_there_is_content_for_the_countries_the_reports_cover():
    names = {c.name for c in CATALOGUE.countries}
    assert {"Afghanistan", "Iraq", "Ethiopia", "Somalia", "Nigeria", "Cameroon", "Mali", "Thailand", "Uganda", "Romania"} <= names


@pytest.mark.parametrize("where, figure", list(amounts()), ids=lambda v: v if isinstance(v, str) else "")
def test_every_amount_has_a_currency_a_date_and_a_source_that_resolves(where, figure):
    assert len(figure["currency"]) == 3
    assert str(figure["as_of"])[:4].isdigit()
    assert figure["source"] in SOURCES


def test_superseded_programmes_are_kept_and_linked():
    superseded = [p for p in CATALOGUE.programmes.values() if p.superseded_by]
    assert superseded, "the history of at least one ceiling is kept"
    for old in superseded:
        assert old in old.superseded_by.older


@pytest.mark.skipif(not REPORTS.is_dir(), reason="the cited reports are not beside the checkout")
def test_every_cited_line_range_exists_in_the_cited_report():
    lengths: dict[str, list[str]] = {}
    checked = 0
    for where, fact in citations():
        if "lines" not in fact:
            continue
        source = SOURCES[fact["source"]]
        assert "file" in source, f"{where}: lines cited from a source without a text copy"
        lines = lengths.setdefault(source["file"], (REPORTS / source["file"]).read_text("utf-8", errors="replace").splitlines())
        first, _, last = str(fact["lines"]).partition("-")
        first, last = int(first), int(last or first)
        assert 1 <= first <= last <= len(lines), f"{where}: lines {fact['lines']} not in {source['file']} ({len(lines)} lines)"
        assert any(line.strip() for line in lines[first - 1:last]), f"{where}: lines {fact['lines']} are blank"
        checked += 1
    assert checked > 100


@pytest.mark.skipif(not REPORTS.is_dir(), reason="the cited reports are not beside the checkout")
def test_no_personal_phone_number_from_the_slides_is_published():
    """The 2015 slides list individuals' mobile numbers; the sheets name organisations only."""
    slides = (REPORTS / SOURCES["fdn-2015"]["file"]).read_text("utf-8", errors="replace")
    def numbers(text: str) -> set[str]:
        return {re.sub(r"\D", "", n) for n in re.findall(r"(?<![\d-])\d{3} ?\d{2} ?\d{3}(?![\d-])", text)}

    mobiles = numbers(slides)
    assert mobiles, "the slides do hold phone numbers"
    published = numbers("\n".join(doc.path.read_text("utf-8") for _, doc in CONTENT.documents()))
    assert mobiles.isdisjoint(published)

"""Sheets a trainer hands out are read on paper: every shipped country, in every language, measured in
its printed PDF (pdfplumber reads each character's font size and position), and what the sheet chooses
to print instead of shrinking the type."""
from __future__ import annotations

import re
import shutil
import statistics
from dataclasses import dataclass
from pathlib import Path

import pdfplumber
import pytest
import yaml

from generator.config import PROJECT_ROOT, load_settings
from generator.content.validate import validate_content
from generator.model.catalogue import build_catalogue, select
from generator.render.i18n import Language
from generator.render.pdf import MAX_PAGES, MIN_LAST_PAGE
from generator.render.sheet import LEVELS, sheet_html, sheet_levels

MM = 72 / 25.4
A4 = (595.28, 841.89)
FLOOR = 8.0  # pt: no text smaller, anywhere on a sheet
BODY = 9.5   # pt: the median character at least
MARGIN = 13 * MM  # the sheet's page margins (sheet.css); the running footer is printed below the bottom one
FOOTER = 11 * MM  # text starting this close to the bottom edge is the footer (the densest pages keep 11 mm)


@dataclass
class Printed:
    sizes: list[tuple[float, float]]  # each page's width and height, pt
    chars: list[tuple[float, str]]    # font size and character of every printed character
    last_page_fill: float             # lowest text of the last page, as a share of the text area's height


def measure(path: Path) -> Printed:
    with pdfplumber.open(path) as pdf:
        chars = [(c["size"], c["text"]) for page in pdf.pages for c in page.chars if c["text"].strip()]
        last = pdf.pages[-1]
        lowest = max(c["bottom"] for c in last.chars if c["text"].strip() and c["top"] < last.height - FOOTER)
        return Printed([(float(p.width), float(p.height)) for p in pdf.pages], chars,
                       (lowest - MARGIN) / (last.height - 2 * MARGIN))


@pytest.fixture(scope="module")
def printed(shipped_sheets) -> dict[str, Printed]:
    """'nb/iraq.pdf' -> its measurements, for all 48 sheets."""
    return {f"{lang}/{path.name}": measure(path) for lang, path in shipped_sheets.pdfs()}


@pytest.mark.slow
def test_every_sheet_is_a4_on_at_most_two_pages(printed, shipped_sheets):
    assert len(printed) == 3 * len(shipped_sheets.catalogue.countries) >= 3 * 16
    for name, sheet in printed.items():
        assert 1 <= len(sheet.sizes) <= MAX_PAGES, f"{name}: {len(sheet.sizes)} pages"
        assert all(abs(w - A4[0]) < 1 and abs(h - A4[1]) < 1 for w, h in sheet.sizes), f"{name}: {sheet.sizes}"


@pytest.mark.slow
def test_no_text_on_any_sheet_is_under_8_pt(printed):
    too_small = {name: sorted({(round(size, 2), ch) for size, ch in sheet.chars if size < FLOOR - 0.01})[:5]
                 for name, sheet in printed.items()}
    assert not {name: found for name, found in too_small.items() if found}


@pytest.mark.slow
def test_body_text_is_at_least_9_5_pt(printed):
    medians = {name: statistics.median(size for size, _ in sheet.chars) for name, sheet in printed.items()}
    assert not {name: median for name, median in medians.items() if median < BODY - 0.01}


@pytest.mark.slow
def test_no_sheet_ends_on_a_page_of_a_few_lines(printed):
    short = {name: round(sheet.last_page_fill, 2) for name, sheet in printed.items()
             if len(sheet.sizes) > 1 and sheet.last_page_fill < MIN_LAST_PAGE}
    assert not short


@pytest.mark.slow
def test_the_iraq_sheet_keeps_its_facts_and_points_to_the_rest(shipped_sheets):
    with pdfplumber.open(shipped_sheets.folders["nb"] / "iraq.pdf") as pdf:
        text = re.sub(r"\s+", " ", " ".join(page.extract_text() for page in pdf.pages))
    assert "kr 20 000" in text.replace("\u00a0", " ")  # the programmes' amounts stay on paper
    assert "IOM Iraq" in text and "Trondheim" in text   # and the organisations with their contacts
    assert "reintegration-factsheets.github.io/factsheets/nb/countries/iraq#merknader-om-retur" in text.replace(" ", "")
    assert "valuta IQD" not in text  # no figure on the sheet is in Iraqi dinar


# -- what a sheet prints, read from its HTML (no WeasyPrint) ---------------------------------------------

@pytest.fixture(scope="module")
def catalogue():
    settings = load_settings(PROJECT_ROOT)
    content, problems = validate_content(PROJECT_ROOT / "content", settings)
    assert not problems
    return build_catalogue(content, settings)


def pointers(html: str) -> list[str]:
    return re.findall(r'<a class="pointer" href="([^"]+)">', html)


def test_each_level_puts_more_behind_pointers_and_the_first_prints_everything(catalogue):
    [iraq] = select(catalogue, ["iq"])
    levels = sheet_levels(catalogue, iraq, Language("da"))
    assert len(levels) == len(LEVELS)
    printed = [len(re.sub(r"<[^>]+>|\s+", "", html.split("<body", 1)[1])) for html in levels]
    assert not pointers(levels[0]) and all(pointers(html) for html in levels[1:])
    assert printed == sorted(printed, reverse=True) and printed[-1] < 0.7 * printed[0], printed
    page = "https://reintegration-factsheets.github.io/factsheets/da/countries/iraq/#"
    assert all(link.startswith(page) for html in levels for link in pointers(html))
    assert "Alle betingelser:" in levels[-1] and page + "bemrkninger-om-tilbagevenden" in pointers(levels[-1])


def test_a_condition_repeated_on_the_next_row_reads_as_above(catalogue):
    [iraq] = select(catalogue, ["iq"])
    html = sheet_html(catalogue, iraq)
    rows = re.findall(r'<td class="cond">(.*?)</td>', html, re.S)
    assert rows.count("As above.") >= 2 and rows[0] != "As above.", rows


def test_the_header_names_the_currency_only_when_a_figure_is_in_it(catalogue, tmp_path):
    [iraq] = select(catalogue, ["iq"])
    assert "currency IQD" not in sheet_html(catalogue, iraq)  # its figures are in NOK and USD
    content = tmp_path / "content"
    shutil.copytree(PROJECT_ROOT / "content", content)
    mali = content / "countries" / "ml.yaml"
    data = yaml.safe_load(mali.read_text("utf-8"))
    data["country"]["currency"] = "EUR"  # Mali's typical costs are quoted in euros
    mali.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), "utf-8")
    settings = load_settings(PROJECT_ROOT, content_dir=content)
    changed = build_catalogue(validate_content(content, settings)[0], settings)
    assert "currency EUR" in sheet_html(changed, select(changed, ["ml"])[0])

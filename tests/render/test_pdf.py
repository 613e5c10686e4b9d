"""Printable sheets with real WeasyPrint and pypdf: size, page count, content, bundles and the cache."""
from __future__ import annotations

import re
import shutil
import unicodedata
from pathlib import Path

import pytest
import yaml
from pypdf import PdfReader

from generator.model import catalogue as model
from generator.render import pdf as printing
from generator.render.bundle import render_bundle
from generator.render import sheet
from generator.config import PROJECT_ROOT, load_settings
from generator.model.catalogue import build_catalogue
from generator.content.validate import validate_content

pytestmark = pytest.mark.slow  # prints every sheet: `make test` runs it, `make test-fast` does not

A4 = (595.28, 841.89)
ETHIOPIC = "ኢትዮጵያ"
ARABIC = "منظمة العودة"


def catalogue_of(content_dir: Path, valid: bool = True):
    settings = load_settings(PROJECT_ROOT, content_dir=content_dir)
    content, problems = validate_content(content_dir, settings)
    assert not valid or not problems, "\n".join(p.text() for p in problems)
    return build_catalogue(content, settings)


def pdf_text(path: Path, page: int | None = None) -> str:
    reader = PdfReader(str(path))
    pages = reader.pages if page is None else [reader.pages[page]]
    return unicodedata.normalize("NFKC", "\n".join(p.extract_text() or "" for p in pages))


def flat(text: str) -> str:
    return re.sub(r"\s+", "", text)


@pytest.fixture(scope="module")
def shipped(shipped_sheets):
    """Every shipped country's English sheet, printed once per run (tests/render/conftest.py)."""
    out = shipped_sheets.folders["en"]
    return shipped_sheets.catalogue, out, [out / f"{c.slug}.pdf" for c in shipped_sheets.catalogue.countries]


def write_country(content: Path, code: str, name: str, local: str | None = None, org_local: str | None = None) -> None:
    """A fixture country: Cameroon's facts under another name (so the citations stay valid)."""
    data = yaml.safe_load((PROJECT_ROOT / "content" / "countries" / "cm.yaml").read_text("utf-8"))
    data["country"]["code"], data["country"]["name"] = code, name
    data["country"].pop("name_local", None)
    if local:
        data["country"]["name_local"] = {"text": local, "lang": "am"}
    if org_local:
        data["organisations"][0]["name_local"] = {"text": org_local, "lang": "ar"}
    (content / "countries" / f"{code.lower()}.yaml").write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), "utf-8")


@pytest.fixture
def small_tree(tmp_path) -> Path:
    """A content tree with Cameroon and two fixture countries, one with Ethiopic and Arabic names."""
    content = tmp_path / "content"
    shutil.copytree(PROJECT_ROOT / "content", content)
    for path in (content / "countries").glob("*.yaml"):
        if path.stem != "cm":
            path.unlink()
    write_country(content, "ET", "Ethiopia", local=ETHIOPIC, org_local=ARABIC)
    write_country(content, "GH", "Ghana")
    return content


def test_every_shipped_country_has_an_a4_sheet_within_the_page_limit(shipped):
    catalogue, out, paths = shipped
    assert {p.name for p in paths} == {f"{c.slug}.pdf" for c in catalogue.countries}
    for path in paths:
        reader = PdfReader(str(path))
        assert 1 <= len(reader.pages) <= printing.MAX_PAGES, f"{path.name}: {len(reader.pages)} pages"
        for page in reader.pages:
            width, height = float(page.mediabox.width), float(page.mediabox.height)
            assert abs(width - A4[0]) < 1 and abs(height - A4[1]) < 1, f"{path.name}: {width}x{height}"


def test_sheet_text_has_name_amounts_dates_and_address(shipped):
    catalogue, out, _ = shipped
    for country in catalogue.countries:
        text = pdf_text(out / f"{country.slug}.pdf")
        assert country.name in text
        assert flat(catalogue.settings.site_url + "countries/" + country.slug + "/") in flat(text)
        if country.oldest:
            assert "as of " + country.oldest.written in text
        assert "Page 1 of" in text
    cameroon = next(c for c in catalogue.countries if c.code == "CM")
    text = pdf_text(out / f"{cameroon.slug}.pdf")
    assert "USD 150" in text  # the Danish programme's subsistence allowance


def test_second_run_renders_nothing(shipped):
    catalogue, out, paths = shipped
    before = {p: p.stat().st_mtime_ns for p in paths}
    printing.render_sheets(catalogue, out)
    assert {p: p.stat().st_mtime_ns for p in paths} == before


def test_editing_one_country_rerenders_only_it(small_tree, tmp_path):
    out = tmp_path / "pdf"
    paths = printing.render_sheets(catalogue_of(small_tree), out)
    before = {p.name: p.stat().st_mtime_ns for p in paths}
    assert set(before) == {"cameroon.pdf", "ethiopia.pdf", "ghana.pdf"}
    ghana = small_tree / "countries" / "gh.yaml"
    ghana.write_text(ghana.read_text("utf-8").replace("Coordinates support", "Coordinates all support"), "utf-8")
    printing.render_sheets(catalogue_of(small_tree), out)
    after = {p.name: p.stat().st_mtime_ns for p in out.glob("*.pdf")}
    assert after["ghana.pdf"] != before["ghana.pdf"]
    assert after["cameroon.pdf"] == before["cameroon.pdf"] and after["ethiopia.pdf"] == before["ethiopia.pdf"]
    assert "Coordinates all support" in pdf_text(out / "ghana.pdf").replace("\n", " ")
    assert not list(out.glob(".*.tmp")), "temporary files left behind"


def test_local_scripts_print_as_text(small_tree, tmp_path):
    [path] = printing.render_sheets(catalogue_of(small_tree), tmp_path, ["et"])
    text = pdf_text(path)
    assert ETHIOPIC in text
    words = ARABIC.split()
    # Extraction may give right-to-left words in visual order; each word must come out whole.
    assert all(w in text or w[::-1] in text for w in words), text


def test_bundle_has_a_cover_then_each_country_in_order(small_tree, tmp_path):
    catalogue = catalogue_of(small_tree)
    order = ["gh", "CM", "et"]
    out = render_bundle(catalogue, order, tmp_path / "seminar.pdf")
    reader = PdfReader(str(out))
    cover = pdf_text(out, 0)
    names = ["Ghana", "Cameroon", "Ethiopia"]
    assert [cover.index(n) for n in names] == sorted(cover.index(n) for n in names)
    pages = [pdf_text(out, i) for i in range(1, len(reader.pages))]
    # A sheet starts with its kicker, then the country's name (the fixture countries' texts name Cameroon too).
    starts = [next(i for i, text in enumerate(pages) if text.split("\n")[1].startswith(name)) for name in names]
    assert starts[0] == 0 and starts == sorted(set(starts)), starts
    assert len(reader.pages) <= 1 + printing.MAX_PAGES * len(names)
    for p in reader.pages:
        assert abs(float(p.mediabox.width) - A4[0]) < 1
    # The contents give the page each sheet starts on, and each has a bookmark there.
    cover_mark, *bookmarks = [item for item in reader.outline if not isinstance(item, list)]  # lists: headings
    assert reader.get_destination_page_number(cover_mark) == 0 and [item.title for item in bookmarks] == names
    firsts = [reader.get_destination_page_number(item) + 1 for item in bookmarks]
    assert firsts == [start + 2 for start in starts]
    rows = [line for line in cover.splitlines() if any(line.startswith(name) for name in names)]
    assert [int(row.split()[-1]) for row in rows] == firsts, rows


def test_a_bundle_is_made_of_the_sheets_already_printed(small_tree, tmp_path):
    catalogue = catalogue_of(small_tree)
    [sheet_path] = printing.render_sheets(catalogue, tmp_path / "sheets", ["CM"])
    stamp = sheet_path.stat().st_mtime_ns
    out = render_bundle(catalogue, ["CM"], tmp_path / "one.pdf", sheets_dir=tmp_path / "sheets")
    assert sheet_path.stat().st_mtime_ns == stamp  # reused, not printed again
    sheet_pages = [p.extract_text() for p in PdfReader(str(sheet_path)).pages]
    assert [p.extract_text() for p in PdfReader(str(out)).pages][1:] == sheet_pages


def test_the_sheets_print_the_configured_site_url_and_encode_it_in_the_qr_code(tmp_path, monkeypatch):
    """site_url is the one setting for every printed address: FACTSHEETS_SITE_URL here, as on a deployment."""
    from generator.cli import main
    from generator.model.catalogue import load_catalogue
    from generator.render.i18n import Language

    monkeypatch.setenv("FACTSHEETS_SITE_URL", "https://counselling.example.org/fs/")
    assert main(["pdf", "--lang", "nb", "--out", str(tmp_path), "--bundle", str(tmp_path / "seminar.pdf"), "ML"]) == 0
    printed = flat(pdf_text(tmp_path / "mali.pdf"))
    assert "counselling.example.org/fs/nb/countries/mali" in printed
    assert "reintegration-factsheets" not in printed
    assert "counselling.example.org/fs" in flat(pdf_text(tmp_path / "seminar.pdf", 0))  # the cover
    # The QR code is drawn from the sheet's HTML; the PDF's stamp says it was printed from this very HTML,
    # whose QR code is the one segno makes for the expected address.
    catalogue = load_catalogue(load_settings())
    [mali] = model.select(catalogue, ["ML"])
    levels = sheet.sheet_levels(catalogue, mali, Language("nb"))
    assert all(sheet.qr_data_uri("https://counselling.example.org/fs/nb/countries/mali/") in html for html in levels)
    assert printing.is_current(tmp_path / "mali.pdf", printing.sheet_digest(levels))


def test_unknown_code_is_a_clear_error(small_tree):
    catalogue = catalogue_of(small_tree)
    with pytest.raises(model.UnknownCountry, match="'zz'"):
        model.select(catalogue, ["cm", "zz"])
    assert [c.code for c in model.select(catalogue, ["et", "Cm"])] == ["ET", "CM"]


def test_editor_html_is_escaped(small_tree, tmp_path):
    path = small_tree / "countries" / "gh.yaml"
    data = yaml.safe_load(path.read_text("utf-8"))
    data["summary"] = "<script>alert(1)</script> [a link](javascript:alert(1)) and [site](https://example.org)"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), "utf-8")
    catalogue = catalogue_of(small_tree, valid=False)  # the validator refuses it; the sheet must still be safe
    html = sheet.sheet_html(catalogue, model.select(catalogue, ["gh"])[0])
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert "javascript:" not in html
    assert 'href="https://example.org"' in html


def test_cli_unknown_code_exits_2(capsys):
    from generator.cli import main

    assert main(["pdf", "zz"]) == 2
    assert "'zz'" in capsys.readouterr().err

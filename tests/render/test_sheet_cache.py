"""A sheet is reused only when the PDF beside its stamp is still the file that was rendered."""
from __future__ import annotations

import hashlib

import pytest

from generator.model.catalogue import load_catalogue
from generator.render import pdf as printing
from project_support import make_project


@pytest.fixture
def rendered(tmp_path, capsys):
    """Cameroon's sheet rendered once into tmp_path/pdf; (catalogue, folder, the sheet)."""
    catalogue = load_catalogue(make_project(tmp_path, countries=["cm"]))
    out = tmp_path / "pdf"
    [sheet] = printing.render_sheets(catalogue, out, ["cm"])
    capsys.readouterr()
    return catalogue, out, sheet


def render_again(catalogue, out, capsys) -> str:
    printing.render_sheets(catalogue, out, ["cm"])
    return capsys.readouterr().err


def test_an_untouched_sheet_is_reused(rendered, capsys):
    catalogue, out, sheet = rendered
    before = sheet.stat().st_mtime_ns
    assert "cameroon.pdf: unchanged" in render_again(catalogue, out, capsys)
    assert sheet.stat().st_mtime_ns == before


def test_a_garbage_pdf_with_a_valid_stamp_is_rendered_again(rendered, capsys):
    catalogue, out, sheet = rendered
    sheet.write_bytes(b"not a PDF at all")
    printed = render_again(catalogue, out, capsys)
    assert "unchanged" not in printed and "cameroon.pdf: rendered" in printed
    assert sheet.read_bytes().startswith(b"%PDF-")
    assert printing.digest_path(sheet).read_text("ascii").split()[1] == hashlib.sha256(sheet.read_bytes()).hexdigest()


def test_a_stamp_of_the_old_one_line_format_counts_as_not_current(rendered, capsys):
    catalogue, out, sheet = rendered
    stamp = printing.digest_path(sheet)
    stamp.write_text(stamp.read_text("ascii").splitlines()[0] + "\n", "ascii")
    assert "cameroon.pdf: rendered" in render_again(catalogue, out, capsys)
    assert len(stamp.read_text("ascii").split()) == 2

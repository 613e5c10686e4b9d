"""Citations in free text, `[@ramboll-2012:3806-3812]`: checked like a fact's source and lines, and
refused when typed as prose (tests/render/test_citations_in_text.py: how they read)."""
from __future__ import annotations

import pytest

from generator.config import load_settings
from generator.content.fields import text_hash

PROGRAMME = "programmes/dk-prepared-return-2012.yaml"
REPORTS = load_settings().reports_dir


def with_funding_body(root, text: str) -> int:
    """Write `text` as the programme's funding_body (in place of its language map); the line it stands on."""
    path = root / PROGRAMME
    lines = path.read_text("utf-8").splitlines()
    number = next(i for i, line in enumerate(lines) if line.startswith("funding_body:"))
    end = next(i for i in range(number + 1, len(lines)) if not lines[i].startswith(" "))
    lines[number:end] = [f"funding_body: '{text}'"]
    path.write_text("\n".join(lines) + "\n", "utf-8")
    return number + 1


@pytest.mark.parametrize(("text", "message"), [
    pytest.param("Paid by US [@nowhere-2099:1-2].", "`[@nowhere-2099…]` cites source `nowhere-2099`, which is not declared "
                 "in content/sources.yaml", id="unknown-source"),
    pytest.param("Paid by US [@ramboll-2012:20-10].", "the range 20-10 in `[@ramboll-2012:…]` runs backwards", id="backwards"),
    pytest.param("Paid by US (lines 12-19).", "the citation `(lines 12-19)` is typed as text, which a reader cannot open: "
                 "write it as [@ramboll-2012:3806-3812]", id="typed-as-prose"),
    pytest.param("Paid by US (ramboll-2012 linje 3806).", "the citation `(ramboll-2012 linje 3806)` is typed as text",
                 id="typed-in-norwegian"),
    pytest.param("Paid by US [@Rambøll 2012, p. 4].", "`[@Rambøll 2012, p. 4]` is not a citation as written here",
                 id="not-a-citation"),
])
def test_a_citation_in_text_that_cannot_be_followed_is_refused_at_its_line(small_content, run_validate, text, message):
    line = with_funding_body(small_content, text)

    result = run_validate("content")

    assert result.code == 1
    assert f"content/{PROGRAMME}:{line}:15: funding_body: {message}" in result.out


@pytest.mark.skipif(not (REPORTS / "004_7c24bf024b138312.txt").is_file(), reason="the report copies are not here")
def test_a_citation_past_the_end_of_the_report_is_refused(small_content, run_validate):
    line = with_funding_body(small_content, "Paid by US [@ramboll-2012:4580-4599].")

    result = run_validate("content")

    assert (f"content/{PROGRAMME}:{line}:15: funding_body: lines 4580-4599 in `[@ramboll-2012:…]` are past the end of "
            "its text copy, which has 4588 lines") in result.out


def test_without_the_report_copies_validation_passes_with_one_notice(small_content, run_validate, tmp_path, monkeypatch):
    monkeypatch.setenv("FACTSHEETS_REPORTS", str(tmp_path))
    with_funding_body(small_content, "Paid by US [@ramboll-2012:4580-4599].")  # unchecked without the copy

    result = run_validate("content")

    assert result.code == 0, result.output
    assert (result.err, result.notices.count("notice:")) == ("", 1)
    assert f"report text copies are not in {tmp_path}" in result.notices and "cited line ranges are not checked" in result.notices


def test_correcting_a_cited_line_leaves_the_translations_current():
    assert text_hash("Paid after arrival [@ramboll-2012:3806-3812].") == text_hash("Paid after arrival [@ramboll-2012:3806-3813].")
    assert text_hash("Paid after arrival.") != text_hash("Paid before departure.")

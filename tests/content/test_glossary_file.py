"""The glossary is content like any other: validated, cited, and it must explain every programme's
abbreviation, so no page shows one that the reader cannot look up."""
from __future__ import annotations

from pathlib import Path

import pytest

from generator.content.fields import text_hash, written_fingerprint

AVRV = """\
  - id: avrv-dk
    abbreviation: AVRV-DK
    expansion: Information, Assisted Voluntary Return and Reintegration Assistance for Vulnerable Migrants from Denmark
    programmes: [dk-prepared-return-2012]
    meaning: The project name of Denmark's programme for prepared return.
    source: ramboll-2012
    lines: "60-61"
"""
DEADLINE = """\
  - id: departure-deadline
    term:
      en: departure deadline
      nb: {text: utreisefrist, from_en: %s}
    meaning: The date by which a person who has been refused must leave.
    source: ramboll-2012
    lines: "3800-3803"
""" % written_fingerprint("departure deadline")


def glossary(root: Path, *entries: str) -> Path:
    path = root / "glossary.yaml"
    path.write_text("entries:\n" + "".join(entries), "utf-8")
    return path


def test_a_glossary_that_explains_the_programmes_passes(small_content, run_validate):
    glossary(small_content, AVRV, DEADLINE)

    result = run_validate("content")

    assert (result.code, result.err) == (0, ""), result.output


def test_a_programme_abbreviation_the_glossary_does_not_explain_is_reported_on_the_programme(small_content, run_validate):
    glossary(small_content, DEADLINE)
    programme = (small_content / "programmes" / "dk-prepared-return-2012.yaml").read_text("utf-8").splitlines()
    line = next(number for number, text in enumerate(programme, 1) if text.startswith("short_name:"))

    result = run_validate("content")

    assert result.code == 1
    assert (f"content/programmes/dk-prepared-return-2012.yaml:{line}:13: short_name: `AVRV-DK` is not explained in "
            "content/glossary.yaml: add an entry with `abbreviation: AVRV-DK`") in result.out


def test_without_a_glossary_file_nothing_is_asked_of_programmes(small_content, run_validate):
    assert not (small_content / "glossary.yaml").exists()

    assert run_validate("content").code == 0


@pytest.mark.parametrize(("entries", "where", "message"), [
    pytest.param((AVRV, AVRV.replace("id: avrv-dk", "id: avrv")), "glossary.yaml:10:19: entries[1].abbreviation",
                 "`AVRV-DK` is explained twice (first in entry 1); keep one entry", id="same-abbreviation-twice"),
    pytest.param((AVRV, DEADLINE, DEADLINE.replace("id: departure-deadline", "id: deadline")
                  .replace("en: departure deadline", "en: Departure Deadline")), "glossary.yaml:",
                 "`Departure Deadline` is explained twice (first in entry 2)", id="same-term-in-other-case"),
    pytest.param((AVRV.replace("[dk-prepared-return-2012]", "[dk-prepared-return-2012, no-such-2012]"),),
                 "glossary.yaml:5:43: entries[0].programmes[1]",
                 "programme `no-such-2012` does not exist in content/programmes/", id="unknown-programme"),
    pytest.param((AVRV, DEADLINE.replace("  - id: departure-deadline\n", "  - id: departure-deadline\n    abbreviation: DD\n")),
                 "glossary.yaml:9:5: entries[1]", "an entry is either an `abbreviation` (with an optional `expansion`) or a `term`",
                 id="abbreviation-and-term"),
    pytest.param((AVRV.replace('lines: "60-61"', 'lines: "61-60"'),), "glossary.yaml:8:12: entries[0].lines",
                 "the range 61-60 runs backwards", id="citation-checked-like-any-fact"),
])
def test_a_defect_in_the_glossary_is_reported_at_its_line(small_content, run_validate, entries, where, message):
    glossary(small_content, *entries)

    result = run_validate("content")

    assert result.code == 1
    assert any(row.startswith(f"content/{where}") and message in row for row in result.out.splitlines()), result.output


def test_a_fingerprint_that_yaml_would_read_as_a_number_is_suggested_in_quotes():
    assert text_hash("A programme of a country that counsellors here do not advise from (Belgium, Switzerland, the "
                     "United Kingdom), shown only for comparison, as the Danish evaluation compared them: it does not "
                     "apply to a return from Norway or Denmark.") == "755029e2"
    assert written_fingerprint("A programme of a country that counsellors here do not advise from (Belgium, Switzerland, "
                               "the United Kingdom), shown only for comparison, as the Danish evaluation compared them: "
                               "it does not apply to a return from Norway or Denmark.") == '"755029e2"'
    assert written_fingerprint("departure deadline") == text_hash("departure deadline")

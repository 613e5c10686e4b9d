"""Citations written in free text: `[@ramboll-2012:3806-3812]`, checked like a fact's `source` and
`lines` and rendered as the same citation link.

Several at one place: `[@ramboll-2012:3631-3634, 3853-3856; @ntnu-2012:1013-1017]`. A citation of a
whole source leaves out the lines: `[@fdn-2015]`. The old typed form, "(lines 3806-3812)" or
"(ntnu-2012 linje 1013)", cannot be followed by a reader and is refused.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable, Iterator

INLINE = re.compile(r"\[(@[^\]\n]*)\]")
ONE_SOURCE = re.compile(r"\s*@([a-z0-9][a-z0-9-]*)\s*(?::\s*([^;]*?))?\s*")
RANGE = re.compile(r"([0-9]{1,9})(?:-([0-9]{1,9}))?")
# "(lines 12-19)", "(ramboll-2012 linje 3806)", "(…; table 9, line 2026)": a citation typed as prose.
TYPED = re.compile(r"\([^()\n]*?\b(?:lines?|linjer?|l\.)\s*[0-9][^()\n]*\)?", re.I)
TYPED_ANYWHERE = re.compile(r"\b(?:lines?|linjer?|l\.)\s+[0-9]", re.I)  # the same across a line break of a file
EXAMPLE = "[@ramboll-2012:3806-3812]"


@dataclass(frozen=True)
class Cited:
    """One source and one place in it (a line range, or '' for the whole source)."""

    source: str
    lines: str


def parse(inside: str) -> list[Cited] | None:
    """What `@source:lines, lines; @source` (the text between the brackets) cites, or None when it
    is not written that way."""
    found = []
    for part in inside.split(";"):
        one = ONE_SOURCE.fullmatch(part)
        if one is None:
            return None
        if one.group(2) is None:
            found.append(Cited(one.group(1), ""))
            continue
        ranges = [r.strip() for r in one.group(2).split(",")]
        if not all(RANGE.fullmatch(r) for r in ranges):
            return None
        found += [Cited(one.group(1), r) for r in ranges]
    return found


def citations_in(text: str) -> Iterator[tuple[re.Match[str], list[Cited] | None]]:
    """Each `[@…]` in a text with what it cites (None: not readable as citations)."""
    for match in INLINE.finditer(text):
        yield match, parse(match.group(1))


def without_citations(text: str) -> str:
    """The text as a translator reads it: a citation is not words to translate."""
    return INLINE.sub("", text) if "[@" in text else text


def copies_notice(sources: Iterable[dict], reports_dir: Path) -> str:
    """One line when report copies that sources name are not here, '' when all are: a build
    without them is fine, but its line ranges go unchecked and source pages quote nothing."""
    named = {s["file"] for s in sources if isinstance(s, dict) and isinstance(s.get("file"), str)}
    missing = sorted(name for name in named if not (reports_dir / name).is_file())
    if not missing:
        return ""
    return (f"notice: {len(missing)} report text cop{'y is' if len(missing) == 1 else 'ies are'} not in {reports_dir} "
            f"({', '.join(missing)}): cited line ranges are not checked against them, and the source pages do not quote "
            "them (set FACTSHEETS_REPORTS to the folder that holds them)")


def problems(text: str, sources: set[str], report_length: Callable[[str], int | None]) -> list[str]:
    """What is wrong with the citations written in one text, as messages; none when all hold.

    `report_length(source)` is the number of lines of the source's text copy, None when unknown."""
    found = []
    typed = TYPED.search(INLINE.sub("", text))
    if typed:
        found.append(f"the citation `{typed.group()[:80]}` is typed as text, which a reader cannot open: write it as "
                     f"{EXAMPLE} (source id, colon, lines), which becomes a link to the passage")
    for match, cited in citations_in(text):
        if cited is None:
            found.append(f"`{match.group()[:60]}` is not a citation as written here: write {EXAMPLE}, several as "
                         "[@ramboll-2012:3631-3634, 3853-3856; @ntnu-2012:1013]")
            continue
        for one in cited:
            found += range_problems(one, sources, report_length)
    return found


def range_problems(one: Cited, sources: set[str], report_length: Callable[[str], int | None]) -> list[str]:
    if one.source not in sources:
        return [f"`[@{one.source}…]` cites source `{one.source}`, which is not declared in content/sources.yaml"]
    numbers = RANGE.fullmatch(one.lines) if one.lines else None
    if numbers is None:
        return []
    first, last = int(numbers[1]), int(numbers[2] or numbers[1])
    if first > last:
        return [f"the range {one.lines} in `[@{one.source}:…]` runs backwards; write the lower number first"]
    length = report_length(one.source)
    if length is not None and last > length:
        return [f"lines {one.lines} in `[@{one.source}:…]` are past the end of its text copy, which has {length} lines"]
    return []

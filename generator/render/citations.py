"""The numbered citations of one rendered page or sheet: numbers follow first use on that page.

Each render gets its own `Citations`, so rendering never changes the model and a sheet numbers its
footnotes in its own order, whatever the site page did.
"""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Citation:
    number: int
    source_id: str
    locator: str


def locator_of(fact: dict) -> str:
    """'lines 12-19', 'p. 4' or '' for a fact that cites a whole source."""
    return f"lines {fact['lines']}" if "lines" in fact else (f"p. {fact['page']}" if "page" in fact else "")


@dataclass
class Citations:
    cited: list[Citation] = field(default_factory=list)

    def cite(self, fact: dict) -> Citation:
        """The citation of a fact: a source keeps the number it got first, each place in it is listed once."""
        locator = locator_of(fact)
        for citation in self.cited:
            if citation.source_id == fact["source"] and citation.locator == locator:
                return citation
        number = next((c.number for c in self.cited if c.source_id == fact["source"]), None)
        if number is None:
            number = len({c.source_id for c in self.cited}) + 1
        citation = Citation(number, fact["source"], locator)
        self.cited.append(citation)
        return citation

    def numbered(self) -> list[tuple[int, str, list[str]]]:
        """(number, source id, places cited) in number order, for the list of sources."""
        by_number: dict[int, tuple[str, list[str]]] = {}
        for c in self.cited:
            by_number.setdefault(c.number, (c.source_id, []))[1].append(c.locator)
        return [(n, sid, [place for place in places if place]) for n, (sid, places) in sorted(by_number.items())]

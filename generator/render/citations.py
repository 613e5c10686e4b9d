"""Citations on one rendered page or sheet, and how they read.

On the site a citation reads as its source's label ("Rambøll 2012", the same on every page) and
opens the cited passage on that source's page (`sources/<id>/#l3806-3812`); the first citation of a
place on a page carries the anchor the passage links back to. On a sheet it is a footnote number,
in the order that sheet cites. Each render gets its own `Citations`, so rendering never changes the
model.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Callable

from markupsafe import Markup, escape

from ..content.citing import Cited, citations_in

SOURCES = "sources"  # the folder of the source pages


@dataclass(frozen=True)
class Citation:
    number: int
    source_id: str
    locator: str  # 'lines 12-19', 'p. 4', or '' for the whole source
    first: bool   # the first citation of this place on this page


def locator_of(fact: dict) -> str:
    """'lines 12-19', 'p. 4' or '' for a fact that cites a whole source."""
    return f"lines {fact['lines']}" if "lines" in fact else (f"p. {fact['page']}" if "page" in fact else "")


def passage_id(fact: dict) -> str:
    """The anchor of a cited passage on its source's page: 'l3806-3812'; '' without lines."""
    return f"l{fact['lines']}" if "lines" in fact else ""


def backlink_id(fact: dict) -> str:
    """The anchor on a citing page that a passage links back to."""
    return f"cite-{fact['source']}-{fact['lines']}" if "lines" in fact else f"cite-{fact['source']}"


def page_root(page_path: str) -> str:
    """From a generated page to the site's root (directory URLs: `a/b.md` is served as `a/b/`)."""
    parts = page_path.split("/")
    return "../" * (len(parts) - 1 if parts[-1] == "index.md" else len(parts))


def served_at(page_path: str) -> str:
    """The address of a generated page relative to the site's root: `countries/iraq.md` -> `countries/iraq/`."""
    stem = page_path.removesuffix(".md")
    return "" if stem == "index" else (stem.removesuffix("index") if stem.endswith("/index") else f"{stem}/")


@dataclass
class Citations:
    root: str = ""  # page_root of the page being rendered
    cited: list[Citation] = field(default_factory=list)

    def cite(self, fact: dict) -> Citation:
        """The citation of a fact: a source keeps the number it got first, each place in it is listed once."""
        locator = locator_of(fact)
        for citation in self.cited:
            if citation.source_id == fact["source"] and citation.locator == locator:
                return Citation(citation.number, citation.source_id, locator, first=False)
        number = next((c.number for c in self.cited if c.source_id == fact["source"]), None)
        if number is None:
            number = len({c.source_id for c in self.cited}) + 1
        citation = Citation(number, fact["source"], locator, first=True)
        self.cited.append(citation)
        return citation

    def numbered(self) -> list[tuple[int, str, list[str]]]:
        """(number, source id, places cited) in number order, for the list of sources."""
        by_number: dict[int, tuple[str, list[str]]] = {}
        for c in self.cited:
            by_number.setdefault(c.number, (c.source_id, []))[1].append(c.locator)
        return [(n, sid, [place for place in places if place]) for n, (sid, places) in sorted(by_number.items())]


def as_fact(cited: Cited) -> dict:
    return {"source": cited.source, "lines": cited.lines} if cited.lines else {"source": cited.source}


class CitationWords:
    """How citations read in one language: links on the site, footnote numbers on a sheet."""

    def __init__(self, sources: dict[str, dict], gettext: Callable[[str], str], compact: bool):
        self.sources = sources
        self._ = gettext
        self.compact = compact

    def label(self, source_id: str) -> str:
        return self.sources[source_id].get("label") or source_id

    def place(self, locator: str) -> str:
        """'lines 12-19' in the page's language."""
        if locator.startswith("lines "):
            return self._("lines %(range)s") % {"range": locator[6:]}
        if locator.startswith("p. "):
            return self._("p. %(page)s") % {"page": locator[3:]}
        return locator

    def places_links(self, root: str, source_id: str, locators: list[str]) -> Markup:
        """'lines 12-19; lines 30-39', each a link to its passage on the source's page."""
        links = [Markup('<a href="{}{}/{}/#l{}">{}</a>').format(root, SOURCES, source_id, place[6:], self.place(place))
                 if place.startswith("lines ") else escape(self.place(place)) for place in locators]
        return Markup("; ").join(links)

    def target(self, root: str, fact: dict) -> dict[str, str]:
        """Where a citation leads and how it reads, for a page's script: label, address, title."""
        source = self.sources[fact["source"]]
        where = self.place(locator_of(fact))
        anchor = passage_id(fact)
        return {"label": self.label(fact["source"]), "title": f"{source['title']}, {where}" if where else source["title"],
                "href": f"{root}{SOURCES}/{fact['source']}/" + (f"#{anchor}" if anchor else "")}

    def link(self, citations: Citations | None, fact: dict, text: str | None = None) -> Markup:
        """A fact's citation: the source's label (or `text`), opening the passage (a footnote number on a sheet)."""
        if citations is None:
            citations = Citations()
        cited = citations.cite(fact)
        if self.compact:
            return Markup('<sup class="fn">{}</sup>').format(cited.number)
        shown = self.target(citations.root, fact)
        anchor = Markup(' id="{}"').format(backlink_id(fact)) if cited.first else ""
        return Markup('<a class="fs-cite"{} href="{}" title="{}">{}</a>').format(
            anchor, shown["href"], shown["title"], text or shown["label"])

    def group(self, citations: Citations | None, facts: list[dict]) -> Markup:
        """Places cited together, `[@a:1-2, 5; @b:7]`: "Label A, lines 5; Label B" on the site, each a link
        (a further place in the same source reads as its lines); one footnote number per source on a sheet."""
        if citations is None:
            citations = Citations()
        groups: list[list[Markup]] = []
        previous = None
        for fact in facts:
            again = fact["source"] == previous
            link = self.link(citations, fact, self.place(locator_of(fact)) if again else None)
            if not again:
                groups.append([link])
            elif not self.compact:
                groups[-1].append(link)
            previous = fact["source"]
        return Markup("" if self.compact else "; ").join(Markup(", ").join(group) for group in groups)

    def in_text(self, html: str, citations: Citations | None) -> str:
        """Rendered editor text with each `[@source:lines]` as a citation (checked by the validator)."""
        if "[@" not in html:
            return html

        def cite(match: re.Match[str]) -> str:
            cited = next((found for _, found in citations_in(match.group()) if found), None)
            if cited is None:  # not a citation as written (the validator refuses it in content)
                return match.group()
            return str(self.group(citations, [as_fact(one) for one in cited if one.source in self.sources]))

        return re.sub(r"\[@[^\]\n]*\]", cite, html)

    def source_line(self, source_id: str, date: Callable[[str], str], kind: str, publisher: Markup) -> Markup:
        """A source as a bibliography entry: title (English title). Publisher, date. Kind. The titles are not
        translated: each is marked with its language."""
        s = self.sources[source_id]
        title = Markup('<span lang="{}">{}</span>').format(s["language"], s["title"]) if s.get("language") else escape(s["title"])
        if s.get("title_en"):
            title += Markup(' <span class="fs-muted" lang="en">({})</span>').format(s["title_en"])
        if s.get("url"):
            title = Markup('<a href="{}">{}</a>').format(s["url"], title)
        return Markup('{}. {}, {}. <span class="fs-muted">{}</span>').format(title, publisher, date(s["published"]), kind)

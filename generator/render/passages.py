"""The passages the content cites, per source: what each source page quotes, and which pages cite it.

A passage is a line range of a report's text copy (`file:` in sources.yaml, in the reports folder).
Without the copy the page still lists the passages and says their text is not in this build.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterator

from ..content.citing import citations_in
from ..content.fields import english
from ..model.catalogue import Catalogue
from .citations import as_fact, backlink_id
from .glossary import PAGE as GLOSSARY
from .i18n import Language, localize
from .labels import SECTION_TITLES


@dataclass(frozen=True)
class Use:
    """A page that cites a passage, as the passage links back to it."""

    page: str    # the page's path under the docs folder, e.g. countries/iraq.md
    title: str
    anchor: str  # the citing link's id on that page


@dataclass
class Passage:
    lines: str
    first: int
    last: int
    uses: list[Use] = field(default_factory=list)
    text: list[str] | None = None  # the report's lines, None without its text copy

    @property
    def anchor(self) -> str:
        return f"l{self.lines}"


def cited(data: Any, within: Any = None) -> Iterator[tuple[dict, Any]]:
    """Every citation in a document, as ({source, lines?}, the top-level entry it stands in): facts'
    `source`, and `[@…]` in its texts."""
    if isinstance(data, dict):
        if isinstance(data.get("source"), str):
            yield {key: str(data[key]) for key in ("source", "lines") if key in data}, within
        for key, value in data.items():
            yield from cited(value, key if within is None else within)
    elif isinstance(data, list):
        for value in data:
            yield from cited(value, within)
    elif isinstance(data, str) and "[@" in data:
        for _, found in citations_in(data):
            yield from ((as_fact(one), within) for one in found or [])


def pages_citing(catalogue: Catalogue, lang: Language) -> Iterator[tuple[Use, dict]]:
    """(the citing page, the citation) for every citation on a country, programme or glossary page."""
    for country in catalogue.countries:
        name = lang.country(country.code, country.name)
        for fact, section in cited(country.data):
            where = f"{name} · {lang.gettext(SECTION_TITLES[section])}" if section in SECTION_TITLES else name
            yield Use(f"countries/{country.slug}.md", where, backlink_id(fact)), fact
    for programme in catalogue.programmes.values():
        short = programme.data.get("short_name") or localize(programme.data["name"], lang.code).text
        shown_on = [(f"programmes/{programme.slug}.md", short)]
        shown_on += [(f"countries/{c.slug}.md", lang.country(c.code, c.name)) for c in programme.countries]
        for fact, _ in cited(programme.data):
            label = fact_label(programme.data, fact)
            figure = f" · {localize(label, lang.code).text}" if label else ""
            for page, title in shown_on:  # its page, and each country page that shows the programme
                yield Use(page, f"{title}{figure}", backlink_id(fact)), fact
    for entry in catalogue.glossary:
        title = entry.abbreviation or localize(entry.term, lang.code).text or english(entry.term)
        for fact, _ in cited(entry.data):
            yield Use(f"{GLOSSARY}.md", title, backlink_id(fact)), fact


def fact_label(programme: dict, fact: dict) -> Any:
    """The label of the programme component a citation belongs to (the figure it supports), if any."""
    return next((c["label"] for c in programme.get("components", [])
                 if c.get("source") == fact["source"] and str(c.get("lines", "")) == fact.get("lines", "")), None)


def report_lines(reports_dir: Path, source: dict) -> tuple[str, ...] | None:
    """The lines of a source's text copy, None when it has none or the copy is not here."""
    return _read_lines(reports_dir / source["file"]) if isinstance(source.get("file"), str) else None


@lru_cache(maxsize=16)
def _read_lines(path: Path) -> tuple[str, ...] | None:
    """Read once per run, not once per language."""
    return tuple(path.read_text("utf-8", errors="replace").splitlines()) if path.is_file() else None


def passages(catalogue: Catalogue, lang: Language) -> dict[str, list[Passage]]:
    """Per source id, the passages cited anywhere, in the order of the report, each with its pages."""
    found: dict[str, dict[str, Passage]] = {sid: {} for sid in catalogue.sources}
    for use, fact in pages_citing(catalogue, lang):
        if "lines" not in fact:
            continue
        first, _, last = fact["lines"].partition("-")
        passage = found[fact["source"]].setdefault(fact["lines"], Passage(fact["lines"], int(first), int(last or first)))
        if use not in passage.uses:
            passage.uses.append(use)
    for sid, by_lines in found.items():
        text = report_lines(catalogue.settings.reports_dir, catalogue.sources[sid])
        for passage in by_lines.values():
            passage.text = None if text is None else [line.strip() for line in text[passage.first - 1:passage.last] if line.strip()]
    return {sid: sorted(by_lines.values(), key=lambda p: (p.first, p.last)) for sid, by_lines in found.items()}

"""Hidden words on a country page that the site's search indexes: what users type for a section
(search/synonyms.<lang>.yaml) and the places the page is about, so that "krisesenter" finds the
shelters and "Kabul" finds Afghanistan. The search engine needs no plugin or hook for them: they are
part of the page, in an element with `hidden`, which browsers and screen readers leave out."""
from __future__ import annotations

from typing import Callable

from markupsafe import Markup

from ..content.synonyms import SearchTerms
from ..model.catalogue import Country

PLACED = ("organisations", "shelters", "job_services")  # sections whose entries have an address
TOPICS = "notes"  # a section whose entries' topics are its words


class SearchWords:
    """The hidden search words of country pages, in one language."""

    def __init__(self, terms: SearchTerms, label: Callable[[str], str]):
        self.terms = terms
        self.label = label

    def places(self, country: Country) -> list[str]:
        """The places a country's file names (addresses, places of costs), then the places users type for it."""
        named = [part for name in PLACED for entry in country.section(name)
                 for part in (entry.get("address", {}).get("city"), entry.get("address", {}).get("region"))]
        named += [cost.get("place") for cost in country.section("costs")]
        return [place for place in named if place] + list(self.terms.places.get(country.code, ()))

    def section_words(self, country: Country, section: str) -> list[str]:
        """A section's words, with the kinds and services of its entries (listed once here rather
        than on every card), where it has entries or a source says there are none (not where the
        sources say nothing: a search must not lead to an empty section)."""
        entries = country.section(section)
        if section == TOPICS:
            return [self.label(note["topic"]) for note in entries]
        if not entries and not country.absent(section):
            return []
        kinds = [self.label(entry["type"]) for entry in entries if "type" in entry]
        services = [self.label(service) for entry in entries for service in entry.get("services", ())]
        return list(self.terms.sections.get(section, ())) + kinds + services

    def helpers(self) -> dict[str, Callable]:
        """The templates' names for them (country.md.j2)."""
        return {"search_words": self.keywords, "unindexed": self.unindexed}

    def unindexed(self, country: Country, section: str) -> str:
        """The attribute list that keeps a section's heading out of the index where the sources say
        nothing about it: "shelter" should not find a dozen empty "Shelters" sections."""
        return " { data-search-exclude }" if country.completeness()[section] == "missing" else ""

    def keywords(self, country: Country, section: str | None = None) -> Markup:
        """The hidden line for a section of the page, or for the page itself (its places) without one."""
        words = self.section_words(country, section) if section else self.places(country)
        unique: dict[str, str] = {}
        for word in words:
            unique.setdefault(word.casefold(), word)
        if not unique:
            return Markup("")
        return Markup('<p class="fs-keywords" hidden>{}</p>').format(" · ".join(unique.values()))

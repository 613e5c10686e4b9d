"""Validated content -> the model pages and sheets are rendered from.

Computes, once, what every view needs: which programmes apply to which country, the history of
superseded ceilings, the age of each figure and whether it is stale, how complete each country is,
and amounts converted with the dated rates file. Nothing that renders it changes it.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

import pycountry
from babel import Locale, UnknownLocaleError

from ..config import Settings
from ..content.dates import months_between, parse_period
from ..content.fields import english, slugify
from ..content.files import ContentSet
from ..content.validate import valid_content
from ..problems import FIX_FIRST, FactsheetsError
from .glossary import Entry, glossary_entries

SECTIONS = ("programmes", "organisations", "shelters", "job_services", "costs", "notes")
CONVERT_TO = ("NOK", "DKK", "EUR")


def country_name(code: str) -> str:
    found = pycountry.countries.get(alpha_2=code)
    return getattr(found, "common_name", None) or getattr(found, "name", code) if found else code


@dataclass(frozen=True)
class Age:
    """How old a dated figure is, and whether it is past the configured age for its kind."""

    written: str
    end: date
    months: int
    stale: bool
    kind: str


@dataclass(frozen=True)
class Standing:
    """A programme's status as far as the sources tell today. `said` is the date it rests on.

    status: 'ended' (a source says so, or its `valid_to` has passed), 'active' (a source said so and
    its newest figure is within the stale age), 'unconfirmed' (said active, but only by a source
    past that age: the counsellor must check) or 'unknown'."""

    status: str
    said: str


@dataclass(frozen=True)
class DatedFact:
    """A figure or contact as an editor would re-check it: where it is, what it says, how old it is."""

    section: str
    label: str
    fact: dict
    age: Age


@dataclass
class Rates:
    base: str
    date: str
    source_id: str
    rates: dict[str, float]

    def convert(self, amount: float, currency: str) -> dict[str, float]:
        """The amount in NOK, DKK and EUR (those that differ from `currency`); empty without a rate."""
        if currency not in self.rates:
            return {}
        in_base = amount / self.rates[currency]
        return {target: in_base * self.rates[target] for target in CONVERT_TO if target != currency and target in self.rates}


@dataclass
class Programme:
    id: str
    data: dict
    older: list["Programme"] = field(default_factory=list)      # versions this one superseded, newest first
    superseded_by: "Programme | None" = None
    countries: list["Country"] = field(default_factory=list)

    @property
    def name(self) -> str:
        """The English name (pages show it in their language: render.names)."""
        return english(self.data["name"])

    @property
    def short_name(self) -> str:
        return self.data.get("short_name") or self.name

    @property
    def funder(self) -> str:
        return country_name(self.data["funder"])

    @property
    def slug(self) -> str:
        return self.id

    def components(self) -> list[dict]:
        """Components with their effective date (their own as_of, else the programme's)."""
        return [{**c, "as_of": c.get("as_of", self.data["as_of"])} for c in self.data.get("components", [])]

    def costs(self) -> list[dict]:
        """What the programme cost, as its evaluations report it, in file order: history, never a current price."""
        return list(self.data.get("costs", []))


@dataclass
class Country:
    code: str
    data: dict
    programmes: list[tuple[dict, Programme]] = field(default_factory=list)
    facts: list["DatedFact"] = field(default_factory=list)
    ages: list[Age] = field(default_factory=list)

    @property
    def name(self) -> str:
        return self.data["country"]["name"]

    def local_names(self) -> list[tuple[str, str]]:
        """(language tag, name) in the country's own non-Latin scripts: the file's `name_local`, else
        the names CLDR (through Babel) gives in the languages the file lists, e.g. ar: العراق."""
        given = self.data["country"].get("name_local")
        if given:
            return [(given["lang"], given["text"])]
        names: dict[str, str] = {}
        for tag in self.data["country"].get("languages", []):
            try:
                name = Locale.parse(tag.replace("-", "_")).territories.get(self.code)
            except (ValueError, UnknownLocaleError):
                continue
            if name and not re.search("[A-Za-z]", name) and name not in names.values():
                names[tag] = name
        return list(names.items())

    @property
    def slug(self) -> str:
        """The page and sheet name: from the English name, or the ISO code if that has no Latin letters."""
        return slugify(self.name) or self.code.lower()

    def section(self, name: str) -> list[dict]:
        return list(self.data.get(name) or [])

    def absent(self, section: str) -> list[dict]:
        return [a for a in self.data.get("absent") or [] if a["section"] == section]

    def completeness(self) -> dict[str, str]:
        """Per section: 'data', 'absent' (a source says none exist) or 'missing'."""
        state = {}
        for section in SECTIONS:
            items = self.programmes if section == "programmes" else self.section(section)
            state[section] = "data" if items else ("absent" if self.absent(section) else "missing")
        return state

    @property
    def oldest(self) -> Age | None:
        return min(self.ages, key=lambda a: a.end, default=None)

    @property
    def newest(self) -> Age | None:
        return max(self.ages, key=lambda a: a.end, default=None)

    @property
    def stale_share(self) -> float:
        return sum(a.stale for a in self.ages) / len(self.ages) if self.ages else 0.0



@dataclass(eq=False)  # compared and hashed by identity: templates environments are cached per catalogue
class Catalogue:
    settings: Settings
    sources: dict[str, dict]
    programmes: dict[str, Programme]
    countries: list[Country]
    rates: Rates | None
    glossary: list[Entry] = field(default_factory=list)  # in file order

    def applies_everywhere(self, programme: Programme) -> bool:
        """A general programme in force is shown on every country page, listed there or not (a benchmark
        from a country counsellors do not advise from, an old version or an ended one is not)."""
        data = programme.data
        return (data["scope"] == "general" and not data.get("benchmark") and programme.superseded_by is None
                and self.standing(programme).status != "ended")

    def standing(self, programme: Programme) -> Standing:
        """What the sources let a page say of a programme's status today (see Standing)."""
        valid_to = programme.data.get("valid_to")
        if valid_to is not None and parse_period(valid_to)[1] < self.settings.today:
            return Standing("ended", str(valid_to))
        dates = [programme.data["as_of"], *(c["as_of"] for c in programme.components())]
        newest = str(max(dates, key=lambda written: parse_period(written)[1]))
        status = programme.data["status"]
        if status == "active" and self.age(newest, "ceiling").stale:
            return Standing("unconfirmed", newest)
        return Standing(status, newest)

    def age(self, written: str | int, kind: str) -> Age:
        end = parse_period(written)[1]
        months = max(0, months_between(end, self.settings.today))
        return Age(str(written), end, months, months > self.settings.stale_months[kind], kind)



def build_catalogue(content: ContentSet, settings: Settings) -> Catalogue:
    """The model of a content tree that passed validation."""
    sources = {s["id"]: s for s in content.sources.data["sources"]} if content.sources else {}
    programmes = {pid: Programme(pid, doc.data) for pid, doc in sorted(content.programmes.items())}
    for programme in programmes.values():
        older = programme.data.get("supersedes")
        if older in programmes:
            programmes[older].superseded_by = programme
    for programme in programmes.values():
        current = programmes.get(programme.data.get("supersedes", ""))
        while current is not None:
            programme.older.append(current)
            current = programmes.get(current.data.get("supersedes", ""))
    rates = None
    if content.rates is not None:
        r = content.rates.data
        rates = Rates(r["base"], str(r["date"]), r["source"], {k: float(v) for k, v in r["rates"].items()})
    catalogue = Catalogue(settings, sources, programmes, [], rates)
    everywhere = [p for p in programmes.values() if catalogue.applies_everywhere(p)]
    for doc in content.countries.values():
        country = Country(doc.data["country"]["code"], doc.data)
        for ref in country.section("programmes"):
            country.programmes.append((ref, programmes[ref["programme"]]))
        listed = {p.id for _, p in country.programmes}
        country.programmes += [({"programme": p.id, "general": True}, p) for p in everywhere if p.id not in listed]
        for _, programme in country.programmes:
            programme.countries.append(country)
        country.facts = dated_facts(catalogue, country)
        country.ages = [fact.age for fact in country.facts]
        catalogue.countries.append(country)
    catalogue.countries.sort(key=lambda c: c.name)
    catalogue.glossary = glossary_entries(content.glossary.data if content.glossary else None)
    return catalogue


def dated_facts(catalogue: Catalogue, country: Country) -> list[DatedFact]:
    """Every dated figure and contact shown for a country, with how old it is."""
    facts = [DatedFact("programmes", f"{p.short_name}: {english(c['label'])}", c, catalogue.age(c["as_of"], "ceiling"))
             for _, p in country.programmes for c in p.components() if "amount" in c or "max_amount" in c]
    facts += [DatedFact("costs", english(c["item"]), c, catalogue.age(c["as_of"], "cost")) for c in country.section("costs")]
    for section in ("organisations", "shelters", "job_services"):
        facts += [DatedFact(section, english(item["name"]), item, catalogue.age(item["last_verified"], "contact"))
                  for item in country.section(section)]
    facts += [DatedFact("notes", english(n["text"])[:80], n, catalogue.age(n["as_of"], "contact")) for n in country.section("notes")]
    return facts


def load_catalogue(settings: Settings, consequence: str = FIX_FIRST) -> Catalogue:
    """The model of the project's content; ContentError listing every problem (and `consequence`,
    what was therefore not done) when it is not valid."""
    return build_catalogue(valid_content(settings, consequence), settings)


class UnknownCountry(FactsheetsError):
    """A country code on the command line that has no content."""


def select(catalogue: Catalogue, codes: list[str] | None) -> list[Country]:
    """Countries by ISO alpha-2 code (any case), in the order given; all countries for none."""
    if not codes:
        return list(catalogue.countries)
    by_code = {c.code.upper(): c for c in catalogue.countries}
    chosen, unknown = [], []
    for code in codes:
        country = by_code.get(code.strip().upper())
        if country is None:
            unknown.append(code)
        elif country not in chosen:
            chosen.append(country)
    if unknown:
        known = ", ".join(sorted(by_code)) or "none"
        raise UnknownCountry(f"no country with code {', '.join(repr(u) for u in unknown)} in the content "
                             f"(codes are ISO 3166-1 alpha-2, e.g. IQ; known: {known})")
    return chosen

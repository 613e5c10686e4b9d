"""The facts as flat tables, one row per figure or record: what the CSV files hold and what
datapackage.json says of them (fields, types, keys). Texts are in English; the JSON has every language."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..content.fields import english
from ..model.catalogue import Catalogue, Country
from .public import public_address

DATE = r"[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?"  # as precise as the source: YYYY, YYYY-MM or YYYY-MM-DD
CITATION = ("source", "lines", "page")


@dataclass(frozen=True)
class Field:
    name: str
    type: str  # a Frictionless field type: string, number, integer, boolean
    description: str
    required: bool = False
    pattern: str | None = None


@dataclass(frozen=True)
class Table:
    name: str
    description: str
    fields: tuple[Field, ...]
    primary_key: tuple[str, ...]
    foreign_keys: tuple[tuple[str, str, str], ...] = ()  # (field, resource, its field)
    rows: list[dict[str, Any]] = field(default_factory=list)


def _text(name: str, description: str, required: bool = False) -> Field:
    return Field(name, "string", description, required)


def _date(name: str, description: str, required: bool = False) -> Field:
    return Field(name, "string", description + " (ISO 8601, as precise as the source: YYYY, YYYY-MM or YYYY-MM-DD)",
                 required, DATE)


def _amount(name: str, description: str) -> Field:
    return Field(name, "number", description)


CITED = (_text("source", "Id of the source in sources.csv", True),
         _text("lines", "Line or lines of the source's text copy the fact stands on"),
         _text("page", "Page or pages of the source the fact stands on"))
BY_SOURCE = (("source", "sources", "id"),)


def _words(values: Any) -> str:
    return " ".join(str(v) for v in values or ())


def _citation(fact: dict) -> dict[str, Any]:
    return {key: str(fact[key]) for key in CITATION if key in fact}


def sources_table(catalogue: Catalogue) -> Table:
    rows = [{"id": s["id"], "title": s["title"], "title_en": s.get("title_en"), "publisher": english(s["publisher"]),
             "published": str(s["published"]), "type": s["type"], "language": s.get("language"), "url": s.get("url"),
             "accessed": s.get("accessed")} for _, s in sorted(catalogue.sources.items())]
    return Table("sources", "Every cited source, declared once", (
        _text("id", "The source's id, cited by every other table", True), _text("title", "Title as published", True),
        _text("title_en", "Title in English"), _text("publisher", "Who published it", True),
        _date("published", "When it was published", True), _text("type", "Kind of source", True),
        _text("language", "Language tag"), Field("url", "string", "Where it is published"),
        _date("accessed", "When the web address was last opened")), ("id",), rows=rows)


def programmes_table(catalogue: Catalogue) -> Table:
    rows = []
    for p in sorted(catalogue.programmes.values(), key=lambda p: p.id):
        d = p.data
        rows.append({"id": p.id, "name": p.name, "short_name": d.get("short_name"), "funder": d["funder"],
                     "funding_body": english(d.get("funding_body")) or None,
                     "implementer": english(d.get("implementer")) or None, "scope": d["scope"],
                     "benchmark": bool(d.get("benchmark")), "status": d["status"],
                     "legal_status": _words(d.get("eligibility", {}).get("legal_status")),
                     "valid_from": _str(d.get("valid_from")), "valid_to": _str(d.get("valid_to")),
                     "supersedes": d.get("supersedes"), "countries": _words(sorted(c.code for c in p.countries)),
                     "as_of": str(d["as_of"]), **_citation(d)})
    return Table("programmes", "Return and reintegration programmes, one row per version of their rules", (
        _text("id", "The programme version's id", True), _text("name", "Full name in English", True),
        _text("short_name", "Abbreviation"), _text("funder", "Host country that pays for it (ISO 3166-1 alpha-2)", True),
        _text("funding_body", "Authority that funds or decides"), _text("implementer", "Organisation that runs it"),
        _text("scope", "general, country or group", True), Field("benchmark", "boolean", "Kept only to compare with"),
        _text("status", "active, ended or unknown, as far as the sources say", True),
        _text("legal_status", "Legal situations that qualify, separated by spaces"),
        _date("valid_from", "First day the rules applied"), _date("valid_to", "Last day the rules applied"),
        _text("supersedes", "Id of the earlier version these rules replaced"),
        _text("countries", "ISO codes of the country pages that show it, separated by spaces"),
        _date("as_of", "The date the source describes the programme at", True), *CITED),
        ("id",), BY_SOURCE + (("supersedes", "", "id"),), rows)


def _str(value: Any) -> str | None:
    return None if value is None else str(value)


def ceilings_table(catalogue: Catalogue) -> Table:
    rows = []
    for p in sorted(catalogue.programmes.values(), key=lambda p: p.id):
        valid = {"valid_from": _str(p.data.get("valid_from")), "valid_to": _str(p.data.get("valid_to"))}
        for number, c in enumerate(p.components(), 1):
            if "amount" in c or "max_amount" in c:
                rows.append({"programme": p.id, "component": str(number), "type": c["type"], "label": english(c["label"]),
                             "amount": c.get("amount"), "max_amount": c.get("max_amount"), "currency": c["currency"],
                             "per": c["per"], "period": c.get("period"), "months": c.get("months"), "mode": c.get("mode"),
                             "instalments": c.get("instalments"), "tier": english(c.get("tier")) or None,
                             "choice": c.get("choice"), "conditions": english(c.get("conditions")) or None, **valid,
                             "as_of": str(c["as_of"]), **_citation(c)})
        package = p.data.get("package")
        if package:
            rows.append({"programme": p.id, "component": "package", "type": "package", "label": "Package cap",
                         "max_amount": package["max_amount"], "currency": package["currency"], "per": package["per"],
                         "conditions": english(package.get("conditions")) or None, **valid,
                         "as_of": str(package.get("as_of", p.data["as_of"])), **_citation(package)})
    return Table("ceilings", "Grant ceilings: one row per amount a programme pays, and per package cap", (
        _text("programme", "Id of the programme in programmes.csv", True),
        _text("component", "Position of the component in the programme's file (1, 2, ...), or `package` for the "
                           "cap on the whole package", True),
        _text("type", "What the money or service is for", True), _text("label", "Short name in English", True),
        _amount("amount", "A fixed amount"), _amount("max_amount", "A ceiling: up to this amount"),
        _text("currency", "ISO 4217 code", True), _text("per", "Whom the amount is for: adult, child, person, family, "
                                                              "case or unclear", True),
        _text("period", "one_off or per_month"), Field("months", "integer", "For a monthly amount: for how many months"),
        _text("mode", "cash, in_kind or mixed"), Field("instalments", "integer", "Number of payments"),
        _text("tier", "The condition that selects this amount"),
        _text("choice", "Components with the same choice are alternatives, one of which is paid"),
        _text("conditions", "Other rules, as the source says"), _date("valid_from", "First day the rules applied"),
        _date("valid_to", "Last day the rules applied"), _date("as_of", "Date of the figure", True), *CITED),
        ("programme", "component"), BY_SOURCE + (("programme", "programmes", "id"),), rows)


def costs_table(catalogue: Catalogue) -> Table:
    rows = [{"country": country.code, "id": c["id"], "item": english(c["item"]), "category": c["category"],
             "amount": c.get("amount"), "min": c.get("min"), "max": c.get("max"), "currency": c["currency"],
             "period": c["period"], "place": c.get("place"), "note": english(c.get("note")) or None,
             "as_of": str(c["as_of"]), **_citation(c)}
            for country in _by_code(catalogue) for c in country.section("costs")]
    return Table("costs", "Typical costs in the countries of origin, one row per price", (
        _text("country", "ISO 3166-1 alpha-2 code of the country", True), _text("id", "The cost's id in its country", True),
        _text("item", "What the price is for, in English", True), _text("category", "rent, food, household, ...", True),
        _amount("amount", "A single price"), _amount("min", "Lower end of a range"), _amount("max", "Upper end of a range"),
        _text("currency", "ISO 4217 code", True), _text("period", "What the amount covers in time", True),
        _text("place", "City or area the price was observed in"), _text("note", "Note, in English"),
        _date("as_of", "When the price was observed", True), *CITED), ("country", "id"), BY_SOURCE, rows)


def organisations_table(catalogue: Catalogue) -> Table:
    rows = []
    for country in _by_code(catalogue):
        for section in ("organisations", "shelters", "job_services"):
            for item in country.section(section):
                rows.append(_organisation_row(country, section, item))
    return Table("organisations", "Support organisations, shelters and job services; a confidential address is its "
                                  "city only", (
        _text("country", "ISO 3166-1 alpha-2 code of the country", True), _text("id", "The record's id in its country", True),
        _text("section", "organisations, shelters or job_services", True), _text("name", "Name as the source gives it", True),
        _text("alternate_name", "Abbreviation or other name"), _text("type", "Kind of organisation or service"),
        _text("organisation", "For a shelter or job service: id of the organisation that runs it"),
        _text("services", "Service categories, separated by spaces"),
        _text("target_groups", "Who a shelter takes, separated by spaces"), Field("capacity", "integer", "Number of beds"),
        _text("eligibility", "Who can use it, in English"), _text("languages", "Language tags, separated by spaces"),
        _text("phones", "Phone numbers, separated by ` | `"), _text("email", "E-mail address"),
        _text("website", "Web address"), _text("address", "Street address; empty when it is confidential"),
        _text("city", "City"), _text("region", "Region"),
        Field("address_confidential", "boolean", "true: the exact address is kept out of every publication"),
        _text("status", "active, inactive or unknown when last verified"),
        _date("last_verified", "When the facts about it were last confirmed", True), *CITED),
        ("country", "id"), BY_SOURCE, rows)


def _organisation_row(country: Country, section: str, item: dict) -> dict[str, Any]:
    address = public_address(item.get("address") or {})
    contact = item.get("contact") or {}
    return {"country": country.code, "id": item["id"], "section": section, "name": english(item["name"]),
            "alternate_name": item.get("alternate_name"), "type": item.get("type"), "organisation": item.get("organisation"),
            "services": _words(item.get("services")) or None, "target_groups": _words(item.get("target_groups")) or None,
            "capacity": item.get("capacity"), "eligibility": english(item.get("eligibility")) or None,
            "languages": _words(item.get("languages")) or None,
            "phones": " | ".join(p["number"] for p in contact.get("phones", [])) or None, "email": contact.get("email"),
            "website": contact.get("website"), "address": address.get("address_1"), "city": address.get("city"),
            "region": address.get("region"), "address_confidential": bool(address.get("confidential")),
            "status": item.get("status"), "last_verified": str(item["last_verified"]), **_citation(item)}


def _by_code(catalogue: Catalogue) -> list[Country]:
    return sorted(catalogue.countries, key=lambda c: c.code)


def tables(catalogue: Catalogue) -> list[Table]:
    """Every table, in the order datapackage.json lists them (referenced tables first)."""
    return [sources_table(catalogue), programmes_table(catalogue), ceilings_table(catalogue), costs_table(catalogue),
            organisations_table(catalogue)]

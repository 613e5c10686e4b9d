"""The validated content as JSON: `all.json` and one file per country, in the shape of the content
schemas (schemas/data.schema.json says so), each fact with its source id, lines or page, and date."""
from __future__ import annotations

import json
from typing import Any, Iterator

from ..model.catalogue import Catalogue, Country, Programme
from .public import published

DATA_SCHEMA = "data.schema.json"
LICENCE = {"name": "CC-BY-4.0", "title": "Creative Commons Attribution 4.0 International",
           "path": "https://creativecommons.org/licenses/by/4.0/"}


def to_json(document: Any) -> bytes:
    """Stable bytes: sorted keys, two-space indents, UTF-8 text, a final newline (two builds diff cleanly)."""
    return (json.dumps(document, ensure_ascii=False, indent=2, sort_keys=True) + "\n").encode("utf-8")


def programme_document(programme: Programme) -> dict:
    """A programme as its file says, each component and the package cap carrying its own date
    (the programme's `as_of` where the file gives none), so every figure is dated where it stands."""
    data = dict(programme.data)
    if "components" in data:
        data["components"] = programme.components()
    if "package" in data:
        data["package"] = {"as_of": data["as_of"], **data["package"]}
    return published(data)


def cited(document: Any) -> Iterator[str]:
    """Every source id a document cites."""
    if isinstance(document, dict):
        if isinstance(document.get("source"), str):
            yield document["source"]
        for value in document.values():
            yield from cited(value)
    elif isinstance(document, list):
        for value in document:
            yield from cited(value)


def data_document(catalogue: Catalogue, countries: list[Country], programmes: list[Programme], site_url: str,
                  whole: bool) -> dict:
    """The published shape: countries, the programmes they refer to and the sources both cite (`whole`:
    every source and the exchange rates too)."""
    document: dict[str, Any] = {
        "$schema": f"{site_url}schemas/{DATA_SCHEMA}",
        "licence": LICENCE,
        "countries": [published(c.data) for c in sorted(countries, key=lambda c: c.code)],
        "programmes": [programme_document(p) for p in sorted(programmes, key=lambda p: p.id)],
    }
    if whole and catalogue.rates is not None:
        rates = catalogue.rates
        document["rates"] = {"base": rates.base, "date": rates.date, "source": rates.source_id, "rates": rates.rates}
    ids = set(cited(document))
    document["sources"] = [published(s) for key, s in sorted(catalogue.sources.items()) if whole or key in ids]
    return document


def json_files(catalogue: Catalogue, site_url: str) -> dict[str, bytes]:
    """{path under data/: bytes}: all.json, and countries/<code>.json with what that country's page shows."""
    files = {"all.json": to_json(data_document(catalogue, catalogue.countries, list(catalogue.programmes.values()),
                                               site_url, whole=True))}
    for country in catalogue.countries:
        shown = {p.id: p for _, p in country.programmes}
        files[f"countries/{country.code.lower()}.json"] = to_json(
            data_document(catalogue, [country], list(shown.values()), site_url, whole=False))
    return files

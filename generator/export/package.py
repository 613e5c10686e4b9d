"""The tables as CSV (UTF-8, a header row, RFC 4180 quoting) and their Frictionless Data Package
descriptor (datapackage.json): fields and types, primary and foreign keys, the licence and the sources."""
from __future__ import annotations

import csv
import io
from typing import Any

from ..model.catalogue import Catalogue
from .documents import LICENCE, to_json
from .tables import Field, Table, tables

# A spreadsheet runs a cell that starts with one of these as a formula: such a text gets a leading
# apostrophe, as OWASP advises (the Data page says so). Numbers are never touched.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def cell(value: Any, kind: str) -> str:
    """A value as its CSV cell: empty for none, true/false, numbers as written, texts guarded."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if kind in ("number", "integer"):
        return str(value)
    text = str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def csv_bytes(table: Table) -> bytes:
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")  # RFC 4180: CRLF, quotes only where needed
    writer.writerow([f.name for f in table.fields])
    for row in table.rows:
        writer.writerow([cell(row.get(f.name), f.type) for f in table.fields])
    return buffer.getvalue().encode("utf-8")


def _field(f: Field) -> dict[str, Any]:
    described: dict[str, Any] = {"name": f.name, "type": f.type, "description": f.description}
    constraints = {**({"required": True} if f.required else {}), **({"pattern": f.pattern} if f.pattern else {})}
    if constraints:
        described["constraints"] = constraints
    return described


def _resource(table: Table) -> dict[str, Any]:
    schema: dict[str, Any] = {"fields": [_field(f) for f in table.fields], "primaryKey": list(table.primary_key),
                              "missingValues": [""]}
    if table.foreign_keys:
        schema["foreignKeys"] = [{"fields": local, "reference": {"resource": resource, "fields": theirs}}
                                 for local, resource, theirs in table.foreign_keys]
    return {"name": table.name, "path": f"{table.name}.csv", "title": table.name.capitalize(),
            "description": table.description, "profile": "tabular-data-resource", "format": "csv",
            "mediatype": "text/csv", "encoding": "utf-8", "schema": schema}


def descriptor(catalogue: Catalogue, site_url: str, described: list[Table]) -> dict[str, Any]:
    """datapackage.json: no creation time, so the same content gives the same file."""
    return {
        "profile": "tabular-data-package",
        "name": "reintegration-factsheets",
        "title": "Reintegration fact sheets: return and reintegration facts per country of origin",
        "description": "Programmes and their grant ceilings, support organisations, shelters, job services and typical "
                       "costs in countries of origin, each fact with its source, where in it (lines or page) and its "
                       "date. The compilation is licensed CC BY 4.0; each fact keeps its cited source.",
        "homepage": f"{site_url}data/",
        "licenses": [LICENCE],
        "sources": [{"title": s["title"], **({"path": s["url"]} if "url" in s else {})}
                    for _, s in sorted(catalogue.sources.items())],
        "resources": [_resource(table) for table in described],
    }


def csv_files(catalogue: Catalogue, site_url: str) -> dict[str, bytes]:
    """{path under data/: bytes}: one CSV per table and the datapackage.json describing them."""
    described = tables(catalogue)
    files = {f"{table.name}.csv": csv_bytes(table) for table in described}
    files["datapackage.json"] = to_json(descriptor(catalogue, site_url, described))
    return files

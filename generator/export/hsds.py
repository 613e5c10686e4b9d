"""Organisations, shelters and job services as Open Referral HSDS 3.0 JSON: organization, service and
location records (schemas/hsds/ holds the schema they meet). Ids are UUIDs derived from our ids, so they
stay the same from build to build; what HSDS has no field for (the source, its lines or page, the date as
precise as the source gives it) is in each record's `attributes`, under the taxonomy below."""
from __future__ import annotations

import uuid
from typing import Any

from babel import Locale, UnknownLocaleError

from ..content.dates import parse_period
from ..content.fields import english
from ..model.catalogue import Catalogue, Country
from .documents import to_json
from .public import public_address

# Fixed for good: every UUID below is derived from it and our ids, so a consumer can match records over time.
NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "https://github.com/reintegration-factsheets/factsheets#hsds")
VOCABULARY = "reintegration-factsheets"
TERMS = {  # code: what the attribute's value is
    "source": "Id of the source the record is taken from (sources.csv, all.json)",
    "source_locator": "Where in the source: `lines 2361-2362` of its text copy, or `page 12`",
    "last_verified": "When the facts were last confirmed, as precise as the source gives it (YYYY, YYYY-MM or YYYY-MM-DD)",
    "status_in_source": "The status the source gives: active, inactive, unknown, or not stated",
    "service_category": "A service category of the fact sheets (e.g. business_start_up)",
}
STATUS = {"inactive": "inactive"}  # HSDS requires a status; see service_status


def uid(*parts: str) -> str:
    """A stable UUID (version 5) for one of our records, e.g. uid("service", "ML", "iom-bamako")."""
    return str(uuid.uuid5(NAMESPACE, "/".join(parts)))


def service_status(item: dict) -> str:
    """HSDS's status has no `unknown`: a record the sources list as working, or say nothing of, is `active`
    as of its assured_date; the attribute `status_in_source` keeps what the source said."""
    return STATUS.get(item.get("status", ""), "active")


def _attribute(link: str, entity: str, code: str, value: str) -> dict[str, Any]:
    term = {"id": uid("taxonomy_term", code), "code": code, "name": code.replace("_", " "),
            "description": TERMS[code], "vocabulary": VOCABULARY}
    return {"id": uid("attribute", link, code, value), "link_id": link, "link_type": code, "link_entity": entity,
            "taxonomy_term_id": term["id"], "taxonomy_term": term, "value": value}


def provenance(link: str, entity: str, item: dict) -> list[dict[str, Any]]:
    """Where a record comes from, as attributes: its source, lines or page, date, and stated status."""
    found = [_attribute(link, entity, "source", item["source"])]
    if "lines" in item or "page" in item:
        where = f"lines {item['lines']}" if "lines" in item else f"page {item['page']}"
        found.append(_attribute(link, entity, "source_locator", where))
    found.append(_attribute(link, entity, "last_verified", str(item["last_verified"])))
    return found


def _language(service: str, tag: str) -> dict[str, Any]:
    try:
        name = Locale.parse(tag.replace("-", "_")).get_display_name("en") or tag
    except (ValueError, UnknownLocaleError):
        name = tag
    return {"id": uid("language", service, tag), "service_id": service, "code": tag, "name": name}


def _place(item: dict) -> str:
    """The address in words: only the city for a confidential one."""
    address = public_address(item["address"])
    words = ", ".join(address[key] for key in ("address_1", "city", "region") if address.get(key))
    return words + (" (exact address confidential)" if address.get("confidential") else "")


class Records:
    """The HSDS records of a catalogue, collected country by country."""

    def __init__(self) -> None:
        self.organizations: list[dict[str, Any]] = []
        self.services: list[dict[str, Any]] = []
        self.locations: list[dict[str, Any]] = []

    def add_organisation(self, country: Country, item: dict) -> None:
        org = uid("organization", country.code, item["id"])
        description = english(item.get("description")) or f"{item['type'].replace('_', ' ')} in {country.name}"
        record = {"id": org, "name": english(item["name"]), "description": description,
                  "attributes": provenance(org, "organization", item), **_contact(item, org)}
        if item.get("alternate_name"):
            record["alternate_name"] = item["alternate_name"]
        self.organizations.append(record)
        categories = item.get("services", [])
        self.add_service(country, item, org, english(item["name"]), categories)

    def add_service(self, country: Country, item: dict, org: str | None, name: str, categories: list[str]) -> None:
        service = uid("service", country.code, item["id"])
        record: dict[str, Any] = {"id": service, "name": name, "status": service_status(item),
                                  "assured_date": parse_period(item["last_verified"])[0].isoformat(),
                                  "languages": [_language(service, tag) for tag in item.get("languages", [])],
                                  "attributes": provenance(service, "service", item)}
        record["attributes"].append(_attribute(service, "service", "status_in_source", item.get("status", "not stated")))
        record["attributes"] += [_attribute(service, "service", "service_category", c) for c in categories]
        if org:
            record["organization_id"] = org
        for key, value in (("description", english(item.get("description"))), ("eligibility_description", _eligibility(item))):
            if value:
                record[key] = value
        contact = _contact(item, service)
        record.update({key: value for key, value in contact.items() if key != "website"})
        if "website" in contact:
            record["url"] = contact["website"]
        if item.get("address"):
            location = uid("location", country.code, item["id"])
            self.locations.append({"id": location, "location_type": "physical", "name": name, "description": _place(item),
                                   **({"organization_id": org} if org else {}),
                                   "attributes": provenance(location, "location", item)})
            record["service_at_locations"] = [{"id": uid("service_at_location", service, location),
                                               "service_id": service, "location_id": location}]
        self.services.append(record)


def _eligibility(item: dict) -> str:
    said = english(item.get("eligibility"))
    groups = ", ".join(g.replace("_", " ") for g in item.get("target_groups", []))
    return "; ".join(part for part in (said, f"Takes: {groups}" if groups else "") if part)


def _contact(item: dict, link: str) -> dict[str, Any]:
    contact = item.get("contact") or {}
    found: dict[str, Any] = {key: contact[key] for key in ("email", "website") if key in contact}
    if contact.get("phones"):
        found["phones"] = [{"id": uid("phone", link, p["number"]), "number": p["number"]} for p in contact["phones"]]
    return found


def hsds_records(catalogue: Catalogue) -> Records:
    records = Records()
    for country in sorted(catalogue.countries, key=lambda c: c.code):
        orgs = {item["id"]: uid("organization", country.code, item["id"]) for item in country.section("organisations")}
        for item in country.section("organisations"):
            records.add_organisation(country, item)
        for item in country.section("shelters"):
            records.add_service(country, item, orgs.get(item.get("organisation", "")), english(item["name"]), ["shelter"])
        for item in country.section("job_services"):
            records.add_service(country, item, orgs.get(item.get("organisation", "")), english(item["name"]), [item["type"]])
    return records


def hsds_files(catalogue: Catalogue) -> dict[str, bytes]:
    """{path under data/: bytes}: hsds/organizations.json, services.json and locations.json, each a list of records."""
    records = hsds_records(catalogue)
    return {"hsds/organizations.json": to_json(records.organizations), "hsds/services.json": to_json(records.services),
            "hsds/locations.json": to_json(records.locations)}

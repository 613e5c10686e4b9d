"""The open data (generator/export): what a reuser of /data/ relies on, checked on the files as written,
with real content, the real schemas and the real Frictionless validator."""
from __future__ import annotations

import csv
import io
import json
import uuid
from pathlib import Path

import pytest
import yaml
from frictionless import validate
from jsonschema import Draft202012Validator
from referencing import Registry, Resource

from export_support import FORMULA_NAME, SECRET_STREET, careful_project
from generator.config import PROJECT_ROOT, load_settings
from generator.content.yamlload import StrictLoader
from generator.export.files import export_files, write_files
from generator.export.hsds import uid
from generator.model.catalogue import load_catalogue
from generator.site.publish import schema_files

CONTENT = PROJECT_ROOT / "content"
SECTIONS_WITH_DATES = {"components": "as_of", "package": "as_of", "costs": "as_of", "notes": "as_of", "absent": "as_of",
                       "organisations": "last_verified", "shelters": "last_verified", "job_services": "last_verified"}


@pytest.fixture(scope="module")
def files() -> dict[str, bytes]:
    """Every file of every format, from the project's content."""
    settings = load_settings()
    return export_files(load_catalogue(settings), settings.site_url)


@pytest.fixture(scope="module")
def careful(tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    """Every file, from content with a confidential address and a formula-like name (export_support)."""
    settings = careful_project(tmp_path_factory.mktemp("careful"), countries=["ml", "iq"])
    return export_files(load_catalogue(settings), settings.site_url)


def rows(files: dict[str, bytes], name: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(files[name].decode("utf-8"), newline="")))


def load(path: Path) -> dict:
    with path.open("r", encoding="utf-8") as stream:
        return yaml.load(stream, Loader=StrictLoader)  # noqa: S506 - the project's own safe loader


def published_validator(ref: str) -> Draft202012Validator:
    """A validator from the schemas as the site publishes them (schemas/ under /schemas/)."""
    published = {name: json.loads(data) for name, data in schema_files().items()}
    registry = Registry().with_resources((name, Resource.from_contents(s)) for name, s in published.items())
    return Draft202012Validator({"$ref": ref}, registry=registry, format_checker=Draft202012Validator.FORMAT_CHECKER)


# -- CSV and the Data Package ------------------------------------------------------------------------

def test_every_ceiling_amount_in_the_csv_equals_the_yaml(files):
    ceilings = rows(files, "ceilings.csv")
    expected = 0
    for path in sorted((CONTENT / "programmes").glob("*.yaml")):
        data = load(path)
        priced = [c for c in data.get("components", []) if "amount" in c or "max_amount" in c]
        expected += len(priced) + ("package" in data)
        for row in (r for r in ceilings if r["programme"] == data["id"]):
            written = (data["package"] if row["component"] == "package" else data["components"][int(row["component"]) - 1])
            for key in ("amount", "max_amount"):
                assert (float(row[key]) if row[key] else None) == written.get(key), (row["programme"], row["component"])
            assert row["currency"] == written["currency"] and row["source"] == written["source"]
    assert len(ceilings) == expected > 20


def test_every_cost_amount_in_the_csv_equals_the_yaml(files):
    costs = {(r["country"], r["id"]): r for r in rows(files, "costs.csv")}
    seen = 0
    for path in sorted((CONTENT / "countries").glob("*.yaml")):
        data = load(path)
        for cost in data.get("costs", []):
            row = costs[(data["country"]["code"], cost["id"])]
            for key in ("amount", "min", "max"):
                assert (float(row[key]) if row[key] else None) == cost.get(key), cost["id"]
            assert row["as_of"] == str(cost["as_of"]) and row["lines"] == str(cost.get("lines", ""))
            seen += 1
    assert seen == len(costs) > 10


def test_the_csv_files_are_utf8_rfc4180_with_the_header_the_package_describes(files):
    package = json.loads(files["datapackage.json"])
    for resource in package["resources"]:
        text = files[resource["path"]].decode("utf-8")
        assert text.endswith("\r\n") and "\n" not in text.replace("\r\n", "")  # CRLF records; newlines only quoted
        header = next(csv.reader(io.StringIO(text, newline="")))
        assert header == [field["name"] for field in resource["schema"]["fields"]]
    assert package["licenses"][0]["name"] == "CC-BY-4.0"


def test_frictionless_finds_the_package_valid_and_checks_its_foreign_keys(files, tmp_path):
    write_files(files, tmp_path)

    assert validate(tmp_path / "datapackage.json").valid

    costs = tmp_path / "costs.csv"
    costs.write_bytes(costs.read_bytes().replace(b",ramboll-2012,", b",no-such-source,", 1))
    report = validate(tmp_path / "datapackage.json")
    assert not report.valid
    assert [e.type for task in report.tasks for e in task.errors] == ["foreign-key"]


def test_a_text_a_spreadsheet_would_run_is_defused_in_csv_and_kept_in_json(careful):
    row = next(r for r in rows(careful, "organisations.csv") if r["id"] == "formula-named-service")
    assert row["name"] == "'" + FORMULA_NAME
    mali = json.loads(careful["countries/ml.json"])["countries"][0]
    assert mali["job_services"][0]["name"] == FORMULA_NAME


# -- JSON --------------------------------------------------------------------------------------------

def test_all_json_and_each_country_validate_against_the_published_schemas(files):
    validator = published_validator("data.schema.json")
    documents = {name: json.loads(data) for name, data in files.items() if name.endswith(".json") and "hsds" not in name
                 and name != "datapackage.json"}
    assert len(documents) == 17  # all.json and 16 countries
    for name, document in documents.items():
        assert [e.message for e in validator.iter_errors(document)] == [], name
        assert document["$schema"] == "https://reintegration-factsheets.github.io/factsheets/schemas/data.schema.json"
    broken = json.loads(files["all.json"])
    broken["countries"][0]["costs"] = [{"id": "x", "amount": "20 000"}]
    assert not validator.is_valid(broken)


def test_numbers_are_numbers_and_every_dated_fact_has_its_source_locator_and_date(files):
    everything = json.loads(files["all.json"])
    facts = [(section, item) for document in everything["countries"] + everything["programmes"]
             for section, key in SECTIONS_WITH_DATES.items()
             for item in ([document[section]] if section == "package" and section in document else document.get(section, []))]
    assert len(facts) > 200
    for section, item in facts:
        date = item[SECTIONS_WITH_DATES[section]]
        assert isinstance(date, str) and date[:4].isdigit(), (section, item)
        assert isinstance(item["source"], str) and ("lines" in item or "page" in item), (section, item)
        for key in ("amount", "max_amount", "min", "max"):
            assert not isinstance(item.get(key, 0), str), (section, item)
    cited = {item["source"] for _, item in facts}
    assert cited <= {s["id"] for s in everything["sources"]}


def test_a_country_file_holds_the_programmes_on_its_page_and_the_sources_they_cite(files):
    mali = json.loads(files["countries/ml.json"])
    assert [c["country"]["code"] for c in mali["countries"]] == ["ML"]
    assert "dk-prepared-return-2012" in [p["id"] for p in mali["programmes"]]
    assert "ramboll-2012" in [s["id"] for s in mali["sources"]]
    assert "rates" not in mali and "rates" in json.loads(files["all.json"])


# -- HSDS --------------------------------------------------------------------------------------------

def test_the_hsds_records_meet_the_schema_written_from_hsds_3_0(careful):
    schema = json.loads((PROJECT_ROOT / "schemas" / "hsds" / "hsds-3.0.schema.json").read_text("utf-8"))
    records = {kind: json.loads(careful[f"hsds/{kind}.json"]) for kind in ("organizations", "services", "locations")}
    validator = Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)

    assert [e.message for e in validator.iter_errors(records)] == []
    assert all(records.values())
    ids = [r["id"] for kind in records.values() for r in kind]
    assert len(ids) == len(set(ids))
    shelter = next(s for s in records["services"] if s["name"] == "Safe house for women")
    assert shelter["assured_date"] == "2012-01-01" and shelter["status"] == "active"
    assert {(a["link_type"], a["value"]) for a in shelter["attributes"]} >= {
        ("source", "ramboll-2012"), ("source_locator", "lines 2389-2395"), ("last_verified", "2012"),
        ("status_in_source", "not stated")}
    assert shelter["organization_id"] == uid("organization", "ML", "iom-bamako")
    assert not validator.is_valid({"services": [{"id": "safe-house", "name": "Safe house", "status": "open"}]})


def test_hsds_uuids_come_from_our_ids_and_stay_the_same(careful, tmp_path):
    assert uid("organization", "ML", "iom-bamako") == str(uuid.uuid5(
        uuid.uuid5(uuid.NAMESPACE_URL, "https://github.com/reintegration-factsheets/factsheets#hsds"),
        "organization/ML/iom-bamako"))
    organizations = json.loads(careful["hsds/organizations.json"])
    assert uid("organization", "ML", "iom-bamako") in {o["id"] for o in organizations}

    again = careful_project(tmp_path, countries=["ml", "iq"])
    rebuilt = export_files(load_catalogue(again), again.site_url, ["hsds"])
    assert all(rebuilt[name] == careful[name] for name in rebuilt)


# -- what must never leave, and what must never change ------------------------------------------------

def test_a_confidential_address_appears_in_no_file_of_any_format(careful):
    assert all(SECRET_STREET.encode() not in data for data in careful.values())
    row = next(r for r in rows(careful, "organisations.csv") if r["id"] == "safe-house-bamako")
    assert (row["address"], row["city"], row["address_confidential"]) == ("", "Bamako", "true")
    mali = json.loads(careful["countries/ml.json"])["countries"][0]
    assert mali["shelters"][0]["address"] == {"city": "Bamako", "confidential": True}
    assert b"3 Market Street" in careful["all.json"]  # an address that is not confidential is published


def test_two_exports_of_the_same_content_are_byte_identical(files, tmp_path):
    settings = load_settings()
    assert export_files(load_catalogue(settings), settings.site_url) == files

    assert write_files(files, tmp_path) == (len(files), 0, 0)
    assert write_files(files, tmp_path) == (0, len(files), 0)


def test_a_country_that_is_gone_loses_its_file_and_nothing_half_written_is_left(files, tmp_path):
    write_files(files, tmp_path)
    (tmp_path / "countries" / "zz.json").write_text("{}", "utf-8")
    (tmp_path / "notes.txt").write_text("mine", "utf-8")

    assert write_files(files, tmp_path)[2] == 1
    assert not (tmp_path / "countries" / "zz.json").exists() and (tmp_path / "notes.txt").exists()

    changed = {**files, "all.json": b"{}\n", "costs.csv": b"new\r\n"}
    (tmp_path / "costs.csv").unlink()
    (tmp_path / "costs.csv").mkdir()  # something in the way: the rename fails
    with pytest.raises(OSError):
        write_files(changed, tmp_path)
    assert (tmp_path / "all.json").read_bytes() == b"{}\n"  # sorted: written whole before the failure
    assert not list(tmp_path.rglob("*.tmp"))

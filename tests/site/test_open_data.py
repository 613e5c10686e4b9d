"""The open data in the built site: /data/ and /schemas/ in every language, valid for Frictionless's
own command, the same in two builds, and no confidential address anywhere in the site."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator
from referencing import Registry, Resource

from export_support import SECRET_STREET, careful_project
from generator.site.build import build_site

pytestmark = pytest.mark.slow  # builds whole sites
FRICTIONLESS = Path(sys.executable).with_name("frictionless")


@pytest.fixture(scope="module")
def sites(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The same content built twice, by two project copies."""
    built = []
    for name in ("first", "second"):
        project = careful_project(tmp_path_factory.mktemp(name), countries=["ml", "iq", "ng"])
        build_site(project, pdf=False)
        built.append(project.site_dir)
    return built[0], built[1]


def files_under(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.mark.parametrize("lang", ["", "nb/", "da/"])
def test_frictionless_validate_passes_on_each_sites_datapackage(sites, lang):
    run = subprocess.run([str(FRICTIONLESS), "validate", "--json", f"{lang}data/datapackage.json"], cwd=sites[0],
                         capture_output=True, text=True, timeout=120, check=False)

    report = json.loads(run.stdout)
    assert run.returncode == 0 and report["valid"], run.stdout[:2000]
    assert [task["name"] for task in report["tasks"]] == ["sources", "programmes", "ceilings", "costs", "organisations"]


def test_all_json_meets_the_schemas_the_site_publishes(sites):
    site = sites[0]
    published = {p.relative_to(site / "schemas").as_posix(): json.loads(p.read_text("utf-8"))
                 for p in (site / "schemas").rglob("*.json")}
    assert {"data.schema.json", "country.schema.json", "hsds/hsds-3.0.schema.json"} <= set(published)
    registry = Registry().with_resources((name, Resource.from_contents(s)) for name, s in published.items())
    document = json.loads((site / "data" / "all.json").read_text("utf-8"))
    schema_name = document["$schema"].rsplit("/schemas/", 1)[1]

    validator = Draft202012Validator(published[schema_name], registry=registry,
                                     format_checker=Draft202012Validator.FORMAT_CHECKER)
    assert [e.message for e in validator.iter_errors(document)] == []
    assert [c["country"]["code"] for c in document["countries"]] == ["IQ", "ML", "NG"]


def test_two_builds_give_byte_identical_data_and_the_same_hsds_ids(sites):
    first, second = (files_under(site / "data") for site in sites)
    assert first == second and len(first) > 10
    assert files_under(sites[0] / "schemas") == files_under(sites[1] / "schemas")
    ids = [[r["id"] for r in json.loads(files[f"hsds/{kind}.json"])]
           for files in (first, second) for kind in ("organizations", "services", "locations")]
    assert ids[:3] == ids[3:] and all(ids)


def test_every_language_publishes_the_same_data(sites):
    english = files_under(sites[0] / "data")
    for lang in ("nb", "da"):
        theirs = files_under(sites[0] / lang / "data")
        assert {k: v for k, v in theirs.items() if k != "index.html"} == {k: v for k, v in english.items() if k != "index.html"}


def test_a_confidential_address_is_nowhere_in_the_built_site(sites):
    site = files_under(sites[0])
    assert len(site) > 100
    assert [name for name, data in site.items() if SECRET_STREET.encode() in data] == []
    assert b"Bamako" in site["data/hsds/locations.json"]

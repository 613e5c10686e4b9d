"""A project copy whose content holds what the open data must treat with care: a shelter with a
confidential street address, and a name a spreadsheet would run as a formula."""
from __future__ import annotations

from pathlib import Path

from generator.config import Settings
from project_support import make_project

SECRET_STREET = "12 Hidden Lane"
FORMULA_NAME = '=HYPERLINK("http://example.org","Aid")'
SHELTERS = f"""
shelters:
  - id: safe-house-bamako
    name: Safe house for women
    organisation: iom-bamako
    target_groups: [women, victims_of_trafficking]
    address:
      address_1: {SECRET_STREET}
      city: Bamako
      confidential: true
    last_verified: 2012
    source: ramboll-2012
    lines: "2389-2395"
job_services:
  - id: formula-named-service
    name: '{FORMULA_NAME}'
    type: business_start_up
    address:
      address_1: 3 Market Street
      city: Bamako
    last_verified: 2012-06
    source: ramboll-2012
    lines: "2389-2395"
"""


def careful_project(tmp_path: Path, countries: list[str] | None = None, **settings: object) -> Settings:
    """make_project, with SHELTERS added to Mali's file (so `countries` must include ml)."""
    project = make_project(tmp_path, countries=countries, **settings)
    mali = project.content_dir / "countries" / "ml.yaml"
    mali.write_text(mali.read_text("utf-8").replace("\ncosts:\n", SHELTERS + "costs:\n", 1), "utf-8")
    return project

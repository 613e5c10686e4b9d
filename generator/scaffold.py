"""`factsheets new CODE`: a new country file with every section as a commented example.

Explanations start with `##`; example lines start with `# ` and become valid YAML when that
prefix is removed and the example values are replaced with the source's facts.
"""
from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path

import pycountry

from .config import load_settings
from .model import country_name

TEMPLATE = """\
# yaml-language-server: $schema=../../schemas/country.schema.json
## New country file. Fill in only what a source says, cite it (source + lines or page), and
## delete the examples you do not use. Run `factsheets validate` to check. See CONTRIBUTING.md.
country:
  code: {code}
  name: {name}
#   languages: [en]            ## main languages, as language tags
#   currency: USD              ## ISO 4217 code of the country's currency
last_reviewed: {today}         ## the day you checked the whole file against its sources

## Two or three sentences a counsellor reads first.
# summary: >-
#   IOM supports returnees on arrival and with a reintegration plan.

## Programmes that apply here; each is written once in content/programmes/.
# programmes:
#   - programme: dk-prepared-return-2012
#     note: Why and how it applies to this country.
#     source: ramboll-2012
#     lines: "3-10"

## Support organisations. Organisations only: never a staff member's name.
# organisations:
#   - id: iom-office
#     name: IOM office
#     type: international_org  ## international_org, un_agency, government, ngo, faith_based, diaspora, private, other
#     description: What it does for returnees.
#     services: [return_counselling, reception_at_airport]
#     address:
#       city: Capital city
#     last_verified: 2012      ## when the source describes it
#     source: ramboll-2012
#     lines: "1186-1187"

## Shelters and temporary accommodation.
# shelters:
#   - id: shelter-women
#     name: Shelter for women
#     organisation: iom-office  ## id of an organisation above
#     target_groups: [women, victims_of_trafficking]
#     address:
#       city: Capital city
#       confidential: true     ## only the city is published
#     last_verified: 2012
#     source: ramboll-2012
#     lines: "1727-1729"

## Job placement, training, business start-up, microfinance.
# job_services:
#   - id: employment-fund
#     name: National employment service
#     type: public_employment  ## job_placement, vocational_training, business_start_up, microfinance, public_employment, education
#     description: Counselling on job placement.
#     last_verified: 2012
#     source: ramboll-2012
#     lines: "1192-1205"

## Typical costs: give amount, or min and max.
# costs:
#   - id: room-rent
#     item: Room, monthly rent
#     category: rent           ## rent, food, household, business, transport, health, education, wages, other
#     min: 30
#     max: 45
#     currency: EUR
#     period: per_month
#     place: Capital city
#     as_of: 2012
#     source: ramboll-2012
#     lines: "2361-2366"

## Short sourced notes about return itself.
# notes:
#   - topic: returnee_experience  ## return_agreement, forced_return, returnee_experience, counselling, reintegration, statistics, other
#     text: What the source reports.
#     as_of: 2012
#     source: ramboll-2012
#     lines: "2739-2741"

## Things a source says do NOT exist (shown instead of "no data").
# absent:
#   - section: shelters
#     text: No shelters for victims of trafficking.
#     as_of: 2012
#     source: ramboll-2012
#     lines: "1189-1190"
"""


class ScaffoldError(Exception):
    def __init__(self, message: str, code: int):
        super().__init__(message)
        self.code = code


def write_new_country(code: str, content_dir: Path, today: date) -> Path:
    """Write content/countries/<code>.yaml; never overwrites, refuses codes that are not ISO 3166-1."""
    upper = code.strip().upper()
    if len(upper) != 2 or pycountry.countries.get(alpha_2=upper) is None:
        raise ScaffoldError(f"`{code}` is not an ISO 3166-1 alpha-2 country code (e.g. ML for Mali, IQ for Iraq)", 2)
    target = content_dir / "countries" / f"{upper.lower()}.yaml"
    if target.exists():
        raise ScaffoldError(f"{target} already exists; edit it instead", 1)
    target.parent.mkdir(parents=True, exist_ok=True)
    name = country_name(upper)
    quoted = name if name.replace(" ", "").isalpha() else '"' + name.replace('"', '\\"') + '"'
    with target.open("x", encoding="utf-8") as handle:  # "x": fails rather than overwrite a file made meanwhile
        handle.write(TEMPLATE.format(code=upper, name=quoted, today=today.isoformat()))
    return target


def cmd_new(args: argparse.Namespace) -> int:
    settings = load_settings()
    try:
        path = write_new_country(args.code, settings.content_dir, settings.today)
    except ScaffoldError as error:
        print(f"factsheets new: {error}", file=sys.stderr)
        return error.code
    print(f"wrote {path}: uncomment the sections you have sources for, then run `factsheets validate {path}`")
    return 0

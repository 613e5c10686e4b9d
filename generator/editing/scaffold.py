"""`factsheets new CODE`: a new country file with every section as a commented example.

The file validates as written: only `country:` and `last_reviewed:` are filled in. Below them,
every section and field of the schema is shown as an example an editor can switch on:

- lines starting with `##` explain; they can stay or go;
- lines starting with `# ` are example YAML: removing the `# ` (and nothing else) gives valid
  YAML at the right indentation;
- every example value is written `<like this>`: an editor replaces it with what the source says.
  A placeholder left in an id, date, amount, choice or citation fails validation, so a
  half-filled example cannot be published by mistake.

Replacing each `<value>` by the value it shows yields a valid file (tests/editing/test_editors.py does
exactly that), because the examples cite a real source (`ramboll-2012`, lines that exist) and a
real programme (`dk-prepared-return-2012`).
"""
from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path

import pycountry
import yaml

from ..content.yamlload import StrictLoader
from ..model.catalogue import country_name
from ..problems import FactsheetsError

HEADER = """\
# yaml-language-server: $schema=../../schemas/country.schema.json
## {name} ({code}): new fact sheet, started with `factsheets new {code}` on {today}.
##
## How to fill it in (step by step, with a worked example, in CONTRIBUTING.md):
##  1. Lines starting with `# ` are examples. For each section your source covers, delete the
##     `# ` at the start of its lines (keep the spaces after it: they are the indentation).
##  2. Replace every <...> with what the source says; the value inside only shows the kind of
##     value that goes there. Delete fields and sections the source does not cover.
##  3. Every entry cites its source: `source:` is an id from content/sources.yaml, `lines:` the
##     lines of the source's text copy (or `page:` for a document without one).
##  4. Check: .venv/bin/factsheets validate content/countries/{file}
## Lines starting with `##` are explanations like this one; keep or delete them.
"""

BODY = """\
country:
  code: {code}
  name: {quoted_name}
#   name_local:                       ## the name in a local script (default: CLDR's names in `languages`)
#     text: <{name}>
#     lang: <{language}>                      ## language tag of that name
#   languages: [{languages}]               ## main languages spoken (language tags such as en, ar, fa-AF)
#   currency: <{currency}>                    ## the country's currency (ISO 4217 code)
last_reviewed: {today}            ## the day you checked the whole file against its sources (YYYY-MM-DD)

## -- Summary: two or three sentences a counsellor reads first, only facts cited below.
## Any text field can be translated: `{{en: Cash paid after arrival., nb: {{text: Kontanter ..., from_en: <fingerprint>}}}}`;
## `factsheets translations --lang nb` prints the fingerprint (CONTRIBUTING.md, "Translate a text").
# summary: >-
#   <IOM supports returnees on arrival and helps them make a reintegration plan.>

## -- Programmes that apply to returnees to this country. Each programme is written once in
## content/programmes/<id>.yaml; here you only name it and cite the source that says it applies.
# programmes:
#   - programme: <dk-prepared-return-2012>    ## id of a file in content/programmes/
#     note: <What is particular to this country, e.g. how many used it.>
#     source: <ramboll-2012>                  ## an id from content/sources.yaml
#     lines: "<1176-1187>"                    ## where the source says so (or page: 12)

## -- Support organisations: IOM offices, NGOs, authorities. Organisations only, never a
## staff member's name. Contact details only as the source gives them, never guessed.
# organisations:
#   - id: <iom-office>                        ## short id: lower-case letters, digits, hyphens
#     name: <IOM {name}>                      ## as the source gives it
#     alternate_name: <IOM>                   ## abbreviation or other name
#     type: <international_org>               ## international_org, un_agency, government, ngo, faith_based, diaspora, private or other
#     description: <What it does for returnees, as the source says.>
#     services: [<return_counselling>, <reception_at_airport>]
#                ## return_counselling, reception_at_airport, shelter, housing, medical, psychosocial, legal, job_placement,
#                ## vocational_training, business_start_up, microfinance, education, family_tracing, anti_trafficking, other
#     eligibility: <Who can use it.>
#     languages: [<en>]                       ## languages the staff speak
#     contact:
#       phones:
#         - number: "<+00 000 000 000>"       ## digits, spaces and a leading +, as the source gives it
#           type: <voice>                     ## voice, mobile, fax, text, whatsapp or hotline
#           description: <Weekdays 9-17, English and French.>
#       email: <info@example.org>
#       website: <https://www.iom.int/>
#     address:
#       address_1: <Street and number>
#       city: <Capital city>                  ## the only address field required
#       region: <Region or province>
#     status: <active>                        ## active, inactive or unknown (when last verified)
#     last_verified: <2012>                   ## when the source describes it: YYYY, YYYY-MM or YYYY-MM-DD
#     source: <ramboll-2012>
#     lines: "<1184-1218>"

## -- Shelters and temporary accommodation.
# shelters:
#   - id: <shelter-for-women>
#     name: <Shelter for women>               ## its name, or a plain description such as "NGO accommodation site"
#     organisation: <iom-office>              ## id of the organisation above that runs it
#     description: <Temporary accommodation after arrival.>
#     target_groups: [<women>, <victims_of_trafficking>]
#                ## men, women, families, children, unaccompanied_minors, victims_of_trafficking, medical, all
#     capacity: <20>                          ## number of beds
#     max_stay: <3 months>                    ## as the source says
#     address:
#       city: <Capital city>
#       confidential: <true>                  ## true: the address is secret, only the city is published
#     contact:
#       phones:
#         - number: "<+00 000 000 000>"
#           type: <hotline>
#     last_verified: <2012>
#     source: <ramboll-2012>
#     lines: "<1727-1729>"

## -- Job placement, vocational training, business start-up, microfinance, education.
# job_services:
#   - id: <national-employment-service>
#     name: <National Employment Service>
#     organisation: <iom-office>              ## optional: id of the organisation above that runs it
#     type: <public_employment>               ## job_placement, vocational_training, business_start_up, microfinance, public_employment or education
#     description: <Counselling on job placement; each applicant gets a counsellor.>
#     eligibility: <Returnees under 32 years of age.>
#     requirements:                           ## documents or steps needed to enrol
#       - <An updated CV>
#       - <A valid national identity card>
#     contact:
#       website: <https://www.example.org/>
#     address:
#       city: <Capital city>
#     last_verified: <2012>
#     source: <ramboll-2012>
#     lines: "<1192-1205>"

## -- Typical costs, each with its date and place. A range (min and max) or one amount.
# costs:
#   - id: <room-rent-capital>
#     item: <Room, monthly rent>              ## what the price is for
#     category: <rent>                        ## rent, food, household, business, transport, health, education, wages or other
#     min: <30>                               ## a plain number: 20000, not 20 000
#     max: <45>
#     currency: <EUR>                         ## ISO 4217 code, as the source gives the price
#     period: <per_month>                     ## one_off, per_item, per_day, per_week, per_month, per_year or per_m2_per_month
#     place: <Capital city>                   ## city or area the price was observed in
#     note: <Without water and electricity.>
#     as_of: <2012>                           ## when the price was observed (for an undated report: its year)
#     source: <ramboll-2012>
#     lines: "<2361-2366>"
#   - id: <sewing-machine>
#     item: <Sewing machine>
#     category: <business>
#     amount: <150>                           ## one amount instead of min and max
#     currency: <USD>
#     period: <one_off>
#     as_of: <2012>
#     source: <ramboll-2012>
#     page: <12>                              ## a page instead of lines

## -- Short sourced notes about return itself: agreements, forced return, what returnees reported.
# notes:
#   - topic: <reintegration>                  ## return_agreement, forced_return, returnee_experience, counselling, reintegration, statistics or other
#     text: <What the source reports, in one or two sentences.>
#     as_of: <2012>                           ## the date the fact describes
#     source: <ramboll-2012>
#     lines: "<1207-1212>"

## -- What a source says explicitly does NOT exist ("no shelters for victims of trafficking").
## Shown in that section instead of "no data". Where a source is silent, write nothing.
# absent:
#   - section: <shelters>                     ## organisations, shelters, job_services, costs or programmes
#     text: <No shelters for victims of trafficking.>
#     as_of: <2012>
#     source: <ramboll-2012>
#     lines: "<1189-1190>"
"""


class ScaffoldError(FactsheetsError):
    """Why no file was written; `code` is the command's exit code (2: bad code, 1: file exists)."""


def _suggestion(code: str) -> str:
    """`did you mean KE (Kenya)?` for a name, an alpha-3 code or the common slip UK."""
    if code.upper() == "UK":
        return "; did you mean GB (United Kingdom)?"
    try:
        found = pycountry.countries.lookup(code)
    except LookupError:
        return ""
    return f"; did you mean {found.alpha_2} ({country_name(found.alpha_2)})?"


def country_code(code: str) -> str:
    """The ISO 3166-1 alpha-2 code in capitals, or ScaffoldError (exit code 2) saying why not."""
    upper = code.strip().upper()
    if len(upper) == 2 and upper.isascii() and upper.isalpha() and pycountry.countries.get(alpha_2=upper) is not None:
        return upper
    raise ScaffoldError(f"`{code}` is not an ISO 3166-1 alpha-2 country code (e.g. ML for Mali, IQ for Iraq){_suggestion(code)}", 2)


def _locale_hints(code: str) -> tuple[list[str], str]:
    """Official languages and currency of a territory from CLDR (Babel, installed with MkDocs
    Material), filtered to codes the validator accepts; plain defaults when unknown."""
    languages, currency = [], "USD"
    try:
        from babel.languages import get_official_languages
        from babel.numbers import get_territory_currencies
    except ImportError:  # pragma: no cover - Babel comes with mkdocs-material
        return ["en"], currency
    for tag in get_official_languages(code, de_facto=True):
        tag = tag.replace("_", "-")
        primary = tag.split("-")[0]
        if primary.isalpha() and primary.islower() and (pycountry.languages.get(alpha_2=primary) or pycountry.languages.get(alpha_3=primary)):
            if tag not in languages:
                languages.append(tag)
    for found in get_territory_currencies(code, date.today()):
        if pycountry.currencies.get(alpha_3=found) is not None:
            currency = found
            break
    return languages[:4] or ["en"], currency


def yaml_scalar(text: str) -> str:
    """`Kenya` as it is; anything YAML could misread, in double quotes (JSON's are valid YAML)."""
    if re.fullmatch(r"[^\W\d_][\w .,'’()-]*[\w.)]", text):
        try:
            if yaml.load(f"k: {text}", Loader=StrictLoader) == {"k": text}:
                return text
        except yaml.YAMLError:
            pass
    return json.dumps(text, ensure_ascii=False)


def render_template(code: str, today: date) -> str:
    """The text of a new country file for `code` (already checked by `country_code`)."""
    name = country_name(code)
    languages, currency = _locale_hints(code)
    values = {
        "code": code, "name": name, "today": today.isoformat(), "file": f"{code.lower()}.yaml",
        "quoted_name": yaml_scalar(name),
        "languages": ", ".join(f"<{tag}>" for tag in languages), "language": languages[0], "currency": currency,
    }
    return HEADER.format(**values) + BODY.format(**values)


def write_new_country(code: str, content_dir: Path, today: date | None = None) -> Path:
    """Write content_dir/countries/<code>.yaml and return its path.

    Raises ScaffoldError with code 2 for a code that is not ISO 3166-1 alpha-2, and code 1 when
    the file exists: an existing file is never overwritten.
    """
    upper = country_code(code)
    target = content_dir / "countries" / f"{upper.lower()}.yaml"
    if target.exists():
        raise ScaffoldError(f"{target} already exists; edit it instead (nothing was written)", 1)
    text = render_template(upper, today or date.today())
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        with target.open("x", encoding="utf-8") as handle:  # "x": fails rather than overwrite a file made meanwhile
            handle.write(text)
    except FileExistsError:
        raise ScaffoldError(f"{target} already exists; edit it instead (nothing was written)", 1) from None
    return target

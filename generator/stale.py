"""`factsheets stale`: what an editor should re-check, per country, oldest first."""
from __future__ import annotations

import argparse
import re
import sys

from .build import load_catalogue
from .config import Settings, load_settings
from .model import Catalogue, Country, DatedFact
from .problems import ContentError


def parse_age(text: str) -> int:
    """'12m' -> 12 months, '2y' -> 24 months."""
    match = re.fullmatch(r"\s*(\d+)\s*([my])\s*", text.lower())
    if not match:
        raise ValueError(f"write an age such as 12m (months) or 2y (years); found `{text}`")
    number = int(match.group(1))
    return number * 12 if match.group(2) == "y" else number


def stale_facts(catalogue: Catalogue, older_than_months: int | None = None) -> list[tuple[Country, list[DatedFact]]]:
    """Per country, the facts past their age (the configured one per kind, or `older_than_months`), oldest first."""
    found = []
    for country in catalogue.countries:
        old = [f for f in country.facts if (f.age.months > older_than_months if older_than_months is not None else f.age.stale)]
        if old:
            found.append((country, sorted(old, key=lambda f: f.age.end)))
    return sorted(found, key=lambda pair: pair[1][0].age.end)


def _where(fact: dict) -> str:
    locator = f" lines {fact['lines']}" if "lines" in fact else (f" p. {fact['page']}" if "page" in fact else "")
    return f"{fact['source']}{locator}"


def render(rows: list[tuple[Country, list[DatedFact]]], markdown: bool) -> str:
    out = []
    for country, facts in rows:
        if markdown:
            out += [f"## {country.name} ({country.code})", "", "| section | item | date | age | source |", "|---|---|---|---|---|"]
            out += [f"| {f.section} | {f.label.replace('|', '/')} | {f.age.written} | {f.age.months} months | {_where(f.fact)} |" for f in facts]
            out.append("")
        else:
            out.append(f"{country.name} ({country.code})")
            out += [f"  {f.age.written:<10} {f.age.months:>4} months  {f.section:<14} {f.label[:60]}  [{_where(f.fact)}]" for f in facts]
    return "\n".join(out)


def cmd_stale(args: argparse.Namespace, settings: Settings | None = None) -> int:
    settings = settings or load_settings()
    try:
        limit = parse_age(args.older_than) if args.older_than else None
    except ValueError as error:
        print(f"--older-than: {error}", file=sys.stderr)
        return 2
    try:
        catalogue = load_catalogue(settings)
    except ContentError as error:
        print("\n".join(p.text() for p in error.problems), file=sys.stderr)
        return 1
    rows = stale_facts(catalogue, limit)
    if rows:
        print(render(rows, markdown=args.format == "markdown"))
    total = sum(len(c.facts) for c in catalogue.countries)
    stale = sum(len(facts) for _, facts in rows)
    rule = f"older than {limit} months" if limit is not None else \
        f"past their age (ceilings {settings.stale_months['ceiling']} months, costs {settings.stale_months['cost']}, contacts {settings.stale_months['contact']})"
    print(f"{stale} of {total} dated figures and contacts are {rule}, in {len(rows)} of {len(catalogue.countries)} countries.")
    return 0

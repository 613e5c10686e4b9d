"""`factsheets stale`: what an editor should re-check, per country, oldest first.

Every dated figure and contact a country page shows (grant ceilings of the programmes that apply,
costs, organisations, shelters, job services, notes) is past its age when it is older than
`stale_months` for its kind (pyproject.toml), or than `--older-than` when that is given.
"""
from __future__ import annotations

import re

from ..model.catalogue import Catalogue, Country, DatedFact


def parse_age(text: str) -> int:
    """'12m' -> 12 months, '2y' -> 24 months."""
    match = re.fullmatch(r"\s*(\d+)\s*([my])\s*", text.lower())
    if not match:
        raise ValueError(f"write an age such as 12m (months) or 2y (years); found `{text}`")
    number = int(match.group(1))
    return number * 12 if match.group(2) == "y" else number


def is_stale(fact: DatedFact, older_than_months: int | None = None) -> bool:
    return fact.age.months > older_than_months if older_than_months is not None else fact.age.stale


def stale_facts(catalogue: Catalogue, older_than_months: int | None = None) -> list[tuple[Country, list[DatedFact]]]:
    """Per country, the facts past their age (the configured one per kind, or `older_than_months`),
    oldest first; the countries with the oldest facts first."""
    found = []
    for country in catalogue.countries:
        old = [f for f in country.facts if is_stale(f, older_than_months)]
        if old:
            found.append((country, sorted(old, key=lambda f: (f.age.end, f.section, f.label))))
    return sorted(found, key=lambda pair: (pair[1][0].age.end, pair[0].name))


def cited(fact: dict) -> str:
    """`ramboll-2012 lines 1192-1205`: the source and where in it the fact stands."""
    locator = f" lines {fact['lines']}" if "lines" in fact else (f" p. {fact['page']}" if "page" in fact else "")
    return f"{fact.get('source', '?')}{locator}"


def _one_line(text: str, limit: int) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def render_text(rows: list[tuple[Country, list[DatedFact]]]) -> str:
    out = []
    for country, facts in rows:
        out.append(f"{country.name} ({country.code}): {len(facts)} to re-check")
        for f in facts:
            out.append(f"  {f.age.written:<10} {f.age.months:>4} months  {f.section:<13}  {_one_line(f.label, 60):<60}  [{cited(f.fact)}]")
        out.append("")
    return "\n".join(out)


def render_markdown(rows: list[tuple[Country, list[DatedFact]]]) -> str:
    cell = lambda value, limit=100: _one_line(value, limit).replace("|", "\\|")  # noqa: E731
    out = []
    for country, facts in rows:
        out += [f"### {cell(country.name)} ({country.code})", "",
                "| section | item | date | age (months) | source |", "|---|---|---|--:|---|"]
        out += [f"| {f.section} | {cell(f.label)} | {f.age.written} | {f.age.months} | {cell(cited(f.fact))} |" for f in facts]
        out.append("")
    return "\n".join(out)


def render(rows: list[tuple[Country, list[DatedFact]]], markdown: bool) -> str:
    return render_markdown(rows) if markdown else render_text(rows)


def summary(catalogue: Catalogue, rows: list[tuple[Country, list[DatedFact]]], older_than_months: int | None) -> str:
    total = sum(len(c.facts) for c in catalogue.countries)
    stale = sum(len(facts) for _, facts in rows)
    months = catalogue.settings.stale_months
    rule = f"older than {older_than_months} months" if older_than_months is not None else \
        f"past their age (ceilings {months['ceiling']} months, costs {months['cost']}, contacts and notes {months['contact']})"
    return (f"{stale} of {total} dated figures and contacts are {rule}, "
            f"in {len(rows)} of {len(catalogue.countries)} countries (as of {catalogue.settings.today}).")


def report(catalogue: Catalogue, older_than_months: int | None = None, markdown: bool = False) -> str:
    """The whole report as printed: per country, oldest first, then the summary line."""
    rows = stale_facts(catalogue, older_than_months)
    head = ["## Figures and contacts to re-check", ""] if markdown else []
    return "\n".join(head + ([render(rows, markdown)] if rows else []) + [summary(catalogue, rows, older_than_months)])

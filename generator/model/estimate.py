"""What a household could get: the programmes on a country page reduced to arithmetic, then applied.

Two steps, so the site's form and `factsheets estimate` cannot disagree: `country_rules` turns the
content into plain numbers (one `Rule` per component, JSON-able, embedded in the country page), and
`apply` multiplies them by a household. The page's script implements only `apply`, over the same
rules; a browser test checks it against this module.

Honesty rules: a component without an amount is "amount not given" and leaves the total open ("at
least ..."); `per: unclear` counts one unit at least and leaves the top open for a household of
more than one person; a ceiling ("up to") counts from 0; a condition (`tier` without `choice`)
counts from 0; components sharing a `choice` are alternatives (min of them to max of them); a
programme's `package` cap limits its total. Nothing is guessed: where the content is silent, the
estimate says so.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from .catalogue import Catalogue, Country, Programme

GROUPS = ("victim_of_trafficking", "unaccompanied_minor", "forced_returnee")
SERVICES = ("counselling", "travel")  # without an amount these are services, not money left unstated


@dataclass(frozen=True)
class Household:
    adults: int
    children: int
    group: str | None = None

    @property
    def persons(self) -> int:
        return self.adults + self.children


@dataclass(frozen=True)
class Rule:
    """One component as arithmetic. `low`/`high` are per unit; `high` None means no amount is given."""

    index: int            # position among the programme's components
    kind: str             # "amount", "service" (no money to count) or "unknown" (money, amount not given)
    per: str | None
    low: float
    high: float | None
    months: int | None    # a monthly amount counts this many months (None: months not given, top open)
    conditional: bool     # paid only under a condition: counts from 0
    choice: str | None    # rules with the same choice are alternatives


@dataclass(frozen=True)
class ProgrammeRules:
    id: str
    host: str
    currency: str | None
    needs_group: list[str] | None          # None: open to any household
    not_counted: str | None                # "ended" or "superseded": shown, never counted
    package: dict | None                   # {"amount", "per"}: a cap on the programme's total
    rules: list[Rule] = field(default_factory=list)


def group_only(programme: Programme) -> list[str] | None:
    """The groups a programme is limited to, or None when it is open to any returnee it lists."""
    statuses = programme.data.get("eligibility", {}).get("legal_status", [])
    if programme.data["scope"] == "group" or (statuses and set(statuses) <= set(GROUPS)):
        return [s for s in statuses if s in GROUPS] or None
    return None


def component_rule(index: int, component: dict) -> Rule:
    per = component.get("per")
    monthly = component.get("period") == "per_month"
    months = component.get("months") if monthly else 1
    choice, conditional = component.get("choice"), "tier" in component and "choice" not in component
    if "amount" in component:
        value = float(component["amount"])
        return Rule(index, "amount", per, value, value, months, conditional, choice)
    if "max_amount" in component:
        return Rule(index, "amount", per, 0.0, float(component["max_amount"]), months, conditional, choice)
    kind = "service" if component["type"] in SERVICES else "unknown"
    return Rule(index, kind, per, 0.0, None, months, conditional, choice)


def programme_rules(catalogue: Catalogue, programme: Programme) -> ProgrammeRules:
    if programme.superseded_by is not None:
        not_counted = "superseded"
    else:
        not_counted = "ended" if catalogue.standing(programme).status == "ended" else None
    components = programme.components()
    package = programme.data.get("package")
    priced = [c for c in [package or {}, *components] if "currency" in c]  # one currency: the validator checks it
    return ProgrammeRules(
        programme.id, programme.data["funder"], priced[0]["currency"] if priced else None, group_only(programme),
        not_counted, {"amount": float(package["max_amount"]), "per": package["per"]} if package else None,
        [component_rule(i, c) for i, c in enumerate(components)])


def country_rules(catalogue: Catalogue, country: Country) -> list[ProgrammeRules]:
    """The rules of every programme on the country's page, in page order."""
    return [programme_rules(catalogue, p) for _, p in country.programmes]


# -- applying rules to a household (mirrored by docs/js/estimate.js) --------------------------------
def units(per: str | None, household: Household) -> int | None:
    """How many times an amount is paid to the household; None when the source does not say per whom
    and the household has more than one person."""
    if per == "adult":
        return household.adults
    if per == "child":
        return household.children
    if per == "person":
        return household.persons
    if per in ("family", "case"):
        return 1
    return 1 if household.persons == 1 else None


@dataclass(frozen=True)
class Line:
    index: int
    kind: str
    count: int | None     # units in this household; None: per whom not stated
    low: float
    high: float | None    # None: open (no amount, per whom or months not stated)


@dataclass(frozen=True)
class Result:
    id: str
    counted: bool
    reason: str | None    # why not counted: "ended", "superseded", "group", "host"
    low: float
    high: float | None
    amount_given: bool    # at least one figure in the sources
    lines: list[Line]


def apply_rule(rule: Rule, household: Household) -> Line:
    count = units(rule.per, household)
    if rule.kind != "amount":
        return Line(rule.index, rule.kind, count, 0.0, None if rule.kind == "unknown" else 0.0)
    months = rule.months
    low = 0.0 if rule.conditional else rule.low * (count if count is not None else 1) * (months or 1)
    high = None if rule.high is None or count is None or months is None else rule.high * count * months
    return Line(rule.index, rule.kind, count, low, high)


def total(lines: list[Line], rules: list[Rule]) -> tuple[float, float | None]:
    """Sum of the lines, alternatives (same choice) counted as their min to their max."""
    low, high, open_top = 0.0, 0.0, False
    groups: dict[str, list[Line]] = {}
    for line, rule in zip(lines, rules):
        if rule.choice:
            groups.setdefault(rule.choice, []).append(line)
            continue
        low += line.low
        if line.high is None:
            open_top = True
        else:
            high += line.high
    for members in groups.values():
        low += min(m.low for m in members)
        if any(m.high is None for m in members):
            open_top = True
        else:
            high += max(m.high for m in members if m.high is not None)
    return low, (None if open_top else high)


def apply(programme: ProgrammeRules, household: Household, host: str) -> Result:
    lines = [apply_rule(rule, household) for rule in programme.rules]
    reason = ("host" if programme.host != host else programme.not_counted
              or ("group" if programme.needs_group and household.group not in programme.needs_group else None))
    low, high = total(lines, programme.rules)
    if programme.package is not None:
        cap_units = units(programme.package["per"], household)
        if cap_units is not None:
            cap = programme.package["amount"] * cap_units
            low, high = min(low, cap), cap if high is None else min(high, cap)
    given = any(rule.kind == "amount" for rule in programme.rules) or programme.package is not None
    return Result(programme.id, reason is None, reason, low, high, given, lines)


def estimate(rules: list[ProgrammeRules], household: Household, host: str) -> list[Result]:
    """Every programme of a page's rules for this household and host country, counted or with the
    reason it is not."""
    return [apply(programme, household, host) for programme in rules]


def hosts(rules: list[ProgrammeRules]) -> list[str]:
    """Host countries with a programme counted among these rules (ended and superseded ones do not count)."""
    return sorted({r.host for r in rules if r.not_counted is None})


def together(catalogue: Catalogue, results: list[Result]) -> list[tuple[str, str, dict | None]]:
    """For each pair of counted programmes, what the content says about receiving both (None: not stated)."""
    counted = [r.id for r in results if r.counted]
    pairs = []
    for i, first in enumerate(counted):
        for second in counted[i + 1:]:
            said = [entry for a, b in ((first, second), (second, first))
                    for entry in catalogue.programmes[a].data.get("combines", []) if entry["programme"] == b]
            pairs.append((first, second, said[0] if said else None))
    return pairs

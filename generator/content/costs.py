"""A programme's `costs:` checks a schema cannot express: a figure is reported after the period it covers,
and counts returnees or participants as its kind does."""
from __future__ import annotations

from typing import Callable

from .dates import parse_period
from .yamlload import Loaded

COUNTS = {"per_returnee": "returnees", "per_participant": "participants"}  # what a per-head figure divides by


def check_costs(doc: Loaded, add: Callable[[Loaded, list, str], None]) -> None:
    """One problem per defect, at the field to change."""
    costs = doc.data.get("costs")
    for index, cost in enumerate(costs if isinstance(costs, list) else []):
        if not isinstance(cost, dict):
            continue
        what, path = cost.get("what"), ["costs", index]
        counted = COUNTS.get(what) if isinstance(what, str) else None
        wrong = {"returnees": "participants", "participants": "returnees"}.get(counted or "")
        if counted and wrong in cost:
            add(doc, path + [wrong], f"a {what.replace('_', ' ')} figure counts {COUNTS[what]}, not {wrong}: "
                f"write `{COUNTS[what]}:` or change `what`")
        try:
            ends, reported = parse_period(cost["valid_to"])[0], parse_period(cost["as_of"])[1]
        except (KeyError, ValueError, OverflowError):
            continue  # no period, or a date the schema and check_date report
        if reported < ends:
            add(doc, path + ["as_of"], f"`as_of` ({cost['as_of']}) is before the end of the period the figure covers "
                f"(`valid_to`: {cost['valid_to']}); as_of is when the source reported it")

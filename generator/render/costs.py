"""Helpers of the programme cost tables (programme pages and compare/programme-costs): figures of what
programmes cost, as 2008-2014 evaluations report them. They are history, and the tables say so."""
from __future__ import annotations

from typing import Any

from ..content.dates import parse_period
from ..model.catalogue import Programme
from .i18n import Language


class CostViews:
    """Periods and counts of cost figures in one language."""

    def __init__(self, lang: Language):
        self.lang = lang

    def cost_period(self, cost: dict) -> str:
        """The period a figure covers: '2012' for a whole year, '15 March 2008 – 31 December 2011', else its as_of."""
        start, end = cost.get("valid_from"), cost.get("valid_to")
        if start is None or end is None:
            return self.lang.date(cost["as_of"])
        first, last = parse_period(start)[0], parse_period(end)[1]
        if first.year == last.year and (first.month, first.day, last.month, last.day) == (1, 1, 12, 31):
            return str(first.year)
        return f"{self.lang.date(start)} – {self.lang.date(end)}"

    def cost_counted(self, cost: dict) -> str:
        """'45 returnees' or '1,467 participants', as far as the source counts them; '' otherwise."""
        if "returnees" in cost:
            count = cost["returnees"]
            words = self.lang.ngettext("%(num)s returnee", "%(num)s returnees", count)
        elif "participants" in cost:
            count = cost["participants"]
            words = self.lang.ngettext("%(num)s participant", "%(num)s participants", count)
        else:
            return ""
        return words % {"num": self.lang.number(count)}

    def cost_rows(self, programmes: list[Programme]) -> list[tuple[Programme, dict]]:
        """(programme, cost) for every cost figure of some programmes, in their order."""
        return [(p, c) for p in programmes for c in p.costs()]

    def cost_years(self, programmes: list[Programme]) -> str:
        """'2008 – 2012': the years the cost figures of some programmes describe, for the history notice."""
        years = sorted({parse_period(written)[0].year for p in programmes for c in p.costs()
                        for written in (c.get("valid_from"), c.get("valid_to"), c["as_of"]) if written is not None})
        if not years:
            return ""
        return str(years[0]) if years[0] == years[-1] else f"{years[0]} – {years[-1]}"

    def helpers(self) -> dict[str, Any]:
        return {"cost_period": self.cost_period, "cost_counted": self.cost_counted, "cost_years": self.cost_years,
                "cost_rows": self.cost_rows}

"""How `factsheets diff` words a changed fact, and what it flags for the reviewer: an amount or a
contact that changed while its date and citation did not."""
from __future__ import annotations

from typing import Any

from ..content.fields import english
from ..model.factdiff import CONTACT_KEYS, amount_changed

AMOUNT_WARNING = "⚠ amount changed but date and source did not"
CONTACT_WARNING = "⚠ contact details changed but `last_verified` and source did not"
CITATION_KEYS = ("source", "lines", "page")
PERIODS = {"per_month": " a month", "per_year": " a year", "per_week": " a week", "per_day": " a day",
           "per_item": " each", "per_m2_per_month": " per m² a month"}


def one_line(value: Any, limit: int = 90) -> str:
    words = " ".join(english(value).split()) if not isinstance(value, (int, float)) else str(value)
    return words if len(words) <= limit else words[: limit - 1].rstrip() + "…"


def money(fact: dict) -> str:
    """`up to USD 900`, `EUR 30–45 a month`, `NOK 20000`, or `no amount`."""
    currency = fact.get("currency", "")
    if "amount" in fact:
        shown = f"{currency} {fact['amount']}"
    elif "max_amount" in fact:
        shown = f"up to {currency} {fact['max_amount']}"
    elif "min" in fact or "max" in fact:
        shown = f"{currency} {fact.get('min', '?')}–{fact.get('max', '?')}"
    else:
        return "no amount"
    return shown + PERIODS.get(str(fact.get("period")), "")


def citation(fact: dict, date_key: str = "as_of", inherited: dict | None = None) -> str:
    """`as of 2012, ramboll-2012 lines 2255-2271`: the date and where the fact stands."""
    when = fact.get(date_key, (inherited or {}).get(date_key, "?"))
    label = "last verified" if date_key == "last_verified" else "as of"
    return f"{label} {when}, {where(fact)}"


def where(fact: dict) -> str:
    """`ramboll-2012 lines 2255-2271`: the source and the place in it."""
    locator = f" lines {fact['lines']}" if "lines" in fact else (f" p. {fact['page']}" if "page" in fact else "")
    return f"{fact.get('source', '?')}{locator}"


def same_evidence(old: dict, new: dict, date_key: str, old_base: dict | None = None, new_base: dict | None = None) -> bool:
    same_date = old.get(date_key, (old_base or {}).get(date_key)) == new.get(date_key, (new_base or {}).get(date_key))
    return same_date and all(old.get(k) == new.get(k) for k in CITATION_KEYS)


class Review:
    """Collects the lines of the summary and counts what the reviewer must look at."""

    def __init__(self) -> None:
        self.flags = 0

    def figure(self, label: str, old: dict, new: dict, old_base: dict | None = None, new_base: dict | None = None) -> list[str]:
        """`label: old (as of, source) → **new** (as of, source)`, flagged when only the amount moved."""
        if not amount_changed(old, new):
            return []
        lines = [f"- {label}: {money(old)} ({citation(old, inherited=old_base)}) → **{money(new)}** ({citation(new, inherited=new_base)})"]
        if same_evidence(old, new, "as_of", old_base, new_base):
            self.flags += 1
            lines.append(f"  - {AMOUNT_WARNING}: give the new figure its own `as_of` and citation")
        return lines

    def contact(self, label: str, old: dict, new: dict) -> list[str]:
        changed = [k for k in CONTACT_KEYS if old.get(k) != new.get(k)]
        if changed and same_evidence(old, new, "last_verified"):
            self.flags += 1
            return [f"  - {CONTACT_WARNING} ({', '.join(changed)} of {label})"]
        return []

"""Formatting shared by every output: amounts, dates, ages, per-whom labels, source lines."""
from __future__ import annotations

from markupsafe import Markup, escape

from .model import Age, Catalogue, Country, text

PER = {"adult": "per adult", "child": "per child", "person": "per person", "family": "per family",
       "case": "per case", "unclear": "per person or family (unclear in source)"}
MODE = {"cash": "cash", "in_kind": "in kind", "mixed": "cash and in kind"}
PERIOD = {"one_off": "one-off", "per_item": "per item", "per_day": "per day", "per_week": "per week",
          "per_month": "per month", "per_year": "per year", "per_m2_per_month": "per m² per month"}
LABELS = {"return_counselling": "return counselling", "reception_at_airport": "reception at airport",
          "job_placement": "job placement", "vocational_training": "vocational training",
          "business_start_up": "business start-up", "public_employment": "public employment service",
          "family_tracing": "family tracing", "anti_trafficking": "anti-trafficking",
          "international_org": "international organisation", "un_agency": "UN agency", "ngo": "NGO",
          "faith_based": "faith-based", "victims_of_trafficking": "victims of trafficking",
          "unaccompanied_minors": "unaccompanied minors", "income_generating_activity": "income-generating activity",
          "in_kind_reintegration": "in-kind reintegration", "reintegration_cash": "reintegration cash",
          "cash_allowance": "cash allowance", "monthly_allowance": "monthly allowance",
          "official_host_country": "official (host country)", "official_origin_country": "official (country of origin)",
          "evaluation_report": "evaluation report"}


def label(value: str) -> str:
    return LABELS.get(value, value.replace("_", " "))


def number(value: float) -> str:
    return f"{value:,.0f}" if float(value).is_integer() or value >= 100 else f"{value:,.2f}"


def money(amount: float, currency: str) -> str:
    return f"{currency} {number(amount)}"


def component_amount(component: dict) -> str:
    """'USD 900', 'up to USD 3,000', 'USD 150 per month for 3 months' or '' for a service."""
    if "amount" in component:
        shown = money(component["amount"], component["currency"])
    elif "max_amount" in component:
        shown = "up to " + money(component["max_amount"], component["currency"])
    else:
        return ""
    if component.get("period") == "per_month":
        shown += " per month" + (f" for {component['months']} months" if component.get("months") else "")
    return shown


def cost_amount(cost: dict) -> str:
    if "amount" in cost:
        return money(cost["amount"], cost["currency"])
    return f"{cost['currency']} {number(cost['min'])}–{number(cost['max'])}"


def value_of(item: dict) -> float | None:
    """The figure to sort or convert: amount, ceiling, or the middle of a range."""
    for key in ("amount", "max_amount"):
        if key in item:
            return float(item[key])
    if "min" in item and "max" in item:
        return (float(item["min"]) + float(item["max"])) / 2
    return None


def converted(catalogue: Catalogue, item: dict) -> str:
    """'≈ NOK 9,283 · DKK 6,728 · EUR 900' with the rates file; '' when there is no rate."""
    value = value_of(item)
    if value is None or catalogue.rates is None or "currency" not in item:
        return ""
    shown = catalogue.rates.convert(value, item["currency"])
    return " · ".join(money(v, k) for k, v in shown.items())


def eur(catalogue: Catalogue, item: dict) -> float | None:
    value = value_of(item)
    if value is None or catalogue.rates is None:
        return None
    if item.get("currency") == "EUR":
        return value
    return catalogue.rates.convert(value, item.get("currency", "")).get("EUR")


def age_badge(age: Age) -> Markup:
    """The date of a figure, with a visible 'stale' marker when it is past its age."""
    date = f'<span class="fs-date">{escape(age.written)}</span>'
    if not age.stale:
        return Markup(date)
    limit = {"ceiling": "grant ceilings", "cost": "costs", "contact": "contacts and facts"}[age.kind]
    return Markup(f'{date} <span class="fs-stale" title="{age.months} months old; {limit} count as stale after a set age">stale</span>')


def cite(country: Country, fact: dict) -> Markup:
    c = country.cite(fact)
    where = f", {c.locator}" if c.locator else ""
    return Markup(f'<a class="fs-cite" href="#source-{c.number}" title="Source {c.number}{escape(where)}">[{c.number}]</a>')


def source_line(catalogue: Catalogue, source_id: str) -> Markup:
    s = catalogue.sources[source_id]
    title = escape(s["title"]) + (Markup(f' <span class="fs-muted">({escape(s["title_en"])})</span>') if s.get("title_en") else "")
    if s.get("url"):
        title = Markup(f'<a href="{escape(s["url"])}">{title}</a>')
    return Markup(f"{title}. {escape(s['publisher'])}, {escape(str(s['published']))}. <span class=\"fs-muted\">{escape(label(s['type']))}</span>")


def freshness(country: Country) -> tuple[str, str]:
    """A short marker and its CSS class for the home page and page banner."""
    share = country.stale_share
    if not country.ages:
        return "no dated figures", "fs-none"
    if share > 0.5:
        return "mostly stale", "fs-old"
    if share > 0:
        return "partly stale", "fs-mixed"
    return "current", "fs-fresh"


FILTERS = {"label": label, "money": money, "number": number, "component_amount": component_amount,
           "cost_amount": cost_amount, "age_badge": age_badge, "text": text}

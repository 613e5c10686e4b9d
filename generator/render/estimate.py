"""An estimate in words and as data: `factsheets estimate`'s JSON and text, and the data a country
page's form applies (docs/js/estimate.js). The text is written from the JSON, so the two agree."""
from __future__ import annotations

import json
from dataclasses import asdict
from typing import Any, Callable

from markupsafe import Markup

from ..model.catalogue import Catalogue, Country
from ..model.estimate import (GROUPS, Household, Line, ProgrammeRules, Result, Rule, country_rules, estimate, hosts,
                              together)
from .citations import locator_of
from .i18n import HOME_TERRITORY, N_, localize
from .labels import MODE, PER, TOGETHER
from .views import Views

REASONS = {"host": N_("from another host country"), "ended": N_("ended"),
           "superseded": N_("superseded by a newer version"), "group": N_("only for: %(groups)s")}
# Words the page's script puts together; %(amount)s is an amount it formats itself.
SCRIPT_WORDS = {"at_least": N_("at least %(amount)s"), "up_to": N_("up to %(amount)s"),
                "range": N_("%(low)s to %(high)s"), "not_given": N_("amount not given"),
                "service": N_("service, no amount"),
                "not_counted": N_("Not counted"), "together": N_("Together"),
                "none": N_("No programme on this page is counted for this household."),
                "host": N_("Returning from"), "adults": N_("Adults"), "children": N_("Children"),
                "group": N_("Group"), "no_group": N_("none of these"), "total": N_("Total"),
                "converted": N_("Converted at the rates of %(date)s; for orientation only.")}


def plain(views: Views, value: Any) -> str:
    """Content text in the page's language, as plain text (the CLI prints it; the script sets textContent)."""
    return localize(value, views.lang.code).text if value else ""


def money_range(views: Views, low: float, high: float | None, currency: str | None) -> str:
    """'NOK 10,000 to 20,000' as words: 'at least', 'up to', 'amount not given'."""
    if currency is None or (high is None and low == 0):
        return views._(SCRIPT_WORDS["not_given"])
    if high is None:
        return views._(SCRIPT_WORDS["at_least"]) % {"amount": views.money(low, currency)}
    if low == high:
        return views.money(low, currency)
    if low == 0:
        return views._(SCRIPT_WORDS["up_to"]) % {"amount": views.money(high, currency)}
    return views._(SCRIPT_WORDS["range"]) % {"low": views.money(low, currency), "high": views.money(high, currency)}


def line_words(views: Views, rule: Rule, line: Line, component: dict) -> str:
    """What one component gives this household, e.g. 'NOK 3,000 per person × 2 = NOK 6,000'."""
    unit = unit_words(views, rule, component)
    if rule.kind != "amount":
        return unit
    times = "" if line.count is None else f" × {line.count}"  # per whom unclear: no count, the range says "at least"
    return f"{unit}{times} = {money_range(views, line.low, line.high, component['currency'])}"


def converted(catalogue: Catalogue, low: float, high: float | None, currency: str | None) -> dict[str, dict]:
    """The total in NOK, DKK and EUR at the rates file's date, whole units."""
    if catalogue.rates is None or currency is None:
        return {}
    lows = catalogue.rates.convert(low, currency)
    highs = catalogue.rates.convert(high, currency) if high is not None else {}
    return {code: {"low": round(value), "high": round(highs[code]) if code in highs else None}
            for code, value in lows.items()}


def component_data(views: Views, rule: Rule, line: Line, component: dict) -> dict:
    return {"label": plain(views, component["label"]), "type": component["type"], "kind": rule.kind,
            "per": rule.per, "count": line.count, "low": line.low, "high": line.high,
            "words": line_words(views, rule, line, component), "mode": component.get("mode"),
            "period": component.get("period"), "months": component.get("months"),
            "instalments": component.get("instalments"), "choice": rule.choice,
            "only_if": plain(views, component.get("tier")), "notes": line_notes(views, rule, component),
            "conditions": plain(views, component.get("conditions")), "as_of": str(component["as_of"]),
            "source": component["source"], "lines": component.get("lines"), "page": component.get("page")}


def reason_words(views: Views, reason: str, needs_group: list[str] | None) -> str:
    """Why a programme is not counted: 'ended', 'only for: victim of trafficking', ..."""
    return views._(REASONS[reason]) % {"groups": ", ".join(views.label(g) for g in needs_group or [])}


def programme_data(views: Views, catalogue: Catalogue, result: Result, rules: ProgrammeRules) -> dict:
    programme = catalogue.programmes[result.id]
    components = programme.components()
    currency = rules.currency
    package = programme.data.get("package")
    name = views.names.plain(programme.data["name"])
    return {"id": programme.id, "name": name, "short_name": programme.data.get("short_name") or name,
            "host": programme.data["funder"], "counted": result.counted,
            "not_counted_because": reason_words(views, result.reason, rules.needs_group) if result.reason else None,
            "status": views.status_words(programme), "currency": currency,
            "total": {"low": result.low, "high": result.high, "amount_given": result.amount_given,
                      "words": money_range(views, result.low, result.high, currency)},
            "converted": converted(catalogue, result.low, result.high, currency),
            "package": {**{k: package[k] for k in ("max_amount", "currency", "per", "source")},
                        "lines": package.get("lines"), "conditions": plain(views, package.get("conditions")),
                        "words": views.package_words(package)} if package else None,
            "as_of": str(programme.data["as_of"]),
            "components": [component_data(views, rule, line, c)
                           for rule, line, c in zip(rules.rules, result.lines, components)]}


def estimate_data(catalogue: Catalogue, country: Country, household: Household, host: str, views: Views) -> dict:
    """The whole estimate as JSON-able data (the CLI's --format json)."""
    rules = country_rules(catalogue, country)
    results = estimate(rules, household, host)
    rates = catalogue.rates
    return {
        "country": {"code": country.code, "name": views.country_name(country)}, "host": host,
        "household": {"adults": household.adults, "children": household.children, "group": household.group},
        "rates": {"date": rates.date, "source": rates.source_id} if rates else None,
        "programmes": [programme_data(views, catalogue, r, p) for r, p in zip(results, rules)],
        "together": [{"programmes": [a, b], "together": entry["together"] if entry else None,
                      "words": views._(TOGETHER[entry["together"] if entry else None]),
                      "text": plain(views, entry["text"]) if entry else "",
                      "source": entry["source"] if entry else None, "lines": entry.get("lines") if entry else None}
                     for a, b, entry in together(catalogue, results)]}


def where(item: dict, views: Views) -> str:
    """'[2012, ramboll-2012, lines 3806-3812]': a line's date and source."""
    locator = locator_of({k: v for k, v in item.items() if k in ("lines", "page") and v})
    return f"[{views.date(item['as_of'])}, {item['source']}{', ' + locator if locator else ''}]"


def estimate_text(data: dict, views: Views) -> str:
    """The estimate as a counsellor reads it in a terminal, from `estimate_data`'s result."""
    household = data["household"]
    adults, children = household["adults"], household["children"]
    who = ", ".join([views.lang.ngettext("%(num)d adult", "%(num)d adults", adults) % {"num": adults},
                     views.lang.ngettext("%(num)d child", "%(num)d children", children) % {"num": children}])
    if household["group"]:
        who += f", {views.label(household['group'])}"
    out = [views._("%(country)s, returning from %(host)s: %(who)s") % {
        "country": data["country"]["name"], "host": views.country_name(data["host"]), "who": who}, ""]
    counted = [p for p in data["programmes"] if p["counted"]]
    for p in counted:
        title = p["name"] if p["short_name"] == p["name"] else f"{p['short_name']} – {p['name']}"
        out.append(f"{title} ({views._('Status: %(status)s') % {'status': p['status']}})")
        for c in p["components"]:
            notes = f" ({c['notes']})" if c["notes"] else ""
            out.append(f"  {c['label']}: {c['words']}{notes} {where(c, views)}")
        if p["package"]:
            out.append(f"  {p['package']['words']} {where({**p['package'], 'as_of': p['as_of']}, views)}")
        conv = " · ".join(money_range(views, v["low"], v["high"], k) for k, v in p["converted"].items())
        out.append(f"  {views._('Total')}: {p['total']['words']}" + (f" (≈ {conv})" if conv else ""))
        out.append("")
    if not counted:
        out += [views._(SCRIPT_WORDS["none"]), ""]
    names = {p["id"]: p["short_name"] for p in data["programmes"]}
    for pair in data["together"]:
        both = " + ".join(names[i] for i in pair["programmes"])
        out.append(f"{views._(SCRIPT_WORDS['together'])}: {both}: {pair['words']}"
                   + (f". {pair['text']}" if pair["text"] else ""))
    skipped = [f"{p['short_name']} ({p['not_counted_because']})" for p in data["programmes"] if not p["counted"]]
    if skipped:
        out.append(f"{views._(SCRIPT_WORDS['not_counted'])}: {', '.join(skipped)}")
    if data["rates"]:
        out.append(views._("Converted at the rates of %(date)s (%(source)s).") % {
            "date": views.date(data["rates"]["date"]), "source": data["rates"]["source"]})
    return "\n".join(out).rstrip() + "\n"


def unit_words(views: Views, rule: Rule, component: dict) -> str:
    """A component's amount per unit, or why there is none: 'NOK 3,000 per person', 'amount not given'."""
    if rule.kind != "amount":
        return views._(SCRIPT_WORDS[rule.kind if rule.kind == "service" else "not_given"])
    amount = views.component_amount(component)
    return f"{amount} {views._(PER[rule.per])}" if rule.per else amount


def line_notes(views: Views, rule: Rule, component: dict) -> str:
    """Cash or in kind, instalments, the condition or 'one of the alternatives'."""
    notes = [views._(MODE[component["mode"]])] if component.get("mode") else []
    notes += [views.lang.ngettext("%(num)d instalment", "%(num)d instalments", component["instalments"]) % {
        "num": component["instalments"]}] if component.get("instalments") else []
    if rule.choice:
        notes.append(views._("one of the alternatives"))
    elif rule.conditional:
        notes.append(views._("only if: %(condition)s") % {"condition": plain(views, component["tier"])})
    return "; ".join(notes)


def page_data(catalogue: Catalogue, country: Country, views: Views, cite: Callable[[dict], dict[str, str]],
              href: Callable[[Any], str]) -> dict:
    """What a country page's form needs: the rules (numbers), and every word already in the page's language."""
    rules = country_rules(catalogue, country)
    programmes = []
    for rule_set, (_, programme) in zip(rules, country.programmes):
        components = programme.components()
        programmes.append({
            **asdict(rule_set), "name": views.names.plain(programme.data["name"]),
            "short": programme.data.get("short_name") or views.names.plain(programme.data["name"]),
            "href": href(programme), "status": views.status_words(programme),
            "reasons": {key: reason_words(views, key, rule_set.needs_group) for key in REASONS},
            "package_words": views.package_words(programme.data.get("package")),
            "lines": [{"label": plain(views, c["label"]), "unit": unit_words(views, r, c),
                       "notes": line_notes(views, r, c),
                       "date": views.date(c["as_of"]), "cite": cite(c)} for r, c in zip(rule_set.rules, components)]})
    pairs = [{"a": p.id, "b": entry["programme"], "words": views._(TOGETHER[entry["together"]]),
              "text": plain(views, entry["text"]), "cite": cite(entry)}
             for _, p in country.programmes for entry in p.data.get("combines", [])]
    currencies = {"NOK", "DKK", "EUR"} | {r.currency for r in rules if r.currency}
    locale = views.lang.locale
    counted_hosts = hosts(rules)
    home = HOME_TERRITORY.get(views.lang.ui, "NO")
    return {"locale": f"{locale.language}-{locale.territory}" if locale.territory else locale.language,
            "hosts": [{"code": code, "name": views.country_name(code)} for code in counted_hosts],
            "default_host": home if home in counted_hosts else next(iter(counted_hosts), ""),
            "groups": [{"code": code, "name": views.label(code)} for code in GROUPS],
            "rates_date": views.date(catalogue.rates.date) if catalogue.rates else "",
            "programmes": programmes, "pairs": pairs, "rates": catalogue.rates.rates if catalogue.rates else {},
            "money": {code: views.money(7, code).replace("7", "{n}") for code in sorted(currencies)},
            "words": {**views.translated(SCRIPT_WORDS), "not_stated": views._(TOGETHER[None])}}


def script_json(data: dict) -> Markup:
    """Data for a <script type="application/json">: nothing in it can close the element or open markup."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return Markup(text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e"))

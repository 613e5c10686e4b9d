"""Formatting shared by every output, in one language: amounts, dates, ages, labels, content text, sources."""
from __future__ import annotations

import json
from typing import Any

from markupsafe import Markup, escape

from ..content.synonyms import load_search_terms
from ..model.catalogue import Age, Catalogue, Country, Programme, country_name
from ..model.estimate import GROUPS, group_only
from .citations import CitationWords, Citations
from .costs import CostViews
from .glossary import Glossary
from .i18n import HOME_TERRITORY, Language, direction, localize
from .labels import (FALLBACK_MARK, FALLBACK_NOTE, FRESHNESS, LABELS, MODE, OUTDATED_MARK, OUTDATED_NOTE, PER, PERIOD,
                     SECTION_TITLES, SHORT_TITLES, STALE_KINDS, TOGETHER)
from .markup import render_markdown
from .names import Names
from .searchwords import SearchWords

HOST_ORDER = ("NO", "DK", "SE", "FI")  # the host countries counsellors here advise from, in this order
BENCHMARK = "benchmark"
READER_CURRENCY = {"nb": "NOK", "da": "DKK"}  # what comparisons convert into, by interface language; else EUR
GLANCE_AMOUNTS = 4  # amounts "At a glance" lists per programme before it says how many more


def value_of(item: dict) -> float | None:
    """The figure to sort or convert: amount, ceiling, or the middle of a range."""
    for key in ("amount", "max_amount"):
        if key in item:
            return float(item[key])
    if "min" in item and "max" in item:
        return (float(item["min"]) + float(item["max"])) / 2
    return None


def freshness_class(country: Country) -> str:
    share = country.stale_share
    if not country.ages:
        return "fs-none"
    return "fs-old" if share > 0.5 else ("fs-mixed" if share > 0 else "fs-fresh")


def data_period(country: Country, lang: Language) -> str:
    """'2012 – 2019' from the oldest and newest dated figure, '' without dated figures."""
    oldest, newest = country.oldest, country.newest
    if oldest is None or newest is None:
        return ""
    if oldest.written == newest.written:
        return lang.date(oldest.written)
    return f"{lang.date(oldest.written)} – {lang.date(newest.written)}"


class Views:
    """The filters and shared context of the templates, bound to one catalogue and one language."""

    def __init__(self, catalogue: Catalogue, lang: Language, compact: bool = False):
        self.catalogue = catalogue
        self.lang = lang
        self.compact = compact
        self._ = lang.gettext
        self.glossary = Glossary(catalogue.glossary, lang)
        self.names = Names(lang)
        self.citing = CitationWords(catalogue.sources, lang.gettext, compact)

    # -- words ------------------------------------------------------------------------------------
    def label(self, value: str) -> str:
        return self._(LABELS[value]) if value in LABELS else value.replace("_", " ")

    def translated(self, table: dict[str, str]) -> dict[str, str]:
        return {key: self._(message) for key, message in table.items()}

    def country_name(self, subject: Country | str) -> str:
        """A country's name in this language (CLDR via Babel), from a Country or an ISO code."""
        if isinstance(subject, Country):
            return self.lang.country(subject.code, subject.name)
        return self.lang.country(subject, country_name(subject))

    def by_name(self, countries: list[Country]) -> list[Country]:
        """Countries in the alphabetical order of their names in this language (Æ, Ø, Å last, as in Norwegian and Danish)."""
        return sorted(countries, key=lambda c: self.lang.sort_key(self.country_name(c)))

    # -- figures ----------------------------------------------------------------------------------
    def number(self, value: float) -> str:
        return self.lang.number(value)

    def money(self, amount: float, currency: str) -> str:
        return self.lang.money(amount, currency)

    def date(self, written: str | int) -> str:
        return self.lang.date(written)

    def component_amount(self, component: dict) -> str:
        """'USD 900', 'up to USD 3,000', 'USD 150 per month for 3 months' or '' for a service."""
        if "amount" in component:
            shown = self.money(component["amount"], component["currency"])
        elif "max_amount" in component:
            shown = self._("up to %(amount)s") % {"amount": self.money(component["max_amount"], component["currency"])}
        else:
            return ""
        if component.get("period") == "per_month":
            months = component.get("months")
            shown = (self.lang.ngettext("%(amount)s per month for %(num)d month", "%(amount)s per month for %(num)d months", months)
                     % {"amount": shown, "num": months}) if months else self._("%(amount)s per month") % {"amount": shown}
        return shown

    def cost_amount(self, cost: dict) -> str:
        if "amount" in cost:
            return self.money(cost["amount"], cost["currency"])
        low, high = self.money(cost["min"], cost["currency"]), self.money(cost["max"], cost["currency"])
        return self._("%(low)s to %(high)s") % {"low": low, "high": high}

    def converted(self, item: dict) -> str:
        """'NOK 9,283 · DKK 6,728 · EUR 900' with the rates file; '' when there is no rate."""
        value = value_of(item)
        if value is None or self.catalogue.rates is None or "currency" not in item:
            return ""
        shown = self.catalogue.rates.convert(value, item["currency"])
        return " · ".join(self.money(v, k) for k, v in shown.items())

    def age_badge(self, age: Age) -> Markup:
        """The date of a figure, with a visible 'stale' marker when it is past its age."""
        shown = Markup(f'<span class="fs-date">{escape(self.date(age.written))}</span>')
        if not age.stale:
            return shown
        title = self._("%(months)d months old; %(kind)s count as stale after a set age") % {
            "months": age.months, "kind": self._(STALE_KINDS[age.kind])}
        stale = self._("stale")  # outside the f-string, where message extraction can see it
        return shown + Markup(f' <span class="fs-stale" title="{escape(title)}">{escape(stale)}</span>')

    def status_words(self, programme: Programme) -> str:
        """A programme's status with the date it rests on when that is past the stale age: a page
        never says "active" of a programme only a 2012 report called active."""
        standing = self.catalogue.standing(programme)
        if standing.status == "unconfirmed":
            return self._("active as of %(date)s; current status not known") % {"date": self.date(standing.said)}
        return self.label(standing.status)

    def figures_period(self, country: Country) -> str:
        """'2004 – 2015': how old a country's figures are, which the home page shows before the review date."""
        return data_period(country, self.lang)

    def freshness(self, country: Country) -> tuple[str, str]:
        """A short marker and its CSS class for the home page and page banner."""
        css = freshness_class(country)
        return self._(FRESHNESS[css]), css

    # -- content text -----------------------------------------------------------------------------
    def content(self, value: Any, inline: bool = False, citations: Any = None) -> Markup:
        """Editor text in this language, as safe HTML. A fallback to English or a translation made
        from an earlier English text says so; right-to-left text is marked dir="rtl".

        On a compact (printed) page a fallback is marked only by its language code, "EN", which the
        sheet's legend explains: a sentence per text would push a sheet past its pages."""
        shown = localize(value, self.lang.code)
        on_page = citations if isinstance(citations, Citations) else None  # a template without citations passes Undefined
        html = Markup(self.citing.in_text(render_markdown(shown.text, inline=inline), on_page))
        text_dir = shown.dir
        mark = note = css = ""
        if shown.state == "fallback":
            mark, note, css = FALLBACK_MARK, self._(FALLBACK_NOTE) % {"language": self.lang.name()}, "fs-i18n-fallback"
        elif shown.state == "outdated":
            mark, note, css = OUTDATED_MARK, self._(OUTDATED_NOTE), "fs-i18n-outdated"
        if not note and shown.lang == self.lang.ui and text_dir == self.lang.dir:
            return html
        tag = "span" if inline else "div"
        attrs = f' lang="{escape(shown.lang)}"' if shown.lang != self.lang.ui else ""
        if text_dir != self.lang.dir:
            attrs += f' dir="{text_dir}"'
        if css:
            attrs += f' class="{css}"'
        code = escape(shown.lang.upper())
        compact = self.compact and shown.state == "fallback"
        if compact and not inline:
            attrs += f' data-mark="{code}"'  # the sheet's CSS prints it after the text
        body = f"<{tag}{attrs}>{html}</{tag}>"
        if compact and inline:
            body += f' <sup class="fs-i18n-note" title="{escape(note)}">{code}</sup>'
        elif note and not compact and inline:
            body += f' <span class="fs-i18n-note" data-search-exclude title="{escape(note)}">{escape(self._(mark))}</span>'
        elif note and not compact:
            body += f'<p class="fs-i18n-note" data-search-exclude>{escape(note)}</p>'
        return Markup(body)

    def text_dir(self, text: str, lang: str = "") -> str:
        return direction(text, lang)

    # -- citations and sources --------------------------------------------------------------------
    def cite(self, citations: Citations, fact: dict) -> Markup:
        return self.citing.link(citations, fact)

    def source_line(self, source_id: str) -> Markup:
        source = self.catalogue.sources[source_id]
        return self.citing.source_line(source_id, self.date, self.label(source["type"]), self.names.shown(source["publisher"]))

    def filters(self) -> dict[str, Any]:
        return {"label": self.label, "money": self.money, "number": self.number, "date": self.date,
                "component_amount": self.component_amount, "cost_amount": self.cost_amount,
                "age_badge": self.age_badge, "country_name": self.country_name, "by_name": self.by_name, "content": self.content,
                "text_dir": self.text_dir, **self.names.filters()}

    def context(self) -> dict[str, Any]:
        return {"catalogue": self.catalogue, "settings": self.catalogue.settings, "lang": self.lang,
                "per": self.translated(PER), "mode": self.translated(MODE), "period": self.translated(PERIOD),
                "together": {key: self._(words) for key, words in TOGETHER.items() if key},
                "package_words": self.package_words,
                "section_titles": self.translated(SECTION_TITLES), "short_titles": self.translated(SHORT_TITLES),
                "converted": self.converted, "source_line": self.source_line,
                "freshness": self.freshness, "cite": self.cite, "status_words": self.status_words,
                "figures_period": self.figures_period, "glossary": self.glossary, "citing": self.citing,
                "cited_places": self.citing.places_links,
                **SearchWords(load_search_terms(self.catalogue.settings.root, self.lang.code), self.label).helpers(),
                **self.country_page_helpers(), **self.sheet_helpers(), **self.listing_helpers(),
                **CostViews(self.lang).helpers()}

    # -- helpers of the country page (country.md.j2, _macros.j2) -----------------------------------
    def stale_percent(self, country: Country) -> int:
        """The share of a country's dated figures past their age, in whole percent (banner, sort key)."""
        return round(country.stale_share * 100)

    def glance_amounts(self, programme: Programme) -> list[str]:
        """A programme's amounts for 'At a glance', ceilings first; past GLANCE_AMOUNTS, how many more."""
        priced = self.glance_components(programme)
        shown = [self.component_amount(c) for c in priced[:GLANCE_AMOUNTS]]
        more = len(priced) - len(shown)
        if more:
            shown.append(self.lang.ngettext("and %(num)d more", "and %(num)d more", more) % {"num": more})
        package = self.package_words(programme.data.get("package"))
        return shown + ([package] if package else [])

    def package_words(self, package: dict | None) -> str:
        """A programme's cap on its total: 'in all at most NOK 35,000 per person'; '' without one."""
        if not package:
            return ""
        return self._("in all at most %(amount)s %(per)s") % {
            "amount": self.money(package["max_amount"], package["currency"]), "per": self._(PER[package["per"]])}

    def programmes_by_host(self, country: Country) -> list[tuple[str, list[tuple[dict, Programme]]]]:
        """A country's programmes grouped by the host country that funds them: the reader's own first
        (Norway on the Norwegian site, Denmark on the Danish), then HOST_ORDER, then the rest by name;
        benchmarks from other countries last, apart."""
        groups: dict[str, list[tuple[dict, Programme]]] = {}
        for ref, programme in country.programmes:
            key = BENCHMARK if programme.data.get("benchmark") else programme.data["funder"]
            groups.setdefault(key, []).append((ref, programme))
        return [(self._("Benchmarks from other countries") if key == BENCHMARK else self.country_name(key), groups[key])
                for key in sorted(groups, key=lambda key: (key == BENCHMARK, *self.host_rank(key)))]

    def host_rank(self, code: str) -> tuple[int, str]:
        """Where a host country stands in lists: the reader's own first, then HOST_ORDER, then the rest by name."""
        home = HOME_TERRITORY.get(self.lang.ui)
        rank = 0 if code == home else (HOST_ORDER.index(code) + 1 if code in HOST_ORDER else len(HOST_ORDER) + 1)
        return rank, self.country_name(code)

    def validity(self, programme: Programme) -> tuple[str, str]:
        """Start and end of 'valid %(start)s – %(end)s': an unknown start reads '?', an open end 'unknown'."""
        start, end = programme.data.get("valid_from"), programme.data.get("valid_to")
        return (self.date(start) if start else "?"), (self.date(end) if end else self._("unknown"))

    def programme_href(self, programme: Programme) -> str:
        """The link from a country page to a programme's page."""
        return f"../../programmes/{programme.slug}/"

    def own_script_name(self, item: dict) -> list[tuple[str, str]]:
        """An organisation's name in its own script as the (language, text) pairs m.local_names takes."""
        given = item.get("name_local")
        return [(given["lang"], given["text"])] if given else []

    def sections_with_data(self, country: Country) -> int:
        """How many sections hold data: the sort key of the table's 'Sections with data' column."""
        return list(country.completeness().values()).count("data")

    def section_state(self, state: str) -> tuple[str, str]:
        """A section chip's title and the words screen readers hear for it, by state (data, absent, missing)."""
        if state == "data":
            return self._("has data"), ""
        if state == "absent":
            return self._("a source says none exist"), self._("(none exist)")
        return self._("no data yet"), self._("(missing)")

    def country_page_helpers(self) -> dict[str, Any]:
        return {"stale_percent": self.stale_percent, "glance_amounts": self.glance_amounts,
                "programmes_by_host": self.programmes_by_host,
                "validity": self.validity, "programme_href": self.programme_href,
                "own_script_name": self.own_script_name, "sections_with_data": self.sections_with_data,
                "section_state": self.section_state}

    # -- helpers of the sheet and the bundle's cover (sheet.html.j2, cover.html.j2) ----------------
    def glance_components(self, programme: Programme) -> list[dict]:
        """What the sheet's 'At a glance' box lists of a programme: its ceilings first, then fixed amounts."""
        components = programme.components()
        return [c for c in components if "max_amount" in c] + [c for c in components if "amount" in c]

    def priced_components(self, programme: Programme, priced: bool = True) -> list[dict]:
        """Components with an amount or ceiling (the sheet's table), or with neither (its services line)."""
        return [c for c in programme.components() if ("amount" in c or "max_amount" in c) == priced]

    def who_qualifies(self, data: dict) -> dict:
        """A programme's eligibility if it gives the sheet's 'Who:' line something (statuses, deadline), else {}."""
        given = data.get("eligibility") or {}
        return given if given.get("legal_status") or given.get("deadline_rule") else {}

    def per_and_mode(self, component: dict) -> str:
        """'per adult, cash': whom a component's amount is for and how it is paid, as far as the source says."""
        given = [self._(table[component[key]]) for key, table in (("per", PER), ("mode", MODE)) if component.get(key)]
        return ", ".join(given)

    def missing_sections(self, country: Country) -> str:
        """'shelters, typical costs': the sections besides programmes no source says anything about."""
        state = country.completeness()
        missing = [section for section in state if section != "programmes" and state[section] == "missing"]
        return ", ".join(self._(SECTION_TITLES[section]).lower() for section in missing)

    def cited_sources(self, citations: Citations) -> list[tuple[int, dict, list[str]]]:
        """The list of sources at the foot of a sheet: number, source and places cited, in number order."""
        return [(number, self.catalogue.sources[sid], [self.citing.place(p) for p in places])
                for number, sid, places in citations.numbered()]

    def abbreviations(self, country: Country) -> list[tuple[str, str]]:
        """The abbreviations a sheet uses and does not spell out (a programme's stands beside its name,
        others often in brackets after theirs), each with its expansion or its meaning's first sentence:
        paper has no links to the glossary."""
        text = json.dumps([country.data, *(p.data for _, p in country.programmes)], ensure_ascii=False)
        shown = {p.id for _, p in country.programmes}
        return [(e.abbreviation or "", e.expansion or self.glossary.meaning(e).split(". ")[0].rstrip("."))
                for e in self.glossary.used(text) if not shown & set(e.programmes) and f"({e.abbreviation})" not in text]

    def sheet_helpers(self) -> dict[str, Any]:
        return {"glance_components": self.glance_components, "priced_components": self.priced_components,
                "who_qualifies": self.who_qualifies, "per_and_mode": self.per_and_mode,
                "missing_sections": self.missing_sections, "cited_sources": self.cited_sources,
                "abbreviations": self.abbreviations}

    # -- helpers of the home page, programme pages and comparisons (index, programme, programmes,
    #    countries, ceilings, costs, tags) --------------------------------------------------------
    def scope_words(self, scope: str, short: bool = False) -> str:
        """Whom a programme is for: a phrase on its page, or a short word in the programmes table."""
        if short:
            return {"general": self._("any country"), "country": self._("one country"),
                    "group": self._("a group")}[scope]
        return {"general": self._("returnees to any country"), "country": self._("one country or region"),
                "group": self._("a group of returnees")}[scope]

    def version_link(self, programme: Programme, dated: bool = False) -> Markup:
        """A link from a programme's page to another version of it, dated where the sentence gives no date."""
        name = self.names.programme_name(programme)
        if dated:
            name += f" ({self.date(programme.data['as_of'])})"
        return Markup('<a href="../{}/">{}</a>').format(programme.slug, name)

    def rates_date(self) -> str:
        """The date of the rates the EUR columns convert at, '–' without a rates file."""
        return self.date(self.catalogue.rates.date) if self.catalogue.rates else "–"

    def raw_amount(self, item: dict) -> float | str:
        """The figure an Amount column sorts by, as written: the amount, else the ceiling or the low end."""
        return next((item[key] for key in ("amount", "max_amount", "min") if key in item), "")

    def reader_currency(self) -> str:
        """The currency a comparison converts into: the reader's own (NOK on /nb/, DKK on /da/), else EUR."""
        return READER_CURRENCY.get(self.lang.ui, "EUR")

    def in_reader_currency(self, item: dict) -> float | None:
        """An amount, ceiling or range in the reader's currency at the rates file's date; None without a rate."""
        value = value_of(item)
        if value is None or self.catalogue.rates is None:
            return None
        if item.get("currency") == self.reader_currency():
            return value
        return self.catalogue.rates.convert(value, item.get("currency", "")).get(self.reader_currency())

    def converted_sort(self, item: dict) -> float | str:
        """The figure the converted column sorts by, '' when there is no rate."""
        value = self.in_reader_currency(item)
        return "" if value is None else value

    def converted_shown(self, item: dict) -> str:
        """The converted column's text, '' when there is no rate."""
        value = self.in_reader_currency(item)
        return "" if value is None else self.number(round(value))

    def row_filters(self, programme: Programme) -> dict[str, str]:
        """What a comparison row is filtered by: host country, the groups it is limited to, benchmark or not."""
        return {"host": programme.data["funder"], "groups": " ".join(group_only(programme) or []),
                "benchmark": "yes" if programme.data.get("benchmark") else "no"}

    def filter_hosts(self, programmes: list[Programme]) -> list[str]:
        """The host countries of a comparison's filter, the reader's own first (as programmes_by_host orders them)."""
        return sorted({p.data["funder"] for p in programmes}, key=self.host_rank)

    def listing_helpers(self) -> dict[str, Any]:
        return {"scope_words": self.scope_words, "version_link": self.version_link, "rates_date": self.rates_date,
                "raw_amount": self.raw_amount, "reader_currency": self.reader_currency,
                "converted_sort": self.converted_sort, "converted_shown": self.converted_shown,
                "row_filters": self.row_filters, "filter_hosts": self.filter_hosts, "groups": GROUPS}

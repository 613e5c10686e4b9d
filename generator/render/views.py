"""Formatting shared by every output, in one language: amounts, dates, ages, labels, content text, sources."""
from __future__ import annotations

from typing import Any

from markupsafe import Markup, escape

from ..model import Age, Catalogue, Country, country_name
from .citations import Citations
from .i18n import Language, direction, localize
from .labels import (FALLBACK_MARK, FALLBACK_NOTE, FRESHNESS, LABELS, MODE, OUTDATED_MARK, OUTDATED_NOTE, PER, PERIOD,
                     SECTION_TITLES, SHORT_TITLES, STALE_KINDS)
from .markup import render_markdown

NORDIC_ORDER = str.maketrans({"æ": "\U000f0001", "ø": "\U000f0002", "å": "\U000f0003"})  # after every other letter


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


class Views:
    """The filters and shared context of the templates, bound to one catalogue and one language."""

    def __init__(self, catalogue: Catalogue, lang: Language, compact: bool = False):
        self.catalogue = catalogue
        self.lang = lang
        self.compact = compact
        self._ = lang.gettext

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
        return sorted(countries, key=lambda c: self.country_name(c).casefold().translate(NORDIC_ORDER))

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

    def eur(self, item: dict) -> float | None:
        value = value_of(item)
        if value is None or self.catalogue.rates is None:
            return None
        if item.get("currency") == "EUR":
            return value
        return self.catalogue.rates.convert(value, item.get("currency", "")).get("EUR")

    def age_badge(self, age: Age) -> Markup:
        """The date of a figure, with a visible 'stale' marker when it is past its age."""
        shown = Markup(f'<span class="fs-date">{escape(self.date(age.written))}</span>')
        if not age.stale:
            return shown
        title = self._("%(months)d months old; %(kind)s count as stale after a set age") % {
            "months": age.months, "kind": self._(STALE_KINDS[age.kind])}
        stale = self._("stale")  # outside the f-string, where message extraction can see it
        return shown + Markup(f' <span class="fs-stale" title="{escape(title)}">{escape(stale)}</span>')

    def freshness(self, country: Country) -> tuple[str, str]:
        """A short marker and its CSS class for the home page and page banner."""
        css = freshness_class(country)
        return self._(FRESHNESS[css]), css

    # -- content text -----------------------------------------------------------------------------
    def content(self, value: Any, inline: bool = False) -> Markup:
        """Editor text in this language, as safe HTML. A fallback to English or a translation made
        from an earlier English text says so; right-to-left text is marked dir="rtl".

        On a compact (printed) page a fallback is marked only by its language code, "EN", which the
        sheet's legend explains: a sentence per text would push a sheet past its pages."""
        shown = localize(value, self.lang.code)
        html = render_markdown(shown.text, inline=inline)
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
            body += f' <span class="fs-i18n-note" title="{escape(note)}">{escape(self._(mark))}</span>'
        elif note and not compact:
            body += f'<p class="fs-i18n-note">{escape(note)}</p>'
        return Markup(body)

    def text_dir(self, text: str, lang: str = "") -> str:
        return direction(text, lang)

    # -- citations and sources --------------------------------------------------------------------
    def cite(self, citations: Citations, fact: dict) -> Markup:
        c = citations.cite(fact)
        where = f", {c.locator}" if c.locator else ""
        title = self._("Source %(number)d%(where)s") % {"number": c.number, "where": where}
        return Markup(f'<a class="fs-cite" href="#source-{c.number}" title="{escape(title)}">[{c.number}]</a>')

    def source_line(self, source_id: str) -> Markup:
        s = self.catalogue.sources[source_id]
        title = escape(s["title"])
        if s.get("title_en"):
            title += Markup(' <span class="fs-muted">({})</span>').format(s["title_en"])
        if s.get("url"):
            title = Markup('<a href="{}">{}</a>').format(s["url"], title)
        return Markup('{}. {}, {}. <span class="fs-muted">{}</span>').format(
            title, s["publisher"], self.date(s["published"]), self.label(s["type"]))

    def filters(self) -> dict[str, Any]:
        return {"label": self.label, "money": self.money, "number": self.number, "date": self.date,
                "component_amount": self.component_amount, "cost_amount": self.cost_amount,
                "age_badge": self.age_badge, "country_name": self.country_name, "by_name": self.by_name, "content": self.content,
                "text_dir": self.text_dir}

    def context(self) -> dict[str, Any]:
        return {"catalogue": self.catalogue, "settings": self.catalogue.settings, "lang": self.lang,
                "per": self.translated(PER), "mode": self.translated(MODE), "period": self.translated(PERIOD),
                "section_titles": self.translated(SECTION_TITLES), "short_titles": self.translated(SHORT_TITLES),
                "converted": self.converted, "eur": self.eur, "source_line": self.source_line,
                "freshness": self.freshness, "cite": self.cite,
                **self.country_page_helpers(), **self.sheet_helpers(), **self.listing_helpers()}

    # -- helpers of the country page (country.md.j2, _macros.j2) -----------------------------------
    def country_page_helpers(self) -> dict[str, Any]:
        return {}

    # -- helpers of the sheet and the bundle's cover (sheet.html.j2, cover.html.j2) ----------------
    def sheet_helpers(self) -> dict[str, Any]:
        return {}

    # -- helpers of the home page, programme pages and comparisons (index, programme, programmes,
    #    countries, ceilings, costs, tags) --------------------------------------------------------
    def listing_helpers(self) -> dict[str, Any]:
        return {}

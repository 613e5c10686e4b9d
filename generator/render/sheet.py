"""Model -> the HTML of a printable sheet: one country on at most two A4 pages, and a bundle's cover.

The HTML is standalone (CSS inlined, the QR code a data: URI); `pdf` prints it with WeasyPrint.
A sheet is handed out on paper, so its type never shrinks to make it fit: it comes in levels, each
putting more of the long prose (conditions, notes, descriptions) behind a pointer to the same item
on the online page ("Full conditions: <address>#<anchor>"), and `pdf` prints the first level that fits.
"""
from __future__ import annotations

from functools import lru_cache, partial
from pathlib import Path
from typing import NamedTuple

import segno
from markdown.extensions.toc import slugify
from markupsafe import Markup

from ..model.catalogue import Catalogue, Country
from .citations import Citations, backlink_id
from .i18n import Language, localize, untranslated_on_page
from .templating import environment
from .labels import COMPACT_LEGEND, SECTION_TITLES
from .views import Views, data_period

TEMPLATES = Path(__file__).resolve().parent / "templates"
SHEET_TEMPLATE = "sheet.html.j2"
COVER_TEMPLATE = "cover.html.j2"
STYLESHEET = "sheet.css"


class Level(NamedTuple):
    limit: int | None  # the longest text (characters, in the reader's language) printed in full; None: all
    places: bool       # the places cited (lines, pages) listed with the sources
    brief: bool        # notes on return and on cost figures left to one pointer per section, tighter spacing


LEVELS = (Level(None, True, False), Level(400, True, False), Level(200, False, False), Level(200, False, True),
          Level(120, False, True))


@lru_cache(maxsize=1)
def stylesheet() -> Markup:
    """Our own CSS, trusted; `</` cannot occur in it, so it is safe inside <style>."""
    css = (TEMPLATES / STYLESHEET).read_text("utf-8")
    if "</" in css:
        raise ValueError(f"{STYLESHEET} must not contain '</'")
    return Markup(css)


def page_url(catalogue: Catalogue, country: Country, lang: Language) -> str:
    """The country's online page in the sheet's language (English for a language the site is not built in)."""
    prefix = "" if lang.ui == "en" or lang.ui not in catalogue.settings.languages else lang.ui + "/"
    return catalogue.settings.site_url.rstrip("/") + "/" + prefix + "countries/" + country.slug + "/"


def short_url(url: str) -> str:
    return url.split("://", 1)[-1].rstrip("/")


@lru_cache(maxsize=64)
def qr_data_uri(url: str) -> str:
    return segno.make(url, error="m").svg_data_uri(border=0, dark="#10223f")


def as_of(country: Country, lang: Language) -> str:
    """'Data as of 2012 – 2019'."""
    period = data_period(country, lang)
    return lang.gettext("Data as of %(period)s") % {"period": period} if period else lang.gettext("No dated figures")


def _footnote(citations: Citations, fact: dict) -> Markup:
    """The footnote number; a word joiner keeps WeasyPrint from carrying it alone onto the next line."""
    citation = citations.cite(fact)
    return Markup('<sup class="fn">\u2060{}</sup>').format(citation.number)


@lru_cache(maxsize=8)
def _environment(catalogue: Catalogue, lang: Language):
    return environment(Views(catalogue, lang, compact=True))


def figure_currencies(country: Country) -> set[str]:
    """The currencies the sheet's figures are in: its programmes' (and their earlier versions') and its costs'."""
    figures = list(country.section("costs"))
    for _, programme in country.programmes:
        figures += [c for version in (programme, *programme.older) for c in version.components()]
    return {figure["currency"] for figure in figures if "currency" in figure}


def period_of(lang: Language, items: list[dict]) -> str:
    """'2004 – 2012': the dates items describe, from the oldest to the newest ('' for none)."""
    dates = sorted(str(item["as_of"]) for item in items if item.get("as_of"))
    if not dates:
        return ""
    return lang.date(dates[0]) if dates[0] == dates[-1] else f"{lang.date(dates[0])} – {lang.date(dates[-1])}"


def section_anchor(lang: Language, section: str) -> str:
    """The id MkDocs gives a section's heading on the country page (its `toc` slug of the title)."""
    return slugify(lang.gettext(SECTION_TITLES[section]), "-")


def _pointer(url: str, lang: Language, limit: int | None, value: object, anchor: str) -> Markup:
    """A link to `anchor` on the online page if `value` is too long for this level, else '' (print it)."""
    if limit is None or len(localize(value, lang.code).text) <= limit:
        return Markup("")
    return Markup('<a class="pointer" href="{}#{}">{}#{}</a>').format(url, anchor, short_url(url), anchor)


def sheet_html(catalogue: Catalogue, country: Country, lang: Language = Language("en"), level: int = 0) -> str:
    """The sheet of one country at one of the LEVELS as a standalone HTML document (CSS inlined).

    Its <base> is the online page, so a relative link in editor text points at the site, as it does
    there, instead of at a file:// path of the machine that printed it.
    """
    url = page_url(catalogue, country, lang)
    notes = Citations()  # footnotes numbered in the order this sheet cites them: only what it prints
    currency = country.data["country"].get("currency")
    limit, places, brief = LEVELS[level]
    html = _environment(catalogue, lang).get_template(SHEET_TEMPLATE).render(
        country=country, css=stylesheet(), page_url=url, short_url=short_url(url), qr=qr_data_uri(url),
        asof=as_of(country, lang), built=lang.date(catalogue.settings.today.isoformat()), fn=partial(_footnote, notes),
        citations=notes, untranslated=untranslated_on_page(country, lang.code), compact_legend=COMPACT_LEGEND,
        body_class=" ".join(name for name, on in (("no-places", not places), ("brief", brief)) if on),
        pointer=partial(_pointer, url, lang, limit), cite_anchor=backlink_id,
        brief=brief, anchors={s: section_anchor(lang, s) for s in ("costs", "notes")}, period_of=partial(period_of, lang),
        local_currency=currency if currency in figure_currencies(country) else "")
    return html.replace("<head>", str(Markup('<head>\n<base href="{}">').format(url)), 1)


def sheet_levels(catalogue: Catalogue, country: Country, lang: Language = Language("en")) -> list[str]:
    """The sheet at every level, from everything in full to the most prose behind pointers."""
    return [sheet_html(catalogue, country, lang, level) for level in range(len(LEVELS))]


def cover_html(catalogue: Catalogue, entries: list[dict], title: str, lang: Language = Language("en")) -> str:
    settings = catalogue.settings
    return _environment(catalogue, lang).get_template(COVER_TEMPLATE).render(
        css=stylesheet(), title=title, entries=entries, built=lang.date(settings.today.isoformat()),
        site_url=short_url(settings.site_url))

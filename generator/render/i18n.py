"""Languages: interface text from gettext catalogues (Babel .po files), Babel formats for numbers,
money and dates, and content text in the language asked for, with fallback and drift tracking.

Interface languages are the ones with a complete catalogue in generator/locale/. A sheet can be
asked for in any language tag (a returnee's `ar`, say): its content is shown in that language
where an editor translated it, its interface text in English.
"""
from __future__ import annotations

import gettext
import unicodedata
from dataclasses import dataclass
from datetime import date
from functools import cached_property, lru_cache
from io import BytesIO
from pathlib import Path
from typing import TYPE_CHECKING, Any

from babel import Locale, UnknownLocaleError
from babel.dates import format_date, format_skeleton
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.numbers import NumberPattern, format_decimal, get_territory_currencies, parse_pattern
from babel.support import Translations

from ..content.fields import SOURCE, english, text_hash, texts

if TYPE_CHECKING:
    from ..model.catalogue import Country

INTERFACE = ("en", "nb", "da")     # languages with a complete interface catalogue
LOCALE_DIR = Path(__file__).resolve().parent / "locale"
DOMAIN = "messages"
# Scripts written right to left, by language: Arabic, Persian, Dari, Pashto, Kurdish (Sorani), Urdu...
RTL = {"ar", "fa", "prs", "ps", "ckb", "ur", "he", "yi", "dv", "ug", "sd"}
# Where the house style differs from CLDR: English shows ISO codes (counsellors compare currencies,
# and "$" is ambiguous); Norwegian puts kr first, as Språkrådet recommends (kr 20 000).
CURRENCY_PATTERNS = {"en": "¤¤ #,##0", "nb": "¤ #,##0"}
HOME_TERRITORY = {"nb": "NO", "da": "DK"}
LOCALES = {"en": "en_GB"}  # day before month: "20 June 2012", as read in Norway and Denmark


def N_(message: str) -> str:
    """Marks a message for extraction; it is translated where it is shown."""
    return message


@lru_cache(maxsize=None)
def translations(lang: str) -> gettext.NullTranslations:
    """The catalogue of an interface language, compiled in memory from its .po file (no .mo to keep in sync)."""
    po = LOCALE_DIR / lang / "LC_MESSAGES" / f"{DOMAIN}.po"
    if lang == SOURCE or not po.exists():
        return gettext.NullTranslations()
    with po.open("rb") as handle:
        catalogue = read_po(handle, locale=lang)
    compiled = BytesIO()
    write_mo(compiled, catalogue, use_fuzzy=False)
    compiled.seek(0)
    return Translations(compiled, domain=DOMAIN)


def primary(tag: str) -> str:
    return tag.split("-")[0].lower()


def direction(text: str, lang: str = "") -> str:
    """'rtl' for a right-to-left language; for English 'ltr', whatever names it starts with; for any
    other language (Kurdish is written in both scripts) the direction of its first strong character."""
    if primary(lang) in RTL:
        return "rtl"
    if primary(lang) == SOURCE:
        return "ltr"
    for char in text:
        kind = unicodedata.bidirectional(char)
        if kind in ("R", "AL"):
            return "rtl"
        if kind == "L":
            return "ltr"
    return "ltr"


@dataclass(frozen=True)
class Text:
    """A content text as shown in one language: what, in which language, and how it relates to English.

    state: 'source' (the English original), 'current' (a translation of the present English),
    'outdated' (translated from an earlier English text) or 'fallback' (no translation: English shown).
    """

    text: str
    lang: str
    state: str

    @property
    def dir(self) -> str:
        return direction(self.text, self.lang)


def translation_of(value: Any, lang: str) -> tuple[str, Any] | None:
    """(tag, entry) of the translation into `lang` in a language map: exact tag, else same language."""
    if not isinstance(value, dict):
        return None
    if lang in value:
        return lang, value[lang]
    matches = [(tag, entry) for tag, entry in value.items() if primary(tag) == primary(lang)]
    return matches[0] if matches else None


def localize(value: Any, lang: str) -> Text:
    """A free-text field (plain English string, or {tag: text | {text, from_en}}) in `lang`."""
    source = english(value)
    if primary(lang) == SOURCE:
        return Text(source, SOURCE, "source")
    found = translation_of(value, lang)
    if found is None:
        return Text(source, SOURCE, "fallback")
    tag, entry = found
    if isinstance(entry, dict):
        current = entry.get("from_en") == text_hash(source)
        return Text(str(entry.get("text", "")), tag, "current" if current else "outdated")
    return Text(str(entry), tag, "outdated")  # a bare translation records no English text: cannot vouch for it


def untranslated(data: Any, lang: str) -> int:
    """How many texts of a document a page in `lang` shows in English."""
    if lang == SOURCE:
        return 0
    return sum(localize(value, lang).state == "fallback" for _, value in texts(data))


def untranslated_on_page(country: "Country", lang: str) -> int:
    """Texts a country's page or sheet in `lang` shows in English: its own and its programmes'."""
    return untranslated(country.data, lang) + sum(untranslated(p.data, lang) for _, p in country.programmes)


@lru_cache(maxsize=None)
def currency_pattern(ui: str, currency: str, whole: bool) -> NumberPattern:
    """The house pattern for an amount in `currency` read in language `ui`: the locale's (or
    CURRENCY_PATTERNS'), without decimals for whole amounts, with the ISO code for every currency
    but the reader's own. Parsed once: Babel would parse it again for every amount."""
    locale = Locale.parse(LOCALES.get(ui, ui))
    pattern = CURRENCY_PATTERNS.get(ui) or locale.currency_formats["standard"].pattern.split(";")[0]
    pattern = pattern.replace(".00", "")
    home = HOME_TERRITORY.get(ui)
    if "¤¤" not in pattern and not (home and currency in get_territory_currencies(home)):
        pattern = pattern.replace("¤", "¤¤")
    if not whole:
        pattern = pattern.replace("#,##0", "#,##0.00")
    return parse_pattern(pattern)


NORDIC_ORDER = str.maketrans({"æ": "\U000f0001", "ø": "\U000f0002", "å": "\U000f0003"})  # after every other letter


@dataclass(frozen=True)
class Language:
    """One output language: gettext for interface text, Babel for numbers, money, dates and names."""

    code: str

    @property
    def ui(self) -> str:
        """The interface language: the one asked for if it has a catalogue, else English."""
        return self.code if self.code in INTERFACE else SOURCE

    @cached_property
    def locale(self) -> Locale:
        return Locale.parse(LOCALES.get(self.ui, self.ui))

    @property
    def dir(self) -> str:
        """The direction of the page: its interface's (a sheet asked for in Arabic has English
        headings; its Arabic texts are marked right to left one by one)."""
        return "rtl" if primary(self.ui) in RTL else "ltr"

    def gettext(self, message: str) -> str:
        return translations(self.ui).gettext(message)

    @staticmethod
    def sort_key(text: str) -> str:
        """Alphabetical order for names and headwords: any case, with æ, ø, å after z (Norwegian and Danish)."""
        return text.casefold().translate(NORDIC_ORDER)

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        return translations(self.ui).ngettext(singular, plural, n)

    def pgettext(self, context: str, message: str) -> str:
        return translations(self.ui).pgettext(context, message)

    @lru_cache(maxsize=64)  # noqa: B019 - a handful of languages, alive for the whole run
    def name(self, tag: str | None = None) -> str:
        """A language's name in this interface language: 'norsk bokmål', 'arabisk'."""
        tag = tag or self.code
        try:
            return Locale.parse(tag.replace("-", "_")).get_display_name(self.locale) or tag
        except (ValueError, UnknownLocaleError):
            return tag

    def country(self, code: str, fallback: str) -> str:
        return self.locale.territories.get(code, fallback) if self.ui != SOURCE else fallback

    def number(self, value: float) -> str:
        value = value + 0  # -0.0 + 0 is 0.0: an amount of nothing never reads "-0"
        whole = float(value).is_integer() or value >= 100
        return format_decimal(value, format="#,##0" if whole else "#,##0.00", locale=self.locale)

    @lru_cache(maxsize=4096)  # noqa: B019 - amounts repeat across pages and languages
    def money(self, amount: float, currency: str) -> str:
        """'USD 3,000' in English; 'kr 20 000' and 'USD 3 000' in Norwegian; '20.000 kr.' in Danish."""
        amount = amount + 0  # -0.0 + 0 is 0.0: never "-USD 0"
        whole = float(amount).is_integer() or amount >= 100
        return currency_pattern(self.ui, currency, whole).apply(amount, self.locale, currency=currency, currency_digits=False)

    def date(self, written: str | int) -> str:
        """A date as precise as written: '2012', 'June 2012' / 'juni 2012', '20 June 2012' / '20. juni 2012'."""
        parts = [int(p) for p in str(written).split("-")]
        if len(parts) == 1:
            return str(parts[0])
        if len(parts) == 2:
            return format_skeleton("yMMMM", date(parts[0], parts[1], 1), locale=self.locale)
        return format_date(date(*parts), format="long", locale=self.locale)

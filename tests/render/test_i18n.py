"""Languages: the site and sheets in English, Norwegian and Danish; content translations that say when
they fall back to English or were made from an older English text; right-to-left scripts."""
from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlparse

import pytest
import yaml
from babel.messages.pofile import read_po

from generator.render import pdf as printing
from generator.render.bundle import render_bundle
from generator.render import sheet
from generator.site.build import build_site
from generator.site.generate import generate
from generator.cli import main as factsheets
from generator.config import PROJECT_ROOT
from generator.content.fields import text_hash
from generator.render.i18n import INTERFACE, LOCALE_DIR, Language, localize
from generator.render.labels import COMPACT_LEGEND, FALLBACK_MARK, FALLBACK_NOTE, LABELS, MODE, OUTDATED_NOTE, PER, PERIOD, TOGETHER
from project_support import make_project

NBSP = "\u00a0"


def nb(message: str) -> str:
    return Language("nb").gettext(message)


def plain(text: str) -> str:
    """Babel groups digits with no-break spaces; a reader sees spaces."""
    return text.replace(NBSP, " ").replace("\u202f", " ")


def set_summary(settings, code: str, summary) -> None:
    path = settings.content_dir / "countries" / f"{code}.yaml"
    data = yaml.safe_load(path.read_text("utf-8"))
    data["summary"] = summary
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), "utf-8")


# -- the catalogues ---------------------------------------------------------------------------------

def extracted_messages(tmp_path: Path) -> set[str]:
    """What `make messages` would extract from the code and templates now."""
    pot = tmp_path / "messages.pot"
    subprocess.run([sys.executable, "-m", "babel.messages.frontend", "extract", "-F", "babel.cfg", "-k", "N_",
                    "-o", str(pot), "."], cwd=PROJECT_ROOT, check=True, capture_output=True)
    with pot.open("rb") as handle:
        return {m.id if isinstance(m.id, str) else m.id[0] for m in read_po(handle) if m.id}


@pytest.mark.parametrize("lang", [lang for lang in INTERFACE if lang != "en"])
def test_every_interface_message_is_translated(tmp_path, lang):
    with (LOCALE_DIR / lang / "LC_MESSAGES" / "messages.po").open("rb") as handle:
        catalogue = read_po(handle, locale=lang)
    translated = {(m.id if isinstance(m.id, str) else m.id[0]): m for m in catalogue if m.id}
    missing = extracted_messages(tmp_path) - set(translated)
    assert not missing, f"run `make messages` and translate: {sorted(missing)[:5]}"
    untranslated = [i for i, m in translated.items() if m.fuzzy or not all(m.string if isinstance(m.string, tuple) else [m.string])]
    assert not untranslated, untranslated[:5]
    assert [error for _, errors in catalogue.check() for error in errors] == []  # placeholders kept


def test_every_enum_value_of_the_schemas_has_a_translatable_label():
    values: set[str] = set()

    def scan(node):
        if isinstance(node, dict):
            values.update(v for v in node.get("enum", []) if isinstance(v, str))
            for sub in node.values():
                scan(sub)
        elif isinstance(node, list):
            for sub in node:
                scan(sub)

    for path in (PROJECT_ROOT / "schemas").glob("*.schema.json"):
        scan(json.loads(path.read_text("utf-8")))
    assert values - set(LABELS) - set(PER) - set(MODE) - set(PERIOD) - set(TOGETHER) == set()
    assert nb(LABELS["rejected_asylum_seeker"]) != "rejected asylum seeker"


# -- formats ----------------------------------------------------------------------------------------

@pytest.mark.parametrize("lang, amount, currency, shown", [
    ("en", 20000, "NOK", "NOK 20,000"),
    ("en", 3000, "USD", "USD 3,000"),
    ("nb", 20000, "NOK", "kr 20 000"),          # Språkrådet's style
    ("nb", 3000, "USD", "USD 3 000"),
    ("da", 20000, "DKK", "20.000 kr."),
    ("da", 12.5, "EUR", "12,50 EUR"),
])
def test_amounts_are_formatted_for_the_language(lang, amount, currency, shown):
    assert plain(Language(lang).money(amount, currency)) == shown


@pytest.mark.parametrize("lang, written, shown", [
    ("en", "2012-06-20", "20 June 2012"), ("nb", "2012-06-20", "20. juni 2012"), ("da", "2012-06", "juni 2012"),
    ("nb", 2012, "2012"),
])
def test_dates_keep_their_precision_in_every_language(lang, written, shown):
    assert Language(lang).date(written) == shown


# -- the Norwegian site -----------------------------------------------------------------------------

@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """Iraq and Cameroon built in all three languages, with an untranslated and a translated summary."""
    settings = make_project(tmp_path_factory.mktemp("i18n"), countries=["iq", "cm"])
    english = "Cameroon's returnees get support from IOM."
    set_summary(settings, "cm", {"en": english, "nb": {"text": "Returnerte til Kamerun får støtte fra IOM.",
                                                        "from_en": text_hash(english)}})
    iraq = yaml.safe_load((settings.content_dir / "countries" / "iq.yaml").read_text("utf-8"))["summary"]
    set_summary(settings, "iq", iraq["en"])  # English only: the Norwegian page must fall back
    build_site(settings, pdf=False)
    return settings


@pytest.mark.slow  # builds a site or prints sheets
def test_the_norwegian_site_shows_norwegian_labels_and_amounts(built):
    html = (built.site_dir / "nb" / "countries" / "iraq" / "index.html").read_text("utf-8")
    assert '<html lang="nb"' in html
    for label in ("Programmes and grant ceilings", "Support organisations", "Sources", "At a glance"):
        assert nb(label) != label and nb(label) in html
    assert "kr 20 000" in plain(html) and "NOK 20,000" not in html
    assert "NOK 20,000" in (built.site_dir / "countries" / "iraq" / "index.html").read_text("utf-8")


@pytest.mark.slow  # builds a site or prints sheets
def test_a_missing_translation_falls_back_to_english_and_says_so(built):
    html = (built.site_dir / "nb" / "countries" / "iraq" / "index.html").read_text("utf-8")
    note = nb(FALLBACK_NOTE) % {"language": "norsk bokmål"}
    assert note != FALLBACK_NOTE % {"language": "norsk bokmål"}
    summary = re.search(r'<div lang="en" class="fs-i18n-fallback">\s*<p>Forced return from Norway to Iraq.*?</div>'
                        r'\s*<p class="fs-i18n-note"[^>]*>(.*?)</p>', html, re.S)
    assert summary and summary.group(1) == note
    assert nb(FALLBACK_MARK) in html  # inline texts carry a short mark


@pytest.mark.slow  # builds a site or prints sheets
def test_a_current_translation_is_shown_without_a_note(built):
    html = (built.site_dir / "nb" / "countries" / "cameroon" / "index.html").read_text("utf-8")
    paragraph = re.search(r"<p>Returnerte til Kamerun.*?</p>", html).group()
    assert re.sub(r"<[^>]+>", "", paragraph) == "Returnerte til Kamerun får støtte fra IOM."  # IOM: a glossary link
    assert "fs-i18n" not in paragraph
    english = (built.site_dir / "countries" / "cameroon" / "index.html").read_text("utf-8")
    assert "Cameroon's returnees get support from " in english.replace("&#39;", "'")


@pytest.mark.slow  # builds a site or prints sheets
def test_changing_the_english_marks_the_translation_outdated(built, tmp_path, monkeypatch, capsys):
    settings = make_project(tmp_path, countries=["cm"], languages=("en", "nb"))
    shutil.copy(built.content_dir / "countries" / "cm.yaml", settings.content_dir / "countries" / "cm.yaml")
    data = yaml.safe_load((settings.content_dir / "countries" / "cm.yaml").read_text("utf-8"))
    data["summary"]["en"] = "Cameroon's returnees get support from IOM and from Caritas."
    (settings.content_dir / "countries" / "cm.yaml").write_text(yaml.safe_dump(data, allow_unicode=True), "utf-8")
    assert localize(data["summary"], "nb").state == "outdated"
    generate(settings)
    page = (settings.docs_for("nb") / "countries" / "cameroon.md").read_text("utf-8")
    assert 'class="fs-i18n-outdated"' in page and nb(OUTDATED_NOTE) in page
    assert "Returnerte til Kamerun" in page  # still shown: the counsellor decides

    monkeypatch.chdir(settings.root)
    monkeypatch.setattr("generator.config.load_settings", lambda *a, **k: settings)
    assert factsheets(["translations", "--lang", "nb", "--strict"]) == 1
    out = capsys.readouterr().out
    line = next(l for l in out.splitlines() if "summary" in l)
    assert line.startswith("content/countries/cm.yaml:") and "earlier English text" in line
    assert f"from_en: {text_hash(data['summary']['en'])}" in line
    assert re.search(r"nb: \d+ of \d+ texts translated, \d+ missing, 1 possibly outdated", out)


def test_a_translation_without_its_english_fingerprint_is_refused_with_the_fix(tmp_path, monkeypatch, capsys):
    settings = make_project(tmp_path, countries=["cm"], languages=("en",))
    set_summary(settings, "cm", {"en": "Support from IOM.", "nb": "Støtte fra IOM."})
    monkeypatch.chdir(settings.root)
    assert factsheets(["validate", "content"]) == 1
    out = capsys.readouterr().out
    assert "content/countries/cm.yaml:" in out and "summary.nb:" in out
    assert f"nb: {{text: ..., from_en: {text_hash('Support from IOM.')}}}" in out


@pytest.mark.slow  # builds a site or prints sheets
def test_the_language_switcher_leads_to_the_same_page_in_each_language(built):
    page = built.site_dir / "nb" / "countries" / "iraq" / "index.html"
    links = re.findall(r'<a href="([^"]+)" hreflang="(\w+)" lang="\w+" class="md-select__link"', page.read_text("utf-8"))
    assert {lang for _, lang in links} == {"en", "nb", "da"}
    base = "http://x/nb/countries/iraq/"
    targets = {lang: urlparse(urljoin(base, href)).path for href, lang in links}
    assert targets == {"en": "/countries/iraq/", "nb": "/nb/countries/iraq/", "da": "/da/countries/iraq/"}


@pytest.mark.slow  # builds a site or prints sheets
def test_each_language_has_its_own_search_language(built):
    config = lambda lang: json.loads((built.site_dir / lang / "search" / "search_index.json").read_text())["config"]
    assert config(".")["lang"] == ["en"] and config("nb")["lang"] == ["no"] and config("da")["lang"] == ["da"]


# -- right to left ----------------------------------------------------------------------------------

class Directions(HTMLParser):
    """The text of the page with the `dir` in force where each piece of text stands."""

    def __init__(self) -> None:
        super().__init__()
        self.stack: list[tuple[str, str | None]] = []
        self.pieces: list[tuple[str, str | None]] = []

    def handle_starttag(self, tag, attrs):
        if tag not in ("br", "img", "meta", "link", "input", "hr"):
            self.stack.append((tag, dict(attrs).get("dir")))

    def handle_endtag(self, tag):
        while self.stack and self.stack.pop()[0] != tag:
            pass

    def handle_data(self, data):
        direction = next((d for _, d in reversed(self.stack) if d), None)
        self.pieces.append((data, direction))


def direction_of(html: str, text: str) -> str | None:
    parser = Directions()
    parser.feed(html)
    return next(d for piece, d in parser.pieces if text in piece)


@pytest.mark.slow  # builds a site or prints sheets
def test_arabic_is_marked_right_to_left_on_the_site(built):
    for page in ("countries/iraq/index.html", "nb/countries/iraq/index.html"):
        html = (built.site_dir / page).read_text("utf-8")
        assert direction_of(html, "العراق") == "rtl"  # the country's name in Arabic, from CLDR


ARABIC_SUMMARY = "يحصل العائدون على دعم من المنظمة الدولية للهجرة."


@pytest.fixture
def arabic_catalogue(tmp_path):
    from generator.model.catalogue import load_catalogue

    settings = make_project(tmp_path, countries=["iq"], languages=("en",))
    data = yaml.safe_load((settings.content_dir / "countries" / "iq.yaml").read_text("utf-8"))
    summary = data["summary"]
    summary["ar"] = {"text": ARABIC_SUMMARY, "from_en": text_hash(summary["en"])}
    set_summary(settings, "iq", summary)
    return load_catalogue(settings)


def test_a_sheet_in_arabic_sets_the_translated_text_right_to_left(arabic_catalogue):
    iraq = next(c for c in arabic_catalogue.countries if c.code == "IQ")
    html = sheet.sheet_html(arabic_catalogue, iraq, Language("ar"))
    assert '<html lang="en" dir="ltr">' in html  # the headings are English: no catalogue for Arabic
    assert f'<div lang="ar" dir="rtl"><p>{ARABIC_SUMMARY}</p></div>' in html
    assert direction_of(html, ARABIC_SUMMARY) == "rtl"
    english = sheet.sheet_html(arabic_catalogue, iraq, Language("en"))
    assert ARABIC_SUMMARY not in english and direction_of(english, "العراق") == "rtl"


@pytest.mark.slow  # builds a site or prints sheets
def test_arabic_prints_as_arabic_glyphs(arabic_catalogue, tmp_path):
    from pypdf import PdfReader

    [path] = printing.render_sheets(arabic_catalogue, tmp_path, ["iq"], Language("ar"))
    text = "\n".join(page.extract_text() or "" for page in PdfReader(str(path)).pages)
    # Extraction may give right-to-left words in visual order; each word must come out whole.
    for word in ["العراق", *ARABIC_SUMMARY.rstrip(".").split()]:
        assert word in text or word[::-1] in text, word


# -- printing in a language -------------------------------------------------------------------------

@pytest.mark.slow  # builds a site or prints sheets
def test_pdf_lang_nb_prints_a_norwegian_sheet(tmp_path, monkeypatch):
    from pypdf import PdfReader

    settings = make_project(tmp_path, countries=["iq"], languages=("en", "nb"))
    monkeypatch.setattr("generator.config.load_settings", lambda *a, **k: settings)
    assert factsheets(["pdf", "IQ", "--lang", "nb", "--out", str(tmp_path / "out")]) == 0
    text = plain(" ".join(p.extract_text() for p in PdfReader(str(tmp_path / "out" / "iraq.pdf")).pages))
    text = re.sub(r"\s+", " ", text)
    assert nb("Programmes and grant ceilings") in text and "kr 20 000" in text and "Irak" in text
    assert "/nb/countries/iraq" in text  # the QR and link lead to the Norwegian page
    assert "Side 1 av" in text  # the running footer too
    # Untranslated texts are printed in English, marked EN, and a legend at the top says what EN means.
    assert nb(COMPACT_LEGEND) % {"language": "norsk bokmål"} in text


@pytest.mark.slow  # builds a site or prints sheets
def test_a_seminar_bundle_is_in_one_language(tmp_path):
    from pypdf import PdfReader

    from generator.model.catalogue import load_catalogue

    catalogue = load_catalogue(make_project(tmp_path, countries=["iq", "cm"], languages=("en", "da")))
    out = render_bundle(catalogue, ["IQ", "CM"], tmp_path / "seminar.pdf", lang=Language("da"))
    pages = [plain(p.extract_text()) for p in PdfReader(str(out)).pages]
    da = Language("da").gettext
    assert da("Country fact sheets") in pages[0] and "Irak" in pages[0] and "Cameroun" in pages[0]
    assert all("Programmes and grant ceilings" not in page for page in pages)
    assert sum(da("Programmes and grant ceilings") in page for page in pages) == 2


@pytest.mark.slow  # builds a site or prints sheets
def test_countries_are_listed_in_the_alphabetical_order_of_the_language(built):
    from generator.model.catalogue import load_catalogue
    from generator.model.catalogue import Country
    from generator.render.views import Views

    catalogue = load_catalogue(built)
    countries = [Country(code, {"country": {"code": code, "name": name}})
                 for code, name in [("AT", "Austria"), ("ZM", "Zambia"), ("IQ", "Iraq")]]
    names = lambda lang: [Views(catalogue, Language(lang)).country_name(c) for c in Views(catalogue, Language(lang)).by_name(countries)]
    assert names("en") == ["Austria", "Iraq", "Zambia"]
    assert names("nb") == ["Irak", "Zambia", "Østerrike"]  # Ø after Z, as in a Norwegian dictionary


@pytest.mark.parametrize("text, lang, expected", [
    ("العراق", "ar", "rtl"), ("کوردستان", "ku", "rtl"), ("Kurdistan", "ku", "ltr"),
    ("الصومال is named first in this English sentence", "en", "ltr"), ("Irak", "nb", "ltr"), ("ایران", "", "rtl"),
])
def test_the_direction_of_a_text_follows_its_language_then_its_script(text, lang, expected):
    from generator.render.i18n import direction

    assert direction(text, lang) == expected


def test_every_free_text_is_found_whatever_it_is_nested_in():
    from generator.editing.translations import texts

    programme = {"name": "VARP", "eligibility": {"legal_status": ["any"], "description": "Anyone without residence.",
                                                 "deadline_rule": {"en": "More before the deadline."}},
                 "components": [{"label": "Cash", "amount": 20000}]}
    country = {"country": {"name_local": {"text": "العراق", "lang": "ar"}}, "organisations": [{"eligibility": "Women."}],
               "job_services": [{"requirements": ["ID card", {"en": "A CV"}]}]}
    assert [path for path, _ in texts(programme)] == [["eligibility", "description"], ["eligibility", "deadline_rule"],
                                                      ["components", 0, "label"]]
    assert [path for path, _ in texts(country)] == [["organisations", 0, "eligibility"], ["job_services", 0, "requirements", 0],
                                                    ["job_services", 0, "requirements", 1]]


@pytest.mark.parametrize("tag, message", [
    ("no", "write `nb` for this language, not `no`"),
    ("xx", "`xx` is not a known ISO 639 language code"),
])
def test_a_translation_under_a_tag_the_site_would_never_show_is_refused(tmp_path, monkeypatch, capsys, tag, message):
    settings = make_project(tmp_path, countries=["cm"], languages=("en",))
    set_summary(settings, "cm", {"en": "Support from IOM.", tag: {"text": "Støtte fra IOM.", "from_en": text_hash("Support from IOM.")}})
    monkeypatch.chdir(settings.root)
    assert factsheets(["validate", "content"]) == 1
    out = capsys.readouterr().out
    assert f"summary.{tag}: {message}" in out

"""A citation written in text, `[@ramboll-2012:3806-3812]`, reads as its source's label and opens
the cited passage; on a sheet it is a footnote, and the footnote names the report."""
from __future__ import annotations

from generator.config import load_settings
from generator.content.fields import text_hash
from generator.model.catalogue import load_catalogue
from generator.render.citations import Citations
from generator.render.i18n import Language
from generator.render.sheet import sheet_html
from generator.render.views import Views


def test_a_citation_in_text_reads_as_its_source_and_opens_the_passage():
    catalogue = load_catalogue(load_settings())
    english = "Up to NOK 35 000 in all [@ramboll-2012:3806-3812; @ntnu-2012:1013]."
    text = {"en": english, "nb": {"text": "Inntil NOK 35 000 i alt [@ramboll-2012:3806-3812; @ntnu-2012:1013].",
                                  "from_en": text_hash(english)}}

    page = Views(catalogue, Language("nb")).content(text, inline=True, citations=Citations("../../"))
    sheet = Views(catalogue, Language("nb"), compact=True).content(text, inline=True, citations=Citations())

    assert page == ('Inntil NOK 35 000 i alt <a class="fs-cite" id="cite-ramboll-2012-3806-3812" '
                    'href="../../sources/ramboll-2012/#l3806-3812" title="Evaluering af program for forberedt hjemsendelse '
                    'af sårbare udlændinge, linje 3806-3812">Rambøll 2012</a>; <a class="fs-cite" id="cite-ntnu-2012-1013" '
                    'href="../../sources/ntnu-2012/#l1013" title="Retursentre for utreisepliktige, linje 1013">NTNU 2012</a>.')
    assert sheet == 'Inntil NOK 35 000 i alt <sup class="fn">1</sup><sup class="fn">2</sup>.'


def test_several_places_in_one_source_read_as_one_label_and_the_further_places_lines():
    catalogue = load_catalogue(load_settings())
    text = "Veien Videre cost NOK 6 703 per participant [@deloitte-2014:963, 977-979; @fdn-2015]."

    page = Views(catalogue, Language("en")).content(text, inline=True, citations=Citations("../"))
    sheet = Views(catalogue, Language("en"), compact=True).content(text, inline=True, citations=Citations())

    assert '#l963" title="' in page and '">Deloitte 2014</a>, <a class="fs-cite"' in page
    assert '#l977-979" title="' in page and '">lines 977-979</a>; <a class="fs-cite"' in page
    assert page.endswith('">FDN 2015</a>.')
    assert sheet.endswith(' <sup class="fn">1</sup><sup class="fn">2</sup>.')


def test_a_sheet_names_each_report_by_its_label_and_turns_citations_in_text_into_footnotes():
    catalogue = load_catalogue(load_settings())
    nigeria = next(c for c in catalogue.countries if c.code == "NG")

    html = sheet_html(catalogue, nigeria, Language("da"))

    assert '<strong>Rambøll 2012</strong>: <span lang="da">Evaluering af program' in html
    assert "[@" not in html and "ramboll-2012" not in html
    assert "Citeret: linje " in html

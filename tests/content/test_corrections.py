"""The corrections of issue #19, pinned: each corrected figure or wording with the report lines it
rests on, in English, Norwegian and Danish, with translations made from the English they stand under."""
from __future__ import annotations

import re

import pytest

from project_support import walk
from generator.config import load_settings
from generator.content.fields import text_hash
from generator.content.validate import validate_content
from generator.model.catalogue import build_catalogue
from generator.model.estimate import programme_rules

SETTINGS = load_settings()
CONTENT, PROBLEMS = validate_content(SETTINGS.content_dir, SETTINGS)
CATALOGUE = build_catalogue(CONTENT, SETTINGS)
REPORTS = SETTINGS.reports_dir
reports = pytest.mark.skipif(not REPORTS.is_dir(), reason="the cited reports are not beside the checkout")


def country(code: str) -> dict:
    return next(c for c in CATALOGUE.countries if c.code == code).data


def programme(pid: str) -> dict:
    return CATALOGUE.programmes[pid].data


def texts(field: dict) -> dict[str, str]:
    """en, nb and da of a translated field, each checked to be made from the English it stands under."""
    english = field["en"]
    for lang in ("nb", "da"):
        assert field[lang]["from_en"] == text_hash(english), f"the {lang} translation is not marked current"
    return {"en": english, "nb": field["nb"]["text"], "da": field["da"]["text"]}


def flat(text: str) -> str:
    return " ".join(text.split())


def report_line(source: str, number: int) -> str:
    name = CATALOGUE.sources[source]["file"]
    return (REPORTS / name).read_text("utf-8", errors="replace").splitlines()[number - 1]


def component(pid: str, kind: str) -> dict:
    return next(c for c in programme(pid)["components"] if c["type"] == kind)


# -- wrong: Eritrea is not the only large group with more women than men ------------------------------------
def test_eritrea_shares_a_majority_of_women_with_russia_in_every_language():
    summary = texts(country("ER")["summary"])
    for lang, words in (("en", "only Eritrea and Russia (51 % women) had more women than men"),
                        ("nb", "bare Eritrea og Russland (51 % kvinner) flere kvinner enn menn"),
                        ("da", "kun Eritrea og Rusland (51 % kvinder) flere kvinder end mænd")):
        text = flat(summary[lang])
        assert words in text and "53 %" in text and "[@deloitte-2014:1477, 1483]" in text, lang
        assert not re.search(r"only large group|eneste store", text), lang


@reports
def test_the_table_gives_russia_51_and_eritrea_53_percent_women():
    assert re.search(r"Russland 586 49 % 51 %", report_line("deloitte-2014", 1477))
    assert re.search(r"Eritrea 487 47 % 53 %", report_line("deloitte-2014", 1483))


# -- partly: the Danish programme's sample plan, fees, full-time equivalents, the 131 organisations ---------
def test_the_uganda_sample_plans_housing_and_business_figures_are_not_ceilings_of_the_danish_programme():
    for kind, quoted, figure in (("housing", "900 USD", "USD 900"), ("income_generating_activity", "USD 3.000", "USD 3000")):
        part = component("dk-prepared-return-2012", kind)
        assert not {"amount", "max_amount", "per"} & part.keys(), kind
        conditions = texts(part["conditions"])
        assert ("The report gives no general ceiling for this: the agreement sets overall limits, but the report "
                "does not give their amounts [@ramboll-2012:2488-2490]") in flat(conditions["en"])
        assert "that plan's figure, not a programme rule" in flat(conditions["en"])
        assert "den planens tall, ikke en regel i programmet" in flat(conditions["nb"])
        assert "den plans tal, ikke en regel i programmet" in flat(conditions["da"])
        assert quoted in flat(conditions["en"])  # the plan's own words, quoted
        for text in (conditions["nb"], conditions["da"]):
            assert figure in flat(text) and "Uganda" in text, kind
    cited = {"housing": "[@ramboll-2012:2255-2258]", "income_generating_activity": "[@ramboll-2012:2265-2266]"}
    for kind, citation in cited.items():
        assert all(citation in t for t in texts(component("dk-prepared-return-2012", kind)["conditions"]).values())


def test_the_estimate_counts_no_sample_plan_figure_as_an_entitlement():
    rules = programme_rules(CATALOGUE, CATALOGUE.programmes["dk-prepared-return-2012"]).rules
    amounts = [(r.per, r.low, r.high, r.months) for r in rules if r.kind == "amount"]
    assert amounts == [("person", 150.0, 150.0, 3)]  # subsistence: USD 450 in the report's own text
    subsistence = component("dk-prepared-return-2012", "monthly_allowance")
    assert subsistence["lines"] == "1816-1832"
    en = flat(texts(subsistence["conditions"])["en"])
    assert "[@ramboll-2012:1816-1819]" in en and "[@ramboll-2012:1832]" in en
    assert "how one undated, anonymised sample plan (a return to Uganda) sets it out" in en


@reports
def test_the_sample_plan_requests_its_housing_for_this_return_and_the_report_states_the_cash():
    assert "maximum amount of 900 USD" in report_line("ramboll-2012", 2257)
    assert "is requested for this return" in report_line("ramboll-2012", 2258)
    assert "The maximum amount available for this activity is USD 3.000" in report_line("ramboll-2012", 2266)
    assert "Der er i aftalen opstillet overordnede rammer" in report_line("ramboll-2012", 2488)
    assert "Den hjemsendte modtager ved ankomsten 150 USD" in report_line("ramboll-2012", 1818)
    assert "3 kvinder vælger alene at tage imod de 450 USD" in report_line("ramboll-2012", 1832)


def test_ngo_fees_were_not_always_made_known_not_often_unknown():
    description = {lang: flat(t) for lang, t in texts(programme("dk-prepared-return-2012")["description"]).items()}
    for lang, words in (("en", "returnees were not always informed of it [@ramboll-2012:1536-1539]"),
                        ("nb", "ble de returnerte ikke alltid informert om det [@ramboll-2012:1536-1539]"),
                        ("da", "har de hjemvendte ikke altid været informeret om det [@ramboll-2012:1536-1539]")):
        assert words in description[lang], lang
    assert "often without" not in description["en"] and "ofte uten" not in description["nb"] + description["da"]


@reports
def test_the_report_says_the_foreigner_was_not_always_informed():
    assert "trækkes direkte fra offerets reintegrationsbudget" in report_line("ramboll-2012", 1537)
    assert "ikke altid været informe-" in report_line("ramboll-2012", 1538)


def test_swedish_officials_are_full_time_equivalents_and_20_to_30_minors_return_a_year():
    description = {lang: flat(t) for lang, t in texts(programme("se-uam-2012")["description"]).items()}
    for lang, fte, minors in (
            ("en", "10 to 15 officials, counted in full-time equivalents",
             "Between 20 and 30 unaccompanied minors return each year [@ramboll-2012:4050]"),
            ("nb", "10 til 15 tjenestepersoner, regnet i årsverk (heltidsekvivalenter)",
             "Mellom 20 og 30 enslige mindreårige returnerer hvert år [@ramboll-2012:4050]"),
            ("da", "10 til 15 embedspersoner, opgjort i årsværk (fuldtidsækvivalenter)",
             "Mellem 20 og 30 uledsagede mindreårige vender tilbage hvert år [@ramboll-2012:4050]")):
        assert fte in description[lang] and "[@ramboll-2012:4033-4036]" in description[lang], lang
        assert minors in description[lang], lang
    assert "full-time officials" not in description["en"]


@reports
def test_the_report_counts_full_time_equivalents_and_20_to_30_minors():
    assert "no more than 15 officials (full-time equivalent)" in report_line("ramboll-2012", 4034)
    assert "In between 20-30 unaccompanied minors return each year" in report_line("ramboll-2012", 4050)


@pytest.mark.parametrize("code", ["CM", "NP"])
def test_one_of_131_organisations_cites_the_line_with_the_count(code):
    description = next(o["description"] for o in country(code)["organisations"] if o["type"] == "diaspora")
    assert re.search(r"one of 131 organisations .* \[@fdn-2015:242-246\]", flat(description))


@reports
def test_the_slides_count_131_organisations():
    assert "131 Diaspora organisasjoner" in report_line("fdn-2015", 244)


# -- status and dates --------------------------------------------------------------------------------------
def test_programmes_record_the_ends_the_sources_give():
    fi, trafficking, varp = programme("fi-avr-2012"), programme("no-trafficking-2012"), programme("no-varp-2002")
    assert (str(fi["valid_to"]), fi["status"]) == ("2012-12-31", "ended")
    assert (str(trafficking["valid_to"]), trafficking["status"]) == ("2012", "ended")
    assert "valid_to" not in varp and varp["status"] == "ended"  # the sources give no end date
    assert CATALOGUE.programmes["no-varp-2002"].superseded_by.id == "no-varp-2012"
    for pid, en, nb, da in (
            ("fi-avr-2012", "The project period was 1 January 2010 to 31 December 2012 [@ramboll-2012:4097, 4165-4166]",
             "Prosjektperioden var 1. januar 2010 til 31. desember 2012", "Projektperioden var 1. januar 2010 til 31. december 2012"),
            ("no-trafficking-2012", "UDI's agreement with IOM as the provider ran to the end of 2012 [@ramboll-2012:3826]",
             "UDIs avtale med IOM som leverandør gjaldt ut 2012", "UDI's aftale med IOM som leverandør løb til udgangen af 2012"),
            ("no-varp-2002", "The sources give no date on which these rules ended",
             "Kildene oppgir ingen dato da disse reglene opphørte", "Kilderne angiver ingen dato for, hvornår disse regler ophørte")):
        description = {lang: flat(t) for lang, t in texts(programme(pid)["description"]).items()}
        assert en in description["en"] and nb in description["nb"] and da in description["da"], pid


@reports
def test_the_reports_give_those_ends():
    assert "1.1.2010-31.12.2012" in report_line("ramboll-2012", 4097)
    assert "UDI har en avtale med IOM som leverandør ut 2012" in report_line("ramboll-2012", 3826)


# -- missing key figures: cost per (planned) returnee, Table 8 (held as `costs:` data: tests/content/test_costs.py)
@reports
def test_table_8_holds_those_figures_at_the_rates_of_20_june_2012():
    assert "20-06-2012" in report_line("ramboll-2012", 2521)
    assert "per (planlagt) hjemsendt" in report_line("ramboll-2012", 2517)
    assert report_line("ramboll-2012", 2546).split() == ["14.376", "8.990", "17.000", "til", "21.00030", "40.34731"]
    assert report_line("ramboll-2012", 2551).split() == ["13.812", "8.243", "Ingen", "information", "55.000"]
    assert report_line("ramboll-2012", 2553).split() == ["Total", "28.188", "17.236", "-", "95.347"]
    assert "35.000 nkr. i reintegrationsassistance" in report_line("ramboll-2012", 2602)


@reports
def test_the_footnote_gives_that_split():
    assert "690.981 DKK" in report_line("ramboll-2012", 62) and "873.810 DKK" in report_line("ramboll-2012", 62)


# -- translations ------------------------------------------------------------------------------------------
def nordic_texts():
    for _, doc in CONTENT.documents():
        for path, value in walk(doc.data):
            if isinstance(value, dict) and {"text", "from_en"} <= value.keys() and path and path[-1] in ("nb", "da"):
                yield f"{doc.path.name}:{'.'.join(map(str, path))}", value["text"]


def test_norwegian_and_danish_texts_name_kobenhavn_and_goteborg_and_say_overvaegt():
    wrong = [(where, word) for where, text in nordic_texts()
             for word in ("Copenhagen", "Gothenburg", "overvægtig") if word in text]
    assert wrong == []
    assert "København" in texts(component("dk-prepared-return-2012", "monthly_allowance")["conditions"])["nb"]
    ad_hoc = next(c for c in programme("se-vot-2012")["components"] if "(Gothenburg)" in flat(c["label"]["en"]))
    for lang in ("nb", "da"):
        assert texts(ad_hoc["label"])[lang].endswith("(Göteborg)") and " i Göteborg " in texts(ad_hoc["conditions"])[lang]
    excess = next(c for c in programme("gb-varrp-2012")["components"]
                  if "excess baggage" in flat(str(c.get("conditions", {}).get("en", ""))))
    assert flat(excess["conditions"]["da"]["text"]).startswith("Til overvægt på bagagen")


def test_a_decimal_in_norwegian_and_danish_is_written_with_a_comma():
    description = texts(programme("no-trafficking-2012")["description"])
    assert "about 2.5 months" in description["en"]
    assert "om lag 2,5 måneder" in flat(description["nb"]) and "ca. 2,5 måneder" in flat(description["da"])
    points = [(where, m.group()) for where, text in nordic_texts()
              for m in re.finditer(r"\d\.\d+ (måneder|år|dager|dage|prosent|procent)", text)]
    assert points == []

"""What a household could get, on the shipped content and on rules made for the case: every amount
from the content times the household, ranges where the source allows more than one figure, and
"at least" or "amount not given" wherever a source is silent."""
from __future__ import annotations

import copy
import json
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from generator.cli import main
from generator.config import load_settings
from generator.model.catalogue import load_catalogue, select
from generator.model.estimate import Household, ProgrammeRules, Rule, apply
from generator.render.estimate import estimate_data, estimate_text
from generator.render.i18n import Language
from generator.render.views import Views


@pytest.fixture(scope="module")
def catalogue():
    return load_catalogue(load_settings(today=date(2026, 12, 1)))


@pytest.fixture(scope="module")
def trafficking_running(catalogue):
    """The catalogue with the trafficking programme still running, as the 2012 report describes it: its
    IOM contract ran "ut 2012" (ramboll-2012:3826), so today it is ended and not counted."""
    running = copy.deepcopy(catalogue)
    data = running.programmes["no-trafficking-2012"].data
    data["status"] = "active"
    del data["valid_to"]
    return running


def run(catalogue, code: str, household: Household, host: str = "NO", lang: str = "en") -> dict:
    country = select(catalogue, [code])[0]
    return estimate_data(catalogue, country, household, host, Views(catalogue, Language(lang)))


def programme(data: dict, pid: str) -> dict:
    return next(p for p in data["programmes"] if p["id"] == pid)


def test_the_trafficking_programme_whose_contract_ran_out_in_2012_is_not_counted_today(catalogue):
    trafficking = programme(run(catalogue, "NG", Household(1, 0, "victim_of_trafficking")), "no-trafficking-2012")
    assert not trafficking["counted"] and trafficking["not_counted_because"] == "ended"


def test_a_victim_of_trafficking_to_nigeria_gets_up_to_nok_35000_with_its_parts(trafficking_running):
    data = run(trafficking_running, "NG", Household(1, 0, "victim_of_trafficking"))
    trafficking = programme(data, "no-trafficking-2012")
    assert trafficking["counted"] and trafficking["currency"] == "NOK"
    assert (trafficking["total"]["low"], trafficking["total"]["high"]) == (5000, 35000)  # NOK 2 000 + 3 000 fixed
    assert trafficking["package"]["max_amount"] == 35000 and trafficking["package"]["per"] == "person"
    parts = {c["label"]: (c["low"], c["high"]) for c in trafficking["components"] if c["kind"] == "amount"}
    assert sorted(parts.values()) == [(0, 5000), (0, 25000), (2000, 2000), (3000, 3000)]
    assert all(c["source"] == "ramboll-2012" and c["as_of"] == "2012" for c in trafficking["components"])
    pair = next(p for p in data["together"] if set(p["programmes"]) == {"no-trafficking-2012", "no-varp-2012"})
    assert pair["together"] == "partly" and "paid by VARP" in pair["text"]


def test_without_the_group_the_trafficking_programme_is_not_counted(trafficking_running):
    trafficking = programme(run(trafficking_running, "NG", Household(1, 0)), "no-trafficking-2012")
    assert not trafficking["counted"] and trafficking["not_counted_because"] == "only for: victim of trafficking"


def test_a_family_to_iraq_gets_varp_tiers_at_least_once_and_irrini_without_an_amount(catalogue):
    data = run(catalogue, "IQ", Household(2, 3))
    varp, irrini = programme(data, "no-varp-2012"), programme(data, "no-irrini-2012")
    tiers = [c for c in varp["components"] if c["choice"] == "timing"]
    assert [(c["per"], c["count"], c["low"], c["high"]) for c in tiers] == [
        ("unclear", None, 20000, None), ("unclear", None, 15000, None), ("unclear", None, 10000, None)]
    assert varp["total"] == {"low": 10000, "high": None, "amount_given": True, "words": "at least NOK 10,000"}
    assert irrini["counted"] and irrini["total"]["words"] == "amount not given" and irrini["total"]["high"] is None
    assert {c["words"] for c in irrini["components"]} == {"amount not given"}
    pair = next(p for p in data["together"] if set(p["programmes"]) == {"no-irrini-2012", "no-varp-2012"})
    assert pair["together"] is None and pair["words"] == "not stated in the sources"


def test_one_person_to_iraq_gets_one_of_the_three_varp_tiers(catalogue):
    varp = programme(run(catalogue, "IQ", Household(1, 0)), "no-varp-2012")
    assert (varp["total"]["low"], varp["total"]["high"]) == (10000, 20000)
    assert varp["total"]["words"] == "NOK 10,000 to NOK 20,000"
    assert varp["converted"]["EUR"]["low"] < varp["converted"]["EUR"]["high"]


def test_programmes_of_another_host_country_are_listed_not_counted(catalogue):
    data = run(catalogue, "IQ", Household(1, 0), host="DK")
    counted = {p["id"] for p in data["programmes"] if p["counted"]}
    assert "no-varp-2012" not in counted and "dk-iraq-2012" in counted
    assert programme(data, "dk-prepared-return-2012")["not_counted_because"] in ("ended", "from another host country")


@pytest.mark.parametrize("code, household", [("NG", Household(1, 0, "victim_of_trafficking")), ("IQ", Household(2, 3)),
                                              ("AF", Household(1, 2, "unaccompanied_minor"))])
def test_text_and_json_say_the_same(catalogue, code, household):
    data = run(catalogue, code, household)
    views = Views(catalogue, Language("en"))
    text = estimate_text(data, views)
    for p in data["programmes"]:
        if p["counted"]:
            assert f"Total: {p['total']['words']}" in text
            assert all(f"{c['label']}: {c['words']}" in text for c in p["components"])
        else:
            assert f"{p['short_name']} ({p['not_counted_because']})" in text


# -- the arithmetic, on rules made for the case -------------------------------------------------------------
def rules(*made: Rule, package: dict | None = None) -> ProgrammeRules:
    return ProgrammeRules("p", "NO", "NOK", None, None, package, list(made))


def rule(per="person", low=100.0, high=100.0, kind="amount", months=1, conditional=False, choice=None, index=0) -> Rule:
    return Rule(index, kind, per, low, high, months, conditional, choice)


def test_amounts_per_adult_child_person_and_family_count_the_right_people():
    result = apply(rules(rule("adult"), rule("child"), rule("person"), rule("family"), rule("case")), Household(2, 3), "NO")
    assert [line.count for line in result.lines] == [2, 3, 5, 1, 1]
    assert (result.low, result.high) == (1200, 1200)


def test_a_monthly_amount_counts_its_months_and_without_months_stays_open():
    assert (apply(rules(rule(months=3)), Household(1, 0), "NO").high) == 300
    open_months = apply(rules(rule(months=None)), Household(1, 0), "NO")
    assert (open_months.low, open_months.high) == (100, None)


def test_a_condition_counts_from_zero_and_alternatives_from_their_lowest():
    result = apply(rules(rule(conditional=True), rule(low=50, high=50, choice="t"), rule(low=80, high=80, choice="t")),
                   Household(1, 0), "NO")
    assert (result.low, result.high) == (50, 180)


def test_an_unknown_part_opens_the_total_and_a_package_closes_it_again():
    unknown = rule(kind="unknown", low=0, high=None)
    assert apply(rules(rule(), unknown), Household(1, 0), "NO").high is None
    capped = apply(rules(rule(), unknown, package={"amount": 150, "per": "person"}), Household(2, 0), "NO")
    assert (capped.low, capped.high) == (200, 300)  # NOK 100 per person for two; the cap says 150 each at most


@given(adults=st.integers(0, 20), children=st.integers(0, 20), cap=st.integers(1, 10_000),
       per=st.sampled_from(["adult", "child", "person", "family", "case", "unclear"]))
def test_a_total_is_a_range_that_never_passes_its_cap(adults, children, cap, per):
    made = rules(rule(per), rule(per, 0, 500), rule(per, kind="unknown", low=0, high=None),
                 package={"amount": float(cap), "per": per})
    result = apply(made, Household(adults, children), "NO")
    assert result.low >= 0
    if result.high is not None:
        assert result.low <= result.high <= cap * max(adults + children, 1)


# -- the command ----------------------------------------------------------------------------------------------
def test_the_command_prints_the_json_it_computes(capsys):
    assert main(["estimate", "ng", "--group", "victim_of_trafficking", "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert programme(data, "no-trafficking-2012")["total"]["high"] == 35000


@pytest.mark.parametrize("args, said", [
    (["estimate", "ZZ"], "no country with code 'ZZ'"),
    (["estimate", "IQ", "--adults", "0"], "a household has at least one person"),
    (["estimate", "IQ", "--adults", "-1"], "is not a number of people from 0 to 50"),
    (["estimate", "IQ", "--host", "Norway"], "is not a country code such as NO or DK"),
])
def test_bad_arguments_get_one_plain_line(capsys, args, said):
    try:
        code = main(args)
    except SystemExit as stop:
        code = int(stop.code or 0)
    err = capsys.readouterr().err
    assert code != 0 and said in err and "Traceback" not in err

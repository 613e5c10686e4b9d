"""The words for every enum value and section a page or sheet shows, marked for translation; the
views translate them into the page's language."""
from __future__ import annotations

from .i18n import N_

PER = {"adult": N_("per adult"), "child": N_("per child"), "person": N_("per person"), "family": N_("per family"),
       "case": N_("per case"), "unclear": N_("per person or family (unclear in source)")}
TOGETHER = {"yes": N_("both can be received"), "no": N_("one or the other"), "partly": N_("partly"),
            None: N_("not stated in the sources")}  # a programme's `combines`: can both be received?
MODE = {"cash": N_("cash"), "in_kind": N_("in kind"), "mixed": N_("cash and in kind")}
PERIOD = {"one_off": N_("one-off"), "per_item": N_("per item"), "per_day": N_("per day"), "per_week": N_("per week"),
          "per_month": N_("per month"), "per_year": N_("per year"), "per_m2_per_month": N_("per m² per month")}
SECTION_TITLES = {"programmes": N_("Programmes and grant ceilings"), "organisations": N_("Support organisations"),
                  "shelters": N_("Shelters"), "job_services": N_("Job services"), "costs": N_("Typical costs"),
                  "notes": N_("Notes on return")}
SHORT_TITLES = {"programmes": N_("Programmes"), "organisations": N_("Organisations"), "shelters": N_("Shelters"),
                "job_services": N_("Jobs"), "costs": N_("Costs"), "notes": N_("Notes")}
# Every value of every enum in schemas/ that a page or sheet shows (tests/render/test_i18n.py checks none is missing).
LABELS = {
    # statuses and scopes
    "active": N_("active"), "ended": N_("ended"), "inactive": N_("inactive"), "unknown": N_("unknown"),
    "general": N_("general"), "country": N_("country"), "group": N_("group"),
    # organisation types
    "international_org": N_("international organisation"), "un_agency": N_("UN agency"), "ngo": N_("NGO"),
    "government": N_("government"), "faith_based": N_("faith-based"), "diaspora": N_("diaspora"),
    "private": N_("private"), "media": N_("media"), "other": N_("other"),
    # services and job-service types
    "return_counselling": N_("return counselling"), "reception_at_airport": N_("reception at airport"),
    "job_placement": N_("job placement"), "vocational_training": N_("vocational training"),
    "business_start_up": N_("business start-up"), "public_employment": N_("public employment service"),
    "family_tracing": N_("family tracing"), "anti_trafficking": N_("anti-trafficking"), "housing": N_("housing"),
    "medical": N_("medical"), "psychosocial": N_("psychosocial"), "legal": N_("legal aid"),
    "microfinance": N_("microfinance"), "education": N_("education"), "shelter": N_("shelter"),
    # target groups
    "all": N_("all"), "children": N_("children"), "families": N_("families"), "men": N_("men"), "women": N_("women"),
    "victims_of_trafficking": N_("victims of trafficking"), "unaccompanied_minors": N_("unaccompanied minors"),
    # legal statuses
    "any": N_("anyone"), "asylum_seeker": N_("asylum seeker"), "rejected_asylum_seeker": N_("rejected asylum seeker"),
    "irregular": N_("without legal residence"), "dublin_case": N_("Dublin case"),
    "refugee_with_permit": N_("refugee with a residence permit"), "victim_of_trafficking": N_("victim of trafficking"),
    "unaccompanied_minor": N_("unaccompanied minor"), "forced_returnee": N_("forced returnee"),
    # programme components
    "income_generating_activity": N_("income-generating activity"), "in_kind_reintegration": N_("in-kind reintegration"),
    "reintegration_cash": N_("reintegration cash"), "cash_allowance": N_("cash allowance"),
    "monthly_allowance": N_("monthly allowance"), "travel": N_("travel"), "counselling": N_("counselling"),
    # programme costs
    "per_returnee": N_("cost per returnee"), "per_participant": N_("cost per participant"), "budget": N_("budget"),
    "spent": N_("spent"),
    # phone types
    "voice": N_("phone"), "mobile": N_("mobile"), "fax": N_("fax"), "text": N_("text message"),
    "whatsapp": N_("WhatsApp"), "hotline": N_("hotline"),
    # cost categories
    "rent": N_("rent"), "food": N_("food"), "transport": N_("transport"), "health": N_("health"),
    "household": N_("household"), "business": N_("business"), "wages": N_("wages"),
    # note topics
    "return_agreement": N_("return agreement"), "forced_return": N_("forced return"), "reintegration": N_("reintegration"),
    "returnee_experience": N_("returnees' experience"), "statistics": N_("statistics"),
    # source types
    "official_host_country": N_("official (host country)"), "official_origin_country": N_("official (country of origin)"),
    "evaluation_report": N_("evaluation report"), "presentation": N_("presentation"),
    # sections
    "programmes": N_("programmes"), "organisations": N_("organisations"), "shelters": N_("shelters"),
    "job_services": N_("job services"), "costs": N_("costs"),
}
FRESHNESS = {"fs-none": N_("no dated figures"), "fs-old": N_("mostly stale"), "fs-mixed": N_("partly stale"),
             "fs-fresh": N_("current")}
STALE_KINDS = {"ceiling": N_("grant ceilings"), "cost": N_("costs"), "contact": N_("contacts and facts")}
FALLBACK_NOTE = N_("Not yet translated into %(language)s; shown in English.")
FALLBACK_MARK = N_("(in English)")
OUTDATED_NOTE = N_("This translation may be out of date: the English text changed after it was translated.")
OUTDATED_MARK = N_("(translation may be outdated)")
COMPACT_LEGEND = N_("EN: not yet translated into %(language)s; shown in English.")

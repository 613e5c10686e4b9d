"""Realistic synthetic content for benchmarks: N countries the size of a rich real sheet.

Each country refers to ~5 programmes with components (3 general, 2 of its own, `scope: country`), and has ~30
organisations, ~20 costs, ~15 sources and a few notes. The files go through the real validator,
so the benchmark measures the same path as real content.
"""
from __future__ import annotations

import random
import shutil
from pathlib import Path

import pycountry
import yaml

CURRENCIES = ["USD", "EUR", "NOK", "DKK", "SEK"]
SERVICES = ["return_counselling", "reception_at_airport", "housing", "medical", "psychosocial", "legal",
            "job_placement", "vocational_training", "business_start_up", "microfinance", "education"]
WORDS = ("support returnees counselling housing medical training business family office city region "
         "programme partner assistance arrival placement school clinic shelter women children youth").split()


def _sentence(rng: random.Random, words: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(words)).capitalize() + "."


def _programme(pid: str, funder: str, rng: random.Random, sources: list[str], scope: str = "general") -> dict:
    components = []
    currency = rng.choice(CURRENCIES)  # a programme pays in one currency (the validator checks it)
    for index in range(rng.randint(3, 5)):
        component = {"type": rng.choice(["reintegration_cash", "housing", "income_generating_activity", "medical"]),
                     "label": f"Component {index + 1}: {_sentence(rng, 3)}",
                     rng.choice(["amount", "max_amount"]): rng.randrange(500, 30000, 250),
                     "currency": currency, "per": rng.choice(["adult", "child", "family", "person"]),
                     "mode": rng.choice(["cash", "in_kind"]), "conditions": _sentence(rng, 14),
                     "source": rng.choice(sources), "page": rng.randint(1, 200)}
        components.append(component)
    return {"id": pid, "name": f"Programme {pid}", "short_name": pid.upper()[:20], "funder": funder,
            "implementer": "IOM", "scope": scope, "description": _sentence(rng, 40), "status": "active",
            "as_of": f"{rng.randint(2019, 2026)}", "source": sources[0], "page": 3, "components": components}


def _country(code: str, name: str, rng: random.Random, programmes: list[str], sources: list[str]) -> dict:
    def cite() -> dict:
        return {"source": rng.choice(sources), "page": rng.randint(1, 300)}

    organisations = [{"id": f"org-{i}", "name": f"{name} {_sentence(rng, 2)[:-1]} organisation {i}",
                      "type": rng.choice(["ngo", "international_org", "government"]), "description": _sentence(rng, 35),
                      "services": rng.sample(SERVICES, 3), "address": {"city": f"City {i % 7}"},
                      "contact": {"phones": [{"number": f"+{rng.randint(10, 999)} {rng.randint(100000, 9999999)}"}],
                                  "website": f"https://org-{i}.example.org/"},
                      "last_verified": f"{rng.randint(2018, 2025)}-{rng.randint(1, 12):02d}", **cite()} for i in range(30)]
    costs = []
    for i in range(20):
        cost = {"id": f"cost-{i}", "item": f"Item {i}: {_sentence(rng, 4)}", "category": rng.choice(["rent", "food", "business", "transport"]),
                "currency": rng.choice(CURRENCIES), "period": rng.choice(["per_month", "one_off"]), "place": f"City {i % 5}",
                "as_of": f"{rng.randint(2015, 2026)}", **cite()}
        if i % 3:
            cost["amount"] = rng.randrange(5, 2000)
        else:
            cost["min"], cost["max"] = sorted(rng.sample(range(5, 2000), 2))
        costs.append(cost)
    return {"country": {"code": code, "name": name, "languages": ["en"], "currency": "USD"},
            "last_reviewed": "2026-11-01", "summary": _sentence(rng, 50),
            "programmes": [{"programme": p, "note": _sentence(rng, 12), **cite()} for p in programmes],
            "organisations": organisations,
            "shelters": [{"id": "shelter-1", "name": "Shelter", "organisation": "org-1", "target_groups": ["women"],
                          "capacity": 20, "address": {"city": "City 1", "confidential": True}, "last_verified": "2024", **cite()}],
            "job_services": [{"id": f"job-{i}", "name": f"Job service {i}", "type": "job_placement",
                              "description": _sentence(rng, 25), "last_verified": "2023", **cite()} for i in range(5)],
            "costs": costs,
            "notes": [{"topic": "returnee_experience", "text": _sentence(rng, 30), "as_of": "2022", **cite()} for _ in range(5)]}


def write_content(target: Path, countries: int, seed: int = 1) -> Path:
    """A content tree at `target` with `countries` synthetic countries; returns `target`."""
    rng = random.Random(seed)
    project_content = Path(__file__).resolve().parent.parent / "content"
    if target.exists():
        shutil.rmtree(target)
    (target / "countries").mkdir(parents=True)
    (target / "programmes").mkdir()
    shutil.copy(project_content / "rates.yaml", target / "rates.yaml")
    real_sources = yaml.safe_load((project_content / "sources.yaml").read_text("utf-8"))["sources"]
    sources = [s for s in real_sources if s["id"] == "ecb-eurofxref"]
    codes = sorted(c.alpha_2 for c in pycountry.countries)[:countries]
    general = [f"gen-{i}" for i in range(3)]
    source_ids = [f"src-{i}" for i in range(max(15, countries * 15))]
    sources += [{"id": s, "title": f"Report {s}", "publisher": "Synthetic publisher", "published": "2024",
                 "type": "evaluation_report"} for s in source_ids]
    (target / "sources.yaml").write_text(yaml.safe_dump({"sources": sources}, allow_unicode=True), "utf-8")
    for pid in general:
        _dump(target / "programmes" / f"{pid}.yaml", _programme(pid, "NO", rng, source_ids[:15]))
    for index, code in enumerate(codes):
        own = [f"{code.lower()}-prog-{i}" for i in range(2)]
        mine = source_ids[index * 15:(index + 1) * 15] or source_ids[:15]
        for pid in own:
            _dump(target / "programmes" / f"{pid}.yaml", _programme(pid, "DK", rng, mine, scope="country"))
        name = getattr(pycountry.countries.get(alpha_2=code), "common_name", None) or pycountry.countries.get(alpha_2=code).name
        _dump(target / "countries" / f"{code.lower()}.yaml", _country(code, name, rng, general + own, mine))
    return target


def _dump(path: Path, data: dict) -> None:
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100), "utf-8")

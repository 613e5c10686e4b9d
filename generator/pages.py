"""Model -> Markdown pages under docs/ (real files, so any engine reading mkdocs.yml can build them)."""
from __future__ import annotations

from functools import partial
from pathlib import Path

from jinja2 import Environment, PackageLoader

from . import views
from .markup import front_matter, markdown_escape, render_markdown
from .model import SECTION_TITLES, Catalogue, Country

GENERATED_DIRS = ("countries", "programmes", "compare")
SHORT_TITLES = {"programmes": "Programmes", "organisations": "Organisations", "shelters": "Shelters",
                "job_services": "Jobs", "costs": "Costs", "notes": "Notes"}
TAGS_BY_CATEGORY = {"shelter": "shelter", "housing": "housing", "medical": "medical", "psychosocial": "psychosocial",
                    "job_placement": "job placement", "public_employment": "job placement",
                    "vocational_training": "training", "business_start_up": "business start-up",
                    "microfinance": "microfinance", "education": "education", "anti_trafficking": "anti-trafficking",
                    "return_counselling": "return counselling", "reception_at_airport": "reception at airport",
                    "legal": "legal aid", "family_tracing": "family tracing"}


def environment() -> Environment:
    env = Environment(loader=PackageLoader("generator", "templates"), autoescape=True,
                      trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True)
    env.filters.update(views.FILTERS)
    env.filters["markdown"] = render_markdown
    env.filters["mdescape"] = markdown_escape
    env.filters["front_matter"] = front_matter
    return env


def country_tags(country: Country) -> list[str]:
    """Service-category tags for search and the tags index."""
    categories = {s for o in country.section("organisations") for s in o.get("services", [])}
    categories |= {j["type"] for j in country.section("job_services")}
    if country.section("shelters"):
        categories.add("shelter")
    return sorted({TAGS_BY_CATEGORY[c] for c in categories if c in TAGS_BY_CATEGORY})


def render_pages(catalogue: Catalogue, report_url: str) -> dict[str, str]:
    """Every generated page as {path under docs/: Markdown text}."""
    env = environment()
    common = {"catalogue": catalogue, "settings": catalogue.settings, "per": views.PER, "mode": views.MODE,
              "period": views.PERIOD, "converted": partial(views.converted, catalogue), "eur": partial(views.eur, catalogue),
              "source_line": partial(views.source_line, catalogue), "freshness": views.freshness,
              "section_titles": SECTION_TITLES, "short_titles": SHORT_TITLES, "report_url": report_url}
    pages = {"index.md": env.get_template("index.md.j2").render(common),
             "tags.md": "---\ntitle: Services by tag\n---\n\n# Services by tag\n\nCountries by the kinds of service their organisations offer.\n\n<!-- material/tags -->\n"}
    country_template = env.get_template("country.md.j2")
    for country in catalogue.countries:
        country.citations.clear()
        pages[f"countries/{country.slug}.md"] = country_template.render(
            common, country=country, fresh=views.freshness(country), tags=country_tags(country),
            cite=views.cite)
    programme_template = env.get_template("programme.md.j2")
    for programme in catalogue.programmes.values():
        holder = Country("", {"country": {"code": "", "name": ""}})
        pages[f"programmes/{programme.slug}.md"] = programme_template.render(
            common, p=programme, owner=holder, cite=views.cite, sources_used=holder.numbered_sources)
    pages["countries/index.md"] = env.get_template("countries.md.j2").render(common)
    ordered = sorted(catalogue.programmes.values(), key=lambda p: (p.superseded_by is not None, p.data["funder"], p.name))
    pages["programmes/index.md"] = env.get_template("programmes.md.j2").render(common, programmes=ordered)
    ceilings = [(p, c) for p in ordered for c in p.components() if "amount" in c or "max_amount" in c]
    pages["compare/ceilings.md"] = env.get_template("ceilings.md.j2").render(common, rows=ceilings)
    costs = [(country, c) for country in catalogue.countries for c in country.section("costs")]
    pages["compare/costs.md"] = env.get_template("costs.md.j2").render(common, rows=costs)
    return pages


def write_pages(pages: dict[str, str], docs_dir: Path) -> tuple[int, int, int]:
    """Write pages whose text changed, delete generated pages that no longer exist.

    Unchanged files keep their mtime, so `mkdocs serve` and incremental builds see only real edits.
    Returns (written, unchanged, removed).
    """
    written = unchanged = removed = 0
    for relative, text in pages.items():
        target = docs_dir / relative
        if target.exists() and target.read_text("utf-8") == text:
            unchanged += 1
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        temporary = target.with_name(f".{target.name}.tmp")
        temporary.write_text(text, "utf-8")
        temporary.replace(target)
        written += 1
    wanted = {docs_dir / relative for relative in pages}
    for folder in GENERATED_DIRS:
        for stale in (docs_dir / folder).glob("*.md"):
            if stale not in wanted:
                stale.unlink()
                removed += 1
    return written, unchanged, removed

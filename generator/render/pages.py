"""Model -> Markdown pages under docs/ (real files, so any engine reading mkdocs.yml can build them)."""
from __future__ import annotations

from pathlib import Path
from typing import Any

from ..model.catalogue import Catalogue, Country
from ..model.factdiff import ChangeLog
from .changes import ChangeWords
from .bundle import BUNDLE
from .citations import SOURCES, Citations, page_root
from .estimate import page_data, script_json
from .glossary import PAGE as GLOSSARY, glossary_href
from .i18n import N_, Language, untranslated_on_page
from .passages import passages
from .templating import environment
from .views import Views

GENERATED_DIRS = ("countries", "programmes", "compare", "sources")
OFFLINE_ZIP = "offline/factsheets-offline.zip"  # the offline copy, at the first language's site root (site/offline.py)
TAGS_BY_CATEGORY = {"shelter": N_("shelter"), "housing": N_("housing"), "medical": N_("medical"),
                    "psychosocial": N_("psychosocial"), "job_placement": N_("job placement"),
                    "public_employment": N_("job placement"), "vocational_training": N_("training"),
                    "business_start_up": N_("business start-up"), "microfinance": N_("microfinance"),
                    "education": N_("education"), "anti_trafficking": N_("anti-trafficking"),
                    "return_counselling": N_("return counselling"), "reception_at_airport": N_("reception at airport"),
                    "legal": N_("legal aid"), "family_tracing": N_("family tracing")}


def country_tags(country: Country, lang: Language) -> list[str]:
    """Service-category tags for search and the tags index, in the page language."""
    categories = {s for o in country.section("organisations") for s in o.get("services", [])}
    categories |= {j["type"] for j in country.section("job_services")}
    if country.section("shelters"):
        categories.add("shelter")
    return sorted({lang.gettext(TAGS_BY_CATEGORY[c]) for c in categories if c in TAGS_BY_CATEGORY})


def render_pages(catalogue: Catalogue, report_url: str, lang: Language = Language("en"),
                 log: ChangeLog = ChangeLog(False)) -> dict[str, str]:
    """Every generated page in one language as {path under that language's docs folder: Markdown text};
    `log` is the recent history, for the pages' Changes sections."""
    views = Views(catalogue, lang)
    changes = ChangeWords(log, views)
    env = environment(views, trailing_newline=True)
    env.globals["report_url"] = report_url
    env.globals["estimate_json"] = lambda country, citations: script_json(page_data(
        catalogue, country, views, lambda fact: views.citing.target(citations.root, fact), views.programme_href))
    pages: dict[str, str] = {}

    def render(path: str, template: str, **values: Any) -> None:
        """One page, its citations linking relative to where it is served."""
        pages[path] = env.get_template(template).render(citations=Citations(page_root(path)), **values)

    root = "" if lang.code == catalogue.settings.languages[0] else "../"  # the first language's site
    render("index.md", "index.md.j2", bundle=f"pdf/{BUNDLE}", offline_zip=root + OFFLINE_ZIP)
    render("tags.md", "tags.md.j2")
    for country in catalogue.countries:
        render(f"countries/{country.slug}.md", "country.md.j2", country=country, fresh=views.freshness(country),
               tags=country_tags(country, lang), untranslated=untranslated_on_page(country, lang.code),
               changes=changes.for_page(country))
    for programme in catalogue.programmes.values():
        render(f"programmes/{programme.slug}.md", "programme.md.j2", p=programme, changes=changes.for_page(programme))
    render("countries/index.md", "countries.md.j2")
    ordered = sorted(catalogue.programmes.values(), key=lambda p: (p.superseded_by is not None, p.data["funder"], p.name))
    render("programmes/index.md", "programmes.md.j2", programmes=ordered)
    ceilings = [(p, c) for p in ordered for c in p.components() if "amount" in c or "max_amount" in c]
    render("compare/ceilings.md", "ceilings.md.j2", rows=ceilings, programmes=ordered)
    by_host = sorted((p for p in ordered if p.costs()), key=lambda p: views.host_rank(p.data["funder"]))
    render("compare/programme-costs.md", "programme_costs.md.j2", programmes=by_host)
    render("compare/costs.md", "costs.md.j2", rows=[(country, c) for country in catalogue.countries for c in country.section("costs")])
    pages = {path: views.glossary.mark(text, glossary_href(path)) for path, text in pages.items()}
    render(f"{GLOSSARY}.md", "glossary.md.j2")
    cited = passages(catalogue, lang)  # report text stays as written: no glossary marks in it
    render(f"{SOURCES}/index.md", "sources.md.j2", sources=[(sid, cited[sid]) for sid in catalogue.sources])
    for sid, source in catalogue.sources.items():
        render(f"{SOURCES}/{sid}.md", "source.md.j2", source=source, passages=cited[sid])
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

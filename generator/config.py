"""Settings with sensible defaults: site address from mkdocs.yml, the rest from [tool.factsheets] in pyproject.toml."""
from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path

import yaml

PROJECT_ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Settings:
    root: Path = PROJECT_ROOT
    content_dir: Path = PROJECT_ROOT / "content"
    docs_dir: Path = PROJECT_ROOT / "docs"
    site_dir: Path = PROJECT_ROOT / "site"
    # Plain-text copies of the cited reports, for checking `lines:` citations.
    reports_dir: Path = PROJECT_ROOT.parent / "shared" / "seeds"
    site_url: str = "https://reintegration-factsheets.github.io/factsheets/"
    repo_url: str = "https://github.com/reintegration-factsheets/factsheets"
    # Age in months after which a figure is marked stale, per kind of figure.
    stale_months: dict[str, int] = field(default_factory=lambda: {"ceiling": 12, "cost": 24, "contact": 24})
    today: date = field(default_factory=date.today)
    max_file_bytes: int = 1_000_000
    # Languages the site is built in: the first at the root, each other one under /<tag>/.
    languages: tuple[str, ...] = ("en", "nb", "da")

    def docs_for(self, lang: str) -> Path:
        """The Markdown folder of one language: docs/ for the first, docs-<tag>/ beside it for the others."""
        return self.docs_dir if lang == self.languages[0] else self.root / f"docs-{lang}"

    def mkdocs_config(self, lang: str) -> Path:
        return self.root / ("mkdocs.yml" if lang == self.languages[0] else f"mkdocs.{lang}.yml")


def load_settings(root: Path = PROJECT_ROOT, **overrides: object) -> Settings:
    """Defaults, then [tool.factsheets] in pyproject.toml, then environment, then explicit overrides."""
    settings = Settings(root=root, content_dir=root / "content", docs_dir=root / "docs", site_dir=root / "site",
                        reports_dir=root.parent / "shared" / "seeds")
    values: dict[str, object] = {}
    mkdocs_yml = root / "mkdocs.yml"
    if mkdocs_yml.exists():  # the site's address and repository are configured once, for MkDocs
        site = yaml.safe_load(mkdocs_yml.read_text("utf-8")) or {}
        values["site_url"] = site.get("site_url", settings.site_url)
        values["repo_url"] = (site.get("extra") or {}).get("repo_url", settings.repo_url)
    pyproject = root / "pyproject.toml"
    if pyproject.exists():
        table = tomllib.loads(pyproject.read_text("utf-8")).get("tool", {}).get("factsheets", {})
        for key, value in table.items():
            if key.endswith("_dir"):
                value = (root / str(value)).resolve()
            values[key] = value
    if "FACTSHEETS_REPORTS" in os.environ:
        values["reports_dir"] = Path(os.environ["FACTSHEETS_REPORTS"])
    if "FACTSHEETS_TODAY" in os.environ:
        values["today"] = date.fromisoformat(os.environ["FACTSHEETS_TODAY"])
    if "FACTSHEETS_SITE_URL" in os.environ:
        values["site_url"] = os.environ["FACTSHEETS_SITE_URL"]
    values.update(overrides)
    if "languages" in values:
        values["languages"] = tuple(values["languages"])  # type: ignore[arg-type]
    if "stale_months" in values:
        values["stale_months"] = {**settings.stale_months, **dict(values["stale_months"])}  # type: ignore[arg-type]
    return replace(settings, **values)  # type: ignore[arg-type]

"""Zensical, the maintained successor of MkDocs and Material for MkDocs, building the same pages.

Zensical reads mkdocs.yml, but it runs no hooks and merges an INHERIT's lists into the parent's
(the Norwegian site would get both navigations and six languages in its switcher). So each
language gets a config of its own, resolved here the way MkDocs resolves it, with the theme's
words and the folder to build into; Zensical runs once per language, in a process of its own.
What it does not do yet, and the workarounds, are listed in README ("Site engine").
"""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import yaml

from ..config import Settings
from ..problems import FactsheetsError
from .theme import theme_words

# Written into the project (Zensical's root is the config's folder) while Zensical runs, then removed.
CONFIG, THEME = ".zensical.{lang}.yml", ".zensical.{lang}.theme"
MKDOCS_ONLY = ("INHERIT", "hooks", "watch")
# Overrides of Material's own templates that Zensical's theme does not need: its search dialog is
# another one, already named for screen readers (our copy of Material's would break its header).
MATERIAL_ONLY_OVERRIDES = ("search.html",)


def merged(parent: dict, child: dict) -> dict:
    """MkDocs's INHERIT: mappings merged key by key, anything else (lists too) taken from the child."""
    both = dict(parent)
    for key, value in child.items():
        both[key] = merged(both[key], value) if isinstance(value, dict) and isinstance(both.get(key), dict) else value
    return both


def resolved(path: Path) -> dict:
    """A MkDocs config file with the files it inherits from, as MkDocs reads it."""
    config = yaml.safe_load(path.read_text("utf-8")) or {}
    parent = config.get("INHERIT")
    return merged(resolved(path.parent / parent), config) if parent else config


def zensical_config(settings: Settings, lang: str, site_dir: Path, theme: Path | None = None) -> dict:
    """One language's config for Zensical: its MkDocs config resolved, building into site_dir (with
    the theme overrides in `theme`, when given)."""
    config = {key: value for key, value in resolved(settings.mkdocs_config(lang)).items() if key not in MKDOCS_ONLY}
    config["site_dir"] = os.path.relpath(site_dir, settings.root)
    config["site_url"] = settings.site_url_for(lang)
    if theme:
        config["theme"] = {**config["theme"], "custom_dir": os.path.relpath(theme, settings.root)}
    config["extra"] = {**config.get("extra", {}), "words": theme_words(lang)}
    return config


def zensical_build(settings: Settings, lang: str, site_dir: Path) -> None:
    """A real Zensical build (strict) of one language's pages, already written, into site_dir."""
    if not site_dir.resolve().is_relative_to(settings.root.resolve()):
        raise FactsheetsError(f"Zensical builds only into a folder inside the project ({settings.root}); {site_dir} is not")
    path, theme = settings.root / CONFIG.format(lang=lang), settings.root / THEME.format(lang=lang)
    overrides = settings.root / resolved(settings.mkdocs_config(lang))["theme"]["custom_dir"]
    try:
        shutil.copytree(overrides, theme, ignore=shutil.ignore_patterns(*MATERIAL_ONLY_OVERRIDES), dirs_exist_ok=True)
        config = zensical_config(settings, lang, site_dir, theme)
        path.write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), "utf-8")
        run = subprocess.run([sys.executable, "-m", "zensical", "build", "--strict", "-f", str(path)],
                             cwd=settings.root, capture_output=True, text=True)
    finally:
        path.unlink(missing_ok=True)
        shutil.rmtree(theme, ignore_errors=True)
    if run.returncode != 0:
        said = (run.stderr.strip() or run.stdout.strip()).splitlines()[-3:]
        raise FactsheetsError(f"Zensical ({lang}) exited with {run.returncode}: {' / '.join(said) or 'no message'}", 1)

"""Zensical, the maintained successor of MkDocs and Material for MkDocs, building the same pages.

Zensical reads mkdocs.yml, but it runs no hooks and merges an INHERIT's lists into the parent's
(the Norwegian site would get both navigations and six languages in its switcher). So each
language gets a config of its own, resolved here the way MkDocs resolves it, with the theme's
words and the folder to build into; Zensical runs once per language, in a process of its own.
What it does not do yet, and the workarounds, are listed in README ("Site engine").
"""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import yaml

from ..config import Settings
from ..problems import FactsheetsError
from .theme import theme_words

CONFIG = ".zensical.{lang}.yml"  # written into the project (Zensical's root is the config's folder), then removed
MKDOCS_ONLY = ("INHERIT", "hooks", "watch")


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


def zensical_config(settings: Settings, lang: str, site_dir: Path) -> dict:
    """One language's config for Zensical: its MkDocs config resolved, building into site_dir."""
    config = {key: value for key, value in resolved(settings.mkdocs_config(lang)).items() if key not in MKDOCS_ONLY}
    config["site_dir"] = os.path.relpath(site_dir, settings.root)
    config["extra"] = {**config.get("extra", {}), "words": theme_words(lang)}
    return config


def zensical_build(settings: Settings, lang: str, site_dir: Path) -> None:
    """A real Zensical build (strict) of one language's pages, already written, into site_dir."""
    if not site_dir.resolve().is_relative_to(settings.root.resolve()):
        raise FactsheetsError(f"Zensical builds only into a folder inside the project ({settings.root}); {site_dir} is not")
    path = settings.root / CONFIG.format(lang=lang)
    path.write_text(yaml.safe_dump(zensical_config(settings, lang, site_dir), allow_unicode=True, sort_keys=False), "utf-8")
    try:
        run = subprocess.run([sys.executable, "-m", "zensical", "build", "--strict", "-f", str(path)],
                             cwd=settings.root, capture_output=True, text=True)
    finally:
        path.unlink(missing_ok=True)
    if run.returncode != 0:
        said = (run.stderr.strip() or run.stdout.strip()).splitlines()[-3:]
        raise FactsheetsError(f"Zensical ({lang}) exited with {run.returncode}: {' / '.join(said) or 'no message'}", 1)

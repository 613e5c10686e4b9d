"""What the MkDocs hook does: regenerate pages from content/ so `mkdocs serve` reloads on edits, and
give the theme overrides their words as config values.

An invalid edit logs the validator's messages and keeps the last good pages, so the server stays
up; a plain `mkdocs build` with invalid content fails.
"""
from __future__ import annotations

import logging
from pathlib import Path

from mkdocs.exceptions import PluginError

from ..config import load_settings
from ..problems import ConfigError, ContentError
from .generate import PAGES_WRITTEN, generate
from .theme import theme_words

log = logging.getLogger("mkdocs.plugins.factsheets")


def on_pre_build(config, serving: bool) -> None:
    """Regenerate the pages of the project whose mkdocs.yml is being built."""
    if config.get(PAGES_WRITTEN):
        return
    try:
        settings = load_settings(Path(config.config_file_path).parent)
    except ConfigError as error:
        raise PluginError(str(error)) from None
    try:
        _, (written, unchanged, removed) = generate(settings)
    except ContentError as error:
        for problem in error.problems:
            log.error(problem.text())
        message = f"{len(error.problems)} problem(s) in content; fix them (see above)"
        if serving:
            log.error(message + "; showing the last valid pages")
            return
        raise PluginError(message) from None
    log.info(f"factsheets: {written} page(s) written, {unchanged} unchanged, {removed} removed")


def with_words(config):
    """The theme overrides' words (`extra.words`) in the config's language, from the catalogues."""
    config["extra"]["words"] = theme_words(config["theme"]["language"])
    return config

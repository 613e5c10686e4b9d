"""What the MkDocs hook does: regenerate pages from content/ so `mkdocs serve` reloads on edits.

An invalid edit logs the validator's messages and keeps the last good pages, so the server stays
up; a plain `mkdocs build` with invalid content fails.
"""
from __future__ import annotations

import logging
from pathlib import Path

from mkdocs.exceptions import PluginError

from ..config import load_settings
from ..problems import ConfigError, ContentError
from ..render.i18n import Language
from .generate import PAGES_WRITTEN, generate

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


def with_catalogue(env, lang: str):
    """The theme's templates (overrides/) get `_()` from the same catalogues as the pages."""
    env.add_extension("jinja2.ext.i18n")
    env.install_gettext_callables(Language(lang).gettext, Language(lang).ngettext, newstyle=True,
                                  pgettext=Language(lang).pgettext)
    return env

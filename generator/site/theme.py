"""The words the theme overrides show, as `extra` values of each language's engine config.

The overrides (overrides/*.html) read them as plain data (`config.extra.words.report`), so any
engine that reads the config renders them: MkDocs gets them from hooks.py's on_config, Zensical
from the config that `zensical_build` writes. Both take them from the interface catalogues here.
"""
from __future__ import annotations

from ..render.i18n import Language, N_

WORDS = {
    "report": N_("Report an error on this page"),
    "report_note": N_("(opens a pre-filled issue; no account data is sent from this site)"),
    "feed": N_("Changes to the facts (Atom feed)"),
    "offline": N_("Download for offline use"),
    "offline_note": N_("(the whole site and every sheet in one zip file, to open without a connection)"),
    "report_email": N_("or send it by e-mail (no account needed)"),
    "search_none": N_("Nothing found for these words. Try another word, or look through the lists:"),
    "search_countries": N_("countries"),
    "search_programmes": N_("programmes"),
}


def theme_words(lang: str) -> dict[str, str]:
    """The overrides' words in one language, from its catalogue."""
    return {key: Language(lang).gettext(message) for key, message in WORDS.items()}


"""Names in the reader's language: a programme's name, who funds and runs it, who published a source.

Content gives them in English, or as a language map with the sources' own Norwegian or Danish name (or a
plain translation). A name shown in English on a Norwegian or Danish page is marked lang="en"."""
from __future__ import annotations

from typing import Any

from markupsafe import Markup

from ..content.fields import SOURCE
from ..model.catalogue import Programme
from .i18n import Language, localize


class Names:
    """The filters that show names in one language."""

    def __init__(self, lang: Language):
        self.lang = lang

    def plain(self, value: Any) -> str:
        """A name as plain text (a page title, an attribute, JSON): the translation, else the English."""
        return localize(value, self.lang.code).text

    def shown(self, value: Any) -> Markup:
        """A name as HTML: the translation; else, for a language map, the English marked as English on a page in
        another language (a plain string is a name as the source writes it, in whatever language that is)."""
        text = localize(value, self.lang.code)
        if isinstance(value, dict) and text.lang == SOURCE and self.lang.ui != SOURCE:
            return Markup('<span lang="en">{}</span>').format(text.text)
        return Markup("{}").format(text.text)

    def programme_name(self, programme: Programme) -> Markup:
        return self.shown(programme.data["name"])

    def programme_short(self, programme: Programme) -> Markup:
        """The abbreviation tables use, or the name where a programme has none."""
        short = programme.data.get("short_name")
        return Markup("{}").format(short) if short else self.programme_name(programme)

    def filters(self) -> dict[str, Any]:
        return {"name_text": self.shown, "plain_name": self.plain, "programme_name": self.programme_name,
                "programme_short": self.programme_short}

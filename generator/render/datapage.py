"""The Data page of each language: the published files, their licence and how to cite them (data.md)."""
from __future__ import annotations

from ..model.catalogue import Catalogue
from .i18n import Language
from .templating import environment
from .views import Views

LICENCE_URL = "https://creativecommons.org/licenses/by/4.0/"


def render_data_page(catalogue: Catalogue, lang: Language) -> str:
    """data.md, beside the data/ folder the site build writes: the page is /data/ and the files are in it."""
    views = Views(catalogue, lang)
    newest = max((str(c.data["last_reviewed"]) for c in catalogue.countries), default=None)
    return environment(views, trailing_newline=True).get_template("data.md.j2").render(
        licence_url=LICENCE_URL, data_url=f"{catalogue.settings.site_url}data/",
        reviewed=views.date(newest) if newest else "")

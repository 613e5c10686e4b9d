"""A sheet's pointers ("Full conditions: <address>#<anchor>") land on the item they stand for: every
anchor of every level of every shipped sheet, in every language, is an id on the built country page."""
from __future__ import annotations

import re

import pytest

from generator.config import PROJECT_ROOT, load_settings
from generator.content.validate import validate_content
from generator.model.catalogue import build_catalogue
from generator.render.i18n import INTERFACE, Language
from generator.render.sheet import sheet_levels

pytestmark = pytest.mark.slow  # reads the site built from the shipped content (tests/site/conftest.py)


def test_every_pointer_of_every_sheet_names_an_id_on_its_country_page(shipped_site):
    settings = load_settings(PROJECT_ROOT)
    catalogue = build_catalogue(validate_content(PROJECT_ROOT / "content", settings)[0], settings)
    site_url = settings.site_url.rstrip("/") + "/"
    checked, missing = 0, []
    for lang in INTERFACE:
        for country in catalogue.countries:
            for html in sheet_levels(catalogue, country, Language(lang)):
                for url, anchor in re.findall(r'<a class="pointer" href="([^"#]+)#([^"]+)">', html):
                    page = (shipped_site / url.removeprefix(site_url) / "index.html").read_text("utf-8")
                    checked += 1
                    if f'id="{anchor}"' not in page:
                        missing.append(f"{lang} {country.slug}: #{anchor}")
    assert checked > 100 and not missing, missing

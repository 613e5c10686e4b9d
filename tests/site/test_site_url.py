"""site_url, the one setting for the site's address: a build with another one uses it in every
language's pages, its sitemap and the offline copy's links back to the site."""
from __future__ import annotations

import zipfile

import pytest

from generator.site.build import build_site
from generator.site.offline import FOLDER, OFFLINE_ZIP
from project_support import make_project

pytestmark = pytest.mark.slow  # builds a site: `make test` runs it, `make test-fast` does not
ADDRESS = "https://counselling.example.org/fs/"


def test_a_build_with_another_site_url_uses_it_everywhere(tmp_path):
    project = make_project(tmp_path, countries=["ml"], site_url=ADDRESS)
    build_site(project, pdf=False)
    site = project.site_dir
    page = (site / "nb" / "countries" / "mali" / "index.html").read_text("utf-8")
    assert f'<link rel="canonical" href="{ADDRESS}nb/countries/mali/">' in page
    assert f"<loc>{ADDRESS}countries/mali/</loc>" in (site / "sitemap.xml").read_text("utf-8")
    with zipfile.ZipFile(site / OFFLINE_ZIP) as archive:
        copy = archive.read(f"{FOLDER}/nb/countries/mali/index.html").decode("utf-8")
    assert f'href="{ADDRESS}{OFFLINE_ZIP}"' in copy  # the copy cannot hold itself: its link goes to the site
    assert "reintegration-factsheets.github.io" not in page + copy

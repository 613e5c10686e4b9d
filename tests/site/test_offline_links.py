"""How the offline copy's pages differ from the online ones (generator/site/offline.py), on small examples."""
from __future__ import annotations

import json
import zipfile
from datetime import date

from generator.site.offline import FOLDER, OFFLINE_ZIP, offline_link, offline_page, write_offline_copy

ONLINE = "https://example.org/factsheets/"
FILES = {"index.html", "countries/index.html", "countries/mali/index.html", "nb/index.html",
         "nb/countries/mali/index.html", "pdf/mali.pdf", "js/offline-worker.js"}


def test_links_to_folders_name_their_index_file():
    assert offline_link("index.html", "countries/mali/", FILES, ONLINE) == "countries/mali/index.html"
    assert offline_link("countries/mali/index.html", "../", FILES, ONLINE) == "../index.html"
    assert offline_link("countries/mali/index.html", "../..", FILES, ONLINE) == "../../index.html"
    assert offline_link("index.html", ".", FILES, ONLINE) == "./index.html"
    assert offline_link("countries/mali/index.html", "../../nb/countries/mali/", FILES, ONLINE) == \
        "../../nb/countries/mali/index.html"


def test_files_in_the_copy_are_left_and_missing_ones_go_online():
    assert offline_link("countries/mali/index.html", "../../pdf/mali.pdf", FILES, ONLINE) == "../../pdf/mali.pdf"
    assert offline_link("nb/index.html", "../" + OFFLINE_ZIP, FILES, ONLINE) == ONLINE + OFFLINE_ZIP
    assert offline_link("index.html", "tags/", FILES, ONLINE) == ONLINE + "tags/"


def test_a_page_gets_the_worker_shim_and_keeps_anchors_and_other_hosts():
    html = ('<html lang="en"><head></head><body><a href="countries/mali/#costs">Mali</a>'
            '<a href="https://example.com/x/">out</a><a href="#top">top</a></body></html>')
    page = offline_page(html, "index.html", FILES, ONLINE, {})
    assert '<a href="countries/mali/index.html#costs">' in page
    assert '<a href="https://example.com/x/">' in page and '<a href="#top">' in page
    assert '<script src="js/offline-worker.js"></script>\n</head>' in page
    assert '<script src="../../js/offline-worker.js">' in offline_page(html, "countries/mali/index.html", FILES, ONLINE, {})


def test_a_page_of_the_copy_has_no_feed_link_which_would_make_material_fetch_a_sitemap_from_file():
    html = ('<html lang="nb"><head><link rel="alternate" type="application/atom+xml" href="../feed.xml" title="Endringer">\n'
            '<link rel="canonical" href="https://example.org/nb/"></head><body></body></html>')
    page = offline_page(html, "nb/index.html", FILES, ONLINE, {})
    assert "atom+xml" not in page and 'rel="canonical"' in page


def test_the_zip_holds_one_folder_with_the_search_index_as_a_script(tmp_path):
    site = tmp_path / "site"
    (site / "search").mkdir(parents=True)
    (site / "index.html").write_text('<html lang="en"><head></head><body>'
                                     '<span class="fs-size" data-file="offline/factsheets-offline.zip"></span></body></html>')
    index = {"config": {}, "docs": [{"location": "", "title": "Home"}, {"location": "countries/mali/#costs", "title": "Mali"}]}
    (site / "search" / "search_index.json").write_text(json.dumps(index))
    (site / ".factsheets-build").write_text("{}")
    write_offline_copy(site, ONLINE, ("en",), [OFFLINE_ZIP], date(2026, 12, 1))
    out = write_offline_copy(site, ONLINE, ("en",), [OFFLINE_ZIP], date(2026, 12, 1))  # a rebuild: no zip in the zip
    with zipfile.ZipFile(out) as archive:
        names = set(archive.namelist())
        script = archive.read(f"{FOLDER}/search/search_index.js").decode()
    assert names == {f"{FOLDER}/index.html", f"{FOLDER}/search/search_index.json", f"{FOLDER}/search/search_index.js"}
    locations = [doc["location"] for doc in json.loads(script.removeprefix("var __index = "))["docs"]]
    assert locations == ["index.html", "countries/mali/index.html#costs"]
    assert list(site.joinpath("offline").iterdir()) == [out]  # no temporary file left beside it

"""An incremental build gives the very site a full build gives, whatever was edited: each test builds,
edits, builds into site/ incrementally and into another folder from scratch, and compares every file."""
from __future__ import annotations

import difflib
import gzip
import os
import shutil
import time
from pathlib import Path

import pytest
from jinja2 import FileSystemLoader

from generator.render import i18n, templating
from generator.site.build import build_site
from project_support import make_project

pytestmark = pytest.mark.slow  # builds whole sites several times: `make test` runs it, `make test-fast` does not

CHANGED, ALL = "(changed pages)", "(all pages)"


def _content(path: Path) -> bytes:
    data = path.read_bytes()
    return gzip.decompress(data) if path.suffix == ".gz" else data  # a gzip header may hold the time it was written


def tree_differences(one: Path, other: Path, shown: int = 6) -> list[str]:
    """Every file that is in one tree only or differs between them, with the first differing lines."""
    files = {side: {p.relative_to(side) for p in side.rglob("*") if p.is_file()} for side in (one, other)}
    found = [f"only in {side}: {path}" for side, rest in ((one, other), (other, one))
             for path in sorted(files[side] - files[rest])]
    for path in sorted(files[one] & files[other]):
        a, b = _content(one / path), _content(other / path)
        if a != b:
            lines = difflib.unified_diff(a.decode(errors="replace").splitlines(),
                                         b.decode(errors="replace").splitlines(), lineterm="", n=0)
            found.append(f"differs: {path}\n    " + "\n    ".join(line[:200] for line in list(lines)[2:2 + shown]))
    return found


def assert_incremental_is_full(settings, tmp_path: Path, capsys, kind: str) -> None:
    """Build site/ incrementally and another folder from scratch; both trees must be identical."""
    capsys.readouterr()
    build_site(settings, pdf=False)
    assert kind in capsys.readouterr().out
    full = tmp_path / "full-site"
    build_site(settings, pdf=False, out=full, incremental=False)
    differences = tree_differences(settings.site_dir, full)
    assert not differences, f"{len(differences)} file(s) differ:\n" + "\n".join(differences[:12])


def replace(path: Path, old: str, new: str) -> None:
    text = path.read_text("utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), "utf-8")


@pytest.fixture
def built(tmp_path):
    """A project of three countries in English and Norwegian, built once."""
    settings = make_project(tmp_path, countries=["cm", "ml", "ug"], languages=("en", "nb"))
    build_site(settings, pdf=False)
    return settings


def test_the_comparison_finds_a_differing_file(tmp_path):
    for side in ("a", "b"):
        (tmp_path / side / "x").mkdir(parents=True)
        (tmp_path / side / "x" / "page.html").write_text(f"<p>same</p>\n<p>{side}</p>\n")
        (tmp_path / side / "x" / "map.xml.gz").write_bytes(gzip.compress(b"<urlset/>", mtime=ord(side)))
    (tmp_path / "a" / "extra.json").write_text("{}")
    differences = tree_differences(tmp_path / "a", tmp_path / "b")
    assert differences == [f"only in {tmp_path / 'a'}: extra.json",
                           "differs: x/page.html\n    @@ -2 +2 @@\n    -<p>a</p>\n    +<p>b</p>"]


def test_a_content_edit_rebuilds_changed_pages_and_keeps_tags_search_and_sitemap_whole(built, tmp_path, capsys):
    country = built.content_dir / "countries" / "cm.yaml"
    replace(country, "the National\n    Employment Fund", "the National Employment Fund (FNE)")
    assert_incremental_is_full(built, tmp_path, capsys, CHANGED)
    html = (built.site_dir / "countries" / "cameroon" / "index.html").read_text("utf-8")
    assert "FNE" in html and html.count('class="md-tag"') == 5 and html.count('href="../../tags/#') == 5


def test_an_edit_is_found_by_content_even_when_the_site_looks_newer(built, tmp_path, capsys):
    """A site copied or restored from a cache may have newer times than the pages edited since."""
    later = time.time() + 86400
    for path in built.site_dir.rglob("*"):
        os.utime(path, (later, later))
    replace(built.content_dir / "countries" / "ug.yaml", "summary:\n  en: >-\n", "summary:\n  en: >-\n    Edited.\n")
    assert_incremental_is_full(built, tmp_path, capsys, CHANGED)


def test_an_amount_edit_rebuilds_the_pages_that_show_it(built, tmp_path, capsys):
    replace(built.content_dir / "countries" / "ml.yaml", "amount: 3049", "amount: 3149")
    assert_incremental_is_full(built, tmp_path, capsys, CHANGED)
    assert "3,149" in (built.site_dir / "countries" / "mali" / "index.html").read_text("utf-8")


def test_a_new_organisation_with_a_new_service_tag(built, tmp_path, capsys):
    organisation = ("organisations:\n  - id: legal-aid-yaounde\n    name: Legal Aid Yaoundé\n    type: ngo\n"
                    "    services: [legal]\n    last_verified: 2015\n    source: ramboll-2012\n"
                    "    lines: \"1184-1218\"\n")
    replace(built.content_dir / "countries" / "cm.yaml", "organisations:\n", organisation)
    assert_incremental_is_full(built, tmp_path, capsys, ALL)
    assert "legal" in (built.site_dir / "tags.json").read_text("utf-8")


def test_a_config_edit(built, tmp_path, capsys):
    replace(built.root / "mkdocs.yml", "copyright: Facts from", "copyright: All facts from")
    assert_incremental_is_full(built, tmp_path, capsys, ALL)


def test_a_translation_edit(built, tmp_path, capsys, monkeypatch):
    locale = tmp_path / "locale"
    shutil.copytree(i18n.LOCALE_DIR, locale)
    monkeypatch.setattr(i18n, "LOCALE_DIR", locale)
    i18n.translations.cache_clear()
    try:
        build_site(built, pdf=False)  # the catalogues moved, unchanged: nothing to rebuild
        replace(locale / "nb" / "LC_MESSAGES" / "messages.po", 'msgstr "Meld fra om en feil på denne siden"',
                'msgstr "Si fra om en feil på denne siden"')
        i18n.translations.cache_clear()
        assert_incremental_is_full(built, tmp_path, capsys, ALL)
    finally:
        i18n.translations.cache_clear()
    assert "Si fra om en feil" in (built.site_dir / "nb" / "countries" / "mali" / "index.html").read_text("utf-8")


def test_a_template_edit(built, tmp_path, capsys, monkeypatch):
    templates = tmp_path / "templates"
    shutil.copytree(Path(templating.__file__).with_name("templates"), templates)
    monkeypatch.setattr(templating, "PackageLoader", lambda *_: FileSystemLoader(templates))
    heading = "# {{ name | mdescape }}\n"
    replace(templates / "country.md.j2", heading, heading + '\n<p class="fs-edited">Edited</p>\n')
    assert_incremental_is_full(built, tmp_path, capsys, CHANGED)
    assert "fs-edited" in (built.site_dir / "nb" / "countries" / "uganda" / "index.html").read_text("utf-8")

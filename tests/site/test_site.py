"""Building the site: real MkDocs (strict), real files, escaping, and never losing a good build."""
from __future__ import annotations

import hashlib
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from generator.problems import ContentError
from generator.site.build import build_site, mkdocs_build
from generator.site.generate import generate
from generator.content.fields import text_hash
from generator.content.yamlload import StrictLoader
from html_support import active_content
from project_support import make_project

pytestmark = pytest.mark.slow  # builds whole sites: `make test` runs it, `make test-fast` does not


def tree_hash(folder: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        digest.update(str(path.relative_to(folder)).encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


@pytest.fixture
def project(tmp_path):
    return make_project(tmp_path)


def test_build_writes_real_markdown_files_and_a_strict_mkdocs_site(project):
    build_site(project, pdf=False)
    pages = project.docs_dir
    assert (pages / "countries" / "cameroon.md").read_text().startswith("---\ntitle: \"Cameroon\"")
    for page in ["index.html", "countries/cameroon/index.html", "compare/ceilings/index.html",
                 "compare/costs/index.html", "programmes/index.html", "programmes/dk-prepared-return-2012/index.html"]:
        assert (project.site_dir / page).is_file(), page
    html = (project.site_dir / "countries/cameroon/index.html").read_text()
    assert "USD 150" in html and "fs-stale" in html  # the Danish subsistence allowance, dated 2012
    assert "Report an error on this page" in html


def test_an_unchanged_page_is_not_rewritten(project):
    generate(project)
    page = project.docs_dir / "countries" / "cameroon.md"
    before = page.stat().st_mtime_ns
    _, (written, unchanged, removed) = generate(project)
    assert (written, removed) == (0, 0) and unchanged > 0
    assert page.stat().st_mtime_ns == before


def test_a_removed_country_removes_its_page(project):
    generate(project)
    (project.content_dir / "countries" / "cm.yaml").unlink()
    _, (_, _, removed) = generate(project)
    assert removed >= 1 and not (project.docs_dir / "countries" / "cameroon.md").exists()


def test_invalid_content_fails_the_build_and_leaves_the_previous_site_identical(project):
    build_site(project, pdf=False)
    before = tree_hash(project.site_dir)
    country = project.content_dir / "countries" / "cm.yaml"
    country.write_text(country.read_text().replace("currency: XAF", "currency: kroner"))
    with pytest.raises(ContentError, match="site/ was left as it was") as refused:
        build_site(project, pdf=False)
    problems = "\n".join(problem.text() for problem in refused.value.problems)
    assert re.search(r"cm\.yaml:\d+:\d+: country\.currency: must be a 3-letter ISO 4217 code", problems)
    assert tree_hash(project.site_dir) == before


def test_plain_mkdocs_build_runs_the_hook_and_reports_invalid_content(project):
    mkdocs = [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(project.root / "mkdocs.yml")]
    ok = subprocess.run(mkdocs, capture_output=True, text=True, cwd=project.root)
    assert ok.returncode == 0, ok.stderr
    assert (project.root / "site" / "countries" / "cameroon" / "index.html").exists()
    country = project.content_dir / "countries" / "cm.yaml"
    country.write_text(country.read_text().replace("last_reviewed: 2026-11-22", "last_reviewed: 2026-13-40"))
    failed = subprocess.run(mkdocs, capture_output=True, text=True, cwd=project.root)
    assert failed.returncode != 0
    assert "cm.yaml" in failed.stderr and "last_reviewed" in failed.stderr


def test_the_build_tells_the_hook_the_pages_are_written_so_mkdocs_does_not_validate_again(project, tmp_path):
    generate(project)
    country = project.content_dir / "countries" / "cm.yaml"
    country.write_text(country.read_text().replace("last_reviewed: 2026-11-22", "last_reviewed: 2026-13-40"))
    mkdocs_build(project, tmp_path / "out")  # the hook would fail on the invalid date if it ran
    assert (tmp_path / "out" / "countries" / "cameroon" / "index.html").exists()


HOSTILE = [
    "<script>alert('x')</script>",
    '<img src=x onerror="alert(1)">',
    "[click](javascript:alert(1))",
    "<iframe src='https://evil.example'></iframe>",
    '"><svg onload=alert(1)>',
]


@pytest.mark.parametrize("payload", HOSTILE)
def test_hostile_text_in_content_is_shown_as_text_never_as_markup(tmp_path, payload):
    project = make_project(tmp_path, countries=["cm"])
    country = project.content_dir / "countries" / "cm.yaml"
    data = yaml.load(country.read_text(), Loader=StrictLoader)
    data["summary"] = payload
    data["organisations"][0]["name"] = payload
    data["organisations"][0]["description"] = {"en": payload, "nb": {"text": payload, "from_en": text_hash(payload)}}
    data["job_services"][0]["requirements"].append(payload)
    country.write_text(yaml.safe_dump(data, allow_unicode=True))
    if "javascript:" in payload:  # the validator refuses unsafe links outright
        with pytest.raises(ContentError):
            build_site(project, pdf=False)
        return
    build_site(project, pdf=False)
    for page in ("countries/cameroon/index.html", "nb/countries/cameroon/index.html"):  # the translation too
        html = (project.site_dir / page).read_text()
        assert active_content(html) == []
        assert "&lt;" in html  # shown to the reader as text


def test_the_active_content_check_catches_real_markup():
    assert active_content('<p><img src=x onerror="alert(1)"></p><a href="javascript:x()">a</a><iframe></iframe>') != []
    assert active_content("<p>&lt;img src=x onerror=alert(1)&gt;</p>") == []


def indexed_pages(site: Path) -> set[str]:
    docs = json.loads((site / "search" / "search_index.json").read_text())["docs"]
    return {d["location"].split("#")[0] for d in docs}


def test_editing_one_country_rebuilds_only_its_pages_and_keeps_search_complete(project, capsys):
    build_site(project, pdf=False)
    full_index = indexed_pages(project.site_dir)
    other = project.site_dir / "countries" / "mali" / "index.html"
    other_mtime = other.stat().st_mtime_ns
    country = project.content_dir / "countries" / "cm.yaml"
    country.write_text(country.read_text().replace("National Employment Fund (Ministry", "National Employment Fund (FNE; Ministry"))
    build_site(project, pdf=False)
    assert "(changed pages)" in capsys.readouterr().out
    assert "FNE; Ministry" in (project.site_dir / "countries" / "cameroon" / "index.html").read_text()
    assert other.stat().st_mtime_ns == other_mtime
    assert indexed_pages(project.site_dir) == full_index


def test_a_new_country_rebuilds_every_page_so_navigation_stays_right(project, capsys):
    build_site(project, pdf=False)
    (project.content_dir / "countries" / "ml.yaml").unlink()
    build_site(project, pdf=False)
    assert "(all pages)" in capsys.readouterr().out
    assert "countries/mali/" not in indexed_pages(project.site_dir)
    assert not (project.site_dir / "countries" / "mali").exists()

"""The Changes section and the Atom feeds, from a real git history of a copy of the project: a committed
change shows on the country page and as a feed entry, a copy without history or a shallow clone still builds."""
from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import feedparser
import pytest

from generator.config import Settings
from generator.content.history import read_history
from generator.site.generate import generate
from project_support import make_project

HOSTILE = 'Aid & "Care" <b>Bamako</b>'


def git(root: Path, *args: str, date: str = "2026-11-20T10:00:00+00:00") -> str:
    env = {**os.environ, "GIT_AUTHOR_DATE": date, "GIT_COMMITTER_DATE": date, "GIT_AUTHOR_NAME": "editor",
           "GIT_AUTHOR_EMAIL": "editor@example.org", "GIT_COMMITTER_NAME": "editor",
           "GIT_COMMITTER_EMAIL": "editor@example.org"}
    return subprocess.run(["git", *args], cwd=root, env=env, capture_output=True, text=True, check=True).stdout


def edit_mali(project: Settings) -> None:
    """The shop rent's upper figure goes from 77 to 90 and an organisation with a hostile name is added."""
    mali = project.content_dir / "countries" / "ml.yaml"
    text = mali.read_text("utf-8").replace("    max: 77\n", "    max: 90\n", 1)
    text = text.replace("organisations:\n", f"organisations:\n  - id: test-aid\n    name: '{HOSTILE}'\n"
                        "    type: ngo\n    last_verified: 2012\n    source: ramboll-2012\n    lines: \"2318-2321\"\n", 1)
    mali.write_text(text, "utf-8")


@pytest.fixture
def history_project(tmp_path: Path) -> Settings:
    """A copy of the project with two commits: everything, then the edit of Mali's facts."""
    project = make_project(tmp_path, countries=["ml", "cm"])
    git(project.root, "init", "-q", "-b", "main")
    git(project.root, "add", "-A")
    git(project.root, "commit", "-qm", "Content as shipped", date="2026-11-01T09:00:00+00:00")
    edit_mali(project)
    git(project.root, "commit", "-qam", "Content: Mali's shop rent")
    return project


def changes_section(markdown: str) -> str:
    return markdown.split("{ #changes }", 1)[1]


@pytest.mark.slow
def test_a_committed_change_is_on_the_country_page_and_an_entry_of_each_feed(history_project: Settings):
    root = history_project.root
    build = subprocess.run([sys.executable, "-m", "generator", "build", "--no-pdf"], cwd=root, capture_output=True,
                           text=True, env={**os.environ, "FACTSHEETS_SITE_URL": "https://example.org/sheets/"})
    assert build.returncode == 0, build.stderr
    page = (root / "site" / "countries" / "mali" / "index.html").read_text("utf-8")
    changes = page.split('id="changes"', 1)[1]
    assert "Shop rent on the long main road, Bamako: EUR 40 to EUR 77 → EUR 40 to EUR 90" in changes
    assert "20 November 2026" in changes and "Organisation added: Aid &amp; &#34;Care&#34; &lt;b&gt;Bamako&lt;/b&gt;" in changes
    assert '<link rel="alternate" type="application/atom+xml" href="../../feed.xml"' in page
    norwegian = (root / "site" / "nb" / "countries" / "mali" / "index.html").read_text("utf-8")
    assert "Endringer" in norwegian and "20. november 2026" in norwegian.split('id="changes"')[1]
    for prefix, code in (("", "en"), ("nb/", "nb"), ("da/", "da")):
        feed = feedparser.parse((root / "site" / prefix / "feed.xml").read_bytes())
        assert feed.bozo == 0 and feed.version == "atom10", (code, feed.get("bozo_exception"))
        assert feed.feed.id == f"https://example.org/sheets/{prefix}feed.xml"
        [entry] = [e for e in feed.entries if "mali" in e.link]
        assert entry.link == f"https://example.org/sheets/{prefix}countries/mali/#changes"
        assert entry.updated == "2026-11-20T10:00:00+00:00" and entry.id.endswith(git(root, "rev-parse", "HEAD").strip())
        listing = entry.content[0].value  # the entry's HTML: the name in it is text, not markup
        assert '<li>Organisation added: Aid &amp; "Care" &lt;b&gt;Bamako&lt;/b&gt;' in listing or code != "en"
        assert "<b>" not in listing and re.search(r"\b77\b[^<]*→[^<]*\b90\b", listing)
    english = feedparser.parse((root / "site" / "feed.xml").read_bytes())
    assert english.entries[0].title == ("Mali: Shop rent on the long main road, Bamako: EUR 40 to EUR 77 → "
                                        "EUR 40 to EUR 90 and 1 more change")


@pytest.mark.slow
def test_a_copy_without_git_history_builds_and_says_so(tmp_path: Path):
    project = make_project(tmp_path, countries=["ml"])
    build = subprocess.run([sys.executable, "-m", "generator", "build", "--no-pdf"], cwd=project.root,
                           capture_output=True, text=True)
    assert build.returncode == 0, build.stderr
    page = (project.root / "site" / "da" / "countries" / "mali" / "index.html").read_text("utf-8")
    assert "Ingen ændringshistorik er tilgængelig" in page.split('id="changes"')[1]
    feed = feedparser.parse((project.root / "site" / "feed.xml").read_bytes())
    assert feed.bozo == 0 and feed.version == "atom10" and feed.entries == []


def test_a_shallow_clone_has_part_of_the_history_and_the_pages_say_so(history_project: Settings, tmp_path: Path):
    clone = tmp_path / "shallow"
    git(tmp_path, "clone", "-q", "--depth", "1", f"file://{history_project.root}", str(clone))
    history = read_history(clone, 40)
    assert history.available and history.shallow and history.commits == []  # its one commit has no parent here
    full = read_history(history_project.root, 40)
    assert [list(c.new) for c in full.commits] == [["content/countries/ml.yaml"]]  # the first commit added everything


def test_the_pages_list_the_change_newest_first_in_every_language(history_project: Settings):
    generate(history_project)
    english = changes_section((history_project.docs_dir / "countries" / "mali.md").read_text("utf-8"))
    assert english.index("Organisation added") < english.index("</ul>")
    assert "EUR 40 to EUR 77 → EUR 40 to EUR 90" in english
    danish = changes_section((history_project.root / "docs-da" / "countries" / "mali.md").read_text("utf-8"))
    assert 'Organisation tilføjet: <span lang="en">Aid &amp; &#34;Care&#34; &lt;b&gt;Bamako&lt;/b&gt;</span>' in danish
    assert "20. november 2026" in danish
    cameroon = changes_section((history_project.docs_dir / "countries" / "cameroon.md").read_text("utf-8"))
    assert "No changes to these facts in the recent history." in cameroon


def test_a_programme_ceiling_change_is_on_its_page_on_the_countries_showing_it_and_in_the_feed(history_project: Settings):
    varp = history_project.content_dir / "programmes" / "no-varp-2012.yaml"
    varp.write_text(varp.read_text("utf-8").replace("    amount: 20000\n", "    amount: 25000\n", 1), "utf-8")
    git(history_project.root, "commit", "-qam", "Content: VARP's highest tier", date="2026-12-01T08:00:00+00:00")
    generate(history_project)
    programme = changes_section((history_project.docs_dir / "programmes" / "no-varp-2012.md").read_text("utf-8"))
    assert "Reintegration support, highest tier: NOK 20,000 → NOK 25,000" in programme
    assert "1 December 2026" in programme and "Shop rent" not in programme
    norwegian = changes_section((history_project.root / "docs-nb" / "programmes" / "no-varp-2012.md").read_text("utf-8"))
    assert re.search(r"Reintegreringsstøtte, høyeste sats: kr\s20\s000 → kr\s25\s000", norwegian)
    # VARP is a general programme: every country page shows it, and its change
    for page in ("mali", "cameroon"):
        country = changes_section((history_project.docs_dir / "countries" / f"{page}.md").read_text("utf-8"))
        assert "VARP: Reintegration support, highest tier: NOK 20,000 → NOK 25,000" in country
    mali = changes_section((history_project.docs_dir / "countries" / "mali.md").read_text("utf-8"))
    assert mali.index("1 December 2026") < mali.index("VARP:") < mali.index("20 November 2026") < mali.index("Shop rent")
    feed = feedparser.parse((history_project.docs_dir / "feed.xml").read_bytes())
    assert feed.bozo == 0 and feed.version == "atom10"
    newest = feed.entries[0]
    assert newest.link == "https://reintegration-factsheets.github.io/factsheets/programmes/no-varp-2012/#changes"
    assert newest.title.startswith("Voluntary Assisted Return Programme (general programme, as of 2012): ")
    assert [e.link.split("/")[-2] for e in feed.entries] == ["no-varp-2012", "mali"]

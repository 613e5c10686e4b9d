"""Write the rendered pages of every language into its docs folder, for MkDocs to build.

Used by `factsheets build` before it runs MkDocs, and by the MkDocs hook when MkDocs runs alone
(`mkdocs serve` regenerates the pages on every edit).
"""
from __future__ import annotations

import shutil
from pathlib import Path
from urllib.parse import urlencode

from ..config import Settings
from ..content.history import read_history
from ..model.catalogue import Catalogue, load_catalogue
from ..model.factdiff import ChangeLog, change_log
from ..render.datapage import render_data_page
from ..render.i18n import Language
from ..render.pages import render_pages, write_pages
from .feed import write_feed
from .publish import publish

ASSET_DIRS = ("css", "js")
CACHE = ".cache/history.json"  # the data of commits already read (content/history.py)
# Set in the MkDocs config by `factsheets build`, which writes the pages before it runs MkDocs: a
# plain `mkdocs build` or `mkdocs serve` has no such key, and the hook writes them itself.
PAGES_WRITTEN = "factsheets_pages_written"


def report_url(settings: Settings, title: str = "Error on the fact-sheet site") -> str:
    """A pre-filled issue in the repository: the error channel, never a tracker."""
    return f"{settings.repo_url.rstrip('/')}/issues/new?" + urlencode({"title": title, "labels": "content"})


def copy_assets(settings: Settings, docs: Path) -> None:
    """The site's own CSS and JavaScript into another language's docs folder (only files that changed,
    so unchanged ones keep their mtime for incremental builds)."""
    for folder in ASSET_DIRS:
        for source in sorted((settings.docs_dir / folder).rglob("*")):
            target = docs / source.relative_to(settings.docs_dir)
            if source.is_file() and not (target.exists() and target.read_bytes() == source.read_bytes()):
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(source, target)


def recent_changes(settings: Settings) -> ChangeLog:
    """The fact changes of the last `history_commits` commits to the content folder (none without git history)."""
    try:
        content = settings.content_dir.relative_to(settings.root).as_posix()
    except ValueError:
        return ChangeLog(False)  # content kept outside the project: not its history
    return change_log(read_history(settings.root, settings.history_commits, settings.root / CACHE, content))


def generate(settings: Settings) -> tuple[Catalogue, tuple[int, int, int]]:
    """Validate and write the Markdown pages of every language into its docs folder (only the ones whose text
    changed), with the Data page and the open data beside them (see publish.py)."""
    catalogue = load_catalogue(settings)
    log = recent_changes(settings)
    counts = [0, 0, 0]
    for code in settings.languages:
        docs = settings.docs_for(code)
        if docs != settings.docs_dir:
            copy_assets(settings, docs)
        pages = render_pages(catalogue, report_url(settings), Language(code), log)
        pages["data.md"] = render_data_page(catalogue, Language(code))
        for index, count in enumerate(write_pages(pages, docs)):
            counts[index] += count
        publish(catalogue, settings, docs)
        write_feed(catalogue, log, settings, code, docs)
    return catalogue, (counts[0], counts[1], counts[2])

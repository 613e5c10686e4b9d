"""The whole pipeline: validate -> model -> pages -> sheets -> MkDocs, replacing site/ only on success."""
from __future__ import annotations

import logging
import shutil
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlencode

from .config import Settings
from .model import Catalogue, build_catalogue
from .pages import render_pages, write_pages
from .problems import ContentError
from .validate import validate_content

log = logging.getLogger("factsheets")


def report_url(settings: Settings, title: str = "Error on the fact-sheet site") -> str:
    """A pre-filled issue in the repository: the error channel, never a tracker."""
    return f"{settings.repo_url.rstrip('/')}/issues/new?" + urlencode({"title": title, "labels": "content"})


def load_catalogue(settings: Settings) -> Catalogue:
    """Validated content as a model; raises ContentError listing every problem."""
    content, problems = validate_content(settings.content_dir, settings)
    if problems:
        raise ContentError(problems)
    return build_catalogue(content, settings)


def generate(settings: Settings) -> tuple[Catalogue, tuple[int, int, int]]:
    """Validate and write the Markdown pages into docs/ (only the ones whose text changed)."""
    catalogue = load_catalogue(settings)
    counts = write_pages(render_pages(catalogue, report_url(settings)), settings.docs_dir)
    return catalogue, counts


def mkdocs_build(settings: Settings, site_dir: Path, strict: bool = True) -> None:
    """A real MkDocs build of the pages already in docs/ into site_dir."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    from . import mkdocs_hook

    mkdocs_hook.SKIP = True  # pages are already generated; the hook only serves `mkdocs serve`
    try:
        config = load_config(str(settings.root / "mkdocs.yml"), site_dir=str(site_dir), strict=strict)
        config.plugins.on_startup(command="build", dirty=False)
        try:
            build(config)
        finally:
            config.plugins.on_shutdown()
    finally:
        mkdocs_hook.SKIP = False


def build_site(settings: Settings, pdf: bool = True, out: Path | None = None) -> int:
    """Build everything into a temporary folder and swap it in for site/ only when all succeeded."""
    started = time.perf_counter()
    site_dir = out or settings.site_dir
    try:
        catalogue, (written, unchanged, removed) = generate(settings)
    except ContentError as error:
        for problem in error.problems:
            print(problem.text(), file=sys.stderr)
        print(f"{len(error.problems)} problem(s); site/ was left as it was.", file=sys.stderr)
        return 1
    print(f"pages: {written} written, {unchanged} unchanged, {removed} removed", file=sys.stderr)
    sheets = 0
    if pdf:
        from .sheets import render_sheets

        sheets = len(render_sheets(catalogue, settings.docs_dir / "pdf"))
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".site-", dir=site_dir.parent))
    try:
        mkdocs_build(settings, staging)
    except BaseException as error:  # noqa: BLE001 - any failure must leave site/ untouched
        shutil.rmtree(staging, ignore_errors=True)
        print(f"MkDocs build failed ({type(error).__name__}: {error}); site/ was left as it was.", file=sys.stderr)
        return 1
    previous = site_dir.with_name(f".{site_dir.name}-previous")
    shutil.rmtree(previous, ignore_errors=True)
    if site_dir.exists():
        site_dir.replace(previous)
    staging.replace(site_dir)
    shutil.rmtree(previous, ignore_errors=True)
    print(f"built {len(catalogue.countries)} countries, {len(catalogue.programmes)} programmes and {sheets} sheets "
          f"into {site_dir} in {time.perf_counter() - started:.1f} s")
    return 0

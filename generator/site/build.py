"""The whole pipeline: validate -> model -> pages -> sheets -> MkDocs, replacing site/ only on success."""
from __future__ import annotations

import logging
import shutil
import sys
import tempfile
import time
from pathlib import Path

from ..config import Settings
from ..problems import ContentError
from ..render.i18n import Language
from .generate import PAGES_WRITTEN, generate
from .incremental import MANIFEST, SEARCH_INDEX, merge_search_index, site_manifest


class _DropDirtyWarning(logging.Filter):
    """MkDocs warns that dirty builds may get navigation wrong; ours are dirty only when the
    navigation, front matter and theme are unchanged, so the warning must not fail --strict."""

    def filter(self, record: logging.LogRecord) -> bool:
        return "'dirty' build" not in record.getMessage()


def mkdocs_build(settings: Settings, site_dir: Path, strict: bool = True, dirty: bool = False, lang: str | None = None) -> None:
    """A real MkDocs build of one language's pages, already written, into site_dir (dirty: changed pages only)."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    build_log = logging.getLogger("mkdocs.commands.build")
    quiet = _DropDirtyWarning()
    build_log.addFilter(quiet)
    try:
        config_file = settings.mkdocs_config(lang or settings.languages[0])
        config = load_config(str(config_file), site_dir=str(site_dir), strict=strict)
        config[PAGES_WRITTEN] = True  # the hook need not generate them again
        config.plugins.on_startup(command="build", dirty=dirty)
        try:
            build(config, dirty=dirty)
        finally:
            config.plugins.on_shutdown()
    finally:
        build_log.removeFilter(quiet)


def build_site(settings: Settings, pdf: bool = True, out: Path | None = None, incremental: bool = True) -> int:
    """Build everything into a temporary folder and swap it in for site/ only when all succeeded.

    When the navigation and layout are unchanged since the last build (see site_manifest), the
    temporary folder starts as a copy of site/ and MkDocs rebuilds only the edited pages.
    """
    started = time.perf_counter()
    site_dir = out or settings.site_dir
    try:
        catalogue, (written, unchanged, removed) = generate(settings)
    except ContentError as error:
        for problem in error.problems:
            print(problem.text(), file=sys.stderr)
        print(f"{len(error.problems)} problem(s); site/ was left as it was.", file=sys.stderr)
        return 1
    except Exception as error:  # noqa: BLE001 - a crash while rendering must leave site/ untouched too
        print(f"Writing the pages failed ({type(error).__name__}: {error}); site/ was left as it was.", file=sys.stderr)
        return 1
    print(f"pages: {written} written, {unchanged} unchanged, {removed} removed", file=sys.stderr)
    sheets = 0
    if pdf:
        from ..render.pdf import render_sheet_sets

        try:
            sets = {Language(code): settings.docs_for(code) / "pdf" for code in settings.languages}
            sheets = len(render_sheet_sets(catalogue, sets))
        except Exception as error:  # noqa: BLE001 - a failed sheet must leave site/ untouched
            print(f"Printing the sheets failed ({error}); site/ was left as it was.", file=sys.stderr)
            return 1
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".site-", dir=site_dir.parent))
    manifest = site_manifest(settings)
    stamp = site_dir / MANIFEST
    dirty = incremental and stamp.exists() and stamp.read_text("utf-8") == manifest
    try:
        if dirty:
            shutil.copytree(site_dir, staging, dirs_exist_ok=True)  # copy2 keeps mtimes: MkDocs skips unedited pages
        for code in settings.languages:
            into = staging if code == settings.languages[0] else staging / code
            mkdocs_build(settings, into, dirty=dirty, lang=code)
            if dirty:
                merge_search_index(site_dir / into.relative_to(staging) / SEARCH_INDEX, into / SEARCH_INDEX)
        (staging / MANIFEST).write_text(manifest, "utf-8")
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
    kind = "changed pages" if dirty else "all pages"
    print(f"built {len(catalogue.countries)} countries, {len(catalogue.programmes)} programmes and {sheets} sheets "
          f"in {len(settings.languages)} language(s) ({', '.join(settings.languages)}) into {site_dir} ({kind}) "
          f"in {time.perf_counter() - started:.1f} s")
    return 0

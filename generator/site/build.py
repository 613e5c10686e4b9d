"""The whole pipeline: validate -> model -> pages -> sheets -> MkDocs (or Zensical), replacing site/ only on success."""
from __future__ import annotations

import logging
import shutil
import sys
import tempfile
import time
from pathlib import Path

from ..config import Settings
from ..content.citing import copies_notice
from ..model.catalogue import Catalogue
from ..problems import ContentError, FactsheetsError
from ..render.bundle import BUNDLE
from ..render.i18n import Language
from ..render.views import Views
from .csp import add_csp_to_pages
from .generate import PAGES_WRITTEN, generate
from .incremental import MANIFEST, SEARCH_INDEX, Stamp, dirty_build, merge_search_index
from .offline import OFFLINE_ZIP, fill_downloads, write_offline_copy
from .swap import build_lock, remove_leftovers, swap_in
from .zensical import zensical_build

KEPT = "site/ was left as it was"
ENGINES = {"mkdocs": "MkDocs", "zensical": "Zensical"}  # the first is the default


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
        lang = lang or settings.languages[0]
        config = load_config(str(settings.mkdocs_config(lang)), site_dir=str(site_dir), strict=strict,
                             site_url=settings.site_url_for(lang))
        config[PAGES_WRITTEN] = True  # the hook need not generate them again
        config.plugins.on_startup(command="build", dirty=dirty)
        try:
            build(config, dirty=dirty)
        finally:
            config.plugins.on_shutdown()
    finally:
        build_log.removeFilter(quiet)


def build_site(settings: Settings, pdf: bool = True, out: Path | None = None, incremental: bool = True,
               engine: str = "mkdocs") -> None:
    """Build everything into a temporary folder and swap it in for site/ only when all succeeded;
    a FactsheetsError (ContentError for invalid content) says what failed, and site/ is as it was.

    When the navigation and layout are unchanged since the last build (see incremental.site_manifest), the
    temporary folder starts as a copy of site/ and MkDocs rebuilds only the edited pages.
    One build at a time (see swap.py): a second one fails at once and changes nothing.
    `engine` "zensical" builds the same pages with Zensical instead (always all pages; see zensical.py).
    """
    started = time.perf_counter()
    site_dir = out or settings.site_dir
    with build_lock(site_dir):
        leftovers = remove_leftovers(site_dir)
        if leftovers:
            print(f"removed {len(leftovers)} folder(s) left by an interrupted build", file=sys.stderr)
        catalogue, sheets = _pages_and_sheets(settings, pdf)
        staging, dirty = _staged_site(settings, site_dir, incremental and engine == "mkdocs", engine)
        swap_in(staging, site_dir)
    kind = "changed pages" if dirty else "all pages"
    print(f"built {len(catalogue.countries)} countries, {len(catalogue.programmes)} programmes and {sheets} sheets "
          f"in {len(settings.languages)} language(s) ({', '.join(settings.languages)}) into {site_dir} ({kind}) "
          f"with {ENGINES[engine]} in {time.perf_counter() - started:.1f} s")


def _pages_and_sheets(settings: Settings, pdf: bool) -> tuple[Catalogue, int]:
    """Write every language's pages and (with `pdf`) sheets into its docs folder."""
    try:
        catalogue, (written, unchanged, removed) = generate(settings)
    except ContentError as error:
        raise ContentError(error.problems, KEPT) from None
    except Exception as error:  # noqa: BLE001 - a crash while rendering must leave site/ untouched too
        raise FactsheetsError(f"writing the pages failed ({type(error).__name__}: {error}); {KEPT}", 1) from None
    print(f"pages: {written} written, {unchanged} unchanged, {removed} removed", file=sys.stderr)
    notice = copies_notice(catalogue.sources.values(), settings.reports_dir)
    if notice:
        print(notice, file=sys.stderr)
    if not pdf:
        return catalogue, 0
    from ..render.bundle import bundle_sheets
    from ..render.pdf import render_sheet_sets

    try:
        sets = {Language(code): settings.docs_for(code) / "pdf" for code in settings.languages}
        sheets = render_sheet_sets(catalogue, sets)
        for lang, folder in sets.items():  # every country in one PDF, from the sheets just printed
            ordered = Views(catalogue, lang).by_name(catalogue.countries)
            bundle_sheets(catalogue, [folder / f"{country.slug}.pdf" for country in ordered], folder / BUNDLE, lang=lang)
        return catalogue, len(sheets)
    except Exception as error:  # noqa: BLE001 - a failed sheet must leave site/ untouched
        raise FactsheetsError(f"printing the sheets failed ({error}); {KEPT}", 1) from None


def _staged_site(settings: Settings, site_dir: Path, incremental: bool, engine: str) -> tuple[Path, bool]:
    """Every language's site built by the engine into a new folder beside site_dir; (folder, whether
    only the changed pages were rebuilt). The folder is removed if anything fails."""
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".site-", dir=site_dir.parent))
    stamp = Stamp.of(settings)
    before = Stamp.read(site_dir / MANIFEST) if incremental else None
    dirty = before is not None and before.manifest == stamp.manifest
    try:
        if dirty:
            shutil.copytree(site_dir, staging, dirs_exist_ok=True)
        for code in settings.languages:
            into = staging if code == settings.languages[0] else staging / code
            if engine == "zensical":
                zensical_build(settings, code, into)
                continue
            with dirty_build(stamp.edited(settings, code, before) if dirty else None):
                mkdocs_build(settings, into, dirty=dirty, lang=code)  # dirty: only the edited files
            if dirty:
                merge_search_index(site_dir / into.relative_to(staging) / SEARCH_INDEX, into / SEARCH_INDEX)
        if engine == "zensical":  # no MkDocs hook there to add it page by page
            add_csp_to_pages(staging)
        _downloads(settings, staging)
        if engine != "zensical":  # a Zensical site is no base for a dirty MkDocs build
            stamp.write(staging / MANIFEST)
    except BaseException as error:
        shutil.rmtree(staging, ignore_errors=True)
        if not isinstance(error, Exception):  # Ctrl-C: cli says "interrupted"
            raise
        detail = str(error) if isinstance(error, FactsheetsError) else f"{type(error).__name__}: {error}"
        raise FactsheetsError(f"{ENGINES[engine]} build failed ({detail}); {KEPT}", 1) from None
    return staging, dirty


def _downloads(settings: Settings, staging: Path) -> None:
    """The offline copy zipped into the staged site, then the sizes of the downloads on its pages
    (the copy's own pages show those of the files it holds: see offline.py)."""
    started = time.perf_counter()
    downloads = [OFFLINE_ZIP] + [("" if code == settings.languages[0] else f"{code}/") + f"pdf/{BUNDLE}"
                                 for code in settings.languages]
    out = write_offline_copy(staging, settings.site_url, settings.languages, downloads, settings.today)
    fill_downloads(staging, downloads, settings.languages, settings.today)
    print(f"offline copy: {out.stat().st_size / 1e6:.1f} MB in {time.perf_counter() - started:.1f} s", file=sys.stderr)

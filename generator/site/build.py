"""The whole pipeline: validate -> model -> pages -> sheets -> MkDocs, replacing site/ only on success."""
from __future__ import annotations

import hashlib
import json
import logging
import shutil
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlencode

from ..config import Settings
from ..render.i18n import LOCALE_DIR, Language
from ..model import Catalogue, build_catalogue
from ..render.pages import render_pages, write_pages
from ..problems import ContentError
from ..content.validate import validate_content

MANIFEST = ".factsheets-build"
ASSET_DIRS = ("css", "js")
SEARCH_INDEX = Path("search") / "search_index.json"


def report_url(settings: Settings, title: str = "Error on the fact-sheet site") -> str:
    """A pre-filled issue in the repository: the error channel, never a tracker."""
    return f"{settings.repo_url.rstrip('/')}/issues/new?" + urlencode({"title": title, "labels": "content"})


def load_catalogue(settings: Settings) -> Catalogue:
    """Validated content as a model; raises ContentError listing every problem."""
    content, problems = validate_content(settings.content_dir, settings)
    if problems:
        raise ContentError(problems)
    return build_catalogue(content, settings)


def copy_assets(settings: Settings, docs: Path) -> None:
    """The site's own CSS and JavaScript into another language's docs folder (only files that changed,
    so unchanged ones keep their mtime for incremental builds)."""
    for folder in ASSET_DIRS:
        for source in sorted((settings.docs_dir / folder).rglob("*")):
            target = docs / source.relative_to(settings.docs_dir)
            if source.is_file() and not (target.exists() and target.read_bytes() == source.read_bytes()):
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(source, target)


def generate(settings: Settings) -> tuple[Catalogue, tuple[int, int, int]]:
    """Validate and write the Markdown pages of every language into its docs folder (only the ones whose text changed)."""
    catalogue = load_catalogue(settings)
    counts = [0, 0, 0]
    for code in settings.languages:
        docs = settings.docs_for(code)
        if docs != settings.docs_dir:
            copy_assets(settings, docs)
        for index, count in enumerate(write_pages(render_pages(catalogue, report_url(settings), Language(code)), docs)):
            counts[index] += count
    return catalogue, (counts[0], counts[1], counts[2])


class _DropDirtyWarning(logging.Filter):
    """MkDocs warns that dirty builds may get navigation wrong; ours are dirty only when the
    navigation, front matter and theme are unchanged, so the warning must not fail --strict."""

    def filter(self, record: logging.LogRecord) -> bool:
        return "'dirty' build" not in record.getMessage()


def mkdocs_build(settings: Settings, site_dir: Path, strict: bool = True, dirty: bool = False, lang: str | None = None) -> None:
    """A real MkDocs build of one language's pages, already written, into site_dir (dirty: changed pages only)."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    from . import mkdocs_hook

    mkdocs_hook.SKIP = True  # pages are already generated; the hook only serves `mkdocs serve`
    build_log = logging.getLogger("mkdocs.commands.build")
    quiet = _DropDirtyWarning()
    build_log.addFilter(quiet)
    try:
        config_file = settings.mkdocs_config(lang or settings.languages[0])
        config = load_config(str(config_file), site_dir=str(site_dir), strict=strict)
        config.plugins.on_startup(command="build", dirty=dirty)
        try:
            build(config, dirty=dirty)
        finally:
            config.plugins.on_shutdown()
    finally:
        mkdocs_hook.SKIP = False
        build_log.removeFilter(quiet)


def site_manifest(settings: Settings) -> str:
    """What decides navigation and layout of every page: if it is unchanged, only edited pages need
    rebuilding. The list of pages, their front matter (titles, tags), the config, theme overrides,
    static assets and the versions of the engine."""
    from importlib.metadata import version

    digest = hashlib.sha256(f"mkdocs {version('mkdocs')} material {version('mkdocs-material')}".encode())
    for code in settings.languages:
        docs = settings.docs_for(code)
        for path in sorted(docs.rglob("*.md")):
            text = path.read_text("utf-8")
            front = text.split("\n---", 1)[0] if text.startswith("---") else ""
            digest.update(f"{code}\0{path.relative_to(docs)}\0{front}\0".encode())
    fixed = [settings.mkdocs_config(code) for code in settings.languages]
    fixed += [settings.root / "hooks.py", Path(__file__).with_name("csp.py")]
    fixed += sorted(LOCALE_DIR.rglob("*.po"))  # the theme's own text comes from them too
    for folder in (settings.root / "overrides", settings.docs_dir / "css", settings.docs_dir / "js"):
        fixed += sorted(p for p in folder.rglob("*") if p.is_file())
    for path in fixed:
        if path.exists():
            digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def merge_search_index(previous: Path, current: Path) -> None:
    """A dirty build indexes only the pages it rebuilt: keep the earlier entries of all others."""
    old = json.loads(previous.read_text("utf-8"))
    new = json.loads(current.read_text("utf-8"))
    rebuilt = {doc["location"].split("#")[0] for doc in new["docs"]}
    kept = [doc for doc in old["docs"] if doc["location"].split("#")[0] not in rebuilt]
    new["docs"] = kept + new["docs"]
    current.write_text(json.dumps(new, ensure_ascii=False, separators=(",", ":")), "utf-8")


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
        from ..render.sheets import render_sheet_sets

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

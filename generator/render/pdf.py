"""Sheet HTML -> A4 PDFs: one per country and language (bundle.py puts several behind a cover page).

Each sheet's HTML at every level (cheap; see `sheet`) is hashed together with everything else that
decides its look (templates, CSS, this module, WeasyPrint's version, the fonts fontconfig resolves),
and only handed to WeasyPrint (slow) when that hash differs from the one stored beside the PDF, or
when the PDF is no longer the file then written (its own sha256 is stored too). PDFs are rendered in
worker processes that live for the whole run, so each loads its fonts once, and every file is
written to a temporary name first and renamed into place.
"""
from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor, as_completed
from functools import lru_cache
from pathlib import Path

from ..model.catalogue import Catalogue, select
from ..problems import FactsheetsError
from .i18n import Language
from .sheet import COVER_TEMPLATE, SHEET_TEMPLATE, STYLESHEET, TEMPLATES, sheet_levels

FONT_STACK = ("Noto Sans", "Noto Sans Ethiopic", "Noto Sans Arabic", "Noto Sans Thai", "Noto Sans Devanagari",
              "DejaVu Sans")
DIGEST_SUFFIX = ".sha256"  # sidecar beside each PDF: the hash it was rendered from, then the PDF's own hash
MAX_PAGES = 2
# A last page holding less than this (of its height) reads as a sheet that ran over by a few lines.
MIN_LAST_PAGE = 0.25


# -- what decides the look of a PDF ---------------------------------------------------------------

@lru_cache(maxsize=1)
def font_fingerprint() -> str:
    """The font files fontconfig offers for our stack, with their versions."""
    lines = []
    for family in FONT_STACK:
        try:
            found = subprocess.run(["fc-list", "--format", "%{file}|%{fontversion}|%{style}\n", family],
                                   capture_output=True, text=True, timeout=20, check=False).stdout
        except (OSError, subprocess.SubprocessError):
            found = "fontconfig unavailable"
        lines.append(family + ":" + "".join(sorted(found.splitlines(keepends=True))))
    return "\n".join(lines)


@lru_cache(maxsize=1)
def renderer_fingerprint() -> str:
    import weasyprint

    digest = hashlib.sha256()
    for name in (SHEET_TEMPLATE, COVER_TEMPLATE, STYLESHEET):
        digest.update((TEMPLATES / name).read_bytes())
    digest.update(Path(__file__).read_bytes())
    digest.update(weasyprint.__version__.encode())
    digest.update(font_fingerprint().encode())
    return digest.hexdigest()


def sheet_digest(levels: list[str]) -> str:
    return hashlib.sha256((renderer_fingerprint() + "\n").encode() + "\0".join(levels).encode("utf-8")).hexdigest()


def digest_path(pdf: Path) -> Path:
    return pdf.with_name(pdf.name + DIGEST_SUFFIX)


def stamp(digest: str, pdf: bytes) -> bytes:
    """The sidecar's two lines: what the PDF was rendered from, and the sha256 of the PDF written."""
    return f"{digest}\n{hashlib.sha256(pdf).hexdigest()}\n".encode("ascii")


def is_current(pdf: Path, digest: str) -> bool:
    """Reuse a PDF only if it was rendered from `digest` and is still the very file then written: a
    PDF replaced or damaged since (or a one-line stamp of the older format) means render it again."""
    try:
        lines = digest_path(pdf).read_text("ascii").split()
        if len(lines) != 2 or lines[0] != digest:
            return False
        return hashlib.sha256(pdf.read_bytes()).hexdigest() == lines[1]
    except (OSError, UnicodeDecodeError):
        return False


# -- writing ---------------------------------------------------------------------------------------

def write_atomic(path: Path, data: bytes) -> None:
    """Write to a temporary file beside `path`, then rename: readers never see half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle = tempfile.NamedTemporaryFile(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp", delete=False)
    try:
        with handle:
            handle.write(data)
        os.chmod(handle.name, 0o644)
        os.replace(handle.name, path)
    except BaseException:
        Path(handle.name).unlink(missing_ok=True)
        raise


def url_fetcher():
    """WeasyPrint may load data: URIs (the QR code) and nothing else: no web address an editor's text
    could name, no file of the machine that prints."""
    from weasyprint import urls

    if hasattr(urls, "URLFetcher"):  # WeasyPrint >= 68
        return urls.URLFetcher(allowed_protocols={"data"})

    def fetch(url: str, *args, **kwargs):  # pragma: no cover - older WeasyPrint
        if not url.startswith("data:"):
            raise ValueError(f"sheets load nothing from outside the document: {url[:80]}")
        return urls.default_url_fetcher(url, *args, **kwargs)

    return fetch


def html_document(html: str):
    from weasyprint import HTML

    return HTML(string=html, base_url=str(TEMPLATES), url_fetcher=url_fetcher())


@lru_cache(maxsize=1)
def font_config():
    """One font configuration per process: fonts found and loaded once are reused by every sheet
    (about a quarter faster per sheet than a fresh configuration each time)."""
    from weasyprint.text.fonts import FontConfiguration

    return FontConfiguration()


def _render_pdf(html: str) -> bytes:
    return html_document(html).render(font_config=font_config()).write_pdf()


def last_page_fill(document) -> float:
    """How much of the last page's height the sheet uses, from 0 to 1."""
    last = document.pages[-1]._page_box
    root = last.children[0] if last.children else None
    used = (root.position_y + root.margin_height() - last.content_box_y()) if root is not None else last.height
    return max(0.0, min(1.0, used / last.height))


def render_document(levels: str | list[str]):
    """Lay out a sheet at the first level (see `sheet`) that fits on MAX_PAGES pages without a last
    page of a few lines; failing that, the first that fits; failing that, the last level. A level
    printing the same HTML as the one before (no text long enough to change) is not laid out again.
    A single HTML string is a sheet of one level."""
    fitting, previous = None, None
    for level, html in enumerate([levels] if isinstance(levels, str) else levels):
        if html == previous:
            continue
        previous = html
        document = html_document(html).render(font_config=font_config())
        document.level = level
        pages = len(document.pages)
        if pages == 1 or (pages <= MAX_PAGES and last_page_fill(document) >= MIN_LAST_PAGE):
            return document
        if pages <= MAX_PAGES and fitting is None:
            fitting = document
    return fitting or document


def _render_job(levels: list[str], out: str, digest: str) -> tuple[str, float, str]:
    """Worker: render one sheet, write it and then its digest; (path, seconds, what was printed)."""
    started = time.perf_counter()
    document = render_document(levels)
    pdf = document.write_pdf()
    path = Path(out)
    digest_path(path).unlink(missing_ok=True)  # the PDF is about to change: no stale claim meanwhile
    write_atomic(path, pdf)
    write_atomic(digest_path(path), stamp(digest, pdf))
    pages = len(document.pages)
    shown = f"{pages} page{'s' if pages > 1 else ''}" + (f", long texts online (level {document.level})" if document.level else "")
    return out, time.perf_counter() - started, shown


def _warm_up() -> None:
    """Worker start: load WeasyPrint and the fonts once, before the first real sheet."""
    _render_pdf('<p style="font-family: \'Noto Sans\'">x</p>')


# -- public interface ------------------------------------------------------------------------------

def _workers(jobs: int) -> int:
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not Linux
        cores = os.cpu_count() or 1
    return max(1, min(cores, jobs))


def render_sheets(catalogue: Catalogue, out_dir: Path, codes: list[str] | None = None,
                  lang: Language = Language("en")) -> list[Path]:
    """One A4 PDF per country at out_dir/<slug>.pdf in one language; unchanged sheets are kept as they are."""
    return render_sheet_sets(catalogue, {lang: Path(out_dir)}, codes)


def render_sheet_sets(catalogue: Catalogue, sets: dict[Language, Path], codes: list[str] | None = None) -> list[Path]:
    """The sheets of several languages, each into its own folder, rendered by one pool of workers."""
    started = time.perf_counter()
    countries = select(catalogue, codes)
    total = len(countries) * len(sets)
    paths, todo, cached = [], [], 0
    for lang, out_dir in sets.items():
        out_dir.mkdir(parents=True, exist_ok=True)
        mine = []
        for country in countries:
            path = out_dir / f"{country.slug}.pdf"
            levels = sheet_levels(catalogue, country, lang)
            digest = sheet_digest(levels)
            mine.append(path)
            if is_current(path, digest):
                cached += 1
                print(f"[{len(paths) + len(mine)}/{total}] {_shown(path)}: unchanged", file=sys.stderr)
            else:
                todo.append((levels, str(path), digest))
        paths += mine
        if not codes:
            _remove_orphans(out_dir, {p.name for p in mine})
    failures = []
    done = cached

    def report(name: str, message: str) -> None:
        nonlocal done
        done += 1
        print(f"[{done}/{total}] {name}: {message}", file=sys.stderr)

    workers = _workers(len(todo))
    if workers == 1:
        for levels, out, digest in todo:
            try:
                _, seconds, pages = _render_job(levels, out, digest)
                report(_shown(Path(out)), f"rendered, {pages}, {seconds:.2f} s")
            except Exception as error:  # noqa: BLE001 - report every sheet, then fail
                failures.append(f"{_shown(Path(out))}: {type(error).__name__}: {error}")
                report(_shown(Path(out)), "FAILED")
    elif todo:
        with ProcessPoolExecutor(max_workers=workers, initializer=_warm_up) as pool:
            futures = {pool.submit(_render_job, *job): job[1] for job in todo}
            for future in as_completed(futures):
                name = _shown(Path(futures[future]))
                try:
                    _, seconds, pages = future.result()
                    report(name, f"rendered, {pages}, {seconds:.2f} s")
                except Exception as error:  # noqa: BLE001
                    failures.append(f"{name}: {type(error).__name__}: {error}")
                    report(name, "FAILED")
    elapsed = time.perf_counter() - started
    print(f"{total} sheets: {len(todo) - len(failures)} rendered, {cached} cached in {elapsed:.1f} s",
          file=sys.stderr)
    if failures:
        raise FactsheetsError(f"{len(failures)} sheet(s) failed: " + "; ".join(failures), 1)
    return paths


def _shown(pdf: Path) -> str:
    """'iraq.pdf', or 'docs-nb/pdf/iraq.pdf' for a sheet outside docs/pdf, so languages can be told apart."""
    return pdf.name if pdf.parent.name == "pdf" and pdf.parent.parent.name == "docs" else "/".join(pdf.parts[-3:])


def _remove_orphans(out_dir: Path, keep: set[str]) -> None:
    """Sheets of countries no longer in the content (only files this module wrote: they have a digest)."""
    for digest_file in out_dir.glob("*.pdf" + DIGEST_SUFFIX):
        pdf = digest_file.with_name(digest_file.name[: -len(DIGEST_SUFFIX)])
        if pdf.name not in keep:
            pdf.unlink(missing_ok=True)
            digest_file.unlink(missing_ok=True)
            print(f"removed {pdf.name} (no longer in the content)", file=sys.stderr)

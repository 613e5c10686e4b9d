"""Seminar bundles: a cover page listing the countries, then their sheets as printed, in one PDF.

The sheets are the cached ones of pdf.py, joined with pypdf: only the cover is rendered. Kept apart
from pdf.py, whose source is part of every sheet's cache key.
"""
from __future__ import annotations

import hashlib
import io
import sys
import tempfile
import time
from pathlib import Path

from ..model.catalogue import Catalogue, select
from .i18n import Language
from .pdf import font_config, html_document, render_sheet_sets, renderer_fingerprint, write_atomic
from .sheet import cover_html
from .views import Views, data_period

BUNDLE = "all-countries.pdf"  # every country in one language, beside the sheets on the site
SOURCE_KEY = "/FactsheetsSource"  # the metadata entry holding what a bundle was made from


def render_bundle(catalogue: Catalogue, codes: list[str], out: Path, title: str | None = None,
                  lang: Language = Language("en"), sheets_dir: Path | None = None) -> Path:
    """One PDF for a seminar, all in one language: a cover page listing the countries, then each sheet
    from a new page. The sheets are the ones in sheets_dir (rendered there first if not current), or
    rendered into a temporary folder when none is given."""
    countries = select(catalogue, codes)
    codes = [country.code for country in countries]
    if sheets_dir is None:
        with tempfile.TemporaryDirectory(prefix="bundle-") as folder:
            return bundle_sheets(catalogue, render_sheet_sets(catalogue, {lang: Path(folder)}, codes), out, title, lang)
    return bundle_sheets(catalogue, render_sheet_sets(catalogue, {lang: Path(sheets_dir)}, codes), out, title, lang)


def bundle_sheets(catalogue: Catalogue, sheets: list[Path], out: Path, title: str | None = None,
                  lang: Language = Language("en")) -> Path:
    """The bundle of sheets already printed, in their order: a cover with the contents (each
    country's first page), then the sheets as they are, each with a bookmark. Nothing is rendered
    again but the cover, and nothing at all when `out` was made from the same cover and sheets."""
    from pypdf import PdfReader, PdfWriter

    started = time.perf_counter()
    by_slug = {country.slug: country for country in catalogue.countries}
    countries = [by_slug[path.stem] for path in sheets]
    readers = [PdfReader(path) for path in sheets]
    title = title or lang.gettext("Country fact sheets")
    entries = _contents(catalogue, countries, readers, lang, first=2)
    html = cover_html(catalogue, entries, title, lang)
    digest = _digest(html, sheets)
    if _made_from(out) == digest:
        print(f"bundle of {len(countries)} countries: {out} unchanged", file=sys.stderr)
        return Path(out)
    cover = html_document(html).render(font_config=font_config())
    if len(cover.pages) > 1:  # a long contents list: the sheets start later
        entries = _contents(catalogue, countries, readers, lang, first=len(cover.pages) + 1)
        cover = html_document(cover_html(catalogue, entries, title, lang)).render(font_config=font_config())
    writer = PdfWriter()
    writer.append(PdfReader(io.BytesIO(cover.write_pdf())))
    for entry, reader in zip(entries, readers):
        writer.append(reader, outline_item=entry["name"])
    writer.add_metadata({"/Title": title, SOURCE_KEY: digest})
    data = io.BytesIO()
    writer.write(data)
    write_atomic(Path(out), data.getvalue())
    print(f"bundle of {len(countries)} countries, {len(writer.pages)} pages: {out} in "
          f"{time.perf_counter() - started:.1f} s", file=sys.stderr)
    return Path(out)


def _contents(catalogue: Catalogue, countries: list, readers: list, lang: Language, first: int) -> list[dict]:
    """The cover's rows: each country with the page its sheet starts on, the first at `first`."""
    views, entries, page = Views(catalogue, lang), [], first
    for country, reader in zip(countries, readers):
        entries.append({"name": views.country_name(country), "local": country.local_names(),
                        "asof": data_period(country, lang), "page": page})
        page += len(reader.pages)
    return entries


def _digest(cover: str, sheets: list[Path]) -> str:
    """What a bundle is made of: its cover's HTML, how it is rendered, and each sheet's bytes."""
    digest = hashlib.sha256((renderer_fingerprint() + "\n" + cover).encode("utf-8") + Path(__file__).read_bytes())
    for path in sheets:
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


def _made_from(out: Path) -> str | None:
    """The digest an existing bundle was made from (its metadata), if any."""
    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    try:
        return str((PdfReader(out).metadata or {}).get(SOURCE_KEY)) if Path(out).is_file() else None
    except (OSError, PyPdfError):
        return None

"""The offline copy: the built site, every language and every sheet, in one zip that opens as files
(file://) from a USB stick or a phone, and the download sizes shown on the home pages.

The copy is the online site with three changes, made page by page while zipping (no second MkDocs run):
- links to a folder (`countries/mali/`) name its `index.html`: a browser shows a folder as a listing;
- the search index is also written as a script (`search_index.js`), which Material loads from file://,
  and each page loads js/offline-worker.js, which runs the search worker in a frame (file:// allows no Worker);
- a link to a file the copy does not hold (the zip itself) goes to the online site, at site_url.
Material's `offline` plugin does the second part, but turns off directory URLs, which breaks the
pages' relative links in HTML, and loads its worker shim from another host.
"""
from __future__ import annotations

import io
import json
import os
import posixpath
import re
import zipfile
from datetime import date
from pathlib import Path

from babel.numbers import format_decimal

from ..render.i18n import Language
from ..render.pages import OFFLINE_ZIP
from ..render.pdf import write_atomic
from .incremental import SEARCH_INDEX

FOLDER = "factsheets"  # the one folder the zip unpacks to
SHIM = "js/offline-worker.js"
LEFT_OUT = (".factsheets-build", "offline/")  # the incremental build's stamp, and the zips
LINK = re.compile(r'\b(href|src)="([^"#?:]*)([?#][^"]*)?"')
SIZE = re.compile(r'(<span class="fs-size" data-file=")([^"]+)(">)[^<]*(</span>)')
# Material fetches the sitemap beside every <link rel="alternate"> (for its language switcher), which a
# browser refuses from file://; a feed cannot be followed without a connection anyway.
FEED_LINK = re.compile(r'<link rel="alternate" type="application/atom\+xml"[^>]*>\n?')
HTML_LANG = re.compile(r'<html[^>]*\blang="([^"]+)"')


def offline_link(page: str, target: str, present: set[str], site_url: str) -> str:
    """A relative link of the page `page` (a path in the site) as the copy needs it: a folder's
    index.html, or the online address of a file the copy does not hold."""
    if not target or target.startswith("/"):
        return target
    resolved = posixpath.normpath(posixpath.join(posixpath.dirname(page), target))
    if resolved == ".." or resolved.startswith("../"):
        return target
    folder = target.endswith("/") or posixpath.basename(target) in (".", "..")
    path = ("index.html" if resolved == "." else f"{resolved}/index.html") if folder else resolved
    if path not in present:
        return site_url.rstrip("/") + "/" + ("" if resolved == "." else resolved + ("/" if folder else ""))
    return target + ("" if target.endswith("/") else "/") + "index.html" if folder else target


def page_language(html: str, default: str) -> str:
    """The language a page is in, from its <html lang>."""
    found = HTML_LANG.search(html[:1000])
    return found.group(1) if found else default


def offline_page(html: str, page: str, present: set[str], site_url: str, sizes: dict[str, str]) -> str:
    """One page of the copy: its links rewritten, the worker shim loaded before Material's scripts,
    the feed's link left out, and the download sizes filled in for the files the copy holds."""
    def link(match: re.Match) -> str:
        rewritten = offline_link(page, match.group(2), present, site_url)
        return f'{match.group(1)}="{rewritten}{match.group(3) or ""}"'

    html = LINK.sub(link, FEED_LINK.sub("", html))
    shim = posixpath.relpath(SHIM, posixpath.dirname(page) or ".")
    html = html.replace("</head>", f'<script src="{shim}"></script>\n</head>', 1)
    return fill_sizes(html, page, sizes)


def fill_sizes(html: str, page: str, sizes: dict[str, str]) -> str:
    """Every `<span class="fs-size" data-file="…">` of the page with ", 12.3 MB, 1 December 2026"
    for the file it names (relative to the page), or empty when there is no such file."""
    def size(match: re.Match) -> str:
        path = posixpath.normpath(posixpath.join(posixpath.dirname(page), match.group(2)))
        return match.group(1) + match.group(2) + match.group(3) + sizes.get(path, "") + match.group(4)

    return SIZE.sub(size, html) if "fs-size" in html else html


def fill_downloads(site: Path, downloads: list[str], languages: tuple[str, ...], built: date) -> None:
    """The download sizes on the home page of each language (the only pages that give them), once the files are written."""
    for code in languages:
        page = ("" if code == languages[0] else f"{code}/") + "index.html"
        path = site / page
        if path.is_file():
            sizes = download_sizes(site, downloads, code, built)
            path.write_text(fill_sizes(path.read_text("utf-8"), page, sizes), "utf-8")


def download_sizes(site: Path, files: list[str], lang: str, built: date) -> dict[str, str]:
    """', 12.3 MB, 1 December 2026' (in the page's language) for each of `files` that is in the site."""
    language = Language(lang)
    sizes = {}
    for name in files:
        path = site / name
        if path.is_file():
            megabytes = format_decimal(path.stat().st_size / 1_000_000, format="#,##0.0", locale=language.locale)
            sizes[name] = f", {megabytes} MB, {language.date(built.isoformat())}"
    return sizes


def _site_files(site: Path) -> list[str]:
    """The site's files by their path in it, without the build's own files and the zips."""
    files = []
    for folder, _, names in os.walk(site):
        for name in names:
            path = Path(folder, name).relative_to(site).as_posix()
            if not path.startswith(LEFT_OUT):
                files.append(path)
    return sorted(files)


def _search_script(index: bytes) -> bytes:
    """The search index as the script Material loads from file://, its pages' locations as files."""
    data = json.loads(index)
    for doc in data.get("docs", []):
        location, _, anchor = doc["location"].partition("#")
        if location == "" or location.endswith("/"):
            doc["location"] = location + "index.html" + ("#" + anchor if anchor else "")
    return b"var __index = " + json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def _entry(path: str, built: date) -> zipfile.ZipInfo:
    """A file of the zip, dated the build's day (not the time of zipping: two builds of the same
    site give the same zip, as an incremental build must give what a full one does)."""
    entry = zipfile.ZipInfo(f"{FOLDER}/{path}", date_time=(built.year, built.month, built.day, 0, 0, 0))
    entry.compress_type = zipfile.ZIP_DEFLATED
    entry.external_attr = 0o644 << 16  # rw-r--r-- when unpacked
    return entry


def write_offline_copy(site: Path, site_url: str, languages: tuple[str, ...], downloads: list[str], built: date) -> Path:
    """Zip the built site in `site` as its offline copy into site/OFFLINE_ZIP (written whole or not at
    all: a temporary file renamed into place); `downloads` are the files whose sizes pages show."""
    files = _site_files(site)
    present = set(files)
    held = [name for name in downloads if name in present]
    sizes = {code: download_sizes(site, held, code, built) for code in languages}
    data = io.BytesIO()
    with zipfile.ZipFile(data, "w") as archive:
        for path in files:
            content = (site / path).read_bytes()
            if path.endswith(".html"):
                html = content.decode("utf-8")
                page_sizes = sizes.get(page_language(html, languages[0]), {})
                content = offline_page(html, path, present, site_url, page_sizes).encode("utf-8")
            elif path.endswith(SEARCH_INDEX.as_posix()):
                archive.writestr(_entry(f"{path.removesuffix('.json')}.js", built), _search_script(content))
            archive.writestr(_entry(path, built), content)
    out = site / OFFLINE_ZIP
    write_atomic(out, data.getvalue())
    return out

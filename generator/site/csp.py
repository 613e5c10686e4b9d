"""A Content-Security-Policy meta tag per page: only the site's own resources may load or run.

Material for MkDocs has a few small inline scripts in its page frame; they are allowed by their
sha256 hash. Scripts inside the page's <article> (where content goes) are never allowed, so an
injected inline script or event handler would still be refused by the browser.
"""
from __future__ import annotations

import base64
import hashlib
import re
from pathlib import Path

INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*type=\"application/json\")[^>]*>(.*?)</script>", re.S)
ARTICLE = re.compile(r"<article\b.*?</article>", re.S)
POLICY = ("default-src 'self'; script-src 'self' {hashes}; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
          "font-src 'self'; connect-src 'self'; worker-src 'self' blob:; object-src 'none'; frame-src 'none'; "
          "base-uri 'self'; form-action 'self'")


def add_csp(html: str) -> str:
    """The page with a CSP meta tag as the first element of <head>."""
    frame = ARTICLE.sub("", html)
    hashes = sorted({"'sha256-" + base64.b64encode(hashlib.sha256(body.encode("utf-8")).digest()).decode() + "'"
                     for body in INLINE_SCRIPT.findall(frame)})
    meta = f'<meta http-equiv="Content-Security-Policy" content="{POLICY.format(hashes=" ".join(hashes))}">'
    return re.sub(r"<head>", "<head>\n    " + meta, html, count=1)


def add_csp_to_pages(folder: Path) -> int:
    """Every HTML page under folder with its CSP meta tag, for an engine that runs no MkDocs hook
    (Zensical); the number of pages."""
    pages = sorted(folder.rglob("*.html"))
    for page in pages:
        page.write_text(add_csp(page.read_text("utf-8")), "utf-8")
    return len(pages)

"""Untrusted editor text -> safe output: HTML-escaped, Markdown without raw HTML, safe links only."""
from __future__ import annotations

import html
import json
import re
from functools import lru_cache

import markdown
from markupsafe import Markup

SAFE_LINK = re.compile(r"^(https?:|mailto:|tel:|#|/(?![/\\])|\.\.?/)", re.I)  # not //host: another site
HREF = re.compile(r'<a href="([^"]*)"[^>]*>(.*?)</a>', re.S)
# Markdown's own <img> (editor HTML is escaped before Markdown sees it); alt text may hold `&quot;`, never `"`.
IMAGE = re.compile(r'<img\b[^>]*?\balt="([^"]*)"[^>]*>|<img\b[^>]*>')
MARKDOWN_SYNTAX = re.compile(r"[*_`\[\]#<>&\\|~!]|\n|^\s*([-+]|\d+[.)])\s|\s{2}$")
# Characters YAML refuses in a document even inside quotes (C1 controls, surrogates, U+FFFE/F), and
# those it reads as line breaks (NEL, LS, PS), which would fold into a space in the title.
YAML_UNPRINTABLE = re.compile("[\x7f-\x9f\u2028\u2029\ud800-\udfff\ufffe\uffff]")
MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|~<>])")


def _drop_unsafe_links(rendered: str) -> str:
    def keep(match: re.Match[str]) -> str:
        href = html.unescape(match.group(1)).strip()
        if SAFE_LINK.match(href):
            return f'<a href="{html.escape(href, quote=True)}" rel="nofollow noopener">{match.group(2)}</a>'
        return match.group(2)

    return HREF.sub(keep, rendered)


def _drop_images(rendered: str) -> str:
    """`![alt](src)` shows its alt text: an editor's image would be fetched from anywhere when the
    PDF is printed (or embed a file of the build machine), and the site's CSP blocks it anyway."""
    return IMAGE.sub(lambda match: match.group(1) or "", rendered)


_MARKDOWN = markdown.Markdown(extensions=["sane_lists"], output_format="html")


@lru_cache(maxsize=4096)
def render_markdown(source: str, inline: bool = False) -> Markup:
    """Markdown from an editor: raw HTML is shown as text, only http(s)/mailto/tel links survive, images become their alt text."""
    escaped = html.escape(source, quote=False)
    if not MARKDOWN_SYNTAX.search(source):  # plain prose, the common case: no parser needed
        return Markup(escaped.strip() if inline else f"<p>{escaped.strip()}</p>")
    rendered = _MARKDOWN.reset().convert(escaped)
    rendered = _drop_unsafe_links(_drop_images(rendered))
    if inline and rendered.startswith("<p>") and rendered.endswith("</p>") and rendered.count("<p>") == 1:
        rendered = rendered[3:-4]
    return Markup(rendered)


def markdown_escape(value: str) -> Markup:
    """Text placed in a Markdown context (a heading, a front-matter-free line): no markup survives."""
    return Markup(MD_SPECIAL.sub(r"\\\1", html.escape(value, quote=True)))


def front_matter(value: str) -> Markup:
    """A YAML front-matter string for a value the theme prints without escaping (page title,
    meta description): HTML-escaped, then a JSON string, which is valid YAML and keeps emoji whole.
    Text that is already Markup (a translated message with its values escaped) is escaped once, not twice."""
    if isinstance(value, Markup):
        value = value.unescape()
    quoted = json.dumps(html.escape(value, quote=True), ensure_ascii=False)
    return Markup(YAML_UNPRINTABLE.sub(lambda m: f"\\u{ord(m.group()):04x}", quoted))

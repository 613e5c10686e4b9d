"""Glossary words on pages and sheets, in one language: the first use of each on a page explained in
place (`<abbr title>`, or a title on a term) and linked to its entry on the glossary page.

Pages are Markdown with HTML blocks, so the words are marked in the generated text itself: only in
running text, never inside a tag, a link, a heading, a script, a code span or the front matter.
"""
from __future__ import annotations

import html
import re

from ..model.glossary import Entry
from .citations import page_root
from .i18n import Language, localize

PAGE = "glossary"
# Where a word is not marked: the element's text, up to its closing tag.
UNMARKED = {"a", "abbr", "button", "code", "dfn", "h1", "h2", "h3", "h4", "h5", "h6", "label", "option", "pre",
            "script", "select", "style", "summary", "textarea", "title"}
SKIPPED = re.compile(
    r"\A---\n.*?\n---\n"                          # front matter
    r"|<!--.*?-->"
    r"|<(/?)([A-Za-z][A-Za-z0-9]*)\b[^>]*?(/?)>"    # a tag: its attributes are never text
    r"|^ {0,3}(?:#{1,6}\s|!!!|\?\?\?)[^\n]*"          # a Markdown heading, an admonition's title line
    r"|!?\[[^\]\n]*\](?:\([^)\n]*\)|\[[^\]\n]*\])?"  # a Markdown link, image or reference
    r"|`[^`\n]+`"
    r"|\{[:#.][^}\n]*\}",                            # an attribute list
    re.S | re.M)


def glossary_href(page_path: str) -> str:
    """The glossary page's address relative to a page at `page_path`."""
    return f"{page_root(page_path)}{PAGE}/"


class Glossary:
    """The glossary's entries in one language: their headwords, meanings, and the words to find."""

    def __init__(self, entries: list[Entry], lang: Language):
        self.lang = lang
        self.entries = entries
        self._by_group: dict[str, Entry] = {}
        alternatives = []
        longest_first = sorted(enumerate(entries), key=lambda item: -len(item[1].abbreviation or ""))
        for index, entry in longest_first:  # AVRV-DK before a shorter AVRV at the same place
            group = f"e{index}"
            self._by_group[group] = entry
            if entry.abbreviation:  # as written, not inside a longer word (VARP2, XVARP); a compound counts (VARP-gruppen)
                words = rf"(?<![\w-]){re.escape(entry.abbreviation)}(?!\w)"
            else:  # any case, with an ending on the last word (rater, utreisefristen)
                forms = sorted({self.headword(entry), *entry.also}, key=len, reverse=True)
                words = r"(?i:(?<!\w)(?:" + "|".join(re.escape(f) for f in forms) + r")\w*)"
            alternatives.append(f"(?P<{group}>{words})")
        self._words = re.compile("|".join(alternatives)) if alternatives else None

    def headword(self, entry: Entry) -> str:
        return entry.abbreviation or localize(entry.term, self.lang.code).text

    def meaning(self, entry: Entry) -> str:
        return localize(entry.meaning, self.lang.code).text

    def sorted(self) -> list[Entry]:
        """Alphabetical by headword in the page language's letters (æ, ø, å after z)."""
        return sorted(self.entries, key=lambda e: self.lang.sort_key(self.headword(e)))

    def explanation(self, entry: Entry) -> str:
        """What a reader sees on pointing at the word: 'Voluntary Assisted Return Programme: Norway's …'."""
        meaning = " ".join(self.meaning(entry).split())
        return f"{entry.expansion}: {meaning}" if entry.expansion else meaning

    def mark(self, page: str, href: str) -> str:
        """`page` with the first use of each entry's word marked and linked to `href`#id."""
        if self._words is None:
            return page
        done: set[str] = set()

        def explain(match: re.Match[str]) -> str:
            entry = self._by_group[match.lastgroup or ""]
            if entry.id in done:
                return match.group()
            done.add(entry.id)
            title = html.escape(self.explanation(entry), quote=True).replace("|", "&#124;")  # safe in a table row
            link = f'<a class="fs-gloss" href="{href}#{entry.id}"'
            if entry.abbreviation:
                return f'{link}><abbr title="{title}">{match.group()}</abbr></a>'
            return f'{link} title="{title}">{match.group()}</a>'

        pieces, start, depth = [], 0, 0
        for skipped in SKIPPED.finditer(page):
            text = page[start:skipped.start()]
            pieces += [self._words.sub(explain, text) if depth == 0 else text, skipped.group()]
            closing, tag, self_closing = skipped.group(1, 2, 3)
            if tag and tag.lower() in UNMARKED and not self_closing:
                depth = max(0, depth - 1) if closing else depth + 1
            start = skipped.end()
        tail = page[start:]
        pieces.append(self._words.sub(explain, tail) if depth == 0 else tail)
        return "".join(pieces)

    def used(self, text: str) -> list[Entry]:
        """The abbreviations `text` uses, in glossary order: a sheet lists them, as paper has no links."""
        if self._words is None:
            return []
        found = {self._by_group[match.lastgroup or ""].id for match in self._words.finditer(text)}
        return [e for e in self.entries if e.abbreviation and e.id in found]

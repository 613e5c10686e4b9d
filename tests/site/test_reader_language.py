"""Every word in the reader's language (#19): no English sentence on a built Norwegian or Danish page unless it
is marked lang="en" (a quoted English source, an English report title, content not yet translated).

Each text block of every built /nb/ and /da/ page (and its title, aria-label, alt and placeholder texts) is
weighed by words only English uses against words only Norwegian or Danish use; text inside an element with a
lang attribute, code and scripts are skipped."""
from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

# Words that are English and neither Norwegian nor Danish: function words, and the words the site's own
# English is made of (so a programme's name or a line of the footer is caught, not only full sentences).
ENGLISH = frozenset("""
the of and to is are was were be been with from this that these those which who whom whose what when where
while not or an its it their they there has have had will would should could can't doesn't isn't each every
than then only also into about after before between through without within see our your you we
programme programmes return returns returnee returnees voluntary assisted support victims trafficking minors
unaccompanied migration board directorate immigration reception centres centre authorities government ministry
evaluation report reports facts cited sources source page pages historical series shipped package central bank
service services shelter shelters housing help counselling travel grant grants ceilings amount amounts country
countries people family families children women men general group returned applied approved
""".split())
NORDIC = frozenset("""
og i av til er som det en et på med ikke de den har fra om kan var eller af ved der hvor hvis også skal men seg
sig etter efter ble blev blir bliver være være vært været disse dette denne deres hans hennes hendes sin sitt
sine sit mer mere når hvordan hvilke hvilken hva hvad kun bare under over mellom mellem uten uden fordi
program programmer retur tilbagevenden returnerte hjemvendte støtte kilder kilde side sider land
""".split())
BLOCKS = frozenset("p li td th h1 h2 h3 h4 h5 h6 dt dd caption figcaption title label button option summary "
                   "blockquote div nav header footer section article aside main form ul ol table tr details body "
                   "html".split())
SKIP = frozenset("script style code pre svg kbd samp".split())
VOID = frozenset("area base br col embed hr img input link meta source track wbr".split())
SPOKEN = ("title", "aria-label", "alt", "placeholder")


def english_words(text: str) -> tuple[int, int]:
    """How many words of a text only English uses, and how many only Norwegian or Danish use."""
    words = [w.lower() for w in re.findall(r"[^\W\d_]+(?:'[^\W\d_]+)?", text) if not w.isupper()]  # ARE is no word
    return sum(w in ENGLISH for w in words), sum(w in NORDIC for w in words)


def is_english(text: str) -> bool:
    english, nordic = english_words(text)
    return english >= 2 and english > 2 * nordic


class _Blocks(HTMLParser):
    """The text of a page by innermost element, outside elements with a lang attribute, code and scripts."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, bool]] = []  # (tag, skipped)
        self.texts: list[list[str]] = []  # one per open block element: inline elements' text joins their block's
        self.done: list[str] = []

    def skipping(self) -> bool:
        return any(skipped for _, skipped in self.stack)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        given = dict(attrs)
        skipped = tag in SKIP or (tag != "html" and "lang" in given)
        if not self.skipping() and not skipped:
            self.done += [value for name, value in attrs if name in SPOKEN and value]
        if tag in VOID:
            return
        self.stack.append((tag, skipped))
        if tag in BLOCKS:
            self.texts.append([])

    def handle_endtag(self, tag: str) -> None:
        if tag in VOID or not any(open_tag == tag for open_tag, _ in self.stack):
            return
        while self.stack:
            open_tag, _ = self.stack.pop()
            if open_tag in BLOCKS:
                text = " ".join(" ".join(self.texts.pop()).split())
                if text:
                    self.done.append(text)
            if open_tag == tag:
                break

    def handle_data(self, data: str) -> None:
        if self.texts and not self.skipping():
            self.texts[-1].append(data)


def english_on(html: str) -> list[str]:
    """The English text blocks of a page that are not marked lang="en" (or any other lang)."""
    parser = _Blocks()
    parser.feed(html)
    parser.close()
    return [text for text in dict.fromkeys(parser.done) if is_english(text)]


def english_in_site(site: Path, langs: tuple[str, ...] = ("nb", "da")) -> dict[str, list[str]]:
    """{page: English blocks} for every built page of the given languages that has any."""
    found = {}
    for lang in langs:
        for page in sorted((site / lang).rglob("*.html")):
            blocks = english_on(page.read_text("utf-8"))
            if blocks:
                found[str(page.relative_to(site))] = blocks
    return found


def test_the_weighing_tells_english_from_norwegian_and_danish():
    assert is_english("Return of unaccompanied minors (Sweden, Swedish Migration Board)")
    assert is_english("Facts from the cited reports; see each page's sources.")
    assert not is_english("Retur av enslige mindreårige (Sverige, Migrasjonsverket)")
    assert not is_english("Tilbagevenden af uledsagede mindreårige (Sverige, Migrationsverket)")
    assert not is_english("IOM Helsinki, UDI, VARP 2012")  # names and figures are no language


def test_text_marked_with_its_language_is_not_counted():
    page = ('<html lang="nb"><body><p>Dette er på norsk.</p><p lang="en">This is the English title of the report.</p>'
            '<p>Sources: <a href="#">see the report</a> of the board.</p><button title="Copy the text of this page">Kopier</button>'
            '<pre>the code of the page is here</pre></body></html>')
    assert english_on(page) == ["Sources: see the report of the board.", "Copy the text of this page"]


@pytest.mark.slow
def test_no_english_sentence_on_a_norwegian_or_danish_page(shipped_site):
    found = english_in_site(shipped_site)
    listing = "\n".join(f"{page}: {text[:160]}" for page, texts in found.items() for text in texts)
    assert not found, f"English text not marked lang=\"en\" on {len(found)} page(s):\n{listing}"

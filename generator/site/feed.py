"""One Atom feed per language of the site's fact changes, written as feed.xml into the language's docs
folder, so each site has it at its root (site/feed.xml, site/nb/feed.xml). Each entry is one commit's
changes to one country or programme page and links to that page's Changes section."""
from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

from ..config import Settings
from ..model.catalogue import Catalogue
from ..model.factdiff import ChangeLog
from ..render.changes import ChangeWords
from ..render.i18n import N_, Language
from ..render.views import Views

FEED = "feed.xml"
ATOM = "http://www.w3.org/2005/Atom"
TITLE = N_("Reintegration fact sheets: changes to the facts")
AUTHOR = N_("The reintegration fact sheets' editors")


def language_root(settings: Settings, code: str) -> str:
    """The address of one language's site: site_url for the first language, site_url/<tag>/ for the others."""
    root = settings.site_url.rstrip("/") + "/"
    return root if code == settings.languages[0] else f"{root}{code}/"


def atom_feed(catalogue: Catalogue, log: ChangeLog, settings: Settings, code: str) -> bytes:
    """The Atom document of one language's site (xml.etree escapes every text)."""
    lang = Language(code)
    words, _ = ChangeWords(log, Views(catalogue, lang)), lang.gettext
    root = language_root(settings, code)
    entries = words.feed_entries()
    feed = ET.Element("feed", {"xmlns": ATOM, "xml:lang": code})
    ET.SubElement(feed, "id").text = root + FEED
    ET.SubElement(feed, "title").text = _(TITLE)
    ET.SubElement(feed, "updated").text = entries[0][0].date if entries else f"{settings.today.isoformat()}T00:00:00Z"
    ET.SubElement(feed, "link", {"rel": "self", "type": "application/atom+xml", "href": root + FEED})
    ET.SubElement(feed, "link", {"rel": "alternate", "type": "text/html", "href": root})
    ET.SubElement(ET.SubElement(feed, "author"), "name").text = _(AUTHOR)
    for entry, path, title, lines in entries:
        item = ET.SubElement(feed, "entry")
        ET.SubElement(item, "id").text = f"{root}{path}#changes-{entry.sha}"
        ET.SubElement(item, "title").text = title
        ET.SubElement(item, "updated").text = entry.date
        ET.SubElement(item, "link", {"rel": "alternate", "type": "text/html", "href": f"{root}{path}#changes"})
        listing = ET.Element("ul")
        for line in lines:
            ET.SubElement(listing, "li").text = f"{line.text.striptags()} ({line.date})"
        ET.SubElement(item, "content", {"type": "html"}).text = ET.tostring(listing, encoding="unicode")
    return ET.tostring(feed, encoding="utf-8", xml_declaration=True) + b"\n"


def write_feed(catalogue: Catalogue, log: ChangeLog, settings: Settings, code: str, docs: Path) -> None:
    """feed.xml in a language's docs folder, written only when its bytes changed (incremental builds)."""
    data = atom_feed(catalogue, log, settings, code)
    target = docs / FEED
    if not (target.exists() and target.read_bytes() == data):
        target.write_bytes(data)

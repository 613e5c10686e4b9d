"""The Changes section of country and programme pages, and the entries of the Atom feeds, in the
reader's language, from the fact changes of the recent history (model/factdiff.py)."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import PurePosixPath
from typing import Any

from markupsafe import Markup, escape

from ..content.citing import without_citations
from ..content.fields import SOURCE
from ..model.catalogue import Country, Programme
from ..model.factdiff import Change, ChangeLog, Dated
from .i18n import N_, localize
from .views import Views

SHOWN = 12  # changes a page lists, newest first; the feed and the history hold the rest
FEED_ENTRIES = 50  # entries (one commit's changes to one page) in a feed
WORDS = {
    ("added", "costs"): N_("Cost added: %(name)s"),
    ("removed", "costs"): N_("Cost removed: %(name)s"),
    ("added", "organisations"): N_("Organisation added: %(name)s"),
    ("removed", "organisations"): N_("Organisation removed: %(name)s"),
    ("contact", "organisations"): N_("New contact details: %(name)s"),
    ("added", "shelters"): N_("Shelter added: %(name)s"),
    ("removed", "shelters"): N_("Shelter removed: %(name)s"),
    ("contact", "shelters"): N_("New contact details: %(name)s"),
    ("added", "job_services"): N_("Job service added: %(name)s"),
    ("removed", "job_services"): N_("Job service removed: %(name)s"),
    ("contact", "job_services"): N_("New contact details: %(name)s"),
    ("linked", "programmes"): N_("Programme added to this page: %(name)s"),
    ("unlinked", "programmes"): N_("Programme removed from this page: %(name)s"),
    ("added", "components"): N_("Grant added: %(name)s"),
    ("removed", "components"): N_("Grant removed: %(name)s"),
    ("file_added", "countries"): N_("Country page added: %(name)s"),
    ("file_removed", "countries"): N_("Country page removed: %(name)s"),
    ("file_added", "programmes"): N_("Programme added: %(name)s"),
    ("file_removed", "programmes"): N_("Programme removed: %(name)s"),
}
NO_HISTORY = N_("No change history is available: this copy of the project has no git history.")
SHALLOW = N_("Only part of the change history is available here (a shallow copy of the project).")
NONE_YET = N_("No changes to these facts in the recent history.")


@dataclass(frozen=True)
class Line:
    """One change as a page or a feed shows it: the date (in words and as written) and what changed."""

    date: str
    iso: str
    text: Markup  # English names and labels of a page in another language are marked lang="en"


@dataclass(frozen=True)
class PageChanges:
    """A page's Changes section: its lines, newest first, and a note when the history is missing or partial."""

    lines: list[Line]
    note: str

    def days(self) -> list[tuple[Line, list[str]]]:
        """The lines grouped by day, newest first: (the day's first line, for its date; the day's texts)."""
        grouped: list[tuple[Line, list[str]]] = []
        for line in self.lines:
            if grouped and grouped[-1][0].date == line.date:
                grouped[-1][1].append(line.text)
            else:
                grouped.append((line, [line.text]))
        return grouped


class ChangeWords:
    """The changes of a change log, worded in one language for pages and feeds."""

    def __init__(self, log: ChangeLog, views: Views):
        self.log, self.views, self._ = log, views, views.lang.gettext
        countries = {c.code.lower(): c for c in views.catalogue.countries}
        self.paged = [(entry, self.page_of(entry, countries)) for entry in log.entries]

    def text(self, value: Any) -> Markup:
        """A content text (a name or label) on one line, in the reader's language, without citations; one
        written only in English (as most names and labels of earlier revisions are) is marked as English."""
        found = localize(value, self.views.lang.code)
        words = " ".join(without_citations(found.text).split())
        if found.lang == SOURCE and self.views.lang.ui != SOURCE:
            return Markup('<span lang="en">{}</span>').format(words)
        return escape(words)

    def amount(self, fact: Any) -> str:
        """'NOK 20,000', 'up to USD 900', 'EUR 30 to 45'; '–' for a fact that has none (or an old form)."""
        if not isinstance(fact, dict):
            return "–"
        try:
            if "item" in fact:  # a cost; else a programme's grant component
                return self.views.cost_amount(fact)
            return self.views.component_amount(fact) or "–"
        except (KeyError, TypeError, ValueError):
            return "–"

    def programme_name(self, pid: str) -> Markup:
        programme = self.views.catalogue.programmes.get(pid)
        return self.views.names.programme_short(programme) if programme else escape(pid)

    def line(self, change: Change) -> Markup:
        """One change in words: 'Housing, Kabul: USD 150 → USD 200', 'Organisation added: …'."""
        if change.kind == "amount":
            return Markup("{}: {} → {}").format(self.text(change.name), self.amount(change.old), self.amount(change.new))
        if change.kind == "status":
            old, new = (self.views.label(str(s)) if s else "–" for s in (change.old, change.new))
            return escape(self._("Status: %(old)s → %(new)s")) % {"old": old, "new": new}
        name = self.programme_name(change.name) if change.section == "programmes" and change.kind.endswith("linked") \
            else self.text(change.name)
        amount = self.amount(change.new) if change.kind == "added" else "–"
        return escape(self._(WORDS[change.kind, change.section])) % {"name": name} + (f", {amount}" if amount != "–" else "")

    def lines(self, entry: Dated, prefix: Markup = Markup()) -> list[Line]:
        day = entry.date[:10]
        return [Line(self.views.date(day), entry.date, prefix + self.line(c)) for c in entry.changes]

    def for_page(self, subject: Country | Programme) -> PageChanges:
        """The Changes section of a country page (its file and the programmes it shows) or a programme page."""
        if not self.log.available:
            return PageChanges([], self._(NO_HISTORY))
        lines: list[Line] = []
        for entry, page in self.paged:
            if page is subject:
                lines += self.lines(entry)
            elif isinstance(subject, Country) and any(page is p for _, p in subject.programmes):
                lines += self.lines(entry, Markup("{}: ").format(self.views.names.programme_short(page)))
        note = self._(SHALLOW) if self.log.shallow else ("" if lines else self._(NONE_YET))
        return PageChanges(lines[:SHOWN], note)

    def page_of(self, entry: Dated, countries: dict[str, Country]) -> Country | Programme | None:
        """The page a changed file is shown on now (None: the file's country or programme is gone)."""
        stem = PurePosixPath(entry.path).stem
        if "/programmes/" in entry.path:
            return self.views.catalogue.programmes.get(stem)
        return countries.get(stem.lower())

    def page_link(self, page: Country | Programme) -> tuple[str, str]:
        """(path from the language's site root, name) of a country or programme page."""
        if isinstance(page, Country):
            return f"countries/{page.slug}/", self.views.country_name(page)
        return f"programmes/{page.slug}/", self.views.names.plain(page.data["name"])

    def feed_entries(self, limit: int = FEED_ENTRIES) -> list[tuple[Dated, str, str, list[Line]]]:
        """The newest changes per commit and page as (entry, page path, title, lines), for the feed."""
        found = []
        for entry, page in self.paged:
            if page is None:
                continue
            path, name = self.page_link(page)
            lines = self.lines(entry)
            change = lines[0].text.striptags()  # a feed's title is text
            title = self._("%(page)s: %(change)s") % {"page": name, "change": change} if len(lines) == 1 else \
                self.views.lang.ngettext("%(page)s: %(change)s and %(num)d more change",
                                         "%(page)s: %(change)s and %(num)d more changes", len(lines) - 1) \
                % {"page": name, "change": change, "num": len(lines) - 1}
            found.append((entry, path, title, lines))
        return found[:limit]

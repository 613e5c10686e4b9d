"""Checks a schema cannot express: references, real ISO codes, date order, safe links, citations."""
from __future__ import annotations

import calendar
import re
from datetime import date
from pathlib import Path
from typing import Any


from . import citing
from .citing import TYPED_ANYWHERE
from .files import ContentSet, Unchecked
from .glossary import check_glossary, explained
from .costs import check_costs
from .dates import FIRST_YEAR, LAST_YEAR, parse_period, unreal
from .fields import (INVISIBLE, NAME_KEYS, SOURCE, hidden_characters, iso_codes, slugify, text_hash, texts,
                     written_fingerprint)
from ..problems import Problem, display_path, shown
from .schemas import DATE_FIELDS, OBSERVED_FIELDS, field_path
from .yamlload import Loaded, locate

OBSERVED = OBSERVED_FIELDS
DATED = DATE_FIELDS
LINE_RANGE = re.compile(r"([0-9]{1,9})(?:-([0-9]{1,9}))?")  # bounded: int() of it is quick and exact
PLACEHOLDER = re.compile(r"<[A-Za-z0-9+{][^<>=/\"'\n]{0,79}>")  # `<Capital city>`, as `factsheets new` writes examples
SAFE_SCHEMES = ("http", "https", "mailto", "tel")
UNSAFE_SCHEMES = ("javascript", "data", "vbscript", "file")
MARKDOWN_LINK = re.compile(rf"\]\(\s*<?([^)\s>]*)|<([a-zA-Z][a-zA-Z0-9+.-]*:[^>\s]*)>|\b((?:{'|'.join(UNSAFE_SCHEMES)}):[^\s)]*)"
                           r"|^ {0,3}\[[^\]\n]+\]:[ \t]*<?([^\s>]*)", re.I | re.M)  # the last: `[ref]: target`
# A target starting with two slashes (either way round) is scheme-relative: browsers send it to
# another host (`//host/path`, `/\\host`), whatever the page was served from.
SCHEME_RELATIVE = re.compile(r"[/\\]{2}")
ID_LISTS = ("organisations", "shelters", "job_services", "costs")
FACT_KEYS = DATE_FIELDS | {"source", "currency", "lines", "page"}
RANGE_KEYS = {"min", "valid_from"}
# Fields whose schema pattern admits no invisible character and names the one it finds (schemas._invisible_note).
PATTERNED = {"id", "organisation", "programme", "supersedes", "code", "funder", "lang", "number", "email", "website",
             "url", "file", "from_en"}
Chain = tuple  # (parent chain, key or index), or () for the document itself


def may_hold_links(text: str) -> bool:
    """Whether a file's text could hold a placeholder or a link, even behind a YAML escape (cheaper
    than MARKDOWN_LINK over the whole text, whose case-blind alternatives try every position)."""
    if "\\" in text or "<" in text or "](" in text or "]:" in text or "[@" in text or TYPED_ANYWHERE.search(text):
        return True
    lowered = text.lower()
    return any(f"{scheme}:" in lowered for scheme in UNSAFE_SCHEMES)


def steps(chain: Chain) -> list[str | int]:
    """The field path of a chain, made only when a message needs it."""
    path: list[str | int] = []
    while chain:
        chain, step = chain
        path.append(step)
    return path[::-1]


# Tags that name a language the site knows by another tag: Norwegian (`no`) is written Bokmål, `nb`.
SAME_AS = {"no": "nb"}


def known_language(tag: str) -> bool:
    return tag.split("-")[0] in iso_codes("639-3", "alpha_2", "alpha_3")


def items(data: dict, section: str) -> list:
    """The entries of a list section, or none when the section is not a list (the schema says so)."""
    value = data.get(section)
    return value if isinstance(value, list) else []


def why_not_a_date(text: str) -> str:
    """What is wrong with a YYYY(-MM(-DD)) text that names no date content may hold, in a few words."""
    year, *rest = (int(p) for p in text.split("-"))
    if not FIRST_YEAR <= year <= LAST_YEAR:
        return f"`{text}` is outside the years these sheets hold: write a year from {FIRST_YEAR} to {LAST_YEAR}"
    month, *day = rest
    return f"`{text}` is not a real calendar date: {why_not_on_calendar(year, month, day)}"


def why_not_on_calendar(year: int, month: int, day: list[int]) -> str:
    if not 1 <= month <= 12:
        return f"there is no month {month:02d}"
    if day:
        return f"{calendar.month_name[month]} {year} has {calendar.monthrange(year, month)[1]} days"
    return "the day does not exist"


class Checker:
    def __init__(self, content: ContentSet, today: date, reports_dir: Path | None):
        self.content = content
        self.today = today
        self.reports_dir = reports_dir
        self.problems: list[Problem] = []
        self.sources = self._sources()
        self._report_lengths: dict[str, int | None] = {}

    def add(self, doc: Loaded, path: list[str | int], message: str) -> None:
        line, column = locate(doc.node, path)
        self.problems.append(Problem(display_path(doc.path), line, column, field_path(path), message))

    def _sources(self) -> dict[str, dict]:
        doc = self.content.sources
        found: dict[str, dict] = {}
        if doc is None or not isinstance(doc.data.get("sources"), list):
            return found
        for index, source in enumerate(doc.data["sources"]):
            if not isinstance(source, dict) or not isinstance(source.get("id"), str):
                continue
            if source["id"] in found:
                self.add(doc, ["sources", index, "id"], f"source id `{source['id']}` is declared twice; ids must be unique")
            found[source["id"]] = source
        return found

    def run(self) -> list[Problem]:
        self.check_page_names()
        for kind, doc in self.content.documents():
            if not isinstance(doc.data, dict):
                continue
            self.check_common(doc)
            if kind == "country":
                self.check_country(doc)
            elif kind == "programme":
                self.check_programme(doc)
            elif kind == "glossary":
                check_glossary(doc, set(self.content.programmes), self.add)
            elif kind == "rates":
                self.check_currency(doc, ["base"], doc.data.get("base"))
                for code in doc.data.get("rates", {}) if isinstance(doc.data.get("rates"), dict) else {}:
                    self.check_currency(doc, ["rates", code], code)
        return self.problems

    # -- checks on every document -------------------------------------------------------------
    def check_translations(self, doc: Loaded) -> None:
        """A translation must record which English text it translates, or it could drift unnoticed."""
        if doc.text is not None and not any(key in doc.text for key in (f"{SOURCE}:", f'"{SOURCE}"', f"'{SOURCE}'")):
            return  # no language map in this file
        for path, value in texts(doc.data):
            if not isinstance(value, dict) or not isinstance(value.get(SOURCE), str):
                continue
            for tag, entry in value.items():
                if tag in SAME_AS:
                    self.add(doc, path + [tag], f"write `{SAME_AS[tag]}` for this language, not `{tag}`: the site's "
                             f"pages and sheets look translations up by `{SAME_AS[tag]}`")
                elif not known_language(tag):
                    self.add(doc, path + [tag], f"`{tag}` is not a known ISO 639 language code")
                elif tag != SOURCE and isinstance(entry, str):
                    self.add(doc, path + [tag], f"a translation must say which English text it was made from, so it is "
                             f"marked as possibly outdated when the English changes; write it as "
                             f"`{tag}: {{text: ..., from_en: {written_fingerprint(value[SOURCE])}}}` ({text_hash(value[SOURCE])} is the "
                             f"fingerprint of the English text as it is now)")

    def check_common(self, doc: Loaded) -> None:
        """Dates, citations, currencies, line ranges, texts and ranges wherever they stand.

        Containers are visited from a stack with parent links, so a value costs the same however
        deep it stands; texts are looked at only when the file's text could hold what is refused.
        """
        self.check_translations(doc)
        look_at_texts = doc.text is None or may_hold_links(doc.text) or INVISIBLE.search(doc.text) is not None
        stack: list[tuple[Chain, Any]] = [((), doc.data)]
        while stack:
            chain, container = stack.pop()
            if isinstance(container, dict):
                if not RANGE_KEYS.isdisjoint(container):
                    self.check_ranges(doc, chain, container)
                pairs = container.items()
            else:
                pairs = enumerate(container)
            for key, value in pairs:
                if isinstance(value, (dict, list)):
                    stack.append(((chain, key), value))
                elif key in FACT_KEYS:
                    self.check_fact_value(doc, (chain, key), key, value)
                elif look_at_texts and isinstance(value, str):
                    self.check_text(doc, (chain, key), key, value)

    def check_fact_value(self, doc: Loaded, chain: Chain, key: str, value: Any) -> None:
        if key in DATED and isinstance(value, (str, int)):
            self.check_date(doc, steps(chain), value, observed=key in OBSERVED)
        elif key == "source" and isinstance(value, str) and doc is not self.content.sources:
            self.check_citation(doc, steps(chain[0]))
        elif key == "currency" and isinstance(value, str):
            self.check_currency(doc, steps(chain), value)
        elif key in ("lines", "page") and isinstance(value, (str, int)):
            numbers = LINE_RANGE.fullmatch(str(value))
            if numbers and numbers[2] and int(numbers[1]) > int(numbers[2]):
                self.add(doc, steps(chain), f"the range {value} runs backwards; write the lower number first")
        elif isinstance(value, str):
            self.check_text(doc, chain, key, value)

    def check_text(self, doc: Loaded, chain: Chain, key: str | int, value: str) -> None:
        """No hidden characters, no placeholder left from `factsheets new`, no link but http(s), mailto or tel."""
        if not value.isascii() and key not in PATTERNED:
            self.check_hidden(doc, chain, key, value)
        if "[@" in value or "(" in value:
            for message in citing.problems(value, set(self.sources), self._source_length):
                self.add(doc, steps(chain), message)
        if "<" in value and PLACEHOLDER.fullmatch(value.strip()):
            self.add(doc, steps(chain), f"`{value.strip()}` is a placeholder from `factsheets new`: replace it with what the source says, or remove the field")
        elif (":" in value or "](" in value) and key not in ("url", "website", "email", "number"):
            for match in MARKDOWN_LINK.finditer(value):
                target = next(g for g in match.groups() if g is not None)
                scheme = target.split(":", 1)[0].lower() if ":" in target else ""
                if scheme and scheme not in SAFE_SCHEMES or target.lower().startswith(("javascript", "data:", "vbscript")):
                    shown = f"a `{scheme}:` link" if scheme else f"the link `{target[:40]}`"
                    self.add(doc, steps(chain), f"{shown} is not allowed: links may only use http(s), mailto or tel")
                elif SCHEME_RELATIVE.match(target):
                    self.add(doc, steps(chain), f"the link `{target[:40]}` starts with two slashes, which leads to another "
                             f"site without saying how: write it in full with https://, or link only http(s), mailto or tel")

    def check_hidden(self, doc: Loaded, chain: Chain, key: str | int, value: str) -> None:
        """Names hold no invisible character; free text no bidi embedding or override (fields.INVISIBLE)."""
        name = key in NAME_KEYS
        found = hidden_characters(value, name)
        if found:
            what = ("an invisible character", "it") if len(found) == 1 else ("invisible characters", "them")
            self.add(doc, steps(chain), f"contains {', '.join(found)}, {what[0]}, which can make {'a name' if name else 'the text'} "
                     f"read as something else: remove {what[1]}{'' if name else ' (right-to-left text such as Arabic needs none)'}")

    def check_ranges(self, doc: Loaded, chain: Chain, value: dict) -> None:
        """`min` no larger than `max`, `valid_from` no later than `valid_to`."""
        if "min" in value and "max" in value:
            if all(isinstance(value[k], (int, float)) for k in ("min", "max")) and value["min"] > value["max"]:
                self.add(doc, steps(chain) + ["min"], f"`min` ({value['min']}) is larger than `max` ({value['max']})")
        if "valid_from" in value and "valid_to" in value:
            try:
                if parse_period(value["valid_from"])[0] > parse_period(value["valid_to"])[1]:
                    self.add(doc, steps(chain) + ["valid_to"], f"`valid_to` ({value['valid_to']}) is before `valid_from` ({value['valid_from']}); swap them or correct one")
            except (ValueError, OverflowError):
                pass  # reported by check_date or the schema

    def check_date(self, doc: Loaded, path: list[str | int], value: str | int, observed: bool) -> None:
        try:
            first, _ = parse_period(value)
            future = observed and first > self.today
        except ValueError:
            # The schema leaves date-shaped values that name no date to this check (dates.unreal),
            # so each gets one message that says what is wrong; any other form the schema reports.
            if not unreal(value):
                return
            future = observed and int(str(value)[:4]) > self.today.year
            if not future:
                self.add(doc, path, why_not_a_date(str(value)))
        if future:
            self.add(doc, path, f"`{value}` is in the future; {path[-1]} records when something was observed, so it cannot be later than today ({self.today})")

    def check_currency(self, doc: Loaded, path: list[str | int], code: object) -> None:
        if isinstance(code, str) and re.fullmatch(r"[A-Z]{3}", code) and code not in iso_codes("4217", "alpha_3"):
            self.add(doc, path, f"`{code}` is not an ISO 4217 currency code; use one such as NOK, DKK, EUR or USD")

    def check_citation(self, doc: Loaded, path: list[str | int]) -> None:
        fact = doc.data
        for step in path:
            fact = fact[step]
        source_id = fact["source"]
        source = self.sources.get(source_id)
        if source is None:
            self.add(doc, path + ["source"], f"source `{source_id}` is not declared in content/sources.yaml; add it there or fix the id")
            return
        if "lines" not in fact:
            return
        if "file" not in source:
            self.add(doc, path + ["lines"], f"`lines` needs a text copy of the source: source `{source_id}` has no `file`; cite a `page` instead")
            return
        if not isinstance(source["file"], str):
            return  # the schema reports the source's `file`
        length = self._report_length(source["file"])
        numbers = LINE_RANGE.fullmatch(str(fact["lines"]))
        if length is not None and numbers and int(numbers[2] or numbers[1]) > length:
            self.add(doc, path + ["lines"], f"lines {fact['lines']} are past the end of {source['file']}, which has {length} lines")

    def _source_length(self, source_id: str) -> int | None:
        """The lines of a source's text copy; None without one (or when the reports are not here)."""
        name = self.sources.get(source_id, {}).get("file")
        return self._report_length(name) if isinstance(name, str) and self.reports_dir else None

    def _report_length(self, name: str) -> int | None:
        if name not in self._report_lengths:
            path = self.reports_dir / name if self.reports_dir else None
            self._report_lengths[name] = len(path.read_text("utf-8", errors="replace").splitlines()) if path and path.is_file() else None
        return self._report_lengths[name]

    def check_page_names(self) -> None:
        """Two countries must never share a page or a sheet (both are named after the country).

        The clash is reported on the later file, or on the earlier one when the later is not checked.
        """
        seen: dict[str, Loaded | Unchecked] = {}
        for doc in self.content.countries.values():
            country = doc.country() if isinstance(doc, Unchecked) else doc.data.get("country") if isinstance(doc.data, dict) else None
            if not isinstance(country, dict) or not isinstance(country.get("name"), str) or not isinstance(country.get("code"), str):
                continue
            slug = slugify(country["name"]) or country["code"].lower()
            if slug in seen:
                blamed, other = (doc, seen[slug]) if isinstance(doc, Loaded) else (seen[slug], doc)
                if isinstance(blamed, Loaded):
                    name = blamed.data["country"]["name"]
                    self.add(blamed, ["country", "name"], f"`{shown(name)}` would share the page countries/{slug}/ "
                             f"with {other.path.name}; give each country its own English name")
            seen.setdefault(slug, doc)

    # -- countries -----------------------------------------------------------------------------
    def check_country(self, doc: Loaded) -> None:
        data = doc.data
        country = data.get("country") if isinstance(data.get("country"), dict) else {}
        code = country.get("code")
        if isinstance(code, str) and re.fullmatch(r"[A-Z]{2}", code):
            if code not in iso_codes("3166-1", "alpha_2"):
                self.add(doc, ["country", "code"], f"`{code}` is not an ISO 3166-1 alpha-2 country code")
            elif doc.path.name != f"{code.lower()}.yaml":
                self.add(doc, ["country", "code"], f"the file for {code} must be named {code.lower()}.yaml, not {doc.path.name}")
        for index, tag in enumerate(items(country, "languages")):
            if not isinstance(tag, str):
                continue
            if not known_language(tag):
                self.add(doc, ["country", "languages", index], f"`{tag}` is not a known ISO 639 language code")
        seen: dict[str, list[str | int]] = {}
        for section in ID_LISTS:
            for index, item in enumerate(items(data, section)):
                if isinstance(item, dict) and isinstance(item.get("id"), str):
                    if item["id"] in seen:
                        self.add(doc, [section, index, "id"], f"id `{item['id']}` is used twice in this file (first at {field_path(seen[item['id']])})")
                    seen.setdefault(item["id"], [section, index])
        organisations = {o.get("id") for o in items(data, "organisations") if isinstance(o, dict) and isinstance(o.get("id"), str)}
        for section in ("shelters", "job_services"):
            for index, item in enumerate(items(data, section)):
                ref = item.get("organisation") if isinstance(item, dict) else None
                if isinstance(ref, str) and ref not in organisations:
                    self.add(doc, [section, index, "organisation"], f"organisation `{ref}` is not listed under `organisations:` in this file")
        for index, item in enumerate(items(data, "programmes")):
            ref = item.get("programme") if isinstance(item, dict) else None
            if isinstance(ref, str) and ref not in self.content.programmes:
                self.add(doc, ["programmes", index, "programme"], f"programme `{ref}` does not exist in content/programmes/ (expected {ref}.yaml)")

    # -- programmes ----------------------------------------------------------------------------
    def check_programme(self, doc: Loaded) -> None:
        data = doc.data
        pid = data.get("id")
        if isinstance(pid, str) and doc.path.stem != pid:
            self.add(doc, ["id"], f"the programme `{pid}` must be in a file named {pid}.yaml, not {doc.path.name}")
        funder = data.get("funder")
        if isinstance(funder, str) and re.fullmatch(r"[A-Z]{2}", funder) and funder not in iso_codes("3166-1", "alpha_2"):
            self.add(doc, ["funder"], f"`{funder}` is not an ISO 3166-1 alpha-2 country code")
        self.check_estimate_fields(doc)
        check_costs(doc, self.add)
        short = data.get("short_name")
        if isinstance(short, str) and self.content.glossary is not None and short not in explained(self.content):
            self.add(doc, ["short_name"], f"`{shown(short)}` is not explained in content/glossary.yaml: add an entry with "
                     f"`abbreviation: {shown(short)}` (pages explain every programme's abbreviation on first use)")
        older = data.get("supersedes")
        if isinstance(older, str):
            if older == pid:
                self.add(doc, ["supersedes"], "a programme cannot supersede itself")
            elif older not in self.content.programmes:
                self.add(doc, ["supersedes"], f"`supersedes` names `{older}`, which is not a programme in content/programmes/")
            else:
                chain, current = {pid}, older
                while isinstance(current, str) and current in self.content.programmes:
                    if current in chain:
                        self.add(doc, ["supersedes"], f"`supersedes` makes a loop through `{current}`")
                        break
                    chain.add(current)
                    current = self.content.programmes[current].data.get("supersedes")

    def check_estimate_fields(self, doc: Loaded) -> None:
        """What an estimate adds up must fit together: one currency, alternatives of two or more, a known partner."""
        data = doc.data
        components = [c if isinstance(c, dict) else {} for c in items(data, "components")]
        priced = [(["package"], data.get("package"))] + [(["components", i], c) for i, c in enumerate(components)]
        written = [(path, c["currency"]) for path, c in priced if isinstance(c, dict) and isinstance(c.get("currency"), str)]
        for path, currency in written[1:]:
            if currency != written[0][1]:
                self.add(doc, path + ["currency"], f"`{currency}` differs from the programme's first amount "
                         f"({written[0][1]}): its amounts and package must be in one currency, so a total can be added up")
        choices: dict[str, list[int]] = {}
        for index, component in enumerate(components):
            if isinstance(component.get("choice"), str):
                choices.setdefault(component["choice"], []).append(index)
        for choice, members in choices.items():
            if len(members) == 1:
                self.add(doc, ["components", members[0], "choice"], f"`choice: {choice}` is on one component only; "
                         "alternatives need two or more components with the same choice (or remove it)")
        for index, entry in enumerate(items(data, "combines")):
            other = entry.get("programme") if isinstance(entry, dict) else None
            if other == data.get("id"):
                self.add(doc, ["combines", index, "programme"], "a programme cannot be combined with itself")
            elif isinstance(other, str) and other not in self.content.programmes:
                self.add(doc, ["combines", index, "programme"], f"`{other}` is not a programme in content/programmes/")


def semantic_problems(content: ContentSet, today: date, reports_dir: Path | None) -> list[Problem]:
    return Checker(content, today, reports_dir).run()

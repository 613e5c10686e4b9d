"""What changed in the facts between two versions of a content file: the comparison that `factsheets diff`
words for reviewers (editing/factdiff.py) and the site's Changes sections and feeds word for counsellors
(render/changes.py). It compares facts, not YAML lines: a reworded comment or re-indented block is no change."""
from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from ..content.fields import english
from ..content.history import History

AMOUNT_KEYS = ("amount", "max_amount", "min", "max", "currency")
CONTACT_KEYS = ("contact", "address")
CONTACT_SECTIONS = ("organisations", "shelters", "job_services")
Keyed = list[tuple[str, dict]]


def changed_keys(old: dict, new: dict, skip: tuple[str, ...] = ()) -> list[str]:
    return sorted(k for k in old.keys() | new.keys() if k not in skip and old.get(k) != new.get(k))


def canon(value: Any) -> str:
    return json.dumps(value, sort_keys=True, ensure_ascii=False, default=str)


def by_id(items: Any, key: str = "id") -> dict[str, dict]:
    if not isinstance(items, list):
        return {}
    return {str(i[key]): i for i in items if isinstance(i, dict) and key in i}


def listed(data: dict, name: str) -> list:
    value = data.get(name)
    return value if isinstance(value, list) else []


def paired(old: Any, new: Any, key: str = "id") -> tuple[list[tuple[str, dict, dict]], Keyed, Keyed]:
    """The items of two versions of a list paired by their id: ([(id, old, new)] in both, added, removed),
    each by id."""
    was, now = by_id(old, key), by_id(new, key)
    return ([(i, was[i], now[i]) for i in sorted(now.keys() & was.keys())],
            [(i, now[i]) for i in sorted(now.keys() - was.keys())], [(i, was[i]) for i in sorted(was.keys() - now.keys())])


def amount_changed(old: dict, new: dict) -> bool:
    return any(old.get(k) != new.get(k) for k in AMOUNT_KEYS)


def match(old: Keyed, new: Keyed) -> tuple[list[tuple[str, str, dict, dict]], Keyed, Keyed]:
    """Programme components paired by their key (label and type); then, among the rest, by type when it is
    unique on both sides (a relabelled component). Returns ([(new key, old key, old, new)], removed, added)."""
    old_left, new_left, pairs = dict(old), dict(new), []
    for key in [k for k, _ in new if k in old_left]:
        pairs.append((key, key, old_left.pop(key), new_left.pop(key)))
    for type_ in {c.get("type") for c in new_left.values()}:
        olds = [k for k, c in old_left.items() if c.get("type") == type_]
        news = [k for k, c in new_left.items() if c.get("type") == type_]
        if len(olds) == len(news) == 1:
            pairs.append((news[0], olds[0], old_left.pop(olds[0]), new_left.pop(news[0])))
    return pairs, list(old_left.items()), list(new_left.items())


@dataclass(frozen=True)
class Change:
    """One changed fact. `kind`: amount (old -> new), added, removed, contact (contact details changed),
    linked, unlinked (a programme), status (a programme's), file_added, file_removed. `section` is the list
    it is in (costs, organisations, shelters, job_services, programmes, components), `name` its content text."""

    kind: str
    section: str
    name: Any
    old: Any = None
    new: Any = None


def _keyed_components(programme: dict) -> Keyed:
    """Components keyed by their English label and type (a new translation is no new component)."""
    return [(f"{english(c.get('label'))} ({c.get('type', '?')})", c) for c in listed(programme, "components") if isinstance(c, dict)]


def programme_changes(old: dict, new: dict) -> list[Change]:
    """Ceilings old -> new, components added or removed, and the programme's status."""
    pairs, removed, added = match(_keyed_components(old), _keyed_components(new))
    changes = [Change("amount", "components", after.get("label"), before, after)
               for _, _, before, after in pairs if amount_changed(before, after)]
    changes += [Change("added", "components", c.get("label"), None, c) for _, c in added]
    changes += [Change("removed", "components", c.get("label"), c, None) for _, c in removed]
    if old.get("status") != new.get("status"):
        changes.append(Change("status", "programme", new.get("name"), old.get("status"), new.get("status")))
    return changes


def country_changes(old: dict, new: dict) -> list[Change]:
    """Costs old -> new, added or removed; organisations, shelters and job services added, removed or with
    new contact details; programmes linked or unlinked."""
    both, added, removed = paired(old.get("costs"), new.get("costs"))
    changes = [Change("amount", "costs", after.get("item"), before, after)
               for _, before, after in both if amount_changed(before, after)]
    changes += [Change("added", "costs", c.get("item"), None, c) for _, c in added]
    changes += [Change("removed", "costs", c.get("item"), c) for _, c in removed]
    for section in CONTACT_SECTIONS:
        both, added, removed = paired(old.get(section), new.get(section))
        changes += [Change("added", section, item.get("name"), None, item) for _, item in added]
        changes += [Change("contact", section, after.get("name"), before, after) for _, before, after in both
                    if any(before.get(k) != after.get(k) for k in CONTACT_KEYS)]
        changes += [Change("removed", section, item.get("name"), item) for _, item in removed]
    _, linked, unlinked = paired(old.get("programmes"), new.get("programmes"), "programme")
    changes += [Change("linked", "programmes", pid) for pid, _ in linked]
    changes += [Change("unlinked", "programmes", pid) for pid, _ in unlinked]
    return changes


def file_changes(path: str, old: Any, new: Any) -> list[Change]:
    """The changed facts of one content file (country or programme) between two versions of it; [] for
    other files and for a side that is not a readable mapping (the validator reports those)."""
    kind = "countries" if "/countries/" in path else "programmes" if "/programmes/" in path else None
    if kind is None or not isinstance(old, (dict, type(None))) or not isinstance(new, (dict, type(None))):
        return []
    if old is None or new is None:
        data = new if old is None else old
        country = data.get("country") if isinstance(data.get("country"), dict) else {}
        name = country.get("name") if kind == "countries" else data.get("name")
        return [Change("file_added" if old is None else "file_removed", kind, name)]
    return country_changes(old, new) if kind == "countries" else programme_changes(old, new)


@dataclass(frozen=True)
class Dated:
    """The changes one commit made to one content file."""

    sha: str
    date: str
    path: str
    changes: list[Change]


@dataclass(frozen=True)
class ChangeLog:
    """The fact changes of the recent history, newest first; `available` False without git history,
    `shallow` when only part of it is here."""

    available: bool
    shallow: bool = False
    entries: tuple[Dated, ...] = ()


def change_log(history: History) -> ChangeLog:
    """Every commit's changes per file, newest first."""
    entries = tuple(Dated(c.sha, c.date, path, changes) for c in history.commits
                    for path in sorted(c.old.keys() | c.new.keys())
                    if (changes := file_changes(path, c.old.get(path), c.new.get(path))))
    return ChangeLog(history.available, history.shallow, entries)

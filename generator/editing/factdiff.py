"""`factsheets diff BASE [HEAD]`: what a pull request changes in the facts, for the reviewer.

Reads content/ at two git revisions (HEAD omitted: the working tree) and compares facts, not YAML
lines, so a reworded comment or a re-indented block is no change at all. Prints Markdown for a
pull-request comment: per country the costs changed (old -> new, with dates and sources) and the
organisations, shelters, job services, notes and programme links added, removed or changed; per
programme its grant ceilings (a new programme that `supersedes` an old one is compared with it);
sources and exchange rates added or changed.

An amount that changed while its date (`as_of`) and its citation (`source`, `lines`, `page`) did
not is flagged: a new figure needs the date and place it comes from. Contact details that changed
without a new `last_verified` or citation are flagged the same way.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any, Callable

from ..model.factdiff import AMOUNT_KEYS, by_id, canon, changed_keys, listed, match, paired
from .review import CITATION_KEYS, Review, citation, money, one_line, where
from .revisions import Tree, Unreadable, read_revisions

RATE_WARNING = "⚠ rate changed but the rates' date and source did not"
NO_CHANGES = "No changes to the facts."
LISTS = {"organisations": "Organisations", "shelters": "Shelters", "job_services": "Job services"}


# -- programmes ------------------------------------------------------------------------------------

def _components(programme: dict) -> list[tuple[str, dict]]:
    return [(f"{one_line(c.get('label'), 80)} ({c.get('type', '?')})", c)
            for c in listed(programme, "components") if isinstance(c, dict)]


def _match(old: list[tuple[str, dict]], new: list[tuple[str, dict]]) -> tuple[list[tuple[str, dict, dict]], list[tuple[str, dict]], list[tuple[str, dict]]]:
    """Components paired as the site's Changes pair them (model/factdiff.py), a relabelled one named with its old label."""
    pairs, removed, added = match(old, new)
    return [(key if key == was else f"{key}, was “{was}”", before, after) for key, was, before, after in pairs], removed, added


PROGRAMME_FIELDS = ("status", "valid_from", "valid_to", "supersedes", "as_of", "source", "lines", "page")


def diff_programme(review: Review, old: dict, new: dict) -> list[str]:
    """Ceilings old -> new, components added or removed, status and validity changes."""
    lines: list[str] = []
    pairs, removed, added = _match(_components(old), _components(new))
    for label, before, after in pairs:
        figure = review.figure(label, before, after, old, new)
        lines += figure
        other = changed_keys(before, after, skip=(*AMOUNT_KEYS, *CITATION_KEYS, "as_of", "label", "type"))
        if other:
            lines.append(f"- {label}: {', '.join(other)} changed" if not figure else f"  - also changed: {', '.join(other)}")
    lines += [f"- added: {label}: {money(c)} ({citation(c, inherited=new)})" for label, c in added]
    lines += [f"- removed: {label}: {money(c)} ({citation(c, inherited=old)})" for label, c in removed]
    for field in PROGRAMME_FIELDS:
        if old.get(field) != new.get(field):
            lines.append(f"- {field}: {old.get(field, '–')} → {new.get(field, '–')}")
    other = changed_keys(old, new, skip=(*PROGRAMME_FIELDS, "components", "id"))
    if other:
        lines.append(f"- also changed: {', '.join(other)}")
    return lines


def _applies_to(tree: Tree, programme_id: str) -> list[str]:
    names = []
    for data in tree.values():
        if isinstance(data, dict) and isinstance(data.get("country"), dict):
            if any(isinstance(r, dict) and r.get("programme") == programme_id for r in listed(data, "programmes")):
                names.append(one_line(data["country"].get("name", data["country"].get("code", "?"))))
    return sorted(names)


def _programmes(tree: Tree) -> dict[str, tuple[str, dict]]:
    return {Path(path).stem: (path, data) for path, data in tree.items() if "/programmes/" in path and isinstance(data, dict)}


def programme_section(review: Review, path: str, old: Any, new: Any, old_tree: Tree, new_tree: Tree) -> list[str]:
    pid = Path(path).stem
    data = new if isinstance(new, dict) else old
    title = f"### Programme `{pid}`" + (f": {one_line(data.get('name'), 100)}" if isinstance(data, dict) and data.get("name") else "")
    head = [title, ""]
    countries = _applies_to(new_tree if new is not None else old_tree, pid)
    if countries:
        head += [f"Applies to: {', '.join(countries)}.", ""]
    if new is None:
        return head + [f"- programme file removed (it had {len(_components(old))} components)"]
    if old is None:
        older = new.get("supersedes")
        previous = (_programmes(old_tree).get(older) or _programmes(new_tree).get(older) or (None, None))[1] if older else None
        if previous is not None:
            return head + [f"New version of `{older}`; compared with it:", "", *(diff_programme(review, previous, new) or ["- no differences in the facts"])]
        valid = f"valid {new.get('valid_from', '?')} – {new.get('valid_to', '')}".rstrip(" –") if "valid_from" in new or "valid_to" in new else ""
        about = "; ".join(x for x in (f"status {new['status']}" if "status" in new else "", valid, citation(new)) if x)
        added = [line for line in diff_programme(review, {}, new) if line.startswith("- added: ")]
        return head + [f"New programme ({about}):", "", *(added or ["- no components yet"])]
    return head + diff_programme(review, old, new)


# -- countries -------------------------------------------------------------------------------------

def _cited_sources(data: dict) -> set[str]:
    found: set[str] = set()

    def walk(value: Any) -> None:
        if isinstance(value, dict):
            if isinstance(value.get("source"), str):
                found.add(value["source"])
            for item in value.values():
                walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)

    walk(data)
    return found


def diff_country(review: Review, old: dict, new: dict, sources: dict[str, dict] | None = None,
                 versions: dict[str, str] | None = None) -> list[str]:
    """The changes in one country file, grouped by section; [] when its facts are unchanged.

    `sources` are the declared sources (for titles), `versions` maps a programme id to the id it
    supersedes (to show a link moved to a programme's new version as one change)."""
    groups = [("Country", _general_lines(old, new)), ("Costs", _cost_lines(review, old, new))]
    groups += [(title, _contact_lines(review, old, new, section)) for section, title in LISTS.items()]
    groups.append(("Programmes", _link_lines(old, new, versions or {})))
    groups += [("Notes", _statement_lines(old, new, "notes", "topic")),
               ("Stated as absent", _statement_lines(old, new, "absent", "section")),
               ("Sources", _source_lines(old, new, sources or {}))]
    return [line for title, lines in groups if lines for line in (f"**{title}**", "", *lines, "")]


def _general_lines(old: dict, new: dict) -> list[str]:
    if not old:
        return []
    before = old.get("country") if isinstance(old.get("country"), dict) else {}
    after = new.get("country") if isinstance(new.get("country"), dict) else {}
    lines = [f"- {key}: {before.get(key, '–')} → {after.get(key, '–')}" for key in changed_keys(before, after)]
    if old.get("last_reviewed") != new.get("last_reviewed"):
        lines.append(f"- last reviewed: {old.get('last_reviewed', '–')} → {new.get('last_reviewed', '–')}")
    if old.get("summary") != new.get("summary"):
        lines.append("- summary changed")
    return lines


def _cost_lines(review: Review, old: dict, new: dict) -> list[str]:
    both, added, removed = paired(old.get("costs"), new.get("costs"))
    lines = []
    for cid, before, after in both:
        label = f"{one_line(after.get('item'), 70)} (`{cid}`)"
        figure = review.figure(label, before, after)
        lines += figure
        other = changed_keys(before, after, skip=(*AMOUNT_KEYS, *CITATION_KEYS, "as_of"))
        if other:
            lines.append(f"  - also changed: {', '.join(other)}" if figure else f"- {label}: {', '.join(other)} changed")
        elif not figure and before != after:
            lines.append(f"- {label}: date or citation changed ({citation(before)} → {citation(after)})")
    lines += [f"- added: {one_line(c.get('item'), 70)} (`{cid}`): {money(c)} ({citation(c)})" for cid, c in added]
    lines += [f"- removed: {one_line(c.get('item'), 70)} (`{cid}`): {money(c)}" for cid, c in removed]
    return lines


def _contact_lines(review: Review, old: dict, new: dict, section: str) -> list[str]:
    """Organisations, shelters or job services added, changed (contacts flagged) or removed."""
    was, now = by_id(old.get(section)), by_id(new.get(section))
    lines = []
    for iid, item in sorted(now.items()):
        name = one_line(item.get("name"), 80)
        if iid not in was:
            kind = f"{item['type']}; " if "type" in item else ""
            city = f"{item['address']['city']}; " if isinstance(item.get("address"), dict) and "city" in item["address"] else ""
            lines.append(f"- added: {name} ({kind}{city}{citation(item, 'last_verified')})")
            continue
        changed = changed_keys(was[iid], item)
        if changed:
            dated = "" if "last_verified" not in changed else f"; last verified {was[iid].get('last_verified')} → {item.get('last_verified')}"
            lines.append(f"- changed: {name}: {', '.join(k for k in changed if k != 'last_verified') or 'date'}{dated}")
            lines += review.contact(name, was[iid], item)
    lines += [f"- removed: {one_line(item.get('name'), 80)}" for iid, item in sorted(was.items()) if iid not in now]
    return lines


def _link_lines(old: dict, new: dict, versions: dict[str, str]) -> list[str]:
    """Programmes linked and unlinked; a link moved to a programme's new version is one change."""
    was, now = by_id(old.get("programmes"), "programme"), by_id(new.get("programmes"), "programme")
    lines, unlinked = [], sorted(was.keys() - now.keys())
    for pid in sorted(now.keys() - was.keys()):
        older = versions.get(pid)
        if older in unlinked:
            unlinked.remove(older)
            lines.append(f"- `{older}` → `{pid}`, its new version ({where(now[pid])}); its ceilings are compared below")
        else:
            lines.append(f"- linked: `{pid}` ({where(now[pid])})")
    lines += [f"- unlinked: `{pid}`" for pid in unlinked]
    lines += [f"- `{pid}`: {', '.join(changed_keys(was[pid], now[pid]))} changed"
              for pid in sorted(now.keys() & was.keys()) if was[pid] != now[pid]]
    return lines


def _statement_lines(old: dict, new: dict, section: str, label: str) -> list[str]:
    """Notes or statements of absence added or removed (they have no id: compared whole)."""
    was = {canon(n): n for n in listed(old, section) if isinstance(n, dict)}
    now = {canon(n): n for n in listed(new, section) if isinstance(n, dict)}
    lines = [f"- added ({n.get(label, '?')}): {one_line(n.get('text'))} ({citation(n)})" for k, n in now.items() if k not in was]
    lines += [f"- removed ({n.get(label, '?')}): {one_line(n.get('text'))}" for k, n in was.items() if k not in now]
    return lines


def _source_lines(old: dict, new: dict, sources: dict[str, dict]) -> list[str]:
    """Sources the file cites now and did not before (a new country file cites all its sources)."""
    if not old:
        return []
    titled = {sid: one_line(s.get("title_en") or s.get("title"), 80) for sid, s in sources.items()}
    return [f"- now cites `{s}`" + (f": {titled[s]}" if s in titled else "")
            for s in sorted(_cited_sources(new) - _cited_sources(old))]


def country_section(review: Review, path: str, old: Any, new: Any, sources: dict[str, dict], versions: dict[str, str]) -> list[str]:
    data = new if isinstance(new, dict) else old
    country = data.get("country") if isinstance(data.get("country"), dict) else {}
    title = f"### {one_line(country.get('name', Path(path).stem.upper()))} ({country.get('code', Path(path).stem.upper())})"
    if new is None:
        counts = ", ".join(f"{len(listed(old, s))} {s.replace('_', ' ')}" for s in ("organisations", "shelters", "job_services", "costs", "notes") if listed(old, s))
        return [title, "", f"- country file `{path}` removed" + (f" ({counts})" if counts else "")]
    lines = diff_country(review, old or {}, new, sources, versions)
    if old is None:
        return [title, "", f"New country file `{path}`.", "", *lines] if lines else [title, "", f"New country file `{path}` (no facts yet)."]
    return [title, "", *lines] if lines else []


# -- sources and rates -----------------------------------------------------------------------------

def sources_section(old: Any, new: Any) -> list[str]:
    was, now = by_id((old or {}).get("sources")), by_id((new or {}).get("sources"))
    lines = [f"- added: `{sid}`: {one_line(s.get('title_en') or s.get('title'), 100)} ({one_line(s.get('publisher'), 80)}, {s.get('published', '?')})"
             for sid, s in sorted(now.items()) if sid not in was]
    lines += [f"- changed: `{sid}`: {', '.join(changed_keys(was[sid], s))}" for sid, s in sorted(now.items()) if sid in was and was[sid] != s]
    lines += [f"- removed: `{sid}`" for sid in sorted(was.keys() - now.keys())]
    return ["### Sources", "", *lines] if lines else []


def rates_section(review: Review, old: Any, new: Any) -> list[str]:
    old, new = old or {}, new or {}
    was = old.get("rates") if isinstance(old.get("rates"), dict) else {}
    now = new.get("rates") if isinstance(new.get("rates"), dict) else {}
    lines = [f"- {key}: {old.get(key, '–')} → {new.get(key, '–')}" for key in ("base", "date", "source") if old.get(key) != new.get(key)]
    for code in sorted(was.keys() | now.keys()):
        if was.get(code) != now.get(code):
            lines.append(f"- {code}: {was.get(code, '–')} → **{now.get(code, '–')}**")
            if code in was and code in now and old.get("date") == new.get("date") and old.get("source") == new.get("source"):
                review.flags += 1
                lines.append(f"  - {RATE_WARNING}")
    return ["### Exchange rates", "", *lines] if lines else []


# -- the summary -----------------------------------------------------------------------------------

def _country_sort(tree_old: Tree, tree_new: Tree) -> Callable[[str], str]:
    def key(path: str) -> str:
        data = tree_new.get(path) if isinstance(tree_new.get(path), dict) else tree_old.get(path)
        country = data.get("country") if isinstance(data, dict) and isinstance(data.get("country"), dict) else {}
        return str(country.get("name", path))
    return key


def fact_diff(old: Tree, new: Tree, base_label: str | None = None, head_label: str | None = None) -> str:
    """The review summary as Markdown, or NO_CHANGES when no fact changed."""
    review = Review()
    changed = [p for p in sorted(old.keys() | new.keys()) if old.get(p) != new.get(p)]
    sources_now = by_id((new.get("content/sources.yaml") if isinstance(new.get("content/sources.yaml"), dict) else {}).get("sources"))
    blocks: list[list[str]] = []
    unreadable = [p for p in changed if isinstance(old.get(p), Unreadable) or isinstance(new.get(p), Unreadable)]
    for path in unreadable:
        side, problem = ("head", new[path]) if isinstance(new.get(path), Unreadable) else ("base", old[path])
        blocks.append([f"### `{path}`", "", f"- the file {problem.message} at the {side} revision: `factsheets validate {path}` says more"])
    readable = [p for p in changed if p not in unreadable]
    versions = {pid: str(data["supersedes"]) for pid, (_, data) in _programmes(new).items() if data.get("supersedes")}
    countries = sorted((p for p in readable if "/countries/" in p), key=_country_sort(old, new))
    for path in countries:
        blocks.append(country_section(review, path, old.get(path), new.get(path), sources_now, versions))
    for path in (p for p in readable if "/programmes/" in p):
        blocks.append(programme_section(review, path, old.get(path), new.get(path), old, new))
    for path in readable:
        if path.endswith("/sources.yaml"):
            blocks.append(sources_section(old.get(path), new.get(path)))
        elif path.endswith("/rates.yaml"):
            blocks.append(rates_section(review, old.get(path), new.get(path)))
        elif "/countries/" not in path and "/programmes/" not in path:
            blocks.append([f"### `{path}`", "", "- changed"])
    blocks = [b for b in blocks if b]
    if not blocks:
        return NO_CHANGES
    head = ["## Changes to the facts", ""]
    if base_label:
        head += [f"_{base_label} → {head_label or 'working tree'}_", ""]
    if review.flags:
        head += [f"> **{review.flags} change(s) marked ⚠ came without a new date or source**: please check them against the source before merging.", ""]
    body = []
    for block in blocks:
        while block and block[-1] == "":
            block = block[:-1]
        body += [*block, ""]
    return "\n".join(head + body).rstrip() + "\n"


def diff_revisions(base: str, head: str | None, cwd: Path | None = None) -> str:
    """The fact diff between two revisions of the repository around `cwd` (head None: the working tree)."""
    old, new = read_revisions(base, head, cwd)
    return fact_diff(old, new, base, head)

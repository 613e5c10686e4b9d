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

import json
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable

import yaml

from ..content.fields import english
from ..content.yamlload import StrictLoader, quick_data
from ..problems import FactsheetsError

AMOUNT_WARNING = "⚠ amount changed but date and source did not"
CONTACT_WARNING = "⚠ contact details changed but `last_verified` and source did not"
RATE_WARNING = "⚠ rate changed but the rates' date and source did not"
NO_CHANGES = "No changes to the facts."
AMOUNT_KEYS = ("amount", "max_amount", "min", "max", "currency")
CITATION_KEYS = ("source", "lines", "page")
CONTACT_KEYS = ("contact", "address")
LISTS = {"organisations": "Organisations", "shelters": "Shelters", "job_services": "Job services"}
PERIODS = {"per_month": " a month", "per_year": " a year", "per_week": " a week", "per_day": " a day",
           "per_item": " each", "per_m2_per_month": " per m² a month"}


@dataclass(frozen=True)
class Unreadable:
    """A file that is not a YAML mapping at one side of the comparison (the validator says why)."""

    message: str


Tree = dict[str, Any]  # path from the repository root ("content/countries/ml.yaml") -> data or Unreadable


# -- reading content/ at a revision ----------------------------------------------------------------

def _git(root: Path, *args: str) -> bytes:
    return subprocess.run(["git", *args], cwd=root, capture_output=True, check=True).stdout


def repository_root(start: Path | None = None) -> Path:
    """The top folder of the git repository around `start` (default: the current folder)."""
    return Path(_git(start or Path.cwd(), "rev-parse", "--show-toplevel").decode().strip())


def parse(raw: bytes) -> Any:
    """One file's data with the project's strict loader (YAML 1.2 booleans, dates kept as text)."""
    try:
        text = raw.decode("utf-8")
        data = quick_data(text, raw)
        if data is None:
            data = yaml.load(text, Loader=StrictLoader)
    except UnicodeDecodeError:
        return Unreadable("is not UTF-8 text")
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f" (line {mark.line + 1})" if mark is not None else ""
        problem = getattr(error, "problem", None) or str(error).splitlines()[0]
        return Unreadable(f"is not valid YAML{where}: {problem}")
    if not isinstance(data, dict):
        return Unreadable("does not hold a mapping of fields")
    return data


def read_tree(root: Path, revision: str | None, content: str = "content") -> Tree:
    """Every content/**.yaml at `revision` (`git ls-tree` + `git show`), or in the working tree
    when revision is None (including files not yet added to git)."""
    if revision is None:
        base = root / content
        return {p.relative_to(root).as_posix(): parse(p.read_bytes()) for p in sorted(base.rglob("*.yaml")) if p.is_file()}
    _git(root, "rev-parse", "--verify", "--quiet", f"{revision}^{{commit}}")  # a clear failure for a bad revision
    listing = _git(root, "ls-tree", "-r", "-z", "--name-only", revision, "--", f"{content}/").decode()
    names = sorted(n for n in listing.split("\0") if n.endswith(".yaml"))
    return dict(zip(names, map(parse, _blobs(root, [f"{revision}:{name}" for name in names]))))


def _blobs(root: Path, objects: list[str]) -> list[bytes]:
    """The contents of many files at once, from one `git cat-file --batch` rather than a process each."""
    out = subprocess.run(["git", "cat-file", "--batch"], cwd=root, input="".join(f"{o}\n" for o in objects).encode(),
                         capture_output=True, check=True).stdout
    blobs, at = [], 0
    for _ in objects:
        header_end = out.index(b"\n", at)
        size = int(out[at:header_end].split()[2])
        blobs.append(out[header_end + 1: header_end + 1 + size])
        at = header_end + 1 + size + 1  # the blob, then a newline
    return blobs


# -- wording ---------------------------------------------------------------------------------------

def one_line(value: Any, limit: int = 90) -> str:
    words = " ".join(english(value).split()) if not isinstance(value, (int, float)) else str(value)
    return words if len(words) <= limit else words[: limit - 1].rstrip() + "…"


def money(fact: dict) -> str:
    """`up to USD 900`, `EUR 30–45 a month`, `NOK 20000`, or `no amount`."""
    currency = fact.get("currency", "")
    if "amount" in fact:
        shown = f"{currency} {fact['amount']}"
    elif "max_amount" in fact:
        shown = f"up to {currency} {fact['max_amount']}"
    elif "min" in fact or "max" in fact:
        shown = f"{currency} {fact.get('min', '?')}–{fact.get('max', '?')}"
    else:
        return "no amount"
    return shown + PERIODS.get(str(fact.get("period")), "")


def citation(fact: dict, date_key: str = "as_of", inherited: dict | None = None) -> str:
    """`as of 2012, ramboll-2012 lines 2255-2271`: the date and where the fact stands."""
    when = fact.get(date_key, (inherited or {}).get(date_key, "?"))
    label = "last verified" if date_key == "last_verified" else "as of"
    return f"{label} {when}, {where(fact)}"


def where(fact: dict) -> str:
    """`ramboll-2012 lines 2255-2271`: the source and the place in it."""
    locator = f" lines {fact['lines']}" if "lines" in fact else (f" p. {fact['page']}" if "page" in fact else "")
    return f"{fact.get('source', '?')}{locator}"


def _same_evidence(old: dict, new: dict, date_key: str, old_base: dict | None = None, new_base: dict | None = None) -> bool:
    same_date = old.get(date_key, (old_base or {}).get(date_key)) == new.get(date_key, (new_base or {}).get(date_key))
    return same_date and all(old.get(k) == new.get(k) for k in CITATION_KEYS)


def _changed_keys(old: dict, new: dict, skip: tuple[str, ...] = ()) -> list[str]:
    return sorted(k for k in old.keys() | new.keys() if k not in skip and old.get(k) != new.get(k))


def _canon(value: Any) -> str:
    return json.dumps(value, sort_keys=True, ensure_ascii=False, default=str)


def _by_id(items: Any, key: str = "id") -> dict[str, dict]:
    if not isinstance(items, list):
        return {}
    return {str(i[key]): i for i in items if isinstance(i, dict) and key in i}


def _section(data: dict, name: str) -> list:
    value = data.get(name)
    return value if isinstance(value, list) else []


# -- figures ---------------------------------------------------------------------------------------

class Review:
    """Collects the lines of the summary and counts what the reviewer must look at."""

    def __init__(self) -> None:
        self.flags = 0

    def figure(self, label: str, old: dict, new: dict, old_base: dict | None = None, new_base: dict | None = None) -> list[str]:
        """`label: old (as of, source) → **new** (as of, source)`, flagged when only the amount moved."""
        if all(old.get(k) == new.get(k) for k in AMOUNT_KEYS):
            return []
        lines = [f"- {label}: {money(old)} ({citation(old, inherited=old_base)}) → **{money(new)}** ({citation(new, inherited=new_base)})"]
        if _same_evidence(old, new, "as_of", old_base, new_base):
            self.flags += 1
            lines.append(f"  - {AMOUNT_WARNING}: give the new figure its own `as_of` and citation")
        return lines

    def contact(self, label: str, old: dict, new: dict) -> list[str]:
        changed = [k for k in CONTACT_KEYS if old.get(k) != new.get(k)]
        if changed and _same_evidence(old, new, "last_verified"):
            self.flags += 1
            return [f"  - {CONTACT_WARNING} ({', '.join(changed)} of {label})"]
        return []


def _components(programme: dict) -> list[tuple[str, dict]]:
    return [(f"{one_line(c.get('label'), 80)} ({c.get('type', '?')})", c)
            for c in _section(programme, "components") if isinstance(c, dict)]


def _match(old: list[tuple[str, dict]], new: list[tuple[str, dict]]) -> tuple[list[tuple[str, dict, dict]], list[tuple[str, dict]], list[tuple[str, dict]]]:
    """Pairs of components by label and type; then, among the rest, by type when it is unique on both sides."""
    old_left, new_left, pairs = dict(old), dict(new), []
    for key in [k for k, _ in new if k in old_left]:
        pairs.append((key, old_left.pop(key), new_left.pop(key)))
    for type_ in {c.get("type") for c in new_left.values()}:
        olds = [k for k, c in old_left.items() if c.get("type") == type_]
        news = [k for k, c in new_left.items() if c.get("type") == type_]
        if len(olds) == len(news) == 1:
            pairs.append((f"{news[0]}, was “{olds[0]}”", old_left.pop(olds[0]), new_left.pop(news[0])))
    return pairs, list(old_left.items()), list(new_left.items())


# -- programmes ------------------------------------------------------------------------------------

PROGRAMME_FIELDS = ("status", "valid_from", "valid_to", "supersedes", "as_of", "source", "lines", "page")


def diff_programme(review: Review, old: dict, new: dict) -> list[str]:
    """Ceilings old -> new, components added or removed, status and validity changes."""
    lines: list[str] = []
    pairs, removed, added = _match(_components(old), _components(new))
    for label, before, after in pairs:
        figure = review.figure(label, before, after, old, new)
        lines += figure
        other = _changed_keys(before, after, skip=(*AMOUNT_KEYS, *CITATION_KEYS, "as_of", "label", "type"))
        if other:
            lines.append(f"- {label}: {', '.join(other)} changed" if not figure else f"  - also changed: {', '.join(other)}")
    lines += [f"- added: {label}: {money(c)} ({citation(c, inherited=new)})" for label, c in added]
    lines += [f"- removed: {label}: {money(c)} ({citation(c, inherited=old)})" for label, c in removed]
    for field in PROGRAMME_FIELDS:
        if old.get(field) != new.get(field):
            lines.append(f"- {field}: {old.get(field, '–')} → {new.get(field, '–')}")
    other = _changed_keys(old, new, skip=(*PROGRAMME_FIELDS, "components", "id"))
    if other:
        lines.append(f"- also changed: {', '.join(other)}")
    return lines


def _applies_to(tree: Tree, programme_id: str) -> list[str]:
    names = []
    for data in tree.values():
        if isinstance(data, dict) and isinstance(data.get("country"), dict):
            if any(isinstance(r, dict) and r.get("programme") == programme_id for r in _section(data, "programmes")):
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
    out: list[str] = []

    def group(title: str, lines: list[str]) -> None:
        if lines:
            out.extend([f"**{title}**", "", *lines, ""])

    before, after = old.get("country") if isinstance(old.get("country"), dict) else {}, new.get("country") if isinstance(new.get("country"), dict) else {}
    general = [f"- {key}: {before.get(key, '–')} → {after.get(key, '–')}" for key in _changed_keys(before, after)] if old else []
    if old and old.get("last_reviewed") != new.get("last_reviewed"):
        general.append(f"- last reviewed: {old.get('last_reviewed', '–')} → {new.get('last_reviewed', '–')}")
    if old and old.get("summary") != new.get("summary"):
        general.append("- summary changed")
    group("Country", general)

    old_costs, new_costs = _by_id(old.get("costs")), _by_id(new.get("costs"))
    costs = []
    for cid in sorted(new_costs.keys() & old_costs.keys()):
        label = f"{one_line(new_costs[cid].get('item'), 70)} (`{cid}`)"
        figure = review.figure(label, old_costs[cid], new_costs[cid])
        costs += figure
        other = _changed_keys(old_costs[cid], new_costs[cid], skip=(*AMOUNT_KEYS, *CITATION_KEYS, "as_of"))
        if other:
            costs.append(f"  - also changed: {', '.join(other)}" if figure else f"- {label}: {', '.join(other)} changed")
        elif not figure and old_costs[cid] != new_costs[cid]:
            costs.append(f"- {label}: date or citation changed ({citation(old_costs[cid])} → {citation(new_costs[cid])})")
    costs += [f"- added: {one_line(c.get('item'), 70)} (`{cid}`): {money(c)} ({citation(c)})"
              for cid, c in sorted(new_costs.items()) if cid not in old_costs]
    costs += [f"- removed: {one_line(c.get('item'), 70)} (`{cid}`): {money(c)}"
              for cid, c in sorted(old_costs.items()) if cid not in new_costs]
    group("Costs", costs)

    for section, title in LISTS.items():
        was, now = _by_id(old.get(section)), _by_id(new.get(section))
        lines = []
        for iid, item in sorted(now.items()):
            name = one_line(item.get("name"), 80)
            if iid not in was:
                kind = f"{item['type']}; " if "type" in item else ""
                city = f"{item['address']['city']}; " if isinstance(item.get("address"), dict) and "city" in item["address"] else ""
                lines.append(f"- added: {name} ({kind}{city}{citation(item, 'last_verified')})")
                continue
            changed = _changed_keys(was[iid], item)
            if changed:
                dated = "" if "last_verified" not in changed else f"; last verified {was[iid].get('last_verified')} → {item.get('last_verified')}"
                lines.append(f"- changed: {name}: {', '.join(k for k in changed if k != 'last_verified') or 'date'}{dated}")
                lines += review.contact(name, was[iid], item)
        lines += [f"- removed: {one_line(item.get('name'), 80)}" for iid, item in sorted(was.items()) if iid not in now]
        group(title, lines)

    links_was, links_now = _by_id(old.get("programmes"), "programme"), _by_id(new.get("programmes"), "programme")
    links, unlinked = [], sorted(links_was.keys() - links_now.keys())
    for pid in sorted(links_now.keys() - links_was.keys()):
        older = (versions or {}).get(pid)
        if older in unlinked:
            unlinked.remove(older)
            links.append(f"- `{older}` → `{pid}`, its new version ({where(links_now[pid])}); its ceilings are compared below")
        else:
            links.append(f"- linked: `{pid}` ({where(links_now[pid])})")
    links += [f"- unlinked: `{pid}`" for pid in unlinked]
    links += [f"- `{pid}`: {', '.join(_changed_keys(links_was[pid], links_now[pid]))} changed"
              for pid in sorted(links_now.keys() & links_was.keys()) if links_was[pid] != links_now[pid]]
    group("Programmes", links)

    for section, title, label in (("notes", "Notes", "topic"), ("absent", "Stated as absent", "section")):
        was_items = {_canon(n): n for n in _section(old, section) if isinstance(n, dict)}
        now_items = {_canon(n): n for n in _section(new, section) if isinstance(n, dict)}
        lines = [f"- added ({n.get(label, '?')}): {one_line(n.get('text'))} ({citation(n)})" for k, n in now_items.items() if k not in was_items]
        lines += [f"- removed ({n.get(label, '?')}): {one_line(n.get('text'))}" for k, n in was_items.items() if k not in now_items]
        group(title, lines)

    new_sources = sorted(_cited_sources(new) - _cited_sources(old))
    if new_sources and old:
        group("Sources", [f"- now cites `{s}`" + (f": {one_line((sources or {})[s].get('title_en') or (sources or {})[s].get('title'), 80)}" if s in (sources or {}) else "")
                          for s in new_sources])
    return out


def country_section(review: Review, path: str, old: Any, new: Any, sources: dict[str, dict], versions: dict[str, str]) -> list[str]:
    data = new if isinstance(new, dict) else old
    country = data.get("country") if isinstance(data.get("country"), dict) else {}
    title = f"### {one_line(country.get('name', Path(path).stem.upper()))} ({country.get('code', Path(path).stem.upper())})"
    if new is None:
        counts = ", ".join(f"{len(_section(old, s))} {s.replace('_', ' ')}" for s in ("organisations", "shelters", "job_services", "costs", "notes") if _section(old, s))
        return [title, "", f"- country file `{path}` removed" + (f" ({counts})" if counts else "")]
    lines = diff_country(review, old or {}, new, sources, versions)
    if old is None:
        return [title, "", f"New country file `{path}`.", "", *lines] if lines else [title, "", f"New country file `{path}` (no facts yet)."]
    return [title, "", *lines] if lines else []


# -- sources and rates -----------------------------------------------------------------------------

def sources_section(old: Any, new: Any) -> list[str]:
    was, now = _by_id((old or {}).get("sources")), _by_id((new or {}).get("sources"))
    lines = [f"- added: `{sid}`: {one_line(s.get('title_en') or s.get('title'), 100)} ({one_line(s.get('publisher'), 80)}, {s.get('published', '?')})"
             for sid, s in sorted(now.items()) if sid not in was]
    lines += [f"- changed: `{sid}`: {', '.join(_changed_keys(was[sid], s))}" for sid, s in sorted(now.items()) if sid in was and was[sid] != s]
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
    sources_now = _by_id((new.get("content/sources.yaml") if isinstance(new.get("content/sources.yaml"), dict) else {}).get("sources"))
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
    try:
        root = repository_root(cwd)
    except (subprocess.CalledProcessError, FileNotFoundError):
        raise FactsheetsError("not inside a git repository (run it from the project's folder)") from None
    try:
        old = read_tree(root, base)
        new = read_tree(root, head)
    except subprocess.CalledProcessError as error:
        detail = error.stderr.decode(errors="replace").strip().splitlines()
        wrong = head if head and _is_revision(root, base) else base
        raise FactsheetsError(f"`{wrong}` is not a git revision here" + (f" ({detail[-1]})" if detail else "")) from None
    return fact_diff(old, new, base, head)


def _is_revision(root: Path, revision: str) -> bool:
    try:
        _git(root, "rev-parse", "--verify", "--quiet", f"{revision}^{{commit}}")
    except subprocess.CalledProcessError:
        return False
    return True

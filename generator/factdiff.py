"""`factsheets diff BASE [HEAD]`: what a pull request changes in the facts, for the reviewer.

Reads content/ at two git revisions (or the working tree) and compares facts, not YAML lines:
amounts old -> new with their dates and sources, organisations added or removed, sources added.
An amount that changed while its date and source did not is flagged.
"""
from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path
from typing import Any

import yaml

from .model import text
from .yamlload import StrictLoader

Tree = dict[str, Any]  # path under content/ -> parsed data (or an error string)
AMOUNT_KEYS = ("amount", "max_amount", "min", "max")
LISTS = ("organisations", "shelters", "job_services")


def _git(root: Path, *args: str) -> str:
    return subprocess.run(["git", *args], cwd=root, capture_output=True, text=True, check=True).stdout


def _parse(raw: str) -> Any:
    try:
        return yaml.load(raw, Loader=StrictLoader)
    except yaml.YAMLError as error:
        return f"could not be read: {str(error).splitlines()[0]}"


def read_tree(root: Path, revision: str | None) -> Tree:
    """content/**.yaml at a revision, or in the working tree when revision is None."""
    if revision is None:
        return {str(p.relative_to(root)): _parse(p.read_text("utf-8", errors="replace"))
                for p in sorted((root / "content").rglob("*.yaml"))}
    names = _git(root, "ls-tree", "-r", "--name-only", revision, "--", "content").split()
    return {n: _parse(_git(root, "show", f"{revision}:{n}")) for n in names if n.endswith(".yaml")}


def _cited(fact: dict, fallback: dict | None = None) -> str:
    base = fallback or {}
    when = fact.get("as_of", base.get("as_of", "?"))
    where = fact.get("source", base.get("source", "?"))
    locator = f" lines {fact['lines']}" if "lines" in fact else (f" p. {fact['page']}" if "page" in fact else "")
    return f"as of {when}, {where}{locator}"


def _money(fact: dict) -> str:
    currency = fact.get("currency", "")
    if "amount" in fact:
        return f"{currency} {fact['amount']}"
    if "max_amount" in fact:
        return f"up to {currency} {fact['max_amount']}"
    if "min" in fact:
        return f"{currency} {fact['min']}–{fact.get('max')}"
    return "no amount"


def _figure_change(label: str, old: dict, new: dict, old_base: dict | None = None, new_base: dict | None = None) -> list[str]:
    if all(old.get(k) == new.get(k) for k in (*AMOUNT_KEYS, "currency")):
        return []
    line = f"- {label}: **{_money(old)}** ({_cited(old, old_base)}) → **{_money(new)}** ({_cited(new, new_base)})"
    evidence = ("as_of", "source", "lines", "page")
    same_date = old.get("as_of", (old_base or {}).get("as_of")) == new.get("as_of", (new_base or {}).get("as_of"))
    if same_date and all(old.get(k) == new.get(k) for k in evidence[1:]):
        line += "\n  - ⚠ the amount changed but its date and source did not: check the new figure's citation"
    return [line]


def _by_id(items: Any) -> dict[str, dict]:
    return {i["id"]: i for i in items if isinstance(i, dict) and "id" in i} if isinstance(items, list) else {}


def _components(programme: dict) -> dict[str, dict]:
    found = {}
    for index, component in enumerate(programme.get("components") or []):
        if isinstance(component, dict):
            found[f"{component.get('type')}: {text(component.get('label'))}" or str(index)] = component
    return found


def diff_programme(name: str, old: dict, new: dict) -> list[str]:
    lines = []
    old_parts, new_parts = _components(old), _components(new)
    for key in new_parts.keys() & old_parts.keys():
        lines += _figure_change(key, old_parts[key], new_parts[key], old, new)
    lines += [f"- added: {k} {_money(new_parts[k])} ({_cited(new_parts[k], new)})" for k in sorted(new_parts.keys() - old_parts.keys())]
    lines += [f"- removed: {k} {_money(old_parts[k])}" for k in sorted(old_parts.keys() - new_parts.keys())]
    for field in ("status", "valid_from", "valid_to", "supersedes", "as_of"):
        if old.get(field) != new.get(field):
            lines.append(f"- {field}: {old.get(field, '–')} → {new.get(field, '–')}")
    return lines


def diff_country(old: dict, new: dict) -> list[str]:
    lines = []
    old_costs, new_costs = _by_id(old.get("costs")), _by_id(new.get("costs"))
    for cid in sorted(new_costs.keys() & old_costs.keys()):
        lines += _figure_change(f"cost `{cid}` ({text(new_costs[cid].get('item'))})", old_costs[cid], new_costs[cid])
    lines += [f"- cost added: `{c}` {text(new_costs[c].get('item'))}: {_money(new_costs[c])} ({_cited(new_costs[c])})" for c in sorted(new_costs.keys() - old_costs.keys())]
    lines += [f"- cost removed: `{c}` {text(old_costs[c].get('item'))}" for c in sorted(old_costs.keys() - new_costs.keys())]
    for section in LISTS:
        before, after = _by_id(old.get(section)), _by_id(new.get(section))
        what = section.replace("_", " ").rstrip("s")
        lines += [f"- {what} added: {after[i].get('name')} ({_cited({'as_of': after[i].get('last_verified'), **after[i]})})" for i in sorted(after.keys() - before.keys())]
        lines += [f"- {what} removed: {before[i].get('name')}" for i in sorted(before.keys() - after.keys())]
        for i in sorted(after.keys() & before.keys()):
            changed = sorted(k for k in after[i].keys() | before[i].keys() if after[i].get(k) != before[i].get(k))
            if changed:
                lines.append(f"- {what} changed: {after[i].get('name')} ({', '.join(changed)})")
    refs = lambda d: {r.get("programme") for r in d.get("programmes") or [] if isinstance(r, dict)}  # noqa: E731
    lines += [f"- programme linked: {p}" for p in sorted(refs(new) - refs(old))]
    lines += [f"- programme unlinked: {p}" for p in sorted(refs(old) - refs(new))]
    for key in ("notes", "absent"):
        before, after = len(old.get(key) or []), len(new.get(key) or [])
        if before != after:
            lines.append(f"- {key}: {before} → {after}")
    return lines


def fact_diff(old: Tree, new: Tree) -> str:
    """The review summary as Markdown."""
    out: list[str] = []
    for path in sorted(old.keys() | new.keys()):
        before, after = old.get(path), new.get(path)
        if before == after:
            continue
        title = f"### `{path}`"
        if isinstance(after, str) or isinstance(before, str):
            out += [title, f"- {after if isinstance(after, str) else before}", ""]
            continue
        if before is None or after is None:
            state = "added" if before is None else "removed"
            label = (after or before or {}).get("name") or ((after or before or {}).get("country") or {}).get("name") or ""
            out += [title, f"- file {state}{': ' + str(label) if label else ''}", ""]
            continue
        if path.endswith("sources.yaml"):
            ids = lambda d: {s.get("id"): s for s in d.get("sources") or [] if isinstance(s, dict)}  # noqa: E731
            added = sorted(ids(after).keys() - ids(before).keys())
            lines = [f"- source added: `{i}` {ids(after)[i].get('title')} ({ids(after)[i].get('published')})" for i in added]
        elif "/programmes/" in path:
            lines = diff_programme(path, before, after)
        elif "/countries/" in path:
            lines = diff_country(before, after)
        else:
            lines = ["- changed"]
        if lines:
            out += [title, *lines, ""]
    if not out:
        return "No changes to the facts."
    flagged = sum("⚠" in line for line in out)
    head = ["## Changes to the facts", ""]
    if flagged:
        head += [f"**{flagged} amount(s) changed without a new date or source: please check.**", ""]
    return "\n".join(head + out).rstrip() + "\n"


def cmd_diff(args: argparse.Namespace) -> int:
    try:
        root = Path(_git(Path.cwd(), "rev-parse", "--show-toplevel").strip())
        old = read_tree(root, args.base)
        new = read_tree(root, args.head)
    except subprocess.CalledProcessError as error:
        print(f"factsheets diff: git failed: {error.stderr.strip()}", file=sys.stderr)
        return 2
    print(fact_diff(old, new))
    return 0

"""The glossary's checks a schema cannot express: one entry per id and per word, programmes that exist."""
from __future__ import annotations

from typing import Callable

from ..problems import shown
from .fields import english
from .files import ContentSet
from .yamlload import Loaded


def entries(data: object) -> list[dict]:
    found = data.get("entries") if isinstance(data, dict) else None
    return [e for e in found if isinstance(e, dict)] if isinstance(found, list) else []


def explained(content: ContentSet) -> set[str]:
    """The abbreviations the glossary explains (read even when the glossary itself is not checked)."""
    data = content.glossary.data if content.glossary is not None else None
    return {e["abbreviation"] for e in entries(data) if isinstance(e.get("abbreviation"), str)}


def check_glossary(doc: Loaded, programmes: set[str], add: Callable[[Loaded, list, str], None]) -> None:
    """An id or a word explained twice would give two anchors or two meanings for one word."""
    first: dict[str, int] = {}
    for index, entry in enumerate(entries(doc.data)):
        word = entry.get("abbreviation") or english(entry.get("term"))
        for key, value in (("id", entry.get("id")), ("abbreviation" if "abbreviation" in entry else "term", word)):
            if not isinstance(value, str) or not value:
                continue
            seen = f"{key}:{value.casefold()}"
            if seen in first:
                add(doc, ["entries", index, key], f"`{shown(value)}` is explained twice (first in entry {first[seen] + 1}); keep one entry")
            first.setdefault(seen, index)
        refs = entry.get("programmes")
        for place, ref in enumerate(refs if isinstance(refs, list) else []):
            if isinstance(ref, str) and ref not in programmes:
                add(doc, ["entries", index, "programmes", place], f"programme `{ref}` does not exist in content/programmes/ (expected {ref}.yaml)")

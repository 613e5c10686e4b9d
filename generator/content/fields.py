"""What a content field is, as validation and rendering both need to know it: which fields hold
free text (in English, or as a language map), the fingerprint that ties a translation to its
English, a country's page name, and the ISO codes a code must be one of.

Nothing here imports a later stage, nor Babel or pycountry: `factsheets validate` pays for what it uses.
"""
from __future__ import annotations

import hashlib
import importlib.util
import json
import re
import unicodedata
from functools import lru_cache
from pathlib import Path
from typing import Any

from .citing import without_citations
from .schemas import SCHEMA_DIR

SOURCE = "en"  # content is written in English; every translation is of it


# Characters that change how a text is shown without being seen themselves. Bidi controls can
# make `\u202enooremaC\u202c Cameroon` show as "Cameroon Cameroon"; zero-width ones make two names
# that look the same differ. Names and ids hold none of them (nor the other invisible format
# characters below: soft hyphen, invisible operators, tags...). Free text holds no bidi embedding or
# override (U+202A-U+202E), but may hold the marks and isolates that mixed Arabic and Latin text
# uses (U+200E, U+200F, U+061C, U+2066-U+2069) and the joiners that Persian and Indic spelling
# needs (ZWNJ U+200C, ZWJ U+200D).
BIDI_OVERRIDES = "\u202a-\u202e"
BIDI_MARKS = "\u200e\u200f\u061c\u2066-\u2069"
ZERO_WIDTH = "\u200b-\u200d\u2060\ufeff"
OTHER_INVISIBLE = "\u00ad\u180e\u2061-\u2064\u206a-\u206f\ufff9-\ufffb\U000e0001\U000e0020-\U000e007f"
INVISIBLE = re.compile(f"[{BIDI_OVERRIDES}{BIDI_MARKS}{ZERO_WIDTH}{OTHER_INVISIBLE}]")
OVERRIDES = re.compile(f"[{BIDI_OVERRIDES}]")
NAME_KEYS = frozenset({"name", "short_name", "alternate_name", "original_name"})


def hidden_characters(text: str, name: bool) -> list[str]:
    """The invisible characters a name (`name` True) or a free text may not hold, each once, as
    `U+202E RIGHT-TO-LEFT OVERRIDE`."""
    if text.isascii():
        return []
    found = dict.fromkeys((INVISIBLE if name else OVERRIDES).findall(text))
    return [f"U+{ord(c):04X} {unicodedata.name(c, 'FORMAT CHARACTER')}" for c in found]


def english(value: Any) -> str:
    """A free-text field's English: the text itself, or the `en` entry of a language map."""
    if isinstance(value, dict):
        return str(value.get(SOURCE) or "")
    return "" if value is None else str(value)


def text_hash(english: str) -> str:
    """Short fingerprint of an English text; reflowing lines or spaces does not change it, nor does a
    citation in it (`[@ramboll-2012:3806]`): correcting a line number leaves translations current."""
    return hashlib.sha256(" ".join(without_citations(english).split()).encode("utf-8")).hexdigest()[:8]


def written_fingerprint(english: str) -> str:
    """`text_hash` as an editor should write it: quoted when YAML would read it as a number
    (12345678, 755029e2), which the schema would then refuse."""
    value = text_hash(english)
    return f'"{value}"' if re.fullmatch(r"[0-9]+(e[0-9]+)?", value) else value


def slugify(name: str) -> str:
    """A country's page and sheet name: `Côte d'Ivoire` -> `cote-d-ivoire`."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-")


@lru_cache(maxsize=None)
def iso_codes(database: str, *keys: str) -> frozenset[str]:
    """The codes under `keys` in one of pycountry's ISO data files (e.g. "4217", "alpha_3"), read
    from the file: pycountry's own indexes cost ten times as long to build as validation needs."""
    spec = importlib.util.find_spec("pycountry")
    folder = Path(next(iter(spec.submodule_search_locations))) / "databases"  # type: ignore[union-attr]
    entries = json.loads((folder / f"iso{database}.json").read_text("utf-8"))[database]
    return frozenset(entry[key] for entry in entries for key in keys if key in entry)


TEXT_DEF = "/$defs/text"
NAME_DEF = "/$defs/name_text"  # a name: translated where it is a language map, as written where it is a string


@lru_cache(maxsize=None)
def text_keys(schema_dir: Path = SCHEMA_DIR, definition: str = TEXT_DEF) -> frozenset[str]:
    """Names of the fields the schemas declare as free text (a string or a language map), or as `definition`."""
    keys: set[str] = set()

    def is_text(node: Any) -> bool:
        return isinstance(node, dict) and str(node.get("$ref", "")).endswith(definition)

    def scan(node: Any) -> None:
        if isinstance(node, dict):
            for name, sub in (node.get("properties") or {}).items():
                if is_text(sub) or is_text(sub.get("items") if isinstance(sub, dict) else None):
                    keys.add(name)
            for sub in node.values():
                scan(sub)
        elif isinstance(node, list):
            for sub in node:
                scan(sub)

    for path in schema_dir.glob("*.schema.json"):
        scan(json.loads(path.read_text("utf-8")))
    return frozenset(keys)


def texts(data: Any) -> list[tuple[list[str | int], Any]]:
    """(path, value) of every free-text field in a document, in order, and every name written as a language map
    (a name written as a plain string is not translated); a local-script name is not one."""
    found: list[tuple[list[str | int], Any]] = []
    _collect_texts(data, [], text_keys(), text_keys(definition=NAME_DEF), found)
    return found


def _collect_texts(data: Any, path: list[str | int], keys: frozenset[str], names: frozenset[str], found: list) -> None:
    """Appends rather than yields: a generator per level made every text cost as many calls as it is deep."""
    if isinstance(data, dict):
        for key, value in data.items():
            if key == "name_local":
                continue
            if key in names and isinstance(value, dict) and SOURCE in value:
                found.append((path + [key], value))
            elif key in keys and (isinstance(value, str) or isinstance(value, dict) and SOURCE in value):
                found.append((path + [key], value))  # a mapping of the same name without `en` holds fields (a programme's eligibility)
            elif key in keys and isinstance(value, list):
                found += [(path + [key, i], item) for i, item in enumerate(value)
                          if isinstance(item, str) or isinstance(item, dict) and SOURCE in item]
            elif isinstance(value, (dict, list)):
                _collect_texts(value, path + [key], keys, names, found)
    elif isinstance(data, list):
        for index, item in enumerate(data):
            if isinstance(item, (dict, list)):
                _collect_texts(item, path + [index], keys, names, found)



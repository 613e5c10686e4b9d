"""Find content files, tell which kind each one is, and hold the loaded set."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

from .yamlload import Loaded, YamlError, load_yaml

# A country file's `country:` block, from its key to the next top-level line: a YAML document of
# its own, so a country's name is known without reading the rest of the file.
COUNTRY_BLOCK = re.compile(r"^country:[ \t]*\n(?:(?:[ #].*)?\n)*", re.MULTILINE)


class Unchecked:
    """A file a command was not asked about (`factsheets validate FILE`): read only when a check
    of the asked-about files needs its data, and never checked itself."""

    def __init__(self, path: Path):
        self.path = path

    @cached_property
    def data(self) -> Any:
        try:
            return load_yaml(self.path).data
        except (YamlError, OSError):
            return {}  # its own problems are reported when it is validated

    def country(self) -> Any:
        """The `country:` mapping, from that block alone when it reads on its own."""
        if "data" not in self.__dict__:
            try:
                block = COUNTRY_BLOCK.search(self.path.read_text("utf-8"))
                head = load_yaml(self.path, raw=block.group().encode("utf-8")).data if block else None
            except (YamlError, OSError, UnicodeDecodeError):
                head = None
            if isinstance(head, dict) and isinstance(head.get("country"), dict) and "name" in head["country"]:
                return head["country"]
        return self.data.get("country") if isinstance(self.data, dict) else None


@dataclass
class ContentSet:
    """Every loaded document of a content tree, by kind; files that failed to load are left out."""

    root: Path
    countries: dict[str, Loaded | Unchecked] = field(default_factory=dict)   # by file stem
    programmes: dict[str, Loaded | Unchecked] = field(default_factory=dict)  # by file stem
    sources: Loaded | None = None
    rates: Loaded | None = None

    def documents(self) -> list[tuple[str, Loaded]]:
        """Every loaded and checked document (not the ones left unchecked)."""
        docs = [("sources", self.sources), ("rates", self.rates)]
        docs += [("programme", d) for d in self.programmes.values()]
        docs += [("country", d) for d in self.countries.values()]
        return [(kind, doc) for kind, doc in docs if isinstance(doc, Loaded)]


def kind_of(path: Path) -> str | None:
    if path.parent.name == "countries":
        return "country"
    if path.parent.name == "programmes":
        return "programme"
    if path.name == "sources.yaml":
        return "sources"
    if path.name == "rates.yaml":
        return "rates"
    return None


def content_root_of(path: Path) -> Path | None:
    """The folder holding sources.yaml above `path`, so references can be resolved for one file."""
    for candidate in [path, *path.parents] if path.is_dir() else list(path.parents):
        if (candidate / "sources.yaml").exists() and (candidate / "countries").is_dir():
            return candidate
    return None


def content_files(root: Path) -> list[Path]:
    files = [root / "sources.yaml", root / "rates.yaml"]
    files += sorted((root / "programmes").glob("*.y*ml")) + sorted((root / "countries").glob("*.y*ml"))
    return [f for f in files if f.exists()]


def place(content: ContentSet, kind: str | None, doc: Loaded | Unchecked) -> None:
    if kind == "country":
        content.countries[doc.path.stem] = doc
    elif kind == "programme":
        content.programmes[doc.path.stem] = doc
    elif kind == "sources":
        content.sources = doc
    elif kind == "rates":
        content.rates = doc

"""Find content files, tell which kind each one is, and hold the loaded set."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .yamlload import Loaded


@dataclass
class ContentSet:
    """Every loaded document of a content tree, by kind; files that failed to load are left out."""

    root: Path
    countries: dict[str, Loaded] = field(default_factory=dict)   # by file stem
    programmes: dict[str, Loaded] = field(default_factory=dict)  # by file stem
    sources: Loaded | None = None
    rates: Loaded | None = None

    def documents(self) -> list[tuple[str, Loaded]]:
        docs = [("sources", self.sources), ("rates", self.rates)]
        docs += [("programme", d) for d in self.programmes.values()]
        docs += [("country", d) for d in self.countries.values()]
        return [(kind, doc) for kind, doc in docs if doc is not None]


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


def place(content: ContentSet, kind: str | None, doc: Loaded) -> None:
    if kind == "country":
        content.countries[doc.path.stem] = doc
    elif kind == "programme":
        content.programmes[doc.path.stem] = doc
    elif kind == "sources":
        content.sources = doc
    elif kind == "rates":
        content.rates = doc

"""Find content files, tell which kind each one is, and hold the loaded set."""
from __future__ import annotations

import os
import re
import stat
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

from ..problems import Problem, display_path
from .reading import cannot_read, not_a_file, what_it_is
from .yamlload import Loaded, YamlError, load_yaml, read_bytes

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
                block = COUNTRY_BLOCK.search(read_bytes(self.path).decode("utf-8"))
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
    glossary: Loaded | Unchecked | None = None

    def documents(self) -> list[tuple[str, Loaded]]:
        """Every loaded and checked document (not the ones left unchecked)."""
        docs = [("sources", self.sources), ("rates", self.rates), ("glossary", self.glossary)]
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
    if path.name == "glossary.yaml":
        return "glossary"
    return None


def content_root_of(path: Path) -> Path | None:
    """The folder holding sources.yaml above `path`, so references can be resolved for one file."""
    for candidate in [path, *path.parents] if os.path.isdir(path) else list(path.parents):
        if os.path.exists(candidate / "sources.yaml") and os.path.isdir(candidate / "countries"):
            return candidate
    return None


def content_files(root: Path) -> list[Path]:
    """The files of a content tree that are read, in reading order (see `discover` for the rest)."""
    return discover(root)[0]


ROOT_FILES = ("sources.yaml", "rates.yaml", "glossary.yaml")
FOLDER_RULES = {"programmes": "programme files are named after their id, e.g. no-varp-2012.yaml (lower-case .yaml)",
                "countries": "country files are named xx.yaml (lower-case .yaml)"}
DEEPEST = 8  # folders below a content folder that are searched for files left unread


def ignored(name: str) -> bool:
    """Editors' hidden, lock and backup files (.ml.yaml.swp, .#ml.yaml, #ml.yaml#, ml.yaml~) and READMEs."""
    return name.startswith((".", "#")) or name.endswith("~") or name == "README.md"


def shown_path(path: Path) -> str:
    """`path` as a message names it: relative to the working folder, the last part not followed
    if it is a symbolic link (the message is about the link, not about what it points to)."""
    return str(Path(display_path(path.parent)) / path.name)


class Discovery:
    """Walks a content tree: the files to read, and a located problem for everything else in it
    (a file that would not be read, a folder, FIFO or device in place of a file, a link out of
    the project, a folder that cannot be listed)."""

    def __init__(self, root: Path, project: Path | None):
        self.root = root
        self.allowed = {os.path.realpath(folder) for folder in (root, root.parent, project) if folder is not None}
        self.files: list[Path] = []
        self.problems: list[Problem] = []

    def refuse(self, path: Path, message: str) -> None:
        self.problems.append(Problem(shown_path(path), 1, 1, "", message))

    def listing(self, folder: Path) -> list[str] | None:
        """The names in `folder`, sorted; None (and a problem) when it cannot be listed."""
        try:
            return sorted(os.listdir(folder))
        except OSError as error:
            self.refuse(folder, f"this folder {cannot_read(error)}; the files in it would be left out")
            return None

    def inside(self, path: Path) -> bool:
        """Whether a symbolic link at `path` points into the project; else a problem."""
        target = os.path.realpath(path)
        if any(target == folder or target.startswith(folder.rstrip(os.sep) + os.sep) for folder in self.allowed):
            return True
        self.refuse(path, f"not read: a symbolic link to {target}, outside the project; copy the file into it instead")
        return False

    def mode(self, path: Path) -> int | None:
        """The mode of what `path` names (through a link into the project); None and a problem otherwise."""
        try:
            info = os.lstat(path)
            if stat.S_ISLNK(info.st_mode):
                if not self.inside(path):
                    return None
                info = os.stat(path)
        except OSError as error:
            self.refuse(path, cannot_read(error))
            return None
        return info.st_mode

    def regular(self, path: Path) -> None:
        """Read `path` if it is a regular file; else say what it is."""
        mode = self.mode(path)
        if mode is not None and stat.S_ISREG(mode):
            self.files.append(path)
        elif mode is not None:
            self.refuse(path, not_a_file(mode))

    def folder(self, folder: Path, rule: str) -> None:
        """The .yaml files directly in `folder`; everything else in it is a problem naming `rule`."""
        mode = self.mode(folder)
        if mode is not None and not stat.S_ISDIR(mode):
            self.refuse(folder, f"not read: this is {what_it_is(mode)}, not a folder of content files")
        names = self.listing(folder) if mode is not None and stat.S_ISDIR(mode) else None
        for name in names or ():
            path = folder / name
            if ignored(name):
                continue
            if name.endswith(".yaml"):
                self.regular(path)
            elif name.endswith(".yml"):
                self.refuse(path, "not read: name content files with .yaml, not .yml")
            else:
                spaced = " (this name ends with a space)" if name != name.rstrip() else ""
                self.unread(path, f"{rule} and stand directly in {self.root.name}/{folder.name}/", f"not read: {rule}{spaced}")

    def unread(self, path: Path, rule: str, message: str | None = None, depth: int = 0) -> None:
        """A problem for a file that is not read; for a folder, one for each file in it."""
        try:
            is_folder = stat.S_ISDIR(os.lstat(path).st_mode)
        except OSError as error:
            return self.refuse(path, cannot_read(error))
        if not is_folder:
            return self.refuse(path, message or f"not read: {rule}")
        for name in (self.listing(path) or ()) if depth < DEEPEST else ():
            if not ignored(name):
                self.unread(path / name, rule, None, depth + 1)


def discover(root: Path, project: Path | None = None) -> tuple[list[Path], list[Problem]]:
    """The files of a content tree to read, in reading order, and a problem for each file or folder
    in it that is not read or cannot be (links may point anywhere inside `project`)."""
    found = Discovery(root, project)
    names = found.listing(root) if os.path.isdir(root) else []  # a missing root: no sources.yaml, below
    if names is None:
        return [], found.problems
    if "sources.yaml" not in names:
        found.refuse(root, "no sources.yaml here: every content folder declares its sources in sources.yaml")
    for name in ROOT_FILES:
        if name in names:
            found.regular(root / name)
    for name, rule in FOLDER_RULES.items():
        if name in names:
            found.folder(root / name, rule)
    layout = f"{root.name}/ holds sources.yaml, rates.yaml, glossary.yaml, README.md and the folders countries/ and programmes/"
    for name in names:
        if name not in ROOT_FILES and name not in FOLDER_RULES and not ignored(name):
            found.unread(root / name, layout)
    return found.files, found.problems


def place(content: ContentSet, kind: str | None, doc: Loaded | Unchecked) -> None:
    if kind == "country":
        content.countries[doc.path.stem] = doc
    elif kind == "programme":
        content.programmes[doc.path.stem] = doc
    elif kind == "sources":
        content.sources = doc
    elif kind == "rates":
        content.rates = doc
    elif kind == "glossary":
        content.glossary = doc

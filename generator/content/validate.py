"""Load -> validate: every problem in a content tree, from YAML syntax to broken references."""
from __future__ import annotations

import gc
import re
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from .checks import semantic_problems
from ..config import Settings
from .files import ContentSet, Unchecked, discover, kind_of, place, shown_path
from ..problems import FIX_FIRST, ContentError, FactsheetsError, Problem, shown
from .schemas import schema_problems
from .yamlload import Loaded, YamlError, load_yaml


def load_checked(path: Path, kind: str, max_bytes: int) -> tuple[Loaded, list[Problem]]:
    """Parse and schema-check one file."""
    doc = load_yaml(path, max_bytes)
    return doc, schema_problems(doc, kind)


def canonical(path: Path) -> Path:
    """The absolute path of a file with its folder's links resolved, not its own: how `only` names files."""
    return path.absolute().parent.resolve() / path.name


# Which schema a file outside the content tree declares: a `$schema` key, else the editor's modeline.
SCHEMA_NAME = re.compile(r"(?:^|[/\\])(country|programme|sources|rates|glossary)\.schema\.json$")
MODELINE = re.compile(r"^#\s*yaml-language-server:\s*\$schema=(\S+)", re.MULTILINE)


def loose_kind(doc: Loaded) -> str:
    """The kind of a file outside content/: from its folder or name, else from its `$schema`."""
    declared = doc.data.pop("$schema", None) if isinstance(doc.data, dict) else None
    line = MODELINE.search(doc.text or "") if declared is None else None
    declared = line.group(1) if line else declared
    match = SCHEMA_NAME.search(declared) if isinstance(declared, str) else None
    kind = kind_of(doc.path) or (match.group(1) if match else None)
    if kind is None:
        said = f" (its $schema, {shown(declared, 60)}, is none of them)" if declared is not None else ""
        raise FactsheetsError(f"{shown_path(doc.path)}: cannot tell which schema applies{said}: move it into a countries/ or "
                              "programmes/ folder, or add a `$schema:` key naming one of schemas/*.schema.json")
    return kind


def validate_content(root: Path, settings: Settings, only: set[Path] | None = None,
                     loose: tuple[Path, ...] = ()) -> tuple[ContentSet, list[Problem]]:
    """All problems of a content tree, sorted by file and line; an empty list means publishable.

    With `only` (see `canonical`), the problems of those files: the others are read only as far as
    a check of these needs them (sources.yaml always, another country's name, a programme's
    `supersedes`), which keeps `factsheets validate FILE` quick however many countries there are.
    `loose` files, outside the tree, are checked as if they were in it, each against the schema
    its folder, its name or its `$schema` implies (FactsheetsError when none does).
    """
    with acyclic_allocations():
        return _validate_content(root, settings, only, loose)


@contextmanager
def acyclic_allocations() -> Iterator[None]:
    """Pause Python's cyclic garbage collector while documents are parsed and checked.

    Parsed documents are trees of dicts and lists without cycles: the collector would walk them
    again and again as they grow and find nothing to free. Measured at 200 countries: 0.90 s
    cold with the pause against 1.07 s without (mean of four runs each).
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _validate_content(root: Path, settings: Settings, only: set[Path] | None,
                      loose: tuple[Path, ...]) -> tuple[ContentSet, list[Problem]]:
    content = ContentSet(root)
    names = {path.name for path in only or ()}
    files, problems = discover(root, settings.root)
    for path in files:
        kind = kind_of(path)
        if only is not None and kind != "sources" and not (path.name in names and canonical(path) in only):
            place(content, kind, Unchecked(path))
            continue
        try:
            doc, found = load_checked(path, kind, settings.max_file_bytes)
        except YamlError as error:
            problems.append(error.problem)
            continue
        problems += found
        place(content, kind, doc)
    for path in loose:
        try:
            doc = load_yaml(path, settings.max_file_bytes)
        except YamlError as error:
            problems.append(error.problem)
            continue
        kind = loose_kind(doc)
        problems += schema_problems(doc, kind)
        place(content, kind, doc)
    reports = settings.reports_dir if settings.reports_dir.is_dir() else None
    problems += semantic_problems(content, settings.today, reports)
    return content, sorted(set(problems))


def valid_content(settings: Settings, consequence: str = FIX_FIRST) -> ContentSet:
    """The content when it is valid; else ContentError, which `cli.main` prints with what was not done."""
    content, problems = validate_content(settings.content_dir, settings)
    if problems:
        raise ContentError(problems, consequence)
    return content

"""Content files as git has them: at one revision (for `factsheets diff`), and the recent commits that
changed content/ with each changed file before and after (for the site's Changes sections and feeds).

Git runs as a subprocess; a copy of the project without its own git history (a tarball, a copy without
.git) has no history, and a shallow clone has only the part it fetched: both build, and say so.
"""
from __future__ import annotations

import json
import subprocess
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .yamlload import StrictLoader, quick_data


@dataclass(frozen=True)
class Unreadable:
    """A file that is not a YAML mapping at one side of the comparison (the validator says why)."""

    message: str


Tree = dict[str, Any]  # path from the repository root ("content/countries/ml.yaml") -> data or Unreadable


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
    return {name: parse(blob or b"") for name, blob in zip(names, _blobs(root, [f"{revision}:{name}" for name in names]))}


def _blobs(root: Path, objects: list[str]) -> list[bytes | None]:
    """The contents of many files at once, from one `git cat-file --batch` rather than a process each
    (None for a file that is not there at that revision)."""
    out = subprocess.run(["git", "cat-file", "--batch"], cwd=root, input="".join(f"{o}\n" for o in objects).encode(),
                         capture_output=True, check=True).stdout
    blobs: list[bytes | None] = []
    at = 0
    for _ in objects:
        header_end = out.index(b"\n", at)
        header = out[at:header_end]
        if header.endswith(b" missing") or header.endswith(b" ambiguous"):
            blobs.append(None)
            at = header_end + 1
            continue
        size = int(header.split()[2])
        blobs.append(out[header_end + 1: header_end + 1 + size])
        at = header_end + 1 + size + 1  # the blob, then a newline
    return blobs


@dataclass(frozen=True)
class Commit:
    """One commit that changed content/, with the changed files' data before (its parent) and after."""

    sha: str
    date: str  # the committer date, ISO 8601 with its offset
    old: Tree
    new: Tree


@dataclass(frozen=True)
class History:
    """The recent commits that changed content/, newest first; `available` False without git history,
    `shallow` True when the clone holds only part of it."""

    available: bool
    shallow: bool = False
    commits: list[Commit] = field(default_factory=list)


def read_history(root: Path, limit: int, cache: Path | None = None, content: str = "content") -> History:
    """The last `limit` commits (merges left out: their commits are listed themselves) that changed
    content/ in the repository whose top folder is `root`; each compared with its parent.

    A commit never changes, so its files' data is kept in `cache` (a JSON file) and parsed only once."""
    try:
        if Path(_git(root, "rev-parse", "--show-toplevel").decode().strip()).resolve() != root.resolve():
            return History(False)  # an unrelated repository around a copy of the project
        shallow = _git(root, "rev-parse", "--is-shallow-repository").strip() == b"true"
        log = _git(root, "-c", "core.quotePath=false", "log", "--no-merges", f"-n{limit}", "--name-only",
                   "--format=%x1e%H%x1f%P%x1f%cI", "--", f"{content}/").decode("utf-8", "replace")
    except (subprocess.CalledProcessError, FileNotFoundError, NotADirectoryError):
        return History(False)  # not a git repository, no commit yet, or no git at all
    found = []
    for record in log.split("\x1e")[1:]:
        head, _, names = record.partition("\n")
        sha, parents, date = head.split("\x1f")
        paths = [n for n in names.split("\n") if n.endswith(".yaml")]
        if parents and paths:  # a root commit adds everything; a shallow clone's oldest has no parent here
            found.append((sha, parents.split()[0], date, paths))
    known = _read_cache(cache)
    todo = [(sha, parent, paths) for sha, parent, _, paths in found if sha not in known]
    blobs = iter(_blobs(root, [f"{rev}:{path}" for sha, parent, paths in todo for rev in (parent, sha) for path in paths]))
    for sha, _, paths in todo:
        known[sha] = {path: [_data(next(blobs)), _data(next(blobs))] for path in paths}
    if cache is not None and todo:
        _write_cache(cache, {sha: known[sha] for sha, *_ in found})
    commits = [Commit(sha, date, *_trees(known[sha])) for sha, _, date, _ in found]
    return History(True, shallow, commits)


UNREADABLE = "__unreadable__"  # how the cache keeps an Unreadable


def _data(blob: bytes | None) -> Any:
    """A file's data as JSON can keep it (None: no such file at that revision)."""
    data = None if blob is None else parse(blob)
    return {UNREADABLE: data.message} if isinstance(data, Unreadable) else data


def _trees(files: dict[str, list[Any]]) -> tuple[Tree, Tree]:
    sides: tuple[Tree, Tree] = ({}, {})
    for path, pair in files.items():
        for tree, data in zip(sides, pair):
            if isinstance(data, dict) and set(data) == {UNREADABLE}:
                data = Unreadable(data[UNREADABLE])
            if data is not None:
                tree[path] = data
    return sides


def _read_cache(cache: Path | None) -> dict[str, Any]:
    try:
        known = json.loads(cache.read_text("utf-8")) if cache is not None else {}
    except (OSError, ValueError):
        return {}  # none yet, or a damaged one: read from git again
    return known if isinstance(known, dict) else {}


def _write_cache(cache: Path, known: dict[str, Any]) -> None:
    try:
        cache.parent.mkdir(parents=True, exist_ok=True)
        temporary = cache.with_name(f".{cache.name}.tmp")
        temporary.write_text(json.dumps(known, ensure_ascii=False, default=str), "utf-8")
        temporary.replace(cache)
    except OSError:
        pass  # a read-only checkout builds too, only more slowly

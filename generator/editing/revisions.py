"""Content files at a git revision, or in the working tree, read as data for `factsheets diff`."""
from __future__ import annotations

import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from ..content.yamlload import StrictLoader, quick_data
from ..problems import FactsheetsError


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


def read_revisions(base: str, head: str | None, cwd: Path | None = None) -> tuple[Tree, Tree]:
    """content/ at `base` and at `head` (None: the working tree) of the repository around `cwd`."""
    try:
        root = repository_root(cwd)
    except (subprocess.CalledProcessError, FileNotFoundError):
        raise FactsheetsError("not inside a git repository (run it from the project's folder)") from None
    try:
        return read_tree(root, base), read_tree(root, head)
    except subprocess.CalledProcessError as error:
        detail = error.stderr.decode(errors="replace").strip().splitlines()
        wrong = head if head and _is_revision(root, base) else base
        raise FactsheetsError(f"`{wrong}` is not a git revision here" + (f" ({detail[-1]})" if detail else "")) from None


def _is_revision(root: Path, revision: str) -> bool:
    try:
        _git(root, "rev-parse", "--verify", "--quiet", f"{revision}^{{commit}}")
    except subprocess.CalledProcessError:
        return False
    return True

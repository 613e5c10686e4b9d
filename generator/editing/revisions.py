"""Content at two git revisions, or one and the working tree, for `factsheets diff` (reading a revision
is content/history.py's, which the site's Changes sections share)."""
from __future__ import annotations

import subprocess
from pathlib import Path

from ..content.history import Tree, Unreadable, _git, parse, read_tree, repository_root
from ..problems import FactsheetsError

__all__ = ["Tree", "Unreadable", "parse", "read_tree", "read_revisions"]


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

"""A problem found in content, located at file:line:col so an editor can jump to it."""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

# Shown escaped in messages: control characters, and the invisible ones that reorder or hide text.
CONTROL = re.compile(r"[\x00-\x1f\x7f\u2028\u2029\u061c\u200b-\u200f\u202a-\u202e\u2060\u2066-\u2069\ufeff]")


def shown(value: Any, limit: int = 60) -> str:
    """An editor's value inside a message: one line, control characters visible, cut to `limit`."""
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False, default=str)
    text = CONTROL.sub(lambda m: json.dumps(m.group())[1:-1], text)
    return text if len(text) <= limit else text[: limit - 1] + "…"


@dataclass(frozen=True, order=True)
class Problem:
    path: str
    line: int
    column: int
    field: str
    message: str

    def text(self) -> str:
        """One line, whatever the editor wrote: values in messages can never start a line of their own."""
        field = f" {shown(self.field, 80)}:" if self.field else ""
        return f"{self.path}:{self.line}:{self.column}:{field} {shown(self.message, 300)}"

    def github(self) -> str:
        """A GitHub Actions workflow command, shown as an annotation on the changed line."""
        message = f"{shown(self.field, 80)}: {self.message}" if self.field else self.message
        message = shown(message, 380).replace("%", "%25")
        return f"::error file={self.path},line={self.line},col={self.column},title=factsheets validate::{message}"


class FactsheetsError(Exception):
    """Something the user can put right (an argument, a setting, a folder): `cli.main` prints it as
    one line, `factsheets COMMAND: message`, and exits with `code`, never with a traceback."""

    def __init__(self, message: str, code: int = 2):
        super().__init__(message)
        self.code = code


class ConfigError(FactsheetsError):
    """A setting in pyproject.toml, mkdocs.yml or the environment that cannot be used."""


FIX_FIRST = "fix them first (factsheets validate)"


class ContentError(FactsheetsError):
    """Content that cannot be built; carries every problem found, printed one per line."""

    def __init__(self, problems: list[Problem], consequence: str = FIX_FIRST):
        self.problems = sorted(problems)
        super().__init__(f"{len(problems)} problem(s) in {len({p.path for p in problems})} file(s); {consequence}.", 1)


def display_path(path: Path) -> str:
    """Paths relative to the working directory when possible: shorter and clickable in editors."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)

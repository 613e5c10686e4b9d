"""Shared fixtures. Each fixture is named for what it gives, so several test modules can add theirs here."""
from __future__ import annotations

import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from generator.cli import main as factsheets_main
from generator.config import PROJECT_ROOT

# -- validation: a small valid content tree and a way to run `factsheets validate` on it -------------

SMALL_CONTENT_FILES = ("sources.yaml", "rates.yaml", "countries/cm.yaml", "programmes/dk-prepared-return-2012.yaml")


@dataclass
class CommandResult:
    """A command's exit code and output. `err` holds its messages; `notices` the lines that only
    inform ("notice: the report copies are not here"), which depend on the machine, not the input."""

    code: int
    out: str
    err: str
    notices: str = ""

    @classmethod
    def of(cls, code: int, out: str, err: str) -> "CommandResult":
        lines = err.splitlines(keepends=True)
        return cls(code, out, "".join(l for l in lines if not l.startswith("notice: ")),
                   "".join(l for l in lines if l.startswith("notice: ")))

    @property
    def output(self) -> str:
        return self.out + self.err


@pytest.fixture
def small_content(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """tmp_path/content holding one country, one programme, sources.yaml and rates.yaml from content/.

    The working directory is tmp_path, so problems are printed as `content/countries/cm.yaml:...`.
    """
    root = tmp_path / "content"
    for name in SMALL_CONTENT_FILES:
        target = root / name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(PROJECT_ROOT / "content" / name, target)
    monkeypatch.chdir(tmp_path)
    return root


@pytest.fixture
def run_validate(capsys: pytest.CaptureFixture[str]):
    """Run `factsheets validate ARGS...` in this process; returns exit code, stdout and stderr."""

    def run(*args: str) -> CommandResult:
        capsys.readouterr()
        code = factsheets_main(["validate", *args])
        captured = capsys.readouterr()
        return CommandResult.of(code, captured.out, captured.err)

    return run


@pytest.fixture
def run_validate_process():
    """Run `python -m generator validate ARGS...` as its own process (a crash cannot take pytest down)."""

    def run(*args: str, cwd: Path | None = None) -> CommandResult:
        done = subprocess.run([sys.executable, "-m", "generator", "validate", *args], cwd=cwd, capture_output=True,
                              text=True, timeout=120)
        return CommandResult.of(done.returncode, done.stdout, done.stderr)

    return run

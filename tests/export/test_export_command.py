"""`factsheets export`, run as a user types it in a project copy: the files land where it says, and a
wrong argument is one plain line with a non-zero exit code, never a traceback."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from project_support import make_project


def export(project: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "generator", "export", *args], cwd=project, capture_output=True,
                          text=True, timeout=120, check=False)


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_project(tmp_path_factory.mktemp("export"), countries=["ml", "iq"]).root


def test_export_writes_every_format_into_data_by_default(project):
    run = export(project)

    assert run.returncode == 0, run.stderr
    assert run.stdout.startswith("exported 12 file(s) (json, csv, hsds) into data: 12 written")
    written = sorted(p.relative_to(project / "data").as_posix() for p in (project / "data").rglob("*") if p.is_file())
    assert written == ["all.json", "ceilings.csv", "costs.csv", "countries/iq.json", "countries/ml.json",
                       "datapackage.json", "hsds/locations.json", "hsds/organizations.json", "hsds/services.json",
                       "organisations.csv", "programmes.csv", "sources.csv"]
    assert json.loads((project / "data" / "countries" / "ml.json").read_text("utf-8"))["countries"][0]["country"]["code"] == "ML"


def test_one_format_into_another_folder(project, tmp_path):
    run = export(project, "--format", "csv", "--out", str(tmp_path / "out"))

    assert run.returncode == 0, run.stderr
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == [
        "ceilings.csv", "costs.csv", "datapackage.json", "organisations.csv", "programmes.csv", "sources.csv"]


@pytest.mark.parametrize(("args", "words"), [
    (["--format", "xml"], "factsheets export: --format: 'xml' is not a format; give json, csv, hsds (default: all)"),
    (["--format", "json,pdf"], "factsheets export: --format: 'pdf' is not a format"),
    (["--format", "xml", "--format", "pdf"], "factsheets export: --format: 'xml', 'pdf' are not formats"),
    (["--out", "pyproject.toml"], "factsheets export: --out: pyproject.toml is a file, not a folder"),
    (["--out", "pyproject.toml/data"], "factsheets export: pyproject.toml/data: Not a directory"),
])
def test_a_wrong_argument_is_one_plain_line_and_a_non_zero_exit(project, args, words):
    run = export(project, *args)

    assert run.returncode != 0 and run.stdout == ""
    assert "Traceback" not in run.stderr
    assert run.stderr.strip().splitlines() == [run.stderr.strip()]
    assert run.stderr.strip().startswith(words)

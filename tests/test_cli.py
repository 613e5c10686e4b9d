"""The command line: every mistake in a setting, an argument or a folder is one plain line naming it,
with an exit code, never a traceback. Each test runs `factsheets` as a user would, in a project copy."""
from __future__ import annotations

import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from generator.cli import main
from generator.config import load_settings
from generator.problems import ConfigError
from project_support import make_project


@dataclass
class Run:
    returncode: int
    stdout: str
    stderr: str


@pytest.fixture
def factsheets(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch):
    """`factsheets ARGS` in the project's folder, with environment settings, as a user types it."""

    def run(project: Path, *args: str, **env: str) -> Run:
        monkeypatch.chdir(project)
        for name, value in env.items():
            monkeypatch.setenv(name, value)
        capsys.readouterr()
        try:
            code = main(list(args))
        except SystemExit as stop:  # argparse's own usage errors
            code = int(stop.code or 0)
        out, err = capsys.readouterr()
        for name in env:
            monkeypatch.delenv(name)
        return Run(code, out, err)

    return run


def with_setting(project: Path, line: str) -> None:
    """Put one line in the project's [tool.factsheets] table, in place of the setting's own line."""
    pyproject = project / "pyproject.toml"
    key = line.split("=")[0].strip()
    text = "".join(kept for kept in pyproject.read_text("utf-8").splitlines(keepends=True) if not kept.startswith(f"{key} ="))
    pyproject.write_text(text.replace("[tool.factsheets]\n", f"[tool.factsheets]\n{line}\n"), "utf-8")


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return make_project(tmp_path, countries=["ml"]).root


def plain_one_line(run: Run) -> str:
    """The message, after checking it is one line and no traceback."""
    assert "Traceback" not in run.stderr + run.stdout
    lines = run.stderr.strip().splitlines()
    assert len(lines) == 1, run.stderr
    return lines[0]


@pytest.mark.parametrize(("setting", "words"), [
    ("stale_months = 12", "[tool.factsheets] `stale_months` must be a table of months per kind of figure, "
                          "e.g. { ceiling = 12, cost = 24, contact = 24 }; found 12"),
    ("stale_months = { ceiling = -1 }", "`stale_months` must be a table"),
    ("stale_months = { ceilings = 12 }", "`stale_months` must be a table"),
    ("stale_month = { ceiling = 12 }", "[tool.factsheets] `stale_month` is not a setting; did you mean `stale_months`?"),
    ("colour = 'red'", "`colour` is not a setting; the settings are content_dir, docs_dir"),
    ('languages = ["en", "sv"]', "`languages` names sv, which has no mkdocs.sv.yml"),
    ('languages = "en"', "`languages` must be a list of language tags"),
    ("max_file_bytes = '1 MB'", "`max_file_bytes` must be a whole number of bytes"),
    ("site_url = 'example.org'", "`site_url` must be the site's address"),
    ("languages = [", "pyproject.toml: "),
])
def test_a_wrong_setting_is_named_with_the_form_it_takes(factsheets, project, setting, words):
    with_setting(project, setting)

    run = factsheets(project, "validate")

    assert run.returncode == 2
    assert words in plain_one_line(run)
    assert plain_one_line(run).startswith("factsheets validate: ")


def test_a_setting_is_checked_the_same_when_the_code_reads_it(project):
    with_setting(project, "stale_months = 12")

    with pytest.raises(ConfigError, match="`stale_months` must be a table"):
        load_settings(project)


@pytest.mark.parametrize(("env", "words"), [
    ({"FACTSHEETS_TODAY": "tomorrow"}, "FACTSHEETS_TODAY: must be a date written YYYY-MM-DD; found 'tomorrow'"),
    ({"FACTSHEETS_REPORTS": "/no/such/folder"}, "FACTSHEETS_REPORTS: /no/such/folder is not a folder of report copies"),
    ({"FACTSHEETS_SITE_URL": "ftp://example.org"}, "FACTSHEETS_SITE_URL: must be the site's address"),
])
def test_a_wrong_environment_setting_is_named(factsheets, project, env, words):
    run = factsheets(project, "stale", **env)

    assert run.returncode == 2
    assert words in plain_one_line(run)


def test_a_broken_mkdocs_yml_is_located(factsheets, project):
    (project / "mkdocs.yml").write_text("site_name: x\nnav: [\n", "utf-8")

    run = factsheets(project, "validate")

    assert run.returncode == 2
    assert plain_one_line(run).startswith("factsheets validate: mkdocs.yml:")


@pytest.mark.parametrize(("args", "code", "words"), [
    (["validate", "content/countries/zz.yaml"], 2, "factsheets validate: content/countries/zz.yaml: no such file or folder"),
    (["pdf", "ZZ"], 2, "factsheets pdf: no country with code 'ZZ'"),
    (["stale", "--older-than", "soon"], 2, "factsheets stale: --older-than:"),
    (["new", "ML"], 1, "factsheets new: "),
    (["new", "XX"], 2, "is not an ISO 3166-1 alpha-2 country code"),
])
def test_a_wrong_argument_gets_one_line_and_an_exit_code(factsheets, project, args, code, words):
    run = factsheets(project, *args)

    assert run.returncode == code
    assert words in plain_one_line(run)


def test_argument_syntax_is_argparse_usage_not_a_traceback(factsheets, project):
    run = factsheets(project, "pdf", "--lang", "not a tag")

    assert run.returncode == 2 and "Traceback" not in run.stderr
    assert "'not a tag' is not a language tag" in run.stderr


def test_content_problems_in_another_command_are_listed_then_summed_up(factsheets, project):
    mali = project / "content" / "countries" / "ml.yaml"
    mali.write_text(mali.read_text("utf-8").replace("code: ML", "code: ML\n  colour: red", 1), "utf-8")

    run = factsheets(project, "stale")

    assert run.returncode == 1
    assert "content/countries/ml.yaml:" in run.stdout and "unknown field `colour`" in run.stdout
    assert plain_one_line(run) == "factsheets stale: 1 problem(s) in 1 file(s); fix them first (factsheets validate)."


def test_a_reader_that_stops_early_is_no_error(project):
    """`factsheets stale | head -1`: the pipe closes, the command ends quietly."""
    run = subprocess.run(f"{sys.executable} -m generator stale | head -1", shell=True, cwd=project, capture_output=True,
                         text=True, timeout=120)

    assert run.returncode == 0 and run.stdout.strip()
    assert "Traceback" not in run.stderr and "BrokenPipe" not in run.stderr

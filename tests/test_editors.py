"""The editors' workflow: a new file that validates, stale figures, a fact diff for reviewers, CI wiring."""
from __future__ import annotations

import re
import shutil
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
import yaml

from generator.build import load_catalogue
from generator.config import PROJECT_ROOT, load_settings
from generator.factdiff import fact_diff, read_tree
from generator.scaffold import ScaffoldError, write_new_country
from generator.stale import parse_age, stale_facts
from generator.validate import validate_content
from generator.yamlload import StrictLoader


@pytest.fixture
def content(tmp_path: Path) -> Path:
    shutil.copytree(PROJECT_ROOT / "content", tmp_path / "content")
    return tmp_path / "content"


def settings_for(content: Path, **overrides):
    return load_settings(content.parent, reports_dir=PROJECT_ROOT.parent / "shared" / "seeds", **overrides)


def uncomment_examples(text: str) -> str:
    """What an editor does with a section: drop the `# ` before the example lines."""
    return "\n".join(line[2:] if line.startswith("# ") and "yaml-language-server" not in line else line
                     for line in text.splitlines()) + "\n"


# -- factsheets new -------------------------------------------------------------------------------

def test_a_new_country_file_validates_as_written_and_once_its_examples_are_filled_in(content):
    path = write_new_country("ke", content, date(2026, 11, 22))
    assert path.name == "ke.yaml" and "name: Kenya" in path.read_text()
    assert validate_content(content, settings_for(content))[1] == []
    path.write_text(uncomment_examples(path.read_text()))
    data = yaml.safe_load(path.read_text())
    assert {"organisations", "shelters", "job_services", "costs", "notes", "absent", "programmes"} <= set(data)
    assert validate_content(content, settings_for(content))[1] == []


def test_new_refuses_an_unknown_code_and_never_overwrites(content):
    with pytest.raises(ScaffoldError) as unknown:
        write_new_country("XX", content, date.today())
    assert unknown.value.code == 2 and "ISO 3166-1" in str(unknown.value)
    before = (content / "countries" / "ml.yaml").read_text()
    with pytest.raises(ScaffoldError) as existing:
        write_new_country("ML", content, date.today())
    assert existing.value.code == 1
    assert (content / "countries" / "ml.yaml").read_text() == before


# -- factsheets stale -----------------------------------------------------------------------------

def test_stale_lists_an_old_figure_and_not_a_fresh_one(content):
    mali = content / "countries" / "ml.yaml"
    data = yaml.load(mali.read_text(), Loader=StrictLoader)
    data["costs"][0]["as_of"] = "2026-10"
    data["costs"][0]["item"] = "A fresh price"
    data["costs"][1]["item"] = "An old price"
    mali.write_text(yaml.safe_dump(data, allow_unicode=True))
    catalogue = load_catalogue(settings_for(content, today=date(2026, 11, 22)))
    rows = dict((country.code, facts) for country, facts in stale_facts(catalogue))
    labels = [fact.label for fact in rows["ML"]]
    assert "An old price" in labels and "A fresh price" not in labels
    ages = [fact.age.end for fact in rows["ML"]]
    assert ages == sorted(ages)  # oldest first


def test_stale_with_an_explicit_age():
    assert parse_age("12m") == 12 and parse_age("2y") == 24
    with pytest.raises(ValueError):
        parse_age("soon")
    run = subprocess.run([sys.executable, "-m", "generator", "stale", "--older-than", "1y", "--format", "markdown"],
                         capture_output=True, text=True, cwd=PROJECT_ROOT)
    assert run.returncode == 0
    assert "| section | item | date | age | source |" in run.stdout
    assert re.search(r"\d+ of \d+ dated figures and contacts are older than 12 months", run.stdout)


# -- factsheets diff ------------------------------------------------------------------------------

@pytest.fixture
def repo(tmp_path: Path) -> Path:
    root = tmp_path / "repo"
    shutil.copytree(PROJECT_ROOT / "content", root / "content")
    subprocess.run(["git", "init", "-q", "-b", "main"], cwd=root, check=True)
    commit(root, "base")
    return root


def commit(root: Path, message: str) -> None:
    git = ["git", "-c", "user.name=Editor", "-c", "user.email=editor@example.org"]
    subprocess.run([*git, "add", "-A"], cwd=root, check=True)
    subprocess.run([*git, "commit", "-qm", message], cwd=root, check=True)


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text()
    assert old in text
    path.write_text(text.replace(old, new, 1))


def test_diff_names_a_changed_ceiling_with_old_and_new_values_and_flags_a_missing_new_date(repo):
    edit(repo / "content/programmes/dk-prepared-return-2012.yaml", "max_amount: 900", "max_amount: 1200")
    commit(repo, "raise housing ceiling")
    summary = fact_diff(read_tree(repo, "HEAD~1"), read_tree(repo, "HEAD"))
    assert "up to USD 900" in summary and "up to USD 1200" in summary
    assert "⚠ the amount changed but its date and source did not" in summary


def test_diff_does_not_flag_an_amount_that_comes_with_a_new_date_and_lists_added_organisations(repo):
    mali = repo / "content/countries/ml.yaml"
    data = yaml.safe_load(mali.read_text())
    cost = data["costs"][0]
    old_value = cost.get("amount", cost.get("min"))
    key = "amount" if "amount" in cost else "min"
    cost[key] = old_value + 5
    cost["as_of"] = "2026-10"
    data["organisations"].append({"id": "new-ngo", "name": "New Bamako NGO", "type": "ngo", "last_verified": "2026-10",
                                  "source": "ramboll-2012", "lines": "2314-2320"})
    mali.write_text(yaml.safe_dump(data, allow_unicode=True))
    commit(repo, "update Mali")
    summary = fact_diff(read_tree(repo, "HEAD~1"), read_tree(repo, "HEAD"))
    assert f"EUR {old_value}" in summary or f"EUR {old_value}–" in summary
    assert "⚠" not in summary
    assert "organisation added: New Bamako NGO" in summary


def test_diff_of_an_unchanged_tree_says_so(repo):
    assert fact_diff(read_tree(repo, "HEAD"), read_tree(repo, None)) == "No changes to the facts."


def test_diff_command_reads_git_revisions_of_the_project():
    run = subprocess.run([sys.executable, "-m", "generator", "diff", "HEAD"], capture_output=True, text=True, cwd=PROJECT_ROOT)
    assert run.returncode == 0 and run.stdout.strip()


# -- repository workflow --------------------------------------------------------------------------

def make_targets() -> set[str]:
    return set(re.findall(r"^([a-zA-Z][\w-]*):", (PROJECT_ROOT / "Makefile").read_text(), re.M))


def test_workflows_call_only_existing_make_targets():
    used = set()
    for workflow in (PROJECT_ROOT / ".github" / "workflows").glob("*.yml"):
        for job in yaml.safe_load(workflow.read_text())["jobs"].values():
            for step in job.get("steps", []):
                used |= set(re.findall(r"\bmake\s+([a-zA-Z][\w-]*)", step.get("run", "")))
    assert {"site", "test", "validate"} <= used
    assert used <= make_targets()


def test_pre_commit_runs_the_validator_on_content_files():
    hook = yaml.safe_load((PROJECT_ROOT / ".pre-commit-config.yaml").read_text())["repos"][0]["hooks"][0]
    assert "factsheets validate" in hook["entry"] and re.search(hook["files"], "content/countries/ml.yaml")

"""The editors' workflow, as an editor and a reviewer use it.

- `factsheets new KE` writes a file that validates as written, and again once its examples are
  uncommented and filled in;
- `factsheets stale` lists what is past its age, oldest first;
- `factsheets diff BASE [HEAD]` summarises a pull request's changes in the facts for the reviewer
  and flags an amount that changed without a new date or source;
- the pre-commit hook and the GitHub workflows call the same commands and make targets as the README.

Real files, real git repositories in tmp_path, no mocks.
"""
from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from datetime import date
from pathlib import Path

import pycountry
import pytest
import yaml

from generator.model.catalogue import load_catalogue
from generator.config import PROJECT_ROOT, load_settings
from generator.editing.factdiff import NO_CHANGES, fact_diff
from generator.editing.review import AMOUNT_WARNING
from generator.editing.revisions import read_tree
from generator.model.catalogue import country_name
from generator.editing.scaffold import ScaffoldError, render_template, write_new_country
from generator.editing.stale import parse_age, report, stale_facts
from generator.content.validate import validate_content
from generator.content.yamlload import StrictLoader

REPORTS = PROJECT_ROOT.parent / "shared" / "seeds"
TODAY = date(2026, 11, 22)


def factsheets(*args: str, cwd: Path = PROJECT_ROOT, **env: str) -> subprocess.CompletedProcess:
    """Run the `factsheets` command as an editor would, in its own process."""
    script = Path(sys.executable).with_name("factsheets")
    command = [str(script)] if script.exists() else [sys.executable, "-m", "generator"]
    return subprocess.run([*command, *args], cwd=cwd, capture_output=True, text=True, timeout=300,
                          env={**os.environ, **env})


def load(text: str) -> dict:
    return yaml.load(text, Loader=StrictLoader)


@pytest.fixture
def content(tmp_path: Path) -> Path:
    """A content tree without countries: the sources, the rates and every programme."""
    root = tmp_path / "content"
    (root / "countries").mkdir(parents=True)
    shutil.copytree(PROJECT_ROOT / "content" / "programmes", root / "programmes")
    for name in ("sources.yaml", "rates.yaml"):
        shutil.copy2(PROJECT_ROOT / "content" / name, root / name)
    return root


def settings_for(content: Path, **overrides):
    return load_settings(content.parent, reports_dir=REPORTS, today=TODAY, **overrides)


def problems(content: Path) -> list[str]:
    return [p.text() for p in validate_content(content, settings_for(content))[1]]


# -- factsheets new -------------------------------------------------------------------------------

def uncomment_examples(text: str) -> str:
    """What an editor does with each section: delete the `# ` in front of the example lines."""
    first, *rest = text.splitlines()
    return "\n".join([first, *(line[2:] if line.startswith("# ") else line for line in rest)]) + "\n"


def fill_in(text: str) -> str:
    """...and replace every <placeholder> with a value from the source (here: the value it shows)."""
    return re.sub(r"<([^<>\n]*)>", r"\1", text)


def test_a_new_country_file_validates_as_written(content):
    path = write_new_country("ke", content, TODAY)
    assert path == content / "countries" / "ke.yaml"
    text = path.read_text("utf-8")
    assert text.startswith("# yaml-language-server: $schema=../../schemas/country.schema.json\n")
    assert load(text) == {"country": {"code": "KE", "name": "Kenya"}, "last_reviewed": "2026-11-22"}
    for section in ("summary", "programmes", "organisations", "shelters", "job_services", "costs", "notes", "absent"):
        assert f"\n# {section}:" in text, f"no commented example of {section}"
    assert problems(content) == []


def test_a_new_country_file_still_validates_once_its_examples_are_filled_in(content):
    path = write_new_country("KE", content, TODAY)
    path.write_text(fill_in(uncomment_examples(path.read_text("utf-8"))), "utf-8")
    data = load(path.read_text("utf-8"))
    assert {"summary", "programmes", "organisations", "shelters", "job_services", "costs", "notes", "absent"} <= set(data)
    assert data["programmes"][0]["programme"] == "dk-prepared-return-2012"
    assert data["country"]["languages"] and data["country"]["currency"] == "KES"
    assert problems(content) == []


def test_an_example_uncommented_but_not_filled_in_is_refused(content):
    path = write_new_country("KE", content, TODAY)
    path.write_text(uncomment_examples(path.read_text("utf-8")), "utf-8")
    found = problems(content)
    assert any("organisations[0].last_verified" in p and "`<2012>`" in p for p in found), found
    assert any("costs[0].min" in p for p in found), found


def test_every_iso_country_gets_its_name_and_code_written_safely():
    for country in pycountry.countries:
        data = load(render_template(country.alpha_2, TODAY))
        assert data["country"] == {"code": country.alpha_2, "name": country_name(country.alpha_2)}


def test_new_refuses_an_unknown_code(content):
    with pytest.raises(ScaffoldError) as unknown:
        write_new_country("XX", content, TODAY)
    assert unknown.value.code == 2 and "not an ISO 3166-1 alpha-2 country code" in str(unknown.value)
    with pytest.raises(ScaffoldError) as alpha3:
        write_new_country("KEN", content, TODAY)
    assert "did you mean KE (Kenya)?" in str(alpha3.value)
    assert list((content / "countries").iterdir()) == []


def test_new_never_overwrites_a_file(content):
    path = write_new_country("ML", content, TODAY)
    path.write_text(path.read_text("utf-8") + "# the editor's work\n", "utf-8")
    with pytest.raises(ScaffoldError) as existing:
        write_new_country("ml", content, TODAY)
    assert existing.value.code == 1 and "already exists" in str(existing.value)
    assert path.read_text("utf-8").endswith("# the editor's work\n")


def test_the_new_command_refuses_with_exit_codes_and_writes_nothing():
    """On the real project, only the refusals: they must not write."""
    existing = sorted((PROJECT_ROOT / "content" / "countries").glob("*.yaml"))[0]
    before = existing.read_bytes()
    taken = factsheets("new", existing.stem.upper())
    assert taken.returncode == 1 and "already exists" in taken.stderr
    assert existing.read_bytes() == before
    unknown = factsheets("new", "XX")
    assert unknown.returncode == 2 and "`XX` is not an ISO 3166-1 alpha-2 country code" in unknown.stderr
    assert not (PROJECT_ROOT / "content" / "countries" / "xx.yaml").exists()


# -- factsheets stale -----------------------------------------------------------------------------

COUNTRY_WITH_TWO_PRICES = """\
# yaml-language-server: $schema=../../schemas/country.schema.json
country:
  code: ML
  name: Mali
last_reviewed: 2026-11-20
costs:
  - id: room-2012
    item: Room in Bamako, the 2012 price
    category: rent
    amount: 91
    currency: EUR
    period: per_month
    as_of: 2012
    source: ramboll-2012
    lines: "2361-2362"
  - id: room-now
    item: Room in Bamako, this month's price
    category: rent
    amount: 120
    currency: EUR
    period: per_month
    as_of: 2026-11
    source: ramboll-2012
    lines: "2361-2362"
"""


def test_stale_lists_an_old_figure_and_not_a_fresh_one(content):
    (content / "countries" / "ml.yaml").write_text(COUNTRY_WITH_TWO_PRICES, "utf-8")
    catalogue = load_catalogue(settings_for(content))
    [(mali, facts)] = stale_facts(catalogue)
    assert mali.code == "ML"
    costs = [(f.label, f.age.written, f.age.months) for f in facts if f.section == "costs"]
    assert costs == [("Room in Bamako, the 2012 price", "2012", 166)]
    # VARP is open to returnees to any country, so its three 2012 tiers are on Mali's page too
    assert [f.label for f in facts if f.section == "programmes"] == [
        "VARP: Reintegration support, highest tier", "VARP: Reintegration support, lowest tier",
        "VARP: Reintegration support, middle tier"]
    printed = report(catalogue)
    assert "Mali (ML): 4 to re-check" in printed and "ramboll-2012 lines 2361-2362" in printed
    assert "this month's price" not in printed
    assert printed.splitlines()[-1].startswith("4 of 5 dated figures and contacts are past their age")


def test_stale_with_an_age_given_lists_oldest_first(content):
    (content / "countries" / "ml.yaml").write_text(COUNTRY_WITH_TWO_PRICES.replace("as_of: 2026-11", "as_of: 2020-06"), "utf-8")
    catalogue = load_catalogue(settings_for(content))
    costs = lambda found: [f.age.written for _, facts in found for f in facts if f.section == "costs"]  # noqa: E731
    assert costs(stale_facts(catalogue, parse_age("2y"))) == ["2012", "2020-06"]
    assert costs(stale_facts(catalogue, parse_age("10y"))) == ["2012"]
    assert stale_facts(catalogue, parse_age("20y")) == []
    assert report(catalogue, parse_age("20y")).startswith("0 of 5 dated figures and contacts are older than 240 months")


def test_ages_are_written_in_months_or_years():
    assert parse_age("12m") == 12 and parse_age("2y") == 24 and parse_age(" 18M ") == 18
    with pytest.raises(ValueError, match="12m"):
        parse_age("soon")


def test_the_stale_command_prints_a_markdown_table_per_country():
    run = factsheets("stale", "--older-than", "1y", "--format", "markdown", FACTSHEETS_TODAY="2026-11-22")
    assert run.returncode == 0, run.stderr
    assert "| section | item | date | age (months) | source |" in run.stdout
    assert re.search(r"^### .+ \([A-Z]{2}\)$", run.stdout, re.M)
    assert re.search(r"^\d+ of \d+ dated figures and contacts are older than 12 months", run.stdout.splitlines()[-1])


def test_the_stale_command_refuses_a_wrong_age():
    run = factsheets("stale", "--older-than", "soon")
    assert run.returncode == 2 and "12m" in run.stderr


# -- factsheets diff ------------------------------------------------------------------------------

def git(root: Path, *args: str) -> str:
    identity = ["-c", "user.name=Editor", "-c", "user.email=editor@example.org", "-c", "commit.gpgsign=false"]
    return subprocess.run(["git", *identity, *args], cwd=root, capture_output=True, text=True, check=True).stdout


def commit(root: Path, message: str) -> None:
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", message)


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A git repository holding a copy of content/ in one commit: the base of a pull request."""
    root = tmp_path / "repo"
    shutil.copytree(PROJECT_ROOT / "content", root / "content")
    git(root, "init", "-q", "-b", "main")
    commit(root, "content as on main")
    return root


def summary(repo: Path) -> str:
    """What a reviewer sees for the last commit."""
    return fact_diff(read_tree(repo, "HEAD~1"), read_tree(repo, "HEAD"))


CEILINGS = "no-pran-2012"  # a programme with a ceiling ("up to") that a country page uses


def first_ceiling(repo: Path) -> tuple[Path, dict]:
    path = repo / "content" / "programmes" / f"{CEILINGS}.yaml"
    return path, next(c for c in load(path.read_text("utf-8"))["components"] if "max_amount" in c)


def edit_line(path: Path, old: str, new: str) -> None:
    """Change one line in place, as an editor does in a text editor."""
    text = path.read_text("utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), "utf-8")


def a_country_with_costs(repo: Path) -> tuple[Path, dict]:
    for path in sorted((repo / "content" / "countries").glob("*.yaml")):
        data = load(path.read_text("utf-8"))
        if data.get("costs") and data.get("organisations"):
            return path, data
    pytest.skip("no country with costs and organisations in content/")


def test_diff_names_a_changed_ceiling_with_old_and_new_values_and_flags_it(repo):
    path, ceiling = first_ceiling(repo)
    old = ceiling["max_amount"]
    edit_line(path, f"max_amount: {old}", f"max_amount: {old + 300}")
    commit(repo, "raise a ceiling, forget its date and source")
    text = summary(repo)
    assert f"### Programme `{CEILINGS}`" in text
    assert f"up to {ceiling['currency']} {old} (as of 2012" in text
    assert f"**up to {ceiling['currency']} {old + 300}**" in text
    assert AMOUNT_WARNING in text and "1 change(s) marked ⚠" in text


def test_diff_does_not_flag_a_new_amount_that_comes_with_its_new_date(repo):
    path, data = a_country_with_costs(repo)
    cost = data["costs"][0]
    key = "amount" if "amount" in cost else "min"
    old = cost[key]
    cost[key] = old + 5
    cost["as_of"] = "2026-10"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), "utf-8")
    commit(repo, "a new price with its date")
    text = summary(repo)
    assert f"### {data['country']['name']} ({data['country']['code']})" in text
    assert f"{cost['currency']} {old}" in text and f"{cost['currency']} {old + 5}" in text
    assert "as of 2026-10" in text
    assert "⚠" not in text


def test_diff_flags_a_new_cost_amount_under_the_old_date_and_source(repo):
    path, data = a_country_with_costs(repo)
    cost = data["costs"][0]
    key = "amount" if "amount" in cost else "max"
    cost[key] = cost[key] + 10
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), "utf-8")
    commit(repo, "a new price, the old citation")
    assert AMOUNT_WARNING in summary(repo)


def test_diff_lists_an_added_organisation_and_a_new_source(repo):
    path, data = a_country_with_costs(repo)
    data["organisations"].append({"id": "new-ngo", "name": "New Returnee Support NGO", "type": "ngo", "last_verified": "2026-10",
                                  "source": "iom-2026", "page": 4, "address": {"city": "Bamako"}})
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), "utf-8")
    with (repo / "content" / "sources.yaml").open("a", encoding="utf-8") as sources:
        sources.write("  - id: iom-2026\n    title: Reintegration services directory\n    publisher: IOM\n"
                      "    published: 2026-10\n    type: international_org\n")
    commit(repo, "a new organisation from a new source")
    text = summary(repo)
    assert "- added: New Returnee Support NGO (ngo; Bamako; last verified 2026-10, iom-2026 p. 4)" in text
    assert "- now cites `iom-2026`: Reintegration services directory" in text
    assert "### Sources" in text and "- added: `iom-2026`: Reintegration services directory (IOM, 2026-10)" in text


def test_diff_compares_a_new_programme_version_with_the_one_it_supersedes(repo):
    """The README's way to update a ceiling: a new file that supersedes the old, countries pointed at it."""
    programmes = repo / "content" / "programmes"
    _, ceiling = first_ceiling(repo)
    new = CEILINGS.replace("2012", "2026")
    text = (programmes / f"{CEILINGS}.yaml").read_text("utf-8")
    text = text.replace(f"id: {CEILINGS}", f"id: {new}\nsupersedes: {CEILINGS}")
    text = text.replace("\nas_of: 2012\n", "\nas_of: 2026-06\n").replace(f"max_amount: {ceiling['max_amount']}", "max_amount: 1500", 1)
    (programmes / f"{new}.yaml").write_text(text, "utf-8")
    for country in (repo / "content" / "countries").glob("*.yaml"):
        if f"programme: {CEILINGS}" in country.read_text("utf-8"):
            edit_line(country, f"programme: {CEILINGS}", f"programme: {new}")
    commit(repo, "new ceilings")
    text = summary(repo)
    assert f"New version of `{CEILINGS}`; compared with it:" in text
    assert f"up to {ceiling['currency']} {ceiling['max_amount']} (as of 2012" in text
    assert f"**up to {ceiling['currency']} 1500** (as of 2026-06" in text
    assert f"`{CEILINGS}` → `{new}`, its new version" in text
    assert "⚠" not in text


def test_diff_of_an_unchanged_tree_says_so_in_one_line(repo):
    (repo / "content" / "README.md").write_text("reworded\n", "utf-8")  # not a fact
    edit_line(repo / "content" / "sources.yaml", "# Every source", "# Each source")  # a comment is not a fact either
    assert fact_diff(read_tree(repo, "HEAD"), read_tree(repo, None)) == NO_CHANGES == "No changes to the facts."


def test_the_diff_command_works_from_any_folder_of_the_repository(repo):
    path, ceiling = first_ceiling(repo)
    edit_line(path, f"max_amount: {ceiling['max_amount']}", f"max_amount: {ceiling['max_amount'] + 1}")
    run = factsheets("diff", "HEAD", cwd=repo / "content" / "countries")  # HEAD against the working tree
    assert run.returncode == 0, run.stderr
    assert run.stdout.startswith("## Changes to the facts\n") and "_HEAD → working tree_" in run.stdout
    assert AMOUNT_WARNING in run.stdout
    commit(repo, "edit")
    assert factsheets("diff", "HEAD~1", "HEAD", cwd=repo).stdout.count(AMOUNT_WARNING) == 1
    assert factsheets("diff", "HEAD", "HEAD", cwd=repo).stdout == "No changes to the facts.\n"
    wrong = factsheets("diff", "no-such-branch", cwd=repo)
    assert wrong.returncode == 2 and "`no-such-branch` is not a git revision" in wrong.stderr


def test_the_diff_command_reads_the_project_repository():
    run = factsheets("diff", "HEAD")  # read-only: HEAD against the working tree
    assert run.returncode == 0, run.stderr
    assert run.stdout.startswith(("## Changes to the facts", "No changes to the facts."))


# -- pre-commit and the GitHub workflows ----------------------------------------------------------

def make_targets() -> set[str]:
    return set(re.findall(r"^([a-zA-Z][\w-]*)\s*:(?!=)", (PROJECT_ROOT / "Makefile").read_text("utf-8"), re.M))


def workflow_steps() -> dict[str, list[dict]]:
    steps = {}
    for workflow in sorted((PROJECT_ROOT / ".github" / "workflows").glob("*.yml")):
        jobs = yaml.safe_load(workflow.read_text("utf-8"))["jobs"]
        steps[workflow.name] = [step for job in jobs.values() for step in job.get("steps", [])]
    return steps


def test_workflows_call_only_existing_make_targets():
    command = re.compile(r"(?:^|&&|;|\|\|)\s*make\s+([a-zA-Z][\w-]*)", re.M)  # `make X` as a command, not `apt-get install make`
    used = {workflow: {target for step in steps for target in command.findall(step.get("run", ""))}
            for workflow, steps in workflow_steps().items()}
    assert {"site", "test", "validate"} <= used["ci.yml"]
    assert "site" in used["pages.yml"]
    for workflow, targets in used.items():
        assert targets <= make_targets(), f"{workflow} calls make targets the Makefile lacks: {targets - make_targets()}"


def test_ci_posts_the_fact_diff_and_pages_deploys_the_site():
    ci, pages = workflow_steps()["ci.yml"], workflow_steps()["pages.yml"]
    runs = "\n".join(step.get("run", "") for step in ci)
    assert "make validate ARGS=\"--format github\"" in runs
    assert re.search(r"factsheets diff \"origin/\$BASE_REF\"", runs)
    assert any(step.get("uses", "").startswith("actions/github-script@") for step in ci)
    assert any(step.get("uses", "").startswith("actions/upload-artifact@") and step["with"]["path"] == "site/" for step in ci)
    assert [s["uses"].split("@")[0] for s in pages if "uses" in s][-2:] == ["actions/upload-pages-artifact", "actions/deploy-pages"]


def test_pre_commit_runs_the_validator_on_changed_content_files():
    config = yaml.safe_load((PROJECT_ROOT / ".pre-commit-config.yaml").read_text("utf-8"))
    assert [repo["repo"] for repo in config["repos"]] == ["local"]
    [hook] = config["repos"][0]["hooks"]
    assert hook["entry"] == ".venv/bin/factsheets validate" and hook["language"] == "system"
    assert re.search(hook["files"], "content/countries/ml.yaml") and not re.search(hook["files"], "generator/cli.py")


# -- CONTRIBUTING.md ------------------------------------------------------------------------------

def message_table() -> list[str]:
    """The first column of CONTRIBUTING.md's table of validator messages, without its code span."""
    text = (PROJECT_ROOT / "CONTRIBUTING.md").read_text("utf-8").split("## What the validator's messages mean", 1)[1]
    rows = [line for line in text.splitlines() if line.startswith("| ") and not line.startswith("| message")]
    return [re.sub(r"^(`+) ?(.*?) ?\1$", r"\2", row.split(" | ")[0][2:].strip()) for row in rows]


def assembled_messages(content: Path) -> set[str]:
    """Messages put together from word lists, so not literally in the code: made by the validator."""
    cost = COUNTRY_WITH_TWO_PRICES.replace("amount: 91", 'amount: "20 000"', 1)
    (content / "countries" / "ml.yaml").write_text(cost, "utf-8")
    programme = content / "programmes" / "dk-prepared-return-2012.yaml"
    programme.write_text(programme.read_text("utf-8").replace("    currency: USD\n    per: person\n", "", 1), "utf-8")
    return {p.split(": ", 3)[-1] for p in problems(content)}


def test_the_messages_in_contributing_are_the_validators(content):
    """Each message in the guide still has its wording in the validator (its code, the schemas'
    descriptions, or PyYAML for syntax errors): a reworded message must be reworded here too."""
    where = [*(PROJECT_ROOT / "generator").rglob("*.py"), *(PROJECT_ROOT / "schemas").glob("*.json"), *Path(yaml.__file__).parent.glob("*.py")]
    code = "\n".join(p.read_text("utf-8") for p in where)
    code = code.replace("\\'", "'")
    made = assembled_messages(content)
    messages = message_table()
    assert len(messages) > 25
    for message in messages:
        # What stays the same in every instance of the message: the words between sample values.
        fixed = [f.strip(" ,.()") for f in re.split(r"`[^`]*`|\S*\d\S*|\.\.\.|: |; | \(", message)]
        assert message in made or any(len(f.split()) >= 3 and f in code for f in fixed), f"not the validator's wording: {message}"

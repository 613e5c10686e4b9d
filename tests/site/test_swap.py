"""One build at a time, site/ swapped in whole, and nothing left behind by builds that were killed."""
from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest

from generator.cli import main as factsheets_main
from generator.problems import FactsheetsError
from generator.site import swap
from generator.site.build import build_site
from generator.site.incremental import SEARCH_INDEX
from project_support import make_project

COUNTRIES = ["cm", "ml", "iq"]
BUSY = re.compile(r"factsheets build: another build is running \(pid \d+\); try again when it has finished")


@pytest.fixture
def project(tmp_path):
    """An English-only project of three countries; its pyproject.toml says so too, for `python -m generator`."""
    settings = make_project(tmp_path, countries=COUNTRIES, languages=("en",))
    pyproject = settings.root / "pyproject.toml"
    pyproject.write_text(pyproject.read_text("utf-8").replace("[tool.factsheets]\n", '[tool.factsheets]\nlanguages = ["en"]\n', 1),
                         "utf-8")
    return settings


def leftovers(root: Path) -> list[str]:
    return sorted(p.name for p in root.iterdir() if p.is_dir() and p.name.startswith(".site"))


def assert_whole_site(site: Path) -> None:
    for slug in ("cameroon", "mali", "iraq"):
        assert (site / "countries" / slug / "index.html").is_file(), slug
    assert (site / "index.html").is_file()
    index = json.loads((site / SEARCH_INDEX).read_text("utf-8"))
    assert any("cameroon" in doc["location"] for doc in index["docs"])


def builds_at_once(project, count: int) -> list[tuple[int, str, str, float]]:
    """`count` builds started together as processes; (exit code, stdout, stderr, seconds until it ended)."""
    env = dict(os.environ)
    if project.reports_dir.is_dir():  # the report copies beside the checkout, when there are any
        env["FACTSHEETS_REPORTS"] = str(project.reports_dir)
    command = [sys.executable, "-m", "generator", "build", "--no-pdf"]
    logs = [(project.root.parent / f"out{n}", project.root.parent / f"err{n}") for n in range(count)]
    started = time.monotonic()
    builds = [subprocess.Popen(command, cwd=project.root, env=env, stdout=out.open("w"), stderr=err.open("w"))
              for out, err in logs]
    ended: dict[int, float] = {}
    while len(ended) < count and time.monotonic() - started < 300:
        ended.update({n: time.monotonic() - started for n, b in enumerate(builds) if n not in ended and b.poll() is not None})
        time.sleep(0.01)
    return [(build.wait(timeout=1), out.read_text(), err.read_text(), ended[n])
            for n, (build, (out, err)) in enumerate(zip(builds, logs))]


@pytest.mark.slow
def test_three_builds_at_once_leave_one_whole_site_and_no_staging_folders(project):
    build_site(project, pdf=False)  # a site to replace, as on a server that has built before
    results = builds_at_once(project, 3)
    for code, out, err, _ in results:
        assert code == 0 or (code == 1 and BUSY.fullmatch(err.strip())), (code, out, err)
    done = sorted((ended, float(re.search(r"in ([\d.]+) s$", out.strip()).group(1)))
                  for code, out, _, ended in results if code == 0)
    assert done
    for (first, _), (then, seconds) in zip(done, done[1:]):  # builds that succeeded ran one after the other
        assert then - first > seconds - 1.0, f"two builds ran at the same time: {results}"
    assert_whole_site(project.site_dir)
    assert leftovers(project.root) == []


def test_a_build_while_another_holds_the_lock_fails_at_once_and_changes_nothing(project, monkeypatch, capsys):
    project.site_dir.mkdir()
    (project.site_dir / "index.html").write_text("the old site", "utf-8")
    monkeypatch.chdir(project.root)
    if project.reports_dir.is_dir():
        monkeypatch.setenv("FACTSHEETS_REPORTS", str(project.reports_dir))
    with swap.build_lock(project.site_dir):
        started = time.perf_counter()
        code = factsheets_main(["build", "--no-pdf"])
        assert time.perf_counter() - started < 5  # it does not wait for the other build
        with pytest.raises(FactsheetsError, match=rf"another build is running \(pid {os.getpid()}\)"):
            build_site(project, pdf=False)
    err = capsys.readouterr().err
    assert code == 1 and BUSY.fullmatch(err.strip()), err
    assert [p.name for p in project.site_dir.iterdir()] == ["index.html"]
    assert (project.site_dir / "index.html").read_text("utf-8") == "the old site"
    assert not (project.docs_dir / "countries").exists()  # not even the pages were written


@pytest.mark.slow
def test_leftovers_of_a_killed_build_are_removed_by_the_next_build(project, capsys):
    for name in (".site-abc123", ".site-previous"):
        (project.root / name / "countries").mkdir(parents=True)
        (project.root / name / "countries" / "old.html").write_text("left behind", "utf-8")
    build_site(project, pdf=False)
    assert leftovers(project.root) == []
    assert "removed 2 folder(s) left by an interrupted build" in capsys.readouterr().err
    assert_whole_site(project.site_dir)


def tree(folder: Path, label: str, files: int = 50) -> Path:
    for index in range(files):
        (folder / f"d{index % 5}").mkdir(parents=True, exist_ok=True)
        (folder / f"d{index % 5}" / f"{index}.html").write_text(label, "utf-8")
    return folder


def contents(folder: Path) -> set[str]:
    return {p.read_text("utf-8") for p in folder.rglob("*.html")}


def test_swap_puts_the_new_tree_in_place_and_deletes_the_old(tmp_path):
    target = tree(tmp_path / "site", "old")
    swap.swap_in(tree(tmp_path / ".site-new", "new"), target)
    assert contents(target) == {"new"} and len(list(target.rglob("*.html"))) == 50
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]


def test_swap_into_a_missing_target_is_a_plain_rename(tmp_path):
    swap.swap_in(tree(tmp_path / ".site-new", "new"), tmp_path / "site")
    assert contents(tmp_path / "site") == {"new"} and sorted(p.name for p in tmp_path.iterdir()) == ["site"]


def test_swap_falls_back_to_two_renames_without_renameat2(tmp_path, monkeypatch):
    monkeypatch.setattr(swap, "_renameat2", lambda: None)
    target = tree(tmp_path / "site", "old")
    swap.swap_in(tree(tmp_path / ".site-new", "new"), target)
    assert contents(target) == {"new"} and sorted(p.name for p in tmp_path.iterdir()) == ["site"]


WATCH = """
import os, sys
target, stop = sys.argv[1], sys.argv[2]
seen = missing = 0
while not os.path.exists(stop):
    seen += 1
    if not os.path.exists(os.path.join(target, "index.html")):
        missing += 1
print(seen, missing)
"""


@pytest.mark.skipif(swap._renameat2() is None, reason="no renameat2 in this C library")
def test_there_is_no_moment_without_the_site(tmp_path):
    """Another process looks for site/index.html all the time while site/ is swapped 100 times."""
    target, stop = tmp_path / "site", tmp_path / "stop"
    tree(target, "0", files=5)
    (target / "index.html").write_text("0", "utf-8")
    watcher = subprocess.Popen([sys.executable, "-c", WATCH, str(target), str(stop)], stdout=subprocess.PIPE, text=True)
    time.sleep(0.3)  # the watcher is looking before the first swap
    for round in range(1, 101):
        staging = tree(tmp_path / f".site-{round}", str(round), files=5)
        (staging / "index.html").write_text(str(round), "utf-8")
        swap.swap_in(staging, target)
    stop.touch()
    seen, missing = map(int, watcher.communicate(timeout=30)[0].split())
    assert seen > 1000 and missing == 0
    assert (target / "index.html").read_text("utf-8") == "100" and sorted(p.name for p in tmp_path.iterdir()) == ["site", "stop"]

"""Content discovery: only regular files under content/ are read, within a size bound, and
everything else there is named with the reason (issue 20: no traceback, no hang, no false "ok").

Each test ends in a located one-line message and a non-zero exit. What could hang or eat memory
if the fix regressed (a FIFO, /dev/zero) runs in its own process with a timeout and a memory cap.
"""
from __future__ import annotations

import errno
import os
import re
import resource
import shutil
import stat
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from generator import cli
from generator.config import PROJECT_ROOT
from project_support import make_project

NOBODY = 65534
LOCATED = re.compile(r"^(?P<path>[^\n]+?):(?P<line>\d+):(?P<column>\d+): (?P<message>.+)$")


def located(output: str, path: str) -> str:
    """The one problem printed for `path`, as file:line:col: message; fails if there is none."""
    lines = [line for line in output.splitlines() if line.startswith(f"{path}:1:1: ")]
    assert len(lines) == 1, output
    assert LOCATED.match(lines[0]), lines[0]
    return lines[0]


def capped_memory() -> None:  # pragma: no cover - runs in the child process
    resource.setrlimit(resource.RLIMIT_AS, (2 << 30, 2 << 30))


def validate_in_process_with_timeout(cwd: Path, *args: str) -> subprocess.CompletedProcess:
    """`python -m generator validate ARGS` in its own process: 60 s at most and 2 GB of memory."""
    try:
        return subprocess.run([sys.executable, "-m", "generator", "validate", *args], cwd=cwd, capture_output=True,
                              text=True, timeout=60, preexec_fn=capped_memory)
    except subprocess.TimeoutExpired:
        pytest.fail(f"factsheets validate {' '.join(args)} did not finish within 60 s (it waits on something)")


# -- what is not a regular file -------------------------------------------------------------------------------------

@pytest.mark.parametrize("make", [
    pytest.param(lambda path: path.mkdir(), id="folder"),
    pytest.param(lambda path: path.symlink_to(path.parent.parent / "programmes", target_is_directory=True),
                 id="link-to-a-folder-inside"),
])
def test_a_folder_named_like_a_country_file_is_named_not_read(small_content, run_validate, make):
    make(small_content / "countries" / "zz.yaml")

    result = run_validate("content")

    assert result.code == 1, result.output
    assert "Traceback" not in result.output
    assert "this is a folder, not a file" in located(result.out, "content/countries/zz.yaml")


@pytest.mark.parametrize("target", ["/usr", "/dev/zero"], ids=["folder", "dev-zero"])
def test_a_link_out_of_the_project_is_refused_and_never_followed(small_content, target):
    (small_content / "countries" / "zz.yaml").symlink_to(target)

    for args in [("content",), ("content/countries/zz.yaml",)]:
        result = validate_in_process_with_timeout(small_content.parent, *args)

        assert result.returncode == 1, result.stdout + result.stderr
        line = located(result.stdout, "content/countries/zz.yaml")
        assert f"not read: a symbolic link to {target}, outside the project" in line


def test_a_device_in_place_of_a_file_is_never_read(small_content):
    """A character device like /dev/zero standing in content/ itself: refused by what it is."""
    try:
        os.mknod(small_content / "countries" / "zz.yaml", 0o644 | stat.S_IFCHR, os.makedev(1, 5))
    except OSError as error:
        pytest.skip(f"cannot make a device here: {error.strerror}")

    for args in [("content",), ("content/countries/zz.yaml",)]:
        result = validate_in_process_with_timeout(small_content.parent, *args)

        assert result.returncode == 1, result.stdout + result.stderr
        assert "not read: this is a device, not a file" in located(result.stdout, "content/countries/zz.yaml")


def test_the_reader_refuses_a_device_and_a_fifo_without_reading_or_waiting(tmp_path):
    from generator.content.yamlload import YamlError, load_yaml

    fifo = tmp_path / "ff.yaml"
    os.mkfifo(fifo)
    for path, what in [(Path("/dev/zero"), "a device"), (fifo, "a named pipe (FIFO)"), (tmp_path, "a folder")]:
        with pytest.raises(YamlError, match=re.escape(f"not read: this is {what}, not a file")):
            load_yaml(path)


def test_a_fifo_is_named_and_does_not_hang_the_command(small_content):
    os.mkfifo(small_content / "countries" / "zz.yaml")

    for args in [("content",), ("content/countries/zz.yaml",)]:
        result = validate_in_process_with_timeout(small_content.parent, *args)

        assert result.returncode == 1, result.stdout + result.stderr
        assert "a named pipe (FIFO), not a file" in located(result.stdout, "content/countries/zz.yaml")


def test_a_file_over_the_size_limit_is_refused_before_it_is_read(small_content, run_validate):
    (small_content / "countries" / "zz.yaml").write_bytes(b"#" * 1_000_001)

    result = run_validate("content")

    assert result.code == 1
    assert "over the limit of 1000000" in located(result.out, "content/countries/zz.yaml")


# -- files and folders a non-root user cannot read ------------------------------------------------------------------

AS_NOBODY = """
import contextlib, io, os, sys
import generator.cli
with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
    generator.cli.main(sys.argv[1:])  # first as root, so every module the command needs is imported
os.setgroups([])
os.setgid({uid})
os.setuid({uid})
sys.exit(generator.cli.main(sys.argv[1:]))
""".format(uid=NOBODY)


@pytest.fixture
def world_readable_project():
    """A copy of the project with Mali and Cameroon that the user `nobody` may enter and read.

    The interpreter lives where only root may read (e.g. a pyenv in root's home): the command is started as
    root, imports what it needs, then gives up root for good before it reads any content.
    """
    if os.geteuid() != 0:
        pytest.skip("needs root, to run the command as the unprivileged user nobody")
    folder = Path(tempfile.mkdtemp(prefix="factsheets-nobody-"))
    try:
        folder.chmod(0o755)
        yield make_project(folder, countries=["ml", "cm"]).root
    finally:
        for path in folder.rglob("*"):
            if path.is_dir() and not path.is_symlink():
                path.chmod(0o755)
        shutil.rmtree(folder)


@pytest.mark.parametrize(("unreadable", "shown", "mode"), [
    ("content/countries/ml.yaml", "content/countries/ml.yaml", 0o000),
    ("content/countries", "content/countries", 0o000),
    ("content/countries", "content/countries", 0o311),  # can be entered, not listed
    ("content", "content", 0o000),
], ids=["file", "countries-folder", "countries-folder-without-read", "content-folder"])
def test_what_a_user_cannot_read_is_a_problem_never_an_empty_set(world_readable_project, unreadable, shown, mode):
    (world_readable_project / unreadable).chmod(mode)

    done = subprocess.run([sys.executable, "-c", AS_NOBODY, "validate"], cwd=world_readable_project,
                          capture_output=True, text=True, timeout=120)

    assert done.returncode == 1, done.stdout + done.stderr
    assert "Traceback" not in done.stderr
    assert "cannot be read: permission denied" in located(done.stdout, shown)
    assert "ok:" not in done.stdout


# -- files under content/ that are not read -------------------------------------------------------------------------

@pytest.mark.parametrize(("name", "message"), [
    ("countries/cm.YAML", "not read: country files are named xx.yaml (lower-case .yaml)"),
    ("countries/cm.json", "not read: country files are named xx.yaml (lower-case .yaml)"),
    ("countries/cm.yaml ", "not read: country files are named xx.yaml (lower-case .yaml) (this name ends with a space)"),
    ("countries/drafts/cm.yaml", "not read: country files are named xx.yaml (lower-case .yaml) and stand directly in content/countries/"),
    ("countries/cm.yml", "not read: name content files with .yaml, not .yml"),
    ("programmes/dk-prepared-return-2012.YAML", "not read: programme files are named after their id"),
    ("notes.yaml", "not read: content/ holds sources.yaml, rates.yaml, glossary.yaml, README.md and the folders countries/ and programmes/"),
], ids=["upper-case", "json", "trailing-space", "subfolder", "yml", "programme", "beside-sources"])
def test_a_file_the_tool_does_not_read_is_named_not_dropped(small_content, run_validate, name, message):
    source = small_content / ("programmes/dk-prepared-return-2012.yaml" if name.startswith("programmes") else "countries/cm.yaml")
    target = small_content / name
    target.parent.mkdir(parents=True, exist_ok=True)
    source.rename(target)

    for args in [("content",), (f"content/{name}",)]:
        result = run_validate(*args)

        assert result.code == 1, result.output
        assert message in located(result.out, f"content/{name}")
        assert "ok:" not in result.out


@pytest.mark.parametrize("name", [".#cm.yaml", ".cm.yaml.swp", "cm.yaml~", "#cm.yaml#", "README.md", ".gitkeep"])
def test_editor_files_and_readmes_are_left_alone(small_content, run_validate, name):
    for folder in (small_content, small_content / "countries", small_content / "programmes"):
        (folder / name).write_text("editor's scratch, not YAML: [", "utf-8")

    result = run_validate("content")

    assert result.code == 0, result.output
    assert result.out.startswith("ok: ")


def test_the_shipped_content_holds_nothing_that_is_not_read():
    from generator.content.files import discover

    files, problems = discover(PROJECT_ROOT / "content", PROJECT_ROOT)

    assert problems == []
    assert len(files) == len(list((PROJECT_ROOT / "content").glob("*/*.yaml"))) + 3  # sources, rates, glossary


# -- factsheets validate PATH ---------------------------------------------------------------------------------------

BROKEN_COUNTRY = "country:\n  code: ML\n  nam: Mali\n"


def test_a_broken_file_outside_content_with_no_schema_is_not_called_valid(small_content, run_validate):
    (small_content.parent / "x.yaml").write_text(BROKEN_COUNTRY, "utf-8")

    result = run_validate("x.yaml")

    assert result.code == 2, result.output
    assert result.out == ""
    assert result.err == ("factsheets validate: x.yaml: cannot tell which schema applies: move it into a countries/ "
                          "or programmes/ folder, or add a `$schema:` key naming one of schemas/*.schema.json\n")


@pytest.mark.parametrize("head", [
    "$schema: ../schemas/country.schema.json\n",
    "# yaml-language-server: $schema=../../schemas/country.schema.json\n",
], ids=["key", "editor-modeline"])
def test_a_file_outside_content_is_checked_against_the_schema_it_names(small_content, run_validate, head):
    (small_content.parent / "x.yaml").write_text(head + BROKEN_COUNTRY, "utf-8")

    result = run_validate("x.yaml")

    assert result.code == 1, result.output
    assert re.search(r"^x\.yaml:\d+:\d+: .*unknown field `nam`", result.out, re.M), result.output
    assert "$schema" not in result.out


def test_a_file_outside_content_is_checked_against_the_schema_its_folder_implies(small_content, run_validate):
    (small_content.parent / "drafts" / "countries").mkdir(parents=True)
    (small_content.parent / "drafts" / "countries" / "ml.yaml").write_text(BROKEN_COUNTRY, "utf-8")

    result = run_validate("drafts/countries/ml.yaml")

    assert result.code == 1, result.output
    assert re.search(r"^drafts/countries/ml\.yaml:\d+:\d+: .*unknown field `nam`", result.out, re.M), result.output


def test_a_valid_copy_outside_content_passes(small_content, run_validate):
    shutil.copy(small_content / "countries" / "cm.yaml", small_content.parent / "cm.yaml")

    result = run_validate("cm.yaml")

    assert (result.code, result.out) == (0, "ok: 1 file(s) valid\n"), result.output


def test_a_folder_that_is_not_a_content_folder_is_an_error(small_content, run_validate):
    (small_content.parent / "elsewhere").mkdir()
    shutil.copy(small_content / "countries" / "cm.yaml", small_content.parent / "elsewhere" / "cm.yaml")

    result = run_validate("elsewhere")

    assert result.code == 2, result.output
    assert result.out == ""
    assert result.err == ("factsheets validate: elsewhere: not a content folder (no sources.yaml and countries/ in it "
                          "or above it); give a content folder or files\n")


# -- an operating system error is one short line --------------------------------------------------------------------

def test_an_os_error_is_one_short_line_with_the_path_and_the_reason(small_content, run_validate, monkeypatch):
    def disk_full(*args, **kwargs):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), "content/" + "x" * 17_000)

    monkeypatch.setattr(cli, "validate_content", disk_full)

    result = run_validate("content")

    assert result.code == 1
    assert result.out == ""
    assert result.err.count("\n") == 1 and len(result.err) <= 320, len(result.err)
    assert result.err.startswith("factsheets validate: content/xxx")
    assert result.err.endswith("…: No space left on device\n")


def test_an_os_error_names_both_paths_of_a_rename(run_validate, monkeypatch):
    def cross_device(*args, **kwargs):
        raise OSError(errno.EXDEV, os.strerror(errno.EXDEV), "site.new", None, "site")

    monkeypatch.setattr(cli, "validate_content", cross_device)

    assert run_validate("content").err == "factsheets validate: site.new: site: Invalid cross-device link\n"


def test_the_reader_gives_the_bytes_of_a_regular_file(tmp_path):
    from generator.content.reading import NotReadable, read_regular

    path = tmp_path / "a.yaml"
    path.write_bytes(b"a: 1\n" * 1000)
    assert read_regular(path, 5000) == b"a: 1\n" * 1000
    with pytest.raises(NotReadable, match="file is 5000 bytes, over the limit of 4999"):
        read_regular(path, 4999)
    assert stat.S_ISREG(os.stat(path).st_mode)

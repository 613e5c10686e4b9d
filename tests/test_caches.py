"""Nothing the tool reads back from disk can run code: no pickle, no marshal, no YAML loader that
builds Python objects. A CI cache may be written by a pull request's workflow; the next build must
not execute what it holds."""
from __future__ import annotations

import ast
import hashlib
import os
import pickle
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from generator.content import yamlload
from generator.config import PROJECT_ROOT
from project_support import make_project

PACKAGE = PROJECT_ROOT / "generator"
CODE_RUNNING_MODULES = {"pickle", "cPickle", "_pickle", "marshal", "shelve", "dill", "cloudpickle", "jsonpickle"}
UNSAFE_YAML = {"load", "load_all", "unsafe_load", "unsafe_load_all", "full_load", "full_load_all",
               "Loader", "UnsafeLoader", "FullLoader", "CLoader", "CUnsafeLoader", "CFullLoader"}
# `yaml.load(text, Loader=...)` with one of these builds plain data only (checked below).
SAFE_LOADERS = {"StrictLoader", "FastLoader", "SafeLoader", "CSafeLoader"}


class Payload:
    """Unpickling this creates `marker`: proof that somebody unpickled it."""

    def __init__(self, marker: Path):
        self.marker = marker

    def __reduce__(self):
        return (os.system, (f"touch {self.marker}",))


def python_sources() -> list[Path]:
    return sorted(PACKAGE.rglob("*.py")) + [PROJECT_ROOT / "hooks.py"]


def test_no_module_of_the_package_can_run_code_from_data():
    found = []
    for path in python_sources():
        tree = ast.parse(path.read_text("utf-8"), str(path))
        safe_calls = {id(node.func) for node in ast.walk(tree) if isinstance(node, ast.Call) and any(
            k.arg == "Loader" and (getattr(k.value, "id", None) or getattr(k.value, "attr", None)) in SAFE_LOADERS
            for k in node.keywords)}
        for node in ast.walk(tree):
            if id(node) in safe_calls:
                continue
            if isinstance(node, ast.Import):
                found += [(path.name, node.lineno, a.name) for a in node.names if a.name.split(".")[0] in CODE_RUNNING_MODULES]
            elif isinstance(node, ast.ImportFrom) and (node.module or "").split(".")[0] in CODE_RUNNING_MODULES:
                found.append((path.name, node.lineno, node.module))
            elif isinstance(node, ast.ImportFrom) and node.module == "yaml":
                found += [(path.name, node.lineno, f"yaml.{a.name}") for a in node.names if a.name in UNSAFE_YAML]
            elif isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id == "yaml":
                if node.attr in UNSAFE_YAML:
                    found.append((path.name, node.lineno, f"yaml.{node.attr}"))

    assert found == []


def test_the_scan_would_see_a_pickle_or_an_unsafe_loader():
    """The scan above is not blind: the same walk finds each construct in a sample."""
    sample = ast.parse("import pickle\nfrom marshal import loads\nimport yaml\nyaml.load(text, Loader=yaml.Loader)\n")
    names = {n.names[0].name for n in ast.walk(sample) if isinstance(n, (ast.Import, ast.ImportFrom))}
    attributes = {n.attr for n in ast.walk(sample) if isinstance(n, ast.Attribute)}

    assert {"pickle", "loads"} <= names and {"load", "Loader"} <= attributes


def test_the_yaml_loaders_build_only_plain_data():
    assert issubclass(yamlload.StrictLoader, yaml.SafeLoader)
    assert issubclass(yamlload.FastLoader, (yaml.SafeLoader, getattr(yaml, "CSafeLoader", yaml.SafeLoader)))


@pytest.mark.slow
def test_a_poisoned_cache_is_never_unpickled(tmp_path):
    project = make_project(tmp_path, countries=["ml"], languages=("en",)).root
    marker = tmp_path / "unpickled"
    payload = pickle.dumps(Payload(marker))
    cache = project / ".cache"
    for path in sorted((project / "content").rglob("*.yaml")):  # entries under every name a cache might use
        raw = path.read_bytes()
        for key in (hashlib.sha256(raw).hexdigest(), hashlib.sha256(b"country\0" + raw).hexdigest()):
            for folder in (cache / "content" / key[:2], cache / "content", cache):
                folder.mkdir(parents=True, exist_ok=True)
                (folder / key).write_bytes(payload)
    (cache / "content" / "index.pickle").write_bytes(payload)

    validated = subprocess.run([sys.executable, "-m", "generator", "validate"], cwd=project, capture_output=True, text=True)
    built = subprocess.run([sys.executable, "-m", "generator", "build", "--no-pdf"], cwd=project, capture_output=True,
                           text=True)

    assert validated.returncode == 0 and validated.stdout.startswith("ok: "), validated.stderr
    assert built.returncode == 0, built.stderr
    assert (project / "site" / "countries" / "mali" / "index.html").is_file()
    assert not marker.exists()
    assert pickle.loads(payload) == 0 and marker.exists()  # the payload was live: unpickling it does create the file

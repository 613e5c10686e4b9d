"""generator/ is a one-way pipeline: tools/architecture.py reads its imports with `ast` and fails on
a circle, an import up the pipeline, or a module or function past its size."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from generator.config import PROJECT_ROOT

sys.path.insert(0, str(PROJECT_ROOT / "tools"))
import architecture  # noqa: E402


def write_package(root: Path, files: dict[str, str]) -> Path:
    package = root / "generator"
    for name, text in files.items():
        path = package / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, "utf-8")
    for folder in [package, *(p for p in package.rglob("*") if p.is_dir())]:
        (folder / "__init__.py").touch()
    return package


def test_the_generator_package_points_one_way_and_stays_small():
    result = subprocess.run([sys.executable, str(PROJECT_ROOT / "tools" / "architecture.py")],
                            capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout
    assert "0 problem(s)" in result.stdout
    assert "largest modules:" in result.stdout and "largest functions:" in result.stdout


def test_the_stages_import_what_the_pipeline_says():
    graph = architecture.import_graph(PROJECT_ROOT / "generator")
    assert "generator.content.validate" in graph["generator.model.catalogue"]
    assert "generator.model.catalogue" in graph["generator.render.views"]
    assert "generator.model.catalogue" in graph["generator.export.documents"]
    assert not any(architecture.stage(t) in ("site", "editing", "cli")
                   for m, targets in graph.items() if architecture.stage(m) == "export" for t in targets)
    assert not any(architecture.stage(t) in ("render", "site", "editing", "cli")
                   for m, targets in graph.items() if architecture.stage(m) == "content" for t in targets)


def test_an_import_up_the_pipeline_is_named(tmp_path):
    package = write_package(tmp_path, {
        "content/checks.py": "from ..render.views import label\n",
        "render/views.py": "def label(): ...\n",
    })
    assert architecture.findings(package) == [
        "generator.content.checks imports generator.render.views: render comes after content in the pipeline"]


def test_an_import_inside_a_function_counts_and_a_circle_is_named(tmp_path):
    package = write_package(tmp_path, {
        "site/build.py": "from . import hook\n",
        "site/hook.py": "def on_pre_build():\n    from .build import generate\n",
    })
    assert architecture.findings(package) == [
        "import circle: generator.site.build -> generator.site.hook -> generator.site.build"]


def test_a_long_function_and_a_long_module_are_named(tmp_path):
    body = "".join(f"    x{i} = {i}\n" for i in range(architecture.FUNCTION_LINES))
    filler = "\n" * architecture.MODULE_LINES
    package = write_package(tmp_path, {"model.py": f"def build():\n{body}{filler}"})
    lines = architecture.FUNCTION_LINES + 1
    assert architecture.findings(package) == [
        f"generator.model: {lines + architecture.MODULE_LINES} lines (at most {architecture.MODULE_LINES} per module)",
        f"generator.model.build: {lines} lines (at most {architecture.FUNCTION_LINES} per function)"]


def test_a_module_outside_the_known_stages_is_named(tmp_path):
    package = write_package(tmp_path, {"plugins/csv.py": "X = 1\n"})
    assert "generator.plugins.csv: not in a known stage" in "\n".join(architecture.findings(package))

"""Checks that generator/ stays a one-way pipeline, and prints its largest modules and functions.

    python tools/architecture.py [PACKAGE_DIR]

Reads every module with `ast` (nothing is imported), builds the graph of the package's imports
(those inside functions count too) and fails, with one line per finding, on:
- an import circle between modules;
- an import that points up the pipeline: problems, config -> content -> model -> render -> export
  -> site -> editing -> cli (a stage may import its own modules and those of the stages before it);
- a module over MODULE_LINES lines or a function over FUNCTION_LINES lines;
- a template line over TEMPLATE_WIDTH characters (templates are written over short lines; what
  needs more than a line or two of logic is a helper in render/views.py).
Exit 0 when none is found; 1 otherwise.
"""
from __future__ import annotations

import ast
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
STAGES = ("problems", "config", "content", "model", "render", "export", "site", "editing", "cli")
RANK = {"problems": 0, "config": 0, "content": 1, "model": 2, "render": 3, "export": 4, "site": 5, "editing": 6,
        "cli": 7, "__main__": 7, "__init__": 0}
MODULE_LINES = 400
FUNCTION_LINES = 60
TEMPLATE_WIDTH = 120


@dataclass(frozen=True)
class Size:
    name: str
    lines: int


def modules(package: Path) -> dict[str, Path]:
    """Dotted name -> file, e.g. 'generator.content.validate'."""
    found = {}
    for path in sorted(package.rglob("*.py")):
        parts = path.relative_to(package.parent).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        found[name] = path
    return found


def _resolve(importer: str, is_package: bool, node: ast.ImportFrom | ast.Import, known: set[str]) -> list[str]:
    """The package modules an import statement reaches (a `from x import y` reaches x.y if y is a module)."""
    if isinstance(node, ast.Import):
        return [alias.name for alias in node.names if alias.name in known]
    if node.level:
        base = importer.split(".") if is_package else importer.split(".")[:-1]
        base = base[: len(base) - node.level + 1]
        target = ".".join(base + ([node.module] if node.module else []))
    else:
        target = node.module or ""
    reached = [f"{target}.{alias.name}" for alias in node.names if f"{target}.{alias.name}" in known]
    return reached or ([target] if target in known else [])


def import_graph(package: Path) -> dict[str, set[str]]:
    """Module -> the package's modules it imports."""
    found = modules(package)
    known = set(found)
    graph: dict[str, set[str]] = {}
    for name, path in found.items():
        tree = ast.parse(path.read_text("utf-8"), str(path))
        edges = set()
        for node in ast.walk(tree):
            if isinstance(node, (ast.Import, ast.ImportFrom)):
                edges.update(_resolve(name, path.name == "__init__.py", node, known))
        graph[name] = edges - {name}
    return graph


def stage(module: str) -> str:
    """'generator.content.validate' -> 'content'; 'generator.model' -> 'model'."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "__init__"


def upward(graph: dict[str, set[str]]) -> list[str]:
    return [f"{a} imports {b}: {stage(b)} comes after {stage(a)} in the pipeline"
            for a, targets in sorted(graph.items()) for b in sorted(targets)
            if RANK.get(stage(b), 99) > RANK.get(stage(a), 99)]


def unknown_stages(graph: dict[str, set[str]]) -> list[str]:
    return [f"{module}: not in a known stage ({', '.join(STAGES)}); add it to RANK"
            for module in sorted(graph) if stage(module) not in RANK]


def circles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Every import circle, each once, as the modules along it (depth-first search)."""
    found: list[list[str]] = []
    seen: set[frozenset[str]] = set()
    state: dict[str, int] = {}  # 1: on the current path, 2: done

    def visit(module: str, path: list[str]) -> None:
        state[module] = 1
        for target in sorted(graph.get(module, ())):
            if state.get(target) == 1:
                loop = path[path.index(target):] + [target]
                if frozenset(loop) not in seen:
                    seen.add(frozenset(loop))
                    found.append(loop)
            elif target not in state:
                visit(target, path + [target])
        state[module] = 2

    for module in sorted(graph):
        if module not in state:
            visit(module, [module])
    return found


def sizes(package: Path) -> tuple[list[Size], list[Size]]:
    """Modules and functions (methods and nested functions too), largest first."""
    module_sizes, function_sizes = [], []
    for name, path in modules(package).items():
        text = path.read_text("utf-8")
        module_sizes.append(Size(name, len(text.splitlines())))
        for node in ast.walk(ast.parse(text)):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                function_sizes.append(Size(f"{name}.{node.name}", node.end_lineno - node.lineno + 1))
    key = lambda size: (-size.lines, size.name)  # noqa: E731
    return sorted(module_sizes, key=key), sorted(function_sizes, key=key)


def long_template_lines(package: Path) -> list[str]:
    templates = sorted(package.rglob("templates/*.j2"))
    return [f"{path.relative_to(package.parent)}:{number}: {len(line)} characters (at most {TEMPLATE_WIDTH} per template line)"
            for path in templates for number, line in enumerate(path.read_text("utf-8").splitlines(), 1)
            if len(line) > TEMPLATE_WIDTH]


def findings(package: Path) -> list[str]:
    graph = import_graph(package)
    problems = unknown_stages(graph) + upward(graph)
    problems += ["import circle: " + " -> ".join(loop) for loop in circles(graph)]
    module_sizes, function_sizes = sizes(package)
    problems += [f"{s.name}: {s.lines} lines (at most {MODULE_LINES} per module)" for s in module_sizes if s.lines > MODULE_LINES]
    problems += [f"{s.name}: {s.lines} lines (at most {FUNCTION_LINES} per function)" for s in function_sizes if s.lines > FUNCTION_LINES]
    return problems + long_template_lines(package)


def main(argv: list[str]) -> int:
    package = Path(argv[0]) if argv else ROOT / "generator"
    graph = import_graph(package)
    module_sizes, function_sizes = sizes(package)
    print(f"{len(graph)} modules, {sum(len(t) for t in graph.values())} imports between them")
    print("largest modules:   " + ", ".join(f"{s.name} {s.lines}" for s in module_sizes[:3]) + f" (limit {MODULE_LINES})")
    print("largest functions: " + ", ".join(f"{s.name} {s.lines}" for s in function_sizes[:3]) + f" (limit {FUNCTION_LINES})")
    problems = findings(package)
    for problem in problems:
        print(problem)
    print(f"{len(problems)} problem(s): " + ("the pipeline points one way" if not problems else "fix them (see above)"))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

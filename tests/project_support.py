"""A throw-away copy of the project (config, hand-written pages, content) to build in tests."""
from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any, Iterator

from generator.config import PROJECT_ROOT, Settings, load_settings

SKELETON = ["mkdocs.yml", "mkdocs.nb.yml", "mkdocs.da.yml", "hooks.py", "pyproject.toml", "overrides", "docs/about.md",
            "docs-nb/about.md", "docs-da/about.md", "docs/css", "docs/js", "search"]


def make_project(tmp_path: Path, countries: list[str] | None = None, **settings: object) -> Settings:
    """Copy the project's site skeleton and content (all countries, or only `countries` by file stem);
    `settings` override the project's, e.g. languages=("en",) for an English-only build."""
    root = tmp_path / "project"
    for name in SKELETON:
        source, target = PROJECT_ROOT / name, root / name
        target.parent.mkdir(parents=True, exist_ok=True)
        if source.is_dir():
            shutil.copytree(source, target)
        else:
            shutil.copy2(source, target)
    shutil.copytree(PROJECT_ROOT / "content", root / "content")
    for watched in ("schemas", "generator"):  # mkdocs.yml watches them; the code itself runs from the checkout
        (root / watched).symlink_to(PROJECT_ROOT / watched)
    if countries is not None:
        for path in (root / "content" / "countries").glob("*.yaml"):
            if path.stem not in countries:
                path.unlink()
    return load_settings(root, **{"reports_dir": PROJECT_ROOT.parent / "shared" / "seeds", **settings})


def walk(value: Any, path: list[str | int] | None = None) -> Iterator[tuple[list[str | int], Any]]:
    """Every (path, value) pair in a document, depth first."""
    path = path or []
    yield path, value
    if isinstance(value, dict):
        for key, item in value.items():
            yield from walk(item, path + [key])
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from walk(item, path + [index])

"""Load -> validate: every problem in a content tree, from YAML syntax to broken references."""
from __future__ import annotations

from pathlib import Path

from .checks import semantic_problems
from .config import Settings
from .content import ContentSet, load_content
from .problems import Problem
from .schemas import schema_problems


def validate_content(root: Path, settings: Settings) -> tuple[ContentSet, list[Problem]]:
    """All problems of a content tree, sorted by file and line; an empty list means publishable."""
    content, problems = load_content(root, settings.max_file_bytes)
    for kind, doc in content.documents():
        problems += schema_problems(doc, kind)
    reports = settings.reports_dir if settings.reports_dir.is_dir() else None
    problems += semantic_problems(content, settings.today, reports)
    return content, sorted(set(problems))

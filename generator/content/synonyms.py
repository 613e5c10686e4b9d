"""The search words of one language (search/synonyms.<lang>.yaml): what users type for the site's own
terms and places, read safely and checked against schemas/synonyms.schema.json.

They live beside content/, not in it: they state no fact and cite nothing, but are reviewed like
content, since a word there makes the search find a section."""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from ..problems import ContentError
from .schemas import schema_problems
from .yamlload import YamlError, load_yaml

FOLDER = "search"
FIX_WORDS = "fix the search words first"


@dataclass(frozen=True)
class SearchTerms:
    """Words per country-page section, and places per country code, in one language."""

    sections: dict[str, tuple[str, ...]] = field(default_factory=dict)
    places: dict[str, tuple[str, ...]] = field(default_factory=dict)


def synonyms_path(root: Path, lang: str) -> Path:
    return root / FOLDER / f"synonyms.{lang}.yaml"


def load_search_terms(root: Path, lang: str) -> SearchTerms:
    """A language's search words; none when it has no file. A file that cannot be used raises
    ContentError with one located line per problem."""
    path = synonyms_path(root, lang)
    if not path.exists():
        return SearchTerms()
    try:
        stamp = path.stat().st_mtime_ns
    except OSError:
        stamp = 0  # read_bytes below says what is wrong
    return _load(path, stamp)


@lru_cache(maxsize=8)
def _load(path: Path, stamp: int) -> SearchTerms:
    """Read once per language and version of the file (pages and sheets of a build share it)."""
    try:
        doc = load_yaml(path)
    except YamlError as error:
        raise ContentError([error.problem], FIX_WORDS) from None
    problems = schema_problems(doc, "synonyms")
    if problems:
        raise ContentError(problems, FIX_WORDS)
    words = {key: tuple(value) for key, value in doc.data.get("sections", {}).items()}
    return SearchTerms(words, {code: tuple(value) for code, value in doc.data.get("places", {}).items()})

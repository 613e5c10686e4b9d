"""Incremental builds: what decides every page's navigation and layout (when it is unchanged since
the last build, MkDocs rebuilds only the edited pages), and the search index such a build merges."""
from __future__ import annotations

import hashlib
import json
from pathlib import Path

from ..config import Settings
from ..render.i18n import LOCALE_DIR

MANIFEST = ".factsheets-build"
SEARCH_INDEX = Path("search") / "search_index.json"


def site_manifest(settings: Settings) -> str:
    """What decides navigation and layout of every page: if it is unchanged, only edited pages need
    rebuilding. The list of pages, their front matter (titles, tags), the config, theme overrides,
    static assets and the versions of the engine."""
    from importlib.metadata import version

    digest = hashlib.sha256(f"mkdocs {version('mkdocs')} material {version('mkdocs-material')}".encode())
    for code in settings.languages:
        docs = settings.docs_for(code)
        for path in sorted(docs.rglob("*.md")):
            text = path.read_text("utf-8")
            front = text.split("\n---", 1)[0] if text.startswith("---") else ""
            digest.update(f"{code}\0{path.relative_to(docs)}\0{front}\0".encode())
    fixed = [settings.mkdocs_config(code) for code in settings.languages]
    fixed += [settings.root / "hooks.py", Path(__file__).with_name("csp.py")]
    fixed += sorted(LOCALE_DIR.rglob("*.po"))  # the theme's own text comes from them too
    for folder in (settings.root / "overrides", settings.docs_dir / "css", settings.docs_dir / "js"):
        fixed += sorted(p for p in folder.rglob("*") if p.is_file())
    for path in fixed:
        if path.exists():
            digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def merge_search_index(previous: Path, current: Path) -> None:
    """A dirty build indexes only the pages it rebuilt: keep the earlier entries of all others."""
    old = json.loads(previous.read_text("utf-8"))
    new = json.loads(current.read_text("utf-8"))
    rebuilt = {doc["location"].split("#")[0] for doc in new["docs"]}
    kept = [doc for doc in old["docs"] if doc["location"].split("#")[0] not in rebuilt]
    new["docs"] = kept + new["docs"]
    current.write_text(json.dumps(new, ensure_ascii=False, separators=(",", ":")), "utf-8")

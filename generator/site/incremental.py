"""Incremental builds: what decides every page's navigation and layout (when it is unchanged since
the last build, MkDocs rebuilds only the edited pages), and what such a build must do so that its
site is the very one a full build gives: know the edited files by their content (not by their
times), read every page, and merge the search index."""
from __future__ import annotations

import hashlib
import json
import os
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

from ..config import Settings
from ..render import i18n

MANIFEST = ".factsheets-build"
SEARCH_INDEX = Path("search") / "search_index.json"


@dataclass(frozen=True)
class Stamp:
    """What a site was built from: its manifest (see site_manifest) and, per language, the sha256 of
    every file in that language's docs folder (by its path there). Kept in the site as MANIFEST."""

    manifest: str
    sources: dict[str, dict[str, str]]

    @classmethod
    def of(cls, settings: Settings) -> "Stamp":
        """The stamp of the docs folders as they are now, each file read once for both parts."""
        layout = hashlib.sha256()
        sources: dict[str, dict[str, str]] = {}
        for code in settings.languages:
            docs, hashes = settings.docs_for(code), sources.setdefault(code, {})
            for path in sorted(p for p in docs.rglob("*") if p.is_file()):
                data, name = path.read_bytes(), str(path.relative_to(docs))
                hashes[name] = hashlib.sha256(data).hexdigest()
                layout.update(f"{code}\0{name}\0{_layout(path, data)}\0".encode())
        return cls(site_manifest(settings, layout.hexdigest()), sources)

    @classmethod
    def read(cls, path: Path) -> "Stamp | None":
        """The stamp in a site's MANIFEST file, if it has one that this version wrote."""
        try:
            data = json.loads(path.read_text("utf-8"))
            return cls(data["manifest"], data["sources"])
        except (OSError, ValueError, KeyError, TypeError):
            return None

    def write(self, path: Path) -> None:
        path.write_text(json.dumps({"manifest": self.manifest, "sources": self.sources}), "utf-8")

    def edited(self, settings: Settings, code: str, before: "Stamp") -> dict[str, bool]:
        """Every file of a language's docs folder (by absolute path): whether it is new or edited since `before`."""
        docs, old = settings.docs_for(code), before.sources.get(code, {})
        return {os.path.abspath(docs / name): old.get(name) != digest for name, digest in self.sources[code].items()}


def site_manifest(settings: Settings, layout: str) -> str:
    """What decides navigation and layout of every page: if it is unchanged, only edited pages need
    rebuilding. `layout` (from Stamp.of) covers the list of files and the pages' front matter (titles,
    tags) and first heading; to it come the config, hooks, the interface catalogues, theme overrides,
    static assets and the engine's versions. What the generator's templates and code change reaches
    MkDocs only through the pages it writes."""
    from importlib.metadata import version

    digest = hashlib.sha256(f"mkdocs {version('mkdocs')} material {version('mkdocs-material')}\0{settings.site_url}\0{layout}".encode())
    fixed = [settings.mkdocs_config(code) for code in settings.languages]
    fixed += [settings.root / "hooks.py"] + [Path(__file__).with_name(name) for name in ("csp.py", "mkdocs_hook.py", "theme.py")]
    fixed += sorted(i18n.LOCALE_DIR.rglob("*.po"))  # the theme's own text comes from them too
    for folder in (settings.root / "overrides", settings.docs_dir / "css", settings.docs_dir / "js"):
        fixed += sorted(p for p in folder.rglob("*") if p.is_file())
    for path in fixed:
        if path.exists():
            digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def _layout(path: Path, data: bytes) -> str:
    """What of a page other pages show: its front matter and first heading (a title without front matter)."""
    if path.suffix != ".md":
        return ""
    text = data.decode("utf-8")
    front = text.split("\n---", 1)[0] if text.startswith("---") else ""
    heading = next((line for line in text.splitlines() if line.startswith("# ")), "")
    return f"{front}\0{heading}"


@contextmanager
def dirty_build(edited: dict[str, bool] | None) -> Iterator[None]:
    """Within this, a dirty build is one the plugins cannot tell from a full one (unless `edited` is
    None: then nothing changes). MkDocs's own dirty build goes wrong three ways, each fixed here:
    - it takes a file as edited when it is newer than its output, which a site copied or restored
      from a cache, a checkout or a coarse clock gets wrong: here `edited` (see Stamp.edited) says;
    - it reads only the pages it rebuilds, so the tags plugin knows only their tags (tags.json lists
      them alone, and they lose their links to the tags page): here every page's Markdown goes to
      the plugins, and only edited pages are rendered and written;
    - Material's search plugin, told the build is dirty, carries its index into the next build in
      this process (MkDocs keeps plugin instances), so one language's entries land in another's:
      here the plugins are told it is a full build (merge_search_index completes the index)."""
    if edited is None:
        yield
        return
    from mkdocs.commands import build as engine
    from mkdocs.structure.files import File

    build, populate, modified = engine.build, engine._populate_page, File.is_modified

    def build_dirty(config, **options) -> None:
        config.plugins.on_startup(command="build", dirty=False)
        build(config, **options)

    def is_modified(file: File) -> bool:
        known = None if file.generated_by or not file.abs_src_path else edited.get(os.path.abspath(file.abs_src_path))
        if known is None:  # the theme's own files, or a plugin's
            return modified(file)
        return known or not os.path.isfile(file.abs_dest_path)

    def populate_every_page(page, config, files, dirty: bool = False) -> None:
        if page.file.is_modified():
            populate(page, config, files, False)
            return
        # Not written, so not rendered: the plugins only see its Markdown (the tags plugin its tags).
        page = config.plugins.on_pre_page(page, config=config, files=files)
        page.read_source(config)
        page.markdown = config.plugins.on_page_markdown(page.markdown, page=page, config=config, files=files)
        page.content = ""

    engine.build, engine._populate_page, File.is_modified = build_dirty, populate_every_page, is_modified
    try:
        yield
    finally:
        engine.build, engine._populate_page, File.is_modified = build, populate, modified


def merge_search_index(previous: Path, current: Path) -> None:
    """A dirty build indexes only the pages it rebuilt: their new entries take the place of their old
    ones, and all other pages keep theirs, in the order of a full build."""
    old = json.loads(previous.read_text("utf-8"))
    new = json.loads(current.read_text("utf-8"))
    rebuilt: dict[str, list[dict]] = {}
    for doc in new["docs"]:
        rebuilt.setdefault(_page(doc), []).append(doc)
    docs = []
    for doc in old["docs"]:
        page = _page(doc)
        if page not in rebuilt:
            docs.append(doc)
        elif rebuilt[page]:
            docs += rebuilt[page]
            rebuilt[page] = []
    new["docs"] = docs + [doc for entries in rebuilt.values() for doc in entries]
    current.write_text(json.dumps(new, separators=(",", ":"), default=str), "utf-8")  # as the search plugin writes it


def _page(doc: dict) -> str:
    return doc["location"].split("#")[0]

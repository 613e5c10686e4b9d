"""The open data in each language's site: the export under data/ (beside the Data page, data.md, so
/data/ is the page and /data/all.json a file) and the JSON Schemas under schemas/, which the files'
`$schema` points at."""
from __future__ import annotations

from pathlib import Path

from ..config import PROJECT_ROOT, Settings
from ..export.files import export_files, write_files
from ..model.catalogue import Catalogue

SCHEMA_DIR = PROJECT_ROOT / "schemas"


def schema_files(schema_dir: Path = SCHEMA_DIR) -> dict[str, bytes]:
    """Every published schema by its path under schemas/: the content's, the data's and the HSDS one."""
    return {path.relative_to(schema_dir).as_posix(): path.read_bytes()
            for path in sorted(schema_dir.rglob("*.json")) if path.is_file()}


def publish(catalogue: Catalogue, settings: Settings, docs: Path) -> None:
    """Write data/ and schemas/ into a docs folder (only the files whose bytes changed)."""
    write_files(export_files(catalogue, settings.site_url), docs / "data")
    write_files(schema_files(), docs / "schemas")

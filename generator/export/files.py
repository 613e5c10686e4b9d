"""Which files each format gives, and writing them so that no reader ever sees half a file: each is
written beside its place and renamed over it, and only when its bytes changed (an unchanged file keeps
its time, so `mkdocs serve` and incremental builds see real edits only)."""
from __future__ import annotations

import os
from pathlib import Path
from typing import Callable

from ..model.catalogue import Catalogue
from ..problems import FactsheetsError
from .documents import json_files
from .hsds import hsds_files
from .package import csv_files

FORMATS: dict[str, Callable[[Catalogue, str], dict[str, bytes]]] = {
    "json": json_files,
    "csv": csv_files,
    "hsds": lambda catalogue, site_url: hsds_files(catalogue),
}
# The folders a format owns: a file there that the format no longer gives (a removed country) is deleted.
OWNED = {"json": "countries", "hsds": "hsds"}


class UnknownFormat(FactsheetsError):
    """A format on the command line that the export does not have."""


def known_formats(formats: list[str] | None) -> list[str]:
    """The formats asked for (all for none), in the order of FORMATS; UnknownFormat names any other."""
    chosen = formats or list(FORMATS)
    unknown = [f for f in chosen if f not in FORMATS]
    if unknown:
        named = ", ".join(repr(f) for f in unknown)
        raise UnknownFormat(f"--format: {named} {'is not a format' if len(unknown) == 1 else 'are not formats'}; "
                            f"give {', '.join(FORMATS)} (default: all)")
    return [name for name in FORMATS if name in chosen]


def export_files(catalogue: Catalogue, site_url: str, formats: list[str] | None = None) -> dict[str, bytes]:
    """{path under the data folder: bytes} for the formats asked for (all by default)."""
    chosen = known_formats(formats)
    files: dict[str, bytes] = {}
    for name in chosen:
        files.update(FORMATS[name](catalogue, site_url))
    return files


def write_files(files: dict[str, bytes], out: Path, formats: list[str] | None = None) -> tuple[int, int, int]:
    """Write `files` under `out` (written, unchanged, removed); each file appears whole or not at all."""
    written = unchanged = removed = 0
    for relative, data in sorted(files.items()):
        target = out / relative
        if target.is_file() and target.read_bytes() == data:
            unchanged += 1
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        temporary = target.with_name(f".{target.name}.tmp")
        try:
            temporary.write_bytes(data)
            os.replace(temporary, target)
        finally:
            temporary.unlink(missing_ok=True)
        written += 1
    for name in known_formats(formats):
        if name in OWNED:
            for stale in sorted((out / OWNED[name]).glob("*.json")):
                if stale.relative_to(out).as_posix() not in files:
                    stale.unlink()
                    removed += 1
    return written, unchanged, removed

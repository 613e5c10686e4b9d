"""A content-addressed cache of parsed, schema-checked files.

Parsing YAML and checking it against the schemas is most of the cost of validating 200 countries;
a file whose bytes, schemas and loader code are unchanged gives the same data and the same schema
problems, so both are kept under the hash of those inputs. Semantic checks (references, dates)
always run, because they depend on the other files.
"""
from __future__ import annotations

import hashlib
import pickle
from functools import lru_cache
from pathlib import Path
from typing import Any

PACKAGE = Path(__file__).resolve().parent
FINGERPRINTED = ["yamlload.py", "schemas.py", "problems.py"]


@lru_cache(maxsize=None)
def fingerprint(schema_dir: Path) -> bytes:
    digest = hashlib.sha256()
    for path in sorted(schema_dir.glob("*.json")) + [PACKAGE / name for name in FINGERPRINTED]:
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return digest.digest()


class ParseCache:
    def __init__(self, folder: Path, schema_dir: Path):
        self.folder = folder
        self.prefix = fingerprint(schema_dir)

    def key(self, kind: str, raw: bytes) -> str:
        return hashlib.sha256(self.prefix + kind.encode() + b"\0" + raw).hexdigest()

    def get(self, key: str) -> Any | None:
        try:
            return pickle.loads((self.folder / key[:2] / key).read_bytes())
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError):
            return None

    def put(self, key: str, value: Any) -> None:
        target = self.folder / key[:2] / key
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            temporary = target.with_suffix(".tmp")
            temporary.write_bytes(pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))
            temporary.replace(target)
        except OSError:
            pass  # a read-only checkout still validates, only slower

"""The glossary: abbreviations and terms the pages explain, with the programmes they name."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Entry:
    """One abbreviation (VARP) or term (departure deadline). `term` and `meaning` are free-text
    fields in every language; `also` are other words for it that pages use, in any language."""

    id: str
    data: dict

    @property
    def abbreviation(self) -> str | None:
        return self.data.get("abbreviation")

    @property
    def expansion(self) -> str | None:
        return self.data.get("expansion")

    @property
    def term(self) -> Any:
        return self.data.get("term")

    @property
    def also(self) -> list[str]:
        return list(self.data.get("also", []))

    @property
    def programmes(self) -> list[str]:
        """The ids of the programmes it names, each a key of the catalogue's programmes."""
        return list(self.data.get("programmes", []))

    @property
    def meaning(self) -> Any:
        return self.data["meaning"]


def glossary_entries(data: dict | None) -> list[Entry]:
    """The entries of a validated glossary.yaml, in file order; none without the file."""
    return [Entry(e["id"], e) for e in (data or {}).get("entries", [])]

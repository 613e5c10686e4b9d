"""What of the content may leave the project as data: dates as ISO strings, and a confidential address
cut to its city, as the pages and sheets show it (render/templates/_macros.j2, sheet.html.j2)."""
from __future__ import annotations

from typing import Any

from ..content.schemas import DATE_FIELDS

PUBLIC_ADDRESS = ("city", "confidential")  # what a page shows of a confidential address


def public_address(address: dict) -> dict:
    """An address as it may be published: only the city when it is confidential."""
    if address.get("confidential") is True:
        return {key: address[key] for key in PUBLIC_ADDRESS if key in address}
    return dict(address)


def published(value: Any, key: str = "") -> Any:
    """A validated document as it may be published: every `address` public, every date a string
    (`as_of: 2012` -> "2012", which the schemas accept), everything else as it is."""
    if isinstance(value, dict):
        if key == "address":
            value = public_address(value)
        return {name: published(item, name) for name, item in value.items()}
    if isinstance(value, list):
        return [published(item) for item in value]
    if key in DATE_FIELDS and isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    return value

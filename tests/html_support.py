"""Find active content in built HTML: what a browser would run, not what it shows as text."""
from __future__ import annotations

from html.parser import HTMLParser


class _ActiveContent(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("iframe", "object", "embed"):
            self.found.append(f"<{tag}>")
        for name, value in attrs:
            if name.startswith("on"):
                self.found.append(f"<{tag} {name}>")
            if name in ("href", "src", "action") and (value or "").strip().lower().startswith(("javascript:", "data:text", "vbscript:")):
                self.found.append(f"<{tag} {name}={value}>")
        kind = (dict(attrs).get("type") or "text/javascript").strip().lower()
        self._in_script = tag == "script" and kind not in ("application/json", "application/ld+json")  # data, never run

    def handle_endtag(self, tag: str) -> None:
        self._in_script = False

    def handle_data(self, data: str) -> None:
        if self._in_script and "alert(" in data:
            self.found.append(f"<script>{data[:40]}")


def active_content(html: str) -> list[str]:
    """Elements and attributes that would run code or embed another page."""
    parser = _ActiveContent()
    parser.feed(html)
    return parser.found

"""What the render tests share: every shipped sheet printed once per run, in every interface language."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest

from generator.config import PROJECT_ROOT, load_settings
from generator.content.validate import validate_content
from generator.model.catalogue import Catalogue, build_catalogue
from generator.render.i18n import INTERFACE, Language
from generator.render.pdf import render_sheet_sets


@dataclass
class ShippedSheets:
    catalogue: Catalogue
    folders: dict[str, Path]  # language code -> the folder of its sheets, <slug>.pdf

    def pdfs(self) -> list[tuple[str, Path]]:
        return [(lang, folder / f"{c.slug}.pdf") for lang, folder in self.folders.items() for c in self.catalogue.countries]


@pytest.fixture(scope="session")
def shipped_sheets(tmp_path_factory: pytest.TempPathFactory) -> ShippedSheets:
    """The shipped content's sheets in en, nb and da, rendered by the project's own `render_sheet_sets`."""
    settings = load_settings(PROJECT_ROOT)
    content, problems = validate_content(PROJECT_ROOT / "content", settings)
    assert not problems, "\n".join(p.text() for p in problems)
    catalogue = build_catalogue(content, settings)
    out = tmp_path_factory.mktemp("sheets")
    folders = {lang: out / lang for lang in INTERFACE}
    render_sheet_sets(catalogue, {Language(lang): folder for lang, folder in folders.items()})
    return ShippedSheets(catalogue, folders)

"""What the site's tests share: the shipped content built once per run, served on 127.0.0.1, and Chromium."""
from __future__ import annotations

from pathlib import Path
from typing import Iterator

import pytest

from browser_support import CHROMIUM, CHROMIUM_ARGS, serve
from generator.config import load_settings
from generator.site.build import build_site


@pytest.fixture(scope="session")
def shipped_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The project's own content built into a folder of its own, once for every test reading it; with
    the sheets (cached in the docs folders, as `make site` leaves them), which the offline copy holds."""
    out = tmp_path_factory.mktemp("shipped") / "site"
    build_site(load_settings(), out=out)
    return out


@pytest.fixture(scope="session")
def site_url(shipped_site: Path) -> Iterator[str]:
    with serve(shipped_site) as url:
        yield url


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()

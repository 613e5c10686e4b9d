"""Refresh the README screenshots from the built site/ (run `make site` first).

    .venv/bin/python tools/screenshots.py
"""
from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from browser_support import CHROMIUM, CHROMIUM_ARGS, serve  # noqa: E402
from playwright.sync_api import sync_playwright  # noqa: E402

SHOTS = [("home.png", "", 1280, 900), ("country.png", "countries/mali/", 1280, 1100), ("phone.png", "countries/iraq/", 390, 844),
         ("country-nb.png", "nb/countries/iraq/", 1280, 1000)]


def main() -> int:
    out = ROOT / "screenshots"
    out.mkdir(exist_ok=True)
    with serve(ROOT / "site") as url, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for name, path, width, height in SHOTS:
            page = browser.new_page(viewport={"width": width, "height": height})
            page.goto(url + path, wait_until="networkidle")
            page.screenshot(path=str(out / name))
            print(f"wrote screenshots/{name}")
        browser.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())

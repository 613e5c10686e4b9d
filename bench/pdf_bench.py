"""Seconds per printable sheet, cold and cached, for the shipped content or N synthetic countries.

    .venv/bin/python bench/pdf_bench.py                 # the shipped countries
    .venv/bin/python bench/pdf_bench.py --countries 40  # 40 countries copied from a shipped one
"""
from __future__ import annotations

import argparse
import contextlib
import io
import random
import shutil
import sys
import tempfile
import time
from pathlib import Path

import pycountry
import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from generator.render import pdf as printing  # noqa: E402
from generator.config import PROJECT_ROOT, load_settings  # noqa: E402
from generator.model.catalogue import build_catalogue  # noqa: E402
from generator.content.validate import validate_content  # noqa: E402


def synthetic_tree(target: Path, count: int, template: str) -> Path:
    """A copy of content/ whose countries are `count` renamed, slightly varied copies of one file."""
    content = target / "content"
    shutil.copytree(PROJECT_ROOT / "content", content)
    for path in (content / "countries").glob("*.yaml"):
        path.unlink()
    base = yaml.safe_load((PROJECT_ROOT / "content" / "countries" / f"{template}.yaml").read_text("utf-8"))
    rng = random.Random(7)
    codes = [c for c in pycountry.countries if len(c.alpha_2) == 2][:count]
    for country in codes:
        data = yaml.safe_load(yaml.safe_dump(base))
        data["country"].update(code=country.alpha_2, name=getattr(country, "common_name", country.name))
        data["country"].pop("name_local", None)
        if data.get("summary"):
            data["summary"] = f"{data['summary']} (Copy {rng.randint(1, 999)} for {country.alpha_2}.)"
        (content / "countries" / f"{country.alpha_2.lower()}.yaml").write_text(yaml.safe_dump(data, allow_unicode=True), "utf-8")
    return content


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--countries", type=int, metavar="N", help="generate N synthetic countries instead")
    parser.add_argument("--template", default="iq", help="country file to copy for --countries (default: iq)")
    parser.add_argument("-v", "--verbose", action="store_true", help="show the per-sheet progress lines")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="pdf-bench-") as tmp:
        tmp_path = Path(tmp)
        content_dir = synthetic_tree(tmp_path, args.countries, args.template) if args.countries else PROJECT_ROOT / "content"
        settings = load_settings(PROJECT_ROOT, content_dir=content_dir)
        content, problems = validate_content(content_dir, settings)
        if problems:
            print("\n".join(p.text() for p in problems[:20]), file=sys.stderr)
            return 1
        catalogue = build_catalogue(content, settings)
        n = len(catalogue.countries)
        out = tmp_path / "pdf"
        quiet = contextlib.nullcontext() if args.verbose else contextlib.redirect_stderr(io.StringIO())
        with quiet:
            started = time.perf_counter()
            paths = printing.render_sheets(catalogue, out)
            cold = time.perf_counter() - started
            started = time.perf_counter()
            printing.render_sheets(catalogue, out)
            cached = time.perf_counter() - started
        from pypdf import PdfReader

        pages = [len(PdfReader(str(p)).pages) for p in paths]
        print(f"{n} sheets on {printing._workers(n)} worker(s): cold {cold:.2f} s ({cold / n:.3f} s/sheet), "
              f"cached {cached:.2f} s ({cached / n:.4f} s/sheet); pages: {min(pages)}-{max(pages)}, "
              f"{sum(pages)} in all; target 0.25 s/sheet cold: {'met' if cold / n <= 0.25 else 'NOT met'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Benchmark the build on synthetic content and print one `name=value` line per figure.

    python bench/run.py --countries 200 [--no-pdf] [--keep DIR]

Runs in a temporary copy of the project (config, hand-written pages, synthetic content), so the
real docs/ and site/ are not touched. Figures: see bench/README.md.
"""
from __future__ import annotations

import argparse
import gzip
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))
sys.path.insert(0, str(ROOT / "tests"))

from generator.site.build import build_site, mkdocs_build
from generator.site.generate import generate  # noqa: E402
from generator.site.zensical import zensical_build  # noqa: E402
from generator.content.validate import validate_content  # noqa: E402
from project_support import make_project as copy_project  # noqa: E402
from synth import write_content  # noqa: E402


def make_project(workdir: Path, countries: int, languages: tuple[str, ...]):
    """A copy of the project's site skeleton with `countries` synthetic countries as its content."""
    settings = copy_project(workdir, countries=[], languages=languages)
    write_content(settings.content_dir, countries)
    return settings


def timed(function, *args, **kwargs) -> float:
    started = time.perf_counter()
    result = function(*args, **kwargs)
    if isinstance(result, int) and result != 0:  # an exit code
        raise SystemExit(f"{function.__name__} failed with {result}")
    return time.perf_counter() - started


def cli_start(settings, runs: int = 5) -> float:
    """`factsheets validate FILE` as a pre-commit hook runs it: a fresh process, one country file;
    the fastest of `runs`, so another program's moment on the machine does not count."""
    first = sorted((settings.content_dir / "countries").glob("*.yaml"))[0]
    command = [sys.executable, "-m", "generator", "validate", str(first.relative_to(settings.root))]
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        subprocess.run(command, cwd=settings.root, check=True, stdout=subprocess.DEVNULL)
        times.append(time.perf_counter() - started)
    return min(times)


def quiet(function, *args, **kwargs):
    """Run without the build's own progress lines, so the output stays name=value."""
    with open(os.devnull, "w") as null:
        stdout, stderr = sys.stdout, sys.stderr
        sys.stdout = sys.stderr = null
        try:
            return function(*args, **kwargs)
        finally:
            sys.stdout, sys.stderr = stdout, stderr


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--countries", type=int, default=200)
    parser.add_argument("--no-pdf", action="store_true", help="skip the PDF figures")
    parser.add_argument("--keep", metavar="DIR", help="build in DIR and keep it")
    parser.add_argument("--languages", default="en,nb,da", help="languages of the site (default: en,nb,da)")
    args = parser.parse_args()
    workdir = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="factsheets-bench-"))
    if workdir.exists():
        shutil.rmtree(workdir)
    settings = make_project(workdir, args.countries, tuple(args.languages.split(",")))
    print(f"machine={platform.machine()} cores={os.cpu_count()} python={platform.python_version()}")
    print(f"countries={args.countries}")
    print(f"languages={','.join(settings.languages)}")

    print(f"cli_start_s={cli_start(settings):.3f}")
    validate_s = timed(lambda: None if not validate_content(settings.content_dir, settings)[1] else 1)
    print(f"validate_s={validate_s:.3f}")  # cold: nothing parsed yet
    validate_warm_s = timed(lambda: None if not validate_content(settings.content_dir, settings)[1] else 1)
    print(f"validate_warm_s={validate_warm_s:.3f}")  # the same again in this process; nothing is kept on disk
    started = time.perf_counter()
    quiet(generate, settings)
    print(f"generate_s={time.perf_counter() - started:.3f}")
    plain = workdir / "site-plain"
    mkdocs_s = sum(timed(quiet, mkdocs_build, settings, plain if code == settings.languages[0] else plain / code, lang=code)
                   for code in settings.languages)
    print(f"mkdocs_s={mkdocs_s:.3f}")
    other = settings.root / "site-zensical"  # Zensical builds only inside its project
    for figure in ("zensical_s", "zensical_warm_s"):  # its cache (.cache/) empty, then filled by the first
        seconds = sum(timed(zensical_build, settings, code, other if code == settings.languages[0] else other / code)
                      for code in settings.languages)
        print(f"{figure}={seconds:.3f}")
    for code in settings.languages:  # the full path starts from no generated pages
        shutil.rmtree(settings.docs_for(code) / "countries")
    site_s = timed(quiet, build_site, settings, pdf=False)
    print(f"site_s={site_s:.3f}")
    changed = sorted((settings.content_dir / "countries").glob("*.yaml"))[0]
    changed.write_text(changed.read_text("utf-8").replace("last_reviewed: '2026-11-01'", "last_reviewed: '2026-11-02'"), "utf-8")
    incremental_s = timed(quiet, build_site, settings, pdf=False)
    print(f"incremental_s={incremental_s:.3f}")
    if not args.no_pdf:
        from generator.model.catalogue import load_catalogue
        from generator.render.pdf import render_sheets

        catalogue = load_catalogue(settings)
        out = settings.docs_dir / "pdf"
        cold = timed(quiet, render_sheets, catalogue, out)
        print(f"pdf_cold_s_per_sheet={cold / args.countries:.3f}")
        changed.write_text(changed.read_text("utf-8").replace("'2026-11-02'", "'2026-11-03'"), "utf-8")
        cached = timed(quiet, render_sheets, load_catalogue(settings), out)
        print(f"pdf_cached_s={cached:.3f}")
    pages = list((settings.site_dir / "countries").glob("*/index.html"))
    print(f"largest_page_kb={max(p.stat().st_size for p in pages) / 1024:.1f}")
    indexes = {code: settings.site_dir / ("" if code == settings.languages[0] else code) / "search" / "search_index.json"
               for code in settings.languages}
    print(f"search_index_kb={indexes[settings.languages[0]].stat().st_size / 1024:.1f}")
    for code in settings.languages[1:]:
        print(f"search_index_kb_{code}={indexes[code].stat().st_size / 1024:.1f}")
    largest = max(indexes.values(), key=lambda path: path.stat().st_size)  # what a phone fetches from a gzip server
    print(f"search_index_gzip_kb={len(gzip.compress(largest.read_bytes(), 6)) / 1024:.1f}")
    print(f"overhead_ratio={(site_s - mkdocs_s) / mkdocs_s:.3f}")
    print(f"incremental_ratio={incremental_s / site_s:.3f}")
    if not args.keep:
        shutil.rmtree(workdir, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""The `factsheets` command: every command's arguments, and the one place where what went wrong
becomes a message and an exit code. The work itself is done by the stages below."""
from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from .config import LANGUAGE_TAG, Settings, load_settings
from .content.citing import copies_notice
from .content.files import content_root_of, ignored, shown_path
from .content.validate import canonical, valid_content, validate_content
from .model.estimate import GROUPS
from .problems import ContentError, FactsheetsError, display_path, shown
from .render.i18n import INTERFACE


def validation_roots(paths: list[str], settings: Settings) -> tuple[dict[Path, set[Path] | None], list[Path]]:
    """The content trees to validate, each whole (None) or for some of its files (see `canonical`),
    and the files that stand in no content tree."""
    if not paths:
        return {settings.content_dir: None}, []
    roots: dict[Path, set[Path] | None] = {}
    loose: list[Path] = []
    for target in map(Path, paths):
        named = shown(str(target), 200)
        if not os.path.lexists(target):
            raise FactsheetsError(f"{named}: no such file or folder")
        root = content_root_of(canonical(target))  # a link in a content folder stands there, wherever it points
        if os.path.isdir(target):
            if root is None and canonical(target) != canonical(settings.content_dir):
                raise FactsheetsError(f"{named}: not a content folder (no sources.yaml and countries/ in it or above it); "
                                      "give a content folder or files")
            roots[root or settings.content_dir] = None  # the whole tree
        elif root is None:
            loose.append(target)
        elif ignored(target.name):
            raise FactsheetsError(f"{named}: not read: READMEs and editors' hidden or backup files are not content")
        elif roots.get(root, set()) is not None:
            roots.setdefault(root, set()).add(canonical(target))  # type: ignore[union-attr]
    if loose and settings.content_dir not in roots:
        roots[settings.content_dir] = set()  # loose files are checked against the project's content
    return roots, loose


def cmd_validate(args: argparse.Namespace) -> int:
    settings = load_settings()
    roots, loose = validation_roots(args.paths, settings)
    problems, files, notice = [], 0, ""
    for root, wanted in roots.items():
        extra = tuple(loose) if root == settings.content_dir else ()
        content, found = validate_content(root, settings, only=wanted, loose=extra)
        if content.sources is not None and isinstance(content.sources.data, dict):
            listed = content.sources.data.get("sources")
            notice = notice or copies_notice(listed if isinstance(listed, list) else [], settings.reports_dir)
        files += len(content.documents()) if wanted is None else len(wanted) + len(extra)
        asked = [*(wanted or ()), *extra]
        names = None if wanted is None else {name for path in asked for name in (display_path(path), shown_path(path))}
        problems += [p for p in found if names is None or p.path in names]
    for problem in problems:
        print(problem.github() if args.format == "github" else problem.text())
    if notice:
        print(notice, file=sys.stderr)
    if problems:
        print(f"{len(problems)} problem(s) in {len({p.path for p in problems})} file(s); fix them and run again.", file=sys.stderr)
        return 1
    print(f"ok: {files} file(s) valid")
    return 0


def cmd_build(args: argparse.Namespace) -> int:
    from .site.build import build_site

    build_site(load_settings(), pdf=not args.no_pdf, engine=args.engine)
    return 0


def cmd_pdf(args: argparse.Namespace) -> int:
    from .model.catalogue import load_catalogue, select
    from .render.i18n import Language
    from .render.bundle import render_bundle
    from .render.pdf import render_sheets

    settings = load_settings()
    catalogue = load_catalogue(settings, "nothing was printed")
    codes = list(args.codes)
    select(catalogue, codes)
    lang = Language(args.lang)
    site_language = lang.code in settings.languages  # else the sheets go beside the English ones, e.g. pdf/ar/
    default = settings.docs_for(lang.code) / "pdf" if site_language else settings.docs_dir / "pdf" / lang.code
    sheets_dir = Path(args.out) if args.out else default
    if args.bundle:  # made of the sheets in sheets_dir, printed there first if they are not current
        render_bundle(catalogue, codes, Path(args.bundle), lang=lang, sheets_dir=sheets_dir)
    else:
        render_sheets(catalogue, sheets_dir, codes or None, lang)
    return 0


def cmd_new(args: argparse.Namespace) -> int:
    from .editing.scaffold import write_new_country
    from .model.catalogue import country_name

    settings = load_settings()
    path = write_new_country(args.code, settings.content_dir, settings.today)
    shown = os.path.relpath(path)
    print(f"wrote {shown} ({country_name(path.stem.upper())}).")
    print("Next: uncomment the sections your sources cover, replace every <...> with the source's facts,")
    print(f"then check it with: factsheets validate {shown}   (step by step: CONTRIBUTING.md)")
    return 0


def cmd_translations(args: argparse.Namespace) -> int:
    from .content.fields import SOURCE
    from .editing.translations import report
    from .render.i18n import INTERFACE

    content = valid_content(load_settings(), "fix them first")
    languages = args.lang or [lang for lang in INTERFACE if lang != SOURCE]
    text, outdated = report([doc for _, doc in content.documents()], languages, listing=bool(args.list or args.lang))
    print(text)
    return 1 if args.strict and outdated else 0


def cmd_stale(args: argparse.Namespace) -> int:
    from .editing.stale import parse_age, report
    from .model.catalogue import load_catalogue

    try:
        limit = parse_age(args.older_than) if args.older_than else None
    except ValueError as error:
        raise FactsheetsError(f"--older-than: {error}") from None
    print(report(load_catalogue(load_settings()), limit, markdown=args.format == "markdown"))
    return 0


def cmd_diff(args: argparse.Namespace) -> int:
    from .editing.factdiff import diff_revisions

    print(diff_revisions(args.base, args.head))
    return 0


def cmd_estimate(args: argparse.Namespace) -> int:
    import json

    from .model.catalogue import load_catalogue, select
    from .model.estimate import Household
    from .render.estimate import estimate_data, estimate_text
    from .render.i18n import Language
    from .render.views import Views

    catalogue = load_catalogue(load_settings(), "nothing was estimated")
    country = select(catalogue, [args.code])[0]
    household = Household(args.adults, args.children, args.group)
    if household.persons == 0:
        raise FactsheetsError("--adults and --children are both 0: a household has at least one person")
    views = Views(catalogue, Language(args.lang))
    data = estimate_data(catalogue, country, household, args.host.upper(), views)
    print(json.dumps(data, ensure_ascii=False, indent=2) if args.format == "json" else estimate_text(data, views), end="")
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    from .export.files import export_files, known_formats, write_files
    from .model.catalogue import load_catalogue

    settings = load_settings()
    out = Path(args.out) if args.out else settings.root / "data"
    if out.exists() and not out.is_dir():
        raise FactsheetsError(f"--out: {shown(str(out), 200)} is a file, not a folder")
    formats = known_formats([name.strip() for given in args.format or [] for name in given.split(",")])
    files = export_files(load_catalogue(settings, "nothing was exported"), settings.site_url, formats)
    written, unchanged, removed = write_files(files, out, formats)
    print(f"exported {len(files)} file(s) ({', '.join(formats)}) into {display_path(out)}: "
          f"{written} written, {unchanged} unchanged, {removed} removed")
    return 0


def count(value: str) -> int:
    if not value.isdigit() or int(value) > 50:
        raise argparse.ArgumentTypeError(f"{value!r} is not a number of people from 0 to 50")
    return int(value)


def host_code(value: str) -> str:
    if not (len(value) == 2 and value.isascii() and value.isalpha()):
        raise argparse.ArgumentTypeError(f"{value!r} is not a country code such as NO or DK")
    return value.upper()


def language_tag(value: str) -> str:
    if not LANGUAGE_TAG.match(value):
        raise argparse.ArgumentTypeError(f"{value!r} is not a language tag such as en, nb, da, ar or fa-AF")
    return value


def parser() -> argparse.ArgumentParser:
    top = argparse.ArgumentParser(prog="factsheets", description="Reintegration fact sheets: validate content, build the site and the printable sheets.")
    sub = top.add_subparsers(dest="command", required=True)
    validate = sub.add_parser("validate", help="check content files and report every problem as file:line:col")
    validate.add_argument("paths", nargs="*", help="files or folders (default: content/)")
    validate.add_argument("--format", choices=["text", "github"], default="text", help="github: GitHub Actions annotations")
    validate.set_defaults(func=cmd_validate)
    build = sub.add_parser("build", help="validate, write the pages and sheets, and build the site into site/")
    build.add_argument("--no-pdf", action="store_true", help="skip the printable sheets")
    build.add_argument("--engine", choices=["mkdocs", "zensical"], default="mkdocs",
                       help="the site generator: MkDocs (default), or Zensical, its successor (see README)")
    build.set_defaults(func=cmd_build)
    pdf = sub.add_parser("pdf", help="print one A4 PDF per country, or a seminar bundle")
    pdf.add_argument("codes", nargs="*", help="ISO country codes (default: all countries)")
    pdf.add_argument("--bundle", metavar="OUT.pdf", help="one PDF with a cover page and the countries in order")
    pdf.add_argument("--out", metavar="DIR", help="folder for the sheets, and with --bundle for the sheets it is made "
                                                  "of (default: docs/pdf, or the language's docs folder)")
    pdf.add_argument("--lang", metavar="TAG", type=language_tag, default="en",
                     help="language of the sheets: en, nb or da for the whole sheet; another tag (e.g. ar) prints "
                          "the content translated into it, with English headings (default: en)")
    pdf.set_defaults(func=cmd_pdf)
    new = sub.add_parser("new", help="write a new country file with every section as a commented example")
    new.add_argument("code", help="ISO 3166-1 alpha-2 code of the country, e.g. ML")
    new.set_defaults(func=cmd_new)
    stale = sub.add_parser("stale", help="list figures and contacts past their age, oldest first")
    stale.add_argument("--older-than", metavar="AGE", help="e.g. 12m or 2y (default: the configured age per kind of figure)")
    stale.add_argument("--format", choices=["text", "markdown"], default="text")
    stale.set_defaults(func=cmd_stale)
    words = sub.add_parser("translations", help="per language, the content texts not yet translated or translated from an older English text")
    words.add_argument("--lang", action="append", type=language_tag, metavar="TAG",
                       help="only this language, listing every text (repeatable; default: nb and da, counts only)")
    words.add_argument("--list", action="store_true", help="list every missing or outdated text as file:line")
    words.add_argument("--strict", action="store_true", help="exit 1 when a translation is possibly outdated (for CI)")
    words.set_defaults(func=cmd_translations)
    diff = sub.add_parser("diff", help="what changed in the facts between two git revisions, as Markdown for a review")
    diff.add_argument("base", help="base revision, e.g. origin/main")
    diff.add_argument("head", nargs="?", help="head revision (default: the working tree)")
    diff.set_defaults(func=cmd_diff)
    guess = sub.add_parser("estimate", help="what a household could get from the programmes on a country's page, "
                                            "each line with its date and source")
    guess.add_argument("code", help="ISO code of the country of return, e.g. IQ")
    guess.add_argument("--host", type=host_code, default="NO", help="country the household returns from (default: NO)")
    guess.add_argument("--adults", type=count, default=1, help="adults in the household (default: 1)")
    guess.add_argument("--children", type=count, default=0, help="children in the household (default: 0)")
    guess.add_argument("--group", choices=GROUPS, help="a group some programmes are only for")
    guess.add_argument("--format", choices=["text", "json"], default="text")
    guess.add_argument("--lang", choices=INTERFACE, default="en", help="language of the words (default: en)")
    guess.set_defaults(func=cmd_estimate)
    export = sub.add_parser("export", help="write the open data (JSON, CSV with a Frictionless Data Package, "
                                           "Open Referral HSDS) that the site publishes under /data/")
    export.add_argument("--format", action="append", metavar="FORMAT",
                        help="json, csv or hsds (repeatable, or comma-separated; default: all)")
    export.add_argument("--out", metavar="DIR", help="folder to write into (default: data/ in the project)")
    export.set_defaults(func=cmd_export)
    return top


def main(argv: list[str] | None = None) -> int:
    """Run a command; the one place where what went wrong becomes a message and an exit code."""
    args = parser().parse_args(argv)
    try:
        code = args.func(args)
        sys.stdout.flush()
        return code
    except ContentError as error:
        for problem in error.problems:
            print(problem.text())
        print(f"factsheets {args.command}: {error}", file=sys.stderr)
        return error.code
    except FactsheetsError as error:
        print(f"factsheets {args.command}: {error}", file=sys.stderr)
        return error.code
    except OSError as error:
        if isinstance(error, BrokenPipeError):  # `factsheets stale | head` read what it wanted
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())  # no second error when Python exits
            return 0
        names = [name for name in (error.filename, error.filename2) if name not in (None, "")]
        where = "".join(f"{shown(name, 200 // len(names))}: " for name in names)  # a path can be 4 KB long
        print(f"factsheets {args.command}: {where}{shown(error.strerror or str(error), 80)}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print(f"factsheets {args.command}: interrupted", file=sys.stderr)
        return 130

"""Settings with sensible defaults: site address from mkdocs.yml, the rest from [tool.factsheets] in pyproject.toml."""
from __future__ import annotations

import difflib
import os
import re
import tomllib
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path

import yaml

from .problems import ConfigError

PROJECT_ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Settings:
    root: Path = PROJECT_ROOT
    content_dir: Path = PROJECT_ROOT / "content"
    docs_dir: Path = PROJECT_ROOT / "docs"
    site_dir: Path = PROJECT_ROOT / "site"
    # Plain-text copies of the cited reports, for checking `lines:` citations.
    reports_dir: Path = PROJECT_ROOT.parent / "shared" / "seeds"
    site_url: str = "https://reintegration-factsheets.github.io/factsheets/"
    repo_url: str = "https://github.com/reintegration-factsheets/factsheets"
    # Where "Report an error" can also be sent by e-mail, for readers without a GitHub account; "" for none.
    report_email: str = ""
    # Age in months after which a figure is marked stale, per kind of figure.
    stale_months: dict[str, int] = field(default_factory=lambda: {"ceiling": 12, "cost": 24, "contact": 24})
    today: date = field(default_factory=date.today)
    max_file_bytes: int = 1_000_000
    # How many recent commits to content/ the Changes sections and feeds look at.
    history_commits: int = 40
    # Languages the site is built in: the first at the root, each other one under /<tag>/.
    languages: tuple[str, ...] = ("en", "nb", "da")

    def docs_for(self, lang: str) -> Path:
        """The Markdown folder of one language: docs/ for the first, docs-<tag>/ beside it for the others."""
        return self.docs_dir if lang == self.languages[0] else self.root / f"docs-{lang}"

    def mkdocs_config(self, lang: str) -> Path:
        return self.root / ("mkdocs.yml" if lang == self.languages[0] else f"mkdocs.{lang}.yml")

    def site_url_for(self, lang: str) -> str:
        """A language's site address, from the one setting site_url: the first language at its root,
        each other one under /<tag>/ (the engines' configs are given this, whatever their files say)."""
        root = self.site_url.rstrip("/") + "/"
        return root if lang == self.languages[0] else f"{root}{lang}/"


# What each [tool.factsheets] setting takes, in the words of a message about a wrong one.
EXPECTED = {
    "content_dir": "a folder, relative to the project", "docs_dir": "a folder, relative to the project",
    "site_dir": "a folder, relative to the project", "reports_dir": "a folder, relative to the project",
    "site_url": 'the site\'s address, e.g. "https://example.org/factsheets/"',
    "repo_url": 'the repository\'s address, e.g. "https://github.com/owner/factsheets"',
    "stale_months": "a table of months per kind of figure, e.g. { ceiling = 12, cost = 24, contact = 24 }",
    "max_file_bytes": "a whole number of bytes, e.g. 1000000",
    "history_commits": "a whole number of commits, e.g. 40",
    "languages": 'a list of language tags, the first at the root, e.g. ["en", "nb", "da"]',
}
LANGUAGE_TAG = re.compile(r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$")
# A plain address: nothing a mailto: link or a page would have to escape.
EMAIL = re.compile(r"^[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+$")


def is_address(value: object) -> bool:
    """A web address the site, its QR codes and its error reports can point at."""
    return isinstance(value, str) and value.startswith(("https://", "http://"))


def project_root(start: Path | None = None) -> Path:
    """The project the command runs in: the nearest folder from the working directory up whose
    pyproject.toml has a [tool.factsheets] table; the package's own project otherwise."""
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        pyproject = folder / "pyproject.toml"
        if pyproject.is_file() and "[tool.factsheets]" in pyproject.read_text("utf-8", errors="replace"):
            return folder
    return PROJECT_ROOT


def load_settings(root: Path | None = None, **overrides: object) -> Settings:
    """Defaults, then [tool.factsheets] in pyproject.toml, then environment, then explicit overrides.

    A setting that cannot be used raises ConfigError naming it and the form it takes.
    """
    root = root or project_root()
    settings = Settings(root=root, content_dir=root / "content", docs_dir=root / "docs", site_dir=root / "site",
                        reports_dir=root.parent / "shared" / "seeds")
    values: dict[str, object] = {}
    values.update(_from_mkdocs(root / "mkdocs.yml", settings))
    values.update(_from_pyproject(root / "pyproject.toml", root))
    values.update(_from_environment())
    values.update(overrides)
    if "languages" in values:
        values["languages"] = tuple(values["languages"])  # type: ignore[arg-type]
    if "stale_months" in values:
        values["stale_months"] = {**settings.stale_months, **dict(values["stale_months"])}  # type: ignore[arg-type]
    return replace(settings, **values)  # type: ignore[arg-type]


def _from_mkdocs(path: Path, settings: Settings) -> dict[str, object]:
    """The site's address and repository, configured once, for MkDocs."""
    if not path.exists():
        return {}
    try:
        site = yaml.safe_load(path.read_text("utf-8")) or {}
    except (yaml.YAMLError, UnicodeDecodeError) as error:
        mark = getattr(error, "problem_mark", None)
        where = f":{mark.line + 1}" if mark else ""
        raise ConfigError(f"{path.name}{where}: cannot be read as YAML ({getattr(error, 'problem', None) or error})") from None
    if not isinstance(site, dict):
        raise ConfigError(f"{path.name}: must be a mapping of settings such as `site_url:`")
    extra = site.get("extra") if isinstance(site.get("extra"), dict) else {}
    values = {"site_url": site.get("site_url", settings.site_url), "repo_url": extra.get("repo_url", settings.repo_url)}
    for key, value in values.items():
        if not is_address(value):
            where = "site_url" if key == "site_url" else "extra.repo_url"
            raise ConfigError(f"{path.name}: `{where}` must be {EXPECTED[key]}; found {value!r}")
    if "report_email" in extra:
        values["report_email"] = _report_email(path, extra["report_email"])
    return values


def _report_email(path: Path, value: object) -> str:
    """The optional address for error reports (`extra.report_email`), refused with its line if it is not one."""
    if isinstance(value, str) and EMAIL.match(value):
        return value
    lines = path.read_text("utf-8").splitlines()
    line = next((number for number, text in enumerate(lines, 1) if text.strip().startswith("report_email:")), 1)
    raise ConfigError(f"{path.name}:{line}: `extra.report_email` must be an e-mail address such as "
                      f"errors@example.org, or be left out; found {value!r}")


def _from_pyproject(path: Path, root: Path) -> dict[str, object]:
    if not path.exists():
        return {}
    try:
        table = tomllib.loads(path.read_text("utf-8")).get("tool", {}).get("factsheets", {})
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(f"{path.name}: {error}") from None
    values: dict[str, object] = {}
    for key, value in table.items():
        if key not in EXPECTED:
            close = difflib.get_close_matches(key, EXPECTED, n=1)
            tip = f"did you mean `{close[0]}`?" if close else f"the settings are {', '.join(EXPECTED)}"
            raise ConfigError(f"pyproject.toml: [tool.factsheets] `{key}` is not a setting; {tip}")
        if not _fits(key, value):
            raise ConfigError(f"pyproject.toml: [tool.factsheets] `{key}` must be {EXPECTED[key]}; found {value!r}")
        values[key] = (root / value).resolve() if key.endswith("_dir") else value
    for lang in values.get("languages", [])[1:]:  # each language after the first is a site of its own
        if not (root / f"mkdocs.{lang}.yml").is_file():
            raise ConfigError(f"pyproject.toml: [tool.factsheets] `languages` names {lang}, which has no "
                              f"mkdocs.{lang}.yml: add that file (see mkdocs.nb.yml) or remove {lang}")
    return values


def _fits(key: str, value: object) -> bool:
    """Whether a [tool.factsheets] value has the form its setting takes."""
    if key.endswith("_dir"):
        return isinstance(value, str) and bool(value)
    if key in ("site_url", "repo_url"):
        return is_address(value)
    if key == "stale_months":
        return (isinstance(value, dict) and set(value) <= set(Settings().stale_months)
                and all(type(months) is int and months > 0 for months in value.values()))
    if key in ("max_file_bytes", "history_commits"):
        return type(value) is int and value > 0
    return (isinstance(value, list) and bool(value) and len(set(value)) == len(value)
            and all(isinstance(tag, str) and LANGUAGE_TAG.match(tag) for tag in value))


def _from_environment() -> dict[str, object]:
    values: dict[str, object] = {}
    if "FACTSHEETS_REPORTS" in os.environ:  # set on purpose, so it must be there
        values["reports_dir"] = Path(os.environ["FACTSHEETS_REPORTS"])
        if not values["reports_dir"].is_dir():  # type: ignore[union-attr]
            raise ConfigError(f"FACTSHEETS_REPORTS: {os.environ['FACTSHEETS_REPORTS']} is not a folder of report copies")
    if "FACTSHEETS_TODAY" in os.environ:
        try:
            values["today"] = date.fromisoformat(os.environ["FACTSHEETS_TODAY"])
        except ValueError:
            raise ConfigError(f"FACTSHEETS_TODAY: must be a date written YYYY-MM-DD; found {os.environ['FACTSHEETS_TODAY']!r}") from None
    if "FACTSHEETS_SITE_URL" in os.environ:
        values["site_url"] = os.environ["FACTSHEETS_SITE_URL"]
        if not is_address(values["site_url"]):
            raise ConfigError(f"FACTSHEETS_SITE_URL: must be {EXPECTED['site_url']}; found {values['site_url']!r}")
    return values

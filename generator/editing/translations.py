"""Which content texts are translated, missing or possibly outdated, per language (`factsheets translations`)."""
from __future__ import annotations

import argparse
from collections import Counter
from dataclasses import dataclass
from typing import Any

from ..content.fields import SOURCE, text_hash, texts
from ..render.i18n import INTERFACE, english, localize
from ..model import Country
from ..problems import display_path
from ..content.schemas import field_path
from ..content.yamlload import Loaded, locate

def untranslated(data: Any, lang: str) -> int:
    """How many texts of a document a page in `lang` shows in English."""
    if lang == SOURCE:
        return 0
    return sum(localize(value, lang).state == "fallback" for _, value in texts(data))


def untranslated_on_page(country: Country, lang: str) -> int:
    """Texts a country's page or sheet in `lang` shows in English: its own and its programmes'."""
    return untranslated(country.data, lang) + sum(untranslated(p.data, lang) for _, p in country.programmes)


@dataclass(frozen=True)
class Finding:
    path: str
    line: int
    field: str
    lang: str
    state: str          # 'missing' or 'outdated'
    english: str

    def text(self) -> str:
        wanted = text_hash(self.english)
        if self.state == "missing":
            how = f"no {self.lang} translation; to add one write `{self.lang}: {{text: ..., from_en: {wanted}}}`"
        else:
            how = (f"the {self.lang} translation was made from an earlier English text; check it against the "
                   f"English and set `from_en: {wanted}`")
        return f"{self.path}:{self.line}: {self.field}: {how}"


def findings(documents: list[Loaded], languages: list[str]) -> list[Finding]:
    found = []
    for doc in documents:
        for path, value in texts(doc.data):
            for lang in languages:
                state = localize(value, lang).state
                if state in ("fallback", "outdated"):
                    line = locate(doc.node, path + ([lang] if state == "outdated" else []))[0]
                    found.append(Finding(display_path(doc.path), line, field_path(path), lang,
                                         "missing" if state == "fallback" else "outdated", english(value)))
    return found


def cmd_translations(args: argparse.Namespace) -> int:
    """`factsheets translations [--lang nb] [--list] [--strict]`: per language, how many texts are missing or outdated."""
    from ..config import load_settings
    from ..content.validate import valid_content

    settings = load_settings()
    content = valid_content(settings, "fix them first")
    languages = args.lang or [lang for lang in INTERFACE if lang != SOURCE]
    documents = [doc for _, doc in content.documents()]
    found = findings(documents, languages)
    total = sum(1 for doc in documents for _ in texts(doc.data))
    counts = Counter((f.lang, f.state) for f in found)
    lines = [finding.text() for finding in found] if args.list or args.lang else []
    for lang in languages:
        missing, outdated = counts[(lang, "missing")], counts[(lang, "outdated")]
        lines.append(f"{lang}: {total - missing - outdated} of {total} texts translated, {missing} missing, "
                     f"{outdated} possibly outdated")
    print("\n".join(lines))
    return 1 if args.strict and any(f.state == "outdated" for f in found) else 0

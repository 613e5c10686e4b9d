"""Which content texts are translated, missing or possibly outdated, per language (`factsheets translations`)."""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from ..content.fields import english, texts, written_fingerprint
from ..content.schemas import field_path
from ..content.yamlload import Loaded, locate
from ..problems import display_path
from ..render.i18n import localize

@dataclass(frozen=True)
class Finding:
    path: str
    line: int
    field: str
    lang: str
    state: str          # 'missing' or 'outdated'
    english: str

    def text(self) -> str:
        wanted = written_fingerprint(self.english)
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


def report(documents: list[Loaded], languages: list[str], listing: bool) -> tuple[str, bool]:
    """Per language, how many texts are translated, missing or possibly outdated (with `listing`,
    every such text as file:line first); and whether any translation is possibly outdated."""
    found = findings(documents, languages)
    total = sum(1 for doc in documents for _ in texts(doc.data))
    counts = Counter((f.lang, f.state) for f in found)
    lines = [finding.text() for finding in found] if listing else []
    for lang in languages:
        missing, outdated = counts[(lang, "missing")], counts[(lang, "outdated")]
        lines.append(f"{lang}: {total - missing - outdated} of {total} texts translated, {missing} missing, "
                     f"{outdated} possibly outdated")
    return "\n".join(lines), any(f.state == "outdated" for f in found)

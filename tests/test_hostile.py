"""Hostile input from an editor's pull request: never a crash, never active content, never a lost site.

Content files come from anyone who can open a pull request, so every text field is treated as an
attack. The property-based tests start from shipped countries and programmes, put hostile strings
(script tags, `javascript:` links, template syntax, Markdown tricks, bidi overrides, huge strings,
random text) into every field and break the structure, and check two promises:

A. the validator answers with located problems, never with an exception;
B. whatever passes validation renders to pages and sheets in which nothing can run.

The other tests print a hostile country with real WeasyPrint, crash a build half-way, feed the
loader pathological files, and check that YAML which would quietly lose data is refused.
"""
from __future__ import annotations

import copy
import hashlib
import html as html_module
import http.server
import json
import re
import shutil
import socketserver
import threading
import time
from pathlib import Path
from typing import Any, Iterator

import markdown
import pytest
import yaml
from hypothesis import assume, given, settings, strategies as st
from mkdocs.utils.meta import get_data
from pypdf import PdfReader
from pypdf.generic import DictionaryObject, IndirectObject

from generator.render import pdf as printing
from generator.render.sheet import sheet_html
from generator.problems import FactsheetsError
from generator.site.build import build_site
from generator.site.swap import LOCK_NAME  # the lock file stays, by design
from project_support import walk
from generator.config import PROJECT_ROOT, load_settings
from generator.render.markup import markdown_escape, render_markdown
from generator.model.catalogue import build_catalogue
from generator.render.pages import render_pages
from generator.content.schemas import validator
from generator.content.validate import validate_content
from generator.content.yamlload import load_yaml
from generator.content.fields import INVISIBLE, NAME_KEYS
from html_support import active_content
from project_support import make_project

pytestmark = pytest.mark.slow  # property tests that build and print: `make test` runs it, `make test-fast` does not

REPORTS = PROJECT_ROOT.parent / "shared" / "seeds"
COUNTRIES = {"cm": "countries/cm.yaml", "ng": "countries/ng.yaml", "ml": "countries/ml.yaml"}
PROGRAMMES = {"dk-prepared-return-2012": "programmes/dk-prepared-return-2012.yaml",
              "no-trafficking-2012": "programmes/no-trafficking-2012.yaml"}
FILES = {**COUNTRIES, **PROGRAMMES}
KIND = {name: "country" if name in COUNTRIES else "programme" for name in FILES}

# -- hostile text ------------------------------------------------------------------------------------------

# Accepted by the validator: each must come out as visible text, never as markup.
SHOWN_AS_TEXT = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "<iframe src=//evil.example></iframe>",
    '"><svg onload=alert(1)>',
    "</div></p><script>alert(1)</script>",
    "<a href=\"http://example.org\" onclick=\"alert(1)\">x</a>",
    "<style>*{display:none}</style>",
    "<object data=x></object><embed src=x>",
    "{{ 7*7 }}",
    "{% raw %}",
    "{% endraw %}{{ config }}",
    "${7*7} #{7*7}",
    "---",
    "---\ntitle: pwned\n---",
    "<!-- -->",
    "<!--",
    "&#x3C;script&#x3E;alert(1)&#x3C;/script&#x3E;",
    "&lt;script&gt;alert(1)&lt;/script&gt;",
    "<<script>>alert(1)<</script>>",
    "\\<script>alert(1)\\</script>",
    "`<script>alert(1)</script>`",
    "    <script>alert(1)</script>",
    "*<img src=x onerror=alert(1)>*",
    "[<img src=x onerror=alert(1)>](https://example.org)",
    '[x](https://example.org "t\\" onmouseover=alert(1) x=\\"")',
    "<https://example.org/\"onmouseover=alert(1)>",
    "x\n\n{: onclick=alert(1) }",
    "# heading {: onclick=alert(1) }",
    "para\n{: onmouseover=alert(1) }",
    "!!! danger \"<script>alert(1)</script>\"\n    body",
    "| a | <script>alert(1)</script> |\n|---|---|\n| b | c |",
    "\u2067gnp.exe\u2069 and \u2066isolated\u2069",
    "\u200b\ufeffzero width",
    "\x00\x07\x1b[31m control",
    "Ω≈ç√∫ 田中 مرحبا ኢትዮጵያ 🙂",
    "a" * 150,
]
# Refused by the validator (unsafe link schemes), and neutralised by the renderer if they ever got past it.
REFUSED_LINKS = [
    "[x](javascript:alert(1))",
    "[x](JaVaScRiPt:alert(1))",
    "[x]( javascript:alert(1))",
    "[x](<javascript:alert(1)>)",
    "[x](data:text/html,<script>alert(1)</script>)",
    "[x](vbscript:msgbox(1))",
    "<javascript:alert(1)>",
    "![](javascript:x)",
    "[x][r]\n\n[r]: javascript:alert(1)",
]
ONLY_FOR_THE_RENDERER = [  # bypasses of a scheme check, for the renderer's own defence
    "[x](java&#115;cript:alert(1))",
    "[x](&#106;avascript:alert(1))",
    "[x](java\tscript:alert(1))",
    "[x](%6Aavascript:alert(1))",
]
PAYLOADS = SHOWN_AS_TEXT + REFUSED_LINKS


def mixed(payloads: list[str], text_size: int) -> st.SearchStrategy[str]:
    """A payload alone, inside random text, several joined, or random text."""
    one = st.sampled_from(payloads)
    return st.one_of(
        one,
        st.text(min_size=1, max_size=text_size),
        st.tuples(st.text(max_size=10), one, st.text(max_size=10)).map("".join),
        st.lists(one, min_size=2, max_size=3).flatmap(lambda parts: st.sampled_from([" ", "\n", "\n\n"]).map(lambda s: s.join(parts))),
    )


HOSTILE_TEXT = st.one_of(mixed(PAYLOADS, 200), st.just("x" * 5000))  # 100 000 characters: see the bounded-input tests
RENDERABLE_TEXT = mixed(SHOWN_AS_TEXT, 60)  # short, no refused links: most such documents validate


# -- documents built from the shipped structure --------------------------------------------------------------

def enriched(name: str) -> Any:
    """A shipped document, with the optional text fields the shipped files leave out filled in."""
    data = load_yaml(PROJECT_ROOT / "content" / FILES[name]).data
    if name == "ng":
        data["country"]["name_local"] = {"text": "Naìjíríà", "lang": "yo"}
        shelter = data["shelters"][0]
        shelter.update(capacity=12, max_stay="Three months")
        shelter["address"] = {"address_1": "1 Main Road", "city": "Benin City", "region": "Edo"}
        organisation = data["organisations"][0]
        organisation.update(eligibility="Women returned from Europe", alternate_name="The office")
        organisation["contact"] = {"phones": [{"number": "+234 1 234 5678", "type": "voice", "description": "Office hours"}],
                                   "email": "office@example.org", "website": "https://example.org/"}
    if name == "no-trafficking-2012":
        data.pop("combines")  # it names no-varp-2012, which this small tree leaves out
    if name == "dk-prepared-return-2012":
        data["eligibility"]["deadline_rule"] = "More support before the departure deadline."
        data["components"][0]["tier"] = "Adults"
    return data


BASE = {name: enriched(name) for name in FILES}


def set_at(data: Any, path: list, value: Any) -> None:
    for step in path[:-1]:
        data = data[step]
    data[path[-1]] = value


def free_text_paths(kind: str, data: Any) -> list[list]:
    """String leaves that take any plain words: free text, as opposed to ids, codes, dates and enums."""
    paths = []
    for path, value in walk(data):
        if isinstance(value, str):
            trial = copy.deepcopy(data)
            set_at(trial, path, "Plain words here")
            if not any(validator(kind).iter_errors(trial)):
                paths.append(path)
    return paths


FREE_TEXT = {name: free_text_paths(KIND[name], data) for name, data in BASE.items()}
STRING_LEAVES = {name: [path for path, value in walk(data) if isinstance(value, str)] for name, data in BASE.items()}
WRONG_TYPES = [5, -1.5, True, None, "", "text", [], {}, ["x"], {"x": 1}, [{"id": []}], 10**30]


@st.composite
def hostile_document(draw: st.DrawFn, name: str, text: st.SearchStrategy[str], leaves: dict, structural: bool) -> Any:
    data = copy.deepcopy(BASE[name])
    for path in leaves[name]:
        if draw(st.booleans()):
            drawn = draw(text)
            set_at(data, path, INVISIBLE.sub("", drawn) if path[-1] in NAME_KEYS else drawn)  # names refuse them
    if not structural and KIND[name] == "country":
        # Known holes with their own tests below: names that slugify alike share one page, and astral
        # characters break the front matter. Here each name keeps its own slug and stays in the BMP.
        hostile = INVISIBLE.sub("", "".join(c for c in draw(text) if ord(c) <= 0xFFFF))
        data["country"]["name"] = f"{hostile} {BASE[name]['country']['name']}"[-200:]
    if structural:
        for _ in range(draw(st.integers(0, 3))):
            nodes = [path for path, _ in walk(data) if path]
            if not nodes:
                break
            path = draw(st.sampled_from(nodes))
            parent = data
            for step in path[:-1]:
                parent = parent[step]
            action = draw(st.sampled_from(["drop", "retype", "extra"]))
            if action == "drop":
                del parent[path[-1]]
            elif action == "retype":
                parent[path[-1]] = draw(st.sampled_from(WRONG_TYPES))
            elif isinstance(parent, dict):
                parent[draw(st.sampled_from(["onclick", "NAME", "x" * 300, "<script>", "__proto__"]) | st.text(min_size=1, max_size=20))] = draw(text)
            else:
                parent.append(draw(st.sampled_from(WRONG_TYPES) | text))
    return data


def tree(structural: bool, text: st.SearchStrategy[str], leaves: dict) -> st.SearchStrategy[dict]:
    return st.fixed_dictionaries({name: hostile_document(name, text, leaves, structural) for name in FILES})


@pytest.fixture(scope="module")
def scratch(tmp_path_factory) -> tuple[Path, Any]:
    """A small content tree (sources, rates, three countries, two programmes) that each example overwrites."""
    root = tmp_path_factory.mktemp("hostile")
    content = root / "content"
    for name in ("sources.yaml", "rates.yaml", *FILES.values()):
        (content / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(PROJECT_ROOT / "content" / name, content / name)
    return content, load_settings(root, reports_dir=REPORTS, content_dir=content)


def write_tree(content: Path, documents: dict) -> None:
    for name, data in documents.items():
        (content / FILES[name]).write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), "utf-8")


def test_the_enriched_starting_documents_are_valid(scratch):
    content, project = scratch
    write_tree(content, BASE)
    assert validate_content(content, project)[1] == []
    assert ["shelters", 0, "max_stay"] in FREE_TEXT["ng"] and ["costs", 0, "place"] in FREE_TEXT["ml"]
    assert ["country", "code"] not in FREE_TEXT["cm"]  # codes, ids and dates keep their shape


# -- A: the validator never crashes -------------------------------------------------------------------------------

@settings(max_examples=40, deadline=None)
@given(documents=tree(structural=True, text=HOSTILE_TEXT, leaves=STRING_LEAVES))
def test_the_validator_answers_any_document_with_located_problems_never_an_exception(scratch, documents):
    content, project = scratch
    write_tree(content, documents)

    _, problems = validate_content(content, project)

    assert isinstance(problems, list)
    by_file = {Path(FILES[name]).name: data for name, data in documents.items()}
    for problem in problems:
        assert problem.path.endswith(".yaml"), problem
        lines = (content.parent / problem.path).read_text("utf-8").splitlines() or [""]
        assert 1 <= problem.line <= len(lines), problem  # a line of the file
        assert 1 <= problem.column <= len(lines[problem.line - 1]) + 1, problem  # on that line
        written = by_file.get(Path(problem.path).name)
        if problem.field and isinstance(written, dict):  # and the field named starts at one the document has
            assert any(problem.field == key or problem.field.startswith((f"{key}.", f"{key}[")) for key in written), problem
        assert "\n" not in problem.github()  # one annotation per problem in CI


@settings(max_examples=25, deadline=None)
@given(documents=tree(structural=False, text=st.sampled_from(REFUSED_LINKS), leaves=FREE_TEXT),
       where=st.sampled_from(sorted(FILES)))
def test_a_link_with_an_unsafe_scheme_in_any_text_field_is_refused(scratch, documents, where):
    content, project = scratch
    documents[where] = copy.deepcopy(documents[where])
    set_at(documents[where], FREE_TEXT[where][0], "See [the office](javascript:alert(1)).")
    write_tree(content, documents)

    _, problems = validate_content(content, project)

    assert any("is not allowed: links may only use http(s), mailto or tel" in p.message for p in problems)


# -- B: what validates renders without active content -------------------------------------------------------------

def mkdocs_markdown() -> markdown.Markdown:
    """The Markdown converter MkDocs builds from mkdocs.yml's markdown_extensions."""
    config = yaml.safe_load((PROJECT_ROOT / "mkdocs.yml").read_text("utf-8"))
    names, options = [], {}
    for entry in config["markdown_extensions"]:
        name, option = next(iter(entry.items())) if isinstance(entry, dict) else (entry, {})
        names.append(name)
        options[name] = option or {}
    return markdown.Markdown(extensions=names, extension_configs=options)


MKDOCS_MARKDOWN = mkdocs_markdown()


def page_html(page: str) -> tuple[str, dict]:
    """A generated page as MkDocs renders it: front matter split off, the rest through Markdown."""
    body, meta = get_data(page)
    return MKDOCS_MARKDOWN.reset().convert(body), meta


def only_data_images(html: str) -> list[str]:
    """Images that would be fetched from somewhere (the sheet's QR code is a data: URI)."""
    return [src for src in re.findall(r"<img\b[^>]*\bsrc=\"([^\"]*)\"", html) if not src.startswith("data:")]


@settings(max_examples=40, deadline=None)
@given(documents=tree(structural=False, text=RENDERABLE_TEXT, leaves=FREE_TEXT))
def test_whatever_passes_validation_renders_pages_and_sheets_without_active_content(scratch, documents):
    content, project = scratch
    write_tree(content, documents)
    found, problems = validate_content(content, project)
    assume(not problems)  # refused: property A's business; the strategy makes this rare
    catalogue = build_catalogue(found, project)

    pages = render_pages(catalogue, "https://github.com/example/issues/new")

    for country in catalogue.countries:
        html, meta = page_html(pages[f"countries/{country.slug}.md"])
        assert active_content(html) == [], country.code
        assert html_module.unescape(meta["title"]) == country.name  # escaped for the theme; cannot break out
        html = sheet_html(catalogue, country)
        assert active_content(html) == [], country.code
        assert only_data_images(html) == []
    for path in ("index.md", "countries/index.md", "programmes/index.md", "compare/ceilings.md", "compare/costs.md",
                 *(f"programmes/{slug}.md" for slug in PROGRAMMES)):
        assert active_content(page_html(pages[path])[0]) == [], path


@settings(max_examples=200, deadline=None)
@given(text=mixed(PAYLOADS + ONLY_FOR_THE_RENDERER, 200))
def test_editor_markdown_is_inert_even_when_the_validator_is_bypassed(text):
    for inline in (False, True):
        rendered = str(render_markdown(text, inline=inline))
        assert active_content(rendered) == []
        assert only_data_images(rendered) == []
        # Pages embed the rendered HTML in Markdown that MkDocs converts once more.
        assert active_content(MKDOCS_MARKDOWN.reset().convert(f'<div class="fs-card">\n{rendered}\n</div>\n')) == []
        assert active_content(MKDOCS_MARKDOWN.reset().convert(f"<p>{rendered}</p>\n")) == []
    heading = MKDOCS_MARKDOWN.reset().convert(f"# {markdown_escape(text)}\n")
    assert active_content(heading) == []
    assert heading.count("<h1") == 1


def pages_of(tmp_path: Path, names: dict[str, str]) -> dict[str, str]:
    """The generated pages of a tree whose countries (by file stem) carry the given names."""
    content = tmp_path / "content"
    for name in ("sources.yaml", "rates.yaml", *FILES.values()):
        (content / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(PROJECT_ROOT / "content" / name, content / name)
    documents = copy.deepcopy(BASE)
    for stem, name in names.items():
        documents[stem]["country"]["name"] = name
    write_tree(content, documents)
    project = load_settings(tmp_path, reports_dir=REPORTS, content_dir=content)
    found, problems = validate_content(content, project)
    if problems:  # a validator that refuses such names closes the hole as well
        return {}
    return render_pages(build_catalogue(found, project), "https://github.com/example/issues/new")


def test_two_countries_never_share_a_page(tmp_path):
    pages = pages_of(tmp_path, {"cm": "<b>Congo</b>", "ng": "Congo", "ml": "ኢትዮጵያ"})

    assert pages == {} or all(f"countries/{c}.md" not in pages for c in ("", "-"))
    countries = [path for path in pages if path.startswith("countries/") and path != "countries/index.md"]
    assert pages == {} or len(countries) == 3, countries


def test_a_country_name_with_an_emoji_keeps_its_front_matter(tmp_path):
    pages = pages_of(tmp_path, {"cm": "Cameroon \U0001F642"})

    _, meta = page_html(next(text for path, text in pages.items() if path.startswith("countries/cameroon")))
    assert meta.get("title") == "Cameroon \U0001F642"


# -- a hostile country, built and printed for real ------------------------------------------------------------------

class Recorder(http.server.BaseHTTPRequestHandler):
    """A local web server that notes every request: the sheets must fetch nothing."""

    requests: list[str] = []

    def do_GET(self) -> None:  # noqa: N802 - the http.server API
        Recorder.requests.append(self.path)
        self.send_response(404)
        self.end_headers()

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def listener() -> Iterator[str]:
    Recorder.requests = []
    server = socketserver.TCPServer(("127.0.0.1", 0), Recorder)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def hostile_ng(listener: str, name: str = "Nigeria") -> Any:
    """Nigeria with a payload in every free-text field, plus an image and links that would reach out."""
    data = copy.deepcopy(BASE["ng"])
    for index, path in enumerate(FREE_TEXT["ng"]):
        set_at(data, path, SHOWN_AS_TEXT[index % len(SHOWN_AS_TEXT)][:100])
    data["country"]["name"] = name
    data["summary"] = (f"<script>alert(1)</script> ![map]({listener}/leak.png) ![](/etc/hostname) "
                       "[relative](/etc/passwd) [here](./x) [site](https://example.org/) [mail](mailto:a@example.org)")
    data["organisations"][0]["contact"]["email"] = "x'onmouseover=alert`1`@example.org"  # valid: ' = ` are allowed
    return data


def test_a_hostile_country_prints_its_payloads_as_text_and_the_pdf_holds_nothing_active(tmp_path, listener):
    content = tmp_path / "content"
    shutil.copytree(PROJECT_ROOT / "content", content)
    for path in (content / "countries").glob("*.yaml"):
        path.unlink()
    (content / "countries" / "ng.yaml").write_text(yaml.safe_dump(hostile_ng(listener, "<script>alert(1)</script>"), allow_unicode=True), "utf-8")
    project = load_settings(PROJECT_ROOT, content_dir=content, reports_dir=REPORTS)
    found, problems = validate_content(content, project)
    assert problems == [], [p.text() for p in problems]
    catalogue = build_catalogue(found, project)

    [pdf] = printing.render_sheets(catalogue, tmp_path / "pdf")

    reader = PdfReader(str(pdf))
    text = "\n".join(page.extract_text() or "" for page in reader.pages).replace("\x00", "")
    assert "<script>alert(1)</script>" in text  # shown, as the editor wrote it
    assert "onerror=alert(1)" in re.sub(r"\s+", "", text)
    assert Recorder.requests == []  # no image or stylesheet was fetched while printing
    names, uris = pdf_objects(reader)
    assert not names & {"/JS", "/JavaScript", "/Launch", "/OpenAction", "/AA", "/EmbeddedFile", "/SubmitForm", "/ImportData"}
    assert uris and all(re.match(r"(https?|mailto|tel):", uri) for uri in uris), uris


def test_the_printer_fetches_nothing_even_if_markup_got_into_a_sheet(listener):
    """Defence in depth behind markup.render_markdown: WeasyPrint loads data: URIs and nothing else."""
    html = (f'<html><head><link rel="stylesheet" href="{listener}/x.css"></head><body><p>x</p>'
            f'<img src="{listener}/leak.png"><img src="file:///etc/hostname"><img src="/etc/hostname"></body></html>')

    printing.render_document(html).write_pdf()

    assert Recorder.requests == []


def pdf_objects(reader: PdfReader) -> tuple[set[str], list[str]]:
    """Every dictionary key and every link target in a PDF, found by walking all objects from the trailer."""
    names: set[str] = set()
    uris: list[str] = []
    seen: set[tuple[int, int]] = set()
    stack: list[Any] = [reader.trailer]
    while stack:
        node = stack.pop()
        if isinstance(node, IndirectObject):
            if (node.idnum, node.generation) in seen:
                continue
            seen.add((node.idnum, node.generation))
            stack.append(node.get_object())
        elif isinstance(node, DictionaryObject):
            names |= set(node.keys())
            if "/URI" in node:
                uris.append(str(node["/URI"]))
            stack.extend(value for key, value in node.items() if key != "/Parent")
        elif isinstance(node, list):
            stack.extend(node)
    return names, uris


def built_hostile_site(tmp_path: Path, listener: str, name: str, programme_name: str | None = None):
    project = make_project(tmp_path, countries=["ng"])
    (project.content_dir / "countries" / "ng.yaml").write_text(yaml.safe_dump(hostile_ng(listener, name), allow_unicode=True), "utf-8")
    if programme_name:
        programme = project.content_dir / "programmes" / "dk-prepared-return-2012.yaml"
        data = load_yaml(programme).data
        data["name"] = programme_name
        programme.write_text(yaml.safe_dump(data, allow_unicode=True), "utf-8")
    build_site(project, pdf=False)
    return project


def test_a_hostile_country_builds_a_site_with_nothing_active(tmp_path, listener):
    project = built_hostile_site(tmp_path, listener, "Nigeria")

    for page in sorted(project.site_dir.rglob("*.html")):
        assert active_content(page.read_text("utf-8")) == [], page
    html = (project.site_dir / "countries" / "nigeria" / "index.html").read_text("utf-8")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html  # shown to the reader as text
    assert only_data_images(html) == []  # no editor image: nothing fetched from elsewhere
    index = json.loads((project.site_dir / "search" / "search_index.json").read_text("utf-8"))
    for doc in index["docs"]:  # Material shows search results as HTML
        assert active_content(doc["text"]) == [] and active_content(doc["title"]) == [], doc["location"]


def test_a_hostile_country_or_programme_name_is_not_run_by_the_theme(tmp_path, listener):
    project = built_hostile_site(tmp_path, listener, '"><script>alert(1)</script>',
                                 programme_name="<script>alert(2)</script> programme")

    for page in sorted(project.site_dir.rglob("*.html")):
        html = page.read_text("utf-8")
        assert active_content(html) == [], page
        assert "sha256-bhHHL3z2vDgxUt0W3dWQOrprscmda2Y5pLsLg4GF+pI=" not in html  # the CSP hash of `alert(1)`


# -- a build that crashes half-way leaves the last good site ---------------------------------------------------------

def tree_hash(folder: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        digest.update(str(path.relative_to(folder)).encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def fail_on_second(function):
    calls = []

    def wrapper(*args, **kwargs):
        calls.append(1)
        if len(calls) == 2:
            raise RuntimeError("simulated crash while rendering the second country")
        return function(*args, **kwargs)

    return wrapper


@pytest.fixture
def built_three(tmp_path) -> tuple[Any, str]:
    project = make_project(tmp_path, countries=["cm", "ml", "ng"])
    build_site(project, pdf=False)
    return project, tree_hash(project.site_dir)


def assert_site_kept(project, before: str) -> None:
    assert tree_hash(project.site_dir) == before
    leftovers = [p.name for p in project.site_dir.parent.iterdir() if p.name.startswith(".site") and p.name != LOCK_NAME]
    assert leftovers == []
    assert list((project.docs_dir / "pdf").glob("*.tmp")) == [] if (project.docs_dir / "pdf").exists() else True


def test_a_sheet_that_crashes_on_the_second_country_fails_the_build_and_keeps_the_site(built_three, monkeypatch):
    project, before = built_three
    monkeypatch.setattr(printing, "_workers", lambda jobs: 1)  # in this process, so the patch below applies
    monkeypatch.setattr(printing, "render_document", fail_on_second(printing.render_document))
    country = project.content_dir / "countries" / "ml.yaml"  # an edit, so the site would change
    country.write_text(country.read_text("utf-8").replace("IOM Bamako supports", "IOM Bamako (Mali) supports"), "utf-8")

    with pytest.raises(FactsheetsError, match="simulated crash while rendering the second country.*site/ was left as it was"):
        build_site(project, pdf=True)

    assert_site_kept(project, before)
    assert len(list((project.docs_dir / "pdf").glob("*.pdf"))) == 2  # the others were printed whole


def test_a_page_that_crashes_on_the_second_country_fails_the_build_and_keeps_the_site(built_three, monkeypatch):
    from generator.render import pages

    project, before = built_three
    monkeypatch.setattr(pages, "country_tags", fail_on_second(pages.country_tags))

    try:
        with pytest.raises(FactsheetsError, match="site/ was left as it was"):
            build_site(project, pdf=False)
    finally:
        assert_site_kept(project, before)


# -- bounded input ----------------------------------------------------------------------------------------------

def billion_laughs() -> str:
    lines = ['l0: &l0 "lol"']
    lines += [f"l{n}: &l{n} [{', '.join([f'*l{n - 1}'] * 10)}]" for n in range(1, 10)]
    return "\n".join(lines) + "\n"


BOUNDED = [
    pytest.param(lambda text: text + "# " + "x" * 1_100_000 + "\n", (1, 1), "over the limit of 1000000", id="over-1-MB"),
    pytest.param(lambda text: text + "laughs:\n" + "".join("  " + line for line in billion_laughs().splitlines(True)),
                 None, "anchors (&l0) are not allowed", id="billion-laughs"),
    pytest.param(lambda text: billion_laughs() + text, (1, 5), "anchors (&l0) are not allowed", id="billion-laughs-first"),
    pytest.param(lambda text: text.replace("  languages: [fr, en]", "  languages: " + "[" * 40 + "]" * 40), None,
                 "nesting is deeper than 12 levels", id="nesting-40-deep"),
    pytest.param(lambda text: text.replace("  languages: [fr, en]", "  languages:\n" + "".join(
        "  " * (depth + 2) + "- \n" for depth in range(30)) + "  " * 32 + "- fr"), None,
                 "nesting is deeper than 12 levels", id="block-nesting-30-deep"),
]


@pytest.mark.parametrize(("edit", "at", "message"), BOUNDED)
def test_pathological_files_are_refused_quickly_with_a_located_message(small_content, run_validate, edit, at, message):
    path = small_content / "countries" / "cm.yaml"
    path.write_text(edit(path.read_text("utf-8")), "utf-8")

    started = time.perf_counter()
    result = run_validate("content")
    elapsed = time.perf_counter() - started

    assert elapsed < 2, f"{elapsed:.1f} s"
    assert result.code == 1 and "Traceback" not in result.output
    [row] = result.out.splitlines()
    located = re.match(r"content/countries/cm\.yaml:(\d+):(\d+): (.*)", row)
    assert located and message in located[3], row
    if at:
        assert (int(located[1]), int(located[2])) == at


def test_a_100000_character_text_is_refused_with_a_short_message(small_content, run_validate):
    path = small_content / "countries" / "cm.yaml"
    path.write_text(re.sub(r"^summary:.*\n(  .*\n)+", "summary: " + "y" * 100_000 + "\n", path.read_text("utf-8"), flags=re.M), "utf-8")

    started = time.perf_counter()
    result = run_validate("content")

    assert time.perf_counter() - started < 2
    assert result.code == 1 and "Traceback" not in result.output
    [row] = result.out.splitlines()
    assert re.match(r"content/countries/cm\.yaml:\d+:\d+: summary: ", row), row[:200]
    assert len(row) < 300 and "4000" in row, row[:200]


LONG = "q" * 3000
ONE_LINE = [
    pytest.param("  currency: XAF", '  currency: "XAF\\n::error file=x.yaml::fake"', id="line-break-in-a-value-schemas._shown"),
    pytest.param("- programme: dk-prepared-return-2012", '- programme: "no-such\\n::error file=x.yaml::fake"',
                 id="line-break-in-a-reference-checks.py"),
    pytest.param("    source: fdn-2015", f"    source: {LONG}", id="long-reference-checks.py"),
    pytest.param("  currency: XAF", f"  currency: XAF\n  {LONG[:600]}: x", id="long-unknown-key-schemas.py"),
]


@pytest.mark.parametrize(("old", "new"), ONE_LINE)
def test_a_problem_is_one_short_line_whatever_the_value(small_content, run_validate, old, new):
    path = small_content / "countries" / "cm.yaml"
    text = path.read_text("utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), "utf-8")

    result = run_validate("content")

    assert result.code == 1
    rows = result.out.splitlines()
    assert all(row.startswith("content/countries/cm.yaml:") and len(row) < 400 for row in rows), [r[:100] for r in rows]


# -- no data lost silently ---------------------------------------------------------------------------------------
# Covered in test_validate.py / test_yamlload.py: a second document (---), duplicate keys, keys differing
# only in case, anchors and aliases, merge keys, `NO`, dates and `012` keeping their written form.

QUIET_CHOICES = [
    pytest.param("programmes/dk-prepared-return-2012.yaml", ("    amount: 150", '    amount: "150"'),
                 "components[2].amount: must be a number; found `150`", id="amount-as-text"),
    pytest.param("programmes/dk-prepared-return-2012.yaml", ("    amount: 150", "    amount: 1,500"),
                 "components[2].amount: must be a number; found `1,500`", id="amount-with-a-thousands-comma"),
    pytest.param("programmes/dk-prepared-return-2012.yaml", ("    amount: 150", "    amount: 0x96"),
                 "components[2].amount: must be a number; found `0x96`", id="amount-in-hex"),
    pytest.param("countries/cm.yaml", ("  name: Cameroon", "  name: 2012"), "country.name: must be text; found `2012`",
                 id="number-for-a-name"),
    pytest.param("countries/cm.yaml", ("  name: Cameroon", "  name: true"), "country.name: must be text; found `true`",
                 id="boolean-for-a-name"),
    pytest.param("countries/cm.yaml", ("summary:\n", "summary:\nsummary_old:\n"), "summary: must be text; found `null`",
                 id="empty-value"),
    pytest.param("countries/cm.yaml", ("summary:\n", 'summary: ""\nsummary_old:\n'), "summary: is empty",
                 id="empty-string"),
    pytest.param("countries/cm.yaml", ("last_reviewed: 2026-11-22", "last_reviewed: 2026-11-22\n...\nlast_reviewed: 2026-11-23"),
                 "YAML syntax", id="document-end-marker-then-more"),
]


@pytest.mark.parametrize(("name", "change", "message"), QUIET_CHOICES)
def test_a_value_yaml_or_the_schema_could_quietly_reinterpret_is_an_error(small_content, run_validate, name, change, message):
    path = small_content / name
    text = path.read_text("utf-8")
    assert change[0] in text, f"{change[0]!r} is not in {name} any more: update this test"
    path.write_text(text.replace(change[0], change[1], 1), "utf-8")

    result = run_validate("content")

    assert result.code == 1, result.output
    assert message in result.out, result.output

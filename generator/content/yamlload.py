"""Safe, strict YAML loading that keeps line numbers.

PyYAML follows YAML 1.1: `NO` becomes False and `2012-06-20` a date object, and a repeated key
silently replaces the first. Editors' data must survive as written, so this loader resolves only
`true`/`false` as booleans, keeps dates as strings, and refuses duplicate keys, anchors, aliases,
tabs, several documents and oversized files with a located, plain-language message.

Most files are read by yaml-rs, a Rust parser about 15x faster than PyYAML, when nothing in the
text could be read differently by the two (see `quick_data`); PyYAML reads the rest, and any file
yaml-rs refuses, so every message comes from one place. The node tree that locates a value is
composed by PyYAML only when a message needs it.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
import yaml_rs
from yaml.events import AliasEvent, CollectionEndEvent, CollectionStartEvent
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from ..problems import Problem, display_path
from .reading import NotReadable, read_regular

MAX_BYTES = 1_000_000
MAX_DEPTH = 12


class StrictLoader(yaml.SafeLoader):
    """SafeLoader with YAML 1.2 booleans, dates kept as text and no aliases."""

    def compose_node(self, parent: Node | None, index: Any) -> Node:  # type: ignore[override]
        if self.check_event(AliasEvent):
            event = self.peek_event()
            raise yaml.MarkedYAMLError(
                None, None,
                f"aliases (*{event.anchor}) are not allowed: write the value out in full",
                event.start_mark,
            )
        event = self.peek_event()
        anchor = getattr(event, "anchor", None)
        if anchor is not None:
            raise yaml.MarkedYAMLError(
                None, None,
                f"anchors (&{anchor}) are not allowed: write each value out in full",
                event.start_mark,
            )
        return super().compose_node(parent, index)


# YAML 1.2 core schema for plain scalars: `true`/`false` only, decimal integers (`012` is 12, not
# octal 10; `1:30` stays text, not 90), decimal floats without .inf/.nan, and `=` stays text.
KEPT_RESOLVERS = ("tag:yaml.org,2002:null", "tag:yaml.org,2002:merge")
StrictLoader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag in KEPT_RESOLVERS]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.copy().items()
}
StrictLoader.add_implicit_resolver("tag:yaml.org,2002:bool", re.compile(r"^(?:true|false)$"), list("tf"))
StrictLoader.add_implicit_resolver("tag:yaml.org,2002:int", re.compile(r"^[-+]?[0-9]+$"), list("-+0123456789"))
StrictLoader.add_implicit_resolver(
    "tag:yaml.org,2002:float",
    re.compile(r"^[-+]?(?:[0-9]+\.[0-9]*|\.[0-9]+)(?:[eE][-+]?[0-9]+)?$|^[-+]?[0-9]+[eE][-+]?[0-9]+$"),
    list("-+0123456789."),
)
# Plain scalars and their explicit `!!str`/`!!int`/... tags; anything else (`!!binary`, `!!set`,
# `!!timestamp`, `!foo`) would give data no schema expects.
CORE_TAGS = {f"tag:yaml.org,2002:{name}" for name in ("str", "int", "float", "bool", "null", "seq", "map")}


def _construct_int(loader: yaml.SafeLoader, node: ScalarNode) -> int:
    try:
        return int(loader.construct_scalar(node))
    except ValueError:  # more digits than Python converts
        raise yaml.constructor.ConstructorError(None, None, "this number is far too long: no field needs it", node.start_mark) from None


def _construct_float(loader: yaml.SafeLoader, node: ScalarNode) -> float:
    value = float(loader.construct_scalar(node))
    if value != value or value in (float("inf"), float("-inf")):
        raise yaml.constructor.ConstructorError(None, None, "a number must be finite: write the amount in digits", node.start_mark)
    return value


StrictLoader.add_constructor("tag:yaml.org,2002:int", _construct_int)
StrictLoader.add_constructor("tag:yaml.org,2002:float", _construct_float)

# libyaml parses ~10x faster but cannot report anchors; it is used only for text with no `&x`/`*x`
# token that could be one, so both loaders give the same data and the same errors.
MAYBE_ANCHOR = re.compile(r"(?:^|[\s\[{,])[&*][^\s,\[\]{}]")
if getattr(yaml, "__with_libyaml__", False):
    class FastLoader(yaml.CSafeLoader):
        """libyaml parser with the same resolvers as StrictLoader."""

    FastLoader.yaml_implicit_resolvers = StrictLoader.yaml_implicit_resolvers
    FastLoader.add_constructor("tag:yaml.org,2002:int", _construct_int)
    FastLoader.add_constructor("tag:yaml.org,2002:float", _construct_float)
else:  # pragma: no cover - PyYAML built without libyaml
    FastLoader = StrictLoader  # type: ignore[misc,assignment]


@dataclass
class Loaded:
    """A parsed file: the plain data and the node tree that knows where each value stands.

    The node tree is composed from `text` on first use when the data came from the quick reader.
    """

    path: Path
    data: Any
    _node: Node | None = None
    text: str | None = None

    @property
    def node(self) -> Node:
        if self._node is None:
            self._node = _compose(self.path, self.text if self.text is not None else _decode(self.path, read_bytes(self.path)))[0]
        return self._node


class YamlError(Exception):
    def __init__(self, problem: Problem):
        super().__init__(problem.text())
        self.problem = problem


def _fail(path: Path, line: int, column: int, message: str) -> YamlError:
    return YamlError(Problem(display_path(path), line, column, "", message))


def _check_node(path: Path, node: Node, depth: int = 0) -> None:
    """Refuse duplicate keys, keys differing only in case, and nesting deeper than any schema."""
    mark = node.start_mark
    if depth > MAX_DEPTH:
        raise _fail(path, mark.line + 1, mark.column + 1, f"nesting is deeper than {MAX_DEPTH} levels; no field needs that")
    if node.tag not in CORE_TAGS:
        tag = node.tag.replace("tag:yaml.org,2002:", "!!")
        raise _fail(path, mark.line + 1, mark.column + 1, f"the tag `{tag}` is not allowed: remove it and write plain text, numbers, lists or fields")
    if isinstance(node, MappingNode):
        seen: dict[str, Node] = {}
        for key, value in node.value:
            if not isinstance(key, ScalarNode):
                raise _fail(path, key.start_mark.line + 1, key.start_mark.column + 1, "a key must be a plain word, not a list or mapping")
            if key.tag == "tag:yaml.org,2002:merge":
                raise _fail(path, key.start_mark.line + 1, key.start_mark.column + 1, "`<<` merge keys are not allowed: write the fields out in full")
            folded = key.value.lower()
            if folded in seen:
                first = seen[folded]
                same = first.value == key.value
                what = f"duplicate key `{key.value}`" if same else f"key `{key.value}` differs only in case from `{first.value}`"
                raise _fail(
                    path, key.start_mark.line + 1, key.start_mark.column + 1,
                    f"{what} (first on line {first.start_mark.line + 1}); YAML would keep only one value: merge them or rename one",
                )
            seen[folded] = key
            _check_node(path, value, depth + 1)
    elif isinstance(node, SequenceNode):
        for item in node.value:
            _check_node(path, item, depth + 1)


def _decode(path: Path, raw: bytes) -> str:
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        before = raw[: exc.start]
        line = before.count(b"\n") + 1
        column = exc.start - (before.rfind(b"\n") + 1) + 1
        raise _fail(path, line, column, f"byte 0x{raw[exc.start]:02x} is not UTF-8 text: save the file as UTF-8") from None


def _check_depth(path: Path, text: str, loader: type | None = None) -> None:
    """Refuse deep nesting from the event stream, before the recursive composer sees it.

    `[[[[...` a few thousand levels deep overflows the C stack of libyaml's composer (the process
    dies) or Python's recursion limit; the parser itself is flat, so counting its events is safe.
    Newer libyaml refuses deep flow nesting itself before its events reach our limit (its scanner
    looks ahead); the pure-Python parser, which has no limit, then finds where ours is passed.
    """
    loader = loader or FastLoader
    depth = 0
    try:
        for event in yaml.parse(text, Loader=loader):
            if isinstance(event, CollectionStartEvent):
                depth += 1
                if depth > MAX_DEPTH + 1:
                    mark = event.start_mark
                    raise _fail(path, mark.line + 1, mark.column + 1, f"nesting is deeper than {MAX_DEPTH} levels; no field needs that")
            elif isinstance(event, CollectionEndEvent):
                depth -= 1
    except yaml.MarkedYAMLError as exc:
        if loader is not StrictLoader and "nesting depth" in (exc.problem or "") and exc.problem_mark:
            try:  # the text up to where libyaml stopped holds the place where ours is passed
                _check_depth(path, text[: exc.problem_mark.index], StrictLoader)
            except yaml.YAMLError:
                pass
        raise


def _position(text: str, index: int) -> tuple[int, int]:
    """1-based line and column of a character offset."""
    before = text[:index]
    return before.count("\n") + 1, index - (before.rfind("\n") + 1) + 1


# What yaml-rs (YAML 1.2, core schema) and the strict loader could read differently, each with a
# character that must be in the text for the pattern to match: the character is looked for first,
# at memory speed, and most patterns start with it. Together they cost about 0.1 ms per file,
# against 0.5 ms for reading it with yaml-rs and 10 ms with PyYAML.
UNSURE_WORDS = ("\t", "<<", "\n%", "\n---", "\n...", "True", "TRUE", "False", "FALSE")
UNSURE_PATTERNS = [(trigger, re.compile(pattern)) for trigger, pattern in (
    ("&", r"&(?<![^\s\[{,]&)[^\s,\[\]{}]"), ("*", r"\*(?<![^\s\[{,]\*)[^\s,\[\]{}]"),  # anchors, aliases
    ("!", r"!(?<![^\s\[{,]!)[^\s,\[\]{}]"),  # tags
    ("0", r"0(?<!\w0)[xXoObB][0-9a-fA-F]"), ("_", r"_(?<=[0-9]_)"),  # 0x1F, 0o17, 0b101, 1_000
    (".", r"\.(?:inf|Inf|INF|nan|NaN|NAN)\b"), ("?", r"\n *\?"),  # .inf, .nan, explicit keys
    ("|", r"[\[{,][ \n]*\|"), (">", r"[\[{,][ \n]*>"),  # block scalars inside flow lists
    ("-", r"-(?: +-){200}"), ("\n", r"\n {200}"),  # nesting deep enough to overflow yaml-rs's stack
)]
# Bytes beyond printable ASCII that PyYAML refuses or reads as line breaks: C0 and C1 controls,
# NEL, LS, PS, a byte-order mark and the non-characters U+FFFE and U+FFFF.
UNSURE_BYTES = re.compile(rb"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]|\xc2[\x80-\x9f]|\xe2\x80[\xa8\xa9]|\xef\xbb\xbf|\xef\xbf[\xbe\xbf]")
EMPTY_BLOCK_AT_END = re.compile(r"[|>][-+0-9]*[ \t]*(?:#.*)?$")
TAB_INDENT = re.compile(r"^ *\t", re.MULTILINE)
PRINTABLE_ASCII = bytes(range(0x20, 0x7F)) + b"\t\n\r"


def _unsure(text: str, raw: bytes) -> bool:
    """Whether the two readers could disagree on this file, which then goes to PyYAML."""
    if text.lstrip(" ").startswith(("%", "---", "...", "?")) or any(word in text for word in UNSURE_WORDS):
        return True
    rest = raw.translate(None, PRINTABLE_ASCII)
    if rest and UNSURE_BYTES.search(rest):
        return True
    if any(trigger in text and pattern.search(text) for trigger, pattern in UNSURE_PATTERNS):
        return True
    stripped = text.rstrip()
    if EMPTY_BLOCK_AT_END.search(stripped[stripped.rfind("\n") + 1:]):  # yaml-rs reads it as "\n", PyYAML as ""
        return True
    # A `?` inside a flow list or mapping, where YAML 1.1 ends a word: brackets in quotes or prose
    # cannot be told apart cheaply, so any `?` after any `[` or `{` counts.
    last = text.rfind("?")
    return last > 0 and ("[" in text[:last] or "{" in text[:last])


def _plain(data: dict) -> bool:
    """Whether parsed data is what the strict loader would give too: plain types, finite numbers,
    text keys no two of which differ only in case, and no deeper than MAX_DEPTH."""
    stack: list[tuple[dict | list, int]] = [(data, 0)]
    while stack:
        container, depth = stack.pop()
        if depth >= MAX_DEPTH and container:  # its items stand deeper than MAX_DEPTH
            return False
        if isinstance(container, dict):
            try:
                keys = "".join(container)
            except TypeError:  # a key that is not text
                return False
            if not keys.islower() and len({key.lower() for key in container}) != len(container):
                return False
            container = container.values()
        for item in container:
            kind = type(item)
            if kind is str or item is None or kind is bool:
                continue
            if kind is dict or kind is list:
                stack.append((item, depth + 1))
            elif kind is float:
                if item - item != 0:  # infinite or NaN
                    return False
            elif kind is not int or item.bit_length() >= 14_000:  # Python converts up to 4 300 digits
                return False
    return True


def quick_data(text: str, raw: bytes) -> dict | None:
    """The file's data from yaml-rs, or None when the strict loader must read it."""
    if _unsure(text, raw):
        return None
    try:
        data = yaml_rs.loads(text, parse_datetime=False)
    except (ValueError, TypeError, RecursionError):
        return None
    return data if isinstance(data, dict) and data and _plain(data) else None


def read_bytes(path: Path, max_bytes: int = MAX_BYTES) -> bytes:
    """A regular file's bytes, at most `max_bytes`; anything else is a located YamlError, never read."""
    try:
        return read_regular(path, max_bytes)
    except NotReadable as refused:
        raise _fail(path, 1, 1, str(refused)) from None


def load_yaml(path: Path, max_bytes: int = MAX_BYTES, raw: bytes | None = None) -> Loaded:
    """Load one YAML file whose top level must be a mapping; raise YamlError with a location.

    `raw` is the file's bytes when the caller has already read them (and checked their size).
    """
    if raw is None:
        raw = read_bytes(path, max_bytes)
    text = _decode(path, raw)
    tab = TAB_INDENT.search(text) if "\t" in text else None
    if tab:
        line, column = _position(text, tab.end() - 1)
        raise _fail(path, line, column, "a tab is used for indentation: YAML needs spaces")
    data = quick_data(text, raw)
    if data is not None:
        return Loaded(path, data, text=text)
    node, data = _compose(path, text)
    return Loaded(path, data, node, text)


def _compose(path: Path, text: str) -> tuple[Node, Any]:
    """The node tree and the data of a file, read by PyYAML with every refusal located."""
    loader = StrictLoader(text) if MAYBE_ANCHOR.search(text) else FastLoader(text)
    try:
        _check_depth(path, text)
        node = loader.get_single_node()
        if node is None:
            raise _fail(path, 1, 1, "the file is empty: it must hold a mapping of fields (see the examples in content/)")
        _check_node(path, node)
        data = loader.construct_document(node)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        message = exc.problem or str(exc)
        if "expected a single document" in (exc.context or ""):
            message = "a second document (---) starts here: one file holds one country or programme"
        elif exc.problem and "found character '\\t'" in exc.problem:
            message = "a tab is used where YAML needs spaces"
        elif exc.context:
            message = f"{exc.context.rstrip()}, {exc.problem}" if exc.problem else exc.context
        if "end of stream" in message:
            message += " (the file ends too early: is it cut off, or a quote or bracket left open?)"
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        lines = text.splitlines() or [""]
        if line > len(lines):  # the end of the stream: point at the end of the last line, which exists
            line, column = len(lines), len(lines[-1]) + 1
        raise _fail(path, line, column, f"YAML syntax: {message}") from None
    except yaml.reader.ReaderError as exc:
        line, column = _position(text, exc.position)
        code = exc.character if isinstance(exc.character, int) else ord(exc.character)
        raise _fail(path, line, column, f"the control character U+{code:04X} is not allowed in a content file: delete it") from None
    except yaml.YAMLError as exc:
        raise _fail(path, 1, 1, f"YAML syntax: {exc}") from None
    except RecursionError:  # pragma: no cover - _check_depth refuses deep nesting first
        raise _fail(path, 1, 1, f"nesting is deeper than {MAX_DEPTH} levels; no field needs that") from None
    finally:
        loader.dispose()
    if not isinstance(node, MappingNode):
        kind = "a list" if isinstance(node, SequenceNode) else "a single value"
        raise _fail(path, node.start_mark.line + 1, node.start_mark.column + 1, f"the top level is {kind}; it must be a mapping of fields such as `country:`")
    return node, data


def locate(node: Node, path: list[str | int]) -> tuple[int, int]:
    """Line and column (1-based) of the deepest node on `path` that exists."""
    current = node
    for step in path:
        if isinstance(current, MappingNode):
            for key, value in current.value:
                if key.value == step:
                    current = value
                    break
            else:
                break
        elif isinstance(current, SequenceNode) and isinstance(step, int) and step < len(current.value):
            current = current.value[step]
        else:
            break
    return current.start_mark.line + 1, current.start_mark.column + 1


def locate_key(node: Node, path: list[str | int], key: str) -> tuple[int, int]:
    """Position of `key` itself inside the mapping at `path` (for unknown-key errors)."""
    current = node
    for step in path:
        if isinstance(current, MappingNode):
            current = next((v for k, v in current.value if k.value == step), current)
        elif isinstance(current, SequenceNode) and isinstance(step, int) and step < len(current.value):
            current = current.value[step]
    if isinstance(current, MappingNode):
        for k, _ in current.value:
            if k.value == key:
                return k.start_mark.line + 1, k.start_mark.column + 1
    return locate(node, path)

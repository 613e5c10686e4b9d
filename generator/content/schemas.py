"""Schema validation with messages an editor can act on, each located at file:line:col.

jsonschema-rs decides whether a document is valid, about 200x faster than jsonschema; for a
document it refuses, jsonschema finds the same problems with the detail (the keyword, its value,
the schema's own hint) that plain-language messages are made from. jsonschema is imported only then.
"""
from __future__ import annotations

import difflib
import json
import unicodedata
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterator

import jsonschema_rs

from ..config import PROJECT_ROOT
from ..problems import Problem, display_path, shown
from .dates import unreal
from .yamlload import Loaded, locate, locate_key

SCHEMA_DIR = PROJECT_ROOT / "schemas"
# Fields holding a date; a date-shaped value that is not on the calendar (2012-13-01, 2012-02-30)
# or outside the years content may name (0000, 2999-01) is reported once, by checks.check_date,
# which can say what is wrong with it.
OBSERVED_FIELDS = {"as_of", "last_verified", "last_reviewed", "published", "accessed", "date"}
DATE_FIELDS = OBSERVED_FIELDS | {"valid_from", "valid_to"}
# Plain words for the patterns that keys of a mapping must match (`propertyNames`).
KEY_WORDS = {"^[A-Z]{3}$": "a 3-letter ISO 4217 code in capitals such as NOK, DKK, EUR or USD",
             "^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$": "a language tag such as en, nb, da, ar or fa-AF"}
FORMAT_WORDS = {"email": "an e-mail address such as info@example.org", "uri": "a web address such as https://example.org/",
                "date": "a real calendar date written YYYY-MM-DD"}
TYPE_WORDS = {"string": "text", "number": "a number", "integer": "a whole number", "array": "a list",
              "object": "a mapping of fields", "boolean": "true or false"}


if TYPE_CHECKING:
    from jsonschema import Draft202012Validator
    from jsonschema.exceptions import ValidationError


@lru_cache(maxsize=None)
def schemas(schema_dir: Path = SCHEMA_DIR) -> dict[str, Any]:
    """Every schema by file name, the name being how the others refer to it."""
    return {path.name: json.loads(path.read_text("utf-8")) for path in sorted(schema_dir.glob("*.schema.json"))}


@lru_cache(maxsize=None)
def quick_validator(kind: str, schema_dir: Path = SCHEMA_DIR) -> jsonschema_rs.Validator:
    """The compiled validator that says valid or not, formats included."""
    every = schemas(schema_dir)
    registry = jsonschema_rs.Registry(list(every.items()))
    return jsonschema_rs.validator_for(every[f"{kind}.schema.json"], registry=registry, validate_formats=True)


@lru_cache(maxsize=None)
def validator(kind: str, schema_dir: Path = SCHEMA_DIR) -> Draft202012Validator:
    """The validator whose errors carry what a message needs; format checking on, so `uri` and
    `date` are really checked."""
    from jsonschema import Draft202012Validator
    from referencing import Registry, Resource

    registry = Registry().with_resources((name, Resource.from_contents(schema)) for name, schema in schemas(schema_dir).items())
    return Draft202012Validator(schemas(schema_dir)[f"{kind}.schema.json"], registry=registry,
                                format_checker=Draft202012Validator.FORMAT_CHECKER)


def field_path(path: list[str | int]) -> str:
    out = ""
    for step in path:
        out += f"[{step}]" if isinstance(step, int) else (f".{step}" if out else str(step))
    return out


def _resolved(error: ValidationError) -> dict:
    schema = error.schema if isinstance(error.schema, dict) else {}
    return schema


def _hint(error: ValidationError) -> str | None:
    schema = _resolved(error)
    if "errorMessage" in schema:
        return schema["errorMessage"]
    for parent in (error.parent,) if error.parent is not None else ():
        if isinstance(parent.schema, dict) and "errorMessage" in parent.schema:
            return parent.schema["errorMessage"]
    return None


def _messages(error: ValidationError) -> Iterator[tuple[list[str | int], str, bool]]:
    """(path, message, points_at_key) for one jsonschema error, in plain words."""
    path = list(error.absolute_path)
    schema = _resolved(error)
    value = error.instance
    if "propertyNames" in error.relative_schema_path and isinstance(error.validator_value, str):
        words = KEY_WORDS.get(error.validator_value, f"a name matching {error.validator_value}")
        yield path + [value], f"the key `{shown(value)}` is not allowed here: each key must be {words}", True
        return
    if path and path[-1] in DATE_FIELDS and unreal(value):
        return  # checks.check_date says which part of the date is wrong
    if error.validator == "additionalProperties" and isinstance(value, dict):
        allowed = sorted(schema.get("properties", {}))
        for key in sorted(set(value) - set(allowed), key=str):
            close = difflib.get_close_matches(str(key), allowed, n=1, cutoff=0.6)
            tip = f"did you mean `{close[0]}`?" if close else f"allowed here: {', '.join(allowed)}"
            yield path + [key], f"unknown field `{shown(key)}`; {tip}", True
        return
    hint = _hint(error)
    if error.validator == "anyOf" and not hint:
        best = min(error.context or [], key=lambda e: (e.validator == "type", len(e.absolute_path)), default=None)
        if best is not None:
            yield from _messages(best)
            return
    yield path, _wording(error, schema, hint), False


def _wording(error: ValidationError, schema: dict, hint: str | None) -> str:
    """The message for an error that names one field."""
    value, kind, limit = error.instance, error.validator, error.validator_value
    if kind == "required":
        name = error.message.split("'")[1]
        about = schema.get("properties", {}).get(name, {}).get("description", "")
        about = f" ({about.rstrip('.')})" if about and len(about) < 160 else ""
        if name == "source":
            about = " (every fact needs the id of its source from content/sources.yaml)"
        return f"`{name}` is missing{about}"
    if kind == "enum":
        options = [str(o) for o in limit]
        close = difflib.get_close_matches(str(value), options, n=1, cutoff=0.6)
        tip = f"; did you mean `{close[0]}`?" if close else ""
        return f"must be one of {', '.join(options)}; found `{shown(value)}`{tip}"
    if kind in ("pattern", "format", "anyOf") and hint:
        return f"{hint}; found `{shown(_visible(value))}`{_invisible_note(value)}"
    if kind == "type":
        expected = limit if isinstance(limit, list) else [limit]
        return f"must be {' or '.join(TYPE_WORDS.get(t, t) for t in expected)}; found `{shown(value)}`"
    if kind in ("minimum", "exclusiveMinimum"):
        what = "amounts cannot be negative" if limit == 0 else hint or f"must be at least {limit}"
        return f"{what}; found `{shown(value)}`"
    if kind in ("maximum", "exclusiveMaximum"):
        return f"{hint or f'must be at most {limit}'}; found `{shown(value)}`"
    if kind == "oneOf" and hint:
        return hint
    if kind == "oneOf" and isinstance(value, dict) and {"amount", "min", "max"} & set(schema.get("properties", {})):
        return "give either `amount`, or both `min` and `max` for a range (not both, not neither)"
    if kind == "not" and isinstance(value, dict) and "max_amount" in value and "amount" in value:
        return "give either `amount` (fixed) or `max_amount` (a ceiling), not both"
    if kind == "dependentRequired":
        owner = next((k for k in limit if k in value), "")
        missing = [d for d in limit.get(owner, []) if d not in value]
        return f"`{owner}` needs {', '.join(f'`{m}`' for m in missing)} as well"
    if kind in ("minLength", "minProperties") and not value:
        return "is empty: write the text, or remove the field if the source says nothing"
    if kind == "maxLength" and isinstance(value, str):
        return f"is {len(value)} characters long; the limit is {limit}: shorten it"
    if kind == "maxItems" and isinstance(value, list):
        return f"has {len(value)} entries; the limit is {limit}"
    if kind in ("minLength", "minItems", "minProperties"):
        return f"needs at least {limit} {'characters' if kind == 'minLength' else 'entries'}"
    return error.message


def _visible(value: Any) -> Any:
    """A value with its invisible format characters (bidi controls, zero-width spaces) written as
    `\\u202e`, so a message shows what was typed rather than what the characters make it look like."""
    if not isinstance(value, str) or value.isascii():
        return value
    return "".join(f"\\u{ord(c):04x}" if unicodedata.category(c) == "Cf" else c for c in value)


def _invisible_note(value: Any) -> str:
    """`, which contains U+202E RIGHT-TO-LEFT OVERRIDE` for a refused value holding such a character."""
    if not isinstance(value, str) or value.isascii():
        return ""
    found = dict.fromkeys(c for c in value if unicodedata.category(c) == "Cf")
    named = ", ".join(f"U+{ord(c):04X} {unicodedata.name(c, 'FORMAT CHARACTER')}" for c in found)
    return f", which contains {named} (invisible)" if named else ""


def _quickly_valid(data: Any, kind: str) -> bool:
    """Whether jsonschema-rs finds the document valid; a refusal goes to jsonschema for its words."""
    try:
        return quick_validator(kind).is_valid(data)
    except ValueError:  # keys that are not text, which JSON cannot hold: jsonschema words the problem
        return False


def _quick_messages(doc: Loaded, kind: str) -> list[tuple[list[str | int], str, bool]]:
    """jsonschema-rs's own words, for a problem only it finds (it checks some formats more strictly)."""
    try:
        errors = list(quick_validator(kind).iter_errors(doc.data))
    except ValueError as error:  # keys that are not text
        return [([], str(error), False)]
    return [(list(error.instance_path), _quick_words(error), False) for error in errors]


def _quick_words(error: jsonschema_rs.ValidationError) -> str:
    if isinstance(error.kind, jsonschema_rs.ValidationErrorKind.Format) and error.kind.format in FORMAT_WORDS:
        return f"must be {FORMAT_WORDS[error.kind.format]}; found `{shown(error.instance)}`"
    return error.message


def schema_problems(doc: Loaded, kind: str) -> list[Problem]:
    """All schema problems in one document, located on the offending node."""
    if _quickly_valid(doc.data, kind):
        return []
    problems = []
    shown_path = display_path(doc.path)
    errors = list(validator(kind).iter_errors(doc.data))
    messages = [found for error in errors for found in _messages(error)] if errors else _quick_messages(doc, kind)
    for path, message, at_key in messages:
        if at_key:
            line, column = locate_key(doc.node, path[:-1], str(path[-1]))
        else:
            line, column = locate(doc.node, path)
        problems.append(Problem(shown_path, line, column, field_path(path), message))
    return sorted(set(problems))

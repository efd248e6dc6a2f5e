"""Schema errors in a scenario author's words: what is wrong, where, and what was expected."""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from types import MappingProxyType
from typing import Any

from jsonschema.exceptions import ValidationError, best_match

_TYPES = MappingProxyType(
    {"array": "a list", "object": "a mapping", "string": "a string", "integer": "an integer",
     "number": "a number", "boolean": "true or false", "null": "nothing"}
)  # fmt: skip


def where(path: Iterable[Any]) -> str:
    """``steps[2].ship.tracking`` for a path."""
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or "the file"


def yaml_type(value: Any) -> str:
    """How the author wrote a value: ``an integer 123``, ``nothing``."""
    if value is None:
        return "nothing"
    names = {bool: "boolean", int: "integer", float: "number", str: "string", list: "list"}
    kind = names.get(type(value), "mapping")
    shown = repr(value) if len(repr(value)) <= 60 else repr(value)[:57] + "..."
    return f"{'an' if kind[0] in 'aeiou' else 'a'} {kind} {shown}"


def _suggest(name: str, names: list[str]) -> str:
    close = difflib.get_close_matches(name, names, n=1)
    return f" (did you mean {close[0]!r}?)" if close else ""


def _branch(error: ValidationError) -> ValidationError:
    """Of a oneOf's alternatives, the error of the one written (a mapping given where a
    name or a mapping is accepted is judged as a mapping)."""
    shaped = [e for e in error.context or () if e.validator != "type" or e.path]
    chosen: ValidationError = best_match(shaped or error.context or [error])
    return chosen


def message(error: ValidationError) -> tuple[tuple[Any, ...], bool, str]:
    """(path, whether the line is the key's, message) for one schema error."""
    path = tuple(error.absolute_path)
    at = where(path)
    value = error.instance
    schema = error.schema if isinstance(error.schema, dict) else {}
    if "propertyNames" in error.schema_path:
        # jsonschema reports the key itself as the instance, at the mapping's path.
        allowed = error.validator_value if error.validator == "enum" else []
        names = [str(n) for n in allowed] if isinstance(allowed, list) else []
        kind = str(schema.get("description", "key")).removeprefix("a ")
        known = f"; known: {', '.join(names)}" if names else ""
        return (
            (*path, value),
            True,
            f"{at}: unknown {kind} {value!r}{_suggest(str(value), names)}{known}",
        )
    if error.validator == "maxProperties" and isinstance(value, dict):
        first, *rest = list(value)
        return (
            (*path, rest[0]),
            True,
            (
                f"{at}: a step is one `name: arguments` pair, this one has {len(value)} keys "
                f"({', '.join(map(str, value))}); indent {', '.join(map(repr, rest))} under "
                f"{first!r}, or start a new step with '- '"
            ),
        )
    if error.validator == "additionalProperties" and isinstance(value, dict):
        allowed = [str(k) for k in schema.get("properties", {})]
        key = next((k for k in value if k not in allowed), "")
        return (
            (*path, key),
            True,
            (
                f"{at}: unknown key {key!r}{_suggest(str(key), allowed)}; "
                f"expected one of {', '.join(allowed)}"
            ),
        )
    if error.validator == "required":
        missing = error.message.replace(" is a required property", "")
        return path, False, f"{at}: {missing} is required"
    if error.validator == "type":
        wanted = schema.get("type")
        kinds = wanted if isinstance(wanted, list) else [wanted]
        text = " or ".join(_TYPES.get(str(k), str(k)) for k in kinds)
        hint = ""
        if "string" in kinds and isinstance(value, int | float) and not isinstance(value, bool):
            hint = f' (quote it: "{value}")'
        return path, False, f"{at}: expected {text}, got {yaml_type(value)}{hint}"
    if error.validator in ("minProperties", "minItems", "minLength"):
        return path, False, f"{at}: must not be empty"
    if error.validator == "enum":
        allowed = error.validator_value
        options = ", ".join(map(str, allowed if isinstance(allowed, list) else []))
        return path, False, f"{at}: {value!r} is not one of {options}"
    if error.validator == "format":
        return path, False, f"{at}: {error.cause or error.message}"
    if error.validator in ("oneOf", "anyOf") and error.context:
        return message(_branch(error))
    return path, False, f"{at}: {error.message}"

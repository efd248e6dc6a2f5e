"""JSON schema pieces for step and check arguments (read-only: the schema builder copies them)."""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import Any

#: A JSON schema fragment.
Schema = Mapping[str, Any]

CHANNEL: Schema = MappingProxyType(
    {"type": "string", "description": "a channel declared under channels:"}
)
ORDER: Schema = MappingProxyType({"type": ["string", "integer"], "description": "an order number"})
TEXT: Schema = MappingProxyType({"type": "string"})
DURATION: Schema = MappingProxyType(
    {
        "type": ["string", "number"],
        "format": "chansim-duration",
        "description": "ISO 8601 duration (PT2H, P1D, -PT30M) or seconds",
    }
)
INSTANT: Schema = MappingProxyType(
    {"type": "string", "format": "chansim-instant", "description": "ISO 8601 instant"}
)


def obj(required: tuple[str, ...] = (), **properties: Any) -> Schema:
    """An object with exactly these properties, ``required`` among them."""
    schema: dict[str, Any] = {
        "type": "object",
        "additionalProperties": False,
        "properties": properties,
    }
    if required:
        schema["required"] = list(required)
    return MappingProxyType(schema)


def per_channel(value: Schema) -> Schema:
    """``{<channel>: value, ...}``."""
    return MappingProxyType({"type": "object", "minProperties": 1, "additionalProperties": value})


def frozen(schema: dict[str, Any]) -> Schema:
    """A module-level schema constant, read-only."""
    return MappingProxyType(schema)


def plain(value: Any) -> Any:
    """A deep, plain (dict and list) copy of a schema, as JSON schema validators want it."""
    if isinstance(value, Mapping):
        return {k: plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [plain(v) for v in value]
    return value


def order_text(value: Any) -> str:
    """An order number as the platform holds it (YAML may give an integer)."""
    return str(value)

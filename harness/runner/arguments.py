"""JSON schema pieces for step and check arguments."""

from __future__ import annotations

from typing import Any

CHANNEL: dict[str, Any] = {"type": "string", "description": "a channel declared under channels:"}
ORDER: dict[str, Any] = {"type": ["string", "integer"], "description": "an order number"}
TEXT: dict[str, Any] = {"type": "string"}
DURATION: dict[str, Any] = {
    "type": ["string", "number"],
    "description": "ISO 8601 duration (PT2H, P1D, -PT30M) or seconds",
}
INSTANT: dict[str, Any] = {"type": "string", "description": "ISO 8601 instant"}


def obj(required: tuple[str, ...] = (), **properties: Any) -> dict[str, Any]:
    """An object with exactly these properties, ``required`` among them."""
    schema: dict[str, Any] = {
        "type": "object",
        "additionalProperties": False,
        "properties": properties,
    }
    if required:
        schema["required"] = list(required)
    return schema


def per_channel(value: dict[str, Any]) -> dict[str, Any]:
    """``{<channel>: value, ...}``."""
    return {"type": "object", "minProperties": 1, "additionalProperties": value}


def order_text(value: Any) -> str:
    """An order number as the platform holds it (YAML may give an integer)."""
    return str(value)

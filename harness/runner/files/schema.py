"""The scenario schema, built from the step and check registries and the channel registry.

``scenarios/schema.json`` is this schema written out (``chansim schema --write``) for editors
and for readers; a test fails when the file and the registries disagree.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from harness.engines.interface import CAPABILITIES
from harness.runner.arguments import DURATION, INSTANT, plain
from harness.runner.checks import load as load_checks
from harness.runner.steps import load as load_steps

SCHEMA_ID = "https://chansim.dev/schemas/scenario.json"


def _one_of_names(kind: str, entries: dict[str, Any]) -> dict[str, Any]:
    return {
        "type": "object",
        "minProperties": 1,
        "propertyNames": {"enum": list(entries), "description": f"a {kind} name"},
        "properties": entries,
    }


def build(channels: list[str]) -> dict[str, Any]:
    """The JSON schema of a scenario file, for these channel names."""
    steps = {e.name: plain(e.schema) for e in load_steps()}
    checks = {e.name: plain(e.schema) for e in load_checks()}
    step = _one_of_names("step", steps) | {"maxProperties": 1}
    channel = {
        "type": "object",
        "additionalProperties": False,
        "properties": {
            "connection": {
                "type": "object",
                "additionalProperties": False,
                "description": "the platform's connection form",
                "properties": {
                    "region": {"type": "string"},
                    "timezone": {"type": "string", "description": "IANA name; default UTC"},
                    "status_map": {
                        "type": "object",
                        "additionalProperties": {
                            "oneOf": [
                                {"type": "string"},
                                {"type": "array", "items": {"type": "string"}},
                            ]
                        },
                    },
                    "credentials": {"type": "object"},
                    "url": {
                        "type": "string",
                        "description": "the API URL the merchant types, if not the one the "
                        "simulator hands out; a path alone (/api/v2) is taken on its host",
                    },
                    "overlap": DURATION,
                    "first_import": DURATION,
                    "options": {"type": "object"},
                },
            },
            "simulator": {
                "type": "object",
                "additionalProperties": False,
                "properties": {
                    "state": {"type": "string", "description": "a named starting state"},
                    "params": {"type": "object"},
                    "settings": {
                        "type": "object",
                        "description": "the channel's settings, e.g. {error_bodies: descriptive}",
                    },
                    "timezone": {"type": "string"},
                    "skew": DURATION,
                },
            },
            "orders": {"type": "array", "items": {"type": "object"}},
            "faults": {"type": "array", "items": {"type": "object"}},
        },
    }
    built: dict[str, Any] = plain(
        {
            "$schema": "https://json-schema.org/draft/2020-12/schema",
            "$id": SCHEMA_ID,
            "title": "chansim scenario",
            "type": "object",
            "additionalProperties": False,
            "required": ["name", "channels", "steps"],
            "properties": {
                "name": {"type": "string", "minLength": 1},
                "description": {"type": "string"},
                "tags": {"type": "array", "items": {"type": "string"}},
                "requires": {
                    "type": "array",
                    "uniqueItems": True,
                    "items": {"enum": sorted(CAPABILITIES)},
                    "description": "what the engine under test must do to run this scenario: "
                    "virtual_clock (it waits on the virtual clock, e.g. retries after a "
                    "Retry-After); an engine that does not declare it skips the scenario",
                },
                "seed": {"type": "integer", "minimum": 0},
                "clock": INSTANT,
                "channels": {
                    "type": "object",
                    "minProperties": 1,
                    "propertyNames": {"enum": channels, "description": "a channel name"},
                    "additionalProperties": {"$ref": "#/$defs/channel"},
                },
                "steps": {"type": "array", "minItems": 1, "items": {"$ref": "#/$defs/step"}},
                "expect": {"$ref": "#/$defs/checks"},
            },
            "$defs": {
                "channel": channel,
                "step": step,
                "checks": _one_of_names("check", checks),
            },
        }
    )
    return built


def render(channels: list[str]) -> str:
    """The schema as the text of ``scenarios/schema.json``."""
    return json.dumps(build(channels), indent=2, ensure_ascii=False) + "\n"


def write(path: Path, channels: list[str]) -> bool:
    """Write the schema file; True when it changed."""
    text = render(channels)
    old = path.read_text(encoding="utf-8") if path.exists() else ""
    if old != text:
        path.write_text(text, encoding="utf-8")
    return old != text

"""Simulator calls as one readable line each, for failure reports."""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from typing import Any

_WIDTH = 240


def _excerpt(body: Any, limit: int = 80) -> str:
    if body is None or body == "":
        return ""
    if isinstance(body, Mapping):
        error = body.get("error")
        if isinstance(error, Mapping):
            return f"{error.get('code')}: {error.get('message')}"
        if "results" in body:
            return f"{len(body['results'])} result(s), next={'yes' if body.get('next') else 'no'}"
    text = body if isinstance(body, str) else json.dumps(body, ensure_ascii=False)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def call_line(entry: Mapping[str, Any], start: int = 0) -> str:
    """``#3 POST /ws/orders/1001 {"new_state": 3, …} → 400 imei-refused: …  [fault …]``,
    numbered from the first call after sequence number ``start`` (the scenario's first)."""
    target = entry["path"] + (f"?{entry['query']}" if entry.get("query") else "")
    sent = _excerpt(entry.get("body"), 160)
    answer = _excerpt(entry.get("response_body"), 60)
    line = f"#{entry['seq'] - start} {entry['method']} {target}"
    if sent:
        line += f" {sent}"
    line += f" → {entry['status']}"
    if answer:
        line += f" {answer}"
    if entry.get("fault"):
        line += f"  [fault {entry['fault']} ({entry.get('fault_kind')})]"
    return line if len(line) <= _WIDTH else line[: _WIDTH - 1] + "…"


def slice_lines(entries: Iterable[Mapping[str, Any]], start: int = 0, last: int = 8) -> list[str]:
    """The last ``last`` calls, one line each, numbered from sequence number ``start``."""
    return [call_line(e, start) for e in list(entries)[-last:]]

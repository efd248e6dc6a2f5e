"""Simulator calls as one readable line each, for failure reports."""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from typing import Any

_WIDTH = 160


def _excerpt(body: Any) -> str:
    if body is None or body == "":
        return ""
    if isinstance(body, Mapping):
        error = body.get("error")
        if isinstance(error, Mapping):
            return f"{error.get('code')}: {error.get('message')}"
        if "results" in body:
            return f"{len(body['results'])} result(s), next={'yes' if body.get('next') else 'no'}"
    text = body if isinstance(body, str) else json.dumps(body, ensure_ascii=False)
    return text if len(text) <= 80 else text[:79] + "…"


def call_line(entry: Mapping[str, Any]) -> str:
    """``#12 POST /ws/orders/1001 {"new_state": 3, …} → 400 imei-refused: …  [fault …]``."""
    target = entry["path"] + (f"?{entry['query']}" if entry.get("query") else "")
    sent = _excerpt(entry.get("body"))
    answer = _excerpt(entry.get("response_body"))
    line = f"#{entry['seq']} {entry['method']} {target}"
    if sent:
        line += f" {sent}"
    line += f" → {entry['status']}"
    if answer:
        line += f" {answer}"
    if entry.get("fault"):
        line += f"  [fault {entry['fault']} ({entry.get('fault_kind')})]"
    return line if len(line) <= _WIDTH else line[: _WIDTH - 1] + "…"


def slice_lines(entries: Iterable[Mapping[str, Any]], last: int = 8) -> list[str]:
    """The last ``last`` calls, one line each."""
    return [call_line(e) for e in list(entries)[-last:]]

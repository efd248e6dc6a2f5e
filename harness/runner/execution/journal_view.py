"""Simulator calls as one readable line each, for failure reports.

What a body says in a few words is the channel's business: its adapter's
``summarize_body`` (an error code, "2 result(s)") when it has one, else the body itself, cut
short.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Mapping
from typing import Any

_WIDTH = 240
#: A channel's one-line reading of a body (None: nothing better than the body itself).
Summary = Callable[[Any], str | None]


def _excerpt(body: Any, summarize: Summary, limit: int = 80) -> str:
    if body is None or body == "":
        return ""
    summary = summarize(body)
    if summary is not None:
        return summary
    text = body if isinstance(body, str) else json.dumps(body, ensure_ascii=False)
    text = " ".join(text.split())  # indented XML on one line
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _nothing(body: Any) -> str | None:
    return None


def call_line(entry: Mapping[str, Any], start: int = 0, summarize: Summary = _nothing) -> str:
    """``#3 POST /ws/orders/1001 {"new_state": 3, …} → 400 imei-refused: …  [fault …]``,
    numbered from the first call after sequence number ``start`` (the scenario's first)."""
    target = entry["path"] + (f"?{entry['query']}" if entry.get("query") else "")
    sent = _excerpt(entry.get("body"), _nothing, 160)
    answer = _excerpt(entry.get("response_body"), summarize, 60)
    line = f"#{entry['seq'] - start} {entry['method']} {target}"
    if sent:
        line += f" {sent}"
    line += f" → {entry['status']}"
    if answer:
        line += f" {answer}"
    if entry.get("fault"):
        line += f"  [fault {entry['fault']} ({entry.get('fault_kind')})]"
    return line if len(line) <= _WIDTH else line[: _WIDTH - 1] + "…"


def slice_lines(
    entries: Iterable[Mapping[str, Any]],
    start: int = 0,
    last: int = 8,
    summarize: Summary = _nothing,
) -> list[str]:
    """The last ``last`` calls, one line each, numbered from sequence number ``start``."""
    return [call_line(e, start, summarize) for e in list(entries)[-last:]]

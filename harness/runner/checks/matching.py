"""Compare what a scenario expects with what happened: expected is a subset of actual.

Objects match when every expected key matches (other keys are ignored); lists match item by
item and must have the same length; scalars match when equal, a number also matching the same
number written as a string (``order: 1001`` matches ``"1001"``, ``price: 10.5`` ``"10.50"``)
and an instant the same instant written with another offset.
"""

from __future__ import annotations

import json
from datetime import datetime
from decimal import Decimal, InvalidOperation
from typing import Any, Self


def show(value: Any) -> str:
    """A value as a scenario author would write it."""
    return json.dumps(value, ensure_ascii=False, default=str)


def _instant(value: str) -> datetime | None:
    if len(value) < 19 or value[4] != "-" or "T" not in value:
        return None
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        return None
    return parsed if parsed.tzinfo is not None else None


def same(expected: Any, actual: Any) -> bool:
    """Scalar equality, lenient on numbers written as strings; two instants with offsets are
    equal when they are the same instant (``10:00+01:00`` is ``09:00Z``)."""
    if expected == actual and type(expected) is type(actual):
        return True
    if isinstance(expected, str) and isinstance(actual, str):
        left, right = _instant(expected), _instant(actual)
        return left is not None and left == right
    if isinstance(expected, bool) or isinstance(actual, bool):
        return False
    if isinstance(expected, int | float) and isinstance(actual, str | int | float):
        try:
            return Decimal(str(expected)) == Decimal(str(actual))
        except InvalidOperation:
            return False
    if isinstance(expected, str) and isinstance(actual, int | float):
        return same(actual, expected)
    return bool(expected == actual)


class Mismatch(str):
    """One difference, as text, remembering where it is (``at``: keys and indexes from the
    compared value's root) so a report can point at the line that holds it."""

    at: tuple[Any, ...]

    def __new__(cls, text: str, at: tuple[Any, ...]) -> Self:
        made = super().__new__(cls, text)
        made.at = at
        return made


def _label(at: tuple[Any, ...]) -> str:
    out = ""
    for part in at:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or "value"


def mismatches(expected: Any, actual: Any, at: tuple[Any, ...] = ()) -> list[Mismatch]:
    """Every difference, one line each, naming the path (``items[0].sku``)."""
    where = _label(at)
    if isinstance(expected, dict):
        if not isinstance(actual, dict):
            return [Mismatch(f"{where}: expected an object, got {show(actual)}", at)]
        found: list[Mismatch] = []
        for key, value in expected.items():
            sub = (*at, key)
            if key not in actual:
                fields = ", ".join(map(str, actual)) or "none"
                text = f"{_label(sub)}: expected {show(value)}, but there is no {key!r} ({fields})"
                found.append(Mismatch(text, sub))
            else:
                found += mismatches(value, actual[key], sub)
        return found
    if isinstance(expected, list):
        if not isinstance(actual, list):
            return [Mismatch(f"{where}: expected a list, got {show(actual)}", at)]
        found = []
        if len(expected) != len(actual):
            found.append(
                Mismatch(f"{where}: expected {len(expected)} item(s), got {len(actual)}", at)
            )
        for i, (e, a) in enumerate(zip(expected, actual, strict=False)):
            found += mismatches(e, a, (*at, i))
        return found
    if same(expected, actual):
        return []
    return [Mismatch(f"{where}: expected {show(expected)}, got {show(actual)}", at)]

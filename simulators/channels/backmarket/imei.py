"""IMEI rules as Back Market applies them: 15 digits whose last one is a Luhn check digit."""

from __future__ import annotations

from simulators.core import luhn


def imei_problem(value: str) -> str | None:
    """Why ``value`` is not a valid IMEI, or None when it is."""
    if len(value) != 15 or not value.isascii() or not value.isdigit():
        return f"{value!r} is not a valid IMEI: it must be exactly 15 digits"
    if not luhn.is_valid(value):
        return f"{value!r} is not a valid IMEI: the check digit (Luhn) is wrong"
    return None

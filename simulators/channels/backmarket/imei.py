"""IMEI rules as Back Market publishes them.

The ship call's ``imei`` "needs to be a valid IMEI": 15 digits whose last one is a Luhn check
digit. The orderline PATCH describes its ``imei`` only as a "unique device identifier" and
gives ``153124587625348`` as its example, whose check digit is wrong: there 15 digits are
enough (``luhn=False``).
"""

from __future__ import annotations


def luhn_ok(digits: str) -> bool:
    """True when ``digits`` (all decimal) ends with a valid Luhn check digit."""
    total = 0
    for index, char in enumerate(reversed(digits)):
        value = int(char)
        if index % 2 == 1:
            value *= 2
            if value > 9:
                value -= 9
        total += value
    return total % 10 == 0


def imei_problem(value: str, *, luhn: bool = True) -> str | None:
    """Why ``value`` is not a valid IMEI, or None when it is (``luhn``: check the digit)."""
    if len(value) != 15 or not value.isdigit():
        return f"{value!r} is not a valid IMEI: it must be exactly 15 digits"
    if luhn and not luhn_ok(value):
        return f"{value!r} is not a valid IMEI: the check digit (Luhn) is wrong"
    return None

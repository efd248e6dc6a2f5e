"""IMEI rules as Back Market publishes them.

The ship call's ``imei`` "needs to be a valid IMEI": 15 digits whose last one is a Luhn check
digit. The orderline PATCH describes its ``imei`` only as a "unique device identifier" and
gives ``153124587625348`` as its example, whose check digit is wrong: there 15 digits are
enough (``check_digit=False``).
"""

from __future__ import annotations

from simulators.core import luhn


def imei_problem(value: str, *, check_digit: bool = True) -> str | None:
    """Why ``value`` is not a valid IMEI, or None when it is (``check_digit``: verify the
    Luhn digit)."""
    if len(value) != 15 or not value.isascii() or not value.isdigit():
        return f"{value!r} is not a valid IMEI: it must be exactly 15 digits"
    if check_digit and not luhn.is_valid(value):
        return f"{value!r} is not a valid IMEI: the check digit (Luhn) is wrong"
    return None

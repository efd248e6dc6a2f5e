"""The Luhn (mod 10) check digit that ends IMEIs and payment card numbers.

One implementation for the whole project: the order factory completes generated IMEIs with
:func:`check_digit`, and channels validate the IMEIs they are sent with :func:`is_valid`.
Only ASCII digits count as digits here (``str.isdigit`` would also accept full-width or
Arabic-Indic digits).
"""

from __future__ import annotations


def _ascii_digits(text: str) -> bool:
    return text.isascii() and text.isdigit()


def _sum(digits: str, *, double_last: bool) -> int:
    """Luhn sum of ``digits``: every second digit from the right doubled (digits of the double
    added), starting with the last digit when ``double_last``."""
    total = 0
    for index, char in enumerate(reversed(digits)):
        value = int(char)
        if (index % 2 == 0) == double_last:
            value *= 2
            if value > 9:
                value -= 9
        total += value
    return total


def check_digit(body: str) -> str:
    """The digit that completes ``body`` (ASCII digits) into a Luhn-valid number."""
    if not _ascii_digits(body):
        raise ValueError(f"{body!r} is not a string of ASCII digits")
    return str((10 - _sum(body, double_last=True) % 10) % 10)


def is_valid(number: str) -> bool:
    """True when ``number`` is at least two ASCII digits whose last one is its Luhn check digit."""
    if len(number) < 2 or not _ascii_digits(number):
        return False
    return _sum(number, double_last=False) % 10 == 0

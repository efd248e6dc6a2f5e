"""Seeded draws the factory and its catalogues share: weighted picks, digit strings, codes."""

from __future__ import annotations

import random


def pick_index(rng: random.Random, cum_weights: tuple[float, ...]) -> int:
    """An index drawn with cumulative weights ``cum_weights`` (one ``rng.random()`` call)."""
    x = rng.random() * cum_weights[-1]
    for i, edge in enumerate(cum_weights):
        if x < edge:
            return i
    return len(cum_weights) - 1


def cumulative(weights: tuple[int, ...]) -> tuple[int, ...]:
    """Running totals of ``weights``, for :func:`pick_index`."""
    out: list[int] = []
    total = 0
    for weight in weights:
        total += weight
        out.append(total)
    return tuple(out)


def pick_weighted(rng: random.Random, choices: tuple[tuple[str, int], ...]) -> str:
    """A value of ``(value, weight)`` pairs drawn by weight (one ``rng.random()`` call)."""
    x = rng.random() * sum(w for _, w in choices)
    for value, weight in choices:
        if x < weight:
            return value
        x -= weight
    return choices[-1][0]


def digits(rng: random.Random, n: int) -> str:
    """``n`` random decimal digits."""
    return "".join(rng.choices("0123456789", k=n))


def code(text: str) -> str:
    """A short upper-case code for a value in a SKU: initials, or the first three letters of
    a one-word value (``"Space Grey"`` -> ``SG``, ``"Midnight"`` -> ``MID``)."""
    words = "".join(c if c.isalnum() else " " for c in text).split()
    if len(words) == 1:
        return words[0][:3].upper()
    return "".join(w[0] for w in words).upper()

"""Checks on the ids of orders placed through the control plane."""

from __future__ import annotations

from collections import Counter
from collections.abc import Container, Iterable
from typing import TypeVar

H = TypeVar("H", int, str)


def clashing(ids: Iterable[H], stored: Container[H]) -> list[H]:
    """The ids already ``stored`` or given twice, sorted (one pass, not one per id)."""
    counts = Counter(ids)
    return sorted(i for i, n in counts.items() if n > 1 or i in stored)

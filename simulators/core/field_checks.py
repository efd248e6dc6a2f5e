"""Checks of control-plane input (orders to place, edits), shared by channels.

Each channel refuses in its own error shape, so :class:`FieldChecks` is built with the
channel's ``bad(field, message)``; every check returns the value normalised or raises that.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from simulators.core.clock import ClockError, parse_instant
from simulators.core.errors import ChannelError

Bad = Callable[[str, str], ChannelError]


class FieldChecks:
    """Typed checks that refuse with one channel's error naming the field."""

    def __init__(self, bad: Bad) -> None:
        self.bad = bad

    def unknown(
        self, data: Mapping[str, Any], known: frozenset[str], what: str, prefix: str = ""
    ) -> None:
        """Refuse the first key of ``data`` not in ``known``."""
        extra = sorted(set(data) - known)
        if extra:
            known_list = ", ".join(sorted(known))
            raise self.bad(f"{prefix}{extra[0]}", f"unknown {what}; known: {known_list}")

    def integer(self, value: Any, field: str, low: int, high: int | None = None) -> int:
        """An integer from ``low`` (to ``high``)."""
        if isinstance(value, bool) or not isinstance(value, int) or value < low:
            raise self.bad(field, f"must be an integer >= {low}")
        if high is not None and value > high:
            raise self.bad(field, f"must be an integer from {low} to {high}")
        return value

    def boolean(self, value: Any, field: str) -> bool:
        """true or false."""
        if not isinstance(value, bool):
            raise self.bad(field, "must be true or false")
        return value

    def text(self, value: Any, field: str) -> str:
        """A string."""
        if not isinstance(value, str):
            raise self.bad(field, "must be a string")
        return value

    def instant(self, value: Any, field: str) -> datetime:
        """An ISO 8601 instant (UTC when it has no offset)."""
        try:
            return parse_instant(self.text(value, field))
        except ClockError as exc:
            raise self.bad(field, str(exc)) from exc

    def day(self, value: Any, field: str) -> date:
        """A calendar date, ``YYYY-MM-DD``."""
        if isinstance(value, date) and not isinstance(value, datetime):
            return value  # YAML reads an unquoted date as a date
        try:
            return date.fromisoformat(self.text(value, field))
        except ValueError:
            raise self.bad(field, f"{value!r} is not a date (YYYY-MM-DD)") from None

    def amount(self, value: Any, field: str, places: int = 2) -> Decimal:
        """A non-negative amount, rounded to ``places`` decimals."""
        if isinstance(value, bool):
            raise self.bad(field, "must be a decimal amount")
        try:
            amount = Decimal(str(value)).quantize(Decimal(1).scaleb(-places))
        except InvalidOperation:
            raise self.bad(field, "must be a decimal amount") from None
        if not amount.is_finite():
            raise self.bad(field, "must be a decimal amount")
        if amount < 0:
            raise self.bad(field, "must not be negative")
        return amount

    def choice(self, value: Any, field: str, allowed: tuple[str, ...]) -> str:
        """One of ``allowed`` (case-sensitive)."""
        if not isinstance(value, str) or value not in allowed:
            raise self.bad(field, f"{value!r} is not one of {', '.join(allowed)}")
        return value

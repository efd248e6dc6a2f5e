"""Instants and durations as scenario files write them."""

from __future__ import annotations

from datetime import datetime, timedelta

from simulators.core.clock import ClockError, in_range, parse_duration, parse_instant

__all__ = ("ClockError", "instant", "seconds")

#: The longest duration a scenario may name (the clock's whole range is 230 years).
LONGEST = timedelta(days=36_500)


def instant(text: str) -> datetime:
    """An ISO 8601 instant (naive means UTC) within the virtual clock's range; ClockError
    with an example otherwise."""
    return in_range(parse_instant(text), text)


def seconds(value: str | float) -> float:
    """An ISO 8601 duration or a number of seconds, in seconds, at most 100 years either way."""
    try:
        step: timedelta = parse_duration(value)
    except (OverflowError, ValueError) as exc:
        if isinstance(exc, ClockError):
            raise
        raise ClockError(f"{value!r} is not a usable duration (e.g. PT2H, P1D, -PT30M)") from None
    if abs(step) > LONGEST:
        raise ClockError(f"{value!r} is longer than 100 years")
    return step.total_seconds()

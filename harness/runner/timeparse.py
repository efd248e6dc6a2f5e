"""Instants and durations as scenario files write them."""

from __future__ import annotations

from datetime import datetime, timedelta

from simulators.core.clock import ClockError, parse_duration, parse_instant

__all__ = ("ClockError", "instant", "seconds")


def instant(text: str) -> datetime:
    """An ISO 8601 instant (naive means UTC); ClockError with an example otherwise."""
    return parse_instant(text)


def seconds(value: str | float) -> float:
    """An ISO 8601 duration or a number of seconds, in seconds."""
    step: timedelta = parse_duration(value)
    return step.total_seconds()

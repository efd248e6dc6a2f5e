"""The engine's view of time: read ``now`` and wait, both possibly virtual.

The engine never reads wall time itself. In a scenario the runner hands it the simulators'
virtual clock, so a ``Retry-After: 30`` advances that clock by 30 s instead of sleeping;
against a real channel, :class:`RealTime` is the one place the harness reads the wall clock.
"""

from __future__ import annotations

import time
from datetime import UTC, datetime
from typing import Protocol


class EngineClock(Protocol):
    """What the engine needs from a clock."""

    def now(self) -> datetime:
        """The current instant (aware)."""
        ...

    def sleep(self, seconds: float) -> None:
        """Let ``seconds`` pass."""
        ...


class RealTime:
    """Wall-clock time, for running the engine against a real channel."""

    def now(self) -> datetime:
        """The wall-clock instant in UTC."""
        return datetime.now(UTC)

    def sleep(self, seconds: float) -> None:
        """Really wait."""
        time.sleep(seconds)

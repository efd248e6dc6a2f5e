"""Checks of the virtual clock shared by the simulators and the engine."""

from __future__ import annotations

from harness.runner.arguments import INSTANT
from harness.runner.checks import CHECKS
from harness.runner.execution.context import CheckFailed, RunContext
from harness.runner.files.timeparse import ClockError, instant


@CHECKS.register("clock", INSTANT)
def clock(ctx: RunContext, expected: str) -> None:
    """The virtual clock reads this instant: shows how long the engine waited (retries wait
    on the virtual clock, e.g. a ``Retry-After: 30`` moves it 30 s).

    Example:
        clock: 2026-03-10T12:00:30Z
    """
    try:
        want = instant(expected)
    except ClockError as exc:
        raise CheckFailed(str(exc), expected=expected, actual=None) from None
    now = ctx.clock.now()
    if now != want:
        raise CheckFailed(
            f"the clock reads {now.isoformat()}, expected {want.isoformat()} "
            f"({(now - want).total_seconds():+g} s)",
            expected=want.isoformat(),
            actual=now.isoformat(),
        )

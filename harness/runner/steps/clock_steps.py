"""Steps that move the virtual clock shared by the simulators and the engine."""

from __future__ import annotations

from harness.runner.arguments import DURATION, INSTANT
from harness.runner.execution.context import RunContext, StepError
from harness.runner.files.timeparse import ClockError, instant, seconds
from harness.runner.steps import STEPS


@STEPS.register("advance_clock", DURATION)
def advance_clock(ctx: RunContext, amount: str | float) -> str:
    """Move the virtual clock forward (or back, with a minus sign) for every channel at once.

    Tokens expire, quotas refill and import windows move with it; nothing sleeps.

    Example:
        - advance_clock: PT2H
    """
    try:
        ctx.move_clock(None, seconds(amount))
    except ClockError as exc:
        raise StepError(str(exc)) from None
    return f"clock +{amount}"


@STEPS.register("set_clock", INSTANT)
def set_clock(ctx: RunContext, when: str) -> str:
    """Put the virtual clock at an instant (naive means UTC).

    Example:
        - set_clock: 2026-03-11T08:00:00+01:00
    """
    try:
        target = instant(when).isoformat()
        ctx.move_clock(target, None)
    except ClockError as exc:
        raise StepError(str(exc)) from None
    return f"clock = {target}"

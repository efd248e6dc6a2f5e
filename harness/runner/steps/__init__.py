"""The steps a scenario can take, one registry; each module adds the steps of one theme."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from harness.runner.context import RunContext
from harness.runner.registry import Registry

#: A step: does something, returns a line for the report (or None).
StepFn = Callable[[RunContext, Any], str | None]

STEPS: Registry[StepFn] = Registry("step")


def load() -> Registry[StepFn]:
    """The registry with every step module imported."""
    from harness.runner.steps import channel_steps, clock_steps, engine_steps, expect_step

    del channel_steps, clock_steps, engine_steps, expect_step
    return STEPS

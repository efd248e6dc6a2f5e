"""The steps a scenario can take, one registry; each module adds the steps of one theme."""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import Any

from harness.runner.execution.context import RunContext
from harness.runner.registry import Registry

#: A step: does something, returns a line for the report (or None).
StepFn = Callable[[RunContext, Any], str | None]

#: The modules of the vocabulary, in the order the docs list them.
MODULES = ("engine_steps", "clock_steps", "channel_steps", "expect_step")
STEPS: Registry[StepFn] = Registry("step", MODULES)


def load() -> Registry[StepFn]:
    """The registry with every step module imported."""
    for module in MODULES:
        importlib.import_module(f"harness.runner.steps.{module}")
    return STEPS

"""The checks a scenario can make, one registry; each module adds the checks of one theme."""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import Any

from harness.runner.execution.context import RunContext
from harness.runner.registry import Registry

#: A check: raises CheckFailed when its expectation is not met.
CheckFn = Callable[[RunContext, Any], None]

#: The modules of the vocabulary, in the order the docs list them.
MODULES = ("store_checks", "channel_checks", "clock_checks")
CHECKS: Registry[CheckFn] = Registry("check", MODULES)


def load() -> Registry[CheckFn]:
    """The registry with every check module imported."""
    for module in MODULES:
        importlib.import_module(f"harness.runner.checks.{module}")
    return CHECKS

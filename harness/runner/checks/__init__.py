"""The checks a scenario can make, one registry; each module adds the checks of one theme."""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import Any

from harness.runner.context import RunContext
from harness.runner.registry import Registry

#: A check: raises CheckFailed when its expectation is not met.
CheckFn = Callable[[RunContext, Any], None]

CHECKS: Registry[CheckFn] = Registry("check")


def load() -> Registry[CheckFn]:
    """The registry with every check module imported."""
    for module in ("store_checks", "channel_checks", "clock_checks"):
        importlib.import_module(f"harness.runner.checks.{module}")  # documented in this order
    return CHECKS

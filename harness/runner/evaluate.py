"""Run a mapping of checks and turn each failure into a report entry with its journal slice."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from harness.runner.checks import load as load_checks
from harness.runner.context import CheckFailed, RunContext, StepError
from harness.runner.journal_view import slice_lines
from harness.runner.results import Failure


def evaluate(
    ctx: RunContext, checks: dict[str, Any], line_of: Callable[[str], int]
) -> list[Failure]:
    """Every check of ``checks`` (name → arguments); the failures, none when all pass.

    ``line_of`` gives the line each check is written on.
    """
    registry = load_checks()
    failures = []
    for name, args in checks.items():
        try:
            registry.get(name).fn(ctx, args)
        except StepError as exc:  # a check that cannot be made as written
            failures.append(Failure(name, line_of(name), str(exc)))
        except CheckFailed as failed:
            channels = [failed.channel] if failed.channel else list(ctx.sims)
            journal = [f"{ch}: {text}" for ch in channels for text in slice_lines(ctx.calls(ch))]
            failures.append(
                Failure(
                    name, line_of(name), failed.message, failed.expected, failed.actual, journal
                )
            )
    return failures

"""Run a mapping of checks and turn each failure into a report entry with its journal slice."""

from __future__ import annotations

from typing import Any

from harness.runner.checks import load as load_checks
from harness.runner.execution.context import CheckFailed, RunContext, StepError
from harness.runner.execution.journal_view import slice_lines
from harness.runner.execution.results import Failure
from harness.runner.worlds.control import ControlError


def evaluate(ctx: RunContext, checks: dict[str, Any], where: tuple[Any, ...]) -> list[Failure]:
    """Every check of ``checks`` (name → arguments); the failures, none when all pass.

    ``where`` is the path of the checks mapping in the scenario file (``("expect",)``, or
    ``("steps", 3, "expect")``): a failure points at the line of the expectation that is
    wrong, else at the check's name.
    """
    registry = load_checks()
    lines = ctx.scenario.lines
    failures = []
    for name, args in checks.items():
        try:
            registry.get(name).fn(ctx, args)
        except (StepError, ControlError) as exc:  # a check that cannot be made as written
            failures.append(Failure(name, lines.of((*where, name), key=True), str(exc)))
        except CheckFailed as failed:
            line = (
                lines.of((*where, name, *failed.at))
                if failed.at
                else lines.of((*where, name), key=True)
            )
            channels = [failed.channel] if failed.channel else list(ctx.sims)
            journal = [
                f"{ch}: {text}"
                for ch in channels
                for text in slice_lines(
                    ctx.calls(ch), ctx.journal_start[ch], summarize=ctx.adapter(ch).summarize_body
                )
            ]
            failures.append(
                Failure(name, line, failed.message, failed.expected, failed.actual, journal)
            )
        except Exception as exc:  # noqa: BLE001 - one check's crash must not hide the others
            failures.append(
                Failure(
                    name,
                    lines.of((*where, name), key=True),
                    f"this check could not run: {type(exc).__name__}: {exc}",
                )
            )
    return failures

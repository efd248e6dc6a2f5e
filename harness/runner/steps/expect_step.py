"""The step that checks in the middle of a scenario."""

from __future__ import annotations

from typing import Any

from harness.runner.arguments import Schema, frozen
from harness.runner.execution.context import ChecksFailed, RunContext
from harness.runner.execution.evaluate import evaluate
from harness.runner.steps import STEPS


def checks_schema() -> Schema:
    """The checks mapping, defined once in the scenario schema (see ``schema.py``)."""
    return frozen({"$ref": "#/$defs/checks"})


@STEPS.register("expect", checks_schema())
def expect(ctx: RunContext, checks: dict[str, Any]) -> str:
    """Check now, in the middle of the scenario, with the same checks as ``expect:``.

    When a check fails, the scenario stops here: later steps would build on a wrong state.

    Example:
        - expect: {store_status: {backmarket: connected}, imported: {backmarket: {count: 3}}}
    """
    failures = evaluate(ctx, checks, ("steps", ctx.step_index, "expect"))
    if failures:
        raise ChecksFailed(failures, len(checks))
    return f"{len(checks)} check(s) passed"

"""What several checks share: failing with the mismatches found, and comparing one order."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from harness.runner.arguments import CHANNEL, ORDER, Schema, frozen
from harness.runner.checks.matching import Mismatch, mismatches
from harness.runner.execution.context import CheckFailed


def fail_on(
    channel: str,
    what: str,
    problems: Sequence[str],
    expected: Any,
    actual: Any,
    at: tuple[Any, ...] = (),
) -> None:
    """Raise CheckFailed listing ``problems`` (nothing when there are none); ``at`` is where
    the compared expectation sits in the check's arguments, to which the first problem's own
    position is added."""
    if problems:
        first = problems[0]
        raise CheckFailed(
            f"{channel}: {what}: " + "; ".join(problems),
            expected=expected,
            actual=actual,
            channel=channel,
            at=(*at, *first.at) if isinstance(first, Mismatch) else at,
        )


def order_check(whose: str) -> Schema:
    """``{channel, order, ...fields to compare}`` for a check of one order."""
    return frozen(
        {
            "type": "object",
            "required": ["channel", "order"],
            "properties": {"channel": CHANNEL, "order": ORDER},
            "description": f"plus any fields of {whose} to compare",
        }
    )


def compare_order(expected: dict[str, Any], actual: dict[str, Any], where: str) -> None:
    """The fields ``expected`` names (beside channel and order) must match ``actual``."""
    want = {k: v for k, v in expected.items() if k not in ("channel", "order")}
    shown = {k: actual.get(k) for k in want}
    what = f"order {expected['order']}{where}"
    fail_on(expected["channel"], what, mismatches(want, actual), want, shown)

"""Checks of what the channel saw: the notifications it received, its orders, the calls."""

from __future__ import annotations

from typing import Any

from harness.runner.arguments import CHANNEL, frozen, per_channel
from harness.runner.checks import CHECKS
from harness.runner.checks.compare import compare_order, fail_on, order_check
from harness.runner.checks.matching import mismatches
from harness.runner.execution.context import CheckFailed, RunContext, StepError
from harness.runner.worlds.control import ControlError
from simulators.core.fault_kinds import FAULT_KINDS, Stage

#: Fault kinds that answer instead of the channel: the channel never saw those requests.
REPLACING = frozenset(k.name for k in FAULT_KINDS.values() if k.stage is Stage.REPLACE)


@CHECKS.register("notifications", per_channel({"type": "array", "items": {"type": "object"}}))
def notifications(ctx: RunContext, expected: dict[str, list[dict[str, Any]]]) -> None:
    """The shipment notifications the channel accepted, in order, read from its journal
    (a call a fault answered in the channel's place does not count).

    Each entry names the ``order`` and the fields to compare, under the platform's names:
    ``status``, ``tracking_number``, ``carrier``, ``service``, ``carrier_fee``,
    ``notes_to_buyer`` and the channel's item details (Back Market: ``imei``,
    ``serial_number``; Web Shop Manager and Spark: ``ship_date`` and ``items``, each with
    ``line_id``, ``sku``, ``quantity``). A field written ``null`` must be absent: the channel
    did not receive it. ``[]`` asserts the channel received none.

    Example:
        notifications:
          backmarket:
            - {order: 1001, tracking_number: 1Z999AA10123456784, carrier: UPS, service: null}
    """
    for channel, want in expected.items():
        read = ctx.adapter(channel).received_notification
        reached = [c for c in ctx.calls(channel) if c.get("fault_kind") not in REPLACING]
        actual = [seen for call in reached if (seen := read(call)) is not None]
        problems = []
        if len(want) != len(actual):
            problems.append(f"expected {len(want)} notification(s), got {len(actual)}")
        for i, (w, a) in enumerate(zip(want, actual, strict=False)):
            present = {k: v for k, v in w.items() if v is not None}
            problems += mismatches(present, a, (i,))
            problems += [
                f"[{i}].{k}: expected absent, got {a[k]!r}"
                for k, v in w.items()
                if v is None and k in a
            ]
        if problems:
            fail_on(channel, "notifications received", problems, want, actual, (channel,))


@CHECKS.register("channel_order", order_check("the channel's own order"))
def channel_order(ctx: RunContext, expected: dict[str, Any]) -> None:
    """One order as the channel holds it at the end, in the channel's own shape.

    Example:
        channel_order:
          channel: backmarket
          order: 1001
          state: 9
          orderlines: [{state: 3, imei: "356938035643809"}]
    """
    channel = expected["channel"]
    try:
        actual = ctx.sim(channel).order(str(expected["order"]))
    except ControlError as exc:
        raise CheckFailed(str(exc), expected=expected, actual=None, channel=channel) from None
    compare_order(expected, actual, " on the channel")


CALL = frozen(
    {
        "type": "object",
        "additionalProperties": False,
        "required": ["channel"],
        "properties": {
            "channel": CHANNEL,
            "operation": {"type": "string"},
            "method": {"enum": ["GET", "POST", "PUT", "PATCH", "DELETE"]},
            "path": {"type": "string"},
            "status": {"type": "integer"},
            "fault_kind": {"type": "string"},
            "count": {"type": "integer", "minimum": 0},
            "min": {"type": "integer", "minimum": 0},
            "max": {"type": "integer", "minimum": 0},
        },
    }
)
_FILTERS = ("operation", "method", "path", "status", "fault_kind")


@CHECKS.register("calls", {"type": "array", "minItems": 1, "items": CALL})
def calls(ctx: RunContext, expected: list[dict[str, Any]]) -> None:
    """How many requests the channel received that match: ``operation`` (the spec's
    operationId), ``method``, ``path`` (prefix), ``status``, ``fault_kind``; ``count`` exactly,
    or ``min`` / ``max`` (default: at least one).

    Example:
        calls: [{channel: backmarket, operation: get-ws-list-order, status: 429, count: 1}]
    """
    for index, want in enumerate(expected):
        channel = want["channel"]
        if "count" in want and ("min" in want or "max" in want):
            raise StepError("calls: give either count, or min and/or max, not both")
        found = [
            c
            for c in ctx.calls(channel)
            if all(
                (c.get(k) or "").startswith(want[k]) if k == "path" else c.get(k) == want[k]
                for k in _FILTERS
                if k in want
            )
        ]
        n = len(found)
        low = want.get("count", want.get("min", 1 if "max" not in want else 0))
        high = want.get("count", want.get("max"))
        if n < low or (high is not None and n > high):
            shown = {k: want[k] for k in _FILTERS if k in want}
            bound = f"exactly {low}" if low == high else f"at least {low}"
            if high is not None and low != high:
                bound = f"{low} to {high}"
            raise CheckFailed(
                f"{channel}: calls {shown}: expected {bound}, got {n}",
                expected=bound,
                actual=n,
                channel=channel,
                at=(index,),
            )

"""Checks of what the platform holds: imported and skipped orders, store status, errors."""

from __future__ import annotations

from typing import Any

from harness.runner.arguments import ORDER, frozen, per_channel
from harness.runner.checks import CHECKS
from harness.runner.checks.compare import compare_order, fail_on, order_check
from harness.runner.checks.matching import mismatches, show
from harness.runner.execution.context import CheckFailed, RunContext, StepError

NUMBERS = frozen({"type": "array", "items": ORDER, "uniqueItems": True})


def _numbers(values: list[Any]) -> list[str]:
    return [str(v) for v in values]


IMPORTED = per_channel(
    {
        "oneOf": [
            NUMBERS,
            {
                "type": "object",
                "additionalProperties": False,
                "minProperties": 1,
                "properties": {
                    "count": {"type": "integer", "minimum": 0},
                    "includes": NUMBERS,
                    "excludes": NUMBERS,
                },
            },
        ]
    }
)


@CHECKS.register("imported", IMPORTED)
def imported(ctx: RunContext, expected: dict[str, Any]) -> None:
    """The orders the store holds, each once: exactly this list (any order), or ``count`` /
    ``includes`` / ``excludes``.

    Example:
        imported: {backmarket: [1001, 1003]}
    """
    for channel, want in expected.items():
        numbers = [str(order["number"]) for order in ctx.view(channel).orders]
        problems = []
        named = _numbers(want) if isinstance(want, list) else []
        twice = sorted({n for n in named if named.count(n) > 1})
        if twice:
            raise StepError(f"imported: {channel} lists {', '.join(twice)} more than once")
        if isinstance(want, list):
            missing = [n for n in _numbers(want) if n not in numbers]
            extra = [n for n in numbers if n not in _numbers(want)]
            if missing:
                problems.append(f"not imported: {', '.join(missing)}")
            if extra:
                problems.append(f"imported but not expected: {', '.join(extra)}")
        else:
            if "count" in want and want["count"] != len(numbers):
                problems.append(f"expected {want['count']} order(s), found {len(numbers)}")
            missing = [n for n in _numbers(want.get("includes", [])) if n not in numbers]
            present = [n for n in _numbers(want.get("excludes", [])) if n in numbers]
            if missing:
                problems.append(f"not imported: {', '.join(missing)}")
            if present:
                problems.append(f"imported but excluded: {', '.join(present)}")
        duplicates = sorted({n for n in numbers if numbers.count(n) > 1})
        if duplicates:
            problems.append(f"imported more than once: {', '.join(duplicates)}")
        fail_on(channel, "imported orders", problems, want, numbers, (channel,))


SKIPPED = per_channel(
    {
        "type": "array",
        "items": {
            "type": "object",
            "additionalProperties": False,
            "required": ["order", "reason"],
            "properties": {
                "order": ORDER,
                "reason": {"enum": ["missing_ship_to", "status_not_mapped"]},
            },
        },
    }
)


@CHECKS.register("skipped", SKIPPED)
def skipped(ctx: RunContext, expected: dict[str, list[dict[str, Any]]]) -> None:
    """The orders the import left out and why (``missing_ship_to``, ``status_not_mapped``);
    exactly these, in any order.

    Example:
        skipped: {backmarket: [{order: 1002, reason: missing_ship_to}]}
    """
    for channel, want in expected.items():
        actual = sorted(
            ({"order": str(s["order"]), "reason": s["reason"]} for s in ctx.view(channel).skipped),
            key=lambda s: s["order"],
        )
        wanted = sorted(
            ({"order": str(w["order"]), "reason": w["reason"]} for w in want),
            key=lambda s: s["order"],
        )
        if wanted != actual:
            raise CheckFailed(
                f"{channel}: skipped orders: expected {show(wanted)}, got {show(actual)}",
                expected=wanted,
                actual=actual,
                channel=channel,
                at=(channel,),
            )


@CHECKS.register("store_order", order_check("the platform's order model"))
def store_order(ctx: RunContext, expected: dict[str, Any]) -> None:
    """One imported order as the platform shows it; the fields given must match.

    Fields: ``number``, ``status`` (awaiting_payment, awaiting_shipment, shipped, cancelled,
    on_hold), ``channel_status``, ``order_date``, ``ship_by``, ``ship_to`` and ``bill_to``
    (name, street1, city, postal_code, country, ...), ``customer_email``, ``customer_phone``,
    ``payment_method``, ``requested_service``, ``internal_notes``, ``gift``,
    ``custom_fields``, ``weight``, ``items`` (sku, name, quantity, unit_price, weight,
    image_url, options, location).

    Example:
        store_order:
          channel: backmarket
          order: 1001
          status: awaiting_shipment
          items: [{image_url: null}]
    """
    channel = expected["channel"]
    number = str(expected["order"])
    orders = ctx.view(channel).orders
    found = [order for order in orders if str(order["number"]) == number]
    if not found:
        known = ", ".join(str(order["number"]) for order in orders) or "none"
        message = f"order {number} is not imported in store {channel} (imported: {known})"
        raise CheckFailed(message, expected=expected, actual=None, channel=channel)
    compare_order(expected, dict(found[0]), "")


STATUS = per_channel(
    {
        "oneOf": [
            {"enum": ["connected", "error"]},
            {
                "type": "object",
                "additionalProperties": False,
                "minProperties": 1,
                "properties": {
                    "status": {"enum": ["connected", "error"]},
                    "code": {"type": "string"},
                    "message_contains": {"type": "string"},
                },
            },
        ]
    }
)


@CHECKS.register("store_status", STATUS)
def store_status(ctx: RunContext, expected: dict[str, Any]) -> None:
    """The store's status in the platform: ``connected``, or ``error`` with the problem's
    ``code`` and the words its message to the merchant contains.

    Codes: token_expired, token_revoked, unauthorized, forbidden, rate_limited,
    unavailable, unreadable.

    Example:
        store_status:
          backmarket: {status: error, code: token_expired, message_contains: issue a new token}
    """
    for channel, want in expected.items():
        status = ctx.view(channel).status
        want = {"status": want} if isinstance(want, str) else want
        actual = {
            "status": status.get("status"),
            "code": status.get("code"),
            "message": status.get("message"),
        }
        problems: list[str] = list(
            mismatches({k: v for k, v in want.items() if k != "message_contains"}, actual)
        )
        words = want.get("message_contains")
        if words and words not in (actual["message"] or ""):
            problems.append(
                f"message: expected to contain {show(words)}, got {show(actual['message'])}"
            )
        fail_on(channel, "store status", problems, want, actual, (channel,))


ERRORS = per_channel(
    {
        "type": "array",
        "items": {
            "type": "object",
            "additionalProperties": False,
            "minProperties": 1,
            "properties": {
                "order": ORDER,
                "action": {"enum": ["import", "acknowledge", "notify"]},
                "code": {"type": "string"},
                "message_contains": {"type": "string"},
            },
        },
    }
)


@CHECKS.register("engine_errors", ERRORS)
def engine_errors(ctx: RunContext, expected: dict[str, list[dict[str, Any]]]) -> None:
    """The problems the engine recorded for the store, in order: exactly this many, each
    matching its ``order``, ``action`` (import, acknowledge, notify), ``code`` and message
    words. ``[]`` asserts there were none.

    Example:
        engine_errors:
          backmarket: [{order: 1001, action: notify, code: imei_refused, message_contains: IMEI}]
    """
    for channel, want in expected.items():
        actual = [
            {k: error.get(k) for k in ("order", "action", "code", "message")}
            for error in ctx.view(channel).errors
        ]
        problems = []
        if len(want) != len(actual):
            problems.append(f"expected {len(want)} error(s), got {len(actual)}")
        for i, (w, a) in enumerate(zip(want, actual, strict=False)):
            plain = {k: (str(v) if k == "order" else v) for k, v in w.items()}
            words = plain.pop("message_contains", None)
            problems += mismatches(plain, a, (i,))
            if words and words not in str(a["message"]):
                problems.append(f"[{i}].message: expected to contain {show(words)}")
        fail_on(channel, "engine errors", problems, want, actual, (channel,))


@CHECKS.register("pending_notifications", per_channel(NUMBERS))
def pending_notifications(ctx: RunContext, expected: dict[str, list[Any]]) -> None:
    """The shipped orders whose notification the channel has not accepted yet, in order.

    Example:
        pending_notifications: {backmarket: []}
    """
    for channel, want in expected.items():
        actual = list(ctx.view(channel).pending)
        problems = mismatches(_numbers(want), actual)
        fail_on(channel, "pending notifications", problems, want, actual, (channel,))

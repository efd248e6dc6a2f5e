"""Steps that change the channel side: faults, credentials, orders placed or edited there."""

from __future__ import annotations

from typing import Any

from harness.runner.arguments import CHANNEL, DURATION, ORDER, frozen, obj, order_text
from harness.runner.execution.context import RunContext
from harness.runner.steps import STEPS

FAULT = frozen(
    {
        "type": "object",
        "required": ["channel"],
        "properties": {"channel": CHANNEL},
        "description": "a fault rule (see Fault kinds) plus the channel it applies to",
    }
)


@STEPS.register("add_fault", FAULT)
def add_fault(ctx: RunContext, args: dict[str, Any]) -> str:
    """Add a fault rule to a channel from now on; the rule's keys are those of Fault kinds.

    The rule must fire at least once before the scenario ends, or the scenario fails: a fault
    that never fires tests nothing.

    Example:
        - add_fault:
            channel: backmarket
            operation: get-ws-list-order
            kind: rate_limit
            retry_after: 30
            times: 1
    """
    rule = {k: v for k, v in args.items() if k != "channel"}
    added = ctx.sim(args["channel"]).add_fault(rule)
    ctx.fault_lines[(args["channel"], added["id"])] = ctx.line
    return f"{args['channel']}: fault {added['id']} ({added['kind']})"


@STEPS.register("clear_faults", CHANNEL)
def clear_faults(ctx: RunContext, channel: str) -> str:
    """Remove every fault rule of a channel (the channel recovers).

    Example:
        - clear_faults: backmarket
    """
    ctx.sim(channel).clear_faults()
    ctx.fault_lines = {k: v for k, v in ctx.fault_lines.items() if k[0] != channel}
    return f"{channel}: faults cleared"


def _token(ctx: RunContext, channel: str) -> str:
    field = ctx.adapter(channel).secret_field
    return ctx.credentials[ctx.channel(channel)][field]


TOKEN = frozen({"oneOf": [CHANNEL, obj(("channel",), channel=CHANNEL, expires_in=DURATION)]})


@STEPS.register("expire_token", CHANNEL)
def expire_token(ctx: RunContext, channel: str) -> str:
    """Expire, on the channel, the credential the store is connected with (from now on).

    Example:
        - expire_token: backmarket
    """
    ctx.sim(channel).token(_token(ctx, channel), "expire")
    return f"{channel}: token expired"


@STEPS.register("renew_token", TOKEN)
def renew_token(ctx: RunContext, args: str | dict[str, Any]) -> str:
    """Make the store's credential valid again on the channel (optionally until ``expires_in``).

    Example:
        - renew_token: {channel: backmarket, expires_in: P60D}
    """
    channel = args if isinstance(args, str) else args["channel"]
    body = {} if isinstance(args, str) else {k: v for k, v in args.items() if k != "channel"}
    ctx.sim(channel).token(_token(ctx, channel), "renew", body)
    return f"{channel}: token renewed"


@STEPS.register("revoke_token", CHANNEL)
def revoke_token(ctx: RunContext, channel: str) -> str:
    """Revoke, on the channel, the credential the store is connected with.

    Example:
        - revoke_token: backmarket
    """
    ctx.sim(channel).token(_token(ctx, channel), "revoke")
    return f"{channel}: token revoked"


PLACE = frozen(
    {
        "type": "object",
        "required": ["channel"],
        "properties": {
            "channel": CHANNEL,
            "orders": {"type": "array", "minItems": 1, "items": {"type": "object"}},
            "generate": {"type": "integer", "minimum": 1, "maximum": 10000},
        },
        "oneOf": [{"required": ["orders"]}, {"required": ["generate"]}],
    }
)


@STEPS.register("place_orders", PLACE)
def place_orders(ctx: RunContext, args: dict[str, Any]) -> str:
    """Buyers place orders on the channel now: explicit ``orders`` or ``generate: N``.

    Order fields are the channel's (see its starting states); anything left out comes from
    the seeded factory. ``generate`` takes the channel's generation options beside it.

    Example:
        - place_orders: {channel: backmarket, orders: [{order_id: 1005, state: 1}]}
    """
    body = {k: v for k, v in args.items() if k != "channel"}
    placed = ctx.sim(args["channel"]).place(body)
    return f"{args['channel']}: {len(placed)} order(s) placed"


EDIT = obj(
    ("channel", "order", "changes"), channel=CHANNEL, order=ORDER, changes={"type": "object"}
)


@STEPS.register("edit_channel_order", EDIT)
def edit_channel_order(ctx: RunContext, args: dict[str, Any]) -> str:
    """Change an order on the channel, as its back office or the buyer would.

    ``changes`` holds the channel's editable fields (for Back Market: ``state``,
    ``orderlines`` — one line's ``state`` by ``sku`` or ``id``, e.g. a refund or an automatic
    cancellation —, ``shipping_address``, ``date_creation``; for Bluepark: ``status``,
    ``shipping_address``, ``delivery_date``, ``admin_comments``; for Web Shop Manager and
    Spark: ``status``, ``internal_notes``, ``ship_to``; for UltraCart: ``requeue: true`` — the
    merchant's "Re-queue for pickup" —, ``imported``, ``current_stage``, ``ship_to``,
    ``subtotal_discount``, ``merchant_notes``, ``special_instructions``); the order's
    modification date moves to now.

    Example:
        - edit_channel_order:
            channel: backmarket
            order: 1002
            changes:
              shipping_address: {street: 1 rue de Rivoli, city: Paris, postal_code: "75001"}
    """
    number = order_text(args["order"])
    ctx.sim(args["channel"]).edit(number, args["changes"])
    return f"{args['channel']}: order {number} changed on the channel"

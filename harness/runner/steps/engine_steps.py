"""Steps the platform takes: import, ship, edit an order, reconnect a store."""

from __future__ import annotations

from typing import Any

from harness.engines.interface import EngineRefused
from harness.runner.arguments import CHANNEL, INSTANT, ORDER, TEXT, frozen, obj, order_text
from harness.runner.execution.context import RunContext, StepError
from harness.runner.files.timeparse import ClockError, instant
from harness.runner.steps import STEPS


@STEPS.register("import", CHANNEL)
def import_orders(ctx: RunContext, channel: str) -> str:
    """Refresh the store: send notifications still pending, then import new and changed orders.

    The window runs from the last complete import (less the connection's overlap) to now; the
    first import reaches back 30 days. Orders already imported are updated, never duplicated;
    orders without a ship-to address are skipped with a reason. A failure that stops the run
    becomes the store status (see the ``store_status`` check), never a scenario error.

    Example:
        - import: backmarket
    """
    result = ctx.engine.refresh(ctx.channel(channel))
    parts = [f"{len(result.new)} new", f"{len(result.updated)} updated"]
    if result.skipped:
        parts.append(f"{len(result.skipped)} skipped")
    if result.problem is not None:
        parts.append(f"stopped: {result.problem}")
    return f"{channel}: " + ", ".join(parts)


SHIP = obj(
    ("channel", "order", "carrier", "tracking"),
    channel=CHANNEL,
    order=ORDER,
    carrier=TEXT,
    tracking=TEXT,
    service=TEXT,
    carrier_fee={"type": ["number", "string"], "pattern": "^-?[0-9]+([.][0-9]+)?$"},
    notes_to_buyer=TEXT,
    ship_date=INSTANT,
    items={"type": "array", "items": {"type": ["string", "integer"]}},
)


def _check_date(text: str | None) -> None:
    try:
        if text is not None:
            instant(text)
    except ClockError as exc:
        raise StepError(f"ship_date: {exc}") from None


@STEPS.register("ship", SHIP)
def ship(ctx: RunContext, args: dict[str, Any]) -> str:
    """Mark an imported order shipped in the platform; the store is notified at once.

    ``carrier`` and ``tracking`` are required; ``service``, ``carrier_fee``,
    ``notes_to_buyer``, ``ship_date`` and ``items`` (line ids; default the whole order) are
    optional. The channel receives only the fields its notification policy carries. A
    notification the channel refuses stays pending and is retried by the next ``import``.

    Example:
        - ship: {channel: backmarket, order: 1001, carrier: UPS, tracking: 1Z999AA10123456784}
    """
    number = order_text(args["order"])
    _check_date(args.get("ship_date"))
    shipment = {k: v for k, v in args.items() if k not in ("channel", "order")}
    if "carrier_fee" in shipment:
        shipment["carrier_fee"] = str(shipment["carrier_fee"])
    if "items" in shipment:
        shipment["items"] = [str(i) for i in shipment["items"]]
    try:
        accepted = ctx.engine.ship(ctx.channel(args["channel"]), number, shipment)
    except EngineRefused as exc:
        raise StepError(str(exc)) from None
    return f"{args['channel']}: order {number} " + (
        "notified" if accepted else "shipped; notification pending"
    )


EDIT = obj(
    ("channel", "order"),
    channel=CHANNEL,
    order=ORDER,
    internal_notes=TEXT,
    customer_notes=TEXT,
    gift={"type": "boolean"},
    gift_message=TEXT,
    custom_fields={"type": "array", "maxItems": 3, "items": {"type": ["string", "null"]}},
)


@STEPS.register("edit_store_order", EDIT)
def edit_store_order(ctx: RunContext, args: dict[str, Any]) -> str:
    """Edit an imported order in the platform, as the merchant does in Order Details.

    Editable: ``internal_notes``, ``customer_notes``, ``gift``, ``gift_message``,
    ``custom_fields`` (up to three). Edits survive re-imports. For Back Market, an IMEI or
    serial number typed in the internal notes goes out with the shipment notification.

    Example:
        - edit_store_order:
            channel: backmarket
            order: 1001
            internal_notes: "IMEI 356938035643809"
    """
    changes = {k: v for k, v in args.items() if k not in ("channel", "order")}
    if "custom_fields" in changes:
        fields = list(changes["custom_fields"]) + [None] * 3
        changes["custom_fields"] = fields[:3]
    number = order_text(args["order"])
    try:
        ctx.engine.edit(ctx.channel(args["channel"]), number, changes)
    except EngineRefused as exc:
        raise StepError(str(exc)) from None
    return f"{args['channel']}: order {number} edited ({', '.join(sorted(changes))})"


RECONNECT = frozen(
    {
        "oneOf": [
            CHANNEL,
            obj(("channel",), channel=CHANNEL, credentials={"type": "object"}),
        ]
    }
)


@STEPS.register("reconnect", RECONNECT)
def reconnect(ctx: RunContext, args: str | dict[str, Any]) -> str:
    """The merchant issues a new credential on the channel and types it into the connection form.

    Without ``credentials``, the simulator issues a fresh secret (token, API key, access key,
    password) for the same account and the merchant types it in; with them, those are used as
    typed (to test a wrong paste, say). The store's next ``import`` uses them.

    Example:
        - reconnect: backmarket
    """
    channel = ctx.channel(args if isinstance(args, str) else args["channel"])
    typed = {} if isinstance(args, str) else dict(args.get("credentials") or {})
    if not typed:
        field = ctx.adapter(channel).secret_field
        sim = ctx.sim(channel)
        current = ctx.credentials.get(channel, {}).get(field)
        # the same account: the label a simulator keeps with a secret is whose it is
        label = next((t["label"] for t in sim.tokens() if t["token"] == current), "")
        typed = {field: sim.issue_token(label=label)["token"]}
    try:
        ctx.engine.reconnect(channel, {k: str(v) for k, v in typed.items()})
    except EngineRefused as exc:
        raise StepError(f"reconnect: {exc}") from None
    ctx.credentials[channel] = {
        **ctx.credentials.get(channel, {}),
        **{k: str(v) for k, v in typed.items()},
    }
    return f"{channel}: reconnected with new {', '.join(sorted(typed))}"


EDIT_CONNECTION = obj(
    ("channel",),
    channel=CHANNEL,
    status_map={"type": "object", "additionalProperties": {"type": ["string", "array"]}},
    timezone=TEXT,
)


@STEPS.register("edit_connection", EDIT_CONNECTION)
def edit_connection(ctx: RunContext, args: dict[str, Any]) -> str:
    """The merchant changes the store's connection form between runs: the status map (the
    channel's own texts per platform status, comma lists, case-sensitive) and/or the store
    timezone (an IANA name).

    The next ``import`` reads again what the old form hid: orders skipped as
    ``status_not_mapped`` when the map changed, and the hours a wrong timezone asked the
    channel for when the timezone changed. A form the channel cannot use is refused.

    Example:
        - edit_connection:
            channel: wsm
            timezone: America/Chicago
            status_map: {awaiting_shipment: "Payment Received, Processing"}
    """
    changes = {k: v for k, v in args.items() if k != "channel"}
    try:
        ctx.engine.edit_connection(ctx.channel(args["channel"]), changes)
    except EngineRefused as exc:
        raise StepError(f"edit_connection: {exc}") from None
    return f"{args['channel']}: connection form changed ({', '.join(sorted(changes))})"

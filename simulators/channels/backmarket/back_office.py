"""What Back Market's back office does to an order (``PATCH /__sim/orders/{id}``), after
``order_input.edit`` has checked the request: the order's state (its lines follow), one
line's state (the order's follows: a refund, an automatic cancellation, a hold released), the
ship-to address, the creation date."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from simulators.channels.backmarket import errors
from simulators.channels.backmarket.orders import Order, OrderLine
from simulators.channels.backmarket.transitions import LINE_STATE_FOR_ORDER


def edit(order: Order, checked: Mapping[str, Any]) -> None:
    """Apply a checked edit; a line it cannot find is refused before anything changes."""
    changes = [(_line(order, i, c), c) for i, c in enumerate(checked.get("orderlines", ()))]
    if "state" in checked:
        order.state = checked["state"]
        for line in order.lines:
            line.state = LINE_STATE_FOR_ORDER[order.state]
    for line, change in changes:
        line.state = change["state"]
        line.return_reason = change.get("return_reason", line.return_reason)
        line.return_message = change.get("return_message", line.return_message)
    if changes:
        order.derive_state()
    if "shipping_address" in checked:
        given = checked["shipping_address"]
        order.shipping_address = None if given is None else {**order.billing_address, **given}
    if "date_creation" in checked:
        order.date_creation = checked["date_creation"]


def _line(order: Order, index: int, change: Mapping[str, Any]) -> OrderLine:
    """The line a back-office change names by ``id`` or ``sku`` (or the only line)."""
    found = [
        line
        for line in order.lines
        if change.get("id", line.id) == line.id and change.get("sku", line.sku) == line.sku
    ]
    named = "id" in change or "sku" in change
    if len(found) != 1 or (not named and len(order.lines) > 1):
        lines = ", ".join(f"{li.id} {li.sku}" for li in order.lines)
        message = f"name one orderline of order {order.order_id} by id or sku (its lines: {lines})"
        raise errors.validation({f"orderlines.{index}": [message]})
    return found[0]

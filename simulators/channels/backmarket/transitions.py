"""Back Market's state codes and the rules that move them.

Orderlines move only along :data:`TRANSITIONS`; an order's state follows from its lines
(:func:`order_state`). Source: the OrderState / OrderLineState enums and the update call's
description in Back Market's seller API (``specs/backmarket/openapi.yaml``).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from types import MappingProxyType

# Order states (OrderState in the spec).
ORDER_NEW, ORDER_PENDING_PAYMENT, ORDER_PAID, ORDER_TO_SHIP, ORDER_NOT_PAID, ORDER_SHIPPED = (
    0,
    10,
    1,
    3,
    8,
    9,
)
#: Orders never listed by GET /ws/orders.
HIDDEN_ORDER_STATES = frozenset({ORDER_NEW, ORDER_NOT_PAID})

# Orderline states (OrderLineState in the spec).
LINE_NEW, LINE_ON_HOLD, LINE_PENDING, LINE_PAID, LINE_ACCEPTED, LINE_SHIPPED = 0, 9, 8, 1, 2, 3
LINE_CANCELLED, LINE_REFUNDED_BEFORE, LINE_REFUNDED_AFTER, LINE_PAYMENT_REFUSED = 4, 5, 6, 7
#: Every orderline state.
LINE_STATES = (
    LINE_NEW, LINE_ON_HOLD, LINE_PENDING, LINE_PAID, LINE_ACCEPTED, LINE_SHIPPED,
    LINE_CANCELLED, LINE_REFUNDED_BEFORE, LINE_REFUNDED_AFTER, LINE_PAYMENT_REFUSED,
)  # fmt: skip
#: The only orderline transitions the API accepts (from → allowed targets).
TRANSITIONS: Mapping[int, frozenset[int]] = MappingProxyType(
    {
        LINE_PAID: frozenset({LINE_ACCEPTED, LINE_CANCELLED}),
        LINE_ACCEPTED: frozenset({LINE_SHIPPED, LINE_REFUNDED_BEFORE}),
        LINE_SHIPPED: frozenset({LINE_REFUNDED_AFTER}),
    }
)
#: Lines that left the workflow: they do not block shipping the rest of the order.
CLOSED_LINE_STATES = frozenset({LINE_CANCELLED, LINE_REFUNDED_BEFORE, LINE_PAYMENT_REFUSED})
#: The orderline state each order state starts with when an order is placed in that state.
LINE_STATE_FOR_ORDER: Mapping[int, int] = MappingProxyType(
    {
        ORDER_NEW: LINE_NEW,
        ORDER_PENDING_PAYMENT: LINE_PENDING,
        ORDER_PAID: LINE_PAID,
        ORDER_TO_SHIP: LINE_ACCEPTED,
        ORDER_NOT_PAID: LINE_PAYMENT_REFUSED,
        ORDER_SHIPPED: LINE_SHIPPED,
    }
)


def can_move(current: int, wanted: int) -> bool:
    """Whether an orderline may go from ``current`` to ``wanted``."""
    return wanted in TRANSITIONS.get(current, frozenset())


def order_state(current: int, line_states: Iterable[int]) -> int:
    """The order state its lines give (``current`` only for an order without lines).

    In this order: a line still new (0) keeps the order new (0); a line pending payment (8)
    keeps it pending (10). Then only the lines still in the workflow count (not cancelled,
    refunded before shipping, or refused):

    - none left: every line refused (7) → not paid (8, never listed); otherwise the order is
      processed (9: "the merchant has nothing left to do"), shipped or not;
    - a line paid (1) or on hold (9): the merchant must still process lines → paid (1);
    - every line shipped (3) or refunded after shipping (6) → processed (9);
    - otherwise (accepted lines, perhaps beside shipped ones) → shipping pending (3).
    """
    states = list(line_states)
    if not states:
        return current
    if LINE_NEW in states:
        return ORDER_NEW
    if LINE_PENDING in states:
        return ORDER_PENDING_PAYMENT
    live = [state for state in states if state not in CLOSED_LINE_STATES]
    if not live:
        return ORDER_NOT_PAID if set(states) == {LINE_PAYMENT_REFUSED} else ORDER_SHIPPED
    if any(state in (LINE_PAID, LINE_ON_HOLD) for state in live):
        return ORDER_PAID
    if all(state in (LINE_SHIPPED, LINE_REFUNDED_AFTER) for state in live):
        return ORDER_SHIPPED
    return ORDER_TO_SHIP

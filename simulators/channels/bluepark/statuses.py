"""Bluepark's order statuses and the changes ``PUT /orders/{id}`` allows.

Our design (Bluepark does not publish its status list): the three statuses ShipStation's help
article names (Pending, Completed, Cancelled) and three more a UK shop uses that ShipStation does
not map (Awaiting Payment, On Hold, Refunded), so they must never import.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

AWAITING_PAYMENT = "Awaiting Payment"
PENDING = "Pending"
ON_HOLD = "On Hold"
COMPLETED = "Completed"
CANCELLED = "Cancelled"
REFUNDED = "Refunded"
#: Every status, in the order a shop's order moves through them.
STATUSES = (AWAITING_PAYMENT, PENDING, ON_HOLD, COMPLETED, CANCELLED, REFUNDED)
#: Statuses in which the order has been paid (``date_paid`` is set).
PAID = frozenset({PENDING, ON_HOLD, COMPLETED, REFUNDED})
#: Status → the statuses an update may move it to. Completed → Completed is allowed: it is how
#: a tracking number is corrected on a dispatched order.
TRANSITIONS: Mapping[str, frozenset[str]] = MappingProxyType(
    {
        AWAITING_PAYMENT: frozenset({PENDING, CANCELLED}),
        PENDING: frozenset({ON_HOLD, COMPLETED, CANCELLED}),
        ON_HOLD: frozenset({PENDING, COMPLETED, CANCELLED}),
        COMPLETED: frozenset({COMPLETED, REFUNDED}),
        CANCELLED: frozenset(),
        REFUNDED: frozenset(),
    }
)


def can_move(current: str, wanted: str) -> bool:
    """Whether an order in ``current`` may be set to ``wanted`` (staying put is always fine,
    except for a closed order)."""
    if current == wanted and current not in (CANCELLED, REFUNDED):
        return True
    return wanted in TRANSITIONS.get(current, frozenset())

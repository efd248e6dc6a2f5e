"""Back Market orders and orderlines, their state codes and the orderline state machine."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from types import MappingProxyType
from typing import Any

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


@dataclass
class OrderLine:
    """One orderline (a listing, i.e. a seller SKU, and a quantity)."""

    id: int
    sku: str
    product: str
    quantity: int
    price: Decimal
    currency: str
    state: int
    date_creation: datetime
    listing_id: int
    product_id: int
    brand: str
    condition: int
    category: str
    shipping_price: Decimal = Decimal("0.00")
    shipping_delay: int = 48
    orderline_fee: Decimal = Decimal("0.00")
    sales_taxes: Decimal = Decimal("0.00")
    backcare: bool = False
    backcare_price: int = 0
    imei: str = ""
    serial_number: str = ""
    return_reason: int = 0
    return_message: str = ""


@dataclass
class Order:
    """One Back Market order as the seller API shows it."""

    order_id: int
    state: int
    lines: list[OrderLine]
    shipping_address: dict[str, Any] | None
    billing_address: dict[str, Any]
    date_creation: datetime
    date_modification: datetime
    date_payment: datetime | None
    expected_dispatch_date: datetime
    price: Decimal
    shipping_price: Decimal
    currency: str
    country_code: str
    payment_method: str
    sales_taxes: Decimal
    installment_payment: bool = False
    paypal_reference: str | None = None
    delivery_note: str = ""
    date_shipping: datetime | None = None
    tracking_number: str = ""
    tracking_url: str = ""
    shipper: str = ""
    is_backship: bool = False
    extra: dict[str, Any] = field(default_factory=dict)

    def live_lines(self) -> list[OrderLine]:
        """Lines still in the workflow (not cancelled, refunded before shipping or refused)."""
        return [line for line in self.lines if line.state not in CLOSED_LINE_STATES]

    def derive_state(self) -> None:
        """Recompute the order state from its lines after a transition."""
        live = self.live_lines()
        if not live:
            return
        if all(line.state in (LINE_SHIPPED, LINE_REFUNDED_AFTER) for line in live):
            self.state = ORDER_SHIPPED
        elif all(line.state == LINE_ACCEPTED for line in live):
            self.state = ORDER_TO_SHIP
        elif any(line.state in (LINE_PAID, LINE_ACCEPTED) for line in live):
            self.state = ORDER_PAID

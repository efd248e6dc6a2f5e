"""Back Market orders and orderlines as the simulator stores them (states: ``transitions.py``)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from typing import Any

from simulators.channels.backmarket.transitions import CLOSED_LINE_STATES, order_state


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
    #: The payment service provider's reference of the payment (Adyen-like), when paid.
    psp_reference: str | None = None
    #: When the seller's invoice was provided (None until then).
    date_bill_provided: datetime | None = None
    merchant_id: int = 0
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
        self.state = order_state(self.state, (line.state for line in self.lines))

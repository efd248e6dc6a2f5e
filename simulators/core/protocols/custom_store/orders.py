"""A Custom Store order as the store holds it (before the export shapes it)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from typing import Any


@dataclass
class StoreLine:
    """One order line; ``vendor`` is where a dropship router sends it (empty: the store)."""

    line_id: str
    sku: str
    name: str
    quantity: int
    unit_price: Decimal
    weight_oz: Decimal | None = None
    image_url: str = ""
    location: str = ""
    upc: str = ""
    options: tuple[tuple[str, str], ...] = ()
    adjustment: bool = False
    vendor: str = ""
    shipped: int = 0


@dataclass
class Shipment:
    """One ship notice as recorded on the order."""

    carrier: str
    service: str
    tracking_number: str
    shipping_cost: Decimal | None
    notes_to_customer: str
    ship_date: str
    notify_customer: str
    #: (line id or SKU, quantity) shipped by this notice; empty: the whole order.
    items: tuple[tuple[str, int], ...]
    received_at: datetime

    def to_json(self) -> dict[str, Any]:
        """The control plane's view."""
        return {
            "carrier": self.carrier,
            "service": self.service,
            "tracking_number": self.tracking_number,
            "shipping_cost": None if self.shipping_cost is None else str(self.shipping_cost),
            "notes_to_customer": self.notes_to_customer,
            "ship_date": self.ship_date,
            "notify_customer": self.notify_customer,
            "items": [{"line": ref, "quantity": qty} for ref, qty in self.items],
            "received_at": self.received_at.isoformat(),
        }


@dataclass
class StoreOrder:
    """One order of the store."""

    order_id: str
    number: str
    status: str
    order_date: datetime
    modified: datetime
    lines: list[StoreLine]
    bill_to: dict[str, str]
    ship_to: dict[str, str]
    customer_code: str
    currency: str
    shipping_method: str = ""
    payment_method: str = ""
    tax_amount: Decimal = Decimal("0.00")
    shipping_amount: Decimal = Decimal("0.00")
    customer_notes: str = ""
    internal_notes: str = ""
    gift: bool = False
    gift_message: str = ""
    custom_fields: tuple[str, str, str] = ("", "", "")
    requested_warehouse: str = ""
    source: str = ""
    #: (length, width, height, units) of the package the store suggests, when it does.
    dimensions: tuple[Decimal, Decimal, Decimal, str] | None = None
    shipments: list[Shipment] = field(default_factory=list)

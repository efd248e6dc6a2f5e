"""UltraCart orders as the simulator stores them: the legacy order model, one distribution center's
view of it, and the stages an order goes through.

Facts (UltraCart's legacy order XML, ``../shared/reference/samples/``): ids like ``DEMO-12345``
(merchant id, dash, number), ``current_stage`` codes (``SD`` Shipping Department), flat
``bill_to_*``/``ship_to_*`` fields with the country as a full name, items carrying their
``distribution_center_code``, weights like ``1 LB`` and dates like ``01 JAN 2015 12:00:00``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from types import MappingProxyType

#: Stage codes of UltraCart's legacy order XML, with the REST v2 names they stand for.
STAGES = MappingProxyType(
    {
        "AR": "Accounts Receivable",
        "PC": "Pending Clearance",
        "FR": "Fraud Review",
        "SD": "Shipping Department",
        "CO": "Completed Order",
        "REJ": "Rejected",
    }
)
#: Only orders in the Shipping Department are queued to a distribution center; a completed
#: (shipped) or rejected (cancelled) order is not, whoever moved it there.
QUEUED_STAGE = "SD"
SHIPPED_STAGE = "CO"
CANCELLED_STAGE = "REJ"


@dataclass
class Address:
    """One side of the order (``bill_to_*`` or ``ship_to_*``)."""

    company: str
    first_name: str
    last_name: str
    address1: str
    address2: str
    city: str
    state: str
    zip: str
    country: str


@dataclass
class Item:
    """One item of the order, shipped from one distribution center."""

    item_id: str
    item_index: int
    quantity: int
    description: str
    cost: Decimal
    discount: Decimal
    weight_lb: Decimal
    distribution_center_code: str
    barcode: str = ""
    manufacturer_sku: str = ""
    options: tuple[tuple[str, str], ...] = ()


@dataclass
class Shipment:
    """What a distribution center posted back for the order."""

    tracking_numbers: tuple[str, ...]
    carrier: str
    shipping_cost: Decimal | None
    fulfillment_fee: Decimal | None
    package_cost: Decimal | None
    at: datetime


@dataclass
class Order:
    """One UltraCart order."""

    order_id: str
    merchant_id: str
    current_stage: str
    order_date: datetime
    payment_date: datetime | None
    bill_to: Address
    ship_to: Address | None
    email: str
    day_phone: str
    evening_phone: str
    shipping_method: str
    payment_method: str
    currency_code: str
    items: list[Item]
    shipping_handling_total: Decimal
    tax: Decimal
    subtotal_discount: Decimal
    coupon_code: str = ""
    gift: bool = False
    gift_message: str = ""
    special_instructions: str = ""
    merchant_notes: str = ""
    #: The merchant's "Imported" flag, per distribution center: the DC acknowledged it.
    imported: set[str] = field(default_factory=set)
    #: Shipments posted back, per distribution center.
    shipments: dict[str, Shipment] = field(default_factory=dict)

    def centers(self) -> set[str]:
        """The distribution centers that ship items of it."""
        return {i.distribution_center_code for i in self.items}

    def items_of(self, dc_code: str) -> list[Item]:
        """The items this distribution center ships."""
        return [i for i in self.items if i.distribution_center_code == dc_code]

    def queued_for(self, dc_code: str) -> bool:
        """Whether the DC queue returns the order: in the Shipping Department, with items of
        this DC, not marked Imported for it and not shipped by it."""
        return (
            self.current_stage == QUEUED_STAGE
            and dc_code not in self.imported
            and dc_code not in self.shipments
            and bool(self.items_of(dc_code))
        )

    def subtotal(self) -> Decimal:
        """Sum of item costs times quantities."""
        return sum((i.cost * i.quantity for i in self.items), Decimal("0.00"))

    def total(self) -> Decimal:
        """Subtotal less the discount, plus shipping and tax."""
        return self.subtotal() - self.subtotal_discount + self.shipping_handling_total + self.tax

    def weight_lb(self) -> Decimal:
        """Total weight of the items, in pounds."""
        return sum((i.weight_lb * i.quantity for i in self.items), Decimal(0))

"""Bluepark orders as the simulator stores them (statuses: ``statuses.py``)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from typing import Any


@dataclass
class Item:
    """One product line: unit price includes VAT; weight in kilograms."""

    id: int
    product_id: int
    sku: str
    name: str
    quantity: int
    unit_price: Decimal
    vat_rate: Decimal
    weight: Decimal
    image_url: str
    options: list[dict[str, str]]
    stock_location: str


@dataclass
class Coupon:
    """A coupon the buyer used at checkout (amount off the order, VAT included)."""

    code: str
    amount: Decimal


@dataclass
class Order:
    """One order of a Bluepark shop."""

    id: int
    status: str
    date_created: datetime
    date_modified: datetime
    date_paid: datetime | None
    customer: dict[str, Any]
    billing_address: dict[str, Any]
    shipping_address: dict[str, Any] | None
    items: list[Item]
    delivery_method: str
    delivery_total: Decimal
    delivery_date: date | None
    payment_method: str
    coupons: list[Coupon] = field(default_factory=list)
    currency: str = "GBP"
    vat_rate: Decimal = Decimal("20.00")
    gift: bool = False
    gift_message: str = ""
    customer_comments: str = ""
    admin_comments: str = ""
    tracking_number: str | None = None
    courier: str | None = None
    date_dispatched: datetime | None = None

    def sub_total(self) -> Decimal:
        """Lines total, VAT included."""
        return sum((i.unit_price * i.quantity for i in self.items), Decimal("0.00"))

    def discount_total(self) -> Decimal:
        """What the coupons took off."""
        return sum((c.amount for c in self.coupons), Decimal("0.00"))

    def grand_total(self) -> Decimal:
        """What the buyer paid: lines plus delivery less coupons (VAT included)."""
        return max(Decimal("0.00"), self.sub_total() + self.delivery_total - self.discount_total())

    def vat_total(self) -> Decimal:
        """The VAT inside the grand total."""
        rate = self.vat_rate / 100
        return (self.grand_total() * rate / (1 + rate)).quantize(Decimal("0.01"))

    def total_weight(self) -> Decimal:
        """Kilograms of product in the parcel."""
        return sum((i.weight * i.quantity for i in self.items), Decimal("0.000"))

"""The channel-neutral order draft the factory produces: addresses, lines, discounts."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import Decimal
from typing import TypedDict

_CENT = Decimal("0.01")
_ZERO = Decimal("0.00")


# --------------------------------------------------------------------------- public data types


@dataclass(frozen=True)
class Address:
    """A postal address with contact details, written in the locale's script."""

    name: str
    company: str
    street1: str
    street2: str
    city: str
    state: str
    postal_code: str
    country: str
    phone: str
    email: str
    first_name: str
    last_name: str


@dataclass(frozen=True)
class LineOption:
    """One product option of an order line, e.g. ``Colour: Midnight``."""

    name: str
    value: str


@dataclass(frozen=True)
class OrderLine:
    """One product line of an order; prices are per unit, tax included.

    ``brand`` is the manufacturer when the catalogue names one; ``vendor`` is the supplier a
    dropship merchant routes the line to ("" when the merchant ships it from its own stock).
    """

    sku: str
    name: str
    quantity: int
    unit_price: Decimal
    weight_grams: int
    category: str
    options: tuple[LineOption, ...]
    stock_location: str
    image_url: str
    brand: str = ""
    vendor: str = ""


@dataclass(frozen=True)
class Discount:
    """A coupon applied to the order, as a positive amount off the total."""

    code: str
    amount: Decimal


@dataclass(frozen=True)
class OrderDraft:
    """A channel-neutral order, ready to be rendered in a channel's wire format."""

    placed_at: datetime
    paid_at: datetime
    currency: str
    locale: str
    customer_email: str
    customer_phone: str
    bill_to: Address
    ship_to: Address | None
    lines: tuple[OrderLine, ...]
    shipping_service: str
    shipping_amount: Decimal
    tax_amount: Decimal
    payment_method: str
    discounts: tuple[Discount, ...]
    gift: bool
    gift_message: str
    customer_notes: str
    internal_notes: str

    def subtotal(self) -> Decimal:
        """Sum of ``unit_price * quantity`` over the lines, 2 dp."""
        return sum((ln.unit_price * ln.quantity for ln in self.lines), _ZERO).quantize(_CENT)

    def total(self) -> Decimal:
        """Amount paid: lines subtotal plus shipping minus discounts, 2 dp."""
        off = sum((d.amount for d in self.discounts), _ZERO)
        return (self.subtotal() + self.shipping_amount - off).quantize(_CENT)

    def weight_grams(self) -> int:
        """Total product weight of the order in grams."""
        return sum(ln.weight_grams * ln.quantity for ln in self.lines)


class DraftOptions(TypedDict, total=False):
    """Keyword options accepted by :meth:`OrderFactory.draft` (for :meth:`OrderFactory.drafts`)."""

    ship_to: bool
    lines: int | None
    category: str | None
    single_unit: bool
    max_age: timedelta

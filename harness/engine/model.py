"""The canonical order model: the fields the platform imports from any channel.

Adapters translate a channel's order into an :class:`Order`; the engine never sees a channel's
wire shape. A field the channel does not provide stays ``None`` (or empty), which is different
from a value the channel sent empty.
"""

from __future__ import annotations

from dataclasses import dataclass, fields, is_dataclass
from datetime import datetime
from decimal import Decimal
from functools import cache
from typing import Any

from harness.engine.status import PlatformStatus


@dataclass(frozen=True)
class Address:
    """A postal address with the contact details that travel with it."""

    name: str
    company: str | None = None
    street1: str | None = None
    street2: str | None = None
    city: str | None = None
    state: str | None = None
    postal_code: str | None = None
    country: str | None = None
    phone: str | None = None
    email: str | None = None


@dataclass(frozen=True)
class Discount:
    """A coupon or discount applied to the order."""

    code: str | None
    amount: Decimal


@dataclass(frozen=True)
class Item:
    """One line of the order as the platform shows it."""

    line_id: str
    sku: str
    name: str
    quantity: int
    unit_price: Decimal
    weight: Decimal | None = None
    image_url: str | None = None
    options: tuple[tuple[str, str], ...] = ()
    location: str | None = None


@dataclass(frozen=True)
class Order:
    """One order as imported from a channel."""

    channel: str
    #: The channel's own identifier, the key that keeps imports free of duplicates.
    key: str
    number: str
    order_date: datetime
    modified: datetime
    #: The channel's status text before mapping (e.g. Back Market's state code).
    channel_status: str
    items: tuple[Item, ...]
    ship_to: Address | None
    #: Set by the engine from the connection's status map (None: the map does not list it).
    status: PlatformStatus | None = None
    bill_to: Address | None = None
    paid_date: datetime | None = None
    customer_email: str | None = None
    customer_phone: str | None = None
    requested_service: str | None = None
    payment_method: str | None = None
    currency: str | None = None
    total: Decimal | None = None
    shipping_paid: Decimal | None = None
    discounts: tuple[Discount, ...] = ()
    gift: bool = False
    gift_message: str | None = None
    internal_notes: str | None = None
    customer_notes: str | None = None
    custom_fields: tuple[str | None, str | None, str | None] = (None, None, None)
    ship_by: datetime | None = None
    weight: Decimal | None = None


@dataclass(frozen=True)
class Shipment:
    """What the merchant did in the platform when shipping an order."""

    carrier: str
    tracking_number: str
    service: str | None = None
    carrier_fee: Decimal | None = None
    notes_to_buyer: str | None = None
    ship_date: datetime | None = None
    #: Line ids shipped; empty means the whole order.
    line_ids: tuple[str, ...] = ()


@dataclass
class Notification:
    """A shipment notification as the engine hands it to an adapter.

    Fields the channel's policy does not carry are ``None``; ``order`` is the order as the
    platform holds it at sending time (with the merchant's edits), so an adapter can read
    channel-specific extras such as identifiers in the internal notes.
    """

    order: Order
    status_update: bool
    tracking_number: str
    carrier: str | None
    service: str | None
    carrier_fee: Decimal | None
    notes_to_buyer: str | None
    items: tuple[Item, ...] | None
    ship_date: datetime | None


def to_plain(value: Any) -> Any:
    """A JSON-friendly view of model objects (dates ISO 8601, decimals as strings)."""
    kind: Any = type(value)
    if kind in _AS_IS:  # most leaves
        return value
    names = _field_names(kind)
    if names is not None:  # field by field, no deep copy
        return {name: to_plain(getattr(value, name)) for name in names}
    if isinstance(value, dict):
        return {str(k): to_plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [to_plain(v) for v in value]
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, PlatformStatus):
        return value.value
    return value


_AS_IS = frozenset({str, int, float, bool, type(None)})


@cache
def _field_names(kind: Any) -> tuple[str, ...] | None:
    """The fields of a dataclass type (None for any other type), as ``dataclasses.fields``
    lists them; worked out once per type."""
    return tuple(f.name for f in fields(kind)) if is_dataclass(kind) else None

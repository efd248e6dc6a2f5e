"""Back Market's order JSON read into the platform's canonical order.

Reads every variant the real API writes: dates with 6, 3 or no fractional digits, prices as
"229.0" or "299.25", address keys in snake_case (real responses) or camelCase (the spec's
Address schema).
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from decimal import Decimal
from types import MappingProxyType
from typing import Any

from harness.engine.model import Address, Item, Order

LINE_PAID, LINE_ACCEPTED, LINE_SHIPPED = 1, 2, 3
ORDER_SHIPPED = 9
#: Orderline states that left the workflow (cancelled, refunded before shipping, refused).
CLOSED_LINES = frozenset({4, 5, 7})
#: The channel status of an order whose every line left before shipping (see the status map).
CANCELLED = "cancelled"


def _instant(value: str | None, zone: Any) -> datetime | None:
    """An RFC 3339 date as Back Market writes them: 6, 3 or no fractional digits, ``Z`` or an
    offset; a date without one (``expected_dispatch_date``) is in ``zone``."""
    if not value:
        return None
    parsed = datetime.fromisoformat(value)
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=zone)


def _money(value: Any) -> Decimal | None:
    """A price string as Back Market writes it ("229.0", "299.25"), or None when absent."""
    return Decimal(str(value)) if value not in (None, "") else None


#: Address keys as real responses write them, and as the spec's component schema does.
_ADDRESS_KEYS = MappingProxyType(
    {
        "first_name": "firstName", "last_name": "lastName", "postal_code": "postalCode",
        "phone": "phoneNumber",
    }
)  # fmt: skip


def _key(raw: Mapping[str, Any], name: str) -> Any:
    """``raw[name]``, or its camelCase spelling in the spec's Address schema."""
    value = raw.get(name)
    return value if value else raw.get(_ADDRESS_KEYS.get(name, name))


def _address(raw: Mapping[str, Any] | None) -> Address | None:
    if not raw or not (raw.get("street") or raw.get("city")):
        return None
    name = " ".join(p for p in (_key(raw, "first_name"), _key(raw, "last_name")) if p)
    return Address(
        name=name,
        company=raw.get("company") or None,
        street1=raw.get("street") or None,
        street2=raw.get("street2") or None,
        city=raw.get("city") or None,
        state=raw.get("state") or None,
        postal_code=_key(raw, "postal_code") or None,
        country=raw.get("country") or None,
        phone=_key(raw, "phone") or None,
        email=raw.get("email") or None,
    )


def order_from(raw: Mapping[str, Any], zone: Any, channel: str = "backmarket") -> Order:
    """Back Market's order in the platform's model; ``zone`` reads the dates without one."""
    lines = raw.get("orderlines") or []
    dead = bool(lines) and all(line.get("state") in CLOSED_LINES for line in lines)
    channel_status = CANCELLED if dead else str(raw["state"])
    shipping, billing = raw.get("shipping_address"), raw.get("billing_address")
    contact = {**(billing or {}), **{k: v for k, v in (shipping or {}).items() if v}}
    phone = _key(contact, "phone")
    created = _instant(raw["date_creation"], zone)
    assert created is not None
    # the lines to ship: a line cancelled or refunded before shipping is no item (an
    # order with no other line keeps them all, to show what it was)
    kept = [line for line in lines if line.get("state") not in CLOSED_LINES] or lines
    items = tuple(
        Item(
            line_id=str(line["id"]),
            sku=str(line.get("listing") or ""),
            name=str(line.get("product") or ""),
            quantity=int(line["quantity"]),
            unit_price=_money(line.get("price")) or Decimal(0),
        )
        for line in kept
    )
    return Order(
        channel=channel,
        key=str(raw["order_id"]),
        number=str(raw["order_id"]),
        order_date=created,
        modified=_instant(raw.get("date_modification"), zone) or created,
        paid_date=_instant(raw.get("date_payment"), zone),
        channel_status=channel_status,
        items=items,
        ship_to=_address(shipping),
        bill_to=_address(billing),
        customer_email=contact.get("email") or None,
        customer_phone=phone or None,
        payment_method=raw.get("payment_method") or None,
        currency=raw.get("currency") or None,
        total=_money(raw.get("price")),
        shipping_paid=_money(raw.get("shipping_price")),
        ship_by=_instant(raw.get("expected_dispatch_date"), zone),
    )

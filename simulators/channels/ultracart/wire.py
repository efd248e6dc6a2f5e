"""How UltraCart writes values on the wire (legacy order XML conventions), and the control
plane's JSON view of an order.

- dates: ``01 JAN 2015 12:00:00``, zone-less, in the merchant's (server's) timezone;
- weights: ``1 LB`` or ``2.5 LB`` (no trailing zeros, as the legacy XML writes them);
- amounts: two decimals (``100.00``); flags ``Y``/``N``, gift ``yes``/``no``.
"""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Any

from simulators.channels.ultracart.orders import STAGES, Address, Item, Order

_MONTHS = ("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC")


def legacy_date(local: datetime) -> str:
    """``01 JAN 2015 12:00:00`` from a local (server-zone) datetime."""
    return (
        f"{local.day:02d} {_MONTHS[local.month - 1]} {local.year} "
        f"{local.hour:02d}:{local.minute:02d}:{local.second:02d}"
    )


def weight(pounds: Decimal) -> str:
    """``1 LB``, ``2.5 LB``."""
    text = format(pounds.normalize(), "f") if pounds else "0"
    return f"{text} LB"


_CENT = Decimal("0.01")


def cents(amount: Decimal) -> Decimal:
    """The amount with two decimals."""
    return amount.quantize(_CENT)


def money(amount: Decimal) -> str:
    """Two decimals."""
    return f"{cents(amount)}"


def _address(address: Address | None) -> dict[str, str] | None:
    return None if address is None else dict(address.__dict__)


def _item(item: Item) -> dict[str, Any]:
    return {
        "item_id": item.item_id,
        "item_index": item.item_index,
        "quantity": item.quantity,
        "description": item.description,
        "cost": money(item.cost),
        "discount": money(item.discount),
        "weight_lb": str(item.weight_lb),
        "distribution_center_code": item.distribution_center_code,
    }


def order_view(order: Order) -> dict[str, Any]:
    """The control plane's view of an order: everything, with the DC flags and shipments."""
    return {
        "order_id": order.order_id,
        "merchant_id": order.merchant_id,
        "current_stage": order.current_stage,
        "stage_name": STAGES[order.current_stage],
        "order_date": order.order_date.isoformat(),
        "bill_to": _address(order.bill_to),
        "ship_to": _address(order.ship_to),
        "email": order.email,
        "items": [_item(i) for i in order.items],
        "subtotal_discount": money(order.subtotal_discount),
        "coupon_code": order.coupon_code,
        "total": money(order.total()),
        "imported": sorted(order.imported),
        "shipments": {
            dc: {
                "tracking_numbers": list(s.tracking_numbers),
                "carrier": s.carrier,
                "shipping_cost": None if s.shipping_cost is None else money(s.shipping_cost),
                "fulfillment_fee": None if s.fulfillment_fee is None else money(s.fulfillment_fee),
                "package_cost": None if s.package_cost is None else money(s.package_cost),
                "at": s.at.isoformat(),
            }
            for dc, s in sorted(order.shipments.items())
        },
    }

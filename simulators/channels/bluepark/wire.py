"""Bluepark's JSON shapes for orders (our design: a UK shop's order, money as strings).

Instants are ISO 8601 with the shop's UTC offset (the simulator clock's timezone); the
delivery date the buyer chose at checkout is a calendar date, ``YYYY-MM-DD``.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from decimal import Decimal
from typing import Any

from simulators.channels.bluepark.orders import Item, Order

Local = Callable[[datetime], datetime]


def money(value: Decimal) -> str:
    """Pounds with two decimals, as a string."""
    return f"{value:.2f}"


def kilograms(value: Decimal) -> str:
    """A weight in kilograms with three decimals, as a string."""
    return f"{value:.3f}"


def instant(value: datetime | None, local: Local) -> str | None:
    """An instant in the shop's timezone, with its offset, to the second."""
    return None if value is None else local(value).replace(microsecond=0).isoformat()


def item_json(item: Item) -> dict[str, Any]:
    """One product line."""
    return {
        "id": item.id,
        "product_id": item.product_id,
        "sku": item.sku,
        "name": item.name,
        "quantity": item.quantity,
        "unit_price": money(item.unit_price),
        "line_total": money(item.unit_price * item.quantity),
        "vat_rate": money(item.vat_rate),
        "weight": kilograms(item.weight),
        "image_url": item.image_url or None,
        "options": [dict(option) for option in item.options],
        "stock_location": item.stock_location or None,
    }


def order_json(order: Order, local: Local) -> dict[str, Any]:
    """One order; ``local`` renders an instant in the shop's timezone."""
    return {
        "id": order.id,
        "status": order.status,
        "date_created": instant(order.date_created, local),
        "date_modified": instant(order.date_modified, local),
        "date_paid": instant(order.date_paid, local),
        "date_dispatched": instant(order.date_dispatched, local),
        "currency": order.currency,
        "prices_include_vat": True,
        "sub_total": money(order.sub_total()),
        "delivery_total": money(order.delivery_total),
        "discount_total": money(order.discount_total()),
        "vat_total": money(order.vat_total()),
        "grand_total": money(order.grand_total()),
        "coupons": [{"code": c.code, "amount": money(c.amount)} for c in order.coupons],
        "payment_method": order.payment_method,
        "delivery_method": order.delivery_method,
        "delivery_date": order.delivery_date.isoformat() if order.delivery_date else None,
        "total_weight": kilograms(order.total_weight()),
        "customer": dict(order.customer),
        "billing_address": dict(order.billing_address),
        "shipping_address": (
            dict(order.shipping_address) if order.shipping_address is not None else None
        ),
        "gift": order.gift,
        "gift_message": order.gift_message,
        "customer_comments": order.customer_comments,
        "admin_comments": order.admin_comments,
        "tracking_number": order.tracking_number,
        "courier": order.courier,
        "items": [item_json(item) for item in order.items],
    }

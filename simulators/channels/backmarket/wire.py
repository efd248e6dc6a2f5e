"""Back Market's JSON shapes for orders and orderlines (snake_case, prices as strings)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

from simulators.channels.backmarket.orders import Order, OrderLine


def timestamp(value: datetime | None) -> str | None:
    """RFC 3339 in UTC with microseconds, as Back Market writes most dates."""
    if value is None:
        return None
    return value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def money(value: Decimal) -> str:
    """A price as Back Market writes it: a string with two decimals."""
    return f"{value:.2f}"


def line_json(line: OrderLine) -> dict[str, Any]:
    """One orderline."""
    return {
        "id": line.id,
        "date_creation": timestamp(line.date_creation),
        "state": line.state,
        "price": money(line.price),
        "shipping_price": money(line.shipping_price),
        "shipping_delay": line.shipping_delay,
        "currency": line.currency,
        "return_reason": line.return_reason,
        "return_message": line.return_message,
        "listing": line.sku,
        "listing_id": line.listing_id,
        "orderline_fee": money(line.orderline_fee),
        "product": line.product,
        "quantity": line.quantity,
        "brand": line.brand,
        "product_id": line.product_id,
        "backcare": line.backcare,
        "backcare_price": line.backcare_price,
        "sales_taxes": money(line.sales_taxes),
        "imei": line.imei,
        "serial_number": line.serial_number,
        "condition": line.condition,
    }


def order_json(order: Order, local: Callable[[datetime], datetime]) -> dict[str, Any]:
    """One order; ``local`` renders an instant in the channel server's timezone, for the one
    date Back Market writes without an offset (``expected_dispatch_date``)."""
    return {
        "order_id": order.order_id,
        "shipping_address": order.shipping_address,
        "billing_address": order.billing_address,
        "delivery_note": order.delivery_note,
        "expected_dispatch_date": local(order.expected_dispatch_date).strftime("%Y-%m-%dT%H:%M:%S"),
        "tracking_number": order.tracking_number,
        "tracking_url": order.tracking_url,
        "shipper": order.shipper,
        "shipper_display": order.shipper,
        "is_backship": order.is_backship,
        "date_creation": timestamp(order.date_creation),
        "date_modification": timestamp(order.date_modification),
        "date_shipping": timestamp(order.date_shipping),
        "date_payment": timestamp(order.date_payment),
        "state": order.state,
        "orderlines": [line_json(line) for line in order.lines],
        "price": money(order.price),
        "shipping_price": money(order.shipping_price),
        "currency": order.currency,
        "country_code": order.country_code,
        "paypal_reference": order.paypal_reference,
        "installment_payment": order.installment_payment,
        "payment_method": order.payment_method,
        "sales_taxes": money(order.sales_taxes),
    }

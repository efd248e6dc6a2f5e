"""Back Market's JSON shapes for orders and orderlines (snake_case, prices as strings).

Dates and prices are written as ``formats.WireFormats`` draws them (6, 3 or 0 fractional
digits; "229.0" or "229.00"), per field and per order or orderline.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

from simulators.channels.backmarket.formats import WireFormats
from simulators.channels.backmarket.orders import Order, OrderLine


def line_json(line: OrderLine, formats: WireFormats) -> dict[str, Any]:
    """One orderline."""
    money = formats.money
    return {
        "id": line.id,
        "date_creation": formats.timestamp(line.id, "date_creation", line.date_creation),
        "state": line.state,
        "price": money(line.id, "price", line.price),
        "shipping_price": money(line.id, "shipping_price", line.shipping_price),
        "shipping_delay": line.shipping_delay,
        "currency": line.currency,
        "return_reason": line.return_reason,
        "return_message": line.return_message,
        "listing": line.sku,
        "listing_id": line.listing_id,
        "orderline_fee": money(line.id, "orderline_fee", line.orderline_fee),
        "product": line.product,
        "quantity": line.quantity,
        "brand": line.brand,
        "product_id": line.product_id,
        "backcare": line.backcare,
        "backcare_price": line.backcare_price if line.backcare else 0,
        "sales_taxes": money(line.id, "sales_taxes", line.sales_taxes),
        "imei": line.imei,
        "serial_number": line.serial_number,
        "condition": line.condition,
    }


def order_json(
    order: Order, local: Callable[[datetime], datetime], formats: WireFormats
) -> dict[str, Any]:
    """One order; ``local`` renders an instant in the channel server's timezone, for the one
    date Back Market writes without an offset (``expected_dispatch_date``)."""
    oid = order.order_id

    def when(field: str, value: datetime | None) -> str | None:
        return formats.timestamp(oid, field, value)

    return {
        "order_id": oid,
        "merchant_id": order.merchant_id,
        "shipping_address": order.shipping_address,
        "billing_address": order.billing_address,
        "delivery_note": order.delivery_note,
        "expected_dispatch_date": _zoneless(local(order.expected_dispatch_date)),
        "tracking_number": order.tracking_number,
        "tracking_url": order.tracking_url,
        "shipper": order.shipper,
        "shipper_display": order.shipper,
        "is_backship": order.is_backship,
        "date_creation": when("date_creation", order.date_creation),
        "date_modification": when("date_modification", order.date_modification),
        "date_shipping": when("date_shipping", order.date_shipping),
        "date_payment": when("date_payment", order.date_payment),
        "date_bill_provided": when("date_bill_provided", order.date_bill_provided),
        "state": order.state,
        "orderlines": [line_json(line, formats) for line in order.lines],
        "price": formats.money(oid, "price", order.price),
        "shipping_price": formats.money(oid, "shipping_price", order.shipping_price),
        "currency": order.currency,
        "country_code": order.country_code,
        "paypal_reference": order.paypal_reference,
        "psp_reference": order.psp_reference,
        "installment_payment": order.installment_payment,
        "payment_method": order.payment_method,
        "sales_taxes": formats.money(oid, "sales_taxes", order.sales_taxes),
    }


def _zoneless(local: datetime) -> str:
    """A local date and time without an offset, to the second."""
    return local.replace(tzinfo=None).isoformat(timespec="seconds")

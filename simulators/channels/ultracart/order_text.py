"""An order's ``<tns:order>`` element as one distribution center receives it, written as text
straight from the order.

Byte for byte what lxml writes for the same order built for Spyne's serialiser
(:func:`~simulators.channels.ultracart.service.dc_order` written by
:class:`~simulators.channels.ultracart.direct_xml.DirectXml`: the ``Order`` type's members in
declaration order, an optional member left out when it has no value, ``&``, ``<``, ``>`` and
carriage returns escaped). A walk of a new queue writes every order once, and building the
order for Spyne and then writing it took about twice as long. An order with a value XML
cannot carry is not written here (None): lxml writes it, and refuses it as it always did. A
property test holds this writer to lxml's on generated orders.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from decimal import Decimal
from types import MappingProxyType

from simulators.channels.ultracart.orders import Address, Item, Order
from simulators.channels.ultracart.wire import legacy_date, weight
from simulators.core.xml_chars import SPECIAL, UNWRITABLE, escaped_text

#: The element written, and the namespace prefix Spyne's replies declare for its namespace.
PREFIX, ELEMENT = "tns", "order"
_CENT = Decimal("0.01")
_ADDRESS = ("company", "first_name", "last_name", "address1", "address2", "city", "state",
            "zip", "country")  # fmt: skip
#: Per side of the order, each address field with its start and end tags.
_ADDRESS_TAGS = MappingProxyType(
    {
        side: tuple(
            (key, f"<{PREFIX}:{side}_{key}>", f"</{PREFIX}:{side}_{key}>") for key in _ADDRESS
        )
        for side in ("bill_to", "ship_to")
    }
)


def _money(amount: Decimal) -> str:
    return format(amount.quantize(_CENT), "f")


class _Unwritable(ValueError):
    """A value XML cannot carry."""


def _escaped(value: str) -> str:
    if UNWRITABLE.search(value) is not None:
        raise _Unwritable
    return escaped_text(value)


def order_text(order: Order, dc: str, to_local: Callable[[datetime], datetime]) -> bytes | None:
    """``<tns:order>`` as ``dc`` receives the order (only its items; dates in the server's
    timezone, through ``to_local``), UTF-8; None when a value holds characters XML cannot
    carry."""
    out = [f"<{PREFIX}:{ELEMENT}>"]
    try:
        _order(order, dc, to_local, out.append)
    except _Unwritable:
        return None
    out.append(f"</{PREFIX}:{ELEMENT}>")
    return "".join(out).encode("utf-8")


def _order(
    order: Order, dc: str, to_local: Callable[[datetime], datetime], add: Callable[[str], None]
) -> None:
    """The order's members, in the order the ``Order`` type declares them. (Local functions
    rather than methods: this runs for every member of every order a walk reads.)"""
    search = SPECIAL.search

    def text(tag: str, value: str) -> None:
        if search(value) is not None:
            value = _escaped(value)
        add(f"<{PREFIX}:{tag}>{value}</{PREFIX}:{tag}>")

    def optional(tag: str, value: str | None) -> None:
        if value is not None:
            text(tag, value)

    def address(side: str, address: Address | None) -> None:
        for key, start, end in _ADDRESS_TAGS[side]:
            value = (getattr(address, key) if address else "") or ""
            if search(value) is not None:
                value = _escaped(value)
            add(start + value + end)

    def item(item: Item) -> None:
        add(f"<{PREFIX}:item>")
        text("item_id", item.item_id)
        add(f"<{PREFIX}:item_index>{item.item_index}</{PREFIX}:item_index>")
        add(f"<{PREFIX}:quantity>{item.quantity}</{PREFIX}:quantity>")
        text("description", item.description)
        add(f"<{PREFIX}:cost>{_money(item.cost)}</{PREFIX}:cost>")
        add(f"<{PREFIX}:discount>{_money(item.discount)}</{PREFIX}:discount>")
        text("item_weight", weight(item.weight_lb))
        text("distribution_center_code", item.distribution_center_code)
        text("barcode", item.barcode)
        text("manufacturer_sku", item.manufacturer_sku)
        for name, value in item.options:
            add(f"<{PREFIX}:option>")
            text("name", name)
            text("value", value)
            add(f"</{PREFIX}:option>")
        add(f"</{PREFIX}:item>")

    items = order.items_of(dc)
    paid = order.payment_date
    text("merchant_id", order.merchant_id)
    text("order_id", order.order_id)
    text("order_date", legacy_date(to_local(order.order_date)))
    text("current_stage", order.current_stage)
    text("payment_status", "Processed")
    optional("payment_date_time", legacy_date(to_local(paid)) if paid else None)
    address("bill_to", order.bill_to)
    address("ship_to", order.ship_to)
    text("shipping_method", order.shipping_method)
    text("gift", "yes" if order.gift else "no")
    optional("gift_message", order.gift_message or None)
    text("email", order.email)
    text("day_phone", order.day_phone)
    text("evening_phone", order.evening_phone)
    text("payment_method", order.payment_method)
    for one in items:
        item(one)
    text("weight", weight(sum((i.weight_lb * i.quantity for i in items), Decimal(0))))
    add(f"<{PREFIX}:subtotal>{_money(order.subtotal())}</{PREFIX}:subtotal>")
    add(
        f"<{PREFIX}:subtotal_discount>{_money(order.subtotal_discount)}</{PREFIX}:subtotal_discount>"
    )
    optional("coupon_code", order.coupon_code or None)
    add(f"<{PREFIX}:tax>{_money(order.tax)}</{PREFIX}:tax>")
    add(
        f"<{PREFIX}:shipping_handling_total>{_money(order.shipping_handling_total)}"
        f"</{PREFIX}:shipping_handling_total>"
    )
    add(f"<{PREFIX}:total>{_money(order.total())}</{PREFIX}:total>")
    text("currency_code", order.currency_code)
    text("special_instructions", order.special_instructions)
    text("merchant_notes", order.merchant_notes)

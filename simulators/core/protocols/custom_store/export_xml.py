"""The export document: ``<Orders pages="N">`` with one ``<Order>`` per order (export.xsd).

Free text goes in CDATA. How a store writes what the guide leaves open varies between real
stores, so it varies here too, drawn once per store from the seed (:class:`ExportStyle`):
24-hour or 12-hour times, empty elements for unset values or none at all.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, tzinfo
from decimal import Decimal
from types import MappingProxyType

from lxml import etree

from simulators.core.protocols.custom_store.orders import StoreLine, StoreOrder

_CENT = Decimal("0.01")
_ADDRESS = (
    ("Name", "name"), ("Company", "company"), ("Address1", "street1"),
    ("Address2", "street2"), ("City", "city"), ("State", "state"),
    ("PostalCode", "postal_code"), ("Country", "country"), ("Phone", "phone"),
)  # fmt: skip
#: Elements export.xsd requires in each address.
_REQUIRED = MappingProxyType(
    {
        "BillTo": frozenset({"Name"}),
        "ShipTo": frozenset({"Name", "Address1", "City", "PostalCode", "Country"}),
    }
)


@dataclass(frozen=True)
class ExportStyle:
    """How this store writes what the guide leaves open."""

    twelve_hour: bool
    empty_elements: bool

    @classmethod
    def draw(cls, seed: int) -> ExportStyle:
        """The style of the store built from ``seed``."""
        rng = random.Random(f"custom-store-style:{seed}")
        return cls(twelve_hour=rng.random() < 0.3, empty_elements=rng.random() < 0.6)

    def date(self, instant: datetime, zone: tzinfo) -> str:
        """``03/10/2026 21:09`` or ``03/10/2026 09:09 PM``."""
        local = instant.astimezone(zone)
        return local.strftime("%m/%d/%Y %I:%M %p" if self.twelve_hour else "%m/%d/%Y %H:%M")


@dataclass(frozen=True)
class ExportedOrder:
    """An order as one vendor sees it: its lines, and totals consistent with them."""

    order: StoreOrder
    lines: tuple[StoreLine, ...]
    shipping: Decimal
    tax: Decimal

    @property
    def total(self) -> Decimal:
        """Lines (adjustments included) plus shipping and tax."""
        lines = sum((ln.unit_price * ln.quantity for ln in self.lines), Decimal(0))
        return (lines + self.shipping + self.tax).quantize(_CENT)


def _text(parent: etree._Element, tag: str, value: str, style: ExportStyle, cdata: bool) -> None:
    if not value and not style.empty_elements:
        return
    element = etree.SubElement(parent, tag)
    if value:
        element.text = etree.CDATA(value) if cdata else value


def _money(value: Decimal) -> str:
    return str(value.quantize(_CENT))


def _address(parent: etree._Element, tag: str, fields: dict[str, str], style: ExportStyle) -> None:
    node = etree.SubElement(parent, tag)
    required = _REQUIRED[tag]
    for name, key in _ADDRESS:
        if name in required:
            etree.SubElement(node, name).text = etree.CDATA(fields.get(key, ""))
        else:
            _text(node, name, fields.get(key, ""), style, cdata=True)
    if tag == "BillTo":
        _text(node, "Email", fields.get("email", ""), style, cdata=True)


def _line(items: etree._Element, line: StoreLine, style: ExportStyle) -> None:
    item = etree.SubElement(items, "Item")
    etree.SubElement(item, "LineItemID").text = etree.CDATA(line.line_id)
    sku = etree.SubElement(item, "SKU")
    if line.sku:
        sku.text = etree.CDATA(line.sku)
    etree.SubElement(item, "Name").text = etree.CDATA(line.name)
    _text(item, "ImageUrl", line.image_url, style, cdata=True)
    if line.weight_oz is not None:
        etree.SubElement(item, "Weight").text = str(line.weight_oz)
        etree.SubElement(item, "WeightUnits").text = "Ounces"
    etree.SubElement(item, "Quantity").text = str(line.quantity)
    etree.SubElement(item, "UnitPrice").text = _money(line.unit_price)
    _text(item, "UPC", line.upc, style, cdata=True)
    _text(item, "Location", line.location, style, cdata=True)
    if line.adjustment:
        etree.SubElement(item, "Adjustment").text = "true"
    if line.options:
        options = etree.SubElement(item, "Options")
        for name, value in line.options:
            option = etree.SubElement(options, "Option")
            etree.SubElement(option, "Name").text = etree.CDATA(name)
            etree.SubElement(option, "Value").text = etree.CDATA(value)


def order_fragment(view: ExportedOrder, zone: tzinfo, style: ExportStyle) -> bytes:
    """One ``<Order>`` element as UTF-8 bytes (a page is these, between its root tags)."""
    order = view.order
    node = etree.Element("Order")
    etree.SubElement(node, "OrderID").text = etree.CDATA(order.order_id)
    etree.SubElement(node, "OrderNumber").text = etree.CDATA(order.number)
    etree.SubElement(node, "OrderDate").text = style.date(order.order_date, zone)
    etree.SubElement(node, "OrderStatus").text = etree.CDATA(order.status)
    etree.SubElement(node, "LastModified").text = style.date(order.modified, zone)
    _text(node, "ShippingMethod", order.shipping_method, style, cdata=True)
    _text(node, "PaymentMethod", order.payment_method, style, cdata=True)
    etree.SubElement(node, "CurrencyCode").text = order.currency
    etree.SubElement(node, "OrderTotal").text = _money(view.total)
    etree.SubElement(node, "TaxAmount").text = _money(view.tax)
    etree.SubElement(node, "ShippingAmount").text = _money(view.shipping)
    _text(node, "CustomerNotes", order.customer_notes, style, cdata=True)
    _text(node, "InternalNotes", order.internal_notes, style, cdata=True)
    etree.SubElement(node, "Gift").text = "true" if order.gift else "false"
    _text(node, "GiftMessage", order.gift_message, style, cdata=True)
    for index, value in enumerate(order.custom_fields, start=1):
        _text(node, f"CustomField{index}", value, style, cdata=True)
    _text(node, "RequestedWarehouse", order.requested_warehouse, style, cdata=True)
    _text(node, "Source", order.source, style, cdata=True)
    if order.dimensions is not None:
        dims = etree.SubElement(node, "Dimensions")
        for tag, size in zip(("Length", "Width", "Height"), order.dimensions[:3], strict=True):
            etree.SubElement(dims, tag).text = str(size)
        etree.SubElement(dims, "DimensionUnits").text = order.dimensions[3]
    customer = etree.SubElement(node, "Customer")
    etree.SubElement(customer, "CustomerCode").text = etree.CDATA(order.customer_code)
    _address(customer, "BillTo", order.bill_to, style)
    _address(customer, "ShipTo", order.ship_to, style)
    items = etree.SubElement(node, "Items")
    for line in view.lines:
        _line(items, line, style)
    return etree.tostring(node, encoding="utf-8", pretty_print=True)


def export_document(fragments: Sequence[bytes], pages: int) -> bytes:
    """One page of the export, UTF-8 with its declaration, from :func:`order_fragment` s."""
    head = f'<?xml version="1.0" encoding="utf-8"?>\n<Orders pages="{pages}">\n'.encode()
    if not fragments:
        return head[:-2] + b"/>\n"
    return b"".join([head, *fragments, b"</Orders>\n"])  # one copy of the page, not three

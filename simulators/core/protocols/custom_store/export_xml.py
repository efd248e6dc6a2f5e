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

from simulators.core.protocols.custom_store.orders import StoreLine, StoreOrder
from simulators.core.xml_chars import UNWRITABLE, escaped_text

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


def _cdata(value: str) -> str:
    """``value`` as CDATA, split where it holds ``]]>`` (as libxml2 splits it)."""
    return "<![CDATA[" + value.replace("]]>", "]]]]><![CDATA[>") + "]]>"


def _money(value: Decimal) -> str:
    return str(value.quantize(_CENT))


class _Lines:
    """The lines of one ``<Order>``, indented two spaces a level as lxml's ``pretty_print``."""

    __slots__ = ("add", "style")

    def __init__(self, out: list[str], style: ExportStyle) -> None:
        self.add, self.style = out.append, style

    def cdata(self, pad: str, tag: str, value: str) -> None:
        """``<tag>`` holding ``value`` in CDATA, even when it is empty."""
        self.add(f"{pad}<{tag}>{_cdata(value)}</{tag}>\n")

    def text(self, pad: str, tag: str, value: str) -> None:
        """``<tag>`` holding ``value`` as escaped text."""
        self.add(f"{pad}<{tag}>{escaped_text(value)}</{tag}>\n")

    def free(self, pad: str, tag: str, value: str) -> None:
        """Free text a store may leave out: CDATA when set; when unset ``<tag/>`` or nothing,
        as the store's style says."""
        if value:
            self.add(f"{pad}<{tag}>{_cdata(value)}</{tag}>\n")
        elif self.style.empty_elements:
            self.add(f"{pad}<{tag}/>\n")

    def address(self, tag: str, fields: dict[str, str]) -> None:
        """``<BillTo>`` or ``<ShipTo>`` inside ``<Customer>``; export.xsd's required elements
        are always written."""
        required = _REQUIRED[tag]
        self.add(f"    <{tag}>\n")
        for name, key in _ADDRESS:
            (self.cdata if name in required else self.free)("      ", name, fields.get(key, ""))
        if tag == "BillTo":
            self.free("      ", "Email", fields.get("email", ""))
        self.add(f"    </{tag}>\n")

    def line(self, line: StoreLine) -> None:
        """One ``<Item>`` inside ``<Items>``."""
        pad = "      "
        self.add("    <Item>\n")
        self.cdata(pad, "LineItemID", line.line_id)
        if line.sku:
            self.cdata(pad, "SKU", line.sku)
        else:
            self.add(f"{pad}<SKU/>\n")
        self.cdata(pad, "Name", line.name)
        self.free(pad, "ImageUrl", line.image_url)
        if line.weight_oz is not None:
            self.text(pad, "Weight", str(line.weight_oz))
            self.add(f"{pad}<WeightUnits>Ounces</WeightUnits>\n")
        self.text(pad, "Quantity", str(line.quantity))
        self.text(pad, "UnitPrice", _money(line.unit_price))
        self.free(pad, "UPC", line.upc)
        self.free(pad, "Location", line.location)
        if line.adjustment:
            self.add(f"{pad}<Adjustment>true</Adjustment>\n")
        if line.options:
            self.add(f"{pad}<Options>\n")
            for name, value in line.options:
                self.add(f"{pad}  <Option>\n")
                self.cdata(f"{pad}    ", "Name", name)
                self.cdata(f"{pad}    ", "Value", value)
                self.add(f"{pad}  </Option>\n")
            self.add(f"{pad}</Options>\n")
        self.add("    </Item>\n")


def order_fragment(view: ExportedOrder, zone: tzinfo, style: ExportStyle) -> bytes:
    """One ``<Order>`` element as UTF-8 bytes (a page is these, between its root tags),
    byte for byte as lxml's ``tostring(pretty_print=True)`` writes the same tree.

    Written as text rather than through an lxml tree: an order's form is built once per
    change, but a walk of a new store builds every order's, and the tree took two to three
    times as long. Text XML cannot carry (control characters) is refused before any order is stored
    (:mod:`simulators.core.xml_chars`); should some reach here, it is refused as lxml would
    have, with a ValueError.
    """
    order = view.order
    out = ["<Order>\n"]
    lines = _Lines(out, style)
    pad = "  "
    lines.cdata(pad, "OrderID", order.order_id)
    lines.cdata(pad, "OrderNumber", order.number)
    lines.text(pad, "OrderDate", style.date(order.order_date, zone))
    lines.cdata(pad, "OrderStatus", order.status)
    lines.text(pad, "LastModified", style.date(order.modified, zone))
    lines.free(pad, "ShippingMethod", order.shipping_method)
    lines.free(pad, "PaymentMethod", order.payment_method)
    lines.text(pad, "CurrencyCode", order.currency)
    lines.text(pad, "OrderTotal", _money(view.total))
    lines.text(pad, "TaxAmount", _money(view.tax))
    lines.text(pad, "ShippingAmount", _money(view.shipping))
    lines.free(pad, "CustomerNotes", order.customer_notes)
    lines.free(pad, "InternalNotes", order.internal_notes)
    lines.text(pad, "Gift", "true" if order.gift else "false")
    lines.free(pad, "GiftMessage", order.gift_message)
    for index, value in enumerate(order.custom_fields, start=1):
        lines.free(pad, f"CustomField{index}", value)
    lines.free(pad, "RequestedWarehouse", order.requested_warehouse)
    lines.free(pad, "Source", order.source)
    if order.dimensions is not None:
        out.append("  <Dimensions>\n")
        for tag, size in zip(("Length", "Width", "Height"), order.dimensions[:3], strict=True):
            lines.text("    ", tag, str(size))
        lines.text("    ", "DimensionUnits", order.dimensions[3])
        out.append("  </Dimensions>\n")
    out.append("  <Customer>\n")
    lines.cdata("    ", "CustomerCode", order.customer_code)
    lines.address("BillTo", order.bill_to)
    lines.address("ShipTo", order.ship_to)
    out.append("  </Customer>\n")
    if view.lines:
        out.append("  <Items>\n")
        for line in view.lines:
            lines.line(line)
        out.append("  </Items>\n")
    else:
        out.append("  <Items/>\n")
    out.append("</Order>\n")
    written = "".join(out)
    refused = UNWRITABLE.search(written)
    if refused is not None:
        raise ValueError(f"All strings must be XML compatible: {refused.group()!r}")
    return written.encode("utf-8")


def export_document(fragments: Sequence[bytes], pages: int) -> bytes:
    """One page of the export, UTF-8 with its declaration, from :func:`order_fragment` s."""
    head = f'<?xml version="1.0" encoding="utf-8"?>\n<Orders pages="{pages}">\n'.encode()
    if not fragments:
        return head[:-2] + b"/>\n"
    return b"".join([head, *fragments, b"</Orders>\n"])  # one copy of the page, not three

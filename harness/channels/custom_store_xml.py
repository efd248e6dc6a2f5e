"""Reading and writing the Custom Store XML on the platform side (no simulator code).

The export is read as real stores write it, not only as the guide says: times with or
without seconds, 12-hour with ``AM``/``PM`` (and ``21:56 PM`` as in ShipStation's own
example), ISO ``2026-03-10 21:09:00`` as ShipStation's Magento plugin writes; extra elements
ignored; empty optional elements read as absent. The parser resolves no entity, loads no DTD
and reaches no network.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from datetime import datetime, tzinfo
from decimal import Decimal, InvalidOperation
from typing import Any

from lxml import etree

from harness.engine.model import Address, Discount, Item, Order

_US_DATE = re.compile(
    r"^\s*(\d{1,2})/(\d{1,2})/(\d{4})\s+(\d{1,2}):(\d{2})(?::(\d{2}))?\.?\s*([AaPp][Mm])?\s*$"
)
_ISO_DATE = re.compile(r"^\s*(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2})(?::(\d{2}))?\s*$")
#: Ounces per unit, for the weight units export.xsd allows.
_OUNCES = (("oz", Decimal(1)), ("ounce", Decimal(1)), ("lb", Decimal(16)),
           ("pound", Decimal(16)), ("g", Decimal("0.035274")))  # fmt: skip


class ExportUnreadable(ValueError):
    """An export body the platform cannot read; the message is what the merchant sees."""


def parser() -> etree.XMLParser:
    """A parser that resolves nothing and fetches nothing."""
    return etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)


def parse_document(body: bytes, root: str) -> etree._Element:
    """The document's root element, which must be ``root``; ExportUnreadable otherwise,
    worded as ShipStation words it (``Invalid XML. Error: 'Root element is missing.'``)."""
    received = body[:60].decode("utf-8", errors="replace")
    if not body.strip():
        raise ExportUnreadable(
            f"Invalid XML. Error: 'Root element is missing.' We received: '{received}'"
        )
    try:
        tree = etree.fromstring(body, parser()).getroottree()
    except etree.XMLSyntaxError as exc:
        raise ExportUnreadable(
            f"Invalid XML. Error: '{exc.msg}' We received: '{received}'"
        ) from None
    info: Any = tree.docinfo
    if info.doctype:
        raise ExportUnreadable("Invalid XML. Error: 'DTDs are not accepted'")
    if tree.getroot().tag != root:
        raise ExportUnreadable(f"Invalid XML. Error: expected <{root}>, got <{tree.getroot().tag}>")
    return tree.getroot()


def read_date(text: str | None, zone: tzinfo) -> datetime | None:
    """A store date in ``zone``; None when empty or unreadable."""
    if not text:
        return None
    found = _US_DATE.match(text)
    if found is not None:
        month, day, year, hour, minute, second = (int(g or 0) for g in found.groups()[:6])
        meridiem = (found.group(7) or "").upper()
        if meridiem and 1 <= hour <= 12:
            hour = hour % 12 + (12 if meridiem == "PM" else 0)
    else:
        iso = _ISO_DATE.match(text)
        if iso is None:
            return None
        year, month, day, hour, minute, second = (int(g or 0) for g in iso.groups())
    try:
        return datetime(year, month, day, hour, minute, second, tzinfo=zone)
    except ValueError:
        return None


def text(node: etree._Element | None, path: str) -> str | None:
    """The stripped text at ``path``; None when missing or empty."""
    if node is None:
        return None
    found = node.find(path)
    value = (found.text or "").strip() if found is not None else ""
    return value or None


def _decimal(node: etree._Element, path: str) -> Decimal | None:
    value = text(node, path)
    try:
        return Decimal(value) if value else None
    except InvalidOperation:
        return None


def _ounces(item: etree._Element) -> Decimal | None:
    weight = _decimal(item, "Weight")
    if weight is None:
        return None
    units = (text(item, "WeightUnits") or "ounces").lower()
    factor = next((f for prefix, f in _OUNCES if units.startswith(prefix)), Decimal(1))
    return (weight * factor).quantize(Decimal("0.01"))


def _address(node: etree._Element | None) -> Address | None:
    if node is None or not (text(node, "Address1") or text(node, "City")):
        return None
    return Address(
        name=text(node, "Name") or "",
        company=text(node, "Company"),
        street1=text(node, "Address1"),
        street2=text(node, "Address2"),
        city=text(node, "City"),
        state=text(node, "State"),
        postal_code=text(node, "PostalCode"),
        country=text(node, "Country"),
        phone=text(node, "Phone"),
        email=text(node, "Email"),
    )


def _item(node: etree._Element) -> Item:
    return Item(
        line_id=text(node, "LineItemID") or text(node, "SKU") or "",
        sku=text(node, "SKU") or "",
        name=text(node, "Name") or "",
        quantity=int(text(node, "Quantity") or "0"),
        unit_price=_decimal(node, "UnitPrice") or Decimal(0),
        weight=_ounces(node),
        image_url=text(node, "ImageUrl"),
        options=tuple(
            (text(o, "Name") or "", text(o, "Value") or "") for o in node.iterfind("Options/Option")
        ),
        location=text(node, "Location"),
    )


def read_order(node: etree._Element, channel: str, zone: tzinfo) -> Order:
    """One ``<Order>`` in the platform's model (ValueError when a required field is unusable).

    Adjustment lines (coupons, negative prices) become discounts; the order weight is the sum
    of the items' (Custom Store has no order weight element); weights are in ounces.
    """
    number = text(node, "OrderNumber")
    placed = read_date(text(node, "OrderDate"), zone)
    if not number or placed is None:
        raise ValueError(f"order {number or '?'}: OrderNumber and a readable OrderDate required")
    lines = list(node.iterfind("Items/Item"))
    adjustment = [(text(n, "Adjustment") or "").lower() == "true" for n in lines]
    items = tuple(_item(n) for n, adj in zip(lines, adjustment, strict=True) if not adj)
    discounts = tuple(
        Discount(
            text(n, "Name"),
            -(_decimal(n, "UnitPrice") or Decimal(0)) * int(text(n, "Quantity") or "1"),
        )
        for n, adj in zip(lines, adjustment, strict=True)
        if adj
    )
    weights = [i.weight * i.quantity for i in items if i.weight is not None]
    customer = node.find("Customer")
    bill_node = customer.find("BillTo") if customer is not None else None
    ship_node = customer.find("ShipTo") if customer is not None else None
    code = text(customer, "CustomerCode")
    email = text(bill_node, "Email") or (code if code and "@" in code else None)
    custom = (text(node, "CustomField1"), text(node, "CustomField2"), text(node, "CustomField3"))
    return Order(
        channel=channel,
        key=text(node, "OrderID") or number,
        number=number,
        order_date=placed,
        modified=read_date(text(node, "LastModified"), zone) or placed,
        channel_status=text(node, "OrderStatus") or "",
        items=items,
        ship_to=_address(ship_node),
        bill_to=_address(bill_node)
        or (Address(name=text(bill_node, "Name") or "") if bill_node is not None else None),
        customer_email=email,
        customer_phone=text(bill_node, "Phone") or text(ship_node, "Phone"),
        requested_service=text(node, "ShippingMethod"),
        payment_method=text(node, "PaymentMethod"),
        currency=text(node, "CurrencyCode"),
        total=_decimal(node, "OrderTotal"),
        shipping_paid=_decimal(node, "ShippingAmount"),
        discounts=discounts,
        gift=(text(node, "Gift") or "").lower() == "true",
        gift_message=text(node, "GiftMessage"),
        internal_notes=text(node, "InternalNotes"),
        customer_notes=text(node, "CustomerNotes"),
        custom_fields=custom,
        weight=sum(weights, Decimal(0)) if weights else None,
    )


def ship_notice(fields: Mapping[str, Any], items: Sequence[Mapping[str, str]] | None) -> bytes:
    """A ``<ShipNotice>`` with the given elements (None: left out) and items."""
    root = etree.Element("ShipNotice")
    for tag, value in fields.items():
        if isinstance(value, Mapping):
            parent = etree.SubElement(root, tag)
            for sub, sub_value in value.items():
                etree.SubElement(parent, sub).text = sub_value or ""
        elif value is not None:
            etree.SubElement(root, tag).text = str(value)
    if items is not None:
        listing = etree.SubElement(root, "Items")
        for item in items:
            node = etree.SubElement(listing, "Item")
            for tag, value in item.items():
                etree.SubElement(node, tag).text = value
    return etree.tostring(root, xml_declaration=True, encoding="utf-8")

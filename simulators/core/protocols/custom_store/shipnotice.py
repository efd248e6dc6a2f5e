"""Reading a ``<ShipNotice>`` body safely and checking it against shipnotice.xsd.

The parser resolves no entity, loads no DTD, reaches no network and refuses huge trees; a
body that declares a DOCTYPE at all (the door to external entities and entity expansion) is
refused before anything is read from it.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import cache
from pathlib import Path
from typing import Any

from lxml import etree

from simulators.core.errors import ChannelError
from simulators.core.protocols.custom_store import errors


def safe_parser() -> etree.XMLParser:
    """An lxml parser that resolves nothing and fetches nothing."""
    return etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        huge_tree=False,
        remove_comments=True,
    )


@cache
def _schema(path: Path) -> etree.XMLSchema:
    return etree.XMLSchema(etree.parse(str(path), safe_parser()))


def parse_xml(body: bytes, schema: Path) -> etree._Element:
    """The document's root, valid against ``schema``; a 400 naming the problem otherwise."""
    if not body.strip():
        raise errors.bad_request("body", "empty; send a <ShipNotice> document")
    try:
        tree = etree.fromstring(body, safe_parser()).getroottree()
    except etree.XMLSyntaxError as exc:
        raise errors.bad_request("body", f"not well-formed XML ({exc.msg})") from None
    info: Any = tree.docinfo
    if info.doctype or info.internalDTD is not None:
        raise errors.bad_request("body", "a DOCTYPE is not accepted (no DTDs or entities)")
    validator = _schema(schema)
    if not validator.validate(tree):
        log: Any = validator.error_log
        first = log[0]
        raise errors.bad_request("body", f"line {first.line}: {first.message}")
    return tree.getroot()


@dataclass(frozen=True)
class ShipNotice:
    """What a notice says, with the query string's fields."""

    order_number: str
    carrier: str
    service: str
    tracking_number: str
    shipping_cost: Decimal | None
    notes_to_customer: str
    ship_date: str
    notify_customer: str
    #: (LineItemID or SKU, quantity) per listed item.
    items: tuple[tuple[str, int], ...]


def _text(root: etree._Element, path: str) -> str:
    found = root.find(path)
    return (found.text or "").strip() if found is not None else ""


def read_notice(root: etree._Element, query: dict[str, str]) -> ShipNotice:
    """The notice, the query string winning for carrier, service and tracking number."""
    cost_text = _text(root, "ShippingCost")
    try:
        cost = Decimal(cost_text) if cost_text else None
    except InvalidOperation:
        raise errors.bad_request("ShippingCost", f"{cost_text!r} is not a number") from None
    items = []
    for item in root.iterfind("Items/Item"):
        ref = _text(item, "LineItemID") or _text(item, "SKU")
        quantity = _text(item, "Quantity")
        if not ref:
            raise errors.bad_request("Items/Item", "an item needs a LineItemID or a SKU")
        items.append((ref, int(quantity) if quantity else 0))
    body_number = _text(root, "OrderNumber")
    number = query.get("order_number", "")
    if body_number and body_number != number:
        raise ChannelError(
            400,
            "bad-request",
            f"order_number {number!r} and the notice's OrderNumber {body_number!r} differ",
        )
    return ShipNotice(
        order_number=number,
        carrier=query.get("carrier") or _text(root, "Carrier"),
        service=query.get("service") or _text(root, "Service"),
        tracking_number=query.get("tracking_number") or _text(root, "TrackingNumber"),
        shipping_cost=cost,
        notes_to_customer=_text(root, "NotesToCustomer"),
        ship_date=_text(root, "ShipDate"),
        notify_customer=_text(root, "NotifyCustomer"),
        items=tuple(items),
    )

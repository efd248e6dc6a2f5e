"""The export's ``<Order>`` text is what lxml writes for the same tree, byte for byte.

The simulator writes each order as text (an lxml tree took two to three times as long, and
a walk of a new store builds every order's form). The tree writer it replaced is kept here as the
reference: for any order, either style and any zone, both must give the same bytes, with
free text full of markup, ``]]>``, carriage returns and non-ASCII.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone, tzinfo
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree

from simulators.core.protocols.custom_store.export_xml import (
    ExportedOrder,
    ExportStyle,
    order_fragment,
)
from simulators.core.protocols.custom_store.orders import StoreLine, StoreOrder

# -- the reference: the same order built as an lxml tree -------------------------------------
_ADDRESS = (
    ("Name", "name"), ("Company", "company"), ("Address1", "street1"),
    ("Address2", "street2"), ("City", "city"), ("State", "state"),
    ("PostalCode", "postal_code"), ("Country", "country"), ("Phone", "phone"),
)  # fmt: skip
_REQUIRED = {
    "BillTo": {"Name"},
    "ShipTo": {"Name", "Address1", "City", "PostalCode", "Country"},
}


def _sub(parent: etree._Element, tag: str, text: str | None = None, cdata: bool = False) -> None:
    element = etree.SubElement(parent, tag)
    if text is not None:
        element.text = etree.CDATA(text) if cdata else text


def _free(parent: etree._Element, tag: str, value: str, style: ExportStyle) -> None:
    if value or style.empty_elements:
        _sub(parent, tag, value or None, cdata=True)


def _money(value: Decimal) -> str:
    return str(value.quantize(Decimal("0.01")))


def reference(view: ExportedOrder, zone: tzinfo, style: ExportStyle) -> bytes:
    """The ``<Order>`` as the tree writer built and serialised it."""
    order = view.order
    node = etree.Element("Order")
    _sub(node, "OrderID", order.order_id, cdata=True)
    _sub(node, "OrderNumber", order.number, cdata=True)
    _sub(node, "OrderDate", style.date(order.order_date, zone))
    _sub(node, "OrderStatus", order.status, cdata=True)
    _sub(node, "LastModified", style.date(order.modified, zone))
    _free(node, "ShippingMethod", order.shipping_method, style)
    _free(node, "PaymentMethod", order.payment_method, style)
    _sub(node, "CurrencyCode", order.currency)
    _sub(node, "OrderTotal", _money(view.total))
    _sub(node, "TaxAmount", _money(view.tax))
    _sub(node, "ShippingAmount", _money(view.shipping))
    _free(node, "CustomerNotes", order.customer_notes, style)
    _free(node, "InternalNotes", order.internal_notes, style)
    _sub(node, "Gift", "true" if order.gift else "false")
    _free(node, "GiftMessage", order.gift_message, style)
    for index, value in enumerate(order.custom_fields, start=1):
        _free(node, f"CustomField{index}", value, style)
    _free(node, "RequestedWarehouse", order.requested_warehouse, style)
    _free(node, "Source", order.source, style)
    if order.dimensions is not None:
        dims = etree.SubElement(node, "Dimensions")
        for tag, size in zip(("Length", "Width", "Height"), order.dimensions[:3], strict=True):
            _sub(dims, tag, str(size))
        _sub(dims, "DimensionUnits", order.dimensions[3])
    customer = etree.SubElement(node, "Customer")
    _sub(customer, "CustomerCode", order.customer_code, cdata=True)
    for tag, fields in (("BillTo", order.bill_to), ("ShipTo", order.ship_to)):
        address = etree.SubElement(customer, tag)
        for name, key in _ADDRESS:
            if name in _REQUIRED[tag]:
                _sub(address, name, fields.get(key, ""), cdata=True)
            else:
                _free(address, name, fields.get(key, ""), style)
        if tag == "BillTo":
            _free(address, "Email", fields.get("email", ""), style)
    items = etree.SubElement(node, "Items")
    for line in view.lines:
        item = etree.SubElement(items, "Item")
        _sub(item, "LineItemID", line.line_id, cdata=True)
        _sub(item, "SKU", line.sku or None, cdata=True)
        _sub(item, "Name", line.name, cdata=True)
        _free(item, "ImageUrl", line.image_url, style)
        if line.weight_oz is not None:
            _sub(item, "Weight", str(line.weight_oz))
            _sub(item, "WeightUnits", "Ounces")
        _sub(item, "Quantity", str(line.quantity))
        _sub(item, "UnitPrice", _money(line.unit_price))
        _free(item, "UPC", line.upc, style)
        _free(item, "Location", line.location, style)
        if line.adjustment:
            _sub(item, "Adjustment", "true")
        if line.options:
            options = etree.SubElement(item, "Options")
            for name, value in line.options:
                option = etree.SubElement(options, "Option")
                _sub(option, "Name", name, cdata=True)
                _sub(option, "Value", value, cdata=True)
    return bytes(etree.tostring(node, encoding="utf-8", pretty_print=True))


# -- orders with every kind of text ------------------------------------------------------------
#: Characters XML 1.0 can carry (surrogates are outside UTF-8).
_WRITABLE = st.characters(codec="utf-8").filter(
    lambda c: c in "\t\n\r" or (c >= " " and c not in "\ufffe\uffff")
)
_TEXT = st.one_of(
    st.just(""),
    st.text(_WRITABLE, max_size=12),
    st.lists(st.sampled_from(["]]>", "]", ">", "]]", "&", "<", "\r", "\n", "é", " ", "x"])).map(
        "".join
    ),
)
_MONEY = st.decimals(min_value=0, max_value=10_000, places=2)
_INSTANT = st.datetimes(
    min_value=datetime(2001, 1, 1), max_value=datetime(2098, 12, 31), timezones=st.just(UTC)
)
_FIELDS = st.dictionaries(
    st.sampled_from(["name", "company", "street1", "street2", "city", "state", "postal_code",
                     "country", "phone", "email"]),
    _TEXT,
)  # fmt: skip

_LINE = st.builds(
    StoreLine,
    line_id=_TEXT,
    sku=_TEXT,
    name=_TEXT,
    quantity=st.integers(0, 1000),
    unit_price=_MONEY,
    weight_oz=st.none() | st.decimals(min_value=0, max_value=999, places=1),
    image_url=_TEXT,
    location=_TEXT,
    upc=_TEXT,
    options=st.lists(st.tuples(_TEXT, _TEXT), max_size=3).map(tuple),
    adjustment=st.booleans(),
)
_ORDER = st.builds(
    StoreOrder,
    order_id=_TEXT,
    number=_TEXT,
    status=_TEXT,
    order_date=_INSTANT,
    modified=_INSTANT,
    lines=st.lists(_LINE, max_size=3),
    bill_to=_FIELDS,
    ship_to=_FIELDS,
    customer_code=_TEXT,
    currency=_TEXT,
    shipping_method=_TEXT,
    payment_method=_TEXT,
    customer_notes=_TEXT,
    internal_notes=_TEXT,
    gift=st.booleans(),
    gift_message=_TEXT,
    custom_fields=st.tuples(_TEXT, _TEXT, _TEXT),
    requested_warehouse=_TEXT,
    source=_TEXT,
    dimensions=st.none() | st.tuples(_MONEY, _MONEY, _MONEY, _TEXT),
)
_VIEW = st.builds(
    lambda order, shipping, tax: ExportedOrder(order, tuple(order.lines), shipping, tax),
    _ORDER,
    _MONEY,
    _MONEY,
)
_STYLE = st.builds(ExportStyle, twelve_hour=st.booleans(), empty_elements=st.booleans())
_ZONE = st.sampled_from(
    [UTC, ZoneInfo("America/New_York"), ZoneInfo("Asia/Kolkata"), timezone(timedelta(hours=-3))]
)


@settings(max_examples=400, deadline=None)
@given(view=_VIEW, zone=_ZONE, style=_STYLE)
def test_an_order_is_written_as_lxml_writes_its_tree(view, zone, style):
    assert order_fragment(view, zone, style) == reference(view, zone, style)


@pytest.mark.parametrize("text", ["bell\x07", "nul\x00", "\ufffe", "half \ud800"])
def test_text_xml_cannot_carry_is_refused_as_lxml_refused_it(text):
    order = StoreOrder(
        order_id="1", number="N1", status="paid", order_date=datetime(2026, 3, 1, tzinfo=UTC),
        modified=datetime(2026, 3, 1, tzinfo=UTC), lines=[], bill_to={}, ship_to={},
        customer_code="C1", currency="USD", customer_notes=text,
    )  # fmt: skip
    view = ExportedOrder(order, (), Decimal(0), Decimal(0))
    style = ExportStyle(twelve_hour=False, empty_elements=True)
    with pytest.raises(ValueError):
        reference(view, UTC, style)
    with pytest.raises(ValueError, match="XML compatible"):
        order_fragment(view, UTC, style)

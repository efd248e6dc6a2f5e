"""The platform's Custom Store reader: ShipStation's published samples into the canonical
model, and what real stores emit beside the guide."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest

from harness.channels.custom_store_xml import (
    ExportUnreadable,
    parse_document,
    read_date,
    read_order,
)
from tests.customstore.conftest import FIXTURES

UTC = ZoneInfo("UTC")


@pytest.mark.parametrize(
    "sample", ["shipstation-export-orders.xml", "shipstation-export-orders-legacy-2012-guide.xml"]
)
def test_published_samples_become_canonical_orders(sample):
    root = parse_document((FIXTURES / sample).read_bytes(), "Orders")
    (node,) = root.findall("Order")
    order = read_order(node, "wsm", UTC)
    assert order.key == "123456" and order.number == "ABC123"
    assert order.channel_status == "paid"
    assert order.modified == datetime(2011, 12, 8, 12, 56, tzinfo=UTC)  # "12:56 PM"
    assert order.order_date.hour == 21 and order.order_date.minute == 56  # "21:56 PM"
    assert order.customer_email == "customer@mystore.com"
    assert order.customer_phone == "512-555-5555"
    assert order.requested_service == "USPSPriorityMail"
    assert order.payment_method == "Credit Card"
    assert order.total == Decimal("123.45") and order.shipping_paid == Decimal("4.50")
    assert order.customer_notes == "Please make sure it gets here by Dec. 22nd!"
    assert order.internal_notes == "Ship by December 18th via Priority Mail."
    assert order.gift is False and order.gift_message is None  # empty element: absent
    assert order.ship_to is not None and order.ship_to.street1 == "1600 Pennsylvania Ave"
    assert order.ship_to.street2 is None and order.ship_to.country == "US"
    (item,) = order.items  # the adjustment line is a discount, not an item
    assert (item.sku, item.quantity, item.unit_price) == ("FD88821", 2, Decimal("13.99"))
    assert item.weight == Decimal("8.00")  # ounces
    assert item.image_url == "http://www.mystore.com/products/12345.jpg"
    assert item.options == (("Size", "Large"), ("Color", "Green"))
    assert item.location == "A1-B2"
    assert order.weight == Decimal("16.00")
    assert [(d.code, d.amount) for d in order.discounts] == [("$10 OFF", Decimal("10.00"))]


def test_current_sample_carries_currency():
    root = parse_document((FIXTURES / "shipstation-export-orders.xml").read_bytes(), "Orders")
    assert read_order(root.findall("Order")[0], "wsm", UTC).currency == "EUR"


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("03/10/2026 21:09", (2026, 3, 10, 21, 9)),
        ("3/1/2026 9:05 PM", (2026, 3, 1, 21, 5)),
        ("03/10/2026 12:30 AM", (2026, 3, 10, 0, 30)),
        ("03/10/2026 12:30 pm", (2026, 3, 10, 12, 30)),
        ("03/10/2026 21:09:45", (2026, 3, 10, 21, 9)),
        ("2026-03-10 21:09:00", (2026, 3, 10, 21, 9)),  # ShipStation's Magento plugin
    ],
)
def test_dates_as_real_stores_write_them(written, expected):
    read = read_date(written, ZoneInfo("America/Chicago"))
    assert read is not None
    assert (read.year, read.month, read.day, read.hour, read.minute) == expected
    assert read.utcoffset() is not None and read.tzinfo == ZoneInfo("America/Chicago")


@pytest.mark.parametrize("written", ["", "yesterday", "13/45/2026 10:00", "03/10/2026"])
def test_unreadable_dates_are_none(written):
    assert read_date(written, UTC) is None


def test_extra_and_empty_elements_are_tolerated():
    body = b"""<?xml version="1.0" encoding="utf-16"?>
    <Orders pages="1"><Order><OrderNumber>X1</OrderNumber><StoreCode>main</StoreCode>
    <OrderDate>2026-03-10 10:00:00</OrderDate><OrderStatus>paid</OrderStatus>
    <OrderTotal>10.00</OrderTotal><TaxAmount/><ShippingAmount></ShippingAmount>
    <CostOfGoods>3.10</CostOfGoods><Customer><CustomerCode>c@example.com</CustomerCode>
    <BillTo><Name>C</Name></BillTo><ShipTo><Name>C</Name><Address1>1 Main St</Address1>
    <City>Austin</City><PostalCode>78701</PostalCode><Country>US</Country></ShipTo></Customer>
    <Items><Item><SKU>A</SKU><Name>A</Name><Quantity>1</Quantity><UnitPrice>10</UnitPrice>
    <Weight/><ImageUrl></ImageUrl></Item></Items></Order></Orders>""".replace(
        b'encoding="utf-16"', b'encoding="utf-8"'
    )
    order = read_order(parse_document(body, "Orders").findall("Order")[0], "wsm", UTC)
    assert order.number == "X1" and order.key == "X1"  # no OrderID: the number is the key
    assert order.customer_email == "c@example.com"  # from CustomerCode
    assert order.shipping_paid is None and order.weight is None
    assert order.items[0].image_url is None and order.items[0].weight is None


@pytest.mark.parametrize(
    ("body", "words"),
    [
        (b"", "Root element is missing"),
        (b"   \n", "Root element is missing"),
        (b"<Orders pages='1'><Order>", "Invalid XML"),
        (b"<Error><Code>x</Code></Error>", "expected <Orders>"),
        (b'<!DOCTYPE Orders [<!ENTITY a "aaaa">]><Orders>&a;</Orders>', "DTD"),
    ],
)
def test_unreadable_exports_say_why(body, words):
    with pytest.raises(ExportUnreadable, match=words):
        parse_document(body, "Orders")


def test_failure_reports_summarize_pages_and_errors():
    from harness.channels.custom_store import CustomStoreAdapter

    page = '<?xml version="1.0"?>\n<Orders pages="3">\n<Order>…</Order>\n<Order>…[9000 more bytes]'
    assert CustomStoreAdapter.summarize_body(page) == "<Orders pages=3>, 2+ order(s)"
    error = (
        "<?xml version='1.0'?>\n<Error><Code>bad-request</Code><Message>page: 'x'</Message></Error>"
    )
    assert CustomStoreAdapter.summarize_body(error) == "bad-request: page: 'x'"
    assert CustomStoreAdapter.summarize_body("") is None

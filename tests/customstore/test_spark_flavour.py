"""What the Spark flavour changes: vendor splitting and the server's own timezone."""

from __future__ import annotations

from decimal import Decimal

import pytest
from lxml import etree

from tests.customstore.conftest import StoreClient, notice

SPLIT = {
    "number": "S1",
    "shipping_amount": "12.00",
    "lines": [
        {"line_id": "M1", "sku": "KOS-10482", "quantity": 1, "unit_price": "100.00",
         "vendor": "ShipStation"},
        {"line_id": "O1", "sku": "PHD-20755", "quantity": 2, "unit_price": "50.00",
         "vendor": "Pacific Home Distributors"},
    ],
}  # fmt: skip


def _orders(client: StoreClient, **window: str) -> list[etree._Element]:
    return etree.fromstring(client.export(**window).content).findall("Order")


def test_only_the_platforms_lines_with_consistent_totals(spark: StoreClient):
    spark.place(SPLIT)
    (order,) = _orders(spark)
    assert [i.findtext("LineItemID") for i in order.iterfind("Items/Item")] == ["M1"]
    tax = Decimal(str(order.findtext("TaxAmount")))
    shipping = Decimal(str(order.findtext("ShippingAmount")))
    assert shipping == Decimal("6.00")  # half the goods, half the shipping
    assert tax == Decimal("7.25")  # 7.25 % of 200.00 = 14.50, halved
    assert Decimal(str(order.findtext("OrderTotal"))) == Decimal("100.00") + shipping + tax


def test_an_order_without_a_platform_line_is_not_exported_nor_notifiable(spark: StoreClient):
    spark.place({"number": "S2", "lines": [{"vendor": "Summit Fitness Wholesale"}]})
    assert _orders(spark) == []
    assert spark.notify("S2", notice("S2")).status_code == 404


def test_a_notice_cannot_ship_another_vendors_line(spark: StoreClient):
    spark.place(SPLIT)
    reply = spark.notify("S1", notice("S1", ("O1", 1)))
    assert reply.status_code == 400
    assert spark.order("S1")["shipments"] == []


def test_the_server_reads_the_window_and_writes_dates_in_its_timezone(spark: StoreClient):
    spark.admin("POST", "/clock", {"timezone": "America/Chicago"})
    spark.place(
        {
            "number": "S3",
            "order_date": "2026-03-10T11:00:00Z",
            "modified": "2026-03-10T11:30:00Z",
            "lines": [{"vendor": "ShipStation"}],
        }
    )
    # 11:30 UTC is 06:30 in Chicago (daylight time): a UTC window around 11:30 misses it
    assert _orders(spark, start_date="03/10/2026 11:00", end_date="03/10/2026 12:00") == []
    (order,) = _orders(spark, start_date="03/10/2026 06:00", end_date="03/10/2026 07:00")
    assert order.findtext("LastModified") in ("03/10/2026 06:30", "03/10/2026 06:30 AM")
    assert str(order.findtext("OrderDate")).startswith("03/10/2026 06:00")


@pytest.mark.parametrize(
    ("zone", "start", "end"),
    [("America/New_York", "01/01/2026 00:00", "12/31/9999 23:59"),
     ("Europe/Paris", "01/01/0001 00:00", "12/31/2026 23:59")],
)  # fmt: skip
def test_a_window_to_the_ends_of_time_in_the_server_zone_is_read(
    spark: StoreClient, zone: str, start: str, end: str
):
    """Bounds past the datetime range once in UTC ("until forever") export what they hold."""
    spark.admin("POST", "/clock", {"timezone": zone})
    spark.place({"number": "S4", "modified": "2026-03-10T11:30:00Z",
                 "lines": [{"vendor": "ShipStation"}]})  # fmt: skip
    assert [o.findtext("OrderNumber") for o in _orders(spark, start_date=start, end_date=end)] == [
        "S4"
    ]


def test_web_shop_manager_stays_on_utc_whatever_its_clock_zone(wsm: StoreClient):
    wsm.admin("POST", "/clock", {"timezone": "America/Chicago"})
    wsm.place({"number": "W1", "modified": "2026-03-10T11:30:00Z"})
    (order,) = _orders(wsm, start_date="03/10/2026 11:00", end_date="03/10/2026 12:00")
    assert str(order.findtext("LastModified")).startswith("03/10/2026 11:30")

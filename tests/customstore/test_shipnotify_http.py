"""Ship notices over real HTTP: recorded, accumulated, idempotent; refused at once and
without a trace when the order is unknown or the body unreadable or hostile."""

from __future__ import annotations

from typing import Any

import pytest
from lxml import etree

from tests.customstore.conftest import StoreClient, notice

TWO_LINES = {
    "number": "N1",
    "lines": [
        {"line_id": "L1", "sku": "A", "quantity": 2},
        {"line_id": "L2", "sku": "B", "quantity": 1},
    ],
}


def test_the_notice_is_recorded_on_the_order(wsm: StoreClient):
    wsm.place(TWO_LINES)
    reply = wsm.notify("N1", notice("N1", cost="9.10"), carrier="FedEx", service="FedEx 2Day",
                       tracking_number="7946")  # fmt: skip
    assert reply.status_code == 200
    order = wsm.order("N1")
    assert order["status"] == "Shipped"
    (shipment,) = order["shipments"]
    assert shipment["carrier"] == "FedEx" and shipment["service"] == "FedEx 2Day"
    assert shipment["tracking_number"] == "7946" and shipment["shipping_cost"] == "9.10"
    assert [line["shipped"] for line in order["lines"]] == [2, 1]  # no items: the whole order


@pytest.mark.parametrize("absent", ["", None], ids=["blank", "missing"])
def test_the_query_wins_and_a_field_it_leaves_out_comes_from_the_notice(
    wsm: StoreClient, absent: str | None
):
    wsm.place(TWO_LINES)
    reply = wsm.notify("N1", notice("N1"), carrier="FedEx", service=absent, tracking_number=absent)
    assert reply.status_code == 200
    (shipment,) = wsm.order("N1")["shipments"]
    assert shipment["carrier"] == "FedEx"  # the query's, over the notice's UPS
    assert shipment["tracking_number"] == "1Z001"  # the notice's


def test_items_accumulate_partial_then_rest(wsm: StoreClient):
    wsm.place(TWO_LINES)
    assert wsm.notify("N1", notice("N1", ("L1", 1)), tracking_number="T1").status_code == 200
    assert wsm.order("N1")["status"] == "Partially Shipped"
    wsm.notify("N1", notice("N1", ("L1", 1), ("L2", 1)), tracking_number="T2")
    order = wsm.order("N1")
    assert order["status"] == "Shipped" and [ln["shipped"] for ln in order["lines"]] == [2, 1]
    assert [s["tracking_number"] for s in order["shipments"]] == ["T1", "T2"]


def test_the_same_notice_twice_is_harmless(wsm: StoreClient):
    wsm.place(TWO_LINES)
    for _ in range(2):
        assert wsm.notify("N1", notice("N1", ("L1", 1)), tracking_number="T1").status_code == 200
    order = wsm.order("N1")
    assert len(order["shipments"]) == 1 and order["lines"][0]["shipped"] == 1


def _unchanged(client: StoreClient, before: dict[str, Any]) -> None:
    after = client.order("N1")
    assert after == before


@pytest.mark.parametrize(
    ("body", "words"),
    [
        (b"", "empty"),
        (b"<ShipNotice><OrderNumber>N1", "not well-formed"),
        (b"not xml at all", "not well-formed"),
        (b"<ShipNotice><Carrier>UPS</Carrier></ShipNotice>", "OrderNumber"),
        (b"<ShipNotice><OrderNumber>N1</OrderNumber><Bogus/></ShipNotice>", "Bogus"),
        (
            (
                b'<?xml version="1.0"?><!DOCTYPE s [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
                b"<ShipNotice><OrderNumber>N1</OrderNumber><InternalNotes>&x;</InternalNotes>"
                b"</ShipNotice>"
            ),
            "DOCTYPE",
        ),
        (
            (
                b'<?xml version="1.0"?><!DOCTYPE s [<!ENTITY a "aaaaaaaaaa">'
                b'<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">'
                b'<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]>'
                b"<ShipNotice><OrderNumber>N1</OrderNumber><InternalNotes>&c;</InternalNotes>"
                b"</ShipNotice>"
            ),
            "DOCTYPE",
        ),
        (notice("N1", ("L9", 1)), "no line 'L9'"),
        (notice("N1", ("L1", 3)), "more shipped"),
        (notice("OTHER"), "differ"),
    ],
)
def test_unreadable_or_hostile_bodies_are_400_and_change_nothing(wsm: StoreClient, body, words):
    wsm.place(TWO_LINES)
    before = wsm.order("N1")
    reply = wsm.notify("N1", body)
    assert reply.status_code == 400, reply.text
    assert words in str(etree.fromstring(reply.content).findtext("Message"))
    _unchanged(wsm, before)


def test_unknown_order_is_404_at_once(wsm: StoreClient):
    wsm.place(TWO_LINES)
    before = wsm.order("N1")
    reply = wsm.notify("NOPE", notice("NOPE"))
    assert reply.status_code == 404
    assert etree.fromstring(reply.content).findtext("Code") == "not-found"
    _unchanged(wsm, before)


def test_missing_order_number_is_400(wsm: StoreClient):
    reply = wsm.session.post(wsm.url, params={"action": "shipnotify"}, data=notice("N1"),
                             auth=wsm.auth, headers={"Content-Type": "text/xml"})  # fmt: skip
    assert reply.status_code == 400 and "order_number" in reply.text


def test_a_notice_without_tracking_marks_the_order_shipped(wsm: StoreClient):
    wsm.place(TWO_LINES)
    body = b"<ShipNotice><OrderNumber>N1</OrderNumber><Carrier>Other</Carrier></ShipNotice>"
    assert wsm.notify("N1", body, carrier="Other", tracking_number="").status_code == 200
    order = wsm.order("N1")
    assert order["status"] == "Shipped" and order["shipments"][0]["tracking_number"] == ""


def _exported_statuses(client: StoreClient) -> dict[str, str]:
    window = {"start_date": "01/01/2000 00:00", "end_date": "12/31/2099 00:00", "page": 1}
    page = etree.fromstring(client.export(**window).content)
    return {
        str(o.findtext("OrderNumber")): str(o.findtext("OrderStatus")) for o in page.iter("Order")
    }


def test_the_export_after_a_notice_shows_the_change_of_that_order_only(wsm: StoreClient):
    wsm.place(TWO_LINES, {**TWO_LINES, "number": "N2"})
    before = _exported_statuses(wsm)  # both orders' <Order> forms are built and kept now
    wsm.notify("N1", notice("N1", ("L1", 1)), tracking_number="T1")
    after = _exported_statuses(wsm)
    assert after["N1"] == "Partially Shipped" and after["N1"] != before["N1"]
    assert after["N2"] == before["N2"]

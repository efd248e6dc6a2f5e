"""What Back Market's back office does to single orderlines: lines placed on hold, a
customer's refund, an automatic cancellation (``PATCH /__sim/orders/{id}`` ``orderlines``)."""

from __future__ import annotations

from typing import Any

import pytest

from simulators.core.clock import parse_instant
from tests.helpers import BackMarketClient

LINES = [{"sku": "SKU-PHONE", "quantity": 1}, {"sku": "SKU-CASE", "quantity": 1}]


def edit(bm: BackMarketClient, order_id: int, *changes: dict[str, Any]) -> Any:
    return bm.admin("PATCH", f"/orders/{order_id}", {"orderlines": list(changes)})


def test_a_line_placed_on_hold_keeps_the_order_paid_and_cannot_be_accepted(
    bm: BackMarketClient,
) -> None:
    order = bm.place(lines=[{"sku": "SKU-PHONE", "state": 9}, {"sku": "SKU-CASE"}])
    assert [line["state"] for line in order["orderlines"]] == [9, 1]
    assert order["state"] == 1
    oid = order["order_id"]
    assert bm.update(oid, new_state=2, sku="SKU-CASE").json()["state"] == 1, "one on hold"
    assert bm.update(oid, new_state=2, sku="SKU-PHONE").status_code == 400
    released = edit(bm, oid, {"sku": "SKU-PHONE", "state": 1})
    assert released.status_code == 200, released.text
    assert bm.update(oid, new_state=2, sku="SKU-PHONE").json()["state"] == 3


def test_a_customer_refund_after_shipping_changes_one_line(bm: BackMarketClient) -> None:
    order = bm.place(state=9, lines=LINES)
    bm.advance("PT1H")
    reply = edit(bm, order["order_id"], {"sku": "SKU-CASE", "state": 6, "return_reason": 1})
    assert reply.status_code == 200, reply.text
    after = reply.json()
    assert [(li["state"], li["return_reason"]) for li in after["orderlines"]] == [(3, 0), (6, 1)]
    assert after["state"] == 9
    moved = parse_instant(after["date_modification"])
    assert moved == parse_instant("2026-03-10T13:00:00Z"), "the next import window sees it"


def test_an_automatic_cancellation_of_the_only_line_closes_the_order(
    bm: BackMarketClient,
) -> None:
    order = bm.place(single_unit=True)
    reply = edit(bm, order["order_id"], {"state": 4})  # one line: it needs no name
    assert reply.status_code == 200, reply.text
    assert (reply.json()["state"], reply.json()["orderlines"][0]["state"]) == (9, 4)


@pytest.mark.parametrize(
    ("changes", "named"),
    [
        ([{"state": 4}], "orderlines.0"),  # two lines: which one?
        ([{"sku": "NOPE", "state": 4}], "orderlines.0"),
        ([{"sku": "SKU-CASE", "state": 11}], "orderlines.0.state"),
        ([{"sku": "SKU-CASE"}], "orderlines.0.state"),
        ([{"sku": "SKU-CASE", "state": 4, "colour": "red"}], "orderlines.0.colour"),
        ([{"sku": "SKU-CASE", "state": 4}, {"sku": "NOPE", "state": 4}], "orderlines.1"),
    ],
)
def test_a_refused_line_edit_names_the_field_and_changes_nothing(
    bm: BackMarketClient, changes: list[dict[str, Any]], named: str
) -> None:
    order = bm.place(lines=LINES)
    reply = edit(bm, order["order_id"], *changes)
    assert reply.status_code == 400
    assert named in reply.json()["detail"]
    assert bm.order(order["order_id"]) == order


def test_order_state_and_orderlines_cannot_be_edited_together(bm: BackMarketClient) -> None:
    order = bm.place(lines=LINES)
    body = {"state": 3, "orderlines": [{"sku": "SKU-CASE", "state": 4}]}
    reply = bm.admin("PATCH", f"/orders/{order['order_id']}", body)
    assert reply.status_code == 400
    assert bm.order(order["order_id"]) == order

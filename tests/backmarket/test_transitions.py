"""POST /ws/orders/{order_id}: the orderline state machine and the order state it drives."""

from __future__ import annotations

import itertools
from typing import Any

import pytest

from simulators.core.clock import parse_instant
from tests.helpers import BackMarketClient

#: These tests read the codes of the descriptive error bodies; the documented empty bodies
#: (the default) are checked in test_error_bodies.py.
pytestmark = pytest.mark.sim_settings(error_bodies="descriptive")

#: Order state to place an order in, for each orderline state placing gives directly.
PLACED_IN = {0: 0, 8: 10, 1: 1, 2: 3, 3: 9, 7: 8}
#: Every orderline state reachable through placing and the API (9, on hold, is neither).
REACHABLE = (0, 8, 1, 2, 3, 4, 5, 6, 7)
ALLOWED = {(1, 2), (1, 4), (2, 3), (2, 5), (3, 6)}
#: new_state values the update call accepts at all; the others are validation errors.
REQUESTABLE = {2, 3, 4, 5, 6}
LATER = "2026-03-10T13:00:00.000000Z"


def line_state_order(bm: BackMarketClient, line_state: int) -> dict[str, Any]:
    """A one-line order whose line is in ``line_state`` (placed, then moved by the API)."""
    if line_state in PLACED_IN:
        return bm.place(single_unit=True, state=PLACED_IN[line_state])
    start = {4: 1, 5: 3, 6: 9}[line_state]
    order = bm.place(single_unit=True, state=start)
    sku = order["orderlines"][0]["listing"]
    extra = {"return_reason": 11} if line_state == 6 else {}
    reply = bm.update(order["order_id"], new_state=line_state, sku=sku, **extra)
    assert reply.status_code == 200, reply.text
    moved: dict[str, Any] = reply.json()
    assert moved["orderlines"][0]["state"] == line_state
    return moved


def request_for(new_state: int, sku: str) -> dict[str, Any]:
    """The body a client sends to ask for ``new_state`` (everything it needs, valid)."""
    if new_state == 3:
        return {"new_state": 3, "tracking_number": "1Z999AA10123456784"}
    if new_state == 6:
        return {"new_state": 6, "sku": sku, "return_reason": 11}
    return {"new_state": new_state, "sku": sku}


def two_line_order(bm: BackMarketClient, state: int = 1) -> dict[str, Any]:
    return bm.place(
        state=state, lines=[{"sku": "SKU-PHONE", "quantity": 1}, {"sku": "SKU-CASE", "quantity": 2}]
    )


def assert_unchanged(bm: BackMarketClient, before: dict[str, Any]) -> None:
    assert bm.order(before["order_id"]) == before


# -- every allowed transition ---------------------------------------------------------------
def test_accept_a_paid_line_by_sku(bm: BackMarketClient) -> None:
    order = two_line_order(bm)
    bm.advance("PT1H")
    reply = bm.update(order["order_id"], new_state=2, sku="SKU-CASE")
    assert reply.status_code == 200, reply.text
    body = reply.json()
    assert [line["state"] for line in body["orderlines"]] == [1, 2]
    assert body["state"] == 1, "one line still waits to be accepted"
    assert parse_instant(body["date_modification"]) == parse_instant(LATER)
    assert bm.order(order["order_id"]) == body


def test_cancel_a_paid_line(bm: BackMarketClient) -> None:
    order = two_line_order(bm)
    reply = bm.update(order["order_id"], new_state=4, sku="SKU-PHONE")
    assert reply.status_code == 200, reply.text
    assert [line["state"] for line in reply.json()["orderlines"]] == [4, 1]
    assert bm.order(order["order_id"])["orderlines"][0]["state"] == 4


def test_ship_the_whole_order_with_a_tracking_number(bm: BackMarketClient) -> None:
    order = two_line_order(bm, state=3)
    bm.advance("PT1H")
    reply = bm.update(
        order["order_id"],
        new_state=3,
        tracking_number="1Z999AA10123456784",
        tracking_url="https://track.example/1Z999AA10123456784",
        shipper="UPS",
    )
    assert reply.status_code == 200, reply.text
    body = reply.json()
    assert [line["state"] for line in body["orderlines"]] == [3, 3]
    assert body["state"] == 9
    assert body["tracking_number"] == "1Z999AA10123456784"
    assert body["tracking_url"] == "https://track.example/1Z999AA10123456784"
    assert body["shipper"] == "UPS"
    assert parse_instant(body["date_shipping"]) == parse_instant(LATER)
    assert bm.order(order["order_id"]) == body


def test_ship_with_an_explicit_shipping_date(bm: BackMarketClient) -> None:
    order = bm.place(single_unit=True, state=3)
    reply = bm.update(
        order["order_id"],
        new_state=3,
        tracking_number="TRK-1",
        date_shipping="2026-03-10T09:30:00+01:00",
    )
    assert reply.status_code == 200, reply.text
    assert parse_instant(reply.json()["date_shipping"]) == parse_instant("2026-03-10T08:30:00Z")


def test_refund_an_accepted_line_before_shipping(bm: BackMarketClient) -> None:
    order = two_line_order(bm, state=3)
    reply = bm.update(order["order_id"], new_state=5, sku="SKU-CASE")
    assert reply.status_code == 200, reply.text
    body = reply.json()
    assert [line["state"] for line in body["orderlines"]] == [2, 5]
    assert body["state"] == 3


def test_refund_a_shipped_line_after_shipping(bm: BackMarketClient) -> None:
    order = two_line_order(bm, state=9)
    reply = bm.update(
        order["order_id"],
        new_state=6,
        sku="SKU-PHONE",
        return_reason=21,
        return_message="Screen cracked on arrival",
    )
    assert reply.status_code == 200, reply.text
    body = reply.json()
    refunded, kept = body["orderlines"]
    assert (refunded["state"], kept["state"]) == (6, 3)
    assert refunded["return_reason"] == 21
    assert refunded["return_message"] == "Screen cracked on arrival"
    assert kept["return_reason"] == 0
    assert body["state"] == 9
    assert bm.order(order["order_id"]) == body


def test_refund_after_shipping_without_sku_refunds_every_shipped_line(
    bm: BackMarketClient,
) -> None:
    order = two_line_order(bm, state=9)
    reply = bm.update(order["order_id"], new_state=6, return_reason=12)
    assert reply.status_code == 200, reply.text
    assert [(li["state"], li["return_reason"]) for li in reply.json()["orderlines"]] == [
        (6, 12),
        (6, 12),
    ]


def test_refund_after_shipping_needs_a_return_reason(bm: BackMarketClient) -> None:
    order = bm.place(single_unit=True, state=9)
    sku = order["orderlines"][0]["listing"]
    before = bm.order(order["order_id"])
    bm.advance("PT1H")
    reply = bm.update(order["order_id"], new_state=6, sku=sku)
    assert reply.status_code == 400
    assert reply.json()["error"]["code"] == "E009"
    assert list(reply.json()["data"]["fields"]) == ["return_reason"]
    assert_unchanged(bm, before)


# -- every refused transition ---------------------------------------------------------------
REFUSED = [pair for pair in itertools.product(REACHABLE, range(10)) if pair not in ALLOWED]


@pytest.mark.parametrize(("current", "wanted"), sorted(ALLOWED))
def test_allowed_transition(bm: BackMarketClient, current: int, wanted: int) -> None:
    order = line_state_order(bm, current)
    line = order["orderlines"][0]
    reply = bm.update(order["order_id"], **request_for(wanted, line["listing"]))
    assert reply.status_code == 200, reply.text
    assert reply.json()["orderlines"][0]["state"] == wanted
    assert bm.order(order["order_id"])["orderlines"][0]["state"] == wanted


@pytest.mark.parametrize(("current", "wanted"), REFUSED)
def test_refused_transition_changes_nothing(
    bm: BackMarketClient, current: int, wanted: int
) -> None:
    order = line_state_order(bm, current)
    line = order["orderlines"][0]
    before = bm.order(order["order_id"])
    everything = bm.all_orders()
    bm.advance("PT1H")  # a leaked date_modification would show

    reply = bm.update(order["order_id"], **request_for(wanted, line["listing"]))

    assert reply.status_code == 400, reply.text
    body = reply.json()
    if wanted in REQUESTABLE:
        assert body == {
            "error": {
                "code": "invalid-transition",
                "message": (
                    f"Orderline {line['id']} cannot go from state {current} to state {wanted}."
                ),
            }
        }
    else:
        assert set(body) == {"error", "data"}
        assert body["error"] == {"code": "E009", "message": "Validation error"}
        assert list(body["data"]["fields"]) == ["new_state"]
    assert_unchanged(bm, before)
    assert bm.all_orders() == everything


@pytest.mark.parametrize(
    ("case", "body"),
    [
        ("ship a line never accepted", {"new_state": 3, "tracking_number": "T"}),
        ("accept twice", {"new_state": 2, "sku": "SKU-PHONE"}),
        ("cancel an accepted line", {"new_state": 4, "sku": "SKU-PHONE"}),
    ],
)
def test_refused_on_one_line_changes_no_line(
    bm: BackMarketClient, case: str, body: dict[str, Any]
) -> None:
    order = two_line_order(bm)
    assert bm.update(order["order_id"], new_state=2, sku="SKU-PHONE").status_code == 200
    before = bm.order(order["order_id"])
    reply = bm.update(order["order_id"], **body)
    assert reply.status_code == 400, case
    assert reply.json()["error"]["code"] == "invalid-transition"
    assert_unchanged(bm, before)


def test_shipping_an_order_with_a_line_not_accepted_ships_nothing(bm: BackMarketClient) -> None:
    order = two_line_order(bm)
    assert bm.update(order["order_id"], new_state=2, sku="SKU-PHONE").status_code == 200
    before = bm.order(order["order_id"])
    reply = bm.update(order["order_id"], new_state=3, tracking_number="T")
    assert reply.status_code == 400
    assert reply.json()["error"]["code"] == "invalid-transition"
    line_id = before["orderlines"][1]["id"]
    assert reply.json()["error"]["message"] == (
        f"Orderline {line_id} cannot go from state 1 to state 3."
    )
    after = bm.order(order["order_id"])
    assert [line["state"] for line in after["orderlines"]] == [2, 1]
    assert after["tracking_number"] == before["tracking_number"]
    assert after == before


# -- order state derived from the lines -----------------------------------------------------
def test_order_state_follows_its_lines(bm: BackMarketClient) -> None:
    order = two_line_order(bm)
    oid = order["order_id"]
    assert order["state"] == 1
    assert bm.update(oid, new_state=2, sku="SKU-PHONE").json()["state"] == 1
    assert bm.update(oid, new_state=2, sku="SKU-CASE").json()["state"] == 3
    shipped = bm.update(oid, new_state=3, tracking_number="T").json()
    assert shipped["state"] == 9
    assert [line["state"] for line in shipped["orderlines"]] == [3, 3]
    assert bm.order(oid)["state"] == 9
    assert oid in [o["order_id"] for o in bm.get("/ws/orders", {"state": 9}).json()["results"]]


def test_cancelled_lines_do_not_block_shipping_the_rest(bm: BackMarketClient) -> None:
    order = two_line_order(bm)
    oid = order["order_id"]
    assert bm.update(oid, new_state=4, sku="SKU-CASE").status_code == 200
    accepted = bm.update(oid, new_state=2, sku="SKU-PHONE").json()
    assert accepted["state"] == 3, "the only live line is accepted"
    reply = bm.update(oid, new_state=3, tracking_number="T")
    assert reply.status_code == 200, reply.text
    assert [line["state"] for line in reply.json()["orderlines"]] == [3, 4]
    assert reply.json()["state"] == 9


def test_lines_refunded_before_shipping_do_not_block_shipping_the_rest(
    bm: BackMarketClient,
) -> None:
    order = two_line_order(bm, state=3)
    oid = order["order_id"]
    assert bm.update(oid, new_state=5, sku="SKU-PHONE").status_code == 200
    reply = bm.update(oid, new_state=3, tracking_number="T")
    assert reply.status_code == 200, reply.text
    assert [line["state"] for line in reply.json()["orderlines"]] == [5, 3]
    assert reply.json()["state"] == 9


# -- refused requests -----------------------------------------------------------------------
def test_ship_without_tracking_number_is_a_validation_error(bm: BackMarketClient) -> None:
    order = bm.place(single_unit=True, state=3)
    before = bm.order(order["order_id"])
    for extra in ({}, {"tracking_number": ""}):
        reply = bm.update(order["order_id"], new_state=3, **extra)
        assert reply.status_code == 400
        body = reply.json()
        assert body["error"] == {"code": "E009", "message": "Validation error"}
        assert list(body["data"]["fields"]) == ["tracking_number"]
    assert_unchanged(bm, before)


def test_body_order_id_must_equal_the_url(bm: BackMarketClient) -> None:
    order = bm.place(single_unit=True)
    other = bm.place(single_unit=True)
    sku = order["orderlines"][0]["listing"]
    before = bm.all_orders()
    reply = bm.post(
        f"/ws/orders/{order['order_id']}",
        {"order_id": other["order_id"], "new_state": 2, "sku": sku},
    )
    assert reply.status_code == 400
    assert reply.json()["error"]["code"] == "E009"
    assert list(reply.json()["data"]["fields"]) == ["order_id"]
    assert bm.all_orders() == before


def test_accept_without_sku_is_a_validation_error(bm: BackMarketClient) -> None:
    order = bm.place(single_unit=True)
    reply = bm.update(order["order_id"], new_state=2)
    assert reply.status_code == 400
    assert list(reply.json()["data"]["fields"]) == ["sku"]
    assert bm.order(order["order_id"])["orderlines"][0]["state"] == 1


@pytest.mark.parametrize("new_state", [2, 4, 5, 6])
def test_unknown_sku_is_not_found(bm: BackMarketClient, new_state: int) -> None:
    order = two_line_order(bm, state={2: 1, 4: 1, 5: 3, 6: 9}[new_state])
    before = bm.order(order["order_id"])
    reply = bm.update(order["order_id"], **request_for(new_state, "NO-SUCH-SKU"))
    assert reply.status_code == 404
    body = reply.json()
    assert set(body) == {"error"}
    assert body["error"]["code"] == "not-found"
    assert "NO-SUCH-SKU" in body["error"]["message"]
    assert_unchanged(bm, before)


def test_unknown_order_is_not_found(bm: BackMarketClient) -> None:
    reply = bm.update(12345, new_state=2, sku="X")
    assert reply.status_code == 404
    assert reply.json() == {
        "error": {"code": "not-found", "message": "The order 12345 doesn't exist."}
    }


# -- date_modification ----------------------------------------------------------------------
def test_date_modification_moves_on_every_change(bm: BackMarketClient) -> None:
    order = two_line_order(bm)
    oid = order["order_id"]
    stamps = [parse_instant(order["date_modification"])]
    for hours, body in (
        (1, {"new_state": 2, "sku": "SKU-PHONE"}),
        (2, {"new_state": 4, "sku": "SKU-CASE"}),
        (3, {"new_state": 3, "tracking_number": "T"}),
    ):
        bm.advance("PT1H")
        reply = bm.update(oid, **body)
        assert reply.status_code == 200, reply.text
        stamp = parse_instant(reply.json()["date_modification"])
        assert stamp == parse_instant(f"2026-03-10T{12 + hours}:00:00Z")
        stamps.append(stamp)
    assert stamps == sorted(stamps)
    assert len(set(stamps)) == 4
    assert parse_instant(bm.order(oid)["date_modification"]) == parse_instant(
        "2026-03-10T15:00:00Z"
    )
    assert bm.order(oid)["date_creation"] == order["date_creation"]

"""Bad input is refused with a clear 4xx, and a refused request changes nothing at all.

Regression tests for an independent review: each case once answered 500 or left the
simulator changed (or broken) after refusing.
"""

from __future__ import annotations

from typing import Any

import pytest

from tests.helpers import BackMarketClient


def assert_problem(reply: Any, status: int, *words: str) -> None:
    assert reply.status_code == status, reply.text
    assert reply.headers["content-type"].startswith("application/problem+json")
    for word in words:
        assert word in reply.json()["detail"]


def snapshot(bm: BackMarketClient) -> tuple[Any, ...]:
    state = bm.admin_get("/state")
    return (bm.admin_get("/orders"), bm.admin_get("/clock"), state["faults"], state["tokens"])


@pytest.mark.sim_settings(error_bodies="descriptive")
def test_a_deeply_nested_json_body_is_a_validation_error(bm: BackMarketClient) -> None:
    order = bm.admin_get("/orders")[0]
    body = "[" * 200_000 + "]" * 200_000
    reply = bm.post(f"/ws/orders/{order['order_id']}", data=body)
    assert reply.status_code == 400
    assert reply.json()["error"]["code"] == "E009"


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"orders": [{"order_id": "X1"}, {}]}, "order_id"),
        ({"generate": 1, "category": "foo"}, "category"),
        ({"generate": 1, "lines": 9}, "lines"),
        ({"generate": 1, "state": [1]}, "state"),
        ({"lines": []}, "lines"),
        ({"billing_address": "x"}, "billing_address"),
        ({"shipping_address": {"planet": "Mars"}}, "shipping_address.planet"),
        ({"lines": [{"quantity": 0}]}, "lines.0.quantity"),
        ({"lines": [{"price": "free"}]}, "lines.0.price"),
    ],
)
def test_bad_orders_are_refused_naming_the_field_and_place_nothing(
    bm: BackMarketClient, body: dict[str, Any], field: str
) -> None:
    before = snapshot(bm)
    assert_problem(bm.admin("POST", "/orders", body), 400, field)
    assert snapshot(bm) == before
    assert bm.get("/ws/orders").status_code == 200


def test_a_refused_placement_does_not_shift_the_seeded_sequence(bm: BackMarketClient) -> None:
    expected = bm.admin("POST", "/orders", {"generate": 1}).json()[0]
    bm.use_state("demo")
    assert bm.admin("POST", "/orders", {"lines": [{"quantity": 0}]}).status_code == 400
    assert bm.admin("POST", "/orders", {"generate": 1}).json()[0] == expected


def test_generated_ids_skip_ids_given_explicitly(bm: BackMarketClient) -> None:
    upcoming = bm.admin("POST", "/orders", {"generate": 1}).json()[0]["order_id"]
    bm.use_state("demo")
    assert bm.admin("POST", "/orders", {"order_id": upcoming}).status_code == 201
    generated = bm.admin("POST", "/orders", {"generate": 1})
    assert generated.status_code == 201
    assert generated.json()[0]["order_id"] != upcoming


def test_a_refused_edit_changes_nothing(bm: BackMarketClient) -> None:
    order = bm.admin_get("/orders")[0]
    before = bm.get(f"/ws/orders/{order['order_id']}").json()
    reply = bm.admin("PATCH", f"/orders/{order['order_id']}", {"state": 9, "date_creation": "x"})
    assert_problem(reply, 400, "date_creation")
    assert bm.get(f"/ws/orders/{order['order_id']}").json() == before
    assert bm.admin_get(f"/orders/{order['order_id']}") == before
    reply = bm.admin("PATCH", f"/orders/{order['order_id']}", {"shipping_address": "x"})
    assert_problem(reply, 400, "shipping_address")


@pytest.mark.parametrize(
    "body",
    [
        {"freeze": True, "set": "2030-01-01T00:00:00Z", "advance": "bogus"},
        {"advance": "P3000000D"},
        {"set": "9999-12-31T23:00:00Z"},
        {"timezone": "Europe/Paris", "skew": "nonsense"},
        {"timezone": "Mars/Olympus", "skew": "PT5M"},
    ],
)
def test_a_refused_clock_change_leaves_the_clock_alone(
    bm: BackMarketClient, body: dict[str, Any]
) -> None:
    before = bm.admin_get("/clock")
    assert_problem(bm.admin("POST", "/clock", body), 400)
    assert bm.admin_get("/clock") == before
    assert bm.get("/ws/orders").status_code == 200


def test_a_refused_reset_keeps_everything(bm: BackMarketClient) -> None:
    bm.admin("POST", "/faults", {"operation": "get-ws-specific-order", "status": 503})
    assert bm.get("/ws/orders").status_code == 200
    before = snapshot(bm)
    journal = bm.journal()
    reply = bm.admin("POST", "/reset", {"state": "paid_orders", "params": {"count": "abc"}})
    assert_problem(reply, 400, "count")
    assert snapshot(bm) == before
    assert bm.journal() == journal
    assert bm.admin("POST", "/reset", {}).status_code == 200


@pytest.mark.parametrize(
    ("rule", "field"),
    [
        ({"operation": "get-ws-list-order", "kind": "delay", "delay_ms": "abc"}, "delay_ms"),
        (
            {"operation": "get-ws-list-order", "kind": "rate_limit", "retry_after": "soon"},
            "retry_after",
        ),
        ({"operation": "get-ws-list-order", "status": 503, "headers": "x"}, "headers"),
        ({"operation": "get-ws-list-order", "status": 503, "message": 7}, "message"),
        ({"operation": "get_ws_list_order", "status": 503}, "get-ws-list-order"),
    ],
)
def test_fault_rules_that_could_not_be_applied_are_refused(
    bm: BackMarketClient, rule: dict[str, Any], field: str
) -> None:
    assert_problem(bm.admin("POST", "/faults", rule), 400, field)
    assert bm.admin_get("/faults") == []
    assert bm.get("/ws/orders").status_code == 200

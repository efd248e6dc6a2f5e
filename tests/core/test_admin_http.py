"""The /__sim control plane over real HTTP: reset, seed, clock, tokens, orders, state, errors."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import pytest
import requests

from tests.helpers import BackMarketClient

T0 = "2026-03-10T12:00:00+00:00"
PROBLEM = "application/problem+json"


def orders_bytes(bm: BackMarketClient) -> bytes:
    reply = bm.admin("GET", "/orders")
    assert reply.status_code == 200
    return reply.content


def order_ids(bm: BackMarketClient) -> list[Any]:
    return [o["order_id"] for o in bm.admin_get("/orders")]


def an_order(bm: BackMarketClient, state: int) -> dict[str, Any]:
    order: dict[str, Any] = next(o for o in bm.admin_get("/orders") if o["state"] == state)
    return order


def assert_problem(reply: requests.Response, status: int, *named: str) -> dict[str, Any]:
    """An RFC 7807 problem document with this status whose detail names every ``named``."""
    assert reply.status_code == status, reply.text
    assert reply.headers["content-type"].startswith(PROBLEM)
    problem: dict[str, Any] = reply.json()
    assert problem["status"] == status
    assert isinstance(problem.get("type"), str)
    assert isinstance(problem.get("detail"), str)
    for name in named:
        assert name in problem["detail"], problem["detail"]
    return problem


def assert_json(reply: requests.Response, status: int) -> Any:
    assert reply.status_code == status, reply.text
    assert reply.headers["content-type"].startswith("application/json")
    return reply.json()


# -- reset and seed -----------------------------------------------------------------------


def test_reset_returns_to_the_seeded_state(bm: BackMarketClient) -> None:
    start = orders_bytes(bm)
    start_token = bm.token
    placed = bm.admin("POST", "/orders", {"state": 1})
    assert placed.status_code == 201
    accepted = an_order(bm, 3)
    shipped = bm.update(accepted["order_id"], new_state=3, tracking_number="1Z999AA10123456784")
    assert shipped.status_code == 200, shipped.text
    bm.admin("POST", "/clock", {"advance": "PT2H"})
    bm.admin("POST", "/faults", {"operation": "get-ws-list-order", "status": 503})
    assert orders_bytes(bm) != start
    assert bm.admin_get("/faults") != []
    assert bm.journal() != []

    reply = bm.admin("POST", "/reset", {})
    state = assert_json(reply, 200)
    assert state["seed"] == 0
    assert state["state"] == "demo"
    assert orders_bytes(bm) == start
    assert bm.admin_get("/faults") == []
    assert bm.journal() == []
    assert bm.admin_get("/credentials")["credentials"]["token"] == start_token
    # The shared clock is not moved back by a reset.
    assert bm.admin_get("/clock")["now"] == "2026-03-10T14:00:00+00:00"


def test_reset_without_a_body(bm: BackMarketClient) -> None:
    start = orders_bytes(bm)
    bm.admin("POST", "/orders", {"generate": 2})
    reply = bm.session.post(f"{bm.url}/__sim/reset")
    assert_json(reply, 200)
    assert orders_bytes(bm) == start


def test_reset_with_another_seed_then_back_to_seed_zero(bm: BackMarketClient) -> None:
    start = orders_bytes(bm)
    start_ids = order_ids(bm)
    reply = bm.admin("POST", "/reset", {"seed": 7})
    assert assert_json(reply, 200)["seed"] == 7
    seven = orders_bytes(bm)
    assert seven != start
    assert order_ids(bm) != start_ids
    assert bm.admin_get("/state")["seed"] == 7
    assert_json(bm.admin("POST", "/reset", {"seed": 7}), 200)
    assert orders_bytes(bm) == seven  # same seed, same data
    assert_json(bm.admin("POST", "/reset", {"seed": 0}), 200)
    assert orders_bytes(bm) == start


def test_a_reset_keeps_the_seed_it_was_given(bm: BackMarketClient) -> None:
    assert_json(bm.admin("POST", "/reset", {"seed": 3}), 200)
    three = orders_bytes(bm)
    bm.admin("POST", "/orders", {"generate": 1})
    assert_json(bm.admin("POST", "/reset", {}), 200)
    assert orders_bytes(bm) == three
    assert bm.admin_get("/state")["seed"] == 3


def test_seed_reseeds_and_rebuilds(bm: BackMarketClient) -> None:
    start = orders_bytes(bm)
    reply = bm.admin("POST", "/seed", {"seed": 5})
    state = assert_json(reply, 200)
    assert state["seed"] == 5
    five = orders_bytes(bm)
    assert five != start
    assert_json(bm.admin("POST", "/reset", {"seed": 5}), 200)
    assert orders_bytes(bm) == five
    assert_json(bm.admin("POST", "/seed", {"seed": 0}), 200)
    assert orders_bytes(bm) == start


def test_seed_needs_a_seed(bm: BackMarketClient) -> None:
    assert_problem(bm.admin("POST", "/seed", {}), 400, "seed")


def test_reset_to_another_named_state(bm: BackMarketClient) -> None:
    state = assert_json(bm.admin("POST", "/reset", {"state": "empty"}), 200)
    assert state["state"] == "empty"
    assert bm.admin_get("/orders") == []
    state = assert_json(
        bm.admin("POST", "/reset", {"state": "paid_orders", "params": {"count": 3}}), 200
    )
    assert state["backend"]["orders"] == 3
    assert [o["state"] for o in bm.admin_get("/orders")] == [1, 1, 1]


def test_reset_with_an_unknown_state_names_the_known_states(bm: BackMarketClient) -> None:
    start = orders_bytes(bm)
    reply = bm.admin("POST", "/reset", {"state": "haunted"})
    assert_problem(reply, 400, "haunted", "demo", "empty", "paid_orders")
    assert orders_bytes(bm) == start
    assert bm.admin_get("/state")["state"] == "demo"


def test_reset_refuses_unknown_fields(bm: BackMarketClient) -> None:
    assert_problem(bm.admin("POST", "/reset", {"sead": 1}), 400, "sead")


# -- clock --------------------------------------------------------------------------------


def test_get_clock(bm: BackMarketClient) -> None:
    clock = assert_json(bm.admin("GET", "/clock"), 200)
    assert clock == {
        "now": T0,
        "channel_now": T0,
        "channel_local_now": T0,
        "frozen": True,
        "timezone": "UTC",
        "skew_seconds": 0.0,
    }


def test_set_clock_to_an_offset_instant(bm: BackMarketClient) -> None:
    clock = assert_json(bm.admin("POST", "/clock", {"set": "2026-03-10T23:30:00-05:00"}), 200)
    assert clock["now"] == "2026-03-11T04:30:00+00:00"
    assert clock["frozen"] is True
    assert bm.admin_get("/clock")["now"] == "2026-03-11T04:30:00+00:00"


def test_advance_clock_forward_and_back(bm: BackMarketClient) -> None:
    assert assert_json(bm.admin("POST", "/clock", {"advance": "PT2H"}), 200)["now"] == (
        "2026-03-10T14:00:00+00:00"
    )
    assert assert_json(bm.admin("POST", "/clock", {"advance": "-PT30M"}), 200)["now"] == (
        "2026-03-10T13:30:00+00:00"
    )


def test_set_then_advance_in_one_request(bm: BackMarketClient) -> None:
    clock = assert_json(
        bm.admin("POST", "/clock", {"set": "2026-05-01T00:00:00Z", "advance": "P1D"}), 200
    )
    assert clock["now"] == "2026-05-02T00:00:00+00:00"


def test_unfreeze_and_freeze(bm: BackMarketClient) -> None:
    live = assert_json(bm.admin("POST", "/clock", {"freeze": False}), 200)
    assert live["frozen"] is False
    assert datetime.fromisoformat(live["now"]) >= datetime.fromisoformat(T0)
    frozen = assert_json(bm.admin("POST", "/clock", {"freeze": True}), 200)
    assert frozen["frozen"] is True
    assert bm.admin_get("/clock")["now"] == frozen["now"]
    assert bm.admin_get("/clock")["now"] == frozen["now"]


def test_freeze_at_an_instant(bm: BackMarketClient) -> None:
    bm.admin("POST", "/clock", {"freeze": False})
    clock = assert_json(
        bm.admin("POST", "/clock", {"freeze": True, "set": "2026-06-01T10:00:00Z"}), 200
    )
    assert clock["frozen"] is True
    assert clock["now"] == "2026-06-01T10:00:00+00:00"


def test_timezone_and_skew(bm: BackMarketClient) -> None:
    clock = assert_json(
        bm.admin("POST", "/clock", {"timezone": "America/New_York", "skew": "PT5M"}), 200
    )
    assert clock == {
        "now": T0,
        "channel_now": "2026-03-10T12:05:00+00:00",
        "channel_local_now": "2026-03-10T08:05:00-04:00",
        "frozen": True,
        "timezone": "America/New_York",
        "skew_seconds": 300.0,
    }
    state = bm.admin_get("/state")
    assert state["clock"]["timezone"] == "America/New_York"


def test_skew_changes_what_the_channel_records(bm: BackMarketClient) -> None:
    bm.admin("POST", "/clock", {"skew": "-PT1H"})
    bm.get("/ws/orders")
    assert bm.journal(limit=1)[0]["at"] == "2026-03-10T11:00:00+00:00"


def test_reset_restores_timezone_and_skew(bm: BackMarketClient) -> None:
    bm.admin("POST", "/clock", {"timezone": "Asia/Tokyo", "skew": "PT1M"})
    assert_json(bm.admin("POST", "/reset", {}), 200)
    clock = bm.admin_get("/clock")
    assert (clock["timezone"], clock["skew_seconds"]) == ("UTC", 0.0)


@pytest.mark.parametrize(
    ("body", "named"),
    [
        ({"advance": "two hours"}, "two hours"),
        ({"advance": "PT"}, "PT"),
        ({"skew": "soon"}, "soon"),
        ({"set": "yesterday"}, "yesterday"),
        ({"timezone": "Mars/Olympus_Mons"}, "Mars/Olympus_Mons"),
        ({"rewind": "PT1H"}, "rewind"),
    ],
)
def test_bad_clock_request_is_a_400_problem(
    bm: BackMarketClient, body: dict[str, Any], named: str
) -> None:
    assert_problem(bm.admin("POST", "/clock", body), 400, named)
    assert bm.admin_get("/clock")["now"] == T0


def test_empty_clock_request_is_a_400_problem(bm: BackMarketClient) -> None:
    assert_problem(bm.admin("POST", "/clock", {}), 400)


# -- tokens -------------------------------------------------------------------------------


def test_issue_token_generates_a_value_when_absent(bm: BackMarketClient) -> None:
    token = assert_json(bm.admin("POST", "/tokens", {"label": "generated"}), 201)
    value = token["token"]
    assert isinstance(value, str)
    assert len(value) >= 16
    assert value != bm.token
    assert token["label"] == "generated"
    assert token["status"] == "valid"
    assert token["expires_at"] is None
    assert bm.get("/ws/orders", Authorization=f"Basic {value}").status_code == 200
    assert value in [t["token"] for t in bm.admin_get("/tokens")]


def test_issue_token_with_value_and_expiry(bm: BackMarketClient) -> None:
    token = assert_json(
        bm.admin("POST", "/tokens", {"token": "tok-123456789", "expires_in": "PT1H"}), 201
    )
    assert token["token"] == "tok-123456789"
    assert token["expires_at"] == "2026-03-10T13:00:00+00:00"
    auth = "Basic tok-123456789"
    assert bm.get("/ws/orders", Authorization=auth).status_code == 200
    bm.admin("POST", "/clock", {"advance": "PT1H"})
    reply = bm.get("/ws/orders", Authorization=auth)
    assert reply.status_code == 401
    assert reply.json()["error"]["code"] == "token-expired"
    listed = [t for t in bm.admin_get("/tokens") if t["token"] == "tok-123456789"]
    assert listed[0]["status"] == "expired"


def test_issue_token_with_expires_at(bm: BackMarketClient) -> None:
    token = assert_json(
        bm.admin("POST", "/tokens", {"token": "tok-at", "expires_at": "2026-03-10T11:00:00Z"}),
        201,
    )
    assert token["status"] == "expired"


def test_expire_a_token(bm: BackMarketClient) -> None:
    token = assert_json(bm.admin("POST", f"/tokens/{bm.token}/expire"), 200)
    assert token["status"] == "expired"
    assert token["expires_at"] == T0
    reply = bm.get("/ws/orders")
    assert reply.status_code == 401
    assert reply.json()["error"]["code"] == "token-expired"


def test_renew_a_token(bm: BackMarketClient) -> None:
    bm.admin("POST", f"/tokens/{bm.token}/expire")
    token = assert_json(bm.admin("POST", f"/tokens/{bm.token}/renew", {"expires_in": "P1D"}), 200)
    assert token["status"] == "valid"
    assert token["expires_at"] == "2026-03-11T12:00:00+00:00"
    assert bm.get("/ws/orders").status_code == 200


def test_renew_without_a_body_means_never_expires(bm: BackMarketClient) -> None:
    bm.admin("POST", f"/tokens/{bm.token}/expire")
    reply = bm.session.post(f"{bm.url}/__sim/tokens/{bm.token}/renew")
    token = assert_json(reply, 200)
    assert token["status"] == "valid"
    assert token["expires_at"] is None


def test_revoke_a_token_then_renew_it(bm: BackMarketClient) -> None:
    token = assert_json(bm.admin("DELETE", f"/tokens/{bm.token}"), 200)
    assert token["revoked"] is True
    assert token["status"] == "revoked"
    reply = bm.get("/ws/orders")
    assert reply.status_code == 401
    assert reply.json()["error"]["code"] == "token-revoked"
    assert bm.token in [t["token"] for t in bm.admin_get("/tokens")]  # still known
    renewed = assert_json(bm.admin("POST", f"/tokens/{bm.token}/renew", {}), 200)
    assert (renewed["revoked"], renewed["status"]) == (False, "valid")
    assert bm.get("/ws/orders").status_code == 200


@pytest.mark.parametrize(
    ("method", "suffix"), [("POST", "/expire"), ("POST", "/renew"), ("DELETE", "")]
)
def test_unknown_token_is_a_404_problem(bm: BackMarketClient, method: str, suffix: str) -> None:
    body: dict[str, Any] | None = {} if suffix == "/renew" else None
    reply = bm.admin(method, f"/tokens/ghost-token{suffix}", body)
    assert_problem(reply, 404, "ghost-token")


def test_token_quota_on_the_virtual_clock(bm: BackMarketClient) -> None:
    token = assert_json(
        bm.admin("POST", "/tokens", {"token": "tok-quota", "quota": {"limit": 2}}), 201
    )
    assert token["quota"] == {"limit": 2, "window_seconds": 10, "block_seconds": 10}
    auth = "Basic tok-quota"
    assert [bm.get("/ws/orders", Authorization=auth).status_code for _ in range(2)] == [200, 200]
    refused = bm.get("/ws/orders", Authorization=auth)
    assert refused.status_code == 429
    assert refused.headers["retry-after"] == "10"
    bm.admin("POST", "/clock", {"advance": "PT4S"})
    assert bm.get("/ws/orders", Authorization=auth).headers["retry-after"] == "6"
    bm.admin("POST", "/clock", {"advance": "PT6S"})
    assert bm.get("/ws/orders", Authorization=auth).status_code == 200
    assert bm.get("/ws/orders").status_code == 200  # other tokens are not affected


@pytest.mark.parametrize(
    ("body", "named"),
    [
        ({"quota": {"limit": 0}}, "limit"),
        ({"expires_in": "tomorrow"}, "tomorrow"),
        ({"token": ""}, "token"),
        ({"colour": "red"}, "colour"),
    ],
)
def test_bad_token_request_is_a_400_problem(
    bm: BackMarketClient, body: dict[str, Any], named: str
) -> None:
    before = bm.admin_get("/tokens")
    assert_problem(bm.admin("POST", "/tokens", body), 400, named)
    assert bm.admin_get("/tokens") == before


# -- orders -------------------------------------------------------------------------------


def test_generate_orders(bm: BackMarketClient) -> None:
    before = order_ids(bm)
    created = assert_json(bm.admin("POST", "/orders", {"generate": 3}), 201)
    assert len(created) == 3
    new_ids = [o["order_id"] for o in created]
    assert len(set(new_ids)) == 3
    assert set(new_ids).isdisjoint(before)
    assert order_ids(bm) == sorted([*before, *new_ids], key=int)
    assert bm.admin_get("/state")["backend"]["orders"] == len(before) + 3


def test_generate_orders_with_options(bm: BackMarketClient) -> None:
    created = assert_json(bm.admin("POST", "/orders", {"generate": 2, "state": 3}), 201)
    assert [o["state"] for o in created] == [3, 3]


def test_generate_with_an_unknown_option_names_it(bm: BackMarketClient) -> None:
    before = orders_bytes(bm)
    reply = bm.admin("POST", "/orders", {"generate": 2, "flavour": "vanilla"})
    assert_problem(reply, 400, "flavour")
    assert orders_bytes(bm) == before


@pytest.mark.parametrize("count", [0, -1, 10_001, "3"])
def test_generate_refuses_a_bad_count(bm: BackMarketClient, count: Any) -> None:
    before = orders_bytes(bm)
    assert_problem(bm.admin("POST", "/orders", {"generate": count}), 400, "generate")
    assert orders_bytes(bm) == before


def test_place_one_order(bm: BackMarketClient) -> None:
    reply = bm.admin("POST", "/orders", {"state": 1, "country_code": "de-de"})
    created = assert_json(reply, 201)
    assert len(created) == 1
    order = created[0]
    assert order["state"] == 1
    assert order["country_code"] == "de-de"
    assert bm.admin_get(f"/orders/{order['order_id']}") == order
    listed = bm.get(f"/ws/orders/{order['order_id']}")
    assert listed.status_code == 200
    assert listed.json() == order


def test_place_a_list_of_orders(bm: BackMarketClient) -> None:
    reply = bm.admin("POST", "/orders", {"orders": [{"state": 1}, {"state": 3}]})
    created = assert_json(reply, 201)
    assert [o["state"] for o in created] == [1, 3]


def test_place_with_an_unknown_field_names_it(bm: BackMarketClient) -> None:
    before = orders_bytes(bm)
    reply = bm.admin("POST", "/orders", {"state": 1, "favourite_colour": "teal"})
    assert_problem(reply, 400, "favourite_colour")
    assert orders_bytes(bm) == before


def test_place_a_list_with_one_bad_order_places_none(bm: BackMarketClient) -> None:
    before = orders_bytes(bm)
    reply = bm.admin("POST", "/orders", {"orders": [{"state": 1}, {"state": 99}]})
    assert_problem(reply, 400)
    assert orders_bytes(bm) == before


def test_get_order_by_id(bm: BackMarketClient) -> None:
    order = an_order(bm, 9)
    assert assert_json(bm.admin("GET", f"/orders/{order['order_id']}"), 200) == order


def test_patch_order_state(bm: BackMarketClient) -> None:
    order = an_order(bm, 1)
    bm.admin("POST", "/clock", {"advance": "PT1H"})
    patched = assert_json(bm.admin("PATCH", f"/orders/{order['order_id']}", {"state": 3}), 200)
    assert patched["state"] == 3
    assert {line["state"] for line in patched["orderlines"]} == {2}
    assert patched["date_modification"].startswith("2026-03-10T13:00:00")
    assert bm.admin_get(f"/orders/{order['order_id']}") == patched
    assert bm.get(f"/ws/orders/{order['order_id']}").json()["state"] == 3


def test_patch_order_shipping_address(bm: BackMarketClient) -> None:
    order = an_order(bm, 1)
    patched = assert_json(
        bm.admin("PATCH", f"/orders/{order['order_id']}", {"shipping_address": {"city": "Lyon"}}),
        200,
    )
    assert patched["shipping_address"]["city"] == "Lyon"


def test_patch_with_an_unknown_field_names_it(bm: BackMarketClient) -> None:
    order = an_order(bm, 1)
    reply = bm.admin("PATCH", f"/orders/{order['order_id']}", {"price": "1.00"})
    assert_problem(reply, 400, "price")
    assert bm.admin_get(f"/orders/{order['order_id']}") == order


@pytest.mark.parametrize("ref", ["1", "99999999", "not-a-number"])
def test_unknown_order_is_a_404_problem(bm: BackMarketClient, ref: str) -> None:
    assert_problem(bm.admin("GET", f"/orders/{ref}"), 404, ref)
    assert_problem(bm.admin("PATCH", f"/orders/{ref}", {"state": 1}), 404, ref)


# -- state and credentials ----------------------------------------------------------------


def test_state_describes_the_simulator(bm: BackMarketClient) -> None:
    state = assert_json(bm.admin("GET", "/state"), 200)
    assert state["channel"] == "backmarket"
    assert state["seed"] == 0
    assert state["state"] == "demo"
    assert state["epoch"] == T0
    assert state["clock"]["now"] == T0
    assert state["clock"]["frozen"] is True
    assert state["backend"] == {
        "orders": 24,
        "orders_by_state": {"1": 18, "3": 2, "9": 2, "0": 1, "8": 1},
    }
    assert [t["token"] for t in state["tokens"]] == [bm.token]
    assert state["tokens"][0]["status"] == "valid"
    assert state["faults"] == []
    # Sequence numbers go on across resets, so last_seq depends on earlier tests.
    assert state["journal"] == {
        "entries": 0,
        "last_seq": bm.admin_get("/journal")["last_seq"],
        "dropped": 0,
        "capacity": bm.ctx.journal.maxlen,
    }


def test_state_follows_changes(bm: BackMarketClient) -> None:
    before = bm.admin_get("/state")["journal"]["last_seq"]
    bm.get("/ws/orders")
    bm.admin("POST", "/faults", {"id": "f", "operation": "get-ws-list-order", "kind": "empty"})
    bm.admin("POST", "/orders", {"generate": 1})
    state = bm.admin_get("/state")
    assert state["backend"]["orders"] == 25
    assert [f["id"] for f in state["faults"]] == ["f"]
    assert state["journal"]["entries"] == 1
    assert state["journal"]["last_seq"] == before + 1


def test_credentials(bm: BackMarketClient) -> None:
    credentials = assert_json(bm.admin("GET", "/credentials"), 200)
    assert credentials["url"] == bm.url
    token = credentials["credentials"]["token"]
    assert token == bm.admin_get("/state")["tokens"][0]["token"]
    assert bm.get("/ws/orders", Authorization=f"Basic {token}").status_code == 200


def test_credentials_offer_a_valid_token(bm: BackMarketClient) -> None:
    bm.admin("POST", "/tokens", {"token": "replacement-token-42"})
    bm.admin("POST", f"/tokens/{bm.token}/expire")
    assert bm.admin_get("/credentials")["credentials"]["token"] == "replacement-token-42"


# -- errors -------------------------------------------------------------------------------


def test_admin_errors_are_problem_documents(bm: BackMarketClient) -> None:
    assert_problem(bm.admin("GET", "/nowhere"), 404)
    assert_problem(bm.admin("PUT", "/state"), 405)
    assert_problem(bm.admin("DELETE", "/faults/none"), 404, "none")
    assert_problem(bm.admin("POST", "/faults", {"kind": "drop"}), 400, "operation")
    assert_problem(bm.admin("POST", "/clock", {"advance": "soon"}), 400, "soon")
    assert_problem(bm.admin("GET", "/orders/1"), 404, "1")


@pytest.mark.parametrize(
    "params", [{"limit": 0}, {"since": -1}, {"status": "teapot"}, {"limit": "many"}]
)
def test_bad_journal_query_is_a_400_problem(bm: BackMarketClient, params: dict[str, Any]) -> None:
    reply = bm.session.get(f"{bm.url}/__sim/journal", params=params)
    assert_problem(reply, 400, next(iter(params)))


def test_admin_needs_no_credential_and_ignores_faults(bm: BackMarketClient) -> None:
    bm.admin("POST", "/faults", {"path": "/", "kind": "drop"})
    reply = requests.get(f"{bm.url}/__sim/state", timeout=10)
    assert reply.status_code == 200
    assert requests.get(f"{bm.url}/__sim/orders", timeout=10).status_code == 200

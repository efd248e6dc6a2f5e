"""The reply cache never changes what a client observes: only repeated identical reads of an
unchanged simulator are reused, and faults, the gate and the journal still see every request."""

from __future__ import annotations

from tests.helpers import BackMarketClient

PAGE = {"page-size": 5}


def test_a_write_between_two_reads_is_seen(bm: BackMarketClient) -> None:
    first = bm.get("/ws/orders", PAGE).json()["results"][0]
    again = bm.get("/ws/orders", PAGE).json()["results"][0]
    assert again == first
    line = first["orderlines"][0]
    assert bm.update(first["order_id"], new_state=2, sku=line["listing"]).status_code == 200
    after = bm.get("/ws/orders", PAGE).json()["results"][0]
    assert after["orderlines"][0]["state"] == 2


def test_a_reset_and_a_control_plane_edit_are_seen(bm: BackMarketClient) -> None:
    order = bm.get("/ws/orders", PAGE).json()["results"][0]
    bm.admin("PATCH", f"/orders/{order['order_id']}", {"shipping_address": None})
    edited = bm.get("/ws/orders", PAGE).json()["results"][0]
    assert edited["shipping_address"] is None
    bm.admin("POST", "/reset", {})
    assert bm.get("/ws/orders", PAGE).json()["results"][0] == order


def test_an_expired_token_is_refused_even_for_a_cached_read(bm: BackMarketClient) -> None:
    assert bm.get("/ws/orders", PAGE).status_code == 200
    bm.admin("POST", f"/tokens/{bm.token}/expire")
    reply = bm.get("/ws/orders", PAGE)
    assert reply.status_code == 401
    assert reply.json()["error"]["code"] == "token-expired"


def test_a_fault_added_between_identical_reads_fires(bm: BackMarketClient) -> None:
    assert bm.get("/ws/orders", PAGE).status_code == 200
    bm.admin("POST", "/faults", {"operation": "get-ws-list-order", "status": 503, "times": 1})
    assert bm.get("/ws/orders", PAGE).status_code == 503
    assert bm.get("/ws/orders", PAGE).status_code == 200


def test_every_identical_read_is_journaled(bm: BackMarketClient) -> None:
    for _ in range(5):
        assert bm.get("/ws/orders", PAGE).status_code == 200
    entries = bm.journal(operation="get-ws-list-order")
    assert len(entries) == 5
    assert len({e["seq"] for e in entries}) == 5
    assert all(e["response_body"] == entries[0]["response_body"] for e in entries)


def test_a_cached_read_follows_the_forwarded_scheme(bm: BackMarketClient) -> None:
    """uvicorn trusts X-Forwarded-Proto from loopback; links must follow it, cache or not."""
    plain = bm.get("/ws/orders", PAGE).json()
    forwarded = bm.get("/ws/orders", PAGE, X_Forwarded_Proto="https").json()
    assert plain["next"].startswith("http://")
    assert forwarded["next"].startswith("https://")
    assert bm.get("/ws/orders", PAGE).json()["next"].startswith("http://")


def test_state_reports_how_often_reads_were_reused(bm: BackMarketClient) -> None:
    for _ in range(3):
        assert bm.get("/ws/orders", PAGE).status_code == 200
    cache = bm.admin_get("/state")["reply_cache"]
    assert cache["misses"] >= 1
    assert cache["hits"] == 2
    assert cache["entries"] >= 1

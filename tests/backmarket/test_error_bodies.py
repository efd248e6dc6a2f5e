"""Refusals of the order and orderline operations as Back Market documents them: a bare
status with an empty ``text/plain`` body; our descriptive JSON only with the setting."""

from __future__ import annotations

from typing import Any

import pytest

from tests.helpers import BackMarketClient


def paid(bm: BackMarketClient) -> dict[str, Any]:
    return bm.place(single_unit=True)


def refusals(bm: BackMarketClient) -> dict[str, Any]:
    """One refusal of each kind the order and orderline operations give."""
    order = paid(bm)
    oid, line = order["order_id"], order["orderlines"][0]
    return {
        "invalid transition": bm.update(oid, new_state=3, tracking_number="T1"),
        "refused IMEI": bm.update(oid, new_state=2, sku=line["listing"])
        and bm.update(oid, new_state=3, tracking_number="T1", imei="356938035643800"),
        "validation": bm.update(oid, new_state=2),
        "unknown order": bm.get("/ws/orders/999999999"),
        "unknown page": bm.get("/ws/orders", {"page": 99}),
        "unknown orderline": bm.patch("/ws/orderlines/1", {"imei": "356938035643809"}),
        "orderline unprocessable": bm.patch(f"/ws/orderlines/{line['id']}", {"imei": "12"}),
    }


def test_refusals_have_the_documented_empty_text_plain_body(bm: BackMarketClient) -> None:
    for what, reply in refusals(bm).items():
        assert reply.status_code in (400, 404, 422), (what, reply.status_code)
        assert reply.content == b"", what
        assert reply.headers["content-type"].startswith("text/plain"), what


@pytest.mark.sim_settings(error_bodies="descriptive")
def test_the_descriptive_setting_gives_our_codes(bm: BackMarketClient) -> None:
    codes = {what: r.json()["error"]["code"] for what, r in refusals(bm).items()}
    assert codes == {
        "invalid transition": "invalid-transition",
        "refused IMEI": "imei-refused",
        "validation": "E009",
        "unknown order": "not-found",
        "unknown page": "not-found",
        "unknown orderline": "not-found",
        "orderline unprocessable": "unprocessable-entity",
    }


def test_refusals_outside_the_order_operations_keep_their_bodies(bm: BackMarketClient) -> None:
    no_agent = bm.send("GET", "/ws/orders", User_Agent=None)
    assert no_agent.status_code == 403
    assert no_agent.json()["errors"][0]["code"] == "bot-need-challenge"
    assert no_agent.headers["cf-ray"]
    bad_token = bm.get("/ws/orders", Authorization="Basic nope")
    assert (bad_token.status_code, bad_token.json()["error"]["code"]) == (401, "invalid-token")


def test_the_setting_is_kept_by_a_reset_without_settings_and_shown_in_the_state(
    bm: BackMarketClient,
) -> None:
    bm.use_state("demo", settings={"error_bodies": "descriptive"})
    bm.use_state("empty")
    assert bm.admin_get("/state")["settings"]["error_bodies"] == "descriptive"
    assert bm.get("/ws/orders/1").json()["error"]["code"] == "not-found"
    bm.use_state("empty", settings={})
    assert bm.admin_get("/state")["settings"] == {
        "error_bodies": "documented",
        "timestamps": "varied",
        "prices": "varied",
        "rate_limit": "per_address",
    }
    assert bm.get("/ws/orders/1").content == b""


@pytest.mark.parametrize(
    ("settings", "named"),
    [
        ({"error_bodys": "descriptive"}, "error_bodys"),
        ({"error_bodies": "verbose"}, "verbose"),
        ({"timestamps": 3}, "timestamps"),
    ],
)
def test_an_unknown_setting_is_refused_and_changes_nothing(
    bm: BackMarketClient, settings: dict[str, Any], named: str
) -> None:
    before = bm.admin_get("/state")
    reply = bm.admin("POST", "/reset", {"state": "empty", "settings": settings})
    assert reply.status_code == 400
    assert named in reply.json()["detail"]
    after = bm.admin_get("/state")
    assert (after["settings"], after["backend"]) == (before["settings"], before["backend"])

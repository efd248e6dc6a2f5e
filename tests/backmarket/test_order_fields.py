"""Fields real Back Market orders carry, drawn realistically, and the platform that serves
each order."""

from __future__ import annotations

import pytest

from simulators.channels.backmarket.platforms import PLATFORMS
from tests.helpers import BackMarketClient

REAL_BRANDS = {
    "apple", "samsung", "google", "xiaomi", "dell", "lenovo", "microsoft", "hp", "sony",
    "bose", "nintendo", "belkin",
}  # fmt: skip


def test_fields_seen_in_real_responses_are_present(bm: BackMarketClient) -> None:
    orders = bm.all_orders()
    merchants = {o["merchant_id"] for o in orders}
    assert len(merchants) == 1 and isinstance(merchants.pop(), int), "one seller"
    for order in orders:
        assert {"psp_reference", "date_bill_provided"} <= set(order)
        for address in (order["billing_address"], order["shipping_address"]):
            assert address is None or "customer_id_number" in address
    paid = [o for o in orders if o["state"] in (1, 3, 9)]
    assert all(o["psp_reference"] for o in paid)
    assert all(o["date_bill_provided"] for o in orders if o["state"] == 9)
    assert all(o["date_bill_provided"] is None for o in orders if o["state"] != 9)


def test_gender_is_drawn_and_the_same_on_both_addresses(bm: BackMarketClient) -> None:
    orders = bm.all_orders()
    assert {o["billing_address"]["gender"] for o in orders} == {0, 1}
    for order in orders:
        if order["shipping_address"]:
            assert order["shipping_address"]["gender"] == order["billing_address"]["gender"]


def test_backcare_price_goes_with_backcare_and_brands_are_makers(bm: BackMarketClient) -> None:
    lines = [line for o in bm.all_orders() for line in o["orderlines"]]
    assert {line["backcare"] for line in lines} == {True, False}
    for line in lines:
        assert (line["backcare_price"] > 0) == line["backcare"], line
        assert line["brand"] in REAL_BRANDS, line["product"]


@pytest.mark.parametrize(("language", "platform"), [("fr-fr", "EU"), ("en-us", "US"),
                                                    ("ja-jp", "AP"), ("en-au", "AP")])  # fmt: skip
def test_orders_are_served_only_on_their_countrys_platform(
    bm: BackMarketClient, language: str, platform: str
) -> None:
    us = bm.place(country_code="en-us")
    jp = bm.place(country_code="ja-jp")
    listed = bm.get("/ws/orders", {"page-size": 50}, Accept_Language=language).json()["results"]
    assert listed
    assert {o["country_code"] for o in listed} <= PLATFORMS[platform]
    for order in (us, jp):
        mine = order["country_code"] in PLATFORMS[platform]
        read = bm.get(f"/ws/orders/{order['order_id']}", Accept_Language=language)
        assert read.status_code == (200 if mine else 404)
        oid, sku = order["order_id"], order["orderlines"][0]["listing"]
        body = {"order_id": oid, "new_state": 2, "sku": sku}
        accept = bm.post(f"/ws/orders/{oid}", body, Accept_Language=language)
        assert accept.status_code == (200 if mine else 404)


@pytest.mark.parametrize("language", ["fr", "fr-FR-x", "xx-xx", "en-ca"])
def test_accept_language_must_be_a_documented_country_code(
    bm: BackMarketClient, language: str
) -> None:
    reply = bm.get("/ws/orders", Accept_Language=language)
    assert reply.status_code == 400
    assert reply.content == b""


def test_an_order_cannot_be_placed_in_a_country_no_platform_serves(bm: BackMarketClient) -> None:
    reply = bm.admin("POST", "/orders", {"country_code": "fr-ca"})
    assert reply.status_code == 400
    assert "country_code" in reply.json()["detail"]

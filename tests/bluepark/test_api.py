"""The Bluepark API over real HTTP: auth, the website outside /api/v1, listing, count, update."""

from __future__ import annotations

import base64
from typing import Any

import requests

from tests.helpers import BlueparkClient

STATUSES = ("Awaiting Payment", "Pending", "On Hold", "Completed", "Cancelled", "Refunded")


def assert_error(reply: requests.Response, status: int, code: str, field: str | None = None) -> str:
    """The reply is Bluepark's error shape with this status, code and (when given) field."""
    assert reply.status_code == status, reply.text
    assert reply.headers["content-type"].startswith("application/json")
    body = reply.json()
    assert body["code"] == status
    assert body["error"] == code
    assert body["message"]
    if field is not None:
        assert body["field"] == field, body
    message: str = body["message"]
    return message


def every_page(bp: BlueparkClient, limit: int, **params: Any) -> list[list[dict[str, Any]]]:
    """Pages from 1 until one holds fewer than ``limit`` orders."""
    pages: list[list[dict[str, Any]]] = []
    while not pages or len(pages[-1]) == limit:
        assert len(pages) < 200, "the pages never end"
        reply = bp.get("/orders", {"limit": limit, "page": len(pages) + 1, **params})
        assert reply.status_code == 200, reply.text
        pages.append(reply.json()["orders"])
    return pages


# -- auth and the edge ----------------------------------------------------------------------
def test_basic_auth_with_the_api_username_and_key_is_accepted(bp: BlueparkClient) -> None:
    reply = bp.get("/orders/count")
    assert reply.status_code == 200, reply.text
    assert reply.json() == {"count": 24}


def test_credentials_are_the_api_access_url_ending_in_api_v1_and_the_user_and_key(
    bp: BlueparkClient,
) -> None:
    issued = bp.admin("GET", "/credentials").json()
    assert issued["url"] == bp.running.base_url + "/api/v1"
    assert issued["credentials"] == {"api_username": "shipstation", "api_key": bp.key}


def test_wrong_key_wrong_username_or_no_auth_is_401_with_a_basic_challenge(
    bp: BlueparkClient,
) -> None:
    for auth in ((bp.username, "0" * 32), ("someone", bp.key), None):
        reply = bp.get("/orders", auth=auth)
        assert_error(reply, 401, "unauthorized")
        assert reply.headers["www-authenticate"] == 'Basic realm="Bluepark API"'


def test_a_malformed_authorization_header_is_401(bp: BlueparkClient) -> None:
    for header in (
        "Basic !!!not-base64",
        "Bearer abc",
        "Basic " + base64.b64encode(b"nocolon").decode(),
    ):
        reply = bp.get("/orders", auth=None, headers={"Authorization": header})
        assert_error(reply, 401, "unauthorized")


def test_a_revoked_key_is_refused_and_the_journal_masks_it(bp: BlueparkClient) -> None:
    assert bp.admin("DELETE", f"/tokens/{bp.key}").status_code == 200
    assert_error(bp.get("/orders"), 401, "unauthorized")
    entry = bp.admin("GET", "/journal").json()["entries"][-1]
    assert entry["status"] == 401
    encoded = base64.b64encode(f"{bp.username}:{bp.key}".encode()).decode()
    assert encoded not in str(entry), "the journal must not show the API key"


def test_outside_api_v1_the_shop_answers_its_html_page_not_found_without_asking_auth(
    bp: BlueparkClient,
) -> None:
    for path in ("/orders", "/api/v2/orders", "/api/orders", "/"):
        reply = bp.session.get(bp.running.base_url + path)
        assert reply.status_code == 404
        assert reply.headers["content-type"].startswith("text/html")
        assert "Page not found" in reply.text


def test_an_unknown_path_or_method_inside_the_api_is_json(bp: BlueparkClient) -> None:
    assert_error(bp.get("/orderz"), 404, "not_found")
    order_id = bp.all_orders()[0]["id"]
    assert_error(bp.request("DELETE", f"/orders/{order_id}"), 405, "method_not_allowed")


# -- listing ----------------------------------------------------------------------------------
def test_pages_hold_every_order_once_newest_first_and_a_page_past_the_end_is_empty(
    bp: BlueparkClient,
) -> None:
    bp.use_state("pending_orders", count=57)
    pages = every_page(bp, 20)
    assert [len(p) for p in pages] == [20, 20, 17]
    listed = [o for page in pages for o in page]
    assert len({o["id"] for o in listed}) == 57
    created = [o["date_created"] for o in listed]
    assert created == sorted(created, reverse=True)
    past = bp.get("/orders", {"limit": 20, "page": 9})
    assert past.status_code == 200 and past.json() == {"orders": []}


def test_limit_is_1_to_100_and_page_from_1(bp: BlueparkClient) -> None:
    assert_error(bp.get("/orders", {"limit": 101}), 400, "bad_request", "limit")
    assert_error(bp.get("/orders", {"limit": 0}), 400, "bad_request", "limit")
    assert_error(bp.get("/orders", {"page": 0}), 400, "bad_request", "page")
    assert len(bp.get("/orders").json()["orders"]) == 24  # default 50


def test_status_filter_is_exact_and_an_unknown_status_names_the_field(bp: BlueparkClient) -> None:
    for status in STATUSES:
        listed = bp.get("/orders", {"status": status}).json()["orders"]
        assert listed and {o["status"] for o in listed} == {status}
        assert bp.get("/orders/count", {"status": status}).json() == {"count": len(listed)}
    assert_error(bp.get("/orders", {"status": "pending"}), 400, "bad_request", "status")


def test_modified_and_created_bounds_are_inclusive(bp: BlueparkClient) -> None:
    bp.use_state("empty")
    bp.place(id=7001, date_created="2026-03-10T08:00:00Z")
    bp.place(id=7002, date_created="2026-03-10T09:00:00Z")
    bounds = {"created_from": "2026-03-10T09:00:00+00:00", "created_to": "2026-03-10T10:00:00Z"}
    assert [o["id"] for o in bp.get("/orders", bounds).json()["orders"]] == [7002]
    upto = {"created_to": "2026-03-10T08:00:00Z"}
    assert [o["id"] for o in bp.get("/orders", upto).json()["orders"]] == [7001]
    # placed through the control plane: both appear (are modified) now, at 12:00
    assert bp.get("/orders/count", {"modified_from": "2026-03-10T12:00:00Z"}).json() == {"count": 2}
    later = {"modified_from": "2026-03-10T12:00:01Z"}
    assert bp.get("/orders/count", later).json() == {"count": 0}


def test_a_date_filter_that_is_no_instant_names_the_field(bp: BlueparkClient) -> None:
    for field in ("created_from", "created_to", "modified_from", "modified_to"):
        assert_error(bp.get("/orders", {field: "yesterday"}), 400, "bad_request", field)
        assert_error(bp.get("/orders/count", {field: "10/03/2026"}), 400, "bad_request", field)


def test_an_order_is_a_uk_order_in_pounds_with_vat_and_its_checkout_choices(
    bp: BlueparkClient,
) -> None:
    order = bp.place(
        id=7100,
        date_created="2026-03-10T08:00:00Z",
        delivery_date="2026-03-13",
        items=[
            {"sku": "SW-AW9-45-MID-A", "unit_price": "240.00", "quantity": 1, "weight": "0.052"}
        ],
        coupons=[{"code": "SPRING10", "amount": "24.00"}],
    )
    shown = bp.get("/orders/7100").json()
    assert shown == order
    assert shown["currency"] == "GBP" and shown["prices_include_vat"] is True
    assert shown["delivery_date"] == "2026-03-13"
    assert shown["coupons"] == [{"code": "SPRING10", "amount": "24.00"}]
    assert shown["discount_total"] == "24.00"
    total = float(shown["sub_total"]) + float(shown["delivery_total"]) - 24.00
    assert shown["grand_total"] == f"{total:.2f}"
    assert shown["vat_total"] == f"{total / 6:.2f}"  # 20% VAT inside the price
    item = shown["items"][0]
    assert (item["sku"], item["weight"], item["vat_rate"]) == ("SW-AW9-45-MID-A", "0.052", "20.00")
    assert shown["shipping_address"]["country"] == "GB"
    assert set(shown["shipping_address"]) >= {"address_line_1", "town", "postcode", "county"}


def test_an_unknown_order_is_404(bp: BlueparkClient) -> None:
    message = assert_error(bp.get("/orders/999"), 404, "not_found")
    assert "999" in message


# -- update ------------------------------------------------------------------------------------
def pending_id(bp: BlueparkClient) -> int:
    order_id: int = bp.get("/orders", {"status": "Pending", "limit": 1}).json()["orders"][0]["id"]
    return order_id


def test_a_chunked_body_is_read_like_any_other(bp: BlueparkClient) -> None:
    """A body sent in chunks (no Content-Length) is the body: connexion's own path took it
    for a missing one and refused the update."""
    order_id = pending_id(bp)
    chunks = iter([b'{"status": "Completed", ', b'"tracking_number": "JD0009"}'])
    reply = bp.request(
        "PUT", f"/orders/{order_id}", data=chunks, headers={"Content-Type": "application/json"}
    )
    assert reply.status_code == 200, reply.text
    assert bp.get(f"/orders/{order_id}").json()["tracking_number"] == "JD0009"


def test_a_body_without_a_content_type_is_read_as_the_operations_json(
    bp: BlueparkClient,
) -> None:
    """No Content-Type: the operation's only media type (JSON), validated against its schema;
    connexion's own path validated it so, then handed the handler raw bytes (a 500)."""
    order_id = pending_id(bp)
    body = b'{"status": "Completed", "tracking_number": "JD0010"}'
    reply = bp.request("PUT", f"/orders/{order_id}", data=body)
    assert reply.status_code == 200, reply.text
    refused = bp.request("PUT", f"/orders/{order_id}", data=b'{"status": "Done"}')
    assert_error(refused, 400, "bad_request", "status")


def test_completing_an_order_sets_tracking_and_the_dispatch_date(bp: BlueparkClient) -> None:
    order_id = pending_id(bp)
    reply = bp.put(f"/orders/{order_id}", {"status": "Completed", "tracking_number": "JD0001"})
    assert reply.status_code == 200, reply.text
    order = reply.json()
    assert (order["status"], order["tracking_number"], order["courier"]) == (
        "Completed", "JD0001", None,
    )  # fmt: skip
    assert order["date_dispatched"] == order["date_modified"] == "2026-03-10T12:00:00+00:00"
    assert bp.get(f"/orders/{order_id}").json() == order
    again = bp.put(f"/orders/{order_id}", {"status": "Completed", "tracking_number": "JD0002"})
    assert again.json()["tracking_number"] == "JD0002"  # a corrected tracking number


def test_a_closed_order_refuses_a_new_status_and_nothing_changes(bp: BlueparkClient) -> None:
    cancelled = bp.get("/orders", {"status": "Cancelled"}).json()["orders"][0]
    reply = bp.put(f"/orders/{cancelled['id']}", {"status": "Completed", "tracking_number": "X"})
    message = assert_error(reply, 422, "invalid_status", "status")
    assert message == f"Order {cancelled['id']} is Cancelled; it cannot become Completed."
    assert bp.get(f"/orders/{cancelled['id']}").json() == cancelled


def test_an_update_names_a_field_bluepark_does_not_take(bp: BlueparkClient) -> None:
    order_id = pending_id(bp)
    before = bp.get(f"/orders/{order_id}").json()
    for body, field in (
        ({"status": "Completed", "carrier": "DPD"}, "carrier"),
        ({"status": "Shipped"}, "status"),
        ({"tracking_number": ""}, "tracking_number"),
    ):
        assert_error(bp.put(f"/orders/{order_id}", body), 400, "bad_request", field)
    assert_error(bp.put(f"/orders/{order_id}", {}), 400, "bad_request")
    bad_json = bp.request(
        "PUT", f"/orders/{order_id}", data="{not json", headers={"Content-Type": "application/json"}
    )
    assert_error(bad_json, 400, "bad_request")
    assert bp.get(f"/orders/{order_id}").json() == before


def test_updating_an_unknown_order_is_404(bp: BlueparkClient) -> None:
    assert_error(bp.put("/orders/999", {"status": "Completed"}), 404, "not_found")


def test_a_mistyped_filter_is_refused_naming_it_not_ignored(bp: BlueparkClient) -> None:
    reply = bp.get("/orders", {"modifed_from": "2026-03-10T00:00:00Z"})
    assert "modifed_from" in assert_error(reply, 400, "bad_request", "modifed_from")

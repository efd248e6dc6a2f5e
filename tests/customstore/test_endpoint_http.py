"""The Custom Store endpoint over real HTTP: auth, the export window and pages, refusals."""

from __future__ import annotations

import base64
from typing import Any

import pytest
from lxml import etree

from tests.customstore.conftest import StoreClient


def _error(reply: Any) -> tuple[str, str]:
    root = etree.fromstring(reply.content)
    assert root.tag == "Error"
    return str(root.findtext("Code")), str(root.findtext("Message"))


def test_basic_auth_and_ss_query_credentials_both_work(wsm: StoreClient):
    assert wsm.export().status_code == 200
    user, password = wsm.auth
    reply = wsm.export(auth=None, **{"SS-UserName": user, "SS-Password": password})
    assert reply.status_code == 200


@pytest.mark.parametrize("how", ["none", "wrong password", "wrong user", "garbled basic"])
def test_refusal_is_401_with_a_basic_challenge_and_xml(wsm: StoreClient, how):
    user, password = wsm.auth
    if how == "garbled basic":
        reply = wsm.session.get(
            wsm.url, params={"action": "export", "start_date": "01/01/2026 00:00",
                             "end_date": "01/02/2026 00:00"},
            headers={"Authorization": "Basic !!notbase64"},
        )  # fmt: skip
    else:
        auth = {"none": None, "wrong password": (user, "nope"), "wrong user": ("x", password)}
        reply = wsm.export(auth=auth[how])
    assert reply.status_code == 401
    assert reply.headers["www-authenticate"] == 'Basic realm="Web Shop Manager"'
    assert reply.headers["content-type"].startswith("text/xml")
    assert _error(reply)[0] == "unauthorized"


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"start_date": "yesterday"}, "start_date"),
        ({"end_date": "02/30/2026 10:00"}, "end_date"),
        ({"start_date": "03/10/2026 10:00", "end_date": "03/09/2026 10:00"}, "end_date"),
        ({"page": "0"}, "page"),
        ({"page": "-1"}, "page"),
        ({"page": "two"}, "page"),
        ({"page": "99999999"}, "page"),
        ({"start_date": ""}, "start_date"),
        ({"action": "shipnotify"}, "action"),
    ],
)
def test_a_window_or_page_that_makes_no_sense_is_a_clear_400(wsm: StoreClient, params, field):
    reply = wsm.export(**params)
    assert reply.status_code == 400, reply.text
    code, message = _error(reply)
    assert code == "bad-request" and message.startswith(f"{field}:")


def test_missing_end_date_is_a_clear_400(wsm: StoreClient):
    reply = wsm.session.get(
        wsm.url, params={"action": "export", "start_date": "01/01/2026 00:00"}, auth=wsm.auth
    )
    assert reply.status_code == 400 and "end_date" in _error(reply)[1]


def test_pages_of_100_and_a_page_past_the_last(wsm: StoreClient):
    wsm.use_state("orders", count=250)
    numbers = []
    for page in (1, 2, 3):
        root = etree.fromstring(wsm.export(page=str(page)).content)
        assert root.get("pages") == "3"
        numbers += [o.findtext("OrderNumber") for o in root.findall("Order")]
    assert len(numbers) == 250 and len(set(numbers)) == 250
    past = etree.fromstring(wsm.export(page="4").content)
    assert past.get("pages") == "3" and past.findall("Order") == []


def test_the_window_is_on_last_modified_whatever_the_status(wsm: StoreClient):
    wsm.place({"number": "OLD", "status": "Cancelled", "order_date": "2026-01-05T10:00:00Z",
               "modified": "2026-01-05T10:00:00Z"})  # fmt: skip
    wsm.place({"number": "NEW", "status": "Shipped", "order_date": "2026-01-05T10:00:00Z"})
    window = {"start_date": "03/10/2026 11:00", "end_date": "03/10/2026 12:00"}
    root = etree.fromstring(wsm.export(**window).content)
    assert [o.findtext("OrderNumber") for o in root.findall("Order")] == ["NEW"]
    assert root.get("pages") == "1"
    wsm.admin("POST", "/clock", {"advance": "PT2H"})
    wsm.admin("PATCH", "/orders/OLD", {"status": "Refunded"})
    later = {"start_date": "03/10/2026 13:59", "end_date": "03/10/2026 14:00"}
    root = etree.fromstring(wsm.export(**later).content)
    assert [o.findtext("OrderStatus") for o in root.findall("Order")] == ["Refunded"]


def test_empty_window_is_pages_zero(wsm: StoreClient):
    root = etree.fromstring(wsm.export().content)
    assert root.tag == "Orders" and root.get("pages") == "0" and len(root) == 0


def test_journal_names_the_action(wsm: StoreClient):
    wsm.export()
    wsm.export(action="shipnotify")
    entries = wsm.admin("GET", "/journal").json()["entries"]
    assert [e["operation"] for e in entries[-2:]] == ["export", None]


def test_config_out_is_the_endpoint_the_merchant_types(wsm: StoreClient, spark: StoreClient):
    for client, user in ((wsm, "ACMEAUTOShipStation"), (spark, "spark-vendor-shipstation")):
        issued = client.admin("GET", "/credentials").json()
        assert issued["url"] == client.running.base_url + "/api/shipstation"
        assert issued["credentials"]["username"] == user
        token = base64.b64encode(":".join(client.auth).encode()).decode()
        headers = {"Authorization": f"Basic {token}"}
        params = {
            "action": "export",
            "start_date": "01/01/2026 00:00",
            "end_date": "01/02/2026 00:00",
        }
        assert client.session.get(issued["url"], params=params, headers=headers).status_code == 200


def test_an_export_repeated_unchanged_is_served_again_and_a_notice_refreshes_it(
    wsm: StoreClient,
):
    wsm.place({"number": "C1", "lines": [{"line_id": "L1", "quantity": 1}]})
    first = wsm.export()
    again = wsm.export()
    assert again.content == first.content
    assert wsm.admin("GET", "/state").json()["reply_cache"]["hits"] >= 1
    notice = b"<ShipNotice><OrderNumber>C1</OrderNumber></ShipNotice>"
    assert wsm.notify("C1", notice).status_code == 200
    status = etree.fromstring(wsm.export().content).findtext("Order/OrderStatus")
    assert status == "Shipped"


def test_some_orders_suggest_a_package_size(wsm: StoreClient):
    wsm.use_state("orders", count=40)
    root = etree.fromstring(wsm.export().content)
    boxes = root.findall("Order/Dimensions")
    assert boxes and all(b.findtext("DimensionUnits") == "Inch" for b in boxes)
    assert len(boxes) < len(root.findall("Order"))


def test_the_journal_masks_the_password_in_the_query(wsm: StoreClient):
    user, password = wsm.auth
    wsm.export(auth=None, **{"SS-UserName": user, "SS-Password": password})
    entry = wsm.admin("GET", "/journal").json()["entries"][-1]
    assert password not in entry["query"] and user in entry["query"]


def test_an_unknown_query_parameter_is_ignored_quietly(
    wsm: StoreClient, caplog: pytest.LogCaptureFixture
):
    wsm.use_state("orders", count=3)
    with caplog.at_level("WARNING"):
        reply = wsm.export(page=1, cache_buster="17")
    assert reply.status_code == 200 and b"<Order>" in reply.content
    assert not [r for r in caplog.records if r.levelname in ("WARNING", "ERROR")]


@pytest.mark.parametrize(
    ("content_type", "body"),
    [("multipart/form-data", b"--x"), ("application/x-www-form-urlencoded", b"a=1"),
     ("", b""), ("application/json", b"{")],
    ids=["multipart-without-boundary", "form", "empty-content-type", "broken-json"],
)  # fmt: skip
def test_an_export_is_answered_whatever_body_it_carries(
    wsm: StoreClient, content_type: str, body: bytes
):
    """The export defines no body: a store's script never reads one, so a body or a
    Content-Type a GET happens to carry changes nothing (never a 4xx/5xx for it)."""
    wsm.place({"number": "B1", "modified": "2026-03-10T11:30:00Z"})
    query = {"action": "export", "start_date": "01/01/2026 00:00", "end_date": "12/31/2026 23:59"}
    odd = wsm.session.get(wsm.url, params=query, auth=wsm.auth, data=body,
                          headers={"Content-Type": content_type})  # fmt: skip
    plain = wsm.export(page="1")  # another query: not the reply just cached
    assert (odd.status_code, odd.content) == (200, plain.content)

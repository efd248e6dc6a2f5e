"""Bad requests get Back Market's 4xx error shapes, never a 5xx, and change nothing."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import requests

from tests.helpers import BackMarketClient

#: These tests read the codes of the descriptive error bodies; the documented empty bodies
#: (the default) are checked in test_error_bodies.py.
pytestmark = pytest.mark.sim_settings(error_bodies="descriptive")

SAMPLE = (
    Path(__file__).resolve().parents[1]
    / "fixtures"
    / "samples"
    / "backmarket-order-update-request-example.json"
)

Call = Callable[[BackMarketClient, dict[str, Any]], requests.Response]


@dataclass(frozen=True)
class Case:
    """One bad request: what it sends and the refusal it must get."""

    name: str
    call: Call
    status: int
    code: str
    field: str | None = None


def oid(order: dict[str, Any]) -> int:
    value: int = order["order_id"]
    return value


def sku(order: dict[str, Any]) -> str:
    value: str = order["orderlines"][0]["listing"]
    return value


def line_id(order: dict[str, Any]) -> int:
    value: int = order["orderlines"][0]["id"]
    return value


def raw_post(data: str | bytes, content_type: str = "application/json") -> Call:
    def call(bm: BackMarketClient, order: dict[str, Any]) -> requests.Response:
        return bm.send("POST", f"/ws/orders/{oid(order)}", data=data, content_type=content_type)

    return call


def post(body: Callable[[dict[str, Any]], Any]) -> Call:
    def call(bm: BackMarketClient, order: dict[str, Any]) -> requests.Response:
        reply: requests.Response = bm.post(f"/ws/orders/{oid(order)}", body(order))
        return reply

    return call


def listing(**params: Any) -> Call:
    def call(bm: BackMarketClient, order: dict[str, Any]) -> requests.Response:
        reply: requests.Response = bm.get("/ws/orders", params)
        return reply

    return call


def method(verb: str, path: Callable[[dict[str, Any]], str], body: Any = None) -> Call:
    def call(bm: BackMarketClient, order: dict[str, Any]) -> requests.Response:
        return bm.send(verb, path(order), body=body)

    return call


def accept(order: dict[str, Any], **changes: Any) -> dict[str, Any]:
    """A valid accept request for the order, with ``changes`` applied."""
    return {"order_id": oid(order), "new_state": 2, "sku": sku(order), **changes}


def ship_accepted(bm: BackMarketClient, **changes: Any) -> requests.Response:
    """Ship a demo order whose lines are all accepted, with ``changes`` to a valid request."""
    order = next(o for o in bm.all_orders() if o["state"] == 3)
    body = {"order_id": oid(order), "new_state": 3, "tracking_number": "T", **changes}
    reply: requests.Response = bm.post(f"/ws/orders/{oid(order)}", body)
    return reply


VALID_IMEI = "490154203237518"

CASES = [
    # -- bodies that are not a JSON object
    Case("malformed JSON", raw_post('{"new_state": '), 400, "E009", "non_field_errors"),
    Case("truncated JSON", raw_post('{"order_id": 1'), 400, "E009", "non_field_errors"),
    Case("JSON list body", raw_post("[1, 2]"), 400, "E009", "non_field_errors"),
    Case("JSON string body", raw_post('"accept"'), 400, "E009", "non_field_errors"),
    Case("JSON null body", raw_post("null"), 400, "E009", "non_field_errors"),
    Case("empty body", raw_post(""), 400, "E009", "non_field_errors"),
    Case("not UTF-8", raw_post(b'{"sku": "\xe9"}'), 400, "E009", "non_field_errors"),
    # -- wrong types and values in the body
    Case(
        "order_id a string",
        post(lambda o: accept(o, order_id="x")),
        400,
        "E009",
        "order_id",
    ),
    Case("order_id a float", post(lambda o: accept(o, order_id=1.5)), 400, "E009", "order_id"),
    Case(
        "order_id missing",
        post(lambda o: {"new_state": 2, "sku": sku(o)}),
        400,
        "E009",
        "order_id",
    ),
    Case("new_state missing", post(lambda o: {"order_id": oid(o)}), 400, "E009", "new_state"),
    Case("new_state 99", post(lambda o: accept(o, new_state=99)), 400, "E009", "new_state"),
    Case("new_state a string", post(lambda o: accept(o, new_state="2")), 400, "E009", "new_state"),
    Case("new_state null", post(lambda o: accept(o, new_state=None)), 400, "E009", "new_state"),
    Case("sku a number", post(lambda o: accept(o, sku=123)), 400, "E009", "sku"),
    Case(
        "return_reason not a reason",
        post(lambda o: {"order_id": oid(o), "new_state": 6, "return_reason": 2}),
        400,
        "E009",
        "return_reason",
    ),
    Case(
        "tracking_number too long",
        post(lambda o: {"order_id": oid(o), "new_state": 3, "tracking_number": "T" * 201}),
        400,
        "E009",
        "tracking_number",
    ),
    Case(
        "date_shipping not a date",
        lambda bm, o: ship_accepted(bm, date_shipping="tomorrow"),
        400,
        "E009",
        "date_shipping",
    ),
    # -- wrong query parameters
    Case("page=abc", listing(page="abc"), 400, "E009", "page"),
    Case("page-size=abc", listing(**{"page-size": "abc"}), 400, "E009", "page-size"),
    Case("page=1.5", listing(page="1.5"), 400, "E009", "page"),
    Case("state=abc", listing(state="abc"), 400, "E009", "state"),
    Case("state=2 (not an order state)", listing(state=2), 400, "E009", "state"),
    Case("country_code=xx-xx", listing(country_code="xx-xx"), 400, "E009", "country_code"),
    Case("date_creation=garbage", listing(date_creation="garbage"), 400, "E009", "date_creation"),
    Case(
        "date_modification=garbage",
        listing(date_modification="garbage"),
        400,
        "E009",
        "date_modification",
    ),
    # -- headers the API requires
    Case(
        "no Accept-Language",
        lambda bm, o: bm.get("/ws/orders", Accept_Language=None),
        400,
        "E009",
        "Accept-Language",
    ),
    # -- ids and paths
    Case("GET path id abc", method("GET", lambda o: "/ws/orders/abc"), 404, "not-found"),
    Case(
        "POST path id abc",
        method("POST", lambda o: "/ws/orders/abc", {"order_id": 1, "new_state": 2}),
        404,
        "not-found",
    ),
    Case(
        "PATCH orderline id abc",
        method("PATCH", lambda o: "/ws/orderlines/abc", {"imei": VALID_IMEI}),
        404,
        "not-found",
    ),
    Case("GET unknown order", method("GET", lambda o: "/ws/orders/12345"), 404, "not-found"),
    Case(
        "POST unknown order",
        method("POST", lambda o: "/ws/orders/12345", {"order_id": 12345, "new_state": 2}),
        404,
        "not-found",
    ),
    Case(
        "PATCH unknown orderline",
        method("PATCH", lambda o: "/ws/orderlines/12345", {"imei": VALID_IMEI}),
        404,
        "not-found",
    ),
    Case(
        "PATCH orderline imei a number",
        lambda bm, o: bm.patch(f"/ws/orderlines/{line_id(o)}", {"imei": 490154203237518}),
        400,
        "E009",
        "imei",
    ),
    Case(
        "PATCH orderline list body",
        lambda bm, o: bm.patch(f"/ws/orderlines/{line_id(o)}", [{"imei": VALID_IMEI}]),
        400,
        "E009",
        "non_field_errors",
    ),
    Case("unknown path", method("GET", lambda o: "/ws/nothing"), 404, "not-found"),
    Case(
        "unknown sub-path",
        method("GET", lambda o: f"/ws/orders/{oid(o)}/orderlines"),
        404,
        "not-found",
    ),
    Case("unknown orderlines list", method("GET", lambda o: "/ws/orderlines"), 404, "not-found"),
    # -- wrong methods
    Case(
        "DELETE an order",
        method("DELETE", lambda o: f"/ws/orders/{oid(o)}"),
        405,
        "method-not-allowed",
    ),
    Case(
        "PUT an order",
        method("PUT", lambda o: f"/ws/orders/{oid(o)}", {"order_id": 1, "new_state": 2}),
        405,
        "method-not-allowed",
    ),
    Case(
        "PATCH an order",
        method("PATCH", lambda o: f"/ws/orders/{oid(o)}", {"order_id": 1, "new_state": 2}),
        405,
        "method-not-allowed",
    ),
    Case("POST the list", method("POST", lambda o: "/ws/orders", {}), 405, "method-not-allowed"),
    Case(
        "GET an orderline",
        method("GET", lambda o: f"/ws/orderlines/{line_id(o)}"),
        405,
        "method-not-allowed",
    ),
    # -- not JSON at all
    Case(
        "text/plain body",
        raw_post('{"order_id": 1, "new_state": 2}', "text/plain"),
        415,
        "unsupported-media-type",
    ),
    Case(
        "form-encoded body",
        raw_post("order_id=1&new_state=2", "application/x-www-form-urlencoded"),
        415,
        "unsupported-media-type",
    ),
    Case(
        "XML body",
        raw_post("<order><order_id>1</order_id></order>", "application/xml"),
        415,
        "unsupported-media-type",
    ),
    Case(
        "PATCH orderline as text/plain",
        lambda bm, o: bm.send(
            "PATCH",
            f"/ws/orderlines/{line_id(o)}",
            data=json.dumps({"imei": VALID_IMEI}),
            content_type="text/plain",
        ),
        415,
        "unsupported-media-type",
    ),
]


def paid_order(bm: BackMarketClient) -> dict[str, Any]:
    """A listed demo order whose first line waits to be accepted."""
    return next(o for o in bm.all_orders() if o["state"] == 1)


def assert_envelope(reply: requests.Response, case: Case) -> None:
    assert reply.status_code < 500, f"{case.name}: {reply.status_code} {reply.text}"
    assert reply.status_code == case.status, f"{case.name}: {reply.text}"
    body = reply.json()
    assert set(body["error"]) == {"code", "message"}
    assert body["error"]["code"] == case.code
    assert isinstance(body["error"]["message"], str)
    assert body["error"]["message"]
    if case.field is None:
        assert set(body) == {"error"}
        return
    assert set(body) == {"error", "data"}
    assert body["error"]["message"] == "Validation error"
    assert set(body["data"]) == {"fields"}
    fields = body["data"]["fields"]
    assert list(fields) == [case.field]
    assert isinstance(fields[case.field], list)
    assert all(isinstance(m, str) and m for m in fields[case.field])


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_bad_request_gets_the_channel_error_shape(bm: BackMarketClient, case: Case) -> None:
    order = paid_order(bm)
    reply = case.call(bm, order)
    assert_envelope(reply, case)
    journaled = bm.journal()[-1]
    assert journaled["status"] == case.status


def test_bad_requests_change_nothing(bm: BackMarketClient) -> None:
    order = paid_order(bm)
    admin_before = bm.all_orders()
    listed_before = bm.get("/ws/orders", {"page-size": 50}).json()
    bm.advance("PT1H")  # a leaked date_modification would show

    statuses = [case.call(bm, order).status_code for case in CASES]

    assert all(400 <= status < 600 for status in statuses)
    assert bm.all_orders() == admin_before
    assert bm.get("/ws/orders", {"page-size": 50}).json() == listed_before


SINGLE_CONTENT_TYPE = ["malformed JSON", "page=abc", "GET unknown order", "DELETE an order"]


@pytest.mark.parametrize("name", SINGLE_CONTENT_TYPE)
def test_error_responses_have_one_json_content_type(bm: BackMarketClient, name: str) -> None:
    case = next(c for c in CASES if c.name == name)
    reply = case.call(bm, paid_order(bm))
    assert reply.status_code == case.status
    assert reply.raw.headers.getlist("Content-Type") == ["application/json"]


def test_gate_errors_have_one_json_content_type(bm: BackMarketClient) -> None:
    for reply in (
        bm.get("/ws/orders", Authorization="Basic nope"),
        bm.send("GET", "/ws/orders", User_Agent=None),
    ):
        assert reply.raw.headers.getlist("Content-Type") == ["application/json"]


# -- the real sample request ----------------------------------------------------------------
def sample_body() -> dict[str, Any]:
    body: dict[str, Any] = json.loads(SAMPLE.read_text(encoding="utf-8"))
    return body


def test_the_sample_request_body_is_what_the_docs_show() -> None:
    body = sample_body()
    assert (body["order_id"], body["new_state"]) == (5978, 1)


def test_the_real_sample_request_is_a_validation_error_on_new_state(
    bm: BackMarketClient,
) -> None:
    order = paid_order(bm)
    before = bm.all_orders()
    bm.advance("PT1H")
    body = {**sample_body(), "order_id": oid(order)}
    reply = bm.post(f"/ws/orders/{oid(order)}", body)
    assert_envelope(reply, Case("sample", raw_post(""), 400, "E009", "new_state"))
    assert bm.all_orders() == before


def test_the_real_sample_request_on_its_own_order_id_is_not_found(
    bm: BackMarketClient,
) -> None:
    before = bm.all_orders()
    reply = bm.post("/ws/orders/5978", sample_body())
    assert_envelope(reply, Case("sample", raw_post(""), 404, "not-found"))
    assert reply.json()["error"]["message"] == "The order 5978 doesn't exist."
    assert bm.all_orders() == before

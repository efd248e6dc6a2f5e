"""Fault rules over real HTTP: what a client of the Back Market simulator sees when one fires."""

from __future__ import annotations

import time
from typing import Any

import orjson
import pytest
import requests
import urllib3

from tests.helpers import BackMarketClient

LIST = "get-ws-list-order"
GET_ONE = "get-ws-specific-order"


def add_fault(bm: BackMarketClient, spec: dict[str, Any]) -> dict[str, Any]:
    """Add a rule through the admin API and return it as ``GET /__sim/faults`` lists it.

    The status of the ``POST`` itself is checked by its own test, so that a wrong status there
    does not hide how the rule behaves.
    """
    bm.admin("POST", "/faults", spec)
    rules: list[dict[str, Any]] = bm.admin_get("/faults")
    assert rules, f"the rule {spec} was not added"
    return rules[-1]


def faults(bm: BackMarketClient) -> list[dict[str, Any]]:
    listed: list[dict[str, Any]] = bm.admin_get("/faults")
    return listed


def an_order_id(bm: BackMarketClient, state: int = 1) -> str:
    order_id: str = next(o["order_id"] for o in bm.admin_get("/orders") if o["state"] == state)
    return order_id


def last_entry(bm: BackMarketClient) -> dict[str, Any]:
    entries = bm.journal(limit=1)
    assert entries
    return entries[0]


# -- the admin side of rules ----------------------------------------------------------------


def test_post_faults_answers_201_with_the_rule(bm: BackMarketClient) -> None:
    reply = bm.admin("POST", "/faults", {"operation": LIST, "status": 503, "times": 2})
    assert reply.status_code == 201, reply.text
    assert reply.headers["content-type"].startswith("application/json")
    assert reply.json() == [
        {
            "id": "fault-1",
            "kind": "status",
            "operation": LIST,
            "times": 2,
            "status": 503,
            "matched": 0,
            "fired": 0,
        }
    ]


def test_post_faults_accepts_a_list(bm: BackMarketClient) -> None:
    reply = bm.admin(
        "POST",
        "/faults",
        [
            {"id": "a", "operation": LIST, "kind": "empty"},
            {"id": "b", "path": "/ws", "kind": "drop"},
        ],
    )
    assert reply.status_code == 201, reply.text
    assert [r["id"] for r in reply.json()] == ["a", "b"]
    assert [r["id"] for r in faults(bm)] == ["a", "b"]


def test_status_rule_fires_exactly_times_then_the_real_answer(bm: BackMarketClient) -> None:
    add_fault(bm, {"operation": LIST, "status": 503, "times": 2})
    replies = [bm.get("/ws/orders") for _ in range(4)]
    assert [r.status_code for r in replies] == [503, 503, 200, 200]
    for reply in replies[:2]:
        assert reply.headers["content-type"].startswith("application/json")
        assert reply.json() == {
            "error": {"code": "service-unavailable", "message": "Webservices unavailable"}
        }
    assert replies[2].json()["count"] == 22
    [rule] = faults(bm)
    assert rule["matched"] == 4
    assert rule["fired"] == 2
    assert rule["kind"] == "status"
    assert rule["status"] == 503


def test_status_rule_may_override_code_message_and_headers(bm: BackMarketClient) -> None:
    add_fault(
        bm,
        {
            "operation": LIST,
            "status": 500,
            "code": "E500",
            "message": "boom",
            "headers": {"X-Request-Id": "abc"},
        },
    )
    reply = bm.get("/ws/orders")
    assert reply.status_code == 500
    assert reply.json() == {"error": {"code": "E500", "message": "boom"}}
    assert reply.headers["x-request-id"] == "abc"


def test_nth_rule_fires_only_on_the_third_call(bm: BackMarketClient) -> None:
    add_fault(bm, {"operation": LIST, "status": 502, "nth": 3})
    statuses = [bm.get("/ws/orders").status_code for _ in range(5)]
    assert statuses == [200, 200, 502, 200, 200]
    [rule] = faults(bm)
    assert (rule["matched"], rule["fired"], rule["nth"]) == (5, 1, 3)


def test_after_rule_lets_the_first_calls_through(bm: BackMarketClient) -> None:
    add_fault(bm, {"operation": LIST, "status": 503, "after": 2, "times": 1})
    statuses = [bm.get("/ws/orders").status_code for _ in range(4)]
    assert statuses == [200, 200, 503, 200]


def test_rate_limit_rule_answers_429_with_retry_after(bm: BackMarketClient) -> None:
    add_fault(bm, {"operation": LIST, "kind": "rate_limit", "retry_after": 30, "times": 1})
    reply = bm.get("/ws/orders")
    assert reply.status_code == 429
    assert reply.headers["retry-after"] == "30"
    body = reply.json()
    assert body["error"]["code"] == "too-many-requests"
    assert bm.get("/ws/orders").status_code == 200


def test_status_429_means_rate_limit_with_a_default_retry_after(bm: BackMarketClient) -> None:
    rule = add_fault(bm, {"operation": LIST, "status": 429})
    assert rule["kind"] == "rate_limit"
    reply = bm.get("/ws/orders")
    assert reply.status_code == 429
    assert reply.headers["retry-after"] == "10"


def test_expired_token_rule_refuses_a_valid_token(bm: BackMarketClient) -> None:
    add_fault(bm, {"operation": LIST, "kind": "expired_token", "times": 1})
    reply = bm.get("/ws/orders")
    assert reply.status_code == 401
    assert reply.json() == {
        "error": {
            "code": "token-expired",
            "message": (
                "Token expired. Create a new token in the back office (Options > Integrations)."
            ),
        }
    }
    # The token itself is untouched: the next call works.
    assert bm.get("/ws/orders").status_code == 200
    tokens = bm.admin_get("/tokens")
    assert [t["status"] for t in tokens if t["token"] == bm.token] == ["valid"]


def test_expired_token_rule_answers_even_without_credentials(bm: BackMarketClient) -> None:
    add_fault(bm, {"operation": LIST, "kind": "expired_token"})
    reply = bm.get("/ws/orders", Authorization=None)
    assert reply.status_code == 401
    assert reply.json()["error"]["code"] == "token-expired"


def test_drop_rule_closes_the_connection_and_is_journaled(bm: BackMarketClient) -> None:
    rule = add_fault(bm, {"operation": LIST, "kind": "drop", "times": 1})
    before = bm.admin_get("/journal")["last_seq"]
    with pytest.raises(requests.ConnectionError):
        requests.get(bm.url + "/ws/orders", headers=bm.headers(), timeout=10)
    entries = bm.journal(since=before)
    assert len(entries) == 1
    entry = entries[0]
    assert entry["status"] is None
    assert entry["fault_kind"] == "drop"
    assert entry["fault"] == rule["id"]
    assert entry["operation"] == LIST
    assert entry["response_body"] is None
    # The server is still there for the next client.
    assert requests.get(bm.url + "/ws/orders", headers=bm.headers(), timeout=10).ok


def test_truncate_rule_sends_an_incomplete_body(bm: BackMarketClient) -> None:
    rule = add_fault(bm, {"operation": LIST, "kind": "truncate", "times": 1})
    received = bytearray()
    broken = False
    with requests.get(bm.url + "/ws/orders", headers=bm.headers(), stream=True, timeout=10) as r:
        assert r.status_code == 200
        declared = int(r.headers["content-length"])
        try:
            for chunk in r.raw.stream(4096, decode_content=False):
                received += chunk
        except (urllib3.exceptions.HTTPError, requests.RequestException):
            broken = True
    assert 0 < len(received) < declared
    assert broken, "the client should notice that the body was cut short"
    entry = last_entry(bm)
    assert entry["fault"] == rule["id"]
    assert entry["fault_kind"] == "truncate"
    assert entry["status"] == 200


def test_truncate_rule_is_an_error_for_a_plain_client(bm: BackMarketClient) -> None:
    add_fault(bm, {"operation": LIST, "kind": "truncate", "times": 1})
    with pytest.raises((requests.exceptions.ChunkedEncodingError, requests.ConnectionError)):
        requests.get(bm.url + "/ws/orders", headers=bm.headers(), timeout=10)


def test_malformed_rule_keeps_the_status_but_breaks_the_json(bm: BackMarketClient) -> None:
    rule = add_fault(bm, {"operation": LIST, "kind": "malformed", "times": 1})
    reply = bm.get("/ws/orders")
    assert reply.status_code == 200
    assert reply.content
    assert len(reply.content) == int(reply.headers["content-length"])
    with pytest.raises(orjson.JSONDecodeError):
        orjson.loads(reply.content)
    entry = last_entry(bm)
    assert (entry["fault"], entry["fault_kind"]) == (rule["id"], "malformed")
    assert bm.get("/ws/orders").json()["count"] == 22


def test_malformed_rule_on_an_error_keeps_the_error_status(bm: BackMarketClient) -> None:
    add_fault(bm, {"operation": GET_ONE, "kind": "malformed"})
    reply = bm.get("/ws/orders/1")
    assert reply.status_code == 404
    with pytest.raises(orjson.JSONDecodeError):
        orjson.loads(reply.content)


def test_empty_rule_answers_200_with_no_body(bm: BackMarketClient) -> None:
    rule = add_fault(bm, {"operation": LIST, "kind": "empty", "times": 1})
    reply = bm.get("/ws/orders")
    assert reply.status_code == 200
    assert reply.content == b""
    entry = last_entry(bm)
    assert (entry["status"], entry["fault"], entry["fault_kind"]) == (200, rule["id"], "empty")


def test_delay_rule_answers_correctly_after_the_delay(bm: BackMarketClient) -> None:
    expected = bm.get("/ws/orders").json()
    add_fault(bm, {"operation": LIST, "kind": "delay", "delay_ms": 200, "times": 1})
    started = time.monotonic()
    reply = bm.get("/ws/orders")
    elapsed = time.monotonic() - started
    assert reply.status_code == 200
    assert reply.json() == expected
    assert elapsed >= 0.2
    entry = last_entry(bm)
    assert entry["status"] == 200
    assert entry["fault_kind"] == "delay"


def test_delay_rule_still_lets_the_gate_refuse(bm: BackMarketClient) -> None:
    add_fault(bm, {"operation": LIST, "kind": "delay", "delay_ms": 1})
    reply = bm.get("/ws/orders", Authorization="Basic not-a-token")
    assert reply.status_code == 401
    assert reply.json()["error"]["code"] == "invalid-token"


def test_path_prefix_rule_hits_only_paths_under_it(bm: BackMarketClient) -> None:
    order_id = an_order_id(bm)
    add_fault(bm, {"path": "/ws/orders/", "status": 500})
    assert bm.get("/ws/orders").status_code == 200
    reply = bm.get(f"/ws/orders/{order_id}")
    assert reply.status_code == 500
    assert reply.json()["error"]["code"] == "server-error"
    assert bm.update(int(order_id), new_state=2, sku="x").status_code == 500
    [rule] = faults(bm)
    assert (rule["matched"], rule["fired"]) == (2, 2)


def test_method_rule_hits_only_that_method(bm: BackMarketClient) -> None:
    order_id = an_order_id(bm)
    add_fault(bm, {"path": "/ws/orders", "method": "post", "status": 503})
    assert bm.get(f"/ws/orders/{order_id}").status_code == 200
    assert bm.update(int(order_id), new_state=2, sku="x").status_code == 503
    [rule] = faults(bm)
    assert rule["method"] == "POST"
    assert rule["matched"] == 1


def test_credential_rule_hits_only_that_token(bm: BackMarketClient) -> None:
    other = "second-integration-token-0001"
    bm.admin("POST", "/tokens", {"token": other, "label": "second"})
    assert bm.get("/ws/orders", Authorization=f"Basic {other}").status_code == 200
    add_fault(bm, {"operation": LIST, "credential": other, "status": 503})
    assert bm.get("/ws/orders").status_code == 200
    assert bm.get("/ws/orders", Authorization=f"Basic {other}").status_code == 503
    assert bm.get("/ws/orders").status_code == 200
    [rule] = faults(bm)
    assert (rule["matched"], rule["fired"]) == (1, 1)


def test_rule_for_another_operation_does_not_fire(bm: BackMarketClient) -> None:
    add_fault(bm, {"operation": GET_ONE, "status": 503})
    assert bm.get("/ws/orders").status_code == 200
    assert faults(bm)[0]["matched"] == 0


def test_first_rule_wins_and_both_count(bm: BackMarketClient) -> None:
    add_fault(bm, {"id": "first", "operation": LIST, "status": 503, "times": 1})
    add_fault(bm, {"id": "second", "operation": LIST, "status": 502, "times": 1})
    statuses = [bm.get("/ws/orders").status_code for _ in range(3)]
    assert statuses == [503, 502, 200]
    counts = {r["id"]: (r["matched"], r["fired"]) for r in faults(bm)}
    assert counts == {"first": (3, 1), "second": (3, 1)}


def test_fault_journal_entry_names_the_rule_and_kind(bm: BackMarketClient) -> None:
    add_fault(bm, {"id": "flaky-list", "operation": LIST, "status": 503, "times": 1})
    bm.get("/ws/orders")
    bm.get("/ws/orders")
    faulty, normal = bm.journal()[-2:]
    assert faulty["fault"] == "flaky-list"
    assert (faulty["fault_kind"], faulty["status"]) == ("status", 503)
    assert faulty["response_body"] == {
        "error": {"code": "service-unavailable", "message": "Webservices unavailable"}
    }
    assert (normal["fault"], normal["fault_kind"], normal["status"]) == (None, None, 200)


def test_faults_do_not_touch_the_admin_api(bm: BackMarketClient) -> None:
    add_fault(bm, {"path": "/", "kind": "drop"})
    assert bm.admin("GET", "/state").status_code == 200
    assert bm.admin("GET", "/orders").status_code == 200


# -- invalid rules ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("spec", "named"),
    [
        ({"operation": LIST, "kind": "delay", "delay_ms": 5, "colour": "red"}, "colour"),
        ({"operation": LIST, "kind": "delay"}, "delay_ms"),
        ({"operation": LIST, "kind": "explode"}, "explode"),
        ({"operation": LIST, "status": 503, "times": 0}, "times"),
        ({"operation": LIST, "status": 503, "nth": "3"}, "nth"),
        ({"operation": LIST, "kind": "drop", "probability": 2}, "probability"),
        ({"operation": LIST, "kind": "status", "status": 200}, "status"),
        ({"kind": "drop"}, "operation"),
    ],
)
def test_invalid_rule_is_a_400_problem_naming_the_field_and_adds_nothing(
    bm: BackMarketClient, spec: dict[str, Any], named: str
) -> None:
    reply = bm.admin("POST", "/faults", spec)
    assert reply.status_code == 400
    assert reply.headers["content-type"].startswith("application/problem+json")
    problem = reply.json()
    assert problem["status"] == 400
    assert named in problem["detail"]
    assert faults(bm) == []


def test_a_list_with_one_invalid_rule_adds_none_of_them(bm: BackMarketClient) -> None:
    reply = bm.admin(
        "POST",
        "/faults",
        [
            {"id": "good", "operation": LIST, "kind": "empty"},
            {"id": "bad", "operation": LIST, "kind": "delay"},
        ],
    )
    assert reply.status_code == 400
    assert "delay_ms" in reply.json()["detail"]
    assert faults(bm) == []
    assert bm.get("/ws/orders").status_code == 200


def test_duplicate_rule_id_is_refused(bm: BackMarketClient) -> None:
    add_fault(bm, {"id": "same", "operation": LIST, "kind": "empty"})
    reply = bm.admin("POST", "/faults", {"id": "same", "operation": LIST, "kind": "drop"})
    assert reply.status_code == 400
    assert "same" in reply.json()["detail"]
    assert [r["kind"] for r in faults(bm)] == ["empty"]


# -- removing rules -----------------------------------------------------------------------


def test_delete_one_rule(bm: BackMarketClient) -> None:
    add_fault(bm, {"id": "a", "operation": LIST, "status": 503})
    add_fault(bm, {"id": "b", "operation": GET_ONE, "status": 503})
    reply = bm.admin("DELETE", "/faults/a")
    assert reply.status_code == 204
    assert reply.content == b""
    assert [r["id"] for r in faults(bm)] == ["b"]
    assert bm.get("/ws/orders").status_code == 200


def test_delete_unknown_rule_is_a_404_problem(bm: BackMarketClient) -> None:
    reply = bm.admin("DELETE", "/faults/nope")
    assert reply.status_code == 404
    assert reply.headers["content-type"].startswith("application/problem+json")
    assert "nope" in reply.json()["detail"]


def test_delete_all_rules(bm: BackMarketClient) -> None:
    add_fault(bm, {"operation": LIST, "status": 503})
    add_fault(bm, {"operation": LIST, "kind": "drop"})
    reply = bm.admin("DELETE", "/faults")
    assert reply.status_code == 204
    assert faults(bm) == []
    assert bm.get("/ws/orders").status_code == 200

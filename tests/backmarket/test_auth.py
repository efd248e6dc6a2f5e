"""The edge of the API: WAF (User-Agent), tokens on the virtual clock, and the request quota."""

from __future__ import annotations

import base64
from typing import Any

import pytest

from tests.helpers import BackMarketClient

ORDERS = "/ws/orders"


def order_path(bm: BackMarketClient) -> str:
    return f"/ws/orders/{bm.all_orders()[0]['order_id']}"


def assert_error(reply: Any, status: int, code: str) -> dict[str, Any]:
    assert reply.status_code == status, reply.text
    body: dict[str, Any] = reply.json()
    assert set(body) == {"error"}
    assert set(body["error"]) == {"code", "message"}
    assert body["error"]["code"] == code
    assert body["error"]["message"]
    return body


def assert_bot_challenge(reply: Any) -> None:
    assert reply.status_code == 403, reply.text
    body = reply.json()
    assert set(body) == {"errors"}
    assert len(body["errors"]) == 1
    error = body["errors"][0]
    assert error["code"] == "bot-need-challenge"
    assert error["message"] == "Forbidden"
    assert error["challengePath"]
    assert reply.headers.get("cf-ray")


# -- User-Agent (WAF) -----------------------------------------------------------------------
@pytest.mark.parametrize("user_agent", [None, ""], ids=["absent", "empty"])
def test_missing_user_agent_is_refused_by_the_waf(
    bm: BackMarketClient, user_agent: str | None
) -> None:
    assert_bot_challenge(bm.send("GET", ORDERS, User_Agent=user_agent))


@pytest.mark.parametrize(
    "authorization",
    [None, "Basic not-a-token", "Bearer x"],
    ids=["no token", "unknown token", "bearer"],
)
def test_user_agent_is_checked_before_the_token(
    bm: BackMarketClient, authorization: str | None
) -> None:
    assert_bot_challenge(bm.send("GET", ORDERS, User_Agent=None, Authorization=authorization))


def test_missing_user_agent_is_refused_on_writes_too(bm: BackMarketClient) -> None:
    order = next(o for o in bm.all_orders() if o["state"] == 1)
    path = f"/ws/orders/{order['order_id']}"
    body = {"order_id": order["order_id"], "new_state": 4, "sku": order["orderlines"][0]["listing"]}
    assert_bot_challenge(bm.send("POST", path, body=body, User_Agent=None))
    assert bm.order(order["order_id"]) == order


def test_a_user_agent_not_in_the_recommended_form_is_served(bm: BackMarketClient) -> None:
    reply = bm.get(ORDERS, User_Agent="curl/8.5.0")
    assert reply.status_code == 200
    entry = bm.journal(path=ORDERS)[-1]
    assert entry["status"] == 200
    assert any("User-Agent" in note for note in entry["notes"])


# -- tokens ---------------------------------------------------------------------------------
def test_the_demo_token_works(bm: BackMarketClient) -> None:
    assert bm.get(ORDERS).status_code == 200
    assert bm.get(order_path(bm)).status_code == 200


def test_missing_authorization_is_401_missing_token(bm: BackMarketClient) -> None:
    assert_error(bm.send("GET", ORDERS, Authorization=None), 401, "missing-token")


@pytest.mark.parametrize(
    "authorization",
    ["Basic not-a-token", "Basic ", "Basic"],
    ids=["unknown", "empty", "scheme only"],
)
def test_unknown_token_is_401_invalid_token(bm: BackMarketClient, authorization: str) -> None:
    assert_error(bm.get(ORDERS, Authorization=authorization), 401, "invalid-token")


@pytest.mark.parametrize("scheme", ["Bearer", "Token", "Digest"])
def test_a_scheme_other_than_basic_is_refused(bm: BackMarketClient, scheme: str) -> None:
    # Even with the right token value: only ``Basic <token>`` authenticates.
    assert_error(bm.get(ORDERS, Authorization=f"{scheme} {bm.token}"), 401, "invalid-token")


def test_a_base64_user_password_pair_is_refused(bm: BackMarketClient) -> None:
    encoded = base64.b64encode(f"seller:{bm.token}".encode()).decode()
    assert_error(bm.get(ORDERS, Authorization=f"Basic {encoded}"), 401, "invalid-token")


def test_the_basic_scheme_name_is_case_insensitive(bm: BackMarketClient) -> None:
    assert bm.get(ORDERS, Authorization=f"basic {bm.token}").status_code == 200


def assert_expired(reply: Any) -> None:
    body = assert_error(reply, 401, "token-expired")
    assert "new token" in body["error"]["message"].lower()


def test_token_expired_through_the_admin_api(bm: BackMarketClient) -> None:
    token = bm.issue_token(token="tok-expire-now")
    assert bm.get(ORDERS, Authorization=f"Basic {token}").status_code == 200
    assert bm.admin("POST", f"/tokens/{token}/expire").status_code == 200
    assert_expired(bm.get(ORDERS, Authorization=f"Basic {token}"))
    assert_expired(bm.get(order_path(bm), Authorization=f"Basic {token}"))


def test_the_demo_token_expired_through_the_admin_api(bm: BackMarketClient) -> None:
    assert bm.admin("POST", f"/tokens/{bm.token}/expire").status_code == 200
    assert_expired(bm.get(ORDERS))


def test_token_expiry_follows_the_virtual_clock(bm: BackMarketClient) -> None:
    token = bm.issue_token(token="tok-one-hour", expires_in="PT1H")
    auth = f"Basic {token}"
    assert bm.get(ORDERS, Authorization=auth).status_code == 200
    bm.advance("PT59M")
    assert bm.get(ORDERS, Authorization=auth).status_code == 200
    bm.advance("PT61M")
    assert_expired(bm.get(ORDERS, Authorization=auth))
    # Other tokens are unaffected.
    assert bm.get(ORDERS).status_code == 200


def test_renewing_an_expired_token_makes_it_valid_again(bm: BackMarketClient) -> None:
    token = bm.issue_token(token="tok-renew", expires_in="PT1H")
    bm.advance("PT2H")
    assert_expired(bm.get(ORDERS, Authorization=f"Basic {token}"))
    assert bm.admin("POST", f"/tokens/{token}/renew", {"expires_in": "PT1H"}).status_code == 200
    assert bm.get(ORDERS, Authorization=f"Basic {token}").status_code == 200
    bm.advance("PT2H")
    assert_expired(bm.get(ORDERS, Authorization=f"Basic {token}"))
    assert bm.admin("POST", f"/tokens/{token}/renew", {}).status_code == 200
    bm.advance("P30D")
    assert bm.get(ORDERS, Authorization=f"Basic {token}").status_code == 200


def test_renew_without_a_body(bm: BackMarketClient) -> None:
    # The admin spec makes the renew body optional ("requestBody: required: false").
    token = bm.issue_token(token="tok-renew-nobody")
    bm.admin("POST", f"/tokens/{token}/expire")
    reply = bm.session.post(f"{bm.url}/__sim/tokens/{token}/renew")
    assert reply.status_code == 200, reply.text
    assert bm.get(ORDERS, Authorization=f"Basic {token}").status_code == 200


def test_revoked_token_is_401_token_revoked(bm: BackMarketClient) -> None:
    token = bm.issue_token(token="tok-revoke")
    assert bm.get(ORDERS, Authorization=f"Basic {token}").status_code == 200
    assert bm.admin("DELETE", f"/tokens/{token}").status_code == 200
    body = assert_error(bm.get(ORDERS, Authorization=f"Basic {token}"), 401, "token-revoked")
    assert "revoked" in body["error"]["message"].lower()
    bm.advance("P1D")
    assert_error(bm.get(ORDERS, Authorization=f"Basic {token}"), 401, "token-revoked")


def test_refused_tokens_cannot_write(bm: BackMarketClient) -> None:
    order = next(o for o in bm.all_orders() if o["state"] == 1)
    token = bm.issue_token(token="tok-write")
    bm.admin("DELETE", f"/tokens/{token}")
    body = {"order_id": order["order_id"], "new_state": 4, "sku": order["orderlines"][0]["listing"]}
    path = f"/ws/orders/{order['order_id']}"
    assert_error(bm.post(path, body, Authorization=f"Basic {token}"), 401, "token-revoked")
    assert_error(bm.post(path, body, Authorization="Basic nope"), 401, "invalid-token")
    assert_error(bm.send("POST", path, body=body, Authorization=None), 401, "missing-token")
    assert bm.order(order["order_id"]) == order


# -- quota ----------------------------------------------------------------------------------
def assert_rate_limited(reply: Any, retry_after: int) -> None:
    assert reply.status_code == 429, reply.text
    assert reply.headers.get("Retry-After") == str(retry_after)
    body = reply.json()
    assert set(body) == {"error", "requestId"}
    assert body["error"]["code"] == "too-many-requests"
    assert body["error"]["message"]
    assert isinstance(body["requestId"], str)
    assert body["requestId"]


def test_quota_blocks_then_lets_through_on_the_virtual_clock(bm: BackMarketClient) -> None:
    token = bm.issue_token(
        token="tok-quota", quota={"limit": 3, "window_seconds": 10, "block_seconds": 10}
    )
    auth = f"Basic {token}"
    for _ in range(3):
        assert bm.get(ORDERS, Authorization=auth).status_code == 200
    assert_rate_limited(bm.get(ORDERS, Authorization=auth), 10)
    # Another token is not blocked.
    assert bm.get(ORDERS).status_code == 200

    bm.advance("PT5S")
    assert_rate_limited(bm.get(ORDERS, Authorization=auth), 5)

    bm.advance("PT6S")
    assert bm.get(ORDERS, Authorization=auth).status_code == 200


def test_quota_window_restarts(bm: BackMarketClient) -> None:
    token = bm.issue_token(
        token="tok-window", quota={"limit": 3, "window_seconds": 10, "block_seconds": 10}
    )
    auth = f"Basic {token}"
    for _ in range(3):
        assert bm.get(ORDERS, Authorization=auth).status_code == 200
    bm.advance("PT10S")
    for _ in range(3):
        assert bm.get(ORDERS, Authorization=auth).status_code == 200
    assert_rate_limited(bm.get(ORDERS, Authorization=auth), 10)


def test_the_demo_token_has_the_real_200_per_10s_quota(bm: BackMarketClient) -> None:
    path = order_path(bm)
    statuses = [bm.get(path).status_code for _ in range(200)]
    assert statuses == [200] * 200
    assert_rate_limited(bm.get(path), 10)
    assert bm.journal(status=429)[-1]["path"] == path


def test_rate_limited_writes_change_nothing(bm: BackMarketClient) -> None:
    order = next(o for o in bm.all_orders() if o["state"] == 1)
    token = bm.issue_token(
        token="tok-quota-write", quota={"limit": 1, "window_seconds": 10, "block_seconds": 10}
    )
    auth = f"Basic {token}"
    assert bm.get(ORDERS, Authorization=auth).status_code == 200
    body = {"order_id": order["order_id"], "new_state": 4, "sku": order["orderlines"][0]["listing"]}
    assert_rate_limited(bm.post(f"/ws/orders/{order['order_id']}", body, Authorization=auth), 10)
    assert bm.order(order["order_id"]) == order


# -- journal --------------------------------------------------------------------------------
def error_code(body: dict[str, Any]) -> str | None:
    if "errors" in body:
        code: str = body["errors"][0]["code"]
        return code
    return body["error"]["code"] if "error" in body else None


def test_the_journal_records_refused_requests(bm: BackMarketClient) -> None:
    quota = {"limit": 1, "window_seconds": 10, "block_seconds": 10}
    limited = bm.issue_token(token="tok-journal", quota=quota)
    bm.get(ORDERS, Authorization=f"Basic {limited}")
    start = bm.admin_get("/journal")["last_seq"]

    bm.send("GET", ORDERS, User_Agent=None)
    bm.send("GET", ORDERS, Authorization=None)
    bm.get(ORDERS, Authorization="Basic nope")
    bm.get(ORDERS, Authorization=f"Basic {limited}")
    bm.get(ORDERS)

    entries = bm.journal(since=start)
    assert [e["status"] for e in entries] == [403, 401, 401, 429, 200]
    assert all(e["path"] == ORDERS and e["method"] == "GET" for e in entries)
    assert [error_code(e["response_body"]) for e in entries] == [
        "bot-need-challenge",
        "missing-token",
        "invalid-token",
        "too-many-requests",
        None,
    ]
    assert "user-agent" not in entries[0]["headers"]
    assert "authorization" not in entries[1]["headers"]
    assert entries[3]["response_headers"]["retry-after"] == "10"
    # Credentials are not written to the journal in clear.
    assert all(bm.token not in str(e["headers"]) for e in entries)
    assert all(limited not in str(e["headers"]) for e in entries)

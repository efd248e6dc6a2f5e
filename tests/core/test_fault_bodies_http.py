"""Fault kinds for the error bodies real traffic shows: empty, plain text, a WAF's HTML page."""

from __future__ import annotations

from typing import Any

import pytest

from tests.helpers import BackMarketClient

LIST = "get-ws-list-order"


def fire(bm: BackMarketClient, rule: dict[str, Any]) -> Any:
    added = bm.admin("POST", "/faults", {"operation": LIST, "times": 1, **rule})
    assert added.status_code == 201, added.text
    reply = bm.get("/ws/orders")
    assert bm.get("/ws/orders").status_code == 200, "times: 1, then the real answer"
    return reply


def test_empty_error_answers_the_status_with_no_body_and_no_content_type(
    bm: BackMarketClient,
) -> None:
    reply = fire(bm, {"kind": "empty_error", "status": 404})
    assert (reply.status_code, reply.content) == (404, b"")
    assert "content-type" not in reply.headers
    assert bm.journal(status=404)[-1]["fault_kind"] == "empty_error"


def test_text_error_answers_plain_text(bm: BackMarketClient) -> None:
    reply = fire(bm, {"kind": "text_error", "status": 502, "text": "upstream timed out"})
    assert (reply.status_code, reply.text) == (502, "upstream timed out")
    assert reply.headers["content-type"].startswith("text/plain")
    default = fire(bm, {"kind": "text_error", "status": 400})
    assert default.text == "400 Bad Request"


def test_waf_block_answers_an_html_page_with_cf_ray(bm: BackMarketClient) -> None:
    reply = fire(bm, {"kind": "waf_block", "ray": "931354450813d142-CDG"})
    assert reply.status_code == 403
    assert reply.headers["content-type"].startswith("text/html")
    assert (reply.headers["cf-ray"], reply.headers["server"]) == (
        "931354450813d142-CDG",
        "cloudflare",
    )
    assert "931354450813d142-CDG" in reply.text
    drawn = fire(bm, {"kind": "waf_block", "status": 503})
    assert drawn.status_code == 503 and drawn.headers["cf-ray"].endswith("-CDG")


@pytest.mark.parametrize(
    ("rule", "named"),
    [
        ({"kind": "empty_error"}, "status"),
        ({"kind": "empty_error", "status": 200}, "status"),
        ({"kind": "text_error", "status": 400, "text": 7}, "text"),
        ({"kind": "waf_block", "ray": 12}, "ray"),
        ({"kind": "waf_block", "status": "403"}, "status"),
    ],
)
def test_bad_parameters_are_refused(bm: BackMarketClient, rule: dict[str, Any], named: str) -> None:
    reply = bm.admin("POST", "/faults", {"operation": LIST, **rule})
    assert reply.status_code == 400
    assert named in reply.json()["detail"]
    assert bm.admin_get("/faults") == []

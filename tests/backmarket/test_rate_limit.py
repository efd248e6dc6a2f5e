"""Cloudflare's limit counts requests per client address; per token only as a setting."""

from __future__ import annotations

import pytest

from tests.helpers import BackMarketClient


def calls(bm: BackMarketClient, token: str, count: int) -> list[int]:
    auth = f"Basic {token}"
    return [bm.get("/ws/orders/1", Authorization=auth).status_code for _ in range(count)]


def test_two_tokens_from_one_address_share_the_200_per_10s(bm: BackMarketClient) -> None:
    other = bm.issue_token(token="tok-second-integration")
    assert set(calls(bm, bm.token, 100) + calls(bm, other, 100)) == {404}
    assert calls(bm, other, 1) == [429]
    assert calls(bm, bm.token, 1) == [429]
    bm.advance("PT10S")
    assert calls(bm, other, 1) == [404]


@pytest.mark.sim_settings(rate_limit="per_token")
def test_the_per_token_setting_counts_each_token_apart(bm: BackMarketClient) -> None:
    other = bm.issue_token(token="tok-second-integration")
    assert set(calls(bm, bm.token, 200)) == {404}
    assert calls(bm, bm.token, 1) == [429]
    assert calls(bm, other, 1) == [404]

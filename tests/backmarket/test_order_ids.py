"""Order ids a JSON client can read back exactly, and nothing else."""

from __future__ import annotations

import pytest

from tests.helpers import BackMarketClient

LARGEST = 2**53 - 1


def test_the_largest_exact_json_integer_is_a_valid_order_id(bm: BackMarketClient) -> None:
    placed = bm.place(order_id=LARGEST)
    assert placed["order_id"] == LARGEST
    assert bm.admin_get(f"/orders/{LARGEST}")["order_id"] == LARGEST


@pytest.mark.parametrize("order_id", [LARGEST + 1, 99999999999999999999, 10**40])
def test_a_larger_order_id_is_refused_naming_the_field_and_nothing_is_placed(
    bm: BackMarketClient, order_id: int
) -> None:
    before = bm.admin_get("/orders")
    reply = bm.admin("POST", "/orders", {"order_id": order_id})
    assert reply.status_code == 400, reply.text
    assert "order_id" in reply.json()["detail"]
    assert bm.admin_get("/orders") == before

"""The order state follows from its lines, for every combination (transitions.order_state)."""

from __future__ import annotations

import itertools
from typing import Any

import pytest

from simulators.channels.backmarket.transitions import LINE_STATES, order_state
from tests.helpers import BackMarketClient

CLOSED = {4, 5, 7}
#: Orders the seller still has work on: the platform imports them as awaiting shipment.
WORK_LEFT = {1, 3}


@pytest.mark.parametrize("count", [1, 2, 3])
def test_every_combination_gives_an_order_state_and_a_dead_order_is_never_to_process(
    count: int,
) -> None:
    for states in itertools.product(LINE_STATES, repeat=count):
        got = order_state(1, states)
        assert got in {0, 10, 1, 3, 8, 9}, states
        if 0 in states:
            assert got == 0, states
        elif 8 in states:
            assert got == 10, states
        elif all(s in CLOSED for s in states):
            assert got == (8 if set(states) == {7} else 9), states
        else:
            assert got in WORK_LEFT | {9}, states
            live = [s for s in states if s not in CLOSED]
            assert (got == 1) == any(s in (1, 9) for s in live), states
            assert (got == 9) == all(s in (3, 6) for s in live), states


@pytest.mark.parametrize(
    ("states", "expected"),
    [
        ((1,), 1), ((9,), 1), ((9, 2), 1), ((2,), 3), ((2, 4), 3), ((2, 3), 3), ((3,), 9),
        ((3, 6), 9), ((6,), 9), ((4,), 9), ((5,), 9), ((4, 5), 9), ((4, 7), 9), ((7,), 8),
        ((7, 7), 8), ((3, 4), 9), ((1, 4), 1), ((0, 1), 0), ((8, 1), 10),
    ],
)  # fmt: skip
def test_the_rule_written_in_the_spec(states: tuple[int, ...], expected: int) -> None:
    assert order_state(1, states) == expected


def one_line(bm: BackMarketClient, state: int = 1) -> dict[str, Any]:
    return bm.place(single_unit=True, state=state)


def listed(bm: BackMarketClient, order_id: int) -> bool:
    results = bm.get("/ws/orders", {"page-size": 50}).json()["results"]
    return order_id in [o["order_id"] for o in results]


def test_cancelling_the_only_line_leaves_the_order_processed_not_paid(bm: BackMarketClient) -> None:
    order = one_line(bm)
    reply = bm.update(order["order_id"], new_state=4, sku=order["orderlines"][0]["listing"])
    assert reply.status_code == 200, reply.text
    assert (reply.json()["state"], reply.json()["orderlines"][0]["state"]) == (9, 4)
    assert listed(bm, order["order_id"]), "still listed, so a client sees it changed"


def test_refunding_the_only_line_before_shipping_leaves_the_order_processed(
    bm: BackMarketClient,
) -> None:
    order = one_line(bm, state=3)
    reply = bm.update(order["order_id"], new_state=5, sku=order["orderlines"][0]["listing"])
    assert reply.status_code == 200, reply.text
    assert reply.json()["state"] == 9
    ship = bm.update(order["order_id"], new_state=3, tracking_number="T")
    assert ship.status_code == 400, "nothing is left to ship"

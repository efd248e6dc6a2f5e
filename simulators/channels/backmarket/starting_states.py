"""Named starting states of the Back Market simulator (``--state`` / a scenario's ``state:``)."""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import Any

from simulators.channels.backmarket import order_input
from simulators.channels.backmarket.backend import BackMarketBackend
from simulators.channels.backmarket.transitions import (
    ORDER_NEW,
    ORDER_NOT_PAID,
    ORDER_SHIPPED,
    ORDER_TO_SHIP,
)
from simulators.core.channel import ChannelBackend, StateBook
from simulators.core.tokens import Token

STATES = StateBook()
#: Back Market's WAF limit: more than 200 requests in 10 s from one client address blocks it
#: for 10 s (``definition.py``; a token issued with a quota of its own is held to that too).
DEFAULT_QUOTA = MappingProxyType({"limit": 200, "window_seconds": 10, "block_seconds": 10})


def _seller(backend: ChannelBackend) -> BackMarketBackend:
    assert isinstance(backend, BackMarketBackend)
    token = f"bm-{backend.ctx.random.getrandbits(96):024x}"
    backend.ctx.tokens.issue(Token(token, "ShipStation integration"))
    return backend


def _generate(backend: BackMarketBackend, count: int, **options: Any) -> None:
    backend.generate(count, options, backend.ctx.epoch)


@STATES.state("demo")
def demo(backend: ChannelBackend, params: Mapping[str, Any]) -> None:
    """A seller with one valid token and 24 orders in every state.

    18 paid orders waiting for their lines to be accepted (state 1, one of them a single
    smartphone for IMEI tests), 2 accepted (3), 2 shipped (9), and one each in states 0 and 8,
    which the API never lists.
    """
    seller = _seller(backend)
    _generate(seller, 17)
    _generate(seller, 1, single_unit=True, category="smartphone")
    _generate(seller, 2, state=ORDER_TO_SHIP)
    _generate(seller, 2, state=ORDER_SHIPPED)
    _generate(seller, 1, state=ORDER_NEW)
    _generate(seller, 1, state=ORDER_NOT_PAID)


@STATES.state("empty")
def empty(backend: ChannelBackend, params: Mapping[str, Any]) -> None:
    """A seller with one valid token and no orders."""
    _seller(backend)


@STATES.state("paid_orders")
def paid_orders(backend: ChannelBackend, params: Mapping[str, Any]) -> None:
    """A seller with one valid token and ``count`` (default 10) paid orders (state 1).

    Parameters: ``count``; ``single_unit: true`` for one line of quantity 1 per order.
    """
    seller = _seller(backend)
    count = params.get("count", 10)
    if isinstance(count, bool) or not isinstance(count, int) or not 0 <= count <= 10_000:
        raise order_input.bad("count", "must be an integer from 0 to 10000")
    _generate(seller, count, single_unit=params.get("single_unit", False))

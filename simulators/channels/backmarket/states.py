"""Named starting states of the Back Market simulator (``--state`` / a scenario's ``state:``)."""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import Any

from simulators.channels.backmarket.backend import BackMarketBackend
from simulators.channels.backmarket.model import (
    ORDER_NEW,
    ORDER_NOT_PAID,
    ORDER_SHIPPED,
    ORDER_TO_SHIP,
)
from simulators.core.channel import ChannelBackend, StateBook
from simulators.core.tokens import Token

STATES = StateBook()
#: Back Market's WAF limit: more than 200 requests in 10 s blocks the client for 10 s.
DEFAULT_QUOTA = MappingProxyType({"limit": 200, "window_seconds": 10, "block_seconds": 10})


def _seller(backend: ChannelBackend) -> BackMarketBackend:
    assert isinstance(backend, BackMarketBackend)
    token = f"bm-{backend.ctx.random.getrandbits(96):024x}"
    backend.ctx.tokens.issue(Token(token, "ShipStation integration", quota=dict(DEFAULT_QUOTA)))
    return backend


def _generate(backend: BackMarketBackend, count: int, **options: Any) -> None:
    for _ in range(count):
        backend.add(backend.placer.generate(options))


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
    for _ in range(2):
        seller.add(seller.placer.explicit({"state": ORDER_SHIPPED}, seller.placer.epoch))
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
    _generate(
        seller, int(params.get("count", 10)), single_unit=bool(params.get("single_unit", False))
    )

"""Named starting states of the Bluepark simulator (``--state`` / a scenario's ``state:``).

The beta quirks are a setting (``beta_quirks``, ``quirks.py``), not a state: any state can
run with them.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from simulators.channels.bluepark import errors
from simulators.channels.bluepark.backend import BlueparkBackend
from simulators.channels.bluepark.statuses import (
    AWAITING_PAYMENT,
    CANCELLED,
    COMPLETED,
    ON_HOLD,
    REFUNDED,
)
from simulators.core.channel import ChannelBackend, StateBook
from simulators.core.tokens import Token

STATES = StateBook()
API_USERNAME = "shipstation"
_PARAMS = frozenset({"count"})


def _shop(backend: ChannelBackend, params: Mapping[str, Any]) -> BlueparkBackend:
    """The shop, with one admin user whose API access is enabled."""
    assert isinstance(backend, BlueparkBackend)
    unknown = sorted(set(params) - _PARAMS)
    if unknown:
        raise errors.bad_field(
            unknown[0], f"unknown parameter; known: {', '.join(sorted(_PARAMS))}"
        )
    key = f"{backend.ctx.random.getrandbits(128):032x}"
    backend.ctx.tokens.issue(Token(key, API_USERNAME))
    return backend


def _generate(backend: BlueparkBackend, count: int, **options: Any) -> None:
    backend.generate(count, options, backend.ctx.epoch)


def _demo(shop: BlueparkBackend) -> None:
    _generate(shop, 16)
    _generate(shop, 2, coupons=True)
    _generate(shop, 2, status=COMPLETED)
    _generate(shop, 1, status=CANCELLED)
    _generate(shop, 1, status=AWAITING_PAYMENT)
    _generate(shop, 1, status=ON_HOLD)
    _generate(shop, 1, status=REFUNDED)


@STATES.state("demo")
def demo(backend: ChannelBackend, params: Mapping[str, Any]) -> None:
    """A UK shop with API access for user ``shipstation`` and 24 orders in every status.

    18 Pending (two with coupons), 2 Completed, and one each Cancelled, Awaiting Payment, On
    Hold and Refunded (the last three are statuses the platform does not map). About 3 in 5
    orders carry the delivery date the buyer chose at checkout.
    """
    _demo(_shop(backend, params))


@STATES.state("empty")
def empty(backend: ChannelBackend, params: Mapping[str, Any]) -> None:
    """A shop with API access for user ``shipstation`` and no orders."""
    _shop(backend, params)


@STATES.state("pending_orders")
def pending_orders(backend: ChannelBackend, params: Mapping[str, Any]) -> None:
    """A shop with ``count`` (default 10) Pending orders. Parameter ``count``."""
    shop = _shop(backend, params)
    count = params.get("count", 10)
    if isinstance(count, bool) or not isinstance(count, int) or not 0 <= count <= 10_000:
        raise errors.bad_field("count", "count must be an integer from 0 to 10000")
    _generate(shop, count)

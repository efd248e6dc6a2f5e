"""Named starting states of the Bluepark simulator (``--state`` / a scenario's ``state:``).

Every state takes the parameter ``beta_quirks`` (off by default): ``true`` for every quirk,
or a list of quirk names; the ``beta_quirks`` state documents each one.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from simulators.channels.bluepark import errors, quirks
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
_PARAMS = frozenset({"beta_quirks", "count"})


def _shop(backend: ChannelBackend, params: Mapping[str, Any]) -> BlueparkBackend:
    """The shop, with one admin user whose API access is enabled, and its quirks."""
    assert isinstance(backend, BlueparkBackend)
    unknown = sorted(set(params) - _PARAMS)
    if unknown:
        raise errors.bad_field(
            unknown[0], f"unknown parameter; known: {', '.join(sorted(_PARAMS))}"
        )
    backend.quirks = quirks.parse(params.get("beta_quirks"))
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
    orders carry the delivery date the buyer chose at checkout. Parameter ``beta_quirks``.
    """
    _demo(_shop(backend, params))


@STATES.state("empty")
def empty(backend: ChannelBackend, params: Mapping[str, Any]) -> None:
    """A shop with API access for user ``shipstation`` and no orders. Parameter ``beta_quirks``."""
    _shop(backend, params)


@STATES.state("pending_orders")
def pending_orders(backend: ChannelBackend, params: Mapping[str, Any]) -> None:
    """A shop with ``count`` (default 10) Pending orders. Parameters ``count``, ``beta_quirks``."""
    shop = _shop(backend, params)
    count = params.get("count", 10)
    if isinstance(count, bool) or not isinstance(count, int) or not 0 <= count <= 10_000:
        raise errors.bad_field("count", "count must be an integer from 0 to 10000")
    _generate(shop, count)


@STATES.state("beta_quirks")
def beta_quirks(backend: ChannelBackend, params: Mapping[str, Any]) -> None:
    """The ``demo`` shop with every beta quirk on (unless ``beta_quirks`` lists some).

    The integration is in beta; each quirk is a documented misbehaviour to test defences
    against. ``null_fields``: in listings, about half of the orders come with one field null
    (which one depends on the order id and seed): delivery_date, date_modified, customer,
    total_weight, shipping_address.telephone, or every item's weight, options or image_url.
    ``shifting_pages``: the list shifts by one order between page reads, as if an order
    arrived at the top each time: every page after the first starts with the last order of
    the page before (an order on two pages). ``wrong_count``: GET /orders/count lags
    behind the list: it answers four fifths of the orders the pages hold (at least one fewer
    when there are any).
    """
    _demo(_shop(backend, {"beta_quirks": True, **params}))

"""Named starting states of the UltraCart simulator (``--state`` / a scenario's ``state:``)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from simulators.channels.ultracart import errors
from simulators.channels.ultracart.backend import UltraCartBackend
from simulators.core.channel import ChannelBackend, StateBook
from simulators.core.tokens import Token

STATES = StateBook()
DC_CODE = "DFLT"
_KEY_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789!#$%*+-=?@_"


def _merchant(backend: ChannelBackend) -> UltraCartBackend:
    """The merchant ``DEMO`` with the DC ``DFLT`` set to the SOAP transmission mechanism and a
    20-character access key with punctuation (as UltraCart recommends)."""
    assert isinstance(backend, UltraCartBackend)
    rng = backend.ctx.random
    key = "".join(rng.choice(_KEY_ALPHABET) for _ in range(20))
    backend.add_center(DC_CODE, key)
    backend.ctx.tokens.issue(Token(key, DC_CODE))
    return backend


def _count(params: Mapping[str, Any], default: int) -> int:
    count = params.get("count", default)
    if isinstance(count, bool) or not isinstance(count, int) or not 0 <= count <= 10_000:
        raise errors.invalid("count", "count: must be an integer from 0 to 10000")
    return count


@STATES.state("demo")
def demo(backend: ChannelBackend, params: Mapping[str, Any]) -> None:
    """Merchant DEMO, distribution center DFLT (SOAP, one access key) and 16 orders.

    10 queued in the Shipping Department (3 with a discount, one also holding an item of the
    distribution center EAST), 2 already marked Imported, 2 shipped (``CO``) and 1 cancelled
    (``REJ``) inside UltraCart, which the queue never returns, and 1 in Accounts Receivable.
    """
    merchant = _merchant(backend)
    merchant.generate(6, {})
    merchant.generate(3, {"discount": True})
    merchant.generate(1, {"other_dc": "EAST"})
    for order in merchant.generate(2, {}):
        order.imported.add(DC_CODE)
        merchant.requeue(order)
    merchant.generate(2, {"current_stage": "CO"})
    merchant.generate(1, {"current_stage": "REJ"})
    merchant.generate(1, {"current_stage": "AR"})


@STATES.state("empty")
def empty(backend: ChannelBackend, params: Mapping[str, Any]) -> None:
    """Merchant DEMO, distribution center DFLT (SOAP, one access key), no orders."""
    _merchant(backend)


@STATES.state("queued_orders")
def queued_orders(backend: ChannelBackend, params: Mapping[str, Any]) -> None:
    """Merchant DEMO, DC DFLT and ``count`` (default 10) orders queued for it.

    Parameters: ``count`` (up to 10000; more than 100 takes several fetches to drain).
    """
    _merchant(backend).generate(_count(params, 10), {})

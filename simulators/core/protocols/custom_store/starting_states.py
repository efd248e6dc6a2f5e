"""The named starting states every Custom Store channel offers (``--state`` / ``state:``)."""

from __future__ import annotations

import random
from collections.abc import Mapping
from typing import Any

from simulators.core.channel import ChannelBackend, StateBook
from simulators.core.protocols.custom_store import order_input
from simulators.core.protocols.custom_store.backend import CustomStoreBackend
from simulators.core.tokens import Token


def _store(backend: ChannelBackend) -> CustomStoreBackend:
    """The store with its ShipStation user (name from the flavour, seeded password)."""
    assert isinstance(backend, CustomStoreBackend)
    # seeded, and different for each channel served with the same seed
    draw = random.Random(f"custom-store-user:{backend.flavour.name}:{backend.ctx.seed}")
    password = f"{draw.getrandbits(80):020x}"
    backend.ctx.tokens.issue(Token(password, backend.flavour.user_name))
    return backend


def custom_store_states() -> StateBook:
    """A fresh book with ``demo``, ``empty`` and ``orders``."""
    states = StateBook()

    @states.state("demo")
    def demo(backend: ChannelBackend, params: Mapping[str, Any]) -> None:
        """A store with its ShipStation user and 30 orders: 24 paid, 3 unpaid, 3 shipped."""
        store = _store(backend)
        flavour, epoch = store.flavour, store.ctx.epoch
        store.generate(24, {"status": flavour.paid}, epoch)
        store.generate(3, {"status": flavour.unpaid}, epoch)
        store.generate(3, {"status": flavour.shipped}, epoch)

    @states.state("empty")
    def empty(backend: ChannelBackend, params: Mapping[str, Any]) -> None:
        """A store with its ShipStation user and no orders."""
        _store(backend)

    @states.state("orders")
    def orders(backend: ChannelBackend, params: Mapping[str, Any]) -> None:
        """A store with ``count`` (default 10) paid orders placed in the last 3 days.

        Parameters: ``count`` (0 to 10000), ``status`` (one of the store's texts).
        """
        store = _store(backend)
        count = params.get("count", 10)
        if isinstance(count, bool) or not isinstance(count, int) or not 0 <= count <= 10_000:
            raise order_input.bad("count", "must be an integer from 0 to 10000")
        status = params.get("status", store.flavour.paid)
        store.generate(count, {"status": status}, store.ctx.epoch)

    return states

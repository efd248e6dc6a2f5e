"""A deliberately naive engine: the reference engine with four integration bugs.

``chansim run --engine examples.engines.naive:factory`` drives it in-process;
``python -m examples.engines.http_service examples.engines.naive:factory`` serves it over the
engine protocol. It makes four mistakes real integrations make, and nothing else (it reuses
the reference engine's channel clients and bookkeeping, so every failing scenario is one of
these four):

- it ignores the store's timezone (reads every channel's local times as UTC);
- it re-imports without de-duplicating (an order read again is stored again);
- it drops a notification the channel refused (never retried, nothing stays pending);
- it forgets Back Market's line acceptance (lines stay "paid", never "accepted").

The README's table of the library run against it is made by tests/engines/test_naive.py.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from types import MappingProxyType
from typing import Any

from harness.channels.backmarket import BackMarketAdapter
from harness.channels.base import ChannelAdapter, Fetched, adapter_class
from harness.engine.clock import EngineClock
from harness.engine.engine import Engine
from harness.engine.store import Store, StoreOrder
from harness.engines.interface import ConnectionForm
from harness.engines.reference import ReferenceEngine


class _NoAcceptance(BackMarketAdapter):
    """Back Market without the acceptance of the order's lines."""

    def acknowledge(self, fetched: Fetched) -> None:
        """Forgotten: the lines stay in state 1."""


#: The four mistakes, by name (``NaiveEngine(clock, flaws=...)`` makes any subset of them).
FLAWS = MappingProxyType(
    {
        "store_timezone": "ignores the store timezone",
        "duplicates": "re-imports without de-duplicating",
        "dropped_notifications": "drops notifications it could not send",
        "line_acceptance": "forgets the Back Market line acceptance",
    }
)


def _adapters(channel: str) -> type[ChannelAdapter]:
    return _NoAcceptance if channel == "backmarket" else adapter_class(channel)


class _Appending(dict[str, StoreOrder]):
    """Orders stored without looking for the one already there: a second import of an
    order adds it again."""

    def get(self, key: str, default: Any = None) -> Any:
        """Never finds the order already imported."""
        return default

    def __setitem__(self, key: str, value: StoreOrder) -> None:
        copy = key
        while copy in self:
            copy += "+"
        super().__setitem__(copy, value)


class NaiveEngine(ReferenceEngine):
    """The mistakes named in ``flaws`` (default: all four), on the reference engine."""

    def __init__(self, clock: EngineClock, flaws: frozenset[str] = frozenset(FLAWS)) -> None:
        unknown = sorted(flaws - set(FLAWS))
        if unknown:
            raise ValueError(f"unknown flaw {unknown[0]!r}; known: {', '.join(FLAWS)}")
        self.flaws = flaws
        adapters = _adapters if "line_acceptance" in flaws else adapter_class
        super().__init__(clock, Engine(clock, adapters=adapters))

    def connect(self, store: str, form: ConnectionForm) -> None:
        """Connects, reading every time as UTC whatever the form says."""
        if "store_timezone" in self.flaws:
            form = replace(form, timezone="UTC")
        super().connect(store, form)
        if "duplicates" in self.flaws:
            self.engine.stores[store].orders = _Appending()

    def edit_connection(self, store: str, changes: Mapping[str, Any]) -> None:
        """Takes a new status map; a new timezone is ignored like the first one."""
        if "store_timezone" in self.flaws:
            changes = {k: v for k, v in changes.items() if k != "timezone"}
        super().edit_connection(store, changes)

    def ship(self, store: str, order: str, shipment: Mapping[str, Any]) -> bool:
        """Ships; a notification the channel refused is dropped."""
        accepted = super().ship(store, order, shipment)
        if not accepted and "dropped_notifications" in self.flaws:
            held: Store = self.engine.stores[store]
            held.outbox.clear()
        return accepted


def factory(clock: EngineClock) -> NaiveEngine:
    """The naive engine on ``clock``."""
    return NaiveEngine(clock)

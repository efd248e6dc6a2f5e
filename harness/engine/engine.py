"""The reference engine: the platform's stores, each connected to a channel, on one clock.

It connects stores (the connection form), refreshes them (send what is pending, then
import: ``importing.py``), lets the merchant edit an order, and ships orders (notify the
channel: ``notifying.py``). A problem never escapes as an exception: one that stops a run
becomes the store's status with an actionable message, one about an order an engine error.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import timedelta
from typing import Any

import requests

from harness.channels.base import ChannelAdapter, adapter_class
from harness.channels.http import Http, RetryPolicy, trusts_environment
from harness.engine.clock import EngineClock
from harness.engine.connection import Connection
from harness.engine.errors import ChannelProblem
from harness.engine.events import Recorder
from harness.engine.importing import ImportResult, acknowledge, import_orders
from harness.engine.model import Shipment
from harness.engine.notifying import flush, send
from harness.engine.status import StatusMap
from harness.engine.store import EDITABLE, Outgoing, Store

__all__ = ("Engine", "ImportResult")


class Engine:
    """Stores connected to channels, driven on one clock."""

    def __init__(
        self,
        clock: EngineClock,
        *,
        retry: RetryPolicy | None = None,
        adapters: Callable[[str], type[ChannelAdapter]] = adapter_class,
    ) -> None:
        self.clock = clock
        self.retry = retry or RetryPolicy()
        self.adapters = adapters
        self.stores: dict[str, Store] = {}
        self._sessions: dict[str, requests.Session] = {}

    # -- stores ---------------------------------------------------------------------------
    def connect(self, name: str, connection: Connection) -> Store:
        """Connect a store (the connection form was saved)."""
        # an unknown channel, a form the channel cannot use, a bad status map: refused here,
        # not at the first request
        self.adapters(connection.channel).check_connection(connection)
        StatusMap(connection.status_map or {})
        store = Store(name, connection)
        self.stores[name] = store
        return store

    def reconnect(self, store: Store, **credentials: str) -> None:
        """The merchant typed new credentials in the connection form (refused like
        :meth:`connect` when the channel cannot use them)."""
        changed = store.connection.with_credentials(**credentials)
        self.adapters(changed.channel).check_connection(changed)
        store.connection = changed
        self._record(store).note("reconnected with new credentials")

    def edit_connection(self, store: Store, **changes: Any) -> None:
        """The merchant edits the connection form (``status_map``, ``timezone``, ...); refused
        like :meth:`connect` when the channel cannot use it.

        What the old form hid is read again by the next import: the window goes back to the
        oldest order skipped as ``status_not_mapped`` when the map changed, and by the
        difference between the two timezones' offsets when the timezone changed (windows
        written in the wrong zone asked the channel for the wrong hours).
        """
        old = store.connection
        changed = replace(old, **changes)
        self.adapters(changed.channel).check_connection(changed)
        StatusMap(changed.status_map or {})
        store.connection = changed
        watermark = store.watermark
        if watermark is not None and changed.status_map != old.status_map:
            hidden = [
                s.modified
                for s in store.skipped.values()
                if s.reason == "status_not_mapped" and s.modified is not None
            ]
            watermark = min([watermark, *hidden])
        if watermark is not None and changed.timezone != old.timezone:
            before = watermark.astimezone(old.zone).utcoffset() or timedelta(0)
            after = watermark.astimezone(changed.zone).utcoffset() or timedelta(0)
            watermark -= abs(before - after)
        store.watermark = watermark
        self._record(store).note(f"connection form changed: {', '.join(sorted(changes))}")

    def close(self) -> None:
        """Close the HTTP sessions."""
        for session in self._sessions.values():
            session.close()
        self._sessions.clear()

    def _adapter(self, store: Store) -> ChannelAdapter:
        url = store.connection.base_url or ""
        session = self._sessions.get(store.name)
        if session is None:
            session = self._sessions[store.name] = requests.Session()
        session.trust_env = trusts_environment(url)  # as session_for; the store may have moved

        def on_retry(attempt: int, wait: float, why: str) -> None:
            self._record(store).note(f"{why}; retry {attempt} in {wait:g} s")

        http = Http(
            sleep=self.clock.sleep,
            now=self.clock.now,
            policy=self.retry,
            session=session,
            on_retry=on_retry,
        )
        return self.adapters(store.channel)(store.connection, http)

    def _record(self, store: Store) -> Recorder:
        return Recorder(store, self.clock)

    # -- import ---------------------------------------------------------------------------
    def refresh(self, store: Store) -> ImportResult:
        """What the platform's "refresh store" does: import (retrying refused
        acknowledgements first), then send the notifications still pending."""
        record = self._record(store)
        try:
            adapter = self._adapter(store)
        except ChannelProblem as problem:
            record.error("import", problem)
            store.fail(problem)
            return ImportResult(problem=problem)
        result = import_orders(record, adapter)
        if result.problem is None:
            result.problem = flush(record, adapter)
        return result

    # -- merchant edits and shipping ------------------------------------------------------
    def edit(self, store: Store, number: str, changes: dict[str, Any]) -> None:
        """The merchant edits an imported order in the platform (e.g. types internal notes)."""
        held = store.find(number)
        unknown = sorted(set(changes) - EDITABLE)
        if unknown:
            raise KeyError(
                f"{unknown[0]!r} cannot be edited; editable: {', '.join(sorted(EDITABLE))}"
            )
        held.edits.update(changes)

    def ship(self, store: Store, number: str, shipment: Shipment) -> bool:
        """Mark an order shipped and notify the channel; True when the channel accepted.

        A second shipment of an already notified order sends nothing (as relabelling does not).
        """
        held = store.find(number)
        record = self._record(store)
        unknown = sorted(set(shipment.line_ids) - {i.line_id for i in held.imported.items})
        if unknown:
            lines = ", ".join(i.line_id for i in held.imported.items)
            raise KeyError(f"order {number} has no line {unknown[0]} (its lines: {lines})")
        if held.notified:
            earlier = held.shipment.line_ids if held.shipment else ()
            more = set(shipment.line_ids) - set(held.notified_lines)
            if not (earlier and shipment.line_ids and more):
                record.note(f"order {number} already notified; not resent")
                return True
            held.notified = False  # the rest of a partly shipped order
        held.shipment = shipment
        store.outbox[held.imported.key] = store.outbox.get(held.imported.key) or Outgoing(
            held.imported.key
        )
        try:
            adapter = self._adapter(store)
        except ChannelProblem as problem:
            record.error("notify", problem, number)
            store.fail(problem)
            return False
        if held.imported.key in store.unacknowledged:
            # the channel ships accepted orders only: acknowledge first, or keep it pending
            try:
                if not acknowledge(record, adapter, adapter.fetch_order(held.imported.key)):
                    return False
            except ChannelProblem as problem:
                record.error("notify", problem, number)
                store.fail(problem)
                return False
        return send(record, adapter, held) is None

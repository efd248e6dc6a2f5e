"""The reference engine: import orders from a store and send shipment notifications back.

Guarantees a scenario can rely on:

- an import reads every order modified since the newest change the last *complete* import saw
  (in the channel's own time, less an overlap), page after page; an order already imported is
  updated, never duplicated; when an acknowledgement was refused the window stays put, so
  the next import retries it;
- an order without a ship-to address, or in a status the connection does not map, is skipped
  with its reason and the rest of the batch goes on;
- a failure that stops the run (token expired, channel down after retries) becomes the store's
  status with an actionable message; the window is not moved, so the next run re-reads it;
- a notification the channel did not accept stays in the outbox and is sent again on the next
  refresh, rebuilt from the order as it is then (a corrected IMEI goes out corrected).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import Any

import requests

from harness.channels.base import ChannelAdapter, Fetched, ImportWindow, adapter_class
from harness.channels.http import Http, RetryPolicy
from harness.engine.clock import EngineClock
from harness.engine.connection import Connection
from harness.engine.errors import ChannelProblem, EngineError
from harness.engine.model import Notification, Shipment, to_plain
from harness.engine.status import StatusMap
from harness.engine.store import EDITABLE, Outgoing, Skip, Store, StoreOrder


@dataclass
class ImportResult:
    """What one import did."""

    new: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    problem: ChannelProblem | None = None


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
        store.activity.append(f"{self._now()} reconnected with new credentials")

    def close(self) -> None:
        """Close the HTTP sessions."""
        for session in self._sessions.values():
            session.close()
        self._sessions.clear()

    def _adapter(self, store: Store) -> ChannelAdapter:
        session = self._sessions.setdefault(store.name, requests.Session())

        def on_retry(attempt: int, wait: float, why: str) -> None:
            store.activity.append(f"{self._now()} {why}; retry {attempt} in {wait:g} s")

        http = Http(
            sleep=self.clock.sleep,
            now=self.clock.now,
            policy=self.retry,
            session=session,
            on_retry=on_retry,
        )
        return self.adapters(store.channel)(store.connection, http)

    def _now(self) -> str:
        return self.clock.now().isoformat()

    def _error(self, store: Store, action: str, problem: ChannelProblem, order: str | None) -> None:
        store.errors.append(
            EngineError(self._now(), action, problem.code, problem.message, order, problem.status)
        )

    # -- import ---------------------------------------------------------------------------
    def refresh(self, store: Store) -> ImportResult:
        """What the platform's "refresh store" does: send what is pending, then import."""
        try:
            adapter = self._adapter(store)
        except ChannelProblem as problem:
            self._error(store, "import", problem, None)
            store.fail(problem)
            return ImportResult(problem=problem)
        stopped = self._flush(store, adapter)
        if stopped is not None:
            return ImportResult(problem=stopped)
        return self._import(store, adapter)

    def _import(self, store: Store, adapter: ChannelAdapter) -> ImportResult:
        now = self.clock.now()
        conn = store.connection
        since = store.watermark - conn.overlap if store.watermark else now - conn.first_import
        window = ImportWindow(since, now, conn.zone)
        status_map = StatusMap(conn.status_map or adapter.default_status_map)
        result = ImportResult()
        newest: datetime | None = None
        unacknowledged = 0
        try:
            for fetched in adapter.fetch_orders(window):
                modified = fetched.order.modified
                newest = modified if newest is None else max(newest, modified)
                unacknowledged += not self._take(store, adapter, status_map, fetched, result)
        except ChannelProblem as problem:
            self._error(store, "import", problem, None)
            store.fail(problem)
            result.problem = problem
            return result
        if unacknowledged:
            # Keep the window where it was: the next import reads those orders again and
            # retries their acknowledgement (an unaccepted Back Market order cannot ship).
            store.activity.append(
                f"{self._now()} {unacknowledged} order(s) not acknowledged; window kept"
            )
        elif newest is not None:
            # The channel's own time: a channel clock behind the platform's loses nothing.
            store.watermark = max(newest, store.watermark) if store.watermark else newest
        store.recover()
        return result

    def _take(
        self,
        store: Store,
        adapter: ChannelAdapter,
        status_map: StatusMap,
        fetched: Fetched,
        result: ImportResult,
    ) -> bool:
        """Store one fetched order; False when the channel refused its acknowledgement."""
        order = fetched.order
        status = status_map.platform_status(order.channel_status)
        held = store.orders.get(order.key)
        if held is None:
            reason = None
            if status is None:
                reason = ("status_not_mapped", f"status {order.channel_status!r} is not mapped")
            elif order.ship_to is None:
                reason = ("missing_ship_to", "the order has no ship-to address")
            if reason is not None:
                store.skipped[order.key] = Skip(order.number, *reason, self.clock.now())
                result.skipped.append(order.number)
                return True
        elif order.ship_to is None and held.imported.ship_to is not None:
            store.activity.append(
                f"{self._now()} order {order.number} lost its ship-to address on the channel"
            )
        order = replace(order, status=status or (held.imported.status if held else None))
        now = self.clock.now()
        if held is None:
            store.orders[order.key] = StoreOrder(order, now, now)
            store.skipped.pop(order.key, None)
            result.new.append(order.number)
        else:
            if held.imported != order:
                result.updated.append(order.number)
            held.imported, held.updated_at = order, now
        try:
            adapter.acknowledge(fetched)
        except ChannelProblem as problem:
            if problem.store_wide:
                raise
            self._error(store, "acknowledge", problem, order.number)
            return False
        return True

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
        if held.notified:
            store.activity.append(f"{self._now()} order {number} already notified; not resent")
            return True
        held.shipment = shipment
        store.outbox[held.imported.key] = store.outbox.get(held.imported.key) or Outgoing(
            held.imported.key
        )
        try:
            adapter = self._adapter(store)
        except ChannelProblem as problem:
            self._error(store, "notify", problem, number)
            store.fail(problem)
            return False
        return self._send(store, adapter, held) is None

    def _flush(self, store: Store, adapter: ChannelAdapter) -> ChannelProblem | None:
        """Send the outbox in order; the store-wide problem that stopped it, if any."""
        for key in list(store.outbox):
            problem = self._send(store, adapter, store.orders[key])
            if problem is not None and problem.store_wide:
                return problem
        return None

    def _send(
        self, store: Store, adapter: ChannelAdapter, held: StoreOrder
    ) -> ChannelProblem | None:
        """Send one notification; the problem when the channel did not accept it."""
        assert held.shipment is not None
        notification = build_notification(adapter, held)
        pending = store.outbox[held.imported.key]
        pending.attempts += 1
        try:
            adapter.notify(notification)
        except ChannelProblem as problem:
            pending.last_error = problem.message
            self._error(store, "notify", problem, held.imported.number)
            if problem.store_wide:
                store.fail(problem)
            return problem
        del store.outbox[held.imported.key]
        held.notified = True
        sent = {k: v for k, v in to_plain(notification).items() if k != "order" and v is not None}
        store.sent.append((held.imported.number, sent))
        return None


def build_notification(adapter: ChannelAdapter, held: StoreOrder) -> Notification:
    """The notification for a shipped order, with only the fields the channel's policy takes."""
    policy, shipment, order = adapter.policy, held.shipment, held.current()
    assert shipment is not None
    shipped = [i for i in order.items if not shipment.line_ids or i.line_id in shipment.line_ids]
    return Notification(
        order=order,
        status_update=policy.status_update,
        tracking_number=shipment.tracking_number,
        carrier=shipment.carrier if policy.carrier else None,
        service=shipment.service if policy.service else None,
        carrier_fee=shipment.carrier_fee if policy.carrier_fee else None,
        notes_to_buyer=shipment.notes_to_buyer if policy.notes_to_buyer else None,
        items=tuple(shipped) if policy.item_info else None,
        ship_date=shipment.ship_date,
    )

"""Import: every order of the window, page after page, each stored once.

- The window starts at the newest change the last *complete* import saw (in the channel's own
  time, so a channel clock behind the platform's loses nothing), less the connection's
  overlap; the first import reaches back ``first_import``. A channel whose platform chains
  windows on its own clock (``window_on_platform_clock``: Custom Store) starts where the last
  complete import ended instead.
- An order already imported is updated, never duplicated; the merchant's edits stay.
- An order without a ship-to address, or in a status the map does not list, is skipped with
  its reason; the rest of the batch goes on.
- When the channel refuses to acknowledge an order, the order is kept in
  ``store.unacknowledged`` and every later import (and a shipment of it) retries that
  acknowledgement, reading the order on its own; a failure that stops the run leaves the
  window where it was.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import datetime

from harness.channels.base import ChannelAdapter, Fetched, ImportWindow
from harness.engine.errors import ChannelProblem
from harness.engine.events import Recorder
from harness.engine.status import StatusMap
from harness.engine.store import Skip, StoreOrder


@dataclass
class ImportResult:
    """What one import did."""

    new: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    problem: ChannelProblem | None = None


def import_orders(record: Recorder, adapter: ChannelAdapter) -> ImportResult:
    """Run one import for ``record.store`` through ``adapter``."""
    store = record.store
    now = record.clock.now()
    conn = store.connection
    since = store.watermark - conn.overlap if store.watermark else now - conn.first_import
    window = ImportWindow(since, now, conn.zone)
    status_map = StatusMap(conn.status_map or adapter.default_status_map)
    result = ImportResult()
    newest: datetime | None = None
    try:
        retry_acknowledgements(record, adapter)
        for fetched in adapter.fetch_orders(window):
            modified = fetched.order.modified
            newest = modified if newest is None else max(newest, modified)
            _take(record, adapter, status_map, fetched, result)
    except ChannelProblem as problem:
        record.error("import", problem)
        store.fail(problem)
        result.problem = problem
        return result
    if adapter.window_on_platform_clock:
        store.watermark = now
    elif newest is not None:
        # never past this import's start: one order dated in the future must not push the
        # window beyond the orders still to come
        newest = min(newest, now)
        store.watermark = max(newest, store.watermark) if store.watermark else newest
    store.recover()
    return result


def retry_acknowledgements(record: Recorder, adapter: ChannelAdapter) -> None:
    """Acknowledge again each order the channel refused to (a store-wide problem raises)."""
    for key in list(record.store.unacknowledged):
        acknowledge(record, adapter, adapter.fetch_order(key))


def acknowledge(record: Recorder, adapter: ChannelAdapter, fetched: Fetched) -> bool:
    """Acknowledge one order; on refusal keep it for the next try and record why."""
    store, key = record.store, fetched.order.key
    try:
        adapter.acknowledge(fetched)
    except ChannelProblem as problem:
        if problem.store_wide:
            raise
        attempts = store.unacknowledged.get(key, 0) + 1
        store.unacknowledged[key] = attempts
        record.error("acknowledge", problem, fetched.order.number)
        if attempts == 3:
            record.note(f"order {fetched.order.number}: acknowledgement refused 3 times")
        return False
    store.unacknowledged.pop(key, None)
    return True


def _take(
    record: Recorder,
    adapter: ChannelAdapter,
    status_map: StatusMap,
    fetched: Fetched,
    result: ImportResult,
) -> None:
    """Store one fetched order and acknowledge it."""
    store, order = record.store, fetched.order
    status = status_map.platform_status(order.channel_status)
    held = store.orders.get(order.key)
    now = record.clock.now()
    if held is None:
        reason = None
        if status is None:
            reason = ("status_not_mapped", f"status {order.channel_status!r} is not mapped")
        elif order.ship_to is None:
            reason = ("missing_ship_to", "the order has no ship-to address")
        if reason is not None:
            store.skipped[order.key] = Skip(order.number, *reason, now, order.modified)
            result.skipped.append(order.number)
            return
    elif order.ship_to is None and held.imported.ship_to is not None:
        record.note(f"order {order.number} lost its ship-to address on the channel")
    order = replace(order, status=status or (held.imported.status if held else None))
    if held is None:
        store.orders[order.key] = StoreOrder(order, now, now)
        store.skipped.pop(order.key, None)
        result.new.append(order.number)
    else:
        if held.imported != order:
            result.updated.append(order.number)
        held.imported, held.updated_at = order, now
    if order.key not in store.unacknowledged:  # else already retried (and refused) this run
        acknowledge(record, adapter, fetched)

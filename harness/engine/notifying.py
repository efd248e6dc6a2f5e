"""Shipment notifications: built from the channel's policy, sent, kept until accepted.

A notification the channel does not accept stays in the store's outbox and is sent again on
the next refresh, rebuilt from the order as it is then (a corrected IMEI goes out corrected).
"""

from __future__ import annotations

from harness.channels.base import ChannelAdapter
from harness.engine.errors import ChannelProblem
from harness.engine.events import Recorder
from harness.engine.model import Notification, to_plain
from harness.engine.store import StoreOrder


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


def send(record: Recorder, adapter: ChannelAdapter, held: StoreOrder) -> ChannelProblem | None:
    """Send one notification; the problem when the channel did not accept it."""
    store = record.store
    notification = build_notification(adapter, held)
    pending = store.outbox[held.imported.key]
    pending.attempts += 1
    try:
        adapter.notify(notification)
    except ChannelProblem as problem:
        record.error("notify", problem, held.imported.number)
        if problem.final:  # it can never be accepted: stop retrying, the error says why
            del store.outbox[held.imported.key]
        elif problem.store_wide:
            store.fail(problem)
        return problem
    del store.outbox[held.imported.key]
    held.notified = True
    held.notified_lines += tuple(held.shipment.line_ids) if held.shipment else ()
    sent = {k: v for k, v in to_plain(notification).items() if k != "order" and v is not None}
    store.sent.append((held.imported.number, sent))
    return None


def flush(record: Recorder, adapter: ChannelAdapter) -> ChannelProblem | None:
    """Send the outbox in order; the store-wide problem that stopped it, if any."""
    store = record.store
    for key in list(store.outbox):
        problem = send(record, adapter, store.orders[key])
        if problem is not None and problem.store_wide:
            return problem
    return None

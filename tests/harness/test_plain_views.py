"""``to_plain``: the JSON-friendly view of the engine's model objects (snapshots, sent notices)."""

from __future__ import annotations

from dataclasses import asdict, replace
from datetime import UTC, datetime
from decimal import Decimal

from harness.engine.model import Item, Notification, to_plain
from tests.harness.test_backmarket_formats import adapter, sample


def test_an_order_and_a_notification_read_as_asdict_would_give_them() -> None:
    order = adapter().to_order(sample("backmarket-order-get-response.json"))
    item = order.items[0]
    notice = Notification(
        order=order,
        status_update=True,
        tracking_number="1Z999",
        carrier="UPS",
        service=None,
        carrier_fee=Decimal("4.50"),
        notes_to_buyer=None,
        items=(replace(item, options=(("colour", "blue"),)),),
        ship_date=datetime(2026, 3, 10, 12, 0, tzinfo=UTC),
    )
    for value in (order, notice):
        plain = to_plain(value)
        assert plain == to_plain(asdict(value))  # what asdict, then converting, gave
    shipped = to_plain(notice)
    assert shipped["carrier_fee"] == "4.50" and shipped["ship_date"] == "2026-03-10T12:00:00+00:00"
    assert shipped["items"][0]["options"] == [["colour", "blue"]]
    assert isinstance(to_plain(item)["unit_price"], str)
    assert to_plain(Item) is Item  # a class is not a value to convert

"""The DC queue rules, in plain Python (no SOAP)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from simulators.channels.ultracart.backend import ShipmentInput, UltraCartBackend
from simulators.channels.ultracart.orders import Order
from simulators.core.clock import Clock
from simulators.core.context import SimContext
from simulators.core.errors import ChannelError
from simulators.core.registry import channel_entry


@pytest.fixture
def backend() -> UltraCartBackend:
    ctx = SimContext(channel_entry("ultracart"), clock=Clock("2026-03-10T12:00:00Z", frozen=True),
                     state="empty")  # fmt: skip
    assert isinstance(ctx.backend, UltraCartBackend)
    return ctx.backend


def _ids(orders: list[Order]) -> list[str]:
    return [o.order_id for o in orders]


def test_the_queue_is_oldest_first(backend):
    backend.place_orders([
        {"order_id": "DEMO-1", "order_date": "2026-03-10T11:00:00Z"},
        {"order_id": "DEMO-2", "order_date": "2026-03-09T11:00:00Z"},
    ])  # fmt: skip
    assert _ids(backend.fetch("DFLT")) == ["DEMO-2", "DEMO-1"]


def test_at_most_100_the_same_until_acknowledged(backend):
    backend.generate(130, {})
    first = backend.fetch("DFLT")
    assert len(first) == 100
    assert _ids(backend.fetch("DFLT")) == _ids(first)
    assert backend.acknowledge("DFLT", _ids(first)[:60]) == 60
    second = backend.fetch("DFLT")
    assert len(second) == 70
    assert _ids(second)[:40] == _ids(first)[60:]
    assert all("DFLT" in backend.orders[i].imported for i in _ids(first)[:60])


def test_acknowledging_again_is_no_error_and_counts_nothing(backend):
    backend.place_orders([{"order_id": "DEMO-1"}])
    assert backend.acknowledge("DFLT", ["DEMO-1"]) == 1
    assert backend.acknowledge("DFLT", ["DEMO-1"]) == 0
    assert backend.fetch("DFLT") == []


def test_requeue_puts_an_imported_order_back(backend):
    backend.place_orders([{"order_id": "DEMO-1", "imported": True}])
    assert backend.fetch("DFLT") == []
    backend.edit_order("DEMO-1", {"requeue": True})
    assert _ids(backend.fetch("DFLT")) == ["DEMO-1"]
    backend.acknowledge("DFLT", ["DEMO-1"])
    backend.edit_order("DEMO-1", {"imported": False})
    assert _ids(backend.fetch("DFLT")) == ["DEMO-1"]


@pytest.mark.parametrize("stage", ["CO", "REJ", "AR"])
def test_orders_outside_the_shipping_department_are_invisible(backend, stage):
    backend.place_orders([{"order_id": "DEMO-1"}, {"order_id": "DEMO-2"}])
    backend.edit_order("DEMO-2", {"current_stage": stage})
    assert _ids(backend.fetch("DFLT")) == ["DEMO-1"]


def test_each_dc_sees_only_its_items(backend):
    backend.add_center("EAST", "east-key")
    backend.place_orders([{
        "order_id": "DEMO-1",
        "items": [{"item_id": "A"}, {"item_id": "B", "distribution_center_code": "EAST"}],
    }])  # fmt: skip
    order = backend.fetch("DFLT")[0]
    assert [i.item_id for i in order.items_of("DFLT")] == ["A"]
    assert [i.item_id for i in backend.fetch("EAST")[0].items_of("EAST")] == ["B"]
    backend.ship("DFLT", [ShipmentInput("DEMO-1", ("1Z1",), "UPS", Decimal("5.00"))])
    assert backend.orders["DEMO-1"].current_stage == "SD"  # EAST still has to ship
    assert backend.fetch("DFLT") == []
    backend.ship("EAST", [ShipmentInput("DEMO-1", ("1Z2",), "UPS")])
    assert backend.orders["DEMO-1"].current_stage == "CO"


def test_a_shipment_records_tracking_and_cost_and_a_retry_is_accepted(backend):
    backend.place_orders([{"order_id": "DEMO-1"}])
    shipment = ShipmentInput("DEMO-1", ("1Z1", "1Z2"), "UPS", Decimal("7.45"), Decimal("1.00"))
    assert backend.ship("DFLT", [shipment]) == 1
    assert backend.ship("DFLT", [shipment]) == 1  # the same again: an answer was lost
    recorded = backend.orders["DEMO-1"].shipments["DFLT"]
    assert recorded.tracking_numbers == ("1Z1", "1Z2")
    assert (recorded.shipping_cost, recorded.fulfillment_fee) == (Decimal("7.45"), Decimal(1))
    with pytest.raises(ChannelError, match="already shipped"):
        backend.ship("DFLT", [ShipmentInput("DEMO-1", ("OTHER",), "UPS")])


def test_a_refused_batch_changes_nothing(backend):
    backend.place_orders([{"order_id": "DEMO-1"}, {"order_id": "DEMO-2"}])
    version = backend.version
    with pytest.raises(ChannelError, match="DEMO-404"):
        backend.acknowledge("DFLT", ["DEMO-1", "DEMO-404"])
    with pytest.raises(ChannelError, match="tracking number"):
        backend.ship("DFLT", [ShipmentInput("DEMO-1", ("1Z",), "UPS"),
                              ShipmentInput("DEMO-2", (), "UPS")])  # fmt: skip
    assert backend.version == version
    assert sorted(_ids(backend.fetch("DFLT"))) == ["DEMO-1", "DEMO-2"]


def test_control_plane_input_is_checked_before_anything_is_drawn(backend):
    for bad, field in [
        ({"order_id": "1001"}, "order_id"),
        ({"items": [{"quantity": 0}]}, "items[0].quantity"),
        ({"subtotal_discount": "ten"}, "subtotal_discount"),
        ({"current_stage": "SHIPPED"}, "current_stage"),
        ({"colour": "red"}, "colour"),
    ]:
        with pytest.raises(ChannelError) as refused:
            backend.place_orders([{"order_id": "DEMO-1"}, bad])
        assert (refused.value.data or {}).get("field") == field
    assert backend.orders == {}

"""Bluepark's rules in plain Python: status changes, control-plane input checks, placing."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

import pytest

from simulators.channels.bluepark import order_input
from simulators.channels.bluepark.placing import OrderPlacer
from simulators.channels.bluepark.statuses import STATUSES, TRANSITIONS, can_move
from simulators.core.errors import ChannelError

NOW = datetime(2026, 3, 10, 12, tzinfo=UTC)


def test_closed_orders_never_move_and_completed_may_be_completed_again() -> None:
    assert can_move("Pending", "Completed") and can_move("Completed", "Completed")
    assert can_move("On Hold", "Pending") and can_move("Awaiting Payment", "Pending")
    for closed in ("Cancelled", "Refunded"):
        assert not any(can_move(closed, wanted) for wanted in STATUSES)
    assert not can_move("Completed", "Pending") and not can_move("Pending", "Refunded")
    assert set(TRANSITIONS) == set(STATUSES)


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"status": "Shipped"}, "status"),
        ({"id": 0}, "id"),
        ({"id": 2**31}, "id"),
        ({"delivery_date": "13/03/2026"}, "delivery_date"),
        ({"date_created": "yesterday"}, "date_created"),
        ({"coupons": [{"code": "X"}]}, "coupons.0"),
        ({"coupons": [{"code": "X", "amount": "-1"}]}, "coupons.0.amount"),
        ({"items": [{"unit_price": "NaN"}]}, "items.0.unit_price"),
        ({"items": [{"weight": "heavy"}]}, "items.0.weight"),
        ({"items": [{"colour": "red"}]}, "items.0.colour"),
        ({"items": []}, "items"),
        ({"shipping_address": {"street": "1 High St"}}, "shipping_address.street"),
        ({"billing_address": None}, "billing_address"),
        ({"courier_name": "DPD"}, "courier_name"),
    ],
)
def test_a_wrong_order_is_refused_naming_the_field(data: dict[str, Any], field: str) -> None:
    with pytest.raises(ChannelError) as refused:
        order_input.order(data)
    assert refused.value.status == 400
    assert refused.value.data == {"field": field}


def test_placing_gives_uk_orders_in_pounds_with_vat_and_checkout_details() -> None:
    placer = OrderPlacer(5, taken=lambda _: False)
    checked = order_input.generate_options({})
    orders = [placer.generate(checked, NOW) for _ in range(60)]
    assert {o.currency for o in orders} == {"GBP"}
    assert {o.billing_address["country"] for o in orders} == {"GB"}
    assert all(o.vat_rate == Decimal("20.00") and o.status == "Pending" for o in orders)
    with_date = [o for o in orders if o.delivery_date is not None]
    assert 20 <= len(with_date) <= 50
    assert all(o.delivery_date and o.delivery_date > o.date_created.date() for o in with_date)
    assert any(o.coupons for o in orders)
    items = [i for o in orders for i in o.items]
    assert (
        all(i.weight > 0 for i in items) and sum(bool(i.options) for i in items) > len(items) // 2
    )
    assert any(i.image_url for i in items) and any(i.stock_location for i in items)


def test_the_same_seed_places_the_same_orders() -> None:
    checked = order_input.generate_options({"coupons": True, "delivery_date": True})
    first = [OrderPlacer(9, lambda _: False).generate(checked, NOW) for _ in range(1)]
    second = [OrderPlacer(9, lambda _: False).generate(checked, NOW) for _ in range(1)]
    assert first == second
    assert first[0].coupons and first[0].delivery_date is not None


def test_explicit_fields_win_over_the_factory() -> None:
    placer = OrderPlacer(1, taken=lambda _: False)
    data = order_input.order(
        {
            "id": 42,
            "status": "Completed",
            "date_created": "2026-03-09T10:00:00Z",
            "delivery_date": None,
            "coupons": [],
            "ship_to": None,
            "items": [
                {"sku": "AC-X", "quantity": 2, "unit_price": "9.99", "options": {"Colour": "Red"}}
            ],
            "tracking_number": "JD1",
        }
    )
    order = placer.explicit(data, NOW)
    assert (order.id, order.status, order.tracking_number) == (42, "Completed", "JD1")
    assert order.date_created == datetime(2026, 3, 9, 10, tzinfo=UTC)
    assert order.delivery_date is None and order.coupons == [] and order.shipping_address is None
    item = order.items[0]
    assert (item.sku, item.quantity, item.unit_price) == ("AC-X", 2, Decimal("9.99"))
    assert item.options == [{"name": "Colour", "value": "Red"}]
    assert order.date_dispatched is not None

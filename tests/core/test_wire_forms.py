"""Per-order wire forms: built once, rebuilt for the orders that changed, spliced as bytes."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import orjson

from simulators.core.wire_forms import WireForms, json_fragment


@dataclass
class _Order:
    id: int
    state: int = 1
    builds: list[int] = field(default_factory=list)


def _forms(zone: list[str]) -> WireForms[_Order, dict[str, Any], orjson.Fragment]:
    def build(order: _Order) -> dict[str, Any]:
        order.builds.append(order.state)
        return {"id": order.id, "state": order.state, "zone": zone[0]}

    return WireForms(lambda o: o.id, build, json_fragment, lambda: zone[0])


def test_a_form_is_built_once_until_its_order_changes() -> None:
    zone = ["UTC"]
    forms = _forms(zone)
    one, two = _Order(1), _Order(2)
    assert forms(one) == {"id": 1, "state": 1, "zone": "UTC"}
    forms(one), forms(two), forms.serialised(one)
    assert one.builds == [1] and two.builds == [1]
    one.state = 3
    forms.forget(one)
    assert (
        forms(one)["state"] == 3 and orjson.loads(orjson.dumps(forms.serialised(one)))["state"] == 3
    )
    assert one.builds == [1, 3] and two.builds == [1], "only the changed order is rebuilt"


def test_forgetting_no_order_or_a_new_zone_rebuilds_every_form() -> None:
    zone = ["UTC"]
    forms = _forms(zone)
    one = _Order(1)
    forms.serialised(one)
    forms.forget()
    forms(one)
    zone[0] = "America/Chicago"
    assert forms(one)["zone"] == "America/Chicago"
    assert orjson.loads(orjson.dumps(forms.serialised(one)))["zone"] == "America/Chicago"
    assert one.builds == [1, 1, 1]


def test_a_page_spliced_from_fragments_is_the_page_serialised_afresh() -> None:
    forms = _forms(["UTC"])
    orders = [_Order(n, state=n % 3) for n in range(5)]
    spliced = orjson.dumps({"count": 5, "results": [forms.serialised(o) for o in orders]})
    fresh = orjson.dumps({"count": 5, "results": [forms(o) for o in orders]})
    assert spliced == fresh


def test_a_form_of_none_is_kept_too() -> None:
    calls: list[int] = []

    def build(order: _Order) -> None:
        calls.append(order.id)

    forms: WireForms[_Order, None, bytes] = WireForms(lambda o: o.id, build, lambda _: b"")
    forms(_Order(7)), forms(_Order(7))
    assert calls == [7]


def test_a_page_of_forms_is_each_order_s_form_built_once_and_rebuilt_after_a_change() -> None:
    zone = ["UTC"]
    forms = _forms(zone)
    orders = [_Order(n) for n in range(4)]
    assert forms.all(orders) == [forms(o) for o in orders]
    orders[2].state = 5
    forms.forget(orders[2])
    assert [f["state"] for f in forms.all(orders)] == [1, 1, 5, 1]
    assert [o.builds for o in orders] == [[1], [1], [1, 5], [1]]
    zone[0] = "Europe/Paris"
    assert {f["zone"] for f in forms.all(orders)} == {"Europe/Paris"}

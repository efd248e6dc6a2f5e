"""Regressions from the second review: the window, acknowledgements retried per order,
shipments that can never go out, duplicate listings, and hostile YAML."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from harness.channels.backmarket import identifier_from_notes
from harness.engine.connection import ConnectionFormError
from harness.engine.engine import Engine
from harness.engine.model import Shipment
from harness.runner.files.loader import problems_in
from harness.runner.worlds.control import ChannelControl
from harness.runner.worlds.world import InProcessWorld
from tests.harness.conftest import connect

UPDATE = "update-ws-specific-order"


def _calls(sim: ChannelControl, operation: str) -> list[dict[str, object]]:
    return [e for e in sim.journal()["entries"] if e["operation"] == operation]


def test_an_order_dated_in_the_future_does_not_push_the_window_past_later_orders(
    bm_sim: ChannelControl, engine: Engine, world: InProcessWorld
) -> None:
    bm_sim.place({"orders": [{"order_id": 1001, "date_creation": "2026-03-12T12:00:00Z"}]})
    store = connect(engine, bm_sim)
    engine.refresh(store)
    world.move_clock(None, 3600)
    bm_sim.place({"orders": [{"order_id": 1002}]})
    world.move_clock(None, 3 * 86400)
    engine.refresh(store)

    assert sorted(h.imported.number for h in store.orders.values()) == ["1001", "1002"]


def test_a_refused_acknowledgement_is_retried_on_its_own_even_once_out_of_the_window(
    bm_sim: ChannelControl, engine: Engine, world: InProcessWorld
) -> None:
    bm_sim.place({"orders": [{"order_id": 1001}, {"order_id": 1002}]})
    rule = {"path": "/ws/orders/1001", "method": "POST", "status": 400, "times": 3}
    bm_sim.add_fault(rule)
    store = connect(engine, bm_sim)
    for _ in range(3):  # refused three times, 40 days apart: long out of any window
        engine.refresh(store)
        world.move_clock(None, 40 * 86400)
    assert store.unacknowledged == {"1001": 3}
    assert any("refused 3 times" in line for line in store.activity)

    engine.refresh(store)

    assert store.unacknowledged == {}
    assert bm_sim.order("1001")["state"] == 3
    assert [e.action for e in store.errors] == ["acknowledge"] * 3


def test_shipping_an_unaccepted_order_accepts_it_first(
    bm_sim: ChannelControl, engine: Engine
) -> None:
    bm_sim.place({"orders": [{"order_id": 1001}]})
    bm_sim.add_fault({"operation": UPDATE, "status": 400, "times": 1})
    store = connect(engine, bm_sim)
    engine.refresh(store)
    assert store.unacknowledged == {"1001": 1}

    assert engine.ship(store, "1001", Shipment(carrier="UPS", tracking_number="1Z1")) is True

    assert bm_sim.order("1001")["state"] == 9
    assert store.outbox == {} and store.unacknowledged == {}


def test_a_shipment_of_an_order_shipped_in_the_back_office_is_dropped_with_a_reason(
    bm_sim: ChannelControl, engine: Engine
) -> None:
    bm_sim.place({"orders": [{"order_id": 1001}]})
    store = connect(engine, bm_sim)
    engine.refresh(store)
    bm_sim.edit("1001", {"state": 9})

    assert engine.ship(store, "1001", Shipment(carrier="UPS", tracking_number="1Z1")) is False
    engine.refresh(store)
    engine.refresh(store)

    assert store.outbox == {}  # not retried forever
    assert [(e.code, e.action) for e in store.errors] == [("already_shipped", "notify")]
    assert "shipped already" in store.errors[0].message
    assert len([c for c in _calls(bm_sim, UPDATE) if c["body"]["new_state"] == 3]) == 1  # type: ignore[index]


def test_an_order_with_one_listing_on_two_lines_is_accepted_and_shipped(
    bm_sim: ChannelControl, engine: Engine
) -> None:
    lines = [{"sku": "SAME-1", "quantity": 1}, {"sku": "SAME-1", "quantity": 2}]
    bm_sim.place({"orders": [{"order_id": 1001, "lines": lines}]})
    store = connect(engine, bm_sim)
    engine.refresh(store)

    assert [line["state"] for line in bm_sim.order("1001")["orderlines"]] == [2, 2]
    assert engine.ship(store, "1001", Shipment(carrier="UPS", tracking_number="1Z1")) is True
    assert store.errors == [] and store.unacknowledged == {}


def _problems(tmp_path: Path, text: str) -> list[tuple[int, str]]:
    path = tmp_path / "s.yaml"
    path.write_text(text, encoding="utf-8")
    return [(p.line, p.message) for p in problems_in(path)[0]]


BASE = "name: x\nchannels: {backmarket: {}}\nsteps: [{import: backmarket}]\n"


def test_a_recursive_alias_is_one_problem_on_its_line(tmp_path: Path) -> None:
    assert _problems(tmp_path, "tags: &a [*a]\n" + BASE) == [
        (1, "an alias refers to the value containing it")
    ]


def test_aliases_that_explode_are_refused_quickly(tmp_path: Path) -> None:
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    lines += [f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 10) + "]" for i in range(1, 9)]
    (problem,) = _problems(tmp_path, "\n".join(lines) + "\n" + BASE)
    assert "expands to more than 100000 values" in problem[1]


def test_a_merge_key_may_be_overridden_but_a_key_written_twice_may_not(tmp_path: Path) -> None:
    text = (
        "name: m\n"
        "channels: {backmarket: {}}\n"
        "steps:\n"
        '  - ship: &s {channel: backmarket, order: 1001, carrier: UPS, tracking: "1"}\n'
        "  - ship: {<<: *s, order: 1002}\n"
        '  - ship: {channel: backmarket, order: 1, order: 2, carrier: UPS, tracking: "1"}\n'
    )
    assert _problems(tmp_path, text) == [
        (6, "key 'order' appears twice in the same mapping (first on line 6)")
    ]


@pytest.mark.parametrize(
    ("notes", "imei"),
    [
        ("IMEI number: 356938035643809", "356938035643809"),
        ("IMEI no. 356938035643809", "356938035643809"),
        ("IMEI - 356938035643809", "356938035643809"),
        ("IMEI1: 356938035643809", "356938035643809"),
        ("IMEI 1: 356938035643809, IMEI 2: 356938035643817", "356938035643809"),
    ],
)
def test_common_imei_label_wordings_are_read(notes: str, imei: str) -> None:
    assert identifier_from_notes(notes) == (imei, "")


def test_a_note_that_is_only_a_date_is_no_identifier() -> None:
    assert identifier_from_notes("2026-03-10") == ("", "")


@pytest.mark.parametrize(
    ("form", "words"),
    [
        ({"credentials": {"token": "bm-abc\n"}}, "line break"),
        ({"options": {"language": "tlh-kl"}}, "country codes"),
        ({"options": {"colour": "blue"}}, "unknown option 'colour'"),
    ],
)
def test_a_connection_form_that_cannot_work_is_refused_when_saved(
    bm_sim: ChannelControl, engine: Engine, form: dict[str, Any], words: str
) -> None:
    with pytest.raises(ConnectionFormError, match=words):
        connect(engine, bm_sim, **form)


def test_shipping_a_line_the_order_does_not_have_is_refused_before_anything_is_sent(
    bm_sim: ChannelControl, engine: Engine
) -> None:
    bm_sim.place({"orders": [{"order_id": 1001}]})
    store = connect(engine, bm_sim)
    engine.refresh(store)
    shipment = Shipment(carrier="UPS", tracking_number="1Z1", line_ids=("no-such-line",))
    with pytest.raises(KeyError, match="has no line no-such-line"):
        engine.ship(store, "1001", shipment)
    assert store.outbox == {}
    assert bm_sim.order("1001")["state"] == 3

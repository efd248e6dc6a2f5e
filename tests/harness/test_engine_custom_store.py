"""The reference engine with the Custom Store adapters, against the WSM and Spark simulators:
the connection form edited between runs, partial shipments, and what a notice carries."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any
from urllib.parse import parse_qs

import pytest
from lxml import etree

from harness.engine.connection import Connection, ConnectionFormError
from harness.engine.engine import Engine
from harness.engine.model import Shipment
from harness.engine.status import StatusMapError
from harness.runner.worlds.control import ChannelControl
from harness.runner.worlds.world import InProcessWorld
from tests.harness.conftest import T0, connect

START = datetime.fromisoformat(T0)


@pytest.fixture
def cs_world(world: InProcessWorld) -> InProcessWorld:
    """The session's simulators (every registered channel)."""
    return world


@pytest.fixture
def cs_engine(engine: Engine) -> Engine:
    """The reference engine on the simulators' clock."""
    return engine


def _sim(world: InProcessWorld, name: str) -> ChannelControl:
    world.move_clock(T0, None)
    control = world.controls[name]
    control.reset(seed=0, state="empty", params={})
    control.set_clock(timezone="UTC")
    return control


@pytest.fixture
def wsm_sim(cs_world: InProcessWorld) -> ChannelControl:
    return _sim(cs_world, "wsm")


@pytest.fixture
def spark_sim(cs_world: InProcessWorld) -> ChannelControl:
    return _sim(cs_world, "spark")


def _calls(sim: ChannelControl, operation: str) -> list[dict[str, Any]]:
    return [e for e in sim.journal()["entries"] if e["operation"] == operation]


def test_a_form_the_channel_cannot_use_is_refused_and_the_old_one_kept(cs_engine, wsm_sim):
    store = connect(cs_engine, wsm_sim)
    before = store.connection
    with pytest.raises(ConnectionFormError, match="timezone"):
        cs_engine.edit_connection(store, timezone="Mars/Olympus")
    with pytest.raises(StatusMapError, match="both"):
        cs_engine.edit_connection(store, status_map={"shipped": "Shipped", "cancelled": "Shipped"})
    assert store.connection == before


def test_a_fixed_status_map_reads_the_skipped_order_again(cs_engine, wsm_sim, cs_world):
    wsm_sim.place({"orders": [{"number": "W1", "status": "Awaiting Parts"}]})
    store = connect(cs_engine, wsm_sim, status_map={"awaiting_shipment": "Payment Received"})
    cs_engine.refresh(store)
    assert list(store.skipped) and not store.orders
    cs_world.move_clock(None, 7200)
    cs_engine.refresh(store)
    assert not store.orders  # the window has moved past it
    cs_engine.edit_connection(store, status_map={"on_hold": "Awaiting Parts"})
    cs_engine.refresh(store)
    assert [o.imported.number for o in store.orders.values()] == ["W1"]
    assert not store.skipped


def test_windows_follow_the_platform_clock_and_a_timezone_fix_rewinds(
    cs_engine, spark_sim, cs_world
):
    spark_sim.set_clock(timezone="America/Chicago")
    store = connect(cs_engine, spark_sim)
    cs_engine.refresh(store)
    assert store.watermark == START  # where this import ended, not an order's date
    cs_engine.edit_connection(store, timezone="America/Chicago")
    assert store.watermark == START - timedelta(hours=5)  # UTC against CDT
    cs_engine.refresh(store)
    second = _calls(spark_sim, "export")[-1]
    assert parse_qs(second["query"])["start_date"] == ["03/10/2026 01:55"]  # 06:55 UTC


def test_partial_shipment_then_the_rest_sends_two_notices(cs_engine, wsm_sim):
    lines = [{"line_id": "L1", "quantity": 1}, {"line_id": "L2", "quantity": 3}]
    wsm_sim.place({"orders": [{"number": "W2", "lines": lines}]})
    store = connect(cs_engine, wsm_sim)
    cs_engine.refresh(store)
    assert cs_engine.ship(store, "W2", Shipment("UPS", "T1", line_ids=("L1",)))
    assert cs_engine.ship(store, "W2", Shipment("UPS", "T2", line_ids=("L2",)))
    assert cs_engine.ship(store, "W2", Shipment("UPS", "T3", line_ids=("L2",)))  # nothing new
    notices = _calls(wsm_sim, "shipnotify")
    assert [parse_qs(n["query"])["tracking_number"] for n in notices] == [["T1"], ["T2"]]
    assert wsm_sim.order("W2")["status"] == "Shipped"


def test_the_notice_carries_the_policy_fields(cs_engine, wsm_sim):
    wsm_sim.place({"orders": [{"number": "W3", "lines": [{"line_id": "L1", "sku": "S1"}]}]})
    store = connect(cs_engine, wsm_sim)
    cs_engine.refresh(store)
    shipment = Shipment("FedEx", "7946", service="FedEx 2Day", notes_to_buyer="Thanks!",
                        ship_date=START)  # fmt: skip
    cs_engine.ship(store, "W3", shipment)
    (call,) = _calls(wsm_sim, "shipnotify")
    query = parse_qs(call["query"], keep_blank_values=True)
    assert sorted(query) == ["action", "carrier", "order_number", "service", "tracking_number"]
    root = etree.fromstring(call["body"].encode())
    assert root.findtext("NotesToCustomer") == "Thanks!"
    assert root.findtext("ShipDate") == "03/10/2026"
    assert root.find("ShippingCost") is None  # no carrier fee given
    assert [i.findtext("LineItemID") for i in root.iterfind("Items/Item")] == ["L1"]
    assert "Authorization" not in call["query"] and "SS-Password" not in call["query"]


@pytest.mark.parametrize(
    ("form", "words"),
    [
        ({"base_url": "ftp://store.example.com/api/shipstation"}, "url"),
        ({"options": {"language": "fr-fr"}}, "unknown option"),
        ({"credentials": {"password": "with space"}}, "spaces"),
    ],
)
def test_a_custom_store_form_it_cannot_use_is_refused_at_connect(cs_engine, wsm_sim, form, words):
    issued = wsm_sim.credentials()
    connection = Connection(
        channel="wsm",
        credentials={**issued["credentials"], **form.get("credentials", {})},
        base_url=form.get("base_url", issued["url"]),
        options=form.get("options", {}),
    )
    with pytest.raises(ConnectionFormError, match=words):
        cs_engine.connect("wsm", connection)

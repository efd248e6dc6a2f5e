"""The client decides from the order, not from a refusal's body: Back Market documents its
refusals of the order calls as a bare status with an empty body."""

from __future__ import annotations

from pathlib import Path

import pytest

from harness.engine.engine import Engine
from harness.engine.model import Shipment
from harness.runner.execution.results import PASSED
from harness.runner.files.problems import ScenarioError
from harness.runner.worlds.control import ChannelControl
from harness.runner.worlds.world import InProcessWorld
from tests.harness.conftest import connect, run_file, validate_file, write_file

UPDATE = "update-ws-specific-order"
BODIES = ["documented", "descriptive"]


def reset(sim: ChannelControl, error_bodies: str) -> None:
    sim.reset(seed=0, state="empty", params={}, settings={"error_bodies": error_bodies})


def refusals(sim: ChannelControl) -> list[object]:
    """The bodies of the 400 answers the simulator gave, as its journal shows them."""
    entries = sim.journal()["entries"]
    return [e.get("response_body") for e in entries if e.get("status") == 400]


@pytest.mark.parametrize("error_bodies", BODIES)
def test_an_acceptance_whose_answer_was_lost_is_not_an_error(
    bm_sim: ChannelControl, engine: Engine, error_bodies: str
) -> None:
    reset(bm_sim, error_bodies)
    bm_sim.place({"orders": [{"order_id": 1001, "single_unit": True}]})
    bm_sim.add_fault({"operation": UPDATE, "kind": "truncate", "times": 1})
    store = connect(engine, bm_sim)

    engine.refresh(store)

    assert store.errors == [] and store.unacknowledged == {}
    assert bm_sim.order("1001")["state"] == 3
    assert len(refusals(bm_sim)) == 1, "the retried acceptance was refused"


@pytest.mark.parametrize("error_bodies", BODIES)
def test_a_shipment_of_an_order_with_no_line_left_is_dropped_with_its_reason(
    bm_sim: ChannelControl, engine: Engine, error_bodies: str
) -> None:
    reset(bm_sim, error_bodies)
    bm_sim.place({"orders": [{"order_id": 1001, "single_unit": True}]})
    store = connect(engine, bm_sim)
    engine.refresh(store)
    bm_sim.edit("1001", {"orderlines": [{"state": 5}]})  # refunded before shipping

    assert engine.ship(store, "1001", Shipment(carrier="UPS", tracking_number="1Z1")) is False
    engine.refresh(store)

    assert store.outbox == {}
    assert [(e.code, e.action) for e in store.errors] == [("no_line_to_ship", "notify")]
    assert store.orders["1001"].imported.status is not None
    assert store.orders["1001"].imported.status.value == "cancelled"


def test_the_documented_refusal_has_an_empty_body_and_the_reason_is_read_from_the_order(
    bm_sim: ChannelControl, engine: Engine
) -> None:
    bm_sim.place({"orders": [{"order_id": 1001, "lines": [{"state": 9}, {}]}]})
    store = connect(engine, bm_sim)
    engine.refresh(store)

    engine.ship(store, "1001", Shipment(carrier="UPS", tracking_number="1Z1"))

    assert refusals(bm_sim) == [None]  # the journal shows an empty body as null
    (error,) = store.errors
    assert (error.code, error.status) == ("not_accepted", 400)
    assert "states 9, 2" in error.message


SCENARIO = """
name: settings from a scenario file
channels:
  backmarket:
    simulator: {{settings: {{error_bodies: {value}}}}}
    orders: [{{order_id: 1001}}]
steps:
  - import: backmarket
expect:
  imported: {{backmarket: [1001]}}
"""


def test_a_scenario_sets_the_simulator_settings(
    world: InProcessWorld, bm_sim: ChannelControl, tmp_path: Path
) -> None:
    result = run_file(world, write_file(tmp_path, "ok.yaml", SCENARIO.format(value="descriptive")))
    assert result.status == PASSED
    assert bm_sim._call("GET", "/state")["settings"]["error_bodies"] == "descriptive"

    with pytest.raises(ScenarioError, match="'verbose' is not one of documented, descriptive"):
        run_file(world, write_file(tmp_path, "bad.yaml", SCENARIO.format(value="verbose")))


def test_validate_reports_a_setting_the_simulator_refuses_at_its_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write_file(tmp_path, "bad.yaml", SCENARIO.format(value="verbose"))
    code, problems, _err = validate_file(path, capsys)
    assert code != 0
    assert problems == [
        (
            f"{path}:5: channels.backmarket.simulator.settings: settings: backmarket setting "
            "'error_bodies': 'verbose' is not one of documented, descriptive"
        )
    ]
    ok = write_file(tmp_path, "ok.yaml", SCENARIO.format(value="descriptive"))
    assert validate_file(ok, capsys)[:2] == (0, [])

"""A failed check points at the line that holds the wrong expectation, for a QA author to
read the report against the file."""

from __future__ import annotations

from pathlib import Path

from harness.runner.execution.run import run_scenario
from harness.runner.files.loader import load_scenario
from harness.runner.worlds.world import InProcessWorld

SCENARIO = """\
name: failure lines
seed: 1
channels:
  backmarket:
    orders:
      - {order_id: 1001}
steps:
  - import: backmarket
  - ship: {channel: backmarket, order: 1001, carrier: UPS, tracking: "1Z1"}
  - expect:
      store_status:
        backmarket:
          status: connected
          code: token_expired
expect:
  notifications:
    backmarket:
      - order: 1001
        tracking_number: "1Z1"
        carrier: DHL
  calls:
    - {channel: backmarket, operation: get-ws-list-order, count: 1}
    - {channel: backmarket, operation: update-ws-specific-order, count: 7}
"""


def _lines(tmp_path: Path, text: str, world: InProcessWorld) -> dict[str, int]:
    path = tmp_path / "lines.yaml"
    path.write_text(text, encoding="utf-8")
    result = run_scenario(load_scenario(path), world)
    return {f.check: f.line for f in result.failures}


def test_a_mid_run_expectation_fails_at_its_own_line(tmp_path: Path, world: InProcessWorld) -> None:
    assert _lines(tmp_path, SCENARIO, world) == {"store_status": 14}


def test_final_expectations_fail_at_the_field_or_list_item_that_is_wrong(
    tmp_path: Path, world: InProcessWorld
) -> None:
    without_mid_run = SCENARIO.replace("          code: token_expired\n", "")
    assert _lines(tmp_path, without_mid_run, world) == {"notifications": 19, "calls": 22}

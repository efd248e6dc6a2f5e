"""Every scenario of the library passes: one test per file, as `chansim run` reports it."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from harness.runner.execution.run import run_scenario
from harness.runner.files.loader import discover, load_scenario
from harness.runner.reports.console import ConsoleReporter
from harness.runner.worlds.world import InProcessWorld

ROOT = Path(__file__).resolve().parents[2]
SCENARIOS = discover([ROOT / "scenarios"])


def test_the_library_has_the_back_market_scenarios_the_harness_promises() -> None:
    names = {p.stem for p in SCENARIOS if p.parent.name == "backmarket"}
    assert {
        "happy_path",
        "missing_ship_to",
        "token_expiry",
        "imei_from_notes",
        "rate_limited",
        "paging_120",
        "overlapping_windows",
    } <= names


@pytest.mark.parametrize("path", SCENARIOS, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_scenario_passes(
    path: Path, world: InProcessWorld, capsys: pytest.CaptureFixture[str]
) -> None:
    result = run_scenario(load_scenario(path), world)
    if not result.ok:
        text = io.StringIO()
        ConsoleReporter(text).scenario(result)
        pytest.fail(text.getvalue(), pytrace=False)

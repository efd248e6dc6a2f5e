"""Checks as a scenario author relies on them: one that could pass vacuously is refused when
the file is validated, one that says two things fails at its line, and ``calls`` reads the
journal whole or says that it cannot."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
import requests

from harness.engines.reference import ReferenceEngine
from harness.runner.execution.context import RunContext, StepError
from harness.runner.execution.results import ERROR, FAILED
from harness.runner.files.loader import load_scenario
from harness.runner.worlds.control import ChannelControl
from harness.runner.worlds.world import InProcessWorld, VirtualTime
from simulators.core.clock import Clock
from simulators.core.registry import channel_entry
from simulators.core.server import ChannelOptions, SimulatorGroup
from tests.harness.conftest import T0, line_of, run_file, validate_file, write_file


def _checked(expect: str) -> str:
    return f"""\
name: A check written oddly
seed: 1
clock: 2026-03-10T12:00:00Z
channels:
  backmarket:
    orders:
      - {{order_id: 1001}}
steps:
  - import: backmarket
  - advance_clock: PT1H
  - import: backmarket
expect:
  {expect}
"""


@pytest.mark.parametrize(
    "expect",
    [
        "store_status: {backmarket: {}}",
        "engine_errors: {backmarket: [{}]}",
        "imported: {backmarket: [1001, 1001]}",
    ],
    ids=["store_status-empty", "engine_errors-empty-entry", "imported-twice"],
)
def test_validate_refuses_a_check_that_could_pass_vacuously_at_its_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], expect: str
) -> None:
    text = _checked(expect)
    path = write_file(tmp_path, "check.yaml", text)

    code, problems, err = validate_file(path, capsys)

    assert code == 1
    assert problems, "the check was accepted"
    assert all(p.startswith(f"{path}:{line_of(text, expect)}: ") for p in problems), problems
    assert "Traceback" not in err


@pytest.mark.parametrize(
    ("expect", "says"),
    [
        (
            'imported: {backmarket: [1001, "1001"]}',
            "imported: backmarket lists 1001 more than once",
        ),
        (
            "calls: [{channel: backmarket, operation: get-ws-list-order, count: 2, min: 1}]",
            "calls: give either count, or min and/or max, not both",
        ),
    ],
    ids=["imported-1001-twice", "calls-count-and-min"],
)
def test_a_check_that_says_two_things_does_not_pass(
    world: InProcessWorld, tmp_path: Path, expect: str, says: str
) -> None:
    # Read naively, both would pass: 1001 was imported; the listing was called twice.
    text = _checked(expect)
    path = write_file(tmp_path, "check.yaml", text)

    result = run_file(world, path)

    assert result.status in (FAILED, ERROR)
    (failure,) = result.failures
    assert failure.line == line_of(text, expect)
    assert failure.check == expect.split(":", 1)[0]
    assert says in failure.message


TINY = """\
name: Tiny
channels:
  backmarket: {}
steps:
  - import: backmarket
"""


@pytest.fixture(scope="module")
def small_journal() -> Iterator[ChannelControl]:
    """A Back Market simulator whose journal keeps 10 entries."""
    clock = Clock(T0, frozen=True)
    options = {"backmarket": ChannelOptions(journal_size=10, state="empty", port=0)}
    group = SimulatorGroup([channel_entry("backmarket")], clock=clock, options=options).start()
    control = ChannelControl("backmarket", group.channels["backmarket"].base_url)
    try:
        yield control
    finally:
        control.session.close()
        group.stop()


def _context(sim: ChannelControl, tmp_path: Path) -> RunContext:
    """A run context whose scenario starts now, at the simulator's last journal entry."""
    scenario = load_scenario(write_file(tmp_path, "tiny.yaml", TINY))
    clock = Clock(T0, frozen=True)
    return RunContext(
        scenario=scenario,
        engine=ReferenceEngine(VirtualTime(clock)),
        sims={"backmarket": sim},
        move_clock=lambda _at, _advance: None,
        clock=VirtualTime(clock),
        journal_start={"backmarket": sim.journal()["last_seq"]},
    )


def _unauthenticated_listings(sim: ChannelControl, n: int) -> None:
    with requests.Session() as session:
        for _ in range(n):
            session.get(f"{sim.base_url}/ws/orders", timeout=10)


def test_calls_are_read_whole_while_the_journal_still_holds_them(
    small_journal: ChannelControl, tmp_path: Path
) -> None:
    ctx = _context(small_journal, tmp_path)
    _unauthenticated_listings(small_journal, 10)

    calls = ctx.calls("backmarket")

    assert len(calls) == 10
    first = ctx.journal_start["backmarket"] + 1
    assert [c["seq"] for c in calls] == list(range(first, first + 10))


def test_calls_of_a_scenario_the_journal_partly_dropped_are_a_step_error(
    small_journal: ChannelControl, tmp_path: Path
) -> None:
    ctx = _context(small_journal, tmp_path)
    _unauthenticated_listings(small_journal, 15)

    with pytest.raises(StepError, match="dropped the first 5 call"):
        ctx.calls("backmarket")

"""Time: an engine that waits on the wall clock still runs the scenarios that do not travel in
time; the others are skipped with the reason in every report, never failed."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from datetime import datetime
from io import StringIO
from pathlib import Path

import pytest

from harness.engine.clock import EngineClock
from harness.engines.library_run import LIBRARY, run_library
from harness.engines.reference import ReferenceEngine
from harness.runner.execution.results import PASSED, SKIPPED
from harness.runner.files.loader import load_scenario
from harness.runner.reports import json_report, junit
from harness.runner.reports.console import ConsoleReporter
from tests.harness.conftest import validate_file, write_file

REASON = "requires virtual_clock, which the engine under test does not declare"


class _WallWaits:
    """Reads the virtual now (it is given each call) but waits without moving it, as an
    engine that sleeps on its own clock does."""

    def __init__(self, clock: EngineClock) -> None:
        self.clock = clock

    def now(self) -> datetime:
        return self.clock.now()

    def sleep(self, seconds: float) -> None:
        """Waits elsewhere: the virtual clock does not move."""


def _wall_engine(clock: EngineClock) -> ReferenceEngine:
    engine = ReferenceEngine(_WallWaits(clock))
    engine.capabilities = frozenset()
    return engine


def test_an_engine_without_virtual_clock_passes_or_skips_every_library_scenario() -> None:
    run = run_library({"wall": _wall_engine})["wall"]
    statuses = {s.id: s.status for s in run.scenarios}
    assert set(statuses.values()) == {PASSED, SKIPPED}, statuses
    skipped = {s.id for s in run.scenarios if s.status == SKIPPED}
    requiring = {s.id for s in map(load_scenario, sorted(LIBRARY.rglob("*.yaml"))) if s.requires}
    assert skipped == requiring
    assert "backmarket.rate_limited" in skipped
    assert all(s.reason == REASON and not s.steps for s in run.scenarios if s.id in skipped)
    assert run.ok


def test_the_same_scenarios_fail_when_their_requirement_is_not_declared(tmp_path: Path) -> None:
    """What ``requires`` protects against: the wall-clock engine fails them when they run."""
    rate_limited = LIBRARY / "backmarket" / "rate_limited.yaml"
    text = rate_limited.read_text(encoding="utf-8").replace("requires: [virtual_clock]\n", "")
    copy = write_file(tmp_path, "rate_limited.yaml", text)
    run = run_library({"wall": _wall_engine}, [copy])["wall"]
    assert run.scenarios[0].status == "failed"
    assert run.scenarios[0].failures[0].check == "clock"


def test_a_skipped_scenario_says_why_in_the_console_junit_and_json(tmp_path: Path) -> None:
    paths = [
        LIBRARY / "backmarket" / "rate_limited.yaml",
        LIBRARY / "backmarket" / "happy_path.yaml",
    ]
    run = run_library({"wall": _wall_engine}, paths)["wall"]
    out = StringIO()
    console = ConsoleReporter(out)
    for result in run.scenarios:
        console.scenario(result)
    console.summary(run)
    text = out.getvalue()
    assert "SKIP  scenarios/backmarket/rate_limited.yaml" in text
    assert f"({REASON})" in text
    assert "OK: 2 scenario(s): 1 passed, 0 failed, 0 errors, 1 skipped" in text

    suite = ET.fromstring(junit.render(run)).find("testsuite")
    assert suite is not None and suite.get("skipped") == "1" and suite.get("failures") == "0"
    skipped = [c for c in suite.iter("testcase") if c.find("skipped") is not None]
    assert len(skipped) == 1
    assert skipped[0].find("skipped").get("message") == REASON  # type: ignore[union-attr]

    json_report.write(run, tmp_path / "report.json")
    report = json.loads((tmp_path / "report.json").read_text(encoding="utf-8"))
    assert report["ok"] is True
    assert report["summary"]["skipped"] == 1
    assert [s["reason"] for s in report["scenarios"]] == [REASON, None]


def test_requires_names_only_known_capabilities(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write_file(
        tmp_path,
        "needs.yaml",
        "name: n\nrequires: [time_travel]\nchannels: {backmarket: {}}\n"
        "steps:\n  - import: backmarket\n",
    )
    code, problems, _ = validate_file(path, capsys)
    assert code == 1
    assert len(problems) == 1 and problems[0].startswith(f"{path}:2:"), problems
    assert "time_travel" in problems[0] and "virtual_clock" in problems[0]

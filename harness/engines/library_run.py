"""The scenario library run against one engine, summed up per scenario: which fail, and the
first reason each gives (the naive engine's table, the mutation score)."""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import Path

from harness.engines.interface import EngineFactory
from harness.runner.execution.results import RunResult, ScenarioResult
from harness.runner.execution.run import run_scenario, select
from harness.runner.execution.strict import StrictChecks
from harness.runner.files.loader import load_scenario
from harness.runner.worlds.world import InProcessWorld

#: The scenario library.
LIBRARY = Path(__file__).resolve().parents[2] / "scenarios"

_PORT = re.compile(r"(127\.0\.0\.1|localhost):\d+")


def first_failure(result: ScenarioResult, width: int = 140) -> str:
    """``line N check: message`` of the scenario's first failure, one line, ports hidden,
    at most ``width`` characters."""
    if not result.failures:
        return ""
    first = result.failures[0]
    text = " ".join(f"line {first.line} {first.check}: {first.message}".split())
    text = _PORT.sub(r"\1:PORT", text)
    return text if len(text) <= width else text[: width - 1] + "…"


def run_library(
    engines: Mapping[str, EngineFactory], paths: list[Path] | None = None
) -> dict[str, RunResult]:
    """Every scenario of ``paths`` (default the library) against each engine, by name; the
    simulators start once for all of them (the library's files must all load)."""
    scenarios = [load_scenario(path) for path in select(paths or [LIBRARY], None)]
    runs = {name: RunResult() for name in engines}
    strict = StrictChecks()  # as chansim run checks by default
    with InProcessWorld({c for s in scenarios for c in s.channels}) as world:
        for name, factory in engines.items():
            runs[name].scenarios = [run_scenario(s, world, factory, strict) for s in scenarios]
    return runs


def failing(run: RunResult) -> dict[str, str]:
    """Scenario id → first failure line, for every scenario that did not pass or skip."""
    return {s.id: first_failure(s) for s in run.scenarios if not s.ok}

"""An engine in any language: chansim drives a service over the engine protocol.

The example HTTP engine serves the naive engine; the library run through ``--engine-url``
must report exactly what the same engine reports in-process.
"""

from __future__ import annotations

import re
import subprocess
import sys
from dataclasses import asdict
from pathlib import Path
from typing import Any

from examples.engines.naive import factory as naive_factory
from harness.engines.library_run import run_library
from harness.engines.loading import url_factory
from harness.runner.execution.results import PASSED

ROOT = Path(__file__).resolve().parents[2]
CHANSIM = [sys.executable, "-m", "harness.cli"]
_PORT = re.compile(r"127\.0\.0\.1:\d+")


def _comparable(value: Any) -> Any:
    """A report without durations, and with the simulators' ports hidden."""
    if isinstance(value, dict):
        return {k: _comparable(v) for k, v in value.items() if k != "duration_ms"}
    if isinstance(value, list):
        return [_comparable(v) for v in value]
    if isinstance(value, str):
        return _PORT.sub("127.0.0.1:PORT", value)
    return value


def test_the_library_through_engine_url_reports_what_the_engine_reports_in_process(
    naive_service: str,
) -> None:
    runs = run_library({"http": url_factory(naive_service), "python": naive_factory})
    over_http = [_comparable(asdict(s)) for s in runs["http"].scenarios]
    in_process = [_comparable(asdict(s)) for s in runs["python"].scenarios]
    assert over_http == in_process
    passed = [s["id"] for s in over_http if s["status"] == PASSED]
    assert "ultracart.happy_path" in passed
    assert len(passed) < len(over_http)  # the naive engine's bugs show over HTTP too


def _chansim(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*CHANSIM, "run", *args], cwd=ROOT, capture_output=True, text=True, timeout=300, check=False
    )


def test_chansim_run_engine_url_passes_a_scenario_against_the_example_service(
    naive_service: str,
) -> None:
    ran = _chansim("--engine-url", naive_service, "scenarios/ultracart/happy_path.yaml")
    assert ran.returncode == 0, ran.stdout + ran.stderr
    assert ran.stdout.startswith("PASS  scenarios/ultracart/happy_path.yaml")


def test_chansim_run_engine_names_the_naive_engines_bug_with_its_line() -> None:
    ran = _chansim(
        "--engine", "examples.engines.naive:factory", "scenarios/backmarket/happy_path.yaml"
    )
    assert ran.returncode == 1
    assert (
        "happy_path.yaml:18  channel_order: backmarket: order 1001 on the channel: state: "
        "expected 3, got 1" in ran.stdout
    )


def test_an_engine_that_cannot_be_loaded_or_reached_is_a_usage_error() -> None:
    ran = _chansim("--engine", "examples.engines.nowhere:factory", "scenarios/ultracart")
    assert ran.returncode == 2
    assert "cannot import examples.engines.nowhere" in ran.stderr
    ran = _chansim("--engine", "examples.engines.naive", "scenarios/ultracart")
    assert ran.returncode == 2
    assert "expected package.module:factory" in ran.stderr
    ran = _chansim("--engine-url", "http://127.0.0.1:9", "scenarios/ultracart")
    assert ran.returncode == 2
    assert "no engine service at http://127.0.0.1:9" in ran.stderr

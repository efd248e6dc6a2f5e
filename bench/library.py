"""The scenario library from a fresh process, and one scenario from process start to exit."""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.tools import ROOT

__all__ = ["ROOT", "library", "one_scenario", "run"]


def run(*paths: str) -> tuple[float, list[float]]:
    """``chansim run PATHS`` as a new process: its wall time (s) and each scenario's ms."""
    chansim = str(Path(sys.executable).with_name("chansim"))
    with tempfile.TemporaryDirectory() as tmp:
        report = Path(tmp) / "report.json"
        started = time.perf_counter()
        done = subprocess.run(
            [chansim, "run", *paths, "--json", str(report)],
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=False,
        )
        wall = time.perf_counter() - started
        if done.returncode != 0:
            raise SystemExit(f"chansim run failed:\n{done.stdout}{done.stderr}")
        times = [s["duration_ms"] for s in json.loads(report.read_text())["scenarios"]]
    return wall, times


def one_scenario() -> Path:
    """The scenario timed alone: the first of Back Market's."""
    return min((ROOT / "scenarios" / "backmarket").glob("*.yaml"))


def library() -> tuple[float, float, int]:
    """The whole library: wall s, median scenario ms, how many scenarios."""
    wall, times = run("scenarios")
    return wall, statistics.median(times), len(times)

"""Benchmark: how long the scenario library takes, cold from the command line and warm.

Prints, for ``chansim run scenarios/`` as a fresh process (``--runs`` times): the wall time
from process start to exit and the median scenario time from its JSON report; then, in one
process with the simulators already started, each scenario's median over ``--runs`` runs.
The target is a median under 100 ms per scenario. Usage::

    python bench/scenarios.py [--runs 3] [PATH ...]
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def cold(paths: list[str], runs: int) -> None:
    """``chansim run`` as a new process each time."""
    print(f"chansim run {' '.join(paths)}  (fresh process, {runs} runs)")
    print(f"{'run':>4} {'wall s':>8} {'scenarios':>10} {'median ms':>10} {'max ms':>8}")
    for n in range(1, runs + 1):
        with tempfile.TemporaryDirectory() as tmp:
            report = Path(tmp) / "report.json"
            started = time.perf_counter()
            done = subprocess.run(
                [sys.executable, "-m", "harness.cli", "run", *paths, "--json", str(report)],
                cwd=ROOT,
                capture_output=True,
                text=True,
                check=False,
            )
            wall = time.perf_counter() - started
            if done.returncode != 0:
                sys.exit(f"chansim run failed:\n{done.stdout}{done.stderr}")
            times = [s["duration_ms"] for s in json.loads(report.read_text())["scenarios"]]
        print(
            f"{n:>4} {wall:>8.2f} {len(times):>10} {statistics.median(times):>10.0f} "
            f"{max(times):>8.0f}"
        )


def warm(paths: list[str], runs: int) -> None:
    """The scenarios again and again in one process, the simulators started once."""
    from harness.runner.execution.run import run_scenario
    from harness.runner.files.loader import discover, load_scenario
    from harness.runner.worlds.world import InProcessWorld

    scenarios = [load_scenario(p) for p in discover(paths)]
    timings: dict[str, list[float]] = defaultdict(list)
    with InProcessWorld({c for s in scenarios for c in s.channels}) as world:
        for _ in range(runs):
            for scenario in scenarios:
                result = run_scenario(scenario, world)
                if not result.ok:
                    sys.exit(f"{scenario.file} failed: {result.failures}")
                timings[scenario.file].append(result.duration_ms)
    print(f"\nin one process, simulators started once (median of {runs} runs per scenario)")
    for file, values in timings.items():
        print(f"  {statistics.median(values):>7.1f} ms  {file}")
    medians = [statistics.median(v) for v in timings.values()]
    print(f"  {statistics.median(medians):>7.1f} ms  median scenario")


def main() -> None:
    """Parse the arguments and run both measurements."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="*", default=["scenarios"])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    cold(args.paths, args.runs)
    warm(args.paths, args.runs)


if __name__ == "__main__":
    main()

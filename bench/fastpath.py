"""Benchmark: the request path and start-up of two checkouts, measured in one run.

On a shared machine absolute figures drift from minute to minute; a ratio measured in the same
run does not. This runs the load rows of ``python -m bench`` (every channel, the Flask
yardstick; ``--no-library --no-scale``) and the cold starts against a ``--before`` checkout
(e.g. a worktree at main's commit: ``git worktree add --detach ../before main``) and this one,
alternating, with the same interpreter (each checkout's code comes first on ``PYTHONPATH``),
then prints every figure side by side with its ratio, with the steadier in-process figures
of ``inprocess.py`` (medians of ``--in-process`` rounds). Cold start is measured as
``chansim serve`` with all channels answering (``--config-out`` written) and ``chansim run``
of one scenario, median of ``--starts`` runs. Usage::

    python bench/fastpath.py --before ../before [--seconds 5] [--rounds 1] [--only backmarket]
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SCENARIO = "scenarios/backmarket/happy_path.yaml"
_RUN = re.compile(
    r"^(?P<name>.+?)\s+(?P<rps>\d+) req/s\s+p50\s+[\d.]+ ms\s+p99\s+(?P<p99>[\d.]+) ms"
    r"(\s+non-2xx (?P<errors>\d+)/)?"
)


def _env(tree: Path) -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(tree), "PYTHONDONTWRITEBYTECODE": "1"}


def _chansim() -> list[str]:
    return [sys.executable, "-c", "from harness.cli import main; main()"]


def http_figures(tree: Path, seconds: int, conns: int, only: list[str]) -> dict[str, str]:
    """Every load row of ``python -m bench`` run from ``tree``: req/s, p99, non-2xx."""
    chosen = [arg for name in only for arg in ("--only", name)]
    timing = ["--seconds", str(seconds), "--connections", str(conns)]
    out = subprocess.run(
        [sys.executable, "-m", "bench", "--no-library", "--no-scale", *chosen, *timing],
        capture_output=True,
        text=True,
        env=_env(tree),
        cwd=tree,
        check=False,
    )
    figures = {}
    for line in out.stdout.splitlines():
        match = _RUN.match(line)
        if match:
            name = match["name"].strip()
            figures[f"{name}, req/s"] = match["rps"]
            figures[f"{name}, p99 ms"] = match["p99"]
            figures[f"{name}, non-2xx"] = match["errors"] or "0"
    if out.returncode != 0:
        figures["bench: FAILED"] = out.stderr.strip().splitlines()[-1] if out.stderr else "?"
    return figures


def in_process(tree: Path, mode: str, count: int) -> float:
    """Requests/s of ``bench/inprocess.py`` (this checkout's script, ``tree``'s code)."""
    out = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "inprocess.py"), mode, "--requests", str(count)],
        capture_output=True,
        text=True,
        env=_env(tree),
        cwd=tree,
        check=True,
    )
    return float(out.stdout.split(":")[-1].split()[0])


def serve_start(tree: Path) -> float:
    """Seconds from process start until every channel of ``chansim serve`` answers."""
    with tempfile.TemporaryDirectory() as tmp:
        config = Path(tmp) / "config.json"
        started = time.perf_counter()
        proc = subprocess.Popen(
            [*_chansim(), "serve", "--random-ports", "--config-out", str(config)],
            env=_env(tree),
            cwd=tree,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            while not config.exists() or not config.read_text():
                if proc.poll() is not None:
                    raise SystemExit(f"chansim serve exited early in {tree}")
                time.sleep(0.002)
            return time.perf_counter() - started
        finally:
            proc.terminate()
            proc.wait()


def run_start(tree: Path) -> float:
    """Seconds from process start to exit of ``chansim run`` on one scenario."""
    started = time.perf_counter()
    subprocess.run(
        [*_chansim(), "run", SCENARIO],
        env=_env(tree),
        cwd=tree,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        check=True,
    )
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--before", type=Path, required=True)
    parser.add_argument("--seconds", type=int, default=5)
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--rounds", type=int, default=1)
    parser.add_argument("--starts", type=int, default=5)
    parser.add_argument("--only", nargs="*", default=[], help="channels (default: all)")
    parser.add_argument("--in-process", type=int, default=3, help="rounds of bench/inprocess.py")
    args = parser.parse_args()
    trees = {"before": args.before.resolve(), "after": ROOT}
    rows: dict[str, dict[str, list[float]]] = {}

    def note(name: str, label: str, value: float) -> None:
        rows.setdefault(label, {}).setdefault(name, []).append(value)

    for _ in range(args.starts):
        for name, tree in trees.items():
            note(name, "cold start: chansim serve (all channels), s", serve_start(tree))
            note(name, "cold start: chansim run (one scenario), s", run_start(tree))
    for _ in range(args.in_process):
        for name, tree in trees.items():
            for mode in ("list", "ship"):
                note(name, f"in-process Back Market {mode}, req/s", in_process(tree, mode, 2000))
    for _ in range(args.rounds):
        for name, tree in trees.items():
            for label, value in http_figures(
                tree, args.seconds, args.connections, args.only
            ).items():
                try:
                    note(name, label, float(value))
                except ValueError:
                    print(f"{name} {label}: {value}")
    print(f"{'figure':<70} {'before':>10} {'after':>10} {'after/before':>12}")
    for label, by_tree in rows.items():
        before = statistics.median(by_tree.get("before", [float("nan")]))
        after = statistics.median(by_tree.get("after", [float("nan")]))
        ratio = after / before if before else float("nan")
        print(f"{label:<70} {before:>10.3f} {after:>10.3f} {ratio:>12.2f}")


if __name__ == "__main__":
    main()

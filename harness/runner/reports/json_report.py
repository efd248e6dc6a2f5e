"""The JSON report: everything the run found. Keys named ``duration_ms`` are the only values
that change between two runs of the same scenarios with the same seed."""

from __future__ import annotations

import json
from dataclasses import asdict
from pathlib import Path
from typing import Any

from harness.runner.execution.results import ERROR, FAILED, PASSED, SKIPPED, RunResult

FORMAT = "chansim-report/1"


def to_dict(run: RunResult) -> dict[str, Any]:
    """The report as plain data."""
    return {
        "format": FORMAT,
        "ok": run.ok,
        "summary": {
            "scenarios": len(run.scenarios),
            PASSED: run.count(PASSED),
            FAILED: run.count(FAILED),
            ERROR: run.count(ERROR),
            SKIPPED: run.count(SKIPPED),
        },
        "duration_ms": run.duration_ms,
        "scenarios": [asdict(s) for s in run.scenarios],
    }


def write(run: RunResult, path: Path) -> None:
    """Write the JSON report."""
    text = json.dumps(to_dict(run), indent=2, ensure_ascii=False, default=str)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text + "\n", encoding="utf-8")

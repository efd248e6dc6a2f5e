"""The console reporter: one line per scenario as it finishes, the detail of each failure,
and a summary line."""

from __future__ import annotations

import statistics
from types import MappingProxyType
from typing import TextIO

from harness.runner.checks.matching import show
from harness.runner.execution.results import (
    ERROR,
    FAILED,
    PASSED,
    SKIPPED,
    RunResult,
    ScenarioResult,
)

_MARKS = MappingProxyType(
    {
        PASSED: ("PASS", "32"),
        FAILED: ("FAIL", "31"),
        ERROR: ("ERROR", "33"),
        SKIPPED: ("SKIP", "36"),
    }
)


class ConsoleReporter:
    """Writes to ``out``; ``color`` adds ANSI colours (when ``out`` is a terminal)."""

    def __init__(self, out: TextIO, *, color: bool = False, verbose: bool = False) -> None:
        self.out = out
        self.color = color
        self.verbose = verbose

    def _paint(self, text: str, code: str) -> str:
        return f"\033[{code}m{text}\033[0m" if self.color else text

    def scenario(self, result: ScenarioResult) -> None:
        """Progress: the scenario's verdict line, then its detail when it did not pass."""
        word, code = _MARKS[result.status]
        mark = self._paint(f"{word:<5}", code)
        if result.status == SKIPPED:
            print(f"{mark} {result.file}  {result.name}  ({result.reason})", file=self.out)
            self.out.flush()
            return
        print(f"{mark} {result.file}  {result.name}  ({result.duration_ms:.0f} ms)", file=self.out)
        if result.status != PASSED or self.verbose:
            self._detail(result)
        self.out.flush()

    def _detail(self, result: ScenarioResult) -> None:
        for step in result.steps:
            word = {PASSED: "ok"}.get(step.status, step.status)
            # an error's text is the failure printed below; say it once
            text = f" — {step.detail}" if step.detail and step.status != ERROR else ""
            print(f"      line {step.line:>3}  {step.step:<18} {word}{text}", file=self.out)
        for failure in result.failures:
            where = f"{result.file}:{failure.line}"
            print(
                f"    {self._paint(where, '1')}  {failure.check}: {failure.message}", file=self.out
            )
            if failure.expected is not None or failure.actual is not None:
                print(f"        expected: {show(failure.expected)}", file=self.out)
                print(f"        actual:   {show(failure.actual)}", file=self.out)
            if failure.journal:
                print("        channel calls (latest last):", file=self.out)
                for line in failure.journal:
                    print(f"          {line}", file=self.out)

    def summary(self, run: RunResult) -> None:
        """The closing line: counts, wall time and the median scenario."""
        durations = [
            s.duration_ms for s in run.scenarios if s.steps or s.status not in (ERROR, SKIPPED)
        ]
        median = statistics.median(durations) if durations else 0.0
        counts = (
            f"{run.count(PASSED)} passed, {run.count(FAILED)} failed, {run.count(ERROR)} errors"
        )
        if run.count(SKIPPED):
            counts += f", {run.count(SKIPPED)} skipped"
        verdict = self._paint("OK" if run.ok else "FAILED", "32" if run.ok else "31")
        print(
            f"{verdict}: {len(run.scenarios)} scenario(s): {counts} in "
            f"{run.duration_ms / 1000:.2f} s (median {median:.0f} ms per scenario)",
            file=self.out,
        )

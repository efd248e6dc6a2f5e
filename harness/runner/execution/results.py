"""What a run found: per scenario, its steps and the failures, ready for any reporter."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

PASSED, FAILED, ERROR, SKIPPED = "passed", "failed", "error", "skipped"


@dataclass
class Failure:
    """An unmet expectation (or a step that could not run), with what explains it."""

    check: str
    line: int
    message: str
    expected: Any = None
    actual: Any = None
    #: The simulator calls around the failure, one line each.
    journal: list[str] = field(default_factory=list)


@dataclass
class StepResult:
    """One step as it ran."""

    line: int
    step: str
    status: str
    detail: str = ""
    duration_ms: float = 0.0


@dataclass
class ScenarioResult:
    """One scenario as it ran."""

    id: str
    name: str
    file: str
    seed: int
    status: str = PASSED
    steps: list[StepResult] = field(default_factory=list)
    failures: list[Failure] = field(default_factory=list)
    duration_ms: float = 0.0
    #: Why the scenario was skipped (the engine under test lacks what it requires).
    reason: str | None = None

    @property
    def ok(self) -> bool:
        """Whether the scenario passed, or was skipped (not run: nothing failed)."""
        return self.status in (PASSED, SKIPPED)


@dataclass
class RunResult:
    """Every scenario of one ``chansim run``."""

    scenarios: list[ScenarioResult] = field(default_factory=list)
    duration_ms: float = 0.0

    @property
    def ok(self) -> bool:
        """Whether every scenario passed (or was skipped)."""
        return all(s.ok for s in self.scenarios)

    def count(self, status: str) -> int:
        """How many scenarios ended with ``status``."""
        return sum(1 for s in self.scenarios if s.status == status)

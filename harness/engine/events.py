"""What the engine records on a store as it works: errors and activity, stamped with its clock."""

from __future__ import annotations

from dataclasses import dataclass

from harness.engine.clock import EngineClock
from harness.engine.errors import ChannelProblem, EngineError
from harness.engine.store import Store


@dataclass(frozen=True)
class Recorder:
    """Writes on one store, at the engine clock's now."""

    store: Store
    clock: EngineClock

    def now(self) -> str:
        """The engine's now, ISO 8601."""
        return self.clock.now().isoformat()

    def error(self, action: str, problem: ChannelProblem, order: str | None = None) -> None:
        """An engine error (``action``: import, acknowledge, notify), for one order or none."""
        self.store.errors.append(
            EngineError(self.now(), action, problem.code, problem.message, order, problem.status)
        )

    def note(self, text: str) -> None:
        """A line of activity for the merchant."""
        self.store.activity.append(f"{self.now()} {text}")

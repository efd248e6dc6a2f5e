"""What steps and checks work with while a scenario runs."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from harness.channels.base import ChannelAdapter, adapter_class
from harness.engine.clock import EngineClock
from harness.engines.interface import EngineRefused, PlatformEngine, StoreView
from harness.runner.files.scenario import Scenario
from harness.runner.worlds.control import ChannelControl


class StepError(Exception):
    """A step that cannot be carried out as written (unknown order, refused control request)."""


class CheckFailed(Exception):
    """A check whose expectation is not met."""

    def __init__(
        self,
        message: str,
        *,
        expected: Any,
        actual: Any,
        channel: str | None = None,
        at: tuple[Any, ...] = (),
    ) -> None:
        super().__init__(message)
        self.message = message
        self.expected = expected
        self.actual = actual
        self.channel = channel
        #: Where in the check's arguments the (first) wrong expectation is written.
        self.at = at


class ChecksFailed(Exception):
    """Raised by the ``expect`` step with every failed check; the runner reports each."""

    def __init__(self, failures: list[Any], checked: int) -> None:
        super().__init__(f"{len(failures)} of {checked} check(s) failed")
        self.failures = failures


@dataclass
class RunContext:
    """One scenario's run: the engine under test, and the simulators' control planes."""

    scenario: Scenario
    engine: PlatformEngine
    sims: dict[str, ChannelControl]
    #: Moves the shared virtual clock: (``set`` instant or None, ``advance`` seconds or None).
    move_clock: Callable[[str | None, float | None], None]
    #: The virtual clock (what the ``clock`` check reads).
    clock: EngineClock
    #: The credentials each store was last given (connection form, ``reconnect``).
    credentials: dict[str, dict[str, str]] = field(default_factory=dict)
    #: Journal sequence number each simulator had when the scenario started.
    journal_start: dict[str, int] = field(default_factory=dict)
    #: Fault rule ids added by the scenario, with the line that declared them.
    fault_lines: dict[tuple[str, str], int] = field(default_factory=dict)
    #: The line and index of the step being run.
    line: int = 0
    step_index: int = 0
    _calls: dict[str, list[dict[str, Any]]] = field(default_factory=dict)

    def channel(self, name: str) -> str:
        """``name`` if the scenario declares it; StepError otherwise."""
        if name not in self.sims:
            declared = ", ".join(self.sims)
            raise StepError(f"channel {name!r} is not declared under channels: ({declared})")
        return name

    def view(self, channel: str) -> StoreView:
        """What the platform under test shows of the store connected to ``channel``."""
        try:
            return self.engine.view(self.channel(channel))
        except EngineRefused as exc:
            raise StepError(f"{channel}: the engine shows no store: {exc}") from None

    def sim(self, channel: str) -> ChannelControl:
        """The control plane of ``channel``'s simulator."""
        return self.sims[self.channel(channel)]

    def adapter(self, channel: str) -> type[ChannelAdapter]:
        """The adapter class of ``channel``."""
        return adapter_class(self.channel(channel))

    def calls(self, channel: str) -> list[dict[str, Any]]:
        """Every request the simulator received since the scenario started, in order.

        Read once per step (checks of one ``expect`` share it): nothing reaches the simulator
        while checks run.
        """
        if channel not in self._calls:
            since = self.journal_start[channel]
            entries = self.sim(channel).journal(since)["entries"]
            if entries and entries[0]["seq"] != since + 1:
                lost = entries[0]["seq"] - since - 1
                raise StepError(
                    f"{channel}: the simulator's journal dropped the first {lost} call(s) of "
                    "this scenario (it keeps the newest ones only), so calls cannot be checked"
                )
            self._calls[channel] = entries
        return self._calls[channel]

    def step_started(self, index: int, line: int) -> None:
        """A new step: forget what was read from the journals."""
        self.step_index, self.line = index, line
        self._calls.clear()

"""Where a run's simulators live: the :class:`World` interface, and simulators in this process.

In-process simulators are started once per run with every channel the scenarios name, on
free loopback ports, sharing one virtual clock; each scenario then resets them through their
control planes (a reset rebuilds a simulator from its seed), so scenarios never share state
and a run does not pay a server start per scenario. ``remote.py`` has the same interface for
simulators running elsewhere.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Protocol, Self

from harness.engine.clock import EngineClock
from harness.runner.files.scenario import DEFAULT_CLOCK
from harness.runner.files.timeparse import instant
from harness.runner.worlds.control import ChannelControl
from simulators.core.clock import Clock
from simulators.core.registry import channel_entry
from simulators.core.server import ChannelOptions, SimulatorGroup


class World(Protocol):
    """What the runner needs from the simulators of a run."""

    #: The control plane of each channel, by name.
    controls: dict[str, ChannelControl]

    @property
    def time(self) -> EngineClock:
        """The clock the engine reads and sleeps on."""
        ...

    def move_clock(self, at: str | None, advance: float | None) -> None:
        """Set (and freeze) and/or advance every simulator's clock."""
        ...


class VirtualTime:
    """The engine's clock in a scenario: the simulators' clock; sleeping advances it."""

    def __init__(self, clock: Clock) -> None:
        self.clock = clock

    def now(self) -> datetime:
        """The virtual now."""
        return self.clock.now()

    def sleep(self, seconds: float) -> None:
        """Advance the virtual clock instead of waiting."""
        self.clock.advance(seconds)


class InProcessWorld:
    """The simulators of a run; use as a context manager."""

    def __init__(
        self,
        channels: Iterable[str],
        *,
        host: str = "127.0.0.1",
        ports: dict[str, int] | None = None,
        validate_responses: bool = False,
        control_token: str | None = None,
    ) -> None:
        self.control_token = control_token
        self.clock = Clock(instant(DEFAULT_CLOCK), frozen=True)
        names = sorted(set(channels))
        options = {
            name: ChannelOptions(
                state="empty",
                journal_size=20_000,  # a scenario's calls must all stay checkable
                port=(ports or {}).get(name, 0),
                validate_responses=validate_responses,
            )
            for name in names
        }
        self.group = SimulatorGroup(
            [channel_entry(n) for n in names],
            clock=self.clock,
            host=host,
            options=options,
            control_token=control_token,
        )
        self.controls: dict[str, ChannelControl] = {}

    def start(self) -> Self:
        """Start the servers, and warm them up (first requests pay for lazy imports and
        the data factory's set-up; no scenario should): one generated order loads the
        factory (a whole demo state would generate dozens, in locales no scenario may use)."""
        self.group.start()
        self.controls = {
            name: ChannelControl(name, running.base_url, key=self.control_token)
            for name, running in self.group.channels.items()
        }
        for control in self.controls.values():
            control.reset(seed=0, state="empty", params={})
            control.place({"generate": 1})
            control.session.get(f"{control.base_url}/", timeout=30)
        return self

    @property
    def time(self) -> VirtualTime:
        """The shared virtual clock, for the engine."""
        return VirtualTime(self.clock)

    def move_clock(self, at: str | None, advance: float | None) -> None:
        """Set and/or advance the shared clock (it stays frozen)."""
        if at is not None:
            self.clock.set(at)
        if advance is not None:
            self.clock.advance(advance)

    def stop(self) -> None:
        """Stop the servers."""
        for control in self.controls.values():
            control.session.close()
        self.group.stop()

    def __enter__(self) -> Self:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

"""Shared fixtures: real simulators on loopback ports, reset before every test."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from simulators.core.clock import Clock
from simulators.core.registry import channel_entry
from simulators.core.server import ChannelOptions, SimulatorGroup
from tests.helpers import BackMarketClient, BlueparkClient

#: Every test starts at this frozen instant.
T0 = "2026-03-10T12:00:00+00:00"


@pytest.fixture(scope="session")
def sim_group() -> Iterator[SimulatorGroup]:
    """One server per channel for the session, on free ports, validating its own responses."""
    names = ("backmarket", "bluepark")
    options = {name: ChannelOptions(port=0, validate_responses=True) for name in names}
    group = SimulatorGroup(
        [channel_entry(name) for name in names], clock=Clock(T0, frozen=True), options=options
    )
    with group:
        yield group


@pytest.fixture
def bm(sim_group: SimulatorGroup, request: pytest.FixtureRequest) -> BackMarketClient:
    """The Back Market simulator in its seeded ``demo`` state, clock frozen at ``T0``, with
    the settings of the test's ``sim_settings`` marker (the defaults without one)."""
    sim_group.clock.freeze(T0)
    running = sim_group.channels["backmarket"]
    client = BackMarketClient(running, token="pending")
    marker = request.node.get_closest_marker("sim_settings")
    settings = dict(marker.kwargs) if marker else {}
    # through /__sim/reset: state changes only on the server's loop
    client.use_state("demo", settings=settings)
    return client


@pytest.fixture
def bp(sim_group: SimulatorGroup) -> BlueparkClient:
    """The Bluepark simulator in its seeded ``demo`` state, clock frozen at ``T0``."""
    sim_group.clock.freeze(T0)
    client = BlueparkClient(sim_group.channels["bluepark"])
    client.use_state("demo")
    return client

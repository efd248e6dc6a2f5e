"""Fixtures for the platform side: in-process simulators, an engine on their virtual clock."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from harness.channels.base import adapter_class
from harness.engine.connection import Connection
from harness.engine.engine import Engine
from harness.engine.store import Store
from harness.runner.control import ChannelControl
from harness.runner.world import InProcessWorld, VirtualTime
from simulators.core.registry import load_registry

T0 = "2026-03-10T12:00:00+00:00"


@pytest.fixture(scope="session")
def world() -> Iterator[InProcessWorld]:
    """Every channel simulator, once per session, replies checked against the specs."""
    with InProcessWorld(sorted(load_registry()), validate_responses=True) as started:
        yield started


@pytest.fixture
def bm_sim(world: InProcessWorld) -> ChannelControl:
    """The Back Market simulator reset to ``empty`` (one token, no orders), clock at T0."""
    world.move_clock(T0, None)
    control = world.controls["backmarket"]
    control.reset(seed=0, state="empty", params={})
    return control


@pytest.fixture
def engine(world: InProcessWorld) -> Iterator[Engine]:
    """A reference engine whose clock is the simulators' virtual clock."""
    made = Engine(VirtualTime(world.clock))
    yield made
    made.close()


def connect(engine: Engine, sim: ChannelControl, **form: Any) -> Store:
    """Connect a store to ``sim`` with the credentials it hands out (``form`` overrides)."""
    issued = sim.credentials()
    fields = adapter_class(sim.name).credential_fields
    credentials = {k: v for k, v in issued["credentials"].items() if k in fields}
    credentials.update(form.pop("credentials", {}))
    connection = Connection(
        channel=sim.name, credentials=credentials, base_url=issued["url"], **form
    )
    return engine.connect(sim.name, connection)

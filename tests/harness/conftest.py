"""Fixtures for the platform side: in-process simulators, an engine on their virtual clock."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from harness.channels.base import adapter_class
from harness.cli import main
from harness.engine.connection import Connection
from harness.engine.engine import Engine
from harness.engine.store import Store
from harness.runner.execution.results import ScenarioResult
from harness.runner.execution.run import run_scenario
from harness.runner.files.loader import load_scenario
from harness.runner.worlds.control import ChannelControl
from harness.runner.worlds.world import InProcessWorld, VirtualTime
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
def bp_sim(world: InProcessWorld) -> ChannelControl:
    """The Bluepark simulator reset to ``empty`` (one API user, no orders), clock at T0."""
    world.move_clock(T0, None)
    control = world.controls["bluepark"]
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


def line_of(text: str, fragment: str) -> int:
    """The 1-based line of the one line of ``text`` containing ``fragment``."""
    hits = [n for n, line in enumerate(text.splitlines(), 1) if fragment in line]
    assert len(hits) == 1, f"{fragment!r} is on lines {hits}"
    return hits[0]


def write_file(folder: Path, name: str, text: str) -> Path:
    """``text`` as the file ``name`` under ``folder``."""
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def run_file(world: InProcessWorld, path: Path) -> ScenarioResult:
    """One scenario file run against the session's simulators."""
    return run_scenario(load_scenario(path), world)


def validate_file(path: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, list[str], str]:
    """``chansim validate path`` in process: exit code, the problem lines, stderr."""
    code = main(["validate", str(path)])
    out, err = capsys.readouterr()
    problems = [row for row in out.splitlines() if row.startswith(f"{path}:")]
    return code, problems, err

"""A loaded scenario: what to set up on each channel, the steps, and the final checks."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from harness.runner.files.yaml_lines import Lines

#: The instant a scenario starts at when it names no ``clock``.
DEFAULT_CLOCK = "2026-03-10T12:00:00Z"


@dataclass(frozen=True)
class Call:
    """One step, or one check, as written: its name, arguments and line."""

    name: str
    args: Any
    line: int


@dataclass(frozen=True)
class ChannelSetup:
    """``channels.<name>``: the connection, the simulator's state, its orders and faults."""

    name: str
    line: int
    connection: dict[str, Any] = field(default_factory=dict)
    simulator: dict[str, Any] = field(default_factory=dict)
    #: Each order entry (or ``{generate: N}``) with its line.
    orders: tuple[tuple[dict[str, Any], int], ...] = ()
    faults: tuple[tuple[dict[str, Any], int], ...] = ()


@dataclass(frozen=True)
class Scenario:
    """A scenario file, validated."""

    path: Path
    file: str
    name: str
    seed: int
    clock: str
    channels: dict[str, ChannelSetup]
    steps: tuple[Call, ...]
    expect: tuple[Call, ...]
    lines: Lines
    description: str = ""
    tags: tuple[str, ...] = ()
    #: Capabilities the engine under test must declare (``virtual_clock``), else skipped.
    requires: tuple[str, ...] = ()

    @property
    def id(self) -> str:
        """``<folder>.<file stem>``, e.g. ``backmarket.happy_path``."""
        return f"{self.path.parent.name}.{self.path.stem}"

"""Simulators running elsewhere (``chansim serve``, containers), reached by URL.

The runner only ever talks to simulators through ``/__sim``, so a run against remote
simulators is the same run: this world moves every simulator's clock together (each process
has its own) and gives the engine a clock that reads and advances them.
"""

from __future__ import annotations

import json
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any, Self
from urllib.parse import urlsplit

from harness.runner.worlds.control import ChannelControl, ControlError


class TargetError(ValueError):
    """A target file that cannot be used; the message says why."""


class RemoteTime:
    """The engine's clock: the simulators' clock, read and advanced over HTTP."""

    def __init__(self, controls: dict[str, ChannelControl]) -> None:
        self.controls = controls

    def now(self) -> datetime:
        """The virtual now of the first simulator (they are moved together)."""
        first = next(iter(self.controls.values()))
        return datetime.fromisoformat(first.clock()["now"])

    def sleep(self, seconds: float) -> None:
        """Advance every simulator's clock."""
        advance_all(self.controls, seconds)


def advance_all(controls: dict[str, ChannelControl], seconds: float) -> None:
    """Move every simulator's clock ``seconds`` past the first one's, by setting it: channels
    served by one process share one clock, which advancing each would move several times."""
    first = next(iter(controls.values()))
    target = datetime.fromisoformat(first.clock()["now"]) + timedelta(seconds=seconds)
    for control in controls.values():
        control.set_clock(set=target.isoformat())


class RemoteWorld:
    """Simulators listed in a target file: ``{"<channel>": {"url": "http://..."}, ...}``
    (what ``chansim serve --config-out`` writes)."""

    def __init__(self, target: Path, channels: set[str]) -> None:
        try:
            listed: Any = json.loads(target.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise TargetError(f"{target}: cannot read the target file ({exc})") from None
        shape = '{"<channel>": {"url": "http://host:port"}, ...}'
        if not isinstance(listed, dict):
            raise TargetError(f"{target}: expected {shape}")
        missing = sorted(channels - set(listed))
        if missing:
            raise TargetError(f"{target}: no URL for {', '.join(missing)}")
        self.controls = {}
        for name in sorted(channels):
            entry = listed[name]
            url = entry.get("url") if isinstance(entry, dict) else None
            if not isinstance(url, str) or not url.startswith(("http://", "https://")):
                raise TargetError(f"{target}: {name} has no http(s) url; expected {shape}")
            # the control plane sits at the server's root, whatever path the API URL has
            # (Bluepark's is the shop's ``…/api/v1``)
            parts = urlsplit(url)
            self.controls[name] = ChannelControl(name, f"{parts.scheme}://{parts.netloc}")

    def start(self) -> Self:
        """Check every simulator answers."""
        for control in self.controls.values():
            try:
                control.clock()
            except ControlError as exc:
                raise TargetError(str(exc)) from None
        return self

    @property
    def time(self) -> RemoteTime:
        """The simulators' clocks, for the engine."""
        return RemoteTime(self.controls)

    def move_clock(self, at: str | None, advance: float | None) -> None:
        """Set (frozen) and/or advance every simulator's clock."""
        if at is not None:
            for control in self.controls.values():
                control.set_clock(set=at, freeze=True)
        if advance is not None:
            advance_all(self.controls, advance)

    def stop(self) -> None:
        """Close the connections; the simulators keep running."""
        for control in self.controls.values():
            control.session.close()

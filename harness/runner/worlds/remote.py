"""Simulators running elsewhere (``chansim serve``, containers), reached by URL.

The runner only ever talks to simulators through ``/__sim``, so a run against remote
simulators is the same run: this world moves every simulator's clock together (each process
has its own) and gives the engine a clock that reads and advances them.

A run takes a namespace of its own in each process of the deployment (``POST
/__sim/namespaces``), so several runs can share one deployment: its channels, clock and
journal are the run's alone, reached under ``/__ns/<id>`` with the namespace's key, and
deleted at the end. A deployment without namespaces (an older chansim) is used as it is.
The deployment's control token, when it has one, comes from ``CHANSIM_CONTROL_TOKEN``.
"""

from __future__ import annotations

import contextlib
import json
import os
import socket
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any, Self
from urllib.parse import urlsplit

from harness.runner.worlds.control import ChannelControl, ControlError

#: The environment variable holding a deployment's control token (as for ``chansim serve``).
TOKEN_ENV = "CHANSIM_CONTROL_TOKEN"


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

    def __init__(self, target: Path, channels: set[str], *, namespace: bool = True) -> None:
        self.namespace = namespace
        self.token = os.environ.get(TOKEN_ENV) or None
        #: The control plane of each namespace this run created, to delete it at the end.
        self.created: list[ChannelControl] = []
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
            root = f"{parts.scheme}://{parts.netloc}"
            self.controls[name] = ChannelControl(name, root, key=self.token)

    def start(self) -> Self:
        """Check every simulator answers; take a namespace in each process."""
        try:
            for control in self.controls.values():
                control.clock()
            if self.namespace:
                self._take_namespaces()
        except ControlError as exc:
            self.stop()
            raise TargetError(str(exc)) from None
        return self

    def _take_namespaces(self) -> None:
        """Create a namespace through each channel not yet covered by one (channels served by
        one process share it) and control the channels through it from then on."""
        label = f"chansim run {os.getpid()}@{socket.gethostname()}"
        shared = dict(self.controls)
        for name in sorted(shared):
            if self.controls[name] is not shared[name]:
                continue  # already in a namespace created through another channel
            try:
                created = shared[name].create_namespace(label)
            except ControlError as exc:
                if exc.status in (404, 405):
                    continue  # no namespaces on that deployment: share its default one
                raise
            for covered in created["config"]:
                if covered in shared:
                    root = shared[covered].base_url
                    self.controls[covered] = ChannelControl(
                        covered, f"{root}{created['prefix']}", key=created["key"]
                    )
            self.created.append(self.controls[name])

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
        """Delete the run's namespaces and close the connections; the simulators keep
        running (a namespace left behind expires after its idle time)."""
        for control in self.created:
            with contextlib.suppress(ControlError):
                control.delete_namespace()
        self.created = []
        for control in self.controls.values():
            control.session.close()

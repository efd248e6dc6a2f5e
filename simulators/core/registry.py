"""The channel registry: ``specs/channels.yaml``, one line per channel.

Each line names the protocol (a built-in name, or the dotted path of a module exposing
``PROTOCOL``), the spec file (relative to ``specs/``) and the default loopback port. The
simulator package of a channel is ``simulators.channels.<name>`` unless the line names another
``module``; it must expose ``CHANNEL`` (loaded by ``context.load_channel``). This module is
plain data: it imports no channel and no protocol.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml

from simulators.core.protocol import BUILT_IN

#: The specs folder: ``$CHANSIM_SPECS`` when set (an installed package, a container), else the
#: ``specs/`` of the checkout this package lives in. Read once, here.
SPECS_DIR = Path(os.environ.get("CHANSIM_SPECS") or Path(__file__).resolve().parents[2] / "specs")
REGISTRY_FILE = SPECS_DIR / "channels.yaml"
PROTOCOLS = tuple(BUILT_IN)


class RegistryError(ValueError):
    """``channels.yaml`` is wrong, or names a channel that does not exist."""


@dataclass(frozen=True)
class ChannelEntry:
    """One line of the registry."""

    name: str
    title: str
    protocol: str
    spec: Path
    port: int
    #: The package of the channel's simulator (exposes ``CHANNEL``).
    module: str = ""

    def __post_init__(self) -> None:
        if not self.module:
            object.__setattr__(self, "module", f"simulators.channels.{self.name}")


@cache
def load_registry(path: Path = REGISTRY_FILE) -> dict[str, ChannelEntry]:
    """Read and check the registry; every mistake names the channel and the field."""
    if not path.is_file():
        raise RegistryError(
            f"cannot find the channel registry {path}; set CHANSIM_SPECS to the specs folder"
        )
    raw = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    channels = raw.get("channels") if isinstance(raw, dict) else None
    if not isinstance(channels, dict) or not channels:
        raise RegistryError(f"{path}: expected a top-level 'channels:' mapping")
    entries: dict[str, ChannelEntry] = {}
    ports: dict[int, str] = {}
    for name, line in channels.items():
        if not isinstance(line, dict):
            raise RegistryError(f"{path}: channel {name!r} must be a mapping")
        missing = [k for k in ("protocol", "spec", "port") if k not in line]
        if missing:
            raise RegistryError(f"{path}: channel {name!r} lacks {', '.join(missing)}")
        protocol = str(line["protocol"])
        if protocol not in PROTOCOLS and "." not in protocol:
            raise RegistryError(
                f"{path}: channel {name!r} protocol {protocol!r} is not one of {PROTOCOLS} "
                "nor a module path"
            )
        port = line["port"]
        if port in ports:
            raise RegistryError(f"{path}: channels {ports[port]!r} and {name!r} share port {port}")
        ports[port] = name
        entries[name] = ChannelEntry(
            name=name,
            title=str(line.get("title", name)),
            protocol=protocol,
            spec=SPECS_DIR / line["spec"],
            port=int(port),
            module=str(line.get("module", "")),
        )
    return entries


def channel_entry(name: str) -> ChannelEntry:
    """The registry line of ``name``, or an error listing the known channels."""
    registry = load_registry()
    if name not in registry:
        raise RegistryError(f"unknown channel {name!r}; known: {', '.join(registry)}")
    return registry[name]

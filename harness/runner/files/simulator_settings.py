"""A scenario's ``channels.<name>.simulator.settings`` checked as the simulator will check them.

The channel's own ``check_settings`` decides (Back Market: ``error_bodies``, ``timestamps``,
``prices``, ``rate_limit``), so ``chansim validate`` reports an unknown setting or value at
its line, not at run time. The channel is loaded only for a scenario that gives settings.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from simulators.core.context import load_channel
from simulators.core.registry import load_registry

KeyPath = tuple[Any, ...]


def check(data: Mapping[str, Any], report: Callable[[KeyPath, str], None]) -> None:
    """Report the settings each channel's simulator would refuse."""
    channels = data.get("channels")
    known = load_registry()
    for name, setup in (channels or {}).items() if isinstance(channels, dict) else ():
        simulator = setup.get("simulator") if isinstance(setup, dict) else None
        settings = simulator.get("settings") if isinstance(simulator, dict) else None
        if name not in known or not isinstance(settings, dict) or not settings:
            continue  # reported elsewhere (unknown channel, not a mapping) or nothing to check
        try:
            load_channel(known[name]).check_settings(settings)
        except ValueError as exc:
            report(("channels", name, "simulator", "settings"), f"settings: {exc}")

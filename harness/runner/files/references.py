"""What the schema cannot check: every channel a step or a check names must be declared."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from typing import Any

from harness.runner.checks import load as load_checks
from harness.runner.steps import load as load_steps

KeyPath = tuple[Any, ...]
#: Steps whose bare argument is not a channel name.
_NOT_A_CHANNEL = frozenset({"advance_clock", "set_clock", "expect"})


def _per_channel(name: str) -> bool:
    """Whether check ``name`` takes ``{<channel>: ...}``."""
    checks = load_checks()
    if name not in checks:
        return False
    schema = checks.get(name).schema
    return isinstance(schema.get("additionalProperties"), Mapping) and "properties" not in schema


def _in_checks(checks: Any, path: KeyPath) -> Iterator[tuple[Any, KeyPath]]:
    if not isinstance(checks, dict):
        return
    for name, args in checks.items():
        if _per_channel(name) and isinstance(args, dict):
            yield from ((channel, (*path, name, channel)) for channel in args)
        elif isinstance(args, dict) and "channel" in args:
            yield args["channel"], (*path, name, "channel")
        elif isinstance(args, list):
            for i, item in enumerate(args):
                if isinstance(item, dict) and "channel" in item:
                    yield item["channel"], (*path, name, i, "channel")


def named_channels(data: Mapping[str, Any]) -> Iterator[tuple[Any, KeyPath]]:
    """Each channel name a step or check uses, with where it is written."""
    steps = data.get("steps")
    for i, step in enumerate(steps if isinstance(steps, list) else []):
        if not isinstance(step, dict) or len(step) != 1 or next(iter(step)) not in load_steps():
            continue  # the schema reports the step itself
        for name, args in step.items():
            if name == "expect":
                yield from _in_checks(args, ("steps", i, "expect"))
            elif isinstance(args, str) and name not in _NOT_A_CHANNEL:
                yield args, ("steps", i, name)
            elif isinstance(args, dict) and "channel" in args:
                yield args["channel"], ("steps", i, name, "channel")
    yield from _in_checks(data.get("expect"), ("expect",))


def undeclared(data: Mapping[str, Any], report: Callable[[KeyPath, str], None]) -> None:
    """Report each channel named but not declared under ``channels:``."""
    channels = data.get("channels")
    declared = sorted(map(str, channels)) if isinstance(channels, dict) else []
    for channel, path in named_channels(data):
        if isinstance(channel, str) and channel not in declared:
            report(
                path,
                f"channel {channel!r} is not declared under channels: "
                f"({', '.join(declared) or 'none declared'})",
            )

"""Fault rules checked when a scenario is validated, as the simulator will check them.

A rule under ``channels.<name>.faults`` or in an ``add_fault`` step is parsed with the
simulators' own rule parser against the operations of the channel's contract (read by the
channel's protocol: OpenAPI operationIds, SOAP operations, ...), so a misspelt operation or kind
is reported at its line by ``chansim validate``, not at run time.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from functools import cache
from typing import Any

from simulators.core.faults import FaultRuleError, parse_rule
from simulators.core.protocol import protocol_named
from simulators.core.registry import load_registry

KeyPath = tuple[Any, ...]


@cache
def _operations(channel: str) -> frozenset[str]:
    entry = load_registry()[channel]
    return protocol_named(entry.protocol).contract(entry.spec).operations()


def _rules(data: Mapping[str, Any]) -> Iterator[tuple[str, Any, KeyPath]]:
    channels = data.get("channels")
    for name, setup in (channels or {}).items() if isinstance(channels, dict) else ():
        faults = setup.get("faults") if isinstance(setup, dict) else None
        for i, rule in enumerate(faults if isinstance(faults, list) else []):
            yield name, rule, ("channels", name, "faults", i)
    steps = data.get("steps")
    for i, step in enumerate(steps if isinstance(steps, list) else []):
        args = step.get("add_fault") if isinstance(step, dict) else None
        if isinstance(args, dict) and isinstance(args.get("channel"), str):
            rule = {k: v for k, v in args.items() if k != "channel"}
            yield args["channel"], rule, ("steps", i, "add_fault")


def check(data: Mapping[str, Any], report: Callable[[KeyPath, str], None]) -> None:
    """Report each fault rule the channel's simulator would refuse."""
    known = load_registry()
    for channel, rule, path in _rules(data):
        if channel not in known or not isinstance(rule, dict):
            continue  # reported elsewhere (unknown channel, not a mapping)
        try:
            parse_rule(rule, "check", _operations(channel))
        except FaultRuleError as exc:
            report(path, f"fault rule: {exc}")

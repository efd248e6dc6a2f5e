"""``chansim vocabulary`` and ``chansim schema``: the generated documentation."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


def vocabulary(args: argparse.Namespace) -> int:
    """Print the vocabulary, or refresh its generated blocks in a file."""
    from harness.runner import vocabulary as scenario_vocabulary
    from simulators.core import vocabulary as simulator_vocabulary
    from simulators.core.registry import RegistryError

    try:
        simulators = simulator_vocabulary.render()
    except RegistryError as exc:
        print(f"chansim vocabulary: {exc}", file=sys.stderr)
        return 2
    scenarios = scenario_vocabulary.render()
    if not args.write:
        print(scenarios + "\n" + simulators, end="")
        return 0
    path = Path(args.write)
    changed = simulator_vocabulary.write(path)
    changed = scenario_vocabulary.write(path) or changed
    print(f"{args.write}: vocabulary {'updated' if changed else 'already up to date'}")
    return 0


def schema(args: argparse.Namespace) -> int:
    """Print the scenario JSON schema, or write it to a file."""
    from harness.runner.files import schema as scenario_schema
    from harness.runner.files.loader import known_channels

    channels = list(known_channels())
    if not args.write:
        print(scenario_schema.render(channels), end="")
        return 0
    changed = scenario_schema.write(Path(args.write), channels)
    print(f"{args.write}: schema {'updated' if changed else 'already up to date'}")
    return 0

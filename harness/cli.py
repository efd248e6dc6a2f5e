"""The ``chansim`` command line."""

from __future__ import annotations

import argparse
import json
import signal
import sys
import threading
import time
import urllib.request
import warnings
from collections.abc import Sequence
from pathlib import Path
from typing import Any


def _serve(args: argparse.Namespace) -> int:
    from simulators.core.clock import Clock, ClockError, parse_instant
    from simulators.core.registry import RegistryError, channel_entry, load_registry
    from simulators.core.server import ChannelOptions, ServerError, SimulatorGroup

    try:
        names = list(dict.fromkeys(args.only)) if args.only else list(load_registry())
        entries = [channel_entry(name) for name in names]
        clock = Clock(args.clock, frozen=args.freeze)
        # With --clock, data is generated relative to that instant: same seed, same data.
        epoch = parse_instant(args.clock) if args.clock else None
        options = {
            e.name: ChannelOptions(
                seed=args.seed,
                state=args.state,
                epoch=epoch,
                port=(e.port + args.port_offset) if not args.random_ports else 0,
            )
            for e in entries
        }
        group = SimulatorGroup(entries, clock=clock, host=args.host, options=options).start()
    except (RegistryError, ClockError, ServerError, KeyError) as exc:
        print(f"chansim serve: {str(exc).strip(chr(39))}", file=sys.stderr)
        return 2
    config: dict[str, Any] = {}
    try:
        for name, running in group.channels.items():
            with urllib.request.urlopen(f"{running.base_url}/__sim/credentials", timeout=5) as r:
                config[name] = json.loads(r.read())
        for name, entry in config.items():
            creds = ", ".join(f"{k}={v}" for k, v in entry["credentials"].items())
            print(f"{name:<12} {entry['url']:<28} {creds}", flush=True)
        if args.config_out:
            target = Path(args.config_out)
            partial = target.with_name(target.name + ".partial")
            partial.write_text(json.dumps(config, indent=2) + "\n", encoding="utf-8")
            partial.replace(target)  # atomic: a reader never sees half a file
            print(f"connection settings written to {args.config_out}", flush=True)
        print("simulators ready; Ctrl-C stops", flush=True)
        stop = threading.Event()
        signal.signal(signal.SIGTERM, lambda *_: stop.set())
        while not stop.is_set():
            time.sleep(0.2)
    except KeyboardInterrupt:
        pass
    finally:
        group.stop()
    print("stopped", flush=True)
    return 0


def _vocabulary(args: argparse.Namespace) -> int:
    from simulators.core import vocabulary
    from simulators.core.registry import RegistryError

    try:
        text = vocabulary.render()
    except RegistryError as exc:
        print(f"chansim vocabulary: {exc}", file=sys.stderr)
        return 2
    if args.write:
        changed = vocabulary.write(Path(args.write))
        print(f"{args.write}: vocabulary {'updated' if changed else 'already up to date'}")
    else:
        print(text, end="")
    return 0


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of ``chansim``."""
    parser = argparse.ArgumentParser(
        prog="chansim", description="Mock selling channels and a contract-test harness."
    )
    sub = parser.add_subparsers(dest="command", required=True)
    serve = sub.add_parser("serve", help="start channel simulators on loopback ports")
    serve.add_argument("--only", action="append", metavar="NAME", help="only this channel")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port-offset", type=int, default=0, help="add to every default port")
    serve.add_argument("--random-ports", action="store_true", help="let the OS pick free ports")
    serve.add_argument("--seed", type=int, default=0, help="seed of generated data (default 0)")
    serve.add_argument("--state", default="demo", help="named starting state (default demo)")
    serve.add_argument("--clock", help="start the virtual clock at this ISO 8601 instant")
    serve.add_argument("--freeze", action="store_true", help="freeze the virtual clock")
    serve.add_argument("--config-out", metavar="FILE", help="write URLs and credentials as JSON")
    serve.set_defaults(func=_serve)
    vocab = sub.add_parser(
        "vocabulary", help="print the fault kinds and starting states scenario authors can name"
    )
    vocab.add_argument("--write", metavar="FILE", help="refresh the generated block of FILE")
    vocab.set_defaults(func=_vocabulary)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``chansim`` console script."""
    # connexion imports starlette's test client at import time; its deprecation notice is
    # about connexion's internals, not something a chansim user can act on.
    warnings.filterwarnings("ignore", message="Using `httpx` with `starlette.testclient`")
    args = build_parser().parse_args(argv)
    result: int = args.func(args)
    return result


if __name__ == "__main__":
    sys.exit(main())

"""The ``chansim`` command line: the parser, and dispatch to ``harness/commands``."""

from __future__ import annotations

import argparse
import atexit
import gc
import sys
import warnings
from collections.abc import Sequence

from harness.commands import contract, docs, run, serve


def _serve_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("serve", help="start channel simulators on loopback ports")
    p.add_argument("--only", action="append", metavar="NAME", help="only this channel")
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port-offset", type=int, default=0, help="add to every default port")
    p.add_argument("--random-ports", action="store_true", help="let the OS pick free ports")
    p.add_argument("--seed", type=int, default=None, help="seed of generated data (default 0)")
    p.add_argument("--state", default="demo", help="named starting state (default demo)")
    p.add_argument("--clock", help="start the virtual clock at this ISO 8601 instant")
    p.add_argument("--freeze", action="store_true", help="freeze the virtual clock")
    p.add_argument("--config-out", metavar="FILE", help="write URLs and credentials as JSON")
    p.add_argument(
        "--setting",
        action="append",
        default=[],
        metavar="CHANNEL.NAME=VALUE",
        help="a simulator setting, e.g. bluepark.beta_quirks=true (see the vocabulary)",
    )
    p.add_argument(
        "--scenario",
        metavar="FILE",
        help="start the scenario's channels in its starting state (clock, orders, faults)",
    )
    p.add_argument(
        "--control-token",
        metavar="TOKEN",
        help="require this bearer token on /__sim (default: $CHANSIM_CONTROL_TOKEN; beyond "
        "loopback, one is generated and printed when none is given)",
    )
    p.add_argument(
        "--max-namespaces", type=int, default=8, help="namespaces alive at once (default 8)"
    )
    p.add_argument(
        "--namespace-idle",
        type=float,
        default=900.0,
        metavar="SECONDS",
        help="delete a namespace after this many real seconds without a request (default 900)",
    )
    p.set_defaults(func=serve.serve, resumes_collection=True)


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of ``chansim``."""
    parser = argparse.ArgumentParser(
        prog="chansim", description="Mock selling channels and a contract-test harness."
    )
    sub = parser.add_subparsers(dest="command", required=True)
    _serve_parser(sub)
    p = sub.add_parser("run", help="run scenarios against in-process simulators")
    p.add_argument("paths", nargs="*", metavar="PATH", help="files or folders (default scenarios)")
    p.add_argument("--junit", metavar="FILE", help="write a JUnit XML report")
    p.add_argument("--json", metavar="FILE", help="write a JSON report")
    p.add_argument("-k", metavar="PATTERN", help="only scenarios whose path matches")
    p.add_argument("--seed", type=int, help="override every scenario's seed")
    p.add_argument("-v", "--verbose", action="store_true", help="show the steps of every scenario")
    p.add_argument(
        "--target",
        metavar="FILE",
        help="run against simulators already running elsewhere: the JSON of their URLs that "
        "`chansim serve --config-out` writes (default: start them in this process)",
    )
    plug = p.add_mutually_exclusive_group()
    plug.add_argument(
        "--engine",
        metavar="MODULE:FACTORY",
        help="drive this Python engine instead of the reference one: factory(clock) returns "
        "an engine (harness/engines/interface.py), e.g. examples.engines.naive:factory",
    )
    plug.add_argument(
        "--engine-url",
        metavar="URL",
        help="drive the engine service at URL over the engine protocol (specs/engine/openapi.yaml)",
    )
    p.add_argument(
        "--no-strict",
        dest="strict",
        action="store_false",
        help="do not fail a scenario whose engine sent a request its channel's contract refuses",
    )
    p.add_argument(
        "--shared-namespace",
        action="store_true",
        help="with --target: use the deployment's default namespace instead of creating one "
        "for this run (then no other run may use that deployment at the same time)",
    )
    p.set_defaults(func=run.run, resumes_collection=True)
    p = sub.add_parser("validate", help="check scenario files; print each mistake with its line")
    p.add_argument("paths", nargs="*", metavar="PATH", help="files or folders (default scenarios)")
    p.set_defaults(func=run.validate)
    p = sub.add_parser(
        "vocabulary", help="print the steps, checks, fault kinds and states scenarios can name"
    )
    p.add_argument("--write", metavar="FILE", help="refresh the generated blocks of FILE")
    p.set_defaults(func=docs.vocabulary)
    p = sub.add_parser("schema", help="print the scenario JSON schema")
    p.add_argument("--write", metavar="FILE", help="write it to FILE")
    p.set_defaults(func=docs.schema)
    contract.add_parser(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``chansim`` console script."""
    # connexion imports starlette's test client at import time; its deprecation notice is
    # about connexion's internals, not something a chansim user can act on.
    warnings.filterwarnings("ignore", message="Using `httpx` with `starlette.testclient`")
    # Start-up (imports, specs, simulators) allocates ~100,000 objects the process keeps; the
    # cyclic collector would walk them again and again as they pile up (~50 ms), so it pauses
    # until the command has started (serve and run resume it themselves, once started: see
    # harness.commands.resume_collection). At exit, everything is frozen first, so the
    # interpreter's last collections skip it (0.1-0.3 s less to exit). Registered once.
    atexit.unregister(gc.freeze)
    atexit.register(gc.freeze)
    gc.disable()
    try:
        args = build_parser().parse_args(argv)
        if not getattr(args, "resumes_collection", False):
            gc.enable()
        result: int = args.func(args)
    finally:
        gc.enable()
    return result


if __name__ == "__main__":
    sys.exit(main())

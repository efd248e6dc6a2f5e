"""``chansim contract``: check running servers against chansim's specs, with reports for CI."""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

#: Examples per operation and generation mode when no bound is given.
DEFAULT_EXAMPLES = 25


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """The ``contract`` sub-command's options."""
    p = sub.add_parser(
        "contract",
        help="check a running server (a simulator or a real sandbox) against a spec",
        description="Send generated valid and invalid requests to every operation of a spec "
        "and check every answer against it. Read-only against a server that is not a chansim "
        "simulator unless --allow-writes.",
    )
    p.add_argument("--spec", metavar="NAME", help="a channel of the registry, or 'admin' (/__sim)")
    p.add_argument("--base-url", metavar="URL", help="the API's base URL (with --spec)")
    p.add_argument(
        "--credential",
        action="append",
        default=[],
        metavar="KEY=VALUE",
        help="a credential (repeatable); also read from CHANSIM_CREDENTIAL_<KEY> variables",
    )
    p.add_argument(
        "--target", metavar="FILE", help="every channel of a `chansim serve --config-out` file"
    )
    p.add_argument("--junit", metavar="FILE", help="write a JUnit XML report")
    p.add_argument("--json", metavar="FILE", help="write a JSON report")
    p.add_argument(
        "--max-examples",
        type=int,
        default=DEFAULT_EXAMPLES,
        metavar="N",
        help=f"examples per operation and mode, valid then invalid (default {DEFAULT_EXAMPLES})",
    )
    p.add_argument("--max-time", type=float, metavar="SECONDS", help="stop sending after this")
    p.add_argument(
        "--allow-writes",
        action="store_true",
        help="send writes to a server that is not a chansim simulator (a sandbox you may change)",
    )
    p.add_argument(
        "--allow-insecure", action="store_true", help="allow plain HTTP to a non-loopback host"
    )
    p.set_defaults(func=contract)


def contract(args: argparse.Namespace) -> int:
    """Entry of ``chansim contract``: 0 when every operation passed, 1 on a failure, 2 on
    a usage error."""
    from harness.contract import checkers, report
    from harness.contract.redact import Redactor
    from harness.contract.target import (
        TargetError,
        completed_by_simulator,
        from_file,
        from_options,
        is_simulator,
        refusal,
    )

    try:
        if bool(args.target) == bool(args.spec):
            raise TargetError("give either --target FILE, or --spec NAME with --base-url URL")
        if args.spec and not args.base_url:
            raise TargetError("--spec needs --base-url")
        if args.max_examples < 1:
            raise TargetError("--max-examples must be at least 1")
        targets = (
            from_file(Path(args.target))
            if args.target
            else [from_options(args.spec, args.base_url, args.credential)]
        )
    except TargetError as exc:
        print(f"chansim contract: {exc}", file=sys.stderr)
        return 2
    redact = Redactor(v for t in targets for v in t.credentials.values())
    redact.add(os.environ.get("CHANSIM_CONTROL_TOKEN", ""))
    for target in targets:
        problem = refusal(target, allow_insecure=args.allow_insecure)
        if problem:
            print(f"chansim contract: {redact(problem)}", file=sys.stderr)
            return 2
    deadline = time.monotonic() + args.max_time if args.max_time else None
    results = []
    try:
        for target in targets:
            simulator = is_simulator(target.base_url)
            if simulator:
                target = completed_by_simulator(target)
                for value in target.credentials.values():
                    redact.add(value)
            result = checkers.check(
                target,
                max_examples=args.max_examples,
                deadline=deadline,
                writes=simulator or args.allow_writes,
                redact=redact,
            )
            if not simulator:
                result.notes.append(
                    "not a chansim simulator: "
                    + ("writes sent (--allow-writes)" if args.allow_writes else "read-only")
                )
            results.append(result)
    except TargetError as exc:
        print(f"chansim contract: {redact(str(exc))}", file=sys.stderr)
        return 2
    report.console(results, sys.stdout)
    if args.junit:
        report.write_junit(results, Path(args.junit))
    if args.json:
        report.write_json(results, Path(args.json))
    return 0 if all(r.ok for r in results) else 1

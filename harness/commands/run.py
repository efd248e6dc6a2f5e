"""``chansim run`` and ``chansim validate``."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from harness.commands import resume_collection


def run(args: argparse.Namespace) -> int:
    """Entry of ``chansim run``: exit 0 only when every scenario passed."""
    from harness.engines.interface import EngineFailure
    from harness.engines.loading import EngineLoadError, load_factory, url_factory
    from harness.engines.reference import factory as reference_factory
    from harness.runner.execution.run import run_files, select
    from harness.runner.reports import json_report, junit
    from harness.runner.reports.console import ConsoleReporter
    from harness.runner.worlds.remote import TargetError
    from simulators.core.server import ServerError

    resume_collection()  # the imports were most of the start-up
    paths = args.paths or ["scenarios"]
    missing = [p for p in paths if not Path(p).exists()]
    if missing:
        print(f"chansim run: no such file or folder: {missing[0]}", file=sys.stderr)
        return 2
    files = select(paths, args.k)
    if not files:
        pattern = f" matching -k {args.k!r}" if args.k else ""
        print(f"chansim run: no scenario{pattern} in {', '.join(paths)}", file=sys.stderr)
        return 2
    try:
        if args.engine:
            engine_factory = load_factory(args.engine)
        elif args.engine_url:
            engine_factory = url_factory(args.engine_url)
        else:
            engine_factory = reference_factory
    except (EngineLoadError, EngineFailure) as exc:
        print(f"chansim run: {exc}", file=sys.stderr)
        return 2
    console = ConsoleReporter(sys.stdout, color=sys.stdout.isatty(), verbose=args.verbose)
    target = Path(args.target) if args.target else None
    try:
        result = run_files(
            files,
            seed=args.seed,
            progress=console.scenario,
            target=target,
            engine_factory=engine_factory,
            namespace=not args.shared_namespace,
            strict=args.strict,
        )
    except (TargetError, ServerError) as exc:
        print(f"chansim run: {exc}", file=sys.stderr)
        return 2
    console.summary(result)
    if args.junit:
        junit.write(result, Path(args.junit))
    if args.json:
        json_report.write(result, Path(args.json))
    return 0 if result.ok else 1


def validate(args: argparse.Namespace) -> int:
    """Entry of ``chansim validate``: every problem of every file, with its line."""
    from harness.runner.files.loader import discover, problems_in

    files = discover(args.paths or ["scenarios"])
    bad = 0
    for path in files:
        if not path.exists():
            print(f"{path}: no such file", file=sys.stderr)
            bad += 1
            continue
        problems, _, _ = problems_in(path)
        for problem in problems:
            print(problem)
        bad += bool(problems)
    print(f"{len(files)} file(s) checked, {bad} with problems")
    return 1 if bad else 0

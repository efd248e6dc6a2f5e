"""Soak: all five channels under load for a bounded time, RSS printed as it goes.

Rounds of load, each channel in turn: pages whose query string is new in every round (so a
cache keyed by the query would grow), then writes on freshly placed orders; the store is
reset when a round begins, so what stays is what the simulator keeps. The journal (5,000
entries a channel) and the reply cache are capped: after the first rounds RSS should stay
flat. Usage::

    python -m bench.soak [--minutes 2] [--connections 8] [--chunk 5]
"""

from __future__ import annotations

import argparse
import time

from bench.recipes import RECIPES
from bench.tools import admin, generator, load, served

PER_ROUND = 5_000


def main() -> None:
    """Load until the time is up; print RSS after every channel's turn."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--minutes", type=float, default=2)
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--chunk", type=int, default=5, help="seconds of load per request kind")
    args = parser.parse_args()
    with served() as server:
        time.sleep(1.0)
        started = time.perf_counter()
        deadline = started + args.minutes * 60
        print(f"load: {generator()}, {args.connections} connections, {args.chunk} s per run")
        print(f"{'elapsed s':>9}  {'RSS MB':>7}  after")
        print(f"{0:9.0f}  {server.rss_mb():7.1f}  start (idle)")
        rounds = 0
        while time.perf_counter() < deadline:
            for recipe in RECIPES:
                if time.perf_counter() >= deadline:
                    break
                root = server.root(recipe.channel)
                admin(root, "POST", "/reset", recipe.reset(100))
                headers = recipe.headers(root)
                page = recipe.page(root)
                first = rounds * PER_ROUND  # new query strings every round
                pages = [page(n) for n in range(first, first + PER_ROUND)]
                reads = {**headers, **recipe.page_headers}
                load(root, pages, reads, args.chunk, args.connections)
                writes = recipe.writes(root, headers)
                load(
                    root, writes, {**headers, **recipe.write_headers}, args.chunk, args.connections
                )
                elapsed = time.perf_counter() - started
                print(
                    f"{elapsed:9.0f}  {server.rss_mb():7.1f}  round {rounds + 1}, {recipe.channel}"
                )
            rounds += 1


if __name__ == "__main__":
    main()

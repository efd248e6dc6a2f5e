"""``make bench``: every channel under load, the Flask yardstick, cold starts, the library,
the scale figures and RSS, printed as one table.

For every channel (all five served by one ``chansim serve``): a listing or export page with a
distinct query per request (the reply cache cannot answer it: validation, faults, tokens,
quotas, the journal and the handler run every time), a write (ship, shipnotify, SOAP
shipment; a different order each time) and the same page again and again (the reply cache
answers). The ratio column divides by a plain static Flask app measured in the same run.
Usage::

    python -m bench [--seconds 5] [--connections 8] [--only NAME] [--no-library] [--no-scale]
"""

from __future__ import annotations

import argparse
import statistics
import time

from bench import library, scale
from bench.recipes import RECIPES, Recipe
from bench.tools import Figures, Served, admin, generator, load, served
from bench.yardstick import flask_server

DISTINCT = 5_000


def _loads(served: Served, recipe: Recipe, seconds: int, conns: int) -> list[tuple[str, Figures]]:
    """The channel's three load rows."""
    root = served.root(recipe.channel)
    admin(root, "POST", "/reset", recipe.reset(100))
    headers = recipe.headers(root)
    reads, writes = {**headers, **recipe.page_headers}, {**headers, **recipe.write_headers}
    page = recipe.page(root)
    pid = served.proc.pid
    distinct = load(root, [page(n) for n in range(DISTINCT)], reads, seconds, conns, pid)
    cached = load(root, [page(0)], reads, seconds, conns, pid)
    write = load(root, recipe.writes(root, headers), writes, seconds, conns, pid)
    return [
        ("page, distinct query", distinct),
        (recipe.write_name, write),
        ("page, repeated (cached)", cached),
    ]


def main() -> None:
    """Measure everything asked for, then print the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=5)
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--only", action="append", help="only these channels (repeatable)")
    parser.add_argument("--no-library", action="store_true", help="skip the scenario runs")
    parser.add_argument("--no-scale", action="store_true", help="skip the 10,000-order runs")
    parser.add_argument("--no-load", action="store_true", help="skip the load runs")
    args = parser.parse_args()
    recipes = [r for r in RECIPES if not args.only or r.channel in args.only]
    secs, conns = args.seconds, args.connections
    rows: list[tuple[str, str]] = []
    if not args.no_load:
        with flask_server() as (flask, pid):
            yard = load(flask, [("GET", "/ws/orders?n=1", None)], {}, secs, conns, pid)
            yard_post = load(flask, [("POST", "/ws/orders/1", b"{}")], {}, secs, conns, pid)
        rows.append(("Flask static GET (yardstick)", str(yard)))
        rows.append(("Flask static POST (yardstick)", str(yard_post)))
    with served() as server:
        time.sleep(1.0)  # idle: whatever start-up left behind is collected
        rows.append(("chansim serve, 5 channels: cold start", f"{server.cold_s * 1000:8.0f} ms"))
        rows.append(("RSS idle, 5 channels", f"{server.rss_mb():8.1f} MB"))
        for recipe in recipes if not args.no_load else ():
            for name, figures in _loads(server, recipe, secs, conns):
                base = yard if "page" in name else yard_post
                ratio = figures.rps / base.rps if base.rps else float("nan")
                rows.append((f"{recipe.channel}: {name}", f"{figures}  {ratio:5.2f}x Flask"))
        if not args.no_load:
            rows.append(("RSS after the load runs", f"{server.rss_mb():8.1f} MB"))
        if not args.no_scale:
            for recipe in recipes:
                s = scale.measure(server, recipe)
                rows.append(
                    (
                        f"{recipe.channel}: scale",
                        (
                            f"page {s.page_small_ms:5.2f} ms among {recipe.page_size}, "
                            f"{s.page_large_ms:5.2f} ms among {scale.LARGE:,} "
                            f"({s.ratio:4.2f}x); placing {s.place_ms:6.0f} ms; "
                            f"walk {s.walk_ms:6.0f} ms ({s.walked} orders)"
                        ),
                    )
                )
            rows.append(("RSS after the scale runs", f"{server.rss_mb():8.1f} MB"))
    if not args.no_library:
        one = library.one_scenario()
        wall, _ = library.run(str(one.relative_to(library.ROOT)))
        rows.append((f"chansim run {one.name}: start to exit", f"{wall * 1000:8.0f} ms"))
        walls, medians, count = [], [], 0
        for _ in range(3):
            wall, median, count = library.library()
            walls.append(wall)
            medians.append(median)
        rows.append(
            (
                f"chansim run scenarios/ ({count}), fresh process, 3 runs",
                (
                    f"{min(walls):6.2f}-{max(walls):.2f} s wall; median scenario "
                    f"{statistics.median(medians):.0f} ms"
                ),
            )
        )
    width = max(len(name) for name, _ in rows)
    print(f"load: {generator()}, {conns} connections, {secs} s per run")
    for name, value in rows:
        print(f"{name:<{width}}  {value}")


if __name__ == "__main__":
    main()

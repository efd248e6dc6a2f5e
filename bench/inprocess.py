"""Benchmark: Back Market's request path in one process, without sockets or a load generator.

Calls the simulator's ASGI app (shell, gate, journal, protocol app, handler) directly, one
request after another, so the figure is the request path's own cost and varies far less than
a wrk run on a shared machine. ``list`` asks for distinct listing pages of 50 among 120 paid
orders; ``ship`` ships a different accepted order per request. Usage::

    python bench/inprocess.py list|ship [--requests 3000]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import time
from typing import Any

from simulators.core.app import build_app
from simulators.core.clock import Clock
from simulators.core.context import SimContext
from simulators.core.protocol import Message
from simulators.core.registry import channel_entry

JSON = (("content-type", "application/json"),)


async def call(
    app: Any, method: str, path: str, query: str = "", headers: Any = (), body: Any = b""
) -> tuple[int, bytes]:
    """One request through the app; its status and body."""
    pairs = [*headers, ("host", "127.0.0.1:9"), ("content-length", str(len(body)))]
    scope = {
        "type": "http",
        "method": method,
        "path": path,
        "raw_path": path.encode(),
        "query_string": query.encode(),
        "headers": [(k.encode(), v.encode()) for k, v in pairs],
        "scheme": "http",
        "server": ("127.0.0.1", 9),
        "client": ("127.0.0.1", 5),
        "root_path": "",
        "http_version": "1.1",
    }
    delivered = False
    reply: dict[str, Any] = {"body": b""}

    async def receive() -> Message:
        nonlocal delivered
        if delivered:
            await asyncio.Event().wait()
        delivered = True
        return {"type": "http.request", "body": body, "more_body": False}

    async def send(message: Message) -> None:
        if message["type"] == "http.response.start":
            reply["status"] = message["status"]
        else:
            reply["body"] += message.get("body", b"")

    await app(scope, receive, send)
    return reply["status"], reply["body"]


async def measure(mode: str, count: int) -> tuple[float, float]:
    """Requests per second of ``count`` requests of ``mode``, and CPU microseconds per request
    (steadier than the rate on a shared machine)."""
    ctx = SimContext(channel_entry("backmarket"), clock=Clock("2026-03-10T12:00:00Z"), seed=0)
    app = build_app(ctx)
    reset = {
        "state": "paid_orders",
        "params": {"count": 120},
        "settings": {"rate_limit": "per_token"},
    }
    await call(app, "POST", "/__sim/reset", headers=JSON, body=json.dumps(reset).encode())
    token = {"token": "bench", "quota": {"limit": 10**9}}
    _, issued = await call(
        app, "POST", "/__sim/tokens", headers=JSON, body=json.dumps(token).encode()
    )
    auth: tuple[tuple[str, str], ...] = (
        ("authorization", f"Basic {json.loads(issued)['token']}"),
        ("user-agent", "BM-Chansim-Bench;bench@example.com"),
        ("accept-language", "fr-fr"),
    )
    requests: list[tuple[str, str, str, tuple[tuple[str, str], ...], bytes]]
    if mode == "list":
        requests = [("GET", "/ws/orders", f"page-size=50&n={i}", auth, b"") for i in range(count)]
    else:
        wanted = json.dumps({"generate": count, "state": 3}).encode()
        _, created = await call(app, "POST", "/__sim/orders", headers=JSON, body=wanted)
        requests = [
            (
                "POST",
                f"/ws/orders/{o['order_id']}",
                "",
                (*auth, *JSON),
                json.dumps(
                    {
                        "order_id": o["order_id"],
                        "new_state": 3,
                        "tracking_number": f"1Z{o['order_id']}",
                    }
                ).encode(),
            )
            for o in json.loads(created)
        ]
    return await timed(app, requests)


async def timed(app: Any, requests: list[tuple[Any, ...]]) -> tuple[float, float]:
    """Send ``requests`` (each :func:`call`'s arguments after the app) one after the other;
    requests per second, and CPU microseconds per request. A non-200 answer stops it."""
    started, cpu = time.perf_counter(), time.process_time()
    for request in requests:
        status, body = await call(app, *request)
        if status != 200:
            raise SystemExit(f"{request[:2]}: {status} {body[:300]!r}")
    return len(requests) / (time.perf_counter() - started), (
        (time.process_time() - cpu) * 1e6 / len(requests)
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("mode", choices=("list", "ship"))
    parser.add_argument("--requests", type=int, default=3000)
    args = parser.parse_args()
    rate, cpu_us = asyncio.run(measure(args.mode, args.requests))
    print(f"in-process {args.mode}: {rate:.0f} req/s, {cpu_us:.0f} us CPU per request")


if __name__ == "__main__":
    main()

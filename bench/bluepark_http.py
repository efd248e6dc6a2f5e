"""Benchmark: ``chansim serve --only bluepark`` under load on loopback.

Prints cold start, requests/s with p50/p99 latency for the listing
(``GET /api/v1/orders?limit=100``, the page the adapter reads) — the same URL again and again
(answered by the reply cache) and with a distinct query string per request (every request
through connexion's validation and the handler; ``&page=<n>`` cycling over the 5 pages of 500
orders, plus an ignored-by-value ``created_to`` far in the future) — and for the notification
(``PUT /api/v1/orders/{id}`` with status and tracking number), and the server's RSS. Basic
auth, the journal and fault checks run for every request.

The load generator is ``wrk`` when installed, else a small Python keep-alive client. Usage::

    python bench/bluepark_http.py [--seconds 10] [--connections 8]
"""

from __future__ import annotations

import argparse
import base64
import json
import shutil
import tempfile
from pathlib import Path

from backmarket_http import admin, rss_mb, run_python, run_wrk, start_server

DISTINCT_LUA = """
counter = 0
request = function()
  counter = counter + 1
  local path = wrk.path .. "&page=" .. ((counter % 5) + 1) .. "&created_to=2099-01-01T00:00:%02d"
  return wrk.format(nil, string.format(path, counter % 60))
end
"""

PUT_LUA = """
headers = {%s}
ids = {%s}
counter = 0
request = function()
  counter = counter + 1
  local id = ids[((counter - 1) %% #ids) + 1]
  local body = '{"status": "Completed", "tracking_number": "JD' .. counter .. '"}'
  return wrk.format("PUT", "/api/v1/orders/" .. id, headers, body)
end
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--connections", type=int, default=8)
    args = parser.parse_args()
    use_wrk = shutil.which("wrk") is not None
    conns, secs = args.connections, args.seconds
    with tempfile.TemporaryDirectory() as tmp:
        proc, cold, url = start_server(Path(tmp) / "config.json", "bluepark")
        try:
            rss_idle = rss_mb(proc.pid)
            admin(url, "POST", "/reset", {"state": "pending_orders", "params": {"count": 500}})
            issued = admin(url, "GET", "/credentials")["credentials"]
            pair = f"{issued['api_username']}:{issued['api_key']}".encode()
            headers = {"Authorization": "Basic " + base64.b64encode(pair).decode()}
            page = "/api/v1/orders?limit=100"
            if use_wrk:
                listing = run_wrk(url, page, headers, secs, conns, "")
                rss_same = rss_mb(proc.pid)
                distinct = run_wrk(url, page, headers, secs, conns, DISTINCT_LUA)
            else:
                listing = run_python(url, [("GET", page, None)], headers, secs, conns)
                rss_same = rss_mb(proc.pid)
                unique = [
                    (
                        "GET",
                        f"{page}&page={i % 5 + 1}&created_to=2099-01-01T00:00:{i % 60:02d}",
                        None,
                    )
                    for i in range(300)
                ]
                distinct = run_python(url, unique, headers, secs, conns)
            rss_distinct = rss_mb(proc.pid)
            ids = [o["id"] for o in admin(url, "GET", "/orders")]
            put_headers = {**headers, "Content-Type": "application/json"}
            if use_wrk:
                lua_headers = ", ".join(f'["{k}"] = "{v}"' for k, v in put_headers.items())
                put = run_wrk(
                    url,
                    "/",
                    headers,
                    secs,
                    conns,
                    PUT_LUA % (lua_headers, ", ".join(map(str, ids))),
                )
            else:
                bodies = [
                    ("PUT", f"/api/v1/orders/{i}",
                     json.dumps({"status": "Completed", "tracking_number": f"JD{i}"}).encode())
                    for i in ids
                ]  # fmt: skip
                put = run_python(url, bodies, put_headers, secs, conns)
            rss_loaded = rss_mb(proc.pid)
        finally:
            proc.terminate()
            proc.wait(10)
    generator = "wrk -t1" if use_wrk else "python http.client threads"
    report = [
        f"chansim serve --only bluepark (load: {generator}, {conns} connections, {secs} s per run)",
        f"cold start, process start -> every server answers: {cold * 1000:.0f} ms",
        (
            f"RSS: {rss_idle:.1f} MB idle, {rss_same:.1f} MB after the same-URL run, "
            f"{rss_distinct:.1f} MB after the distinct run, {rss_loaded:.1f} MB after the PUT run"
        ),
    ]
    runs = (
        ("GET limit=100, same URL", listing),
        ("GET limit=100, distinct", distinct),
        ("PUT status + tracking", put),
    )
    for name, r in runs:
        report.append(
            f"{name:<28} {r['rps']:7.0f} req/s  p50 {r['p50']:6.2f} ms  p99 {r['p99']:6.2f} ms  "
            f"non-2xx {int(r['errors'])}/{int(r['total'])}"
        )
    print("\n".join(report))


if __name__ == "__main__":
    main()

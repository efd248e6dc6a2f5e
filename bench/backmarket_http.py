"""Benchmark: ``chansim serve --only backmarket`` under load on loopback.

Prints cold start (process start → every server answers), requests/s with p50/p99 latency for
``GET /ws/orders?page-size=50`` and for the ship call (``POST /ws/orders/{id}`` with
``new_state: 3``), and the server's RSS. Journaling, faults, the WAF, quotas and token checks
run for every request. The listing is measured twice: the same URL again and again (repeats
are answered by the reply cache: same state, same request, same bytes) and with a distinct
query string per request (``&n=<counter>``, ignored by the API), so every request goes
through connexion's request validation and the handler.

The load generator is ``wrk`` when installed (``apt-get install wrk``), else a small Python
keep-alive client (which then shares the two cores and measures less). Usage::

    python bench/backmarket_http.py [--seconds 10] [--connections 8]
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
UA = "BM-Chansim-Bench;bench@example.com"


def start_server(
    config: Path, channel: str = "backmarket"
) -> tuple[subprocess.Popen[bytes], float, str]:
    """Start one channel's simulator; return the process, its cold start in seconds and the
    URL of its server (not of its API)."""
    chansim = Path(sys.executable).with_name("chansim")
    started = time.perf_counter()
    proc = subprocess.Popen(
        [
            *(str(chansim), "serve", "--only", channel, "--random-ports"),
            *("--config-out", str(config), "--clock", "2026-03-10T12:00:00Z"),
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    while not config.exists() or not config.read_text():
        if proc.poll() is not None:
            raise SystemExit("chansim serve exited before it was ready")
        time.sleep(0.002)
    cold = time.perf_counter() - started
    url = json.loads(config.read_text())[channel]["url"]
    return proc, cold, "/".join(url.split("/")[:3])


def admin(url: str, method: str, path: str, body: Any = None) -> Any:
    host, port = url.removeprefix("http://").split(":")
    conn = http.client.HTTPConnection(host, int(port), timeout=120)
    payload = json.dumps(body) if body is not None else None
    conn.request(method, "/__sim" + path, payload, {"Content-Type": "application/json"})
    reply = conn.getresponse()
    data = reply.read()
    conn.close()
    if reply.status >= 300:
        raise SystemExit(f"admin {method} {path}: {reply.status} {data[:200]!r}")
    return json.loads(data) if data else None


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def run_wrk(
    url: str, path: str, headers: dict[str, str], seconds: int, conns: int, lua: str
) -> dict[str, float]:
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
        script.write(lua)
    args = ["wrk", "-t1", f"-c{conns}", f"-d{seconds}s", "--latency", "-s", script.name]
    for name, value in headers.items():
        args += ["-H", f"{name}: {value}"]
    out = subprocess.run([*args, url + path], capture_output=True, text=True, check=True).stdout
    os.unlink(script.name)

    def latency(label: str) -> float:
        match = re.search(rf"^\s+{label}%\s+([\d.]+)(us|ms|s)", out, re.MULTILINE)
        if not match:
            return float("nan")
        value, unit = float(match[1]), match[2]
        return value / 1000 if unit == "us" else value * 1000 if unit == "s" else value

    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    return {
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", out)[1]),  # type: ignore[index]
        "p50": latency("50"),
        "p99": latency("99"),
        "errors": float(non_2xx[1]) if non_2xx else 0.0,
        "total": float(re.search(r"(\d+) requests in", out)[1]),  # type: ignore[index]
    }


def run_python(
    url: str,
    requests_: Sequence[tuple[str, str, bytes | None]],
    headers: dict[str, str],
    seconds: int,
    conns: int,
) -> dict[str, float]:
    host, port = url.removeprefix("http://").split(":")
    latencies: list[float] = []
    errors = 0
    lock = threading.Lock()
    deadline = time.perf_counter() + seconds
    counter = iter(range(10**9))

    def worker() -> None:
        nonlocal errors
        conn = http.client.HTTPConnection(host, int(port))
        mine: list[float] = []
        bad = 0
        while time.perf_counter() < deadline:
            method, path, body = requests_[next(counter) % len(requests_)]
            t0 = time.perf_counter()
            conn.request(method, path, body, headers)
            reply = conn.getresponse()
            reply.read()
            mine.append((time.perf_counter() - t0) * 1000)
            bad += reply.status >= 300
        with lock:
            latencies.extend(mine)
            errors += bad

    threads = [threading.Thread(target=worker) for _ in range(conns)]
    started = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.perf_counter() - started
    cuts = statistics.quantiles(latencies, n=100)
    return {
        "rps": len(latencies) / elapsed,
        "p50": cuts[49],
        "p99": cuts[98],
        "errors": errors,
        "total": len(latencies),
    }


DISTINCT_LUA = """
counter = 0
request = function()
  counter = counter + 1
  return wrk.format(nil, wrk.path .. "&n=" .. counter)
end
"""

SHIP_LUA = """
headers = {%s}
ids = {%s}
counter = 0
request = function()
  counter = counter + 1
  local id = ids[((counter - 1) %% #ids) + 1]
  local body = '{"order_id": ' .. id .. ', "new_state": 3, "tracking_number": "1Z' .. id .. '"}'
  return wrk.format("POST", "/ws/orders/" .. id, headers, body)
end
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--connections", type=int, default=8)
    args = parser.parse_args()
    use_wrk = shutil.which("wrk") is not None
    with tempfile.TemporaryDirectory() as tmp:
        proc, cold, url = start_server(Path(tmp) / "config.json")
        try:
            rss_idle = rss_mb(proc.pid)
            # one client address sends them all: count the limit per token, whose quota is huge
            reset = {"state": "paid_orders", "params": {"count": 120}}
            admin(url, "POST", "/reset", {**reset, "settings": {"rate_limit": "per_token"}})
            token = admin(url, "POST", "/tokens", {"token": "bench", "quota": {"limit": 10**9}})
            headers = {
                "Authorization": f"Basic {token['token']}",
                "User-Agent": UA,
                "Accept-Language": "fr-fr",
            }
            page = "/ws/orders?page-size=50"
            conns, secs = args.connections, args.seconds
            if use_wrk:
                listing = run_wrk(url, page, headers, secs, conns, "")
                rss_same = rss_mb(proc.pid)
                distinct = run_wrk(url, page, headers, secs, conns, DISTINCT_LUA)
            else:
                listing = run_python(url, [("GET", page, None)], headers, secs, conns)
                rss_same = rss_mb(proc.pid)
                unique = [("GET", f"{page}&n={i}", None) for i in range(100_000)]
                distinct = run_python(url, unique, headers, secs, conns)
            journal_after_list = admin(url, "GET", "/state")["journal"]
            rss_distinct = rss_mb(proc.pid)
            # The ship call: every request ships a different accepted order once.
            wanted = 1200 * args.seconds
            created = admin(url, "POST", "/orders", {"generate": min(wanted, 10_000), "state": 3})
            ids = [o["order_id"] for o in created]
            # wrk.format with a header table replaces the -H headers, so the script sets all.
            lua_headers = ", ".join(
                f'["{k}"] = "{v}"'
                for k, v in {**headers, "Content-Type": "application/json"}.items()
            )
            if use_wrk:
                ship = run_wrk(
                    url,
                    "/",
                    headers,
                    args.seconds,
                    args.connections,
                    SHIP_LUA % (lua_headers, ", ".join(map(str, ids))),
                )
            else:
                bodies = [
                    (
                        "POST",
                        f"/ws/orders/{i}",
                        json.dumps(
                            {"order_id": i, "new_state": 3, "tracking_number": f"1Z{i}"}
                        ).encode(),
                    )
                    for i in ids
                ]
                ship = run_python(
                    url,
                    bodies,
                    {**headers, "Content-Type": "application/json"},
                    args.seconds,
                    args.connections,
                )
            rss_loaded = rss_mb(proc.pid)
        finally:
            proc.terminate()
            proc.wait(10)
    generator = "wrk -t1" if use_wrk else "python http.client threads"
    report = [
        (
            f"chansim serve --only backmarket (load: {generator}, {args.connections} connections, "
            f"{args.seconds} s per run)"
        ),
        f"cold start, process start -> every server answers: {cold * 1000:.0f} ms",
        (
            f"RSS: {rss_idle:.1f} MB idle, {rss_same:.1f} MB after the same-URL run, "
            f"{rss_distinct:.1f} MB after the distinct run, {rss_loaded:.1f} MB after the ship "
            f"run ({len(ids)} orders added for it)"
        ),
    ]
    runs = (
        ("GET page-size=50, same URL", listing),
        ("GET page-size=50, distinct", distinct),
        ("POST ship (new_state 3)", ship),
    )
    for name, r in runs:
        report.append(
            f"{name:<28} {r['rps']:7.0f} req/s  p50 {r['p50']:6.2f} ms  p99 {r['p99']:6.2f} ms  "
            f"non-2xx {int(r['errors'])}/{int(r['total'])}"
        )
    journal = journal_after_list
    report.append(
        f"journal after the listing runs: {journal['entries']} entries kept, "
        f"last seq {journal['last_seq']}, {journal['dropped']} dropped (bounded)"
    )
    print("\n".join(report))


if __name__ == "__main__":
    main()

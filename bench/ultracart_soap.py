"""Benchmark: ``chansim serve --only ultracart`` under load on loopback: the SOAP fetch.

Prints cold start, then requests/s with p50/p99 latency for ``getOrders`` (a SOAP 1.1 POST with
the DC credentials in the envelope) with 10 and with 100 orders queued (the most one call
returns; none is acknowledged, so every call returns the same ones), and the server's RSS.
Each is measured with the same body again and again (``getOrders`` is marked safe in the WSDL,
so the shell reuses the answer while the state is unchanged, as a polling client sees it) and
with a distinct body per request (a trailing XML comment), which Spyne answers every time.
Every request goes through the shell (journal, faults, the gate's envelope and credential
checks), the WSGI bridge and Spyne (schema validation of the request, serialisation).

Load from ``wrk`` when installed, else Python keep-alive clients. Usage::

    python bench/ultracart_soap.py [--seconds 10] [--connections 8]
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from backmarket_http import admin, rss_mb, run_python, run_wrk

ENVELOPE = (
    '<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/" '
    'xmlns:dc="http://www.ultracart.com/schemas/dc-transport/v1"><soap:Body><dc:getOrders>'
    "<dc:credentials><dc:merchantId>{merchant_id}</dc:merchantId>"
    "<dc:accessKey>{access_key}</dc:accessKey>"
    "<dc:distributionCenterCode>{distribution_center_code}</dc:distributionCenterCode>"
    "</dc:credentials></dc:getOrders></soap:Body></soap:Envelope>"
)
LUA = """
wrk.method = "POST"
wrk.body = [[%s]]
"""
#: A distinct body per request (a trailing comment), so no answer is reused.
DISTINCT_LUA = """
counter = 0
body = [[%s]]
request = function()
  counter = counter + 1
  return wrk.format("POST", "/", nil, body .. "<!-- " .. counter .. " -->")
end
"""


def start_server(config: Path) -> tuple[subprocess.Popen[bytes], float, str]:
    """Start the simulator; return the process, its cold start in seconds and its URL."""
    chansim = Path(sys.executable).with_name("chansim")
    started = time.perf_counter()
    proc = subprocess.Popen(
        [
            *(str(chansim), "serve", "--only", "ultracart", "--random-ports"),
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
    url: str = json.loads(config.read_text())["ultracart"]["url"]
    return proc, cold, url.rstrip("/")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--connections", type=int, default=8)
    args = parser.parse_args()
    use_wrk = shutil.which("wrk") is not None
    headers = {"Content-Type": "text/xml; charset=utf-8", "SOAPAction": '"getOrders"'}
    results = []
    with tempfile.TemporaryDirectory() as tmp:
        proc, cold, url = start_server(Path(tmp) / "config.json")
        try:
            rss_idle = rss_mb(proc.pid)
            for queued in (10, 100):
                admin(
                    url, "POST", "/reset", {"state": "queued_orders", "params": {"count": queued}}
                )
                body = ENVELOPE.format(**admin(url, "GET", "/credentials")["credentials"])
                for label, lua, bodies in (
                    ("same body", LUA, [body]),
                    ("distinct", DISTINCT_LUA, [f"{body}<!-- {n} -->" for n in range(100_000)]),
                ):
                    if use_wrk:
                        run = run_wrk(url, "/", headers, args.seconds, args.connections, lua % body)
                    else:
                        requests_ = [("POST", "/", b.encode()) for b in bodies]
                        run = run_python(url, requests_, headers, args.seconds, args.connections)
                    results.append((f"getOrders, {queued} queued, {label}", run))
            rss_loaded = rss_mb(proc.pid)
        finally:
            proc.terminate()
            proc.wait(10)
    generator = "wrk -t1" if use_wrk else "python http.client threads"
    print(
        f"chansim serve --only ultracart (load: {generator}, {args.connections} connections, "
        f"{args.seconds} s per run)"
    )
    print(f"cold start, process start -> every server answers: {cold * 1000:.0f} ms")
    print(f"RSS: {rss_idle:.1f} MB idle, {rss_loaded:.1f} MB after the runs")
    for name, r in results:
        print(
            f"{name:<32} {r['rps']:7.0f} req/s  p50 {r['p50']:6.2f} ms  p99 {r['p99']:6.2f} ms  "
            f"non-2xx {int(r['errors'])}/{int(r['total'])}"
        )


if __name__ == "__main__":
    main()

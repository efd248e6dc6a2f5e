"""Benchmark: ``chansim serve --only wsm`` (the Custom Store protocol) under load on loopback.

Prints requests/s with p50/p99 latency for the export (``GET ?action=export``, a page of 100
orders, ~330 KB of XML) — the same URL again and again (answered by the reply cache) and a
distinct query string per request (``&n=<counter>``, so connexion validates it and the page is
assembled from each order's cached ``<Order>`` bytes) — and for ``POST ?action=shipnotify``
with a ``<ShipNotice>`` body, a different order each time (parsed with lxml, checked against
shipnotice.xsd, recorded). HTTP Basic, the journal and faults run for every request. Uses
``wrk`` when installed, else Python threads (see ``backmarket_http.py``). Usage::

    python bench/custom_store_http.py [--seconds 10] [--connections 8]
"""

from __future__ import annotations

import argparse
import base64
import shutil
import tempfile
from pathlib import Path
from urllib.parse import quote

from backmarket_http import DISTINCT_LUA, admin, rss_mb, run_python, run_wrk, start_server

NOTIFY_LUA = """
headers = {%s}
numbers = {%s}
counter = 0
request = function()
  counter = counter + 1
  local n = numbers[((counter - 1) %% #numbers) + 1]
  local body = '<?xml version="1.0" encoding="utf-8"?><ShipNotice><OrderNumber>' .. n ..
    '</OrderNumber><Carrier>UPS</Carrier><Service>UPS Ground</Service><TrackingNumber>1Z' .. n ..
    '</TrackingNumber><ShippingCost>9.95</ShippingCost></ShipNotice>'
  return wrk.format("POST", "%s?action=shipnotify&order_number=" .. n ..
    "&carrier=UPS&service=UPS+Ground&tracking_number=1Z" .. n, headers, body)
end
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--connections", type=int, default=8)
    args = parser.parse_args()
    use_wrk = shutil.which("wrk") is not None
    secs, conns = args.seconds, args.connections
    with tempfile.TemporaryDirectory() as tmp:
        proc, cold, root = start_server(Path(tmp) / "config.json", "wsm")
        try:
            admin(root, "POST", "/reset", {"state": "orders", "params": {"count": 100}})
            creds = admin(root, "GET", "/credentials")["credentials"]
            basic = base64.b64encode(f"{creds['username']}:{creds['password']}".encode())
            headers = {"Authorization": f"Basic {basic.decode()}"}
            window = f"start_date={quote('01/01/2026 00:00')}&end_date={quote('12/31/2030 00:00')}"
            page = f"/api/shipstation?action=export&{window}&page=1"
            if use_wrk:
                same = run_wrk(root, page, headers, secs, conns, "")
                distinct = run_wrk(root, page, headers, secs, conns, DISTINCT_LUA)
            else:
                same = run_python(root, [("GET", page, None)], headers, secs, conns)
                unique = [("GET", f"{page}&n={i}", None) for i in range(100_000)]
                distinct = run_python(root, unique, headers, secs, conns)
            created = admin(root, "POST", "/orders", {"generate": 10_000})
            numbers = [o["number"] for o in created]
            notify_headers = {**headers, "Content-Type": "application/xml"}
            lua_headers = ", ".join(f'["{k}"] = "{v}"' for k, v in notify_headers.items())
            quoted = ", ".join(f'"{n}"' for n in numbers)
            lua = NOTIFY_LUA % (lua_headers, quoted, "/api/shipstation")
            if use_wrk:
                notify = run_wrk(root, "/", headers, secs, conns, lua)
            else:
                query = "action=shipnotify&carrier=UPS&service=UPS+Ground&order_number="
                bodies = [
                    (
                        "POST",
                        f"/api/shipstation?{query}{n}&tracking_number=1Z{n}",
                        f"<ShipNotice><OrderNumber>{n}</OrderNumber></ShipNotice>".encode(),
                    )
                    for n in numbers
                ]
                notify = run_python(root, bodies, notify_headers, secs, conns)
            rss = rss_mb(proc.pid)
        finally:
            proc.terminate()
            proc.wait(10)
    generator = "wrk -t1" if use_wrk else "python http.client threads"
    print(f"chansim serve --only wsm (load: {generator}, {conns} connections, {secs} s per run)")
    print(f"cold start: {cold * 1000:.0f} ms; RSS after the runs: {rss:.1f} MB")
    for name, r in (
        ("GET export page of 100, same URL", same),
        ("GET export page of 100, distinct", distinct),
        ("POST shipnotify", notify),
    ):
        print(
            f"{name:<34} {r['rps']:7.0f} req/s  p50 {r['p50']:6.2f} ms  p99 {r['p99']:6.2f} ms  "
            f"non-2xx {int(r['errors'])}/{int(r['total'])}"
        )


if __name__ == "__main__":
    main()

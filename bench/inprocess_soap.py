"""Benchmark: UltraCart's SOAP request path in one process, without sockets or a load generator.

Like ``inprocess.py`` for Back Market: the simulator's ASGI app (shell, gate, journal, SOAP
app, service) called directly, one request after another. ``page`` asks for ``getOrders``
(100 queued orders) with a distinct trailing comment per request, so the reply cache never
answers; ``write`` posts a shipment for a different order per request. Usage::

    python bench/inprocess_soap.py page|write [--requests 2000]

With ``PYTHONPATH=<another checkout>`` it measures that checkout's simulators.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
from pathlib import Path

sys.path.append(str(Path(__file__).resolve().parents[1]))  # after PYTHONPATH's checkout

from bench.inprocess import JSON, call, timed
from simulators.core.app import build_app
from simulators.core.clock import Clock
from simulators.core.context import SimContext
from simulators.core.registry import channel_entry

_SOAP_ENV = "http://schemas.xmlsoap.org/soap/envelope/"
_TNS = "http://www.ultracart.com/schemas/dc-transport/v1"


def envelope(operation: str, creds: dict[str, str], inner: str = "") -> bytes:
    """A document/literal request for ``operation`` with the DC's credentials."""
    given = "".join(f"<dc:{k}>{v}</dc:{k}>" for k, v in creds.items())
    return (
        f'<soap:Envelope xmlns:soap="{_SOAP_ENV}" xmlns:dc="{_TNS}"><soap:Body>'
        f"<dc:{operation}><dc:credentials>{given}</dc:credentials>{inner}</dc:{operation}>"
        "</soap:Body></soap:Envelope>"
    ).encode()


async def measure(mode: str, count: int) -> tuple[float, float]:
    """Requests per second of ``count`` requests of ``mode``, and CPU microseconds each."""
    ctx = SimContext(channel_entry("ultracart"), clock=Clock("2026-03-10T12:00:00Z"), seed=0)
    app = build_app(ctx)
    reset = {"state": "queued_orders", "params": {"count": 100}}
    await call(app, "POST", "/__sim/reset", headers=JSON, body=json.dumps(reset).encode())
    _, issued = await call(app, "GET", "/__sim/credentials")
    given = json.loads(issued)["credentials"]
    creds = {
        "merchantId": given["merchant_id"],
        "accessKey": given["access_key"],
        "distributionCenterCode": given["distribution_center_code"],
    }
    xml = (("content-type", "text/xml; charset=utf-8"),)
    if mode == "page":
        body = envelope("getOrders", creds)
        headers = (*xml, ("soapaction", '"getOrders"'))
        requests = [(body + f"<!-- {n} -->".encode(), headers) for n in range(count)]
    else:
        wanted = json.dumps({"generate": count}).encode()
        _, created = await call(app, "POST", "/__sim/orders", headers=JSON, body=wanted)
        shipment = (
            "<dc:shipment><dc:orderId>{0}</dc:orderId><dc:trackingNumber>1Z{0}"
            "</dc:trackingNumber><dc:carrier>UPS</dc:carrier></dc:shipment>"
        )
        headers = (*xml, ("soapaction", '"postShipments"'))
        requests = [
            (envelope("postShipments", creds, shipment.format(o["order_id"])), headers)
            for o in json.loads(created)
        ]
    return await timed(app, [("POST", "/", "", hdrs, body) for body, hdrs in requests])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("mode", choices=("page", "write"))
    parser.add_argument("--requests", type=int, default=2000)
    args = parser.parse_args()
    rate, cpu_us = asyncio.run(measure(args.mode, args.requests))
    print(f"in-process ultracart {args.mode}: {rate:.0f} req/s, {cpu_us:.0f} us CPU per request")


if __name__ == "__main__":
    main()

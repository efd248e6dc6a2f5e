"""Each channel's requests for the benchmark: a listing page, a write, a walk of the store.

A recipe is data and three small functions; what they share (serving, loading, timing) is in
``tools.py``. ``page(n)`` is a listing or export page of about 50 to 100 orders whose query differs
by ``n`` (so the reply cache never answers it); ``writes(root)`` places orders and returns one
write per order; ``walk(root)`` reads the whole store the way the platform's client does and
returns how many orders it saw.
"""

from __future__ import annotations

import base64
import json
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any
from urllib.parse import quote

from bench.tools import Request, admin, call

SINCE = "2000-01-01T00:00:00Z"


@dataclass(frozen=True)
class Recipe:
    """How to benchmark one channel."""

    channel: str
    reset: Callable[[int], dict[str, Any]]  # the /__sim/reset body for ``count`` orders
    headers: Callable[[str], dict[str, str]]  # after the reset: the client's headers
    page: Callable[[str], Callable[[int], Request]]  # after the reset: the n-th page
    writes: Callable[[str, dict[str, str]], list[Request]]
    walk: Callable[[str, dict[str, str]], int]
    write_name: str
    #: How many orders a page holds (the scale runs compare full pages).
    page_size: int
    #: Headers the page's and the write's requests add (a SOAP operation's SOAPAction).
    page_headers: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))
    write_headers: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))


def _basic(user: str, password: str) -> dict[str, str]:
    return {"Authorization": "Basic " + base64.b64encode(f"{user}:{password}".encode()).decode()}


def _get(root: str, path: str, headers: dict[str, str]) -> bytes:
    return call(root, "GET", path, None, **headers)


# -- Back Market ------------------------------------------------------------------------------
def _bm_headers(root: str) -> dict[str, str]:
    token = admin(root, "POST", "/tokens", {"token": "bench", "quota": {"limit": 10**9}})
    agent = "BM-Chansim-Bench;bench@example.com"
    return {
        "Authorization": f"Basic {token['token']}",
        "User-Agent": agent,
        "Accept-Language": "fr-fr",
        "Content-Type": "application/json",
    }


#: Orders placed for a write run: enough that no order is written twice at ~3,000 req/s for
#: the default 5 s (a repeated ship is refused and would be counted as a fast non-2xx).
WRITE_ORDERS = 15_000


def _placed(root: str, body: dict[str, Any]) -> list[dict[str, Any]]:
    """``WRITE_ORDERS`` orders placed through ``/__sim`` (in batches the control plane takes)."""
    placed: list[dict[str, Any]] = []
    while len(placed) < WRITE_ORDERS:
        placed += admin(root, "POST", "/orders", {**body, "generate": 5000})
    return placed


def _bm_writes(root: str, headers: dict[str, str]) -> list[Request]:
    ids = [o["order_id"] for o in _placed(root, {"state": 3})]
    body = '{{"order_id": {0}, "new_state": 3, "tracking_number": "1Z{0}"}}'
    return [("POST", f"/ws/orders/{i}", body.format(i).encode()) for i in ids]


def _bm_walk(root: str, headers: dict[str, str]) -> int:
    url: str | None = f"/ws/orders?page-size=50&date_modification={SINCE}"
    seen = 0
    while url:
        page = json.loads(_get(root, url, headers))
        seen += len(page["results"])
        url = page["next"] and "/" + page["next"].split("/", 3)[3]
    return seen


BACKMARKET = Recipe(
    channel="backmarket",
    reset=lambda n: {
        "state": "paid_orders",
        "params": {"count": n},
        "settings": {"rate_limit": "per_token"},  # one address sends everything
    },
    headers=_bm_headers,
    page=lambda root: (
        lambda n: (
            "GET",
            f"/ws/orders?page-size=50&date_modification={SINCE}&n={n}",
            None,
        )
    ),
    writes=_bm_writes,
    walk=_bm_walk,
    write_name="POST ship (new_state 3)",
    page_size=50,
)


# -- Bluepark ---------------------------------------------------------------------------------
def _bp_headers(root: str) -> dict[str, str]:
    issued = admin(root, "GET", "/credentials")["credentials"]
    return {**_basic(issued["api_username"], issued["api_key"]), "Content-Type": "application/json"}


def _bp_writes(root: str, headers: dict[str, str]) -> list[Request]:
    body = '{{"status": "Completed", "tracking_number": "JD{0}"}}'
    return [
        ("PUT", f"/api/v1/orders/{o['id']}", body.format(o["id"]).encode())
        for o in admin(root, "GET", "/orders")
    ]


def _late(n: int) -> str:
    """A ``created_to`` bound past every order, distinct for each ``n`` below a day."""
    return f"2099-01-01T{n // 3600 % 24:02d}:{n // 60 % 60:02d}:{n % 60:02d}Z"


def _bp_walk(root: str, headers: dict[str, str]) -> int:
    seen, page = 0, 1
    while True:
        path = f"/api/v1/orders?limit=100&modified_from={SINCE}&page={page}"
        found = len(json.loads(_get(root, path, headers))["orders"])
        seen, page = seen + found, page + 1
        if found < 100:
            return seen


BLUEPARK = Recipe(
    channel="bluepark",
    reset=lambda n: {"state": "pending_orders", "params": {"count": n}},
    headers=_bp_headers,
    # distinct: a created_to second past every order (the page and its cost do not change)
    page=lambda root: lambda n: ("GET", f"/api/v1/orders?limit=50&created_to={_late(n)}", None),
    writes=_bp_writes,
    walk=_bp_walk,
    write_name="PUT status + tracking",
    page_size=50,
)


# -- Custom Store (Web Shop Manager, Spark Shipping) ------------------------------------------
_WINDOW = f"start_date={quote('01/01/2000 00:00')}&end_date={quote('12/31/2030 00:00')}"
_NOTICE = (
    '<?xml version="1.0" encoding="utf-8"?><ShipNotice><OrderNumber>{0}</OrderNumber>'
    "<Carrier>UPS</Carrier><Service>UPS Ground</Service><TrackingNumber>1Z{0}</TrackingNumber>"
    "<ShippingCost>9.95</ShippingCost></ShipNotice>"
)


def _cs_headers(root: str, channel: str) -> dict[str, str]:
    issued = admin(root, "GET", "/credentials")["credentials"]
    return {**_basic(issued["username"], issued["password"]), "Content-Type": "application/xml"}


def _cs_writes(root: str, headers: dict[str, str]) -> list[Request]:
    _placed(root, {})
    query = "action=shipnotify&carrier=UPS&service=UPS+Ground&order_number="
    return [
        ("POST", f"/api/shipstation?{query}{o['number']}", _NOTICE.format(o["number"]).encode())
        for o in admin(root, "GET", "/orders")
        if o["exported"]
    ]


def _cs_walk(root: str, headers: dict[str, str]) -> int:
    seen, page, pages = 0, 1, 1
    while page <= pages:
        xml = _get(root, f"/api/shipstation?action=export&{_WINDOW}&page={page}", headers)
        match = re.search(rb'<Orders pages="(\d+)"', xml)
        pages = int(match[1]) if match else 0
        seen += xml.count(b"<Order>")
        page += 1
    return seen


def _custom_store(channel: str) -> Recipe:
    return Recipe(
        channel=channel,
        reset=lambda n: {"state": "orders", "params": {"count": n}},
        headers=lambda root: _cs_headers(root, channel),
        page=lambda root: (
            lambda n: (
                "GET",
                f"/api/shipstation?action=export&{_WINDOW}&page=1&n={n}",
                None,
            )
        ),
        writes=_cs_writes,
        walk=_cs_walk,
        write_name="POST shipnotify",
        page_size=100,
    )


WSM = _custom_store("wsm")
SPARK = _custom_store("spark")


# -- UltraCart (SOAP) --------------------------------------------------------------------------
_TNS = "http://www.ultracart.com/schemas/dc-transport/v1"


def _envelope(operation: str, credentials: dict[str, str], inner: str = "") -> bytes:
    creds = "".join(f"<dc:{k}>{v}</dc:{k}>" for k, v in credentials.items())
    return (
        '<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/" '
        f'xmlns:dc="{_TNS}"><soap:Body><dc:{operation}><dc:credentials>{creds}</dc:credentials>'
        f"{inner}</dc:{operation}></soap:Body></soap:Envelope>"
    ).encode()


def _uc_credentials(root: str) -> dict[str, str]:
    issued = admin(root, "GET", "/credentials")["credentials"]
    return {
        "merchantId": issued["merchant_id"],
        "accessKey": issued["access_key"],
        "distributionCenterCode": issued["distribution_center_code"],
    }


def _uc_writes(root: str, headers: dict[str, str]) -> list[Request]:
    ids = [o["order_id"] for o in _placed(root, {})]
    creds = _uc_credentials(root)
    shipment = "<dc:shipment><dc:orderId>{0}</dc:orderId><dc:trackingNumber>1Z{0}"
    shipment += "</dc:trackingNumber><dc:carrier>UPS</dc:carrier></dc:shipment>"
    return [("POST", "/", _envelope("postShipments", creds, shipment.format(i))) for i in ids]


def _uc_walk(root: str, headers: dict[str, str]) -> int:
    """Fetch the queue (100 at most), acknowledge what came, until it is empty."""
    seen, creds = 0, _uc_credentials(root)
    while True:
        xml = call(
            root, "POST", "/", _envelope("getOrders", creds), **headers, SOAPAction='"getOrders"'
        )
        ids = re.findall(rb"<(?:\w+:)?order_id>([^<]+)</", xml)
        if not ids:
            return seen
        seen += len(ids)
        inner = "".join(f"<dc:orderId>{i.decode()}</dc:orderId>" for i in ids)
        ack = _envelope("acknowledgeOrders", creds, inner)
        call(root, "POST", "/", ack, **headers, SOAPAction='"acknowledgeOrders"')


def _uc_page(root: str) -> Callable[[int], Request]:
    """``getOrders`` with a distinct trailing comment, so the reply cache never answers."""
    body = _envelope("getOrders", _uc_credentials(root))
    return lambda n: ("POST", "/", body + f"<!-- {n} -->".encode())


ULTRACART = Recipe(
    channel="ultracart",
    reset=lambda n: {"state": "queued_orders", "params": {"count": n}},
    headers=lambda root: {"Content-Type": "text/xml; charset=utf-8"},
    page=_uc_page,
    writes=_uc_writes,
    walk=_uc_walk,
    write_name="SOAP postShipments",
    page_size=100,
    page_headers=MappingProxyType({"SOAPAction": '"getOrders"'}),
    write_headers=MappingProxyType({"SOAPAction": '"postShipments"'}),
)

RECIPES = (BACKMARKET, BLUEPARK, WSM, SPARK, ULTRACART)

"""Spark Shipping: routes a merchant's catalogue between vendors; ShipStation is one of them.

Orders come from the factory's dropship catalogue, whose lines name their supplier. The demo
merchant routes what its own warehouse stocks, and Keystone's products (kept at the same
3PL), to the ShipStation vendor; the other suppliers ship their own. The export shows only
ShipStation's lines, and the server reads the window and writes dates in the account's
timezone (the simulator's clock timezone), which is why ShipStation's Spark tile has a store
timezone setting. Status texts are not published; these are chosen
(specs/customstore/openapi.yaml).
"""

from __future__ import annotations

from types import MappingProxyType

from simulators.core.factory.catalogues import DROPSHIP, DROPSHIP_VENDORS
from simulators.core.protocols.custom_store.flavour import Flavour

PLATFORM = "ShipStation"
_OWN, _KEYSTONE, *_SUPPLIERS = (vendor.name for vendor in DROPSHIP_VENDORS)

SPARK = Flavour(
    name="spark",
    title="Spark Shipping",
    endpoint="/api/shipstation",
    statuses=(
        "unpaid",
        "pending",
        "submitted",
        "partially_shipped",
        "shipped",
        "cancelled",
        "on_hold",
    ),
    paid="pending",
    unpaid="unpaid",
    partially_shipped="partially_shipped",
    shipped="shipped",
    number_prefix="SP-",
    catalogue=DROPSHIP,
    local_time=True,
    platform_vendor=PLATFORM,
    routes=MappingProxyType(
        {_OWN: PLATFORM, _KEYSTONE: PLATFORM, **{name: name for name in _SUPPLIERS}}
    ),
    user_name="spark-vendor-shipstation",
)

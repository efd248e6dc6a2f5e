"""Spark Shipping: routes a merchant's catalogue between vendors; ShipStation is one of them.

Its export shows only the lines routed to the ShipStation vendor, and its server reads the
window and writes dates in the account's timezone (the simulator's clock timezone), which is
why ShipStation's Spark tile has a store timezone setting. Status texts are not published;
these are chosen (specs/customstore/openapi.yaml).
"""

from __future__ import annotations

from decimal import Decimal

from simulators.core.protocols.custom_store.flavour import Flavour, Product


def _p(sku: str, name: str, price: str, oz: str, upc: str, *options: str) -> Product:
    choices = {"Size": ("S", "M", "L", "XL"), "Color": ("Black", "Navy", "Olive", "Sand")}
    return Product(sku, name, Decimal(price), Decimal(oz), upc,
                   tuple((o, choices[o]) for o in options))  # fmt: skip


CATALOGUE = (
    _p("SPK-TNT-2P", "Backpacking Tent 2-Person", "189.00", "62", "810034560011", "Color"),
    _p("SPK-BAG-20F", "Down Sleeping Bag 20F", "249.00", "38", "810034560028", "Color"),
    _p("SPK-JKT-RAIN", "Packable Rain Jacket", "89.95", "11", "810034560035", "Size", "Color"),
    _p("SPK-STV-CAN", "Canister Camp Stove", "54.50", "9", "810034560042"),
    _p("SPK-LMP-400", "Rechargeable Headlamp 400 lm", "39.99", "3", "810034560059"),
    _p("SPK-BTL-32", "Insulated Bottle 32 oz", "34.00", "15", "810034560066", "Color"),
    _p("SPK-PAD-R4", "Insulated Sleeping Pad R4", "129.00", "17", "810034560073"),
    _p("SPK-FLT-SQZ", "Squeeze Water Filter", "36.95", "3", "810034560080"),
)

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
    catalogue=CATALOGUE,
    locations=("MAIN", "WEST-DC", "RACK-7"),
    local_time=True,
    platform_vendor="ShipStation",
    other_vendors=("Trailhead Wholesale", "Summit Distributors"),
    user_name="spark-vendor-shipstation",
)

"""Web Shop Manager: an auto-parts store platform, reached at ``/api/shipstation``.

Its status list is not published; this one is chosen for an auto-parts store and documented
in specs/customstore/openapi.yaml. Dates are UTC, as the Custom Store guide says.
"""

from __future__ import annotations

from decimal import Decimal

from simulators.core.protocols.custom_store.flavour import Flavour, Product

_YEARS = tuple(str(y) for y in range(2012, 2025))
_FITMENT = (
    ("Year", _YEARS),
    ("Make", ("Ford", "Chevrolet", "Toyota", "Honda", "Jeep", "Ram")),
    ("Model", ("F-150", "Silverado 1500", "Tacoma", "Civic", "Wrangler", "1500")),
)


def _p(sku: str, name: str, price: str, oz: str, upc: str, fitment: bool = True) -> Product:
    return Product(sku, name, Decimal(price), Decimal(oz), upc, _FITMENT if fitment else ())


CATALOGUE = (
    _p("BRK-PAD-D1210", "Ceramic Front Brake Pad Set", "54.99", "68", "084046120104"),
    _p("BRK-ROT-54101", "Vented Front Brake Rotor", "89.50", "352", "084046541015"),
    _p("FLT-OIL-PH7317", "Engine Oil Filter", "8.49", "11", "009100731700"),
    _p("FLT-AIR-CA10262", "Engine Air Filter", "21.99", "19", "009100102621"),
    _p("IGN-SPK-IK20TT", "Iridium Spark Plug", "11.75", "2", "042511452110"),
    _p("SUS-STR-172377", "Complete Front Strut Assembly", "164.00", "296", "054958172377"),
    _p("ELC-ALT-11601", "Remanufactured Alternator 160A", "239.99", "208", "019085116016"),
    _p("ELC-BAT-H6AGM", "AGM Battery Group H6", "219.00", "704", "024929006008"),
    _p("LGT-HDL-9006LL", "LED Headlight Bulb Pair", "79.99", "9", "046135900604"),
    _p("WPR-BLD-22IN", "Beam Wiper Blade 22 in", "24.99", "7", "027829210224", fitment=False),
    _p("CLG-WP-AW6240", "Water Pump with Gasket", "72.49", "64", "097184462403"),
    _p("EXH-CAT-642873", "Direct-Fit Catalytic Converter", "389.00", "448", "752431428731"),
)

WSM = Flavour(
    name="wsm",
    title="Web Shop Manager",
    endpoint="/api/shipstation",
    statuses=(
        "Pending Payment",
        "Payment Received",
        "Processing",
        "Awaiting Parts",
        "Backordered",
        "Ready to Ship",
        "Partially Shipped",
        "Shipped",
        "Completed",
        "Cancelled",
        "Refunded",
        "On Hold",
        "Fraud Review",
    ),
    paid="Payment Received",
    unpaid="Pending Payment",
    partially_shipped="Partially Shipped",
    shipped="Shipped",
    number_prefix="WSM",
    catalogue=CATALOGUE,
    locations=("A-01-03", "A-04-11", "B-02-07", "B-12-01", "C-07-02", "DOCK-2"),
    coupons=(("SPRING10", Decimal("0.10")), ("BRAKE15", Decimal("0.15"))),
    user_name="ACMEAUTOShipStation",
)

"""Web Shop Manager: an auto-parts store platform, reached at ``/api/shipstation``.

Its status list is not published; this one is chosen for an auto-parts store and documented
in specs/customstore/openapi.yaml. Orders come from the factory's auto-parts catalogue (part
numbers, vehicle fitment as options). Dates are UTC, as the Custom Store guide says.
"""

from __future__ import annotations

from simulators.core.factory.catalogues import AUTO_PARTS
from simulators.core.protocols.custom_store.flavour import Flavour

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
    catalogue=AUTO_PARTS,
    user_name="ACMEAUTOShipStation",
)

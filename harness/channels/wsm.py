"""Web Shop Manager as the platform sees it: the Custom Store client at ``/api/shipstation``.

The merchant maps WSM's predefined statuses at connection; the default below is the map
this project documents for WSM's list (specs/customstore/openapi.yaml).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import ClassVar

from harness.channels.custom_store import CustomStoreAdapter, status_map


class WebShopManagerAdapter(CustomStoreAdapter):
    """Web Shop Manager (auto parts), Custom Store tile."""

    name = "wsm"
    title = "Web Shop Manager"
    default_status_map: ClassVar[Mapping[str, str]] = status_map(
        awaiting_payment="Pending Payment",
        awaiting_shipment="Payment Received, Processing, Ready to Ship",
        shipped="Shipped, Completed",
        cancelled="Cancelled, Refunded",
        on_hold="On Hold, Awaiting Parts, Backordered, Fraud Review",
    )


ADAPTER = WebShopManagerAdapter

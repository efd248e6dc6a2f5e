"""Spark Shipping as the platform sees it: the Custom Store client on the ShipStation vendor
URL Spark issues. Spark splits orders itself, so the platform only ever sees its own lines;
its server may run on another timezone, which the store timezone setting must match.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import ClassVar

from harness.channels.custom_store import CustomStoreAdapter, status_map


class SparkShippingAdapter(CustomStoreAdapter):
    """Spark Shipping, ShipStation vendor."""

    name = "spark"
    title = "Spark Shipping"
    default_status_map: ClassVar[Mapping[str, str]] = status_map(
        awaiting_payment="unpaid",
        awaiting_shipment="pending, submitted, partially_shipped",
        shipped="shipped",
        cancelled="cancelled",
        on_hold="on_hold",
    )


ADAPTER = SparkShippingAdapter

"""What one Custom Store channel changes on the shared protocol: data, not code.

A flavour is the channel's status texts, its catalogue, how its server writes dates, and,
for a dropship router, which vendor the platform is.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal


@dataclass(frozen=True)
class Product:
    """One catalogue entry; ``options`` are the choices a buyer makes (name, values)."""

    sku: str
    name: str
    price: Decimal
    weight_oz: Decimal
    upc: str
    options: tuple[tuple[str, tuple[str, ...]], ...] = ()


@dataclass(frozen=True)
class Flavour:
    """One channel on the Custom Store protocol."""

    #: Registry name and the merchant-facing name (the Basic realm).
    name: str
    title: str
    #: The path the merchant types after the store's host.
    endpoint: str
    #: Every status text the store uses, and the ones the simulator's rules set.
    statuses: tuple[str, ...]
    paid: str
    unpaid: str
    partially_shipped: str
    shipped: str
    #: Order numbers look like ``<prefix><digits>``.
    number_prefix: str
    catalogue: tuple[Product, ...]
    #: Stock locations lines are picked from.
    locations: tuple[str, ...]
    #: Whether the server reads the window and writes dates in its own timezone (Spark: the
    #: account's timezone setting) rather than in UTC as the guide says.
    local_time: bool = False
    #: The vendor the platform is (a dropship router exports only its lines); None: no routing.
    platform_vendor: str | None = None
    #: The other vendors lines may be routed to.
    other_vendors: tuple[str, ...] = ()
    #: The coupon adjustment lines the store writes (code, fraction of the subtotal).
    coupons: tuple[tuple[str, Decimal], ...] = ()
    #: The user name the merchant is told to create (``{site}`` is the site tag).
    user_name: str = "shipstation"

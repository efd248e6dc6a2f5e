"""What one Custom Store channel changes on the shared protocol: data, not code.

A flavour is the channel's status texts, the factory catalogue its merchants sell from, how
its server writes dates, and, for a dropship router, which vendor each catalogue supplier's
lines are routed to and which of those vendors the platform is.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

from simulators.core.factory.catalogue import Catalogue


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
    #: The factory catalogue (``simulators/core/factory/catalogues``) orders are drawn from.
    catalogue: Catalogue
    #: Whether the server reads the window and writes dates in its own timezone (Spark: the
    #: account's timezone setting) rather than in UTC as the guide says.
    local_time: bool = False
    #: The vendor the platform is (a dropship router exports only its lines); None: no routing.
    platform_vendor: str | None = None
    #: Catalogue supplier → the router's vendor its lines go to (the merchant's routing).
    routes: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))
    #: The user name the merchant is told to create.
    user_name: str = "shipstation"

    @property
    def vendors(self) -> tuple[str, ...]:
        """Every vendor a line may be routed to, the platform first."""
        others = sorted(set(self.routes.values()) - {self.platform_vendor or ""})
        return (self.platform_vendor, *others) if self.platform_vendor else ()

"""What the platform holds for one connected store: its orders, skips, outbox and status."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import Any

from harness.engine.connection import Connection
from harness.engine.errors import ChannelProblem, EngineError
from harness.engine.model import Order, Shipment
from harness.engine.status import PlatformStatus

#: Order fields a merchant may edit in the platform (kept across re-imports).
EDITABLE = frozenset(
    {"internal_notes", "customer_notes", "gift", "gift_message", "custom_fields", "weight"}
)


@dataclass
class StoreOrder:
    """An imported order: the channel's latest version plus what the merchant did with it."""

    imported: Order
    imported_at: datetime
    updated_at: datetime
    edits: dict[str, Any] = field(default_factory=dict)
    shipment: Shipment | None = None
    notified: bool = False
    #: Line ids the channel was notified of so far, when shipments named lines (partial).
    notified_lines: tuple[str, ...] = ()

    def current(self) -> Order:
        """The order as the platform shows it: channel data, merchant edits, own shipment."""
        order = replace(self.imported, **self.edits) if self.edits else self.imported
        if self.shipment is not None:
            order = replace(order, status=PlatformStatus.SHIPPED)
        return order


@dataclass(frozen=True)
class Skip:
    """An order the import left out, and why (``missing_ship_to``, ``status_not_mapped``)."""

    order: str
    reason: str
    detail: str
    at: datetime
    #: The order's last change as the channel gave it (where a re-read must start).
    modified: datetime | None = None


@dataclass
class Outgoing:
    """A shipment notification not yet accepted by the channel (why: ``store.errors``)."""

    order_key: str
    attempts: int = 0


@dataclass
class Store:
    """One connected store."""

    name: str
    connection: Connection
    orders: dict[str, StoreOrder] = field(default_factory=dict)
    skipped: dict[str, Skip] = field(default_factory=dict)
    outbox: dict[str, Outgoing] = field(default_factory=dict)
    errors: list[EngineError] = field(default_factory=list)
    #: Notifications the channel accepted, in order: (order number, what was sent).
    sent: list[tuple[str, dict[str, Any]]] = field(default_factory=list)
    #: The start of the next import window: the newest change the last complete import saw.
    watermark: datetime | None = None
    #: Orders whose acknowledgement the channel refused, with the attempts so far; each
    #: import retries them (fetched one by one) and a shipment retries its own first.
    unacknowledged: dict[str, int] = field(default_factory=dict)
    status: str = "connected"
    status_code: str | None = None
    status_message: str | None = None
    #: Retries and other events worth showing the merchant, oldest first.
    activity: list[str] = field(default_factory=list)

    @property
    def channel(self) -> str:
        """The channel's registry name."""
        return self.connection.channel

    def find(self, number: str) -> StoreOrder:
        """An imported order by its number; KeyError naming the imported ones."""
        for held in self.orders.values():
            if held.imported.number == number:
                return held
        known = ", ".join(h.imported.number for h in self.orders.values()) or "none"
        raise KeyError(f"order {number} is not imported in store {self.name} (imported: {known})")

    def fail(self, problem: ChannelProblem) -> None:
        """The store stops working until the cause is fixed."""
        self.status, self.status_code, self.status_message = "error", problem.code, problem.message

    def recover(self) -> None:
        """A complete run: the store works again."""
        self.status, self.status_code, self.status_message = "connected", None, None

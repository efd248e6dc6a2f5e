"""The distribution-center queue of one UltraCart merchant: plain Python, reachable without SOAP.

- The queue of a distribution center (DC) holds the orders in the Shipping Department with
  items of that DC and not marked Imported for it, oldest first; a fetch returns at most 100
  of them, with no paging: the same ones come back until they are acknowledged.
- Acknowledging marks orders Imported (at most 100 ids a call); acknowledging an order again
  is no error (a client whose answer was lost retries).
- A shipment (at most 100 a call) records tracking numbers and costs; the order leaves the
  queue and, once every DC that ships items of it has posted its shipment, it is completed.
- The merchant re-queues an Imported order (``edit_order`` with ``requeue``), or ships or
  cancels it inside UltraCart (``current_stage`` ``CO``/``REJ``): it then leaves the queue.

Every refusal is raised before anything changes.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from simulators.channels.ultracart import errors, order_input
from simulators.channels.ultracart.orders import (
    CANCELLED_STAGE,
    QUEUED_STAGE,
    SHIPPED_STAGE,
    Order,
    Shipment,
)
from simulators.channels.ultracart.placing import OrderPlacer
from simulators.channels.ultracart.wire import order_view
from simulators.core.channel import ChannelBackend
from simulators.core.ids import clashing
from simulators.core.sorted_index import SortedIndex

if TYPE_CHECKING:
    from simulators.core.channel import SimServices

#: UltraCart's limit on every DC call (the REST v2 successor documents the same).
BATCH_LIMIT = 100


@dataclass(frozen=True)
class ShipmentInput:
    """One shipment as a DC posts it."""

    order_id: str
    tracking_numbers: tuple[str, ...]
    carrier: str
    shipping_cost: Decimal | None = None
    fulfillment_fee: Decimal | None = None
    package_cost: Decimal | None = None


@dataclass(frozen=True)
class DcAccount:
    """A distribution center configured for the SOAP transmission mechanism."""

    merchant_id: str
    code: str
    access_key: str


class UltraCartBackend(ChannelBackend):
    """The orders and distribution centers of one UltraCart merchant."""

    def __init__(self, ctx: SimServices) -> None:
        super().__init__(ctx)
        self.merchant_id = "DEMO"
        self.orders: dict[str, Order] = {}
        #: DC code → its access key (the SOAP transmission mechanism's settings).
        self.centers: dict[str, str] = {}
        #: DC code → the orders its queue returns, oldest first.
        self._queues: dict[str, SortedIndex[Order]] = {}
        self.placer = OrderPlacer(ctx.seed, taken=self.orders.__contains__)

    def touch(self, *changed: Any) -> None:
        """Record a change; an order's wire forms are kept per distribution center that ships
        items of it (the ``getOrders`` service keeps them, ``service.py``), so a changed
        order forgets each."""
        super().touch(*((o, dc) for o in changed for dc in o.centers()))

    # -- set-up ---------------------------------------------------------------------------
    def add_center(self, code: str, access_key: str) -> None:
        """Configure a DC with the SOAP transmission mechanism and this access key."""
        self.centers[code] = access_key
        self.touch()

    def add(self, order: Order) -> Order:
        """Store a new order; its id must be free."""
        if order.order_id in self.orders:
            raise errors.invalid("order_id", f"order {order.order_id} already exists")
        self.orders[order.order_id] = order
        self.requeue(order)
        self.touch(order)
        return order

    def requeue(self, order: Order) -> None:
        """Put the order in (or out of) the queue of each DC that ships items of it; called
        after every change of its stage, Imported marks or shipments."""
        for dc in order.centers():
            queue = self._queues.get(dc)
            if queue is None:
                queue = self._queues[dc] = SortedIndex(lambda o: (o.order_date, o.order_id))
            if order.queued_for(dc):
                queue.put(order)
            else:
                queue.discard(order.order_id)

    # -- the DC calls ---------------------------------------------------------------------
    def queue(self, dc: str) -> list[Order]:
        """Every order queued for ``dc``, oldest first."""
        queue = self._queues.get(dc)
        return [] if queue is None else queue.page(queue.bounds(), 0, len(queue))

    def fetch(self, dc: str) -> list[Order]:
        """``getOrders``: the first 100 orders of the queue (no paging)."""
        queue = self._queues.get(dc)
        return [] if queue is None else queue.page(queue.bounds(), 0, BATCH_LIMIT)

    def acknowledge(self, dc: str, order_ids: Sequence[str]) -> int:
        """``acknowledgeOrders``: mark the orders Imported for ``dc``; how many were new."""
        if len(order_ids) > BATCH_LIMIT:
            raise errors.too_many("orderIds", "order_ids")
        for order_id in order_ids:
            order = self._of_dc(dc, order_id, "orderIds")
            if order.current_stage != QUEUED_STAGE and dc not in order.imported:
                raise errors.invalid(
                    "orderIds",
                    f"order {order_id} is not queued for distribution center {dc} "
                    f"(stage {order.current_stage})",
                )
        fresh = 0
        marked = [self.orders[order_id] for order_id in dict.fromkeys(order_ids)]
        for order in marked:
            fresh += dc not in order.imported
            order.imported.add(dc)
            self.requeue(order)
        self.touch(*marked)
        return fresh

    def ship(self, dc: str, shipments: Sequence[ShipmentInput]) -> int:
        """``postShipments``: record tracking and costs; the orders leave the queue."""
        if len(shipments) > BATCH_LIMIT:
            raise errors.too_many("shipments", "shipments")
        seen: set[str] = set()
        for given in shipments:
            order = self._of_dc(dc, given.order_id, "shipments.orderId")
            if given.order_id in seen:
                raise errors.invalid("shipments.orderId", f"order {given.order_id} appears twice")
            seen.add(given.order_id)
            if not given.tracking_numbers or not all(t.strip() for t in given.tracking_numbers):
                raise errors.invalid(
                    "shipments.trackingNumbers",
                    f"order {given.order_id}: at least one tracking number is required",
                )
            done = order.shipments.get(dc)
            if done is not None and done.tracking_numbers != given.tracking_numbers:
                raise errors.invalid(
                    "shipments.orderId",
                    f"order {given.order_id} was already shipped by distribution center {dc} "
                    f"with tracking {', '.join(done.tracking_numbers)}",
                )
            if done is None and order.current_stage in (SHIPPED_STAGE, CANCELLED_STAGE):
                raise errors.invalid(
                    "shipments.orderId",
                    f"order {given.order_id} is in stage {order.current_stage} and cannot be "
                    "shipped",
                )
        now = self.ctx.now()
        shipped: list[Order] = []
        for given in shipments:
            order = self.orders[given.order_id]
            if dc in order.shipments:
                continue  # the same shipment again: a retry whose answer was lost
            shipped.append(order)
            order.shipments[dc] = Shipment(
                given.tracking_numbers,
                given.carrier,
                given.shipping_cost,
                given.fulfillment_fee,
                given.package_cost,
                now,
            )
            if order.centers() <= set(order.shipments):
                order.current_stage = SHIPPED_STAGE
            self.requeue(order)
        if shipped:  # a retry of shipments already recorded changes nothing
            self.touch(*shipped)
        return len(shipments)

    def _of_dc(self, dc: str, order_id: str, field: str) -> Order:
        order = self.orders.get(order_id)
        if order is None or not order.items_of(dc):
            raise errors.invalid(
                field, f"order {order_id} has no items for distribution center {dc}"
            )
        return order

    # -- control plane --------------------------------------------------------------------
    def place_orders(self, orders: Sequence[Mapping[str, Any]]) -> list[dict[str, Any]]:
        checked = [order_input.order(data, self.default_dc) for data in orders]
        ids = [c["order_id"] for c in checked if "order_id" in c]
        taken = clashing(ids, self.orders)
        if taken:
            raise errors.invalid("order_id", f"order {taken[0]} already exists")
        now = self.ctx.now()
        placed = [self.placer.explicit(c, now, self.merchant_id) for c in checked]
        return [order_view(self.add(o)) for o in placed]

    @property
    def default_dc(self) -> str:
        """The first configured distribution center (``DFLT`` when none is)."""
        return next(iter(self.centers), "DFLT")

    def generate(self, count: int, options: Mapping[str, Any]) -> list[Order]:
        """Store ``count`` orders from the seeded factory, placed before the epoch's now."""
        checked = order_input.generate_options(options, self.default_dc)
        now = self.ctx.now()
        return [
            self.add(self.placer.generate(checked, now, self.merchant_id)) for _ in range(count)
        ]

    def generate_orders(self, count: int, options: Mapping[str, Any]) -> list[dict[str, Any]]:
        return [order_view(o) for o in self.generate(count, options)]

    def admin_orders(self) -> list[dict[str, Any]]:
        return [order_view(o) for o in sorted(self.orders.values(), key=lambda o: o.order_id)]

    def _ref(self, order_ref: str) -> Order:
        order = self.orders.get(order_ref)
        if order is None:
            raise errors.fault(
                "Client.ResourceNotFound", f"order {order_ref} does not exist", status=404
            )
        return order

    def admin_order(self, order_ref: str) -> dict[str, Any]:
        return order_view(self._ref(order_ref))

    def edit_order(self, order_ref: str, patch: Mapping[str, Any]) -> dict[str, Any]:
        """The merchant edits the order in UltraCart: ``requeue`` ("Re-queue for pickup"),
        ``imported: false`` (the same), ``current_stage`` (ship or cancel it inside
        UltraCart: ``CO``/``REJ``), ``ship_to`` (or null), ``subtotal_discount``,
        ``merchant_notes``, ``special_instructions``."""
        order = self._ref(order_ref)
        checked = order_input.edit(patch)  # refuses before anything changes
        if checked.get("requeue") or checked.get("imported") is False:
            order.imported.clear()
        if checked.get("imported") is True:
            order.imported.update(order.centers())
        if "current_stage" in checked:
            order.current_stage = checked["current_stage"]
        if "ship_to" in checked:
            order.ship_to = order_input.address(checked["ship_to"], order.ship_to or order.bill_to)
        for key in ("subtotal_discount", "merchant_notes", "special_instructions"):
            if key in checked:
                setattr(order, key, checked[key])
        self.requeue(order)
        self.touch(order)
        return order_view(order)

    def summary(self) -> dict[str, Any]:
        by_stage: dict[str, int] = {}
        for order in self.orders.values():
            by_stage[order.current_stage] = by_stage.get(order.current_stage, 0) + 1
        queued = {dc: len(self.queue(dc)) for dc in self.centers}
        return {"orders": len(self.orders), "orders_by_stage": by_stage, "queued": queued}

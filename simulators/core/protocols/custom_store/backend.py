"""A Custom Store's orders and its two rules: the export window and the ship notice.

Plain Python, reachable without HTTP. What differs between channels comes from the
:class:`~simulators.core.protocols.custom_store.flavour.Flavour`: status texts, catalogue,
the server's timezone, and (for a dropship router) the vendor whose lines are exported.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace
from datetime import UTC, datetime, tzinfo
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from simulators.core.channel import ChannelBackend
from simulators.core.clock import ChannelClock, zone
from simulators.core.ids import clashing
from simulators.core.protocols.custom_store import errors, order_input
from simulators.core.protocols.custom_store.export_xml import (
    ExportedOrder,
    ExportStyle,
    order_fragment,
)
from simulators.core.protocols.custom_store.flavour import Flavour
from simulators.core.protocols.custom_store.orders import Shipment, StoreOrder
from simulators.core.protocols.custom_store.placing import OrderPlacer
from simulators.core.protocols.custom_store.shipnotice import ShipNotice
from simulators.core.sorted_index import SortedIndex
from simulators.core.wire_forms import WireForms

if TYPE_CHECKING:
    from simulators.core.channel import SimServices

PAGE_SIZE = 100
_CENT = Decimal("0.01")
_UTC = zone("UTC")


class CustomStoreBackend(ChannelBackend):
    """The orders of one store speaking the Custom Store protocol."""

    def __init__(self, ctx: SimServices, flavour: Flavour) -> None:
        super().__init__(ctx)
        self.flavour = flavour
        self.orders: dict[str, StoreOrder] = {}
        self.style = ExportStyle.draw(ctx.seed)
        self.placer = OrderPlacer(ctx.seed, flavour, taken=self.orders.__contains__)
        #: The orders this vendor exports, oldest change first (the export's order).
        self._exported: SortedIndex[StoreOrder] = SortedIndex(lambda o: (o.modified, o.number))
        clock = ctx.clock
        #: Each order as this vendor sees it and its ``<Order>`` bytes, built once per change
        #: of the order and per server zone (a page of 100 is the hot path).
        #: (The builders hold the flavour, style and clock, never the backend: a backend in
        #: no reference cycle is freed as soon as a reset replaces it.)
        style, vendor = self.style, flavour.platform_vendor
        self.forms: WireForms[StoreOrder, ExportedOrder | None, bytes] = WireForms(
            lambda o: o.number,
            lambda o: vendor_view(o, vendor),
            lambda view: order_fragment(_exported(view), server_zone(clock, flavour), style),
            lambda: clock.timezone,
        )

    def fragments(self, views: Sequence[ExportedOrder]) -> list[bytes]:
        """The ``<Order>`` bytes of each view, in the server's zone."""
        return self.forms.serialised_all(view.order for view in views)

    @property
    def zone(self) -> tzinfo:
        """The timezone the server reads the window and writes dates in."""
        return server_zone(self.ctx.clock, self.flavour)

    # -- the export -----------------------------------------------------------------------
    def view(self, order: StoreOrder) -> ExportedOrder | None:
        """The order as the platform's vendor sees it; None when no line is routed to it."""
        return self.forms(order)

    def export(self, start: datetime, end: datetime, page: int) -> tuple[list[ExportedOrder], int]:
        """Orders modified in ``[start, end]`` (any status), oldest change first; one page of
        100 and the page count."""
        # compared in UTC, as the index's keys are (the same instants, compared faster)
        span = self._exported.bounds(_in_utc(start), _in_utc(end))
        pages = -(-(span[1] - span[0]) // PAGE_SIZE)
        found = self._exported.page(span, (page - 1) * PAGE_SIZE, PAGE_SIZE)
        return [view for view in self.forms.all(found) if view is not None], pages

    def reindex(self, order: StoreOrder) -> None:
        """Put the order where the export shows it now (never, when no line is exported)."""
        if vendor_view(order, self.flavour.platform_vendor) is not None:  # not the cached one
            self._exported.put(order)

    # -- the ship notice ------------------------------------------------------------------
    def order(self, number: str) -> StoreOrder:
        """The order with that number (as exported to this vendor), or a 404."""
        order = self.orders.get(number)
        if order is None or self.view(order) is None:
            raise errors.not_found(f"Order {number!r} not found")
        return order

    def ship(self, notice: ShipNotice) -> StoreOrder:
        """Record a notice: carrier, service, tracking, cost, items; shipped when complete.

        Checked whole before anything changes. The same notice again (same carrier, tracking
        number and items) changes nothing. The tracking number may be empty: marking an order
        shipped without a label sends a notice too.
        """
        order = self.order(notice.order_number)
        view = self.view(order)
        assert view is not None
        by_ref = {ln.line_id: ln for ln in view.lines if not ln.adjustment}
        by_sku = {ln.sku: ln for ln in view.lines if not ln.adjustment and ln.sku}
        moves = []
        for ref, quantity in notice.items:
            line = by_ref.get(ref) or by_sku.get(ref)
            if line is None:
                raise errors.bad_request("Items", f"order {order.number} has no line {ref!r}")
            if quantity < 1:
                raise errors.bad_request("Items", f"line {ref!r}: Quantity must be at least 1")
            moves.append((line, quantity))
        now = self.ctx.now()
        shipment = Shipment(
            carrier=notice.carrier,
            service=notice.service,
            tracking_number=notice.tracking_number,
            shipping_cost=notice.shipping_cost,
            notes_to_customer=notice.notes_to_customer,
            ship_date=notice.ship_date,
            notify_customer=notice.notify_customer,
            items=tuple((line.line_id, qty) for line, qty in moves),
            received_at=now,
        )
        if any(replace(s, received_at=now) == shipment for s in order.shipments):
            return order  # ShipStation resends failed notices: the same one twice is harmless
        over = [(ln, q) for ln, q in moves if ln.shipped + q > ln.quantity]
        if over:
            line, quantity = over[0]
            raise errors.bad_request(
                "Items",
                f"line {line.line_id} ({line.sku}): {quantity} more shipped than the "
                f"{line.quantity - line.shipped} left",
            )
        for line, quantity in moves:
            line.shipped += quantity
        if not moves:
            for line in by_ref.values():
                line.shipped = line.quantity
        order.shipments.append(shipment)
        done = all(ln.shipped >= ln.quantity for ln in by_ref.values())
        order.status = self.flavour.shipped if done else self.flavour.partially_shipped
        order.modified = now
        self.reindex(order)
        self.touch(order)
        return order

    # -- control plane --------------------------------------------------------------------
    def admin_json(self, order: StoreOrder) -> dict[str, Any]:
        """The control plane's view of an order (dates ISO 8601, amounts as text)."""
        view = self.view(order)
        return {
            "order_id": order.order_id,
            "number": order.number,
            "status": order.status,
            "order_date": order.order_date.isoformat(),
            "modified": order.modified.isoformat(),
            "exported": view is not None,
            "total": str(view.total) if view else None,
            "lines": [
                {
                    "line_id": ln.line_id,
                    "sku": ln.sku,
                    "name": ln.name,
                    "quantity": ln.quantity,
                    "unit_price": str(ln.unit_price),
                    "shipped": ln.shipped,
                    "vendor": ln.vendor or None,
                    "adjustment": ln.adjustment,
                }
                for ln in order.lines
            ],
            "ship_to": dict(order.ship_to),
            "internal_notes": order.internal_notes,
            "shipments": [s.to_json() for s in order.shipments],
        }

    def _add(self, order: StoreOrder) -> StoreOrder:
        self.orders[order.number] = order
        self.reindex(order)
        return order

    def place_orders(self, orders: Sequence[Mapping[str, Any]]) -> list[dict[str, Any]]:
        checked = [order_input.order(data, self.flavour) for data in orders]  # refusals first
        numbers = [c["number"] for c in checked if "number" in c]
        taken = clashing(numbers, self.orders)
        if taken:
            raise order_input.bad("number", f"order {taken[0]} already exists")
        now = self.ctx.now()
        placed = []
        for data in checked:
            order = self.placer.explicit(data, now)
            if "modified" not in data:  # it appears in the store now
                order.modified = max(order.modified, now)
            placed.append(self._add(order))
        self.touch()
        return [self.admin_json(o) for o in placed]

    def generate(self, count: int, options: Mapping[str, Any], now: datetime) -> list[StoreOrder]:
        """Store ``count`` orders from the seeded factory, placed before ``now``."""
        checked = order_input.generate_options(options, self.flavour)
        made = [self._add(self.placer.generate(checked, now)) for _ in range(count)]
        self.touch()
        return made

    def generate_orders(self, count: int, options: Mapping[str, Any]) -> list[dict[str, Any]]:
        now = self.ctx.now()
        made = self.generate(count, options, now)
        for order in made:
            order.modified = max(order.modified, now)
            self.reindex(order)
        self.touch(*made)
        return [self.admin_json(o) for o in made]

    def admin_orders(self) -> list[dict[str, Any]]:
        return [self.admin_json(o) for o in sorted(self.orders.values(), key=lambda o: o.number)]

    def _ref(self, order_ref: str) -> StoreOrder:
        order = self.orders.get(order_ref) or next(
            (o for o in self.orders.values() if o.order_id == order_ref), None
        )
        if order is None:
            raise errors.not_found(f"Order {order_ref!r} not found")
        return order

    def admin_order(self, order_ref: str) -> dict[str, Any]:
        return self.admin_json(self._ref(order_ref))

    def edit_order(self, order_ref: str, patch: Mapping[str, Any]) -> dict[str, Any]:
        """Back-office edits: ``status``, ``internal_notes``, ``ship_to`` (merged)."""
        order = self._ref(order_ref)
        checked = order_input.edit(patch, self.flavour)
        if "ship_to" in checked:
            checked["ship_to"] = {**order.ship_to, **checked["ship_to"]}
        for key, value in checked.items():
            setattr(order, key, value)
        order.modified = self.ctx.now()
        self.reindex(order)
        self.touch(order)
        return self.admin_json(order)

    def summary(self) -> dict[str, Any]:
        by_status: dict[str, int] = {}
        for order in self.orders.values():
            by_status[order.status] = by_status.get(order.status, 0) + 1
        return {"orders": len(self.orders), "orders_by_status": by_status}


def _exported(view: ExportedOrder | None) -> ExportedOrder:
    """A view the export shows (the export serialises only orders with a view)."""
    assert view is not None, "an order with no exported line has no <Order> form"
    return view


def server_zone(clock: ChannelClock, flavour: Flavour) -> tzinfo:
    """The timezone a store's server reads the window and writes dates in."""
    return zone(clock.timezone) if flavour.local_time else _UTC


def vendor_view(order: StoreOrder, vendor: str | None) -> ExportedOrder | None:
    """The order as ``vendor`` sees it (every line when None); None when no line is routed
    to it. Shipping and tax are shared in proportion to the vendor's goods."""
    if vendor is None:
        return ExportedOrder(order, tuple(order.lines), order.shipping_amount, order.tax_amount)
    mine = tuple(ln for ln in order.lines if ln.vendor == vendor)
    if not any(not ln.adjustment for ln in mine):
        return None
    goods = [ln for ln in order.lines if not ln.adjustment]
    full = sum((ln.unit_price * ln.quantity for ln in goods), Decimal(0))
    part = sum((ln.unit_price * ln.quantity for ln in mine if not ln.adjustment), Decimal(0))
    share = part / full if full else Decimal(1)
    return ExportedOrder(
        order,
        mine,
        (order.shipping_amount * share).quantize(_CENT),
        (order.tax_amount * share).quantize(_CENT),
    )


def _in_utc(instant: datetime) -> datetime:
    """``instant`` in UTC; a bound past the ends of the datetime range in UTC (12/31/9999
    23:59 in New York, 01/01/0001 00:00 in Paris: "until forever") is the range's end."""
    try:
        return instant.astimezone(UTC)
    except OverflowError:
        edge = datetime.max if instant.year == datetime.max.year else datetime.min
        return edge.replace(tzinfo=UTC)

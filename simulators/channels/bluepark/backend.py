"""Bluepark's order rules: listing filters and paging, counting, one order, the update call.

Plain Python, reachable without HTTP. Every refusal is the error the API gives (see
``errors.py``); a refused request changes nothing. The beta quirks (``quirks.py``) act here.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

import orjson

from simulators.channels.bluepark import errors, order_input, quirks
from simulators.channels.bluepark.orders import Order
from simulators.channels.bluepark.placing import OrderPlacer
from simulators.channels.bluepark.statuses import COMPLETED, PAID, can_move
from simulators.channels.bluepark.wire import order_json
from simulators.core.channel import ChannelBackend
from simulators.core.ids import clashing
from simulators.core.sorted_index import FilterMemo, SortedIndex
from simulators.core.wire_forms import JsonForms, WireForms, json_fragment

if TYPE_CHECKING:
    from simulators.core.channel import SimServices

#: Fields ``PUT /orders/{id}`` takes (the spec refuses any other).
UPDATABLE = ("status", "tracking_number", "courier", "admin_comments")


@dataclass(frozen=True)
class Filters:
    """The listing's filters: one status, and inclusive bounds on creation and modification."""

    status: str | None = None
    created_from: datetime | None = None
    created_to: datetime | None = None
    modified_from: datetime | None = None
    modified_to: datetime | None = None

    def keep(self, order: Order) -> bool:
        """Whether ``order`` passes every filter given."""
        return (
            (self.status is None or order.status == self.status)
            and (self.created_from is None or order.date_created >= self.created_from)
            and (self.created_to is None or order.date_created <= self.created_to)
            and (self.modified_from is None or order.date_modified >= self.modified_from)
            and (self.modified_to is None or order.date_modified <= self.modified_to)
        )


class BlueparkBackend(ChannelBackend):
    """The orders of one Bluepark shop."""

    def __init__(self, ctx: SimServices) -> None:
        super().__init__(ctx)
        self.orders: dict[int, Order] = {}
        #: Every order, newest first as the shop lists them, and recent filtered listings.
        self._listed: SortedIndex[Order] = SortedIndex(
            lambda o: (o.date_created, o.id), reverse=True
        )
        self._found: FilterMemo[Sequence[Order]] = FilterMemo()
        self.placer = OrderPlacer(ctx.seed, taken=self.orders.__contains__)
        clock = ctx.clock
        #: Each order's JSON, built once per change of it and per shop timezone.
        self.forms: JsonForms[Order] = WireForms(
            lambda o: o.id,
            lambda o: order_json(o, clock.to_local),
            json_fragment,
            lambda: clock.timezone,
        )

    @property
    def quirks(self) -> frozenset[str]:
        """The beta quirks switched on (the ``beta_quirks`` setting)."""
        return frozenset(self.ctx.settings.get("beta_quirks", ()))

    def wire(self, order: Order) -> dict[str, Any]:
        """The order's JSON (instants in the shop's zone)."""
        return self.forms(order)

    def listed(self, order: Order) -> dict[str, Any] | orjson.Fragment:
        """The order as a listing shows it (``null_fields`` may blank one field)."""
        if quirks.NULL_FIELDS in self.quirks:
            field = quirks.nulled_field(order.id, self.ctx.seed)
            if field is not None:
                return quirks.with_null(self.wire(order), field)
        return self.forms.serialised(order)

    # -- storing --------------------------------------------------------------------------
    def add(self, order: Order) -> Order:
        """Store a new order; its id must be free."""
        if order.id in self.orders:
            raise errors.bad_field("id", f"order {order.id} already exists")
        self.orders[order.id] = order
        self._listed.put(order)
        self.touch(order)
        return order

    def order(self, order_id: int) -> Order:
        """The order, or Bluepark's 404."""
        try:
            return self.orders[order_id]
        except KeyError:
            raise errors.not_found(f"Order {order_id} not found.") from None

    # -- reading --------------------------------------------------------------------------
    def matching(self, filters: Filters) -> Sequence[Order]:
        """Orders passing ``filters``, newest first (as the shop's order list shows them):
        the creation bounds bisect the index; other filters are read once per state."""
        span = self._listed.bounds(filters.created_from, filters.created_to)
        if (filters.status, filters.modified_from, filters.modified_to) == (None, None, None):
            return self._listed.view(span)
        return self._found.get(
            self.version, filters, lambda: self._listed.matching(span, filters.keep)
        )

    def page(
        self, filters: Filters, page: int, limit: int
    ) -> list[dict[str, Any] | orjson.Fragment]:
        """Page ``page`` of ``limit`` orders; a page past the end is empty."""
        found = self.matching(filters)
        start = quirks.page_start(page, limit, quirks.SHIFTING_PAGES in self.quirks)
        shown = found[start : start + limit]
        if quirks.NULL_FIELDS in self.quirks:
            return [self.listed(o) for o in shown]
        return list(self.forms.serialised_all(shown))

    def count(self, filters: Filters) -> int:
        """How many orders pass ``filters`` (``wrong_count`` makes it lag behind)."""
        count = len(self.matching(filters))
        return quirks.reported_count(count) if quirks.WRONG_COUNT in self.quirks else count

    # -- the update call ------------------------------------------------------------------
    def update_order(self, order_id: int, body: Mapping[str, Any]) -> Order:
        """``PUT /orders/{id}``: status, tracking number, courier, admin comments."""
        order = self.order(order_id)
        given = {k: body[k] for k in UPDATABLE if k in body}
        if not given:
            raise errors.bad_field("status", f"send at least one of {', '.join(UPDATABLE)}")
        wanted = given.get("status", order.status)
        if not can_move(order.status, wanted):
            raise errors.invalid_status(order.id, order.status, wanted)
        now = self.ctx.now()
        if wanted == COMPLETED and order.status != COMPLETED:
            order.date_dispatched = now
        if wanted in PAID and order.date_paid is None:
            order.date_paid = now
        order.status = wanted
        for key in ("tracking_number", "courier", "admin_comments"):
            if key in given:
                setattr(order, key, given[key])
        order.date_modified = now
        self.touch(order)
        return order

    # -- control plane --------------------------------------------------------------------
    def place_orders(self, orders: Sequence[Mapping[str, Any]]) -> list[dict[str, Any]]:
        checked = [order_input.order(data) for data in orders]  # all refusals come first
        ids = [c["id"] for c in checked if "id" in c]
        taken = clashing(ids, self.orders)
        if taken:
            raise errors.bad_field("id", f"order {taken[0]} already exists")
        now = self.ctx.now()
        return [self.wire(self.add(_appeared(self.placer.explicit(c, now), now))) for c in checked]

    def generate(self, count: int, options: Mapping[str, Any], now: datetime) -> list[Order]:
        """Store ``count`` orders from the seeded factory, placed before ``now``."""
        checked = order_input.generate_options(options)
        return [self.add(self.placer.generate(checked, now)) for _ in range(count)]

    def generate_orders(self, count: int, options: Mapping[str, Any]) -> list[dict[str, Any]]:
        now = self.ctx.now()
        orders = [_appeared(o, now) for o in self.generate(count, options, now)]
        self.touch(*orders)
        return [self.wire(o) for o in orders]

    def admin_orders(self) -> list[dict[str, Any]]:
        return [self.wire(o) for o in sorted(self.orders.values(), key=lambda o: o.id)]

    def _ref(self, order_ref: str) -> Order:
        if not order_ref.isdigit():
            raise errors.not_found(f"Order {order_ref} not found.")
        return self.order(int(order_ref))

    def admin_order(self, order_ref: str) -> dict[str, Any]:
        return self.wire(self._ref(order_ref))

    def edit_order(self, order_ref: str, patch: Mapping[str, Any]) -> dict[str, Any]:
        """Back-office edits: ``status``, ``shipping_address`` (or null), ``delivery_date``,
        ``admin_comments``; the order's modification date moves to now."""
        order = self._ref(order_ref)
        checked = order_input.edit(patch)  # refuses before anything changes
        if "shipping_address" in checked:
            given = checked.pop("shipping_address")
            order.shipping_address = None if given is None else {**order.billing_address, **given}
        for key, value in checked.items():
            setattr(order, key, value)
        order.date_modified = self.ctx.now()
        self._listed.put(order)
        self.touch(order)
        return self.wire(order)

    def summary(self) -> dict[str, Any]:
        by_status: dict[str, int] = {}
        for order in self.orders.values():
            by_status[order.status] = by_status.get(order.status, 0) + 1
        return {
            "orders": len(self.orders),
            "orders_by_status": by_status,
            "beta_quirks": sorted(self.quirks),
        }


def _appeared(order: Order, now: datetime) -> Order:
    """An order placed through the control plane appears now: its modification date is now
    (or later), so the next import window that reaches now sees it."""
    order.date_modified = max(order.date_modified, now)
    return order

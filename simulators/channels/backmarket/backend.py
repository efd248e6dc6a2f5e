"""Back Market's order rules: listing filters, orderline transitions, shipping and IMEIs.

Plain Python, reachable without HTTP. Every refusal is the error the real API gives (see
``errors.py``); a refused request changes nothing.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import TYPE_CHECKING, Any

import orjson

from simulators.channels.backmarket import back_office, errors, order_input
from simulators.channels.backmarket.formats import WireFormats
from simulators.channels.backmarket.imei import imei_problem
from simulators.channels.backmarket.orders import Order, OrderLine
from simulators.channels.backmarket.placing import OrderPlacer
from simulators.channels.backmarket.platforms import platform_of
from simulators.channels.backmarket.transitions import (
    HIDDEN_ORDER_STATES,
    LINE_ACCEPTED,
    LINE_CANCELLED,
    LINE_REFUNDED_AFTER,
    LINE_REFUNDED_BEFORE,
    LINE_SHIPPED,
    can_move,
)
from simulators.channels.backmarket.wire import order_json
from simulators.core.channel import ChannelBackend
from simulators.core.clock import ClockError, parse_instant
from simulators.core.ids import clashing
from simulators.core.sorted_index import FilterMemo, SortedIndex
from simulators.core.wire_forms import JsonForms, WireForms, json_fragment

if TYPE_CHECKING:
    from simulators.core.channel import SimServices

_BY_SKU = (LINE_ACCEPTED, LINE_CANCELLED, LINE_REFUNDED_BEFORE)


class BackMarketBackend(ChannelBackend):
    """The orders of one Back Market seller."""

    def __init__(self, ctx: SimServices) -> None:
        super().__init__(ctx)
        self.orders: dict[int, Order] = {}
        self.lines: dict[int, tuple[Order, OrderLine]] = {}
        #: Listed orders (never states 0 and 8) in listing order, and recent filtered listings.
        self._listed: SortedIndex[Order] = SortedIndex(lambda o: (o.date_creation, o.order_id))
        self._found: FilterMemo[list[Order]] = FilterMemo()
        self.placer = OrderPlacer(ctx.seed, taken=self.orders.__contains__)
        settings = ctx.settings
        self.formats = WireFormats(
            ctx.seed, settings.get("timestamps", "varied"), settings.get("prices", "varied")
        )

        clock, formats = ctx.clock, self.formats
        #: Each order's JSON, built once per change of it (zone-less dates are written in the
        #: server's zone: a new zone rebuilds them all). The builders never hold the backend:
        #: a backend in no reference cycle is freed as soon as a reset replaces it.
        self.forms: JsonForms[Order] = WireForms(
            lambda o: o.order_id,
            lambda o: order_json(o, clock.to_local, formats),
            json_fragment,
            lambda: clock.timezone,
        )

    def wire(self, order: Order) -> dict[str, Any]:
        """The order's JSON form."""
        return self.forms(order)

    def wire_bytes(self, orders: Sequence[Order]) -> list[orjson.Fragment]:
        """The orders' JSON forms serialised, for a listing page to splice in."""
        return self.forms.serialised_all(orders)

    # -- storing --------------------------------------------------------------------------
    def add(self, order: Order) -> Order:
        """Store a new order; its id must be free."""
        if order.order_id in self.orders:
            raise errors.validation({"order_id": [f"order {order.order_id} already exists"]})
        self.orders[order.order_id] = order
        for line in order.lines:
            self.lines[line.id] = (order, line)
        self.reindex(order)
        self.touch(order)
        return order

    def reindex(self, order: Order) -> None:
        """Put the order where the listing shows it now (or out of it, in a hidden state)."""
        if order.state in HIDDEN_ORDER_STATES:
            self._listed.discard(order.order_id)
        else:
            self._listed.put(order)

    def order(self, order_id: int, platform: str | None = None) -> Order:
        """The order, or Back Market's 404 (also for an order of another ``platform``)."""
        order = self.orders.get(order_id)
        if order is None or not _served(order, platform):
            raise errors.not_found(f"The order {order_id} doesn't exist.")
        return order

    # -- reading --------------------------------------------------------------------------
    def list_orders(
        self,
        *,
        state: int | None = None,
        date_creation: datetime | None = None,
        date_modification: datetime | None = None,
        country_code: str | None = None,
        platform: str | None = None,
    ) -> Sequence[Order]:
        """Listed orders (never states 0 and 8) of ``platform`` (every one when None), oldest
        first; date filters are lower bounds. Without other filters than ``date_creation``
        (the listing's sort key) this is a view of the index, sliced by the page."""
        span = self._listed.bounds(date_creation)
        if (state, date_modification, country_code, platform) == (None, None, None, None):
            return self._listed.view(span)
        query = (span, state, date_modification, country_code, platform)

        def keep(o: Order) -> bool:
            return (
                (state is None or o.state == state)
                and (date_modification is None or o.date_modification >= date_modification)
                and (country_code is None or o.country_code == country_code)
                and _served(o, platform)
            )

        return self._found.get(self.version, query, lambda: self._listed.matching(span, keep))

    # -- the update call ------------------------------------------------------------------
    def update_order(
        self, order_id: int, body: Mapping[str, Any], platform: str | None = None
    ) -> Order:
        """``POST /ws/orders/{order_id}``: accept, cancel, ship or refund."""
        order = self.order(order_id, platform)
        if body.get("order_id") != order_id:
            raise errors.validation({"order_id": ["Must equal the order_id of the URL."]})
        new_state = body["new_state"]
        now = self.ctx.now()
        if new_state == LINE_SHIPPED:
            self._ship(order, body, now)
        elif new_state in _BY_SKU:
            line = self._line_by_sku(order, body.get("sku"), new_state)
            self._check_move(line, new_state)
            line.state = new_state
        elif new_state == LINE_REFUNDED_AFTER:
            self._refund_after_shipping(order, body)
        else:
            raise errors.validation(
                {"new_state": [f"State {new_state} cannot be requested; use 2, 3, 4, 5 or 6."]}
            )
        order.date_modification = now
        order.derive_state()
        self.reindex(order)
        self.touch(order)
        return order

    @staticmethod
    def _check_move(line: OrderLine, wanted: int) -> None:
        if not can_move(line.state, wanted):
            raise errors.invalid_transition(line.id, line.state, wanted)

    @staticmethod
    def _line_by_sku(order: Order, sku: Any, wanted: int | None = None) -> OrderLine:
        """The line of that listing; when the order has it on several lines, the first one
        that can still make the move (so each can be accepted in turn)."""
        if not sku:
            raise errors.validation({"sku": ["This field is required for this new_state."]})
        lines = [line for line in order.lines if line.sku == sku]
        if not lines:
            raise errors.not_found(f"The listing {sku} doesn't exist in order {order.order_id}.")
        movable = [line for line in lines if wanted is not None and can_move(line.state, wanted)]
        return (movable or lines)[0]

    def _ship(self, order: Order, body: Mapping[str, Any], now: datetime) -> None:
        tracking = body.get("tracking_number")
        if not tracking:
            raise errors.validation({"tracking_number": ["This field is required for state 3."]})
        live = order.live_lines()
        for line in live:
            self._check_move(line, LINE_SHIPPED)
        if not live:
            raise errors.invalid_transition(order.lines[0].id, order.lines[0].state, LINE_SHIPPED)
        imei, serial = body.get("imei") or "", body.get("serial_number") or ""
        identified = self._check_identifiers(order, imei, serial) if imei or serial else None
        shipped_at = now
        if body.get("date_shipping"):
            try:
                shipped_at = parse_instant(body["date_shipping"])
            except ClockError as exc:
                raise errors.validation({"date_shipping": [str(exc)]}) from exc
        for line in live:
            line.state = LINE_SHIPPED
        if identified is not None:
            identified.imei = imei or identified.imei
            identified.serial_number = serial or identified.serial_number
        order.tracking_number = tracking
        order.tracking_url = body.get("tracking_url") or order.tracking_url
        order.shipper = body.get("shipper") or order.shipper
        order.date_shipping = shipped_at

    @staticmethod
    def _check_identifiers(order: Order, imei: str, serial: str) -> OrderLine:
        """The one line that takes the identifiers. Lines that left the workflow (cancelled,
        refunded before shipping) do not count against "only one orderline of quantity 1"."""
        live = order.live_lines()
        if len(live) != 1 or live[0].quantity != 1:
            raise errors.imei_refused(
                "An IMEI or serial number is only accepted for an order with exactly one "
                "orderline of quantity 1."
            )
        line = live[0]
        if imei:
            problem = imei_problem(imei)
            if problem:
                raise errors.imei_refused(problem)
            if line.imei and line.imei != imei:
                raise errors.imei_refused(
                    f"Orderline {line.id} already has an IMEI; it cannot be corrected."
                )
        if serial and line.serial_number and line.serial_number != serial:
            raise errors.imei_refused(
                f"Orderline {line.id} already has a serial number; it cannot be corrected."
            )
        return line

    def _refund_after_shipping(self, order: Order, body: Mapping[str, Any]) -> None:
        if body.get("return_reason") is None:
            raise errors.validation({"return_reason": ["This field is required for state 6."]})
        sku = body.get("sku")
        lines = (
            [self._line_by_sku(order, sku, LINE_REFUNDED_AFTER)]
            if sku
            else [line for line in order.lines if line.state == LINE_SHIPPED]
        )
        if not lines:
            raise errors.invalid_transition(
                order.lines[0].id, order.lines[0].state, LINE_REFUNDED_AFTER
            )
        for line in lines:
            self._check_move(line, LINE_REFUNDED_AFTER)
        for line in lines:
            line.state = LINE_REFUNDED_AFTER
            line.return_reason = int(body["return_reason"])
            line.return_message = str(body.get("return_message") or "")

    # -- the orderline call ---------------------------------------------------------------
    def update_orderline(
        self, line_id: int, body: Mapping[str, Any], platform: str | None = None
    ) -> dict[str, str]:
        """``PATCH /ws/orderlines/{id}``: register an IMEI and/or a serial number (once)."""
        if line_id not in self.lines or not _served(self.lines[line_id][0], platform):
            raise errors.not_found(f"The orderline {line_id} doesn't exist.")
        order, line = self.lines[line_id]
        imei, serial = body.get("imei"), body.get("serial_number")
        if imei is None and serial is None:
            raise errors.validation({"non_field_errors": ["Send imei and/or serial_number."]})
        if line.quantity != 1:
            raise errors.unprocessable(
                f"Orderline {line_id} has quantity {line.quantity}; identifiers need quantity 1."
            )
        if imei is not None:
            problem = imei_problem(imei, check_digit=False)  # see imei.py
            if problem:
                raise errors.unprocessable(problem)
            if line.imei and line.imei != imei:
                raise errors.unprocessable(f"Orderline {line_id} IMEI cannot be corrected.")
        if serial is not None and line.serial_number and line.serial_number != serial:
            raise errors.unprocessable(f"Orderline {line_id} serial number cannot be corrected.")
        line.imei = imei if imei is not None else line.imei
        line.serial_number = serial if serial is not None else line.serial_number
        order.date_modification = self.ctx.now()
        self.touch(order)
        return {"imei": line.imei, "serial_number": line.serial_number}

    # -- control plane --------------------------------------------------------------------
    def place_orders(self, orders: Sequence[Mapping[str, Any]]) -> list[dict[str, Any]]:
        checked = [order_input.order(data) for data in orders]  # all refusals come first
        ids = [c["order_id"] for c in checked if "order_id" in c]
        taken = clashing(ids, self.orders)
        if taken:
            raise errors.validation({"order_id": [f"order {taken[0]} already exists"]})
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
        return [self.wire(o) for o in sorted(self.orders.values(), key=lambda o: o.order_id)]

    def _ref(self, order_ref: str) -> Order:
        if not order_ref.isdigit():
            raise errors.not_found(f"The order {order_ref} doesn't exist.")
        return self.order(int(order_ref))

    def admin_order(self, order_ref: str) -> dict[str, Any]:
        return self.wire(self._ref(order_ref))

    def edit_order(self, order_ref: str, patch: Mapping[str, Any]) -> dict[str, Any]:
        """Back-office edits: ``state`` (lines follow), ``orderlines`` (the order state
        follows), ``shipping_address`` (or null), ``date_creation``."""
        order = self._ref(order_ref)
        back_office.edit(order, order_input.edit(patch))  # refuses before anything changes
        order.date_modification = self.ctx.now()
        self.reindex(order)
        self.touch(order)
        return self.wire(order)

    def summary(self) -> dict[str, Any]:
        by_state: dict[str, int] = {}
        for order in self.orders.values():
            by_state[str(order.state)] = by_state.get(str(order.state), 0) + 1
        return {"orders": len(self.orders), "orders_by_state": by_state}


def _served(order: Order, platform: str | None) -> bool:
    """Whether the platform serves the order (its country's; every platform when None)."""
    return platform is None or platform_of(order.country_code) in (platform, None)


def _appeared(order: Order, now: datetime) -> Order:
    """An order placed through the control plane appears in the API now: its modification
    date is now (or later, when it was given a later date), so the next import window that
    reaches now sees it, as it would see a real order that was just paid."""
    order.date_modification = max(order.date_modification, now)
    return order

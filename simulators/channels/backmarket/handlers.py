"""Thin handlers, one per operationId of specs/backmarket/openapi.yaml."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from connexion import request as current_request

from simulators.channels.backmarket import errors
from simulators.channels.backmarket.backend import BackMarketBackend
from simulators.core.channel import SimServices
from simulators.core.clock import ClockError, parse_instant
from simulators.core.pagination import PageOutOfRange, page_link, paginate

Reply = tuple[Any, int]


def _since(field: str, value: str | None) -> datetime | None:
    """A date filter: RFC 3339, or ``YYYY-MM-DD HH:MM:SS`` as real clients send it."""
    if not value:
        return None
    try:
        return parse_instant(value)
    except ClockError:
        raise errors.validation(
            {field: [f"{value!r} is not a valid date-time (RFC 3339, e.g. 2026-03-10T12:00:00Z)."]}
        ) from None


class BackMarketHandlers:
    """Reads parameters, calls one backend method, shapes the reply."""

    def __init__(self, ctx: SimServices) -> None:
        self.ctx = ctx

    @property
    def backend(self) -> BackMarketBackend:
        backend = self.ctx.backend
        assert isinstance(backend, BackMarketBackend)
        return backend

    async def get_ws_list_order(
        self,
        page: int = 1,
        page_size: int = 10,
        state: int | None = None,
        date_creation: str | None = None,
        date_modification: str | None = None,
        country_code: str | None = None,
    ) -> Reply:
        orders = self.backend.list_orders(
            state=state,
            date_creation=_since("date_creation", date_creation),
            date_modification=_since("date_modification", date_modification),
            country_code=country_code,
        )
        try:
            found = paginate(orders, page, page_size)
        except PageOutOfRange:
            raise errors.not_found("Invalid page.") from None
        url = str(current_request.url)
        return {
            "count": found.count,
            "next": page_link(url, "page", found.next_number),
            "previous": page_link(url, "page", found.previous_number),
            "results": [self.backend.wire(o) for o in found.items],
        }, 200

    async def get_ws_specific_order(self, order_id: int) -> Reply:
        return self.backend.wire(self.backend.order(order_id)), 200

    async def update_ws_specific_order(self, order_id: int, body: dict[str, Any]) -> Reply:
        return self.backend.wire(self.backend.update_order(order_id, body)), 200

    async def update_ws_specific_orderline(self, orderline_id: int, body: dict[str, Any]) -> Reply:
        return self.backend.update_orderline(orderline_id, body), 200

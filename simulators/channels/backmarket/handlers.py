"""Thin handlers, one per operationId of specs/backmarket/openapi.yaml."""

from __future__ import annotations

from datetime import datetime
from types import MappingProxyType
from typing import Any

from connexion.context import _scope as request_scope
from starlette.datastructures import Headers

from simulators.channels.backmarket import errors
from simulators.channels.backmarket.backend import BackMarketBackend
from simulators.channels.backmarket.platforms import platform_of
from simulators.core.channel import SimServices
from simulators.core.clock import ClockError, parse_instant
from simulators.core.pagination import PageOutOfRange, page_links, paginate, request_url

Reply = tuple[Any, int, dict[str, str]]
#: Named on every answer: the spec documents text/plain too (the empty error bodies).
JSON = MappingProxyType({"Content-Type": "application/json"})


def _since(field: str, value: str | None) -> datetime | None:
    """A date filter: RFC 3339, or ``YYYY-MM-DD HH:MM:SS`` as real clients send it."""
    if value is None:
        return None
    try:
        return parse_instant(value)
    except ClockError:
        raise errors.validation(
            {field: [f"{value!r} is not a valid date-time (RFC 3339, e.g. 2026-03-10T12:00:00Z)."]}
        ) from None


def _platform(scope: Any = None) -> str | None:
    """The platform (EU, US, AP) the request's Accept-Language belongs to (the spec lets
    only the documented codes through)."""
    headers = Headers(scope=scope if scope is not None else request_scope.get())
    return platform_of(headers.get("accept-language", "").lower())


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
        scope = request_scope.get()
        backend = self.backend
        orders = backend.list_orders(
            state=state,
            date_creation=_since("date_creation", date_creation),
            date_modification=_since("date_modification", date_modification),
            country_code=country_code,
            platform=_platform(scope),
        )
        try:
            found = paginate(orders, page, page_size)
        except PageOutOfRange:
            raise errors.not_found("Invalid page.") from None
        links = page_links(request_url(scope), "page", found.next_number, found.previous_number)
        return (
            {
                "count": found.count,
                "next": links[0],
                "previous": links[1],
                "results": backend.wire_bytes(found.items),
            },
            200,
            dict(JSON),
        )

    async def get_ws_specific_order(self, order_id: int) -> Reply:
        return self.backend.wire(self.backend.order(order_id, _platform())), 200, dict(JSON)

    async def update_ws_specific_order(self, order_id: int, body: dict[str, Any]) -> Reply:
        order = self.backend.update_order(order_id, body, _platform())
        return self.backend.wire(order), 200, dict(JSON)

    async def update_ws_specific_orderline(self, orderline_id: int, body: dict[str, Any]) -> Reply:
        return self.backend.update_orderline(orderline_id, body, _platform()), 200, dict(JSON)

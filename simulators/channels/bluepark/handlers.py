"""Thin handlers, one per operationId of specs/bluepark/openapi.yaml."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from simulators.channels.bluepark import errors
from simulators.channels.bluepark.backend import BlueparkBackend, Filters
from simulators.core.channel import SimServices
from simulators.core.clock import ClockError, parse_instant

Reply = tuple[Any, int]


def _instant(field: str, value: str | None) -> datetime | None:
    """A date filter: ISO 8601 (an instant without offset is UTC); empty is refused."""
    if value is None:
        return None
    try:
        return parse_instant(value)
    except ClockError:
        raise errors.bad_field(
            field, f"{field} must be an ISO 8601 date-time, e.g. 2026-03-10T09:00:00+00:00"
        ) from None


def _filters(
    status: str | None,
    created_from: str | None,
    created_to: str | None,
    modified_from: str | None,
    modified_to: str | None,
) -> Filters:
    return Filters(
        status=status,
        created_from=_instant("created_from", created_from),
        created_to=_instant("created_to", created_to),
        modified_from=_instant("modified_from", modified_from),
        modified_to=_instant("modified_to", modified_to),
    )


class BlueparkHandlers:
    """Reads parameters, calls one backend method, shapes the reply."""

    def __init__(self, ctx: SimServices) -> None:
        self.ctx = ctx

    @property
    def backend(self) -> BlueparkBackend:
        backend = self.ctx.backend
        assert isinstance(backend, BlueparkBackend)
        return backend

    async def list_orders(
        self,
        status: str | None = None,
        created_from: str | None = None,
        created_to: str | None = None,
        modified_from: str | None = None,
        modified_to: str | None = None,
        page: int = 1,
        limit: int = 50,
    ) -> Reply:
        filters = _filters(status, created_from, created_to, modified_from, modified_to)
        return {"orders": self.backend.page(filters, page, limit)}, 200

    async def count_orders(
        self,
        status: str | None = None,
        created_from: str | None = None,
        created_to: str | None = None,
        modified_from: str | None = None,
        modified_to: str | None = None,
    ) -> Reply:
        filters = _filters(status, created_from, created_to, modified_from, modified_to)
        return {"count": self.backend.count(filters)}, 200

    async def get_order(self, id_: int) -> Reply:
        return self.backend.wire(self.backend.order(id_)), 200

    async def update_order(self, id_: int, body: dict[str, Any]) -> Reply:
        return self.backend.wire(self.backend.update_order(id_, body)), 200

"""Thin handlers for the two operations of specs/customstore/openapi.yaml."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from simulators.core.channel import SimServices
from simulators.core.protocols.custom_store import dates, errors
from simulators.core.protocols.custom_store.backend import CustomStoreBackend
from simulators.core.protocols.custom_store.export_xml import export_document
from simulators.core.protocols.custom_store.shipnotice import parse_xml, read_notice

_MAX_PAGE = 32_767  # ``pages`` is an xs:short


def _page(text: str) -> int:
    if not text.strip().isdigit() or not 1 <= int(text) <= _MAX_PAGE:
        raise errors.bad_request("page", f"{text!r} is not a page number (1 to {_MAX_PAGE})")
    return int(text)


class CustomStoreHandlers:
    """Reads parameters, calls one backend method, shapes the XML reply."""

    def __init__(self, ctx: SimServices, shipnotice_schema: Path) -> None:
        self.ctx = ctx
        self.schema = shipnotice_schema

    @property
    def backend(self) -> CustomStoreBackend:
        backend = self.ctx.backend
        assert isinstance(backend, CustomStoreBackend)
        return backend

    def _reply(self, body: bytes) -> tuple[Any, int, dict[str, str]]:
        return body, 200, {"Content-Type": errors.XML}

    async def export(
        self, start_date: str, end_date: str, page: str = "1", **_: Any
    ) -> tuple[Any, int, dict[str, str]]:
        backend = self.backend
        zone = backend.zone
        window = []
        for name, text in (("start_date", start_date), ("end_date", end_date)):
            instant = dates.read(text, zone)
            if instant is None:
                raise errors.bad_request(name, f"{text!r} is not a date (MM/dd/yyyy HH:mm)")
            window.append(instant)
        if window[1] < window[0]:
            raise errors.bad_request("end_date", f"{end_date!r} is before start_date")
        found, pages = backend.export(window[0], window[1], _page(page))
        return self._reply(export_document(backend.fragments(found), pages))

    async def shipnotify(
        self,
        order_number: str,
        carrier: str | None = None,
        service: str | None = None,
        tracking_number: str | None = None,
        body: Any = b"",
        **_: Any,
    ) -> tuple[Any, int, dict[str, str]]:
        body = body.encode() if isinstance(body, str) else bytes(body or b"")
        sent = {"carrier": carrier, "service": service, "tracking_number": tracking_number}
        query = {"order_number": order_number, **{k: v for k, v in sent.items() if v is not None}}
        self.backend.order(order_number)  # an unknown order is refused before the body is read
        notice = read_notice(parse_xml(body, self.schema), query)
        self.backend.ship(notice)
        return self._reply(b"")

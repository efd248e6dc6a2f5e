"""The reference engine (``harness/engine/``) behind the engine interface."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import timedelta
from decimal import Decimal, InvalidOperation
from typing import Any

from harness.engine.clock import EngineClock
from harness.engine.connection import Connection, ConnectionFormError
from harness.engine.engine import Engine
from harness.engine.model import Shipment, to_plain
from harness.engine.status import StatusMapError
from harness.engine.store import Store
from harness.engines.interface import ConnectionForm, EngineRefused, Refreshed, StoreView
from harness.runner.files.timeparse import ClockError, instant


def connection_of(form: ConnectionForm) -> Connection:
    """The reference engine's connection from the form (ConnectionFormError naming a field)."""
    durations = {
        name: timedelta(seconds=value)
        for name, value in (
            ("first_import", form.first_import_seconds),
            ("overlap", form.overlap_seconds),
        )
        if value is not None
    }
    return Connection(
        channel=form.channel,
        credentials=dict(form.credentials),
        region=form.region,
        timezone=form.timezone,
        status_map=form.status_map,
        base_url=form.url,
        options=form.options,
        **durations,
    )


def shipment_of(plain: Mapping[str, Any]) -> Shipment:
    """A shipment from the interface's plain form (EngineRefused naming a bad field)."""
    try:
        fee = Decimal(str(plain["carrier_fee"])) if plain.get("carrier_fee") is not None else None
    except InvalidOperation:
        raise EngineRefused(f"carrier_fee: not a decimal: {plain['carrier_fee']!r}") from None
    try:
        when = instant(plain["ship_date"]) if plain.get("ship_date") else None
    except ClockError as exc:
        raise EngineRefused(f"ship_date: {exc}") from None
    return Shipment(
        carrier=plain["carrier"],
        tracking_number=plain["tracking"],
        service=plain.get("service"),
        carrier_fee=fee,
        notes_to_buyer=plain.get("notes_to_buyer"),
        ship_date=when,
        line_ids=tuple(str(i) for i in plain.get("items") or ()),
    )


def view_of(store: Store) -> StoreView:
    """What the platform shows of a reference store."""
    return StoreView(
        orders=tuple(to_plain(held.current()) for held in store.orders.values()),
        skipped=tuple({"order": s.order, "reason": s.reason} for s in store.skipped.values()),
        status={"status": store.status, "code": store.status_code, "message": store.status_message},
        errors=tuple(
            {"order": e.order, "action": e.action, "code": e.code, "message": e.message}
            for e in store.errors
        ),
        pending=tuple(store.orders[key].imported.number for key in store.outbox),
    )


def refused(exc: Exception) -> EngineRefused:
    """A KeyError or form error as the interface's refusal."""
    return EngineRefused(str(exc).strip("'\""))


class ReferenceEngine:
    """chansim's own engine, as a :class:`~harness.engines.interface.PlatformEngine`."""

    capabilities = frozenset({"virtual_clock"})

    def __init__(self, clock: EngineClock, engine: Engine | None = None) -> None:
        self.engine = engine or Engine(clock)

    def _store(self, name: str) -> Store:
        try:
            return self.engine.stores[name]
        except KeyError:
            raise EngineRefused(f"no store {name!r} is connected") from None

    def connect(self, store: str, form: ConnectionForm) -> None:
        """Save the connection form."""
        try:
            self.engine.connect(store, connection_of(form))
        except (ConnectionFormError, StatusMapError) as exc:
            raise refused(exc) from None

    def reconnect(self, store: str, credentials: Mapping[str, str]) -> None:
        """New credentials typed in the form."""
        try:
            self.engine.reconnect(self._store(store), **credentials)
        except ConnectionFormError as exc:
            raise refused(exc) from None

    def edit_connection(self, store: str, changes: Mapping[str, Any]) -> None:
        """The merchant's new status map or timezone."""
        try:
            self.engine.edit_connection(self._store(store), **changes)
        except (ConnectionFormError, StatusMapError) as exc:
            raise refused(exc) from None

    def refresh(self, store: str) -> Refreshed:
        """Send what is pending, then import."""
        result = self.engine.refresh(self._store(store))
        return Refreshed(
            tuple(result.new),
            tuple(result.updated),
            tuple(result.skipped),
            result.problem.code if result.problem else None,
        )

    def ship(self, store: str, order: str, shipment: Mapping[str, Any]) -> bool:
        """Ship and notify."""
        try:
            return self.engine.ship(self._store(store), order, shipment_of(shipment))
        except KeyError as exc:
            raise refused(exc) from None

    def edit(self, store: str, order: str, changes: Mapping[str, Any]) -> None:
        """The merchant's edit."""
        edits = dict(changes)
        if "custom_fields" in edits:
            edits["custom_fields"] = tuple(edits["custom_fields"])
        try:
            self.engine.edit(self._store(store), order, edits)
        except KeyError as exc:
            raise refused(exc) from None

    def view(self, store: str) -> StoreView:
        """What the platform shows."""
        return view_of(self._store(store))

    def close(self) -> None:
        """Close the HTTP sessions."""
        self.engine.close()


def factory(clock: EngineClock) -> ReferenceEngine:
    """The reference engine on ``clock`` (``--engine harness.engines.reference:factory``)."""
    return ReferenceEngine(clock)

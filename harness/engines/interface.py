"""The engine interface: everything the scenarios ask of the platform under test.

A shipping platform's order engine is what a scenario tests. The steps that act as the
platform (``import``, ``ship``, ``edit_store_order``, ``reconnect``, ``edit_connection``) call
it, and the checks that read the platform (``imported``, ``skipped``, ``store_order``,
``store_status``, ``engine_errors``, ``pending_notifications``) read one :class:`StoreView`
of it. Channel-side checks (``notifications``, ``channel_order``, ``calls``, ``clock``) read
the simulators only.

Everything crossing this interface is plain JSON-able data, so the same calls travel over
HTTP unchanged (``specs/engine/openapi.yaml``; ``http_client.py`` speaks it). An engine is
plugged in three ways:

- the reference engine (``harness/engine/``, adapted by ``reference.py``), the default;
- ``chansim run --engine package.module:factory``: ``factory(clock)`` returns a
  :class:`PlatformEngine`; ``clock.now()`` is the virtual now and ``clock.sleep(s)`` moves it;
- ``chansim run --engine-url URL``: a service in any language speaking the engine protocol.

Time. An engine that reads ``now`` from its clock (or from each HTTP call) and waits through
``clock.sleep`` (or the call's ``clock_url``) declares the ``virtual_clock`` capability and runs
every scenario. Without it, the scenarios that declare ``requires: [virtual_clock]`` (they
make the engine wait: retries after a ``Retry-After``, back-off) are skipped, with the reason.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, Protocol, runtime_checkable

from harness.engine.clock import EngineClock

#: What an engine may declare it can do; scenarios ``require`` them.
CAPABILITIES = frozenset({"virtual_clock"})


class EngineRefused(Exception):
    """The engine refused a step as written (a connection form it cannot use, an order it
    does not hold); the message says why, naming the field or the order."""


@dataclass(frozen=True)
class ConnectionForm:
    """The platform's connection form as the merchant fills it in.

    ``url`` and ``credentials`` are what the channel hands out (the simulator's base URL and
    its token, keys...); the rest is the platform's own form: the store's ``timezone``, the
    ``status_map`` (platform status → channel status texts; None: the channel's default),
    how far back the first import reaches and how much each window re-reads (seconds).
    """

    channel: str
    url: str
    credentials: Mapping[str, str]
    region: str | None = None
    timezone: str = "UTC"
    status_map: Mapping[str, str | list[str]] | None = None
    first_import_seconds: float | None = None
    overlap_seconds: float | None = None
    options: Mapping[str, Any] = field(default_factory=dict)

    def plain(self) -> dict[str, Any]:
        """The form as JSON (fields left unset are omitted)."""
        body: dict[str, Any] = {
            "channel": self.channel,
            "url": self.url,
            "credentials": dict(self.credentials),
            "timezone": self.timezone,
            "options": dict(self.options),
        }
        optional = {
            "region": self.region,
            "status_map": dict(self.status_map) if self.status_map is not None else None,
            "first_import_seconds": self.first_import_seconds,
            "overlap_seconds": self.overlap_seconds,
        }
        body.update({k: v for k, v in optional.items() if v is not None})
        return body


@dataclass(frozen=True)
class Refreshed:
    """What one refresh (send pending notifications, then import) did: order numbers, and
    the code of the problem that stopped it (None: it completed)."""

    new: tuple[str, ...] = ()
    updated: tuple[str, ...] = ()
    skipped: tuple[str, ...] = ()
    problem: str | None = None


@dataclass(frozen=True)
class StoreView:
    """What the platform shows of one store.

    - ``orders``: every imported order as the platform shows it (with the merchant's edits),
      in the canonical order model's JSON (``harness/engine/model.py``: number, status,
      ship_to, items...); an engine that imported an order twice lists it twice;
    - ``skipped``: ``{order, reason}`` for each order the import left out
      (``missing_ship_to``, ``status_not_mapped``);
    - ``status``: ``{status: connected|error, code, message}``;
    - ``errors``: ``{order, action: import|acknowledge|notify, code, message}``, oldest first;
    - ``pending``: numbers of shipped orders whose notification the channel has not accepted.
    """

    orders: tuple[Mapping[str, Any], ...]
    skipped: tuple[Mapping[str, Any], ...]
    status: Mapping[str, Any]
    errors: tuple[Mapping[str, Any], ...]
    pending: tuple[str, ...]

    @classmethod
    def from_plain(cls, data: Mapping[str, Any]) -> StoreView:
        """A view from its JSON."""
        return cls(
            orders=tuple(data["orders"]),
            skipped=tuple(data["skipped"]),
            status=dict(data["status"]),
            errors=tuple(data["errors"]),
            pending=tuple(str(n) for n in data["pending"]),
        )

    def plain(self) -> dict[str, Any]:
        """The view as JSON."""
        return {
            "orders": [dict(o) for o in self.orders],
            "skipped": [dict(s) for s in self.skipped],
            "status": dict(self.status),
            "errors": [dict(e) for e in self.errors],
            "pending": list(self.pending),
        }


@runtime_checkable
class PlatformEngine(Protocol):
    """The platform under test, one instance per scenario. Stores are named by the channel
    they connect (one store per channel in a scenario)."""

    #: Subset of :data:`CAPABILITIES` the engine honours.
    capabilities: frozenset[str]

    def connect(self, store: str, form: ConnectionForm) -> None:
        """Save the connection form (EngineRefused: a form the channel cannot use)."""
        ...

    def reconnect(self, store: str, credentials: Mapping[str, str]) -> None:
        """The merchant typed new credentials (EngineRefused: unusable ones)."""
        ...

    def edit_connection(self, store: str, changes: Mapping[str, Any]) -> None:
        """The merchant changes the connection form between runs: ``status_map`` and/or
        ``timezone``; the next refresh reads again what the old form hid (EngineRefused: a
        form the channel cannot use)."""
        ...

    def refresh(self, store: str) -> Refreshed:
        """Refresh the store: send what is pending, import new and changed orders. A problem
        never escapes: one that stops the run is the store's status."""
        ...

    def ship(self, store: str, order: str, shipment: Mapping[str, Any]) -> bool:
        """Mark an order shipped and notify the channel; True when it accepted.

        ``shipment``: ``carrier``, ``tracking``, and optionally ``service``,
        ``carrier_fee`` (decimal text), ``notes_to_buyer``, ``ship_date`` (ISO 8601),
        ``items`` (line ids; default the whole order). EngineRefused: an unknown order or line.
        """
        ...

    def edit(self, store: str, order: str, changes: Mapping[str, Any]) -> None:
        """The merchant edits an imported order (EngineRefused: unknown order or field)."""
        ...

    def view(self, store: str) -> StoreView:
        """What the platform shows of the store now."""
        ...

    def close(self) -> None:
        """Release what the engine holds (sessions, connections)."""
        ...


#: ``factory(clock)``: a fresh engine for one scenario, on the run's clock.
EngineFactory = Callable[[EngineClock], PlatformEngine]


class EngineFailure(Exception):
    """The engine under test broke the engine protocol (an answer that is not what the spec
    says, a server error, no answer); reported as the scenario's error, naming the call."""

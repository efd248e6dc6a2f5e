"""A client of an engine service speaking the engine protocol (``specs/engine/openapi.yaml``).

One :class:`HttpEngine` per scenario: it opens a session on the service (``POST /sessions``),
so several runs can share one service, and closes it at the end. Every call carries the
virtual ``now`` and the ``clock_url`` the engine calls back to wait (``clock_callback.py``).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any
from urllib.parse import quote

import requests

from harness.channels.http import session_for
from harness.engine.clock import EngineClock
from harness.engines.clock_callback import ClockCallback
from harness.engines.interface import (
    CAPABILITIES,
    ConnectionForm,
    EngineFailure,
    EngineRefused,
    Refreshed,
    StoreView,
)

#: Seconds chansim waits for one engine call (an import may page through many orders).
TIMEOUT = 120


def _decode(response: requests.Response, call: str) -> Any:
    if response.status_code == 422:
        try:
            detail = response.json()["detail"]
        except (ValueError, KeyError, TypeError):
            detail = response.text[:200]
        raise EngineRefused(str(detail))
    if not response.ok:
        raise EngineFailure(
            f"the engine answered {call} with HTTP {response.status_code}: {response.text[:300]}"
        )
    if response.status_code == 204 or not response.content:
        return None
    try:
        return response.json()
    except ValueError:
        raise EngineFailure(
            f"the engine answered {call} with no JSON: {response.text[:200]}"
        ) from None


def describe(url: str) -> dict[str, Any]:
    """``GET /engine``: the service's name and capabilities (EngineFailure if unreachable)."""
    base = url.rstrip("/")
    try:
        response = requests.get(f"{base}/engine", timeout=30)
    except requests.RequestException as exc:
        raise EngineFailure(f"no engine service at {base}: {exc}") from None
    info = _decode(response, "GET /engine")
    if not isinstance(info, dict) or not isinstance(info.get("capabilities"), list):
        raise EngineFailure(f"GET {base}/engine: expected {{name, capabilities: [...]}}")
    return info


class HttpEngine:
    """The engine service at ``url``, as a :class:`~harness.engines.interface.PlatformEngine`."""

    def __init__(self, url: str, clock: EngineClock, info: Mapping[str, Any]) -> None:
        self.base = url.rstrip("/")
        self.clock = clock
        self.capabilities = frozenset(info["capabilities"]) & CAPABILITIES
        self.http = session_for(self.base)
        self.callback = ClockCallback(clock)
        try:
            opened = self._call("POST", "/sessions", {})
            self.session = str(opened["id"])
        except (EngineFailure, EngineRefused, KeyError, TypeError) as exc:
            self.http.close()
            self.callback.stop()
            if isinstance(exc, EngineFailure):
                raise
            raise EngineFailure(f"POST /sessions: expected {{id}}, got: {exc}") from None

    def _call(self, method: str, path: str, body: dict[str, Any] | None) -> Any:
        call = f"{method} {path}"
        payload = None
        if body is not None:
            payload = {**body, "now": self.clock.now().isoformat(), "clock_url": self.callback.url}
        try:
            response = self.http.request(
                method, f"{self.base}{path}", json=payload, timeout=TIMEOUT
            )
        except requests.RequestException as exc:
            raise EngineFailure(f"the engine did not answer {call}: {exc}") from None
        return _decode(response, call)

    def _store(self, store: str, tail: str = "") -> str:
        return f"/sessions/{quote(self.session)}/stores/{quote(store)}{tail}"

    def connect(self, store: str, form: ConnectionForm) -> None:
        """``POST .../connect``."""
        self._call("POST", self._store(store, "/connect"), {"form": form.plain()})

    def reconnect(self, store: str, credentials: Mapping[str, str]) -> None:
        """``POST .../reconnect``."""
        self._call("POST", self._store(store, "/reconnect"), {"credentials": dict(credentials)})

    def edit_connection(self, store: str, changes: Mapping[str, Any]) -> None:
        """``POST .../connection``."""
        self._call("POST", self._store(store, "/connection"), {"changes": dict(changes)})

    def refresh(self, store: str) -> Refreshed:
        """``POST .../refresh``."""
        done = self._call("POST", self._store(store, "/refresh"), {})
        try:
            return Refreshed(
                tuple(map(str, done["new"])),
                tuple(map(str, done["updated"])),
                tuple(map(str, done["skipped"])),
                done.get("problem"),
            )
        except (KeyError, TypeError):
            raise EngineFailure(
                f"refresh: expected {{new, updated, skipped}}, got {done!r}"
            ) from None

    def ship(self, store: str, order: str, shipment: Mapping[str, Any]) -> bool:
        """``POST .../orders/{order}/ship``."""
        path = self._store(store, f"/orders/{quote(order)}/ship")
        done = self._call("POST", path, {"shipment": dict(shipment)})
        if not isinstance(done, dict) or not isinstance(done.get("accepted"), bool):
            raise EngineFailure(f"ship: expected {{accepted: true|false}}, got {done!r}")
        return bool(done["accepted"])

    def edit(self, store: str, order: str, changes: Mapping[str, Any]) -> None:
        """``POST .../orders/{order}/edit``."""
        path = self._store(store, f"/orders/{quote(order)}/edit")
        self._call("POST", path, {"changes": dict(changes)})

    def view(self, store: str) -> StoreView:
        """``GET .../stores/{store}``."""
        data = self._call("GET", self._store(store), None)
        try:
            return StoreView.from_plain(data)
        except (KeyError, TypeError):
            raise EngineFailure(f"the store view lacks a field: {str(data)[:300]}") from None

    def close(self) -> None:
        """Close the session on the service, and the clock endpoint."""
        try:
            self._call("DELETE", f"/sessions/{quote(self.session)}", None)
        except (EngineFailure, EngineRefused):
            pass  # the run's results stand; a session the service cannot close expires there
        finally:
            self.http.close()
            self.callback.stop()

"""The control plane of one running simulator (``/__sim``), over HTTP.

The runner changes a simulator only through this client, so it works the same whether the
simulator runs in this process or in a container it reaches by URL.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import requests

from harness.channels.http import session_for


class ControlError(Exception):
    """The simulator refused a control request; the message is its problem detail."""

    def __init__(self, message: str, status: int | None = None) -> None:
        super().__init__(message)
        #: The HTTP status of the refusal (None when the simulator did not answer).
        self.status = status


class ChannelControl:
    """``/__sim`` of the simulator at ``base_url`` (a namespace's is ``…/__ns/<id>``);
    ``key`` is the deployment's control token or the namespace's key, when it needs one."""

    def __init__(
        self,
        name: str,
        base_url: str,
        session: requests.Session | None = None,
        *,
        key: str | None = None,
    ) -> None:
        self.name = name
        self.base_url = base_url.rstrip("/")
        self.session = session or session_for(self.base_url)
        if key:
            self.session.headers["Authorization"] = f"Bearer {key}"

    def _call(self, method: str, path: str, body: Any = None, **params: Any) -> Any:
        try:
            response = self.session.request(
                method, f"{self.base_url}/__sim{path}", json=body, params=params or None, timeout=30
            )
        except requests.RequestException as exc:
            raise ControlError(
                f"{self.name} at {self.base_url} is not answering ({type(exc).__name__})"
            ) from None
        if response.status_code >= 400:
            try:
                detail = response.json().get("detail") or response.text
            except ValueError:
                detail = response.text
            raise ControlError(
                f"{self.name} refused {method} /__sim{path}: {detail}", response.status_code
            )
        try:
            return response.json() if response.content else None
        except ValueError:
            raise ControlError(f"{self.name} answered {path} with something not JSON") from None

    def reset(
        self,
        *,
        seed: int,
        state: str,
        params: Mapping[str, Any],
        settings: Mapping[str, Any] | None = None,
    ) -> Any:
        """Rebuild in a named state with the given settings (the channel's defaults when
        none), data generated relative to the clock's now."""
        body = {
            "seed": seed,
            "state": state,
            "params": dict(params),
            "settings": dict(settings or {}),
            "rebase": True,
        }
        return self._call("POST", "/reset", body)

    def clock(self) -> dict[str, Any]:
        """The simulator's clock: ``now``, ``frozen``, ``timezone``, ..."""
        found: dict[str, Any] = self._call("GET", "/clock")
        return found

    def set_clock(self, **changes: Any) -> Any:
        """Timezone, skew, set, advance, freeze (see the admin spec)."""
        return self._call("POST", "/clock", changes)

    def place(self, body: Mapping[str, Any]) -> list[dict[str, Any]]:
        """Place orders (``{"orders": [...]}``) or ``{"generate": N, ...}``."""
        placed: list[dict[str, Any]] = self._call("POST", "/orders", dict(body))
        return placed

    def orders(self) -> list[dict[str, Any]]:
        """Every order in the channel's wire shape."""
        found: list[dict[str, Any]] = self._call("GET", "/orders")
        return found

    def order(self, ref: str) -> dict[str, Any]:
        """One order in the channel's wire shape."""
        found: dict[str, Any] = self._call("GET", f"/orders/{ref}")
        return found

    def edit(self, ref: str, patch: Mapping[str, Any]) -> dict[str, Any]:
        """A back-office edit of one order."""
        edited: dict[str, Any] = self._call("PATCH", f"/orders/{ref}", dict(patch))
        return edited

    def add_fault(self, rule: Mapping[str, Any]) -> dict[str, Any]:
        """Add one fault rule; returns it with its id."""
        added: list[dict[str, Any]] = self._call("POST", "/faults", dict(rule))
        return added[0]

    def faults(self) -> list[dict[str, Any]]:
        """The fault rules with their counters."""
        rules: list[dict[str, Any]] = self._call("GET", "/faults")
        return rules

    def clear_faults(self) -> None:
        """Remove every fault rule."""
        self._call("DELETE", "/faults")

    def credentials(self) -> dict[str, Any]:
        """``{"url": ..., "credentials": {...}}`` as the merchant would paste them."""
        found: dict[str, Any] = self._call("GET", "/credentials")
        return found

    def tokens(self) -> list[dict[str, Any]]:
        """Every credential the simulator knows, with its label and status."""
        found: list[dict[str, Any]] = self._call("GET", "/tokens")
        return found

    def issue_token(self, **body: Any) -> dict[str, Any]:
        """A new credential."""
        issued: dict[str, Any] = self._call("POST", "/tokens", body)
        return issued

    def token(self, value: str, action: str, body: Mapping[str, Any] | None = None) -> Any:
        """``expire``, ``renew`` (POST) or ``revoke`` (DELETE) a credential."""
        if action == "revoke":
            return self._call("DELETE", f"/tokens/{value}")
        return self._call("POST", f"/tokens/{value}/{action}", dict(body or {}))

    def create_namespace(self, label: str) -> dict[str, Any]:
        """A namespace of every channel of this simulator's process: ``id``, ``prefix``,
        ``key`` and ``config`` (each channel's url and credentials)."""
        created: dict[str, Any] = self._call("POST", "/namespaces", {"label": label})
        return created

    def delete_namespace(self) -> None:
        """Delete the namespace this control plane belongs to."""
        self._call("DELETE", "/namespace")

    def journal(self, since: int = 0) -> dict[str, Any]:
        """Journal entries after sequence number ``since``, plus ``last_seq``."""
        found: dict[str, Any] = self._call("GET", "/journal", since=since)
        return found

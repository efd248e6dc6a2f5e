"""Test helpers: a client for a running Back Market simulator over real HTTP."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import requests
from urllib3.util import SKIP_HEADER, SKIPPABLE_HEADERS

from simulators.core.server import RunningChannel

USER_AGENT = "BM-Chansim-Tests;qa@example.com"


@dataclass
class BackMarketClient:
    """Talks to one running Back Market simulator: the seller API and ``/__sim``."""

    running: RunningChannel
    session: requests.Session = field(default_factory=requests.Session)
    token: str = ""

    def __post_init__(self) -> None:
        if not self.token:
            self.token = self.admin("GET", "/credentials").json()["credentials"]["token"]

    @property
    def url(self) -> str:
        return self.running.base_url

    @property
    def ctx(self) -> Any:
        return self.running.ctx

    def headers(self, **overrides: str | None) -> dict[str, str]:
        """The headers Back Market requires; an override of None removes a header."""
        base: dict[str, str | None] = {
            "Authorization": f"Basic {self.token}",
            "User-Agent": USER_AGENT,
            "Accept-Language": "fr-fr",
        }
        base.update({k.replace("_", "-"): v for k, v in overrides.items()})
        return {k: v for k, v in base.items() if v is not None}

    def get(self, path: str, params: dict[str, Any] | None = None, **headers: str | None):
        return self.session.get(self.url + path, params=params, headers=self.headers(**headers))

    def post(self, path: str, body: Any = None, *, data: str | None = None, **headers: str | None):
        h = self.headers(**headers)
        if data is not None:
            h["Content-Type"] = "application/json"
            return self.session.post(self.url + path, data=data, headers=h)
        return self.session.post(self.url + path, json=body, headers=h)

    def patch(self, path: str, body: Any, **headers: str | None):
        return self.session.patch(self.url + path, json=body, headers=self.headers(**headers))

    def update(self, order_id: int, **body: Any):
        """``POST /ws/orders/{order_id}`` with ``order_id`` filled in."""
        return self.post(f"/ws/orders/{order_id}", {"order_id": order_id, **body})

    def admin(self, method: str, path: str, body: Any = None) -> requests.Response:
        return self.session.request(method, f"{self.url}/__sim{path}", json=body)

    def use_state(
        self,
        state: str,
        seed: int = 0,
        settings: dict[str, Any] | None = None,
        **params: Any,
    ) -> None:
        """Rebuild the simulator in a named starting state with the state's ``params``,
        through the admin API; ``settings`` replace the simulator's (kept when None)."""
        body: dict[str, Any] = {"seed": seed, "state": state, "params": params}
        if settings is not None:
            body["settings"] = settings
        reply = self.admin("POST", "/reset", body)
        assert reply.status_code == 200, reply.text
        self.token = self.admin("GET", "/credentials").json()["credentials"]["token"]

    def place(self, **order: Any) -> dict[str, Any]:
        """Place one order as a buyer would; returns it in wire shape."""
        reply = self.admin("POST", "/orders", order)
        assert reply.status_code == 201, reply.text
        created: dict[str, Any] = reply.json()[0]
        return created

    def journal(self, **filters: Any) -> list[dict[str, Any]]:
        entries: list[dict[str, Any]] = self.admin_get("/journal", filters)["entries"]
        return entries

    def admin_get(self, path: str, params: dict[str, Any] | None = None) -> Any:
        reply = self.session.get(f"{self.url}/__sim{path}", params=params)
        assert reply.status_code == 200, reply.text
        return reply.json()

    # -- added for the Back Market behaviour tests ---------------------------------------------
    def send(
        self,
        method: str,
        path: str,
        *,
        body: Any = None,
        data: str | bytes | None = None,
        content_type: str | None = None,
        **headers: str | None,
    ) -> requests.Response:
        """Any request; a header overridden with None is not sent at all (no library default).

        ``body`` is sent as JSON; ``data`` is sent as-is with ``content_type`` (if given).
        """
        sent: dict[str, str | None] = dict(self.headers(**headers))
        for name in (k.replace("_", "-") for k, v in headers.items() if v is None):
            # None drops requests' own default; urllib3 needs SKIP_HEADER to add none either.
            sent[name] = SKIP_HEADER if name.lower() in SKIPPABLE_HEADERS else None
        if content_type is not None:
            sent["Content-Type"] = content_type
        if data is not None:
            return self.session.request(method, self.url + path, data=data, headers=sent)
        return self.session.request(method, self.url + path, json=body, headers=sent)

    def fetch(self, url: str, **headers: str | None) -> requests.Response:
        """``GET`` an absolute URL the API handed out (e.g. a ``next`` page link)."""
        return self.session.get(url, headers=self.headers(**headers))

    def order(self, order_id: int) -> dict[str, Any]:
        """``GET /ws/orders/{order_id}``, which must succeed."""
        reply = self.get(f"/ws/orders/{order_id}")
        assert reply.status_code == 200, reply.text
        found: dict[str, Any] = reply.json()
        return found

    def all_orders(self) -> list[dict[str, Any]]:
        """Every order (listed or not) as the admin API shows it."""
        orders: list[dict[str, Any]] = self.admin_get("/orders")
        return orders

    def advance(self, duration: str) -> None:
        """Move the shared virtual clock forward (ISO 8601 duration, e.g. ``PT1H``)."""
        reply = self.admin("POST", "/clock", {"advance": duration})
        assert reply.status_code == 200, reply.text

    def issue_token(self, **body: Any) -> str:
        """Issue a credential through the admin API; returns its value."""
        reply = self.admin("POST", "/tokens", body)
        assert reply.status_code == 201, reply.text
        value: str = reply.json()["token"]
        return value


@dataclass
class BlueparkClient:
    """Talks to one running Bluepark simulator: the REST API (``/api/v1``) and ``/__sim``."""

    running: RunningChannel
    session: requests.Session = field(default_factory=requests.Session)
    username: str = ""
    key: str = ""

    @property
    def url(self) -> str:
        """The API access URL a merchant types."""
        return self.running.base_url + "/api/v1"

    def admin(self, method: str, path: str, body: Any = None) -> requests.Response:
        return self.session.request(method, f"{self.running.base_url}/__sim{path}", json=body)

    def use_state(
        self, state: str, seed: int = 0, quirks: bool | list[str] = False, **params: Any
    ) -> None:
        """Rebuild the simulator in a named starting state with the beta ``quirks`` asked for
        (none by default); take its API credentials."""
        body = {"seed": seed, "state": state, "params": params, "settings": {"beta_quirks": quirks}}
        reply = self.admin("POST", "/reset", body)
        assert reply.status_code == 200, reply.text
        issued = self.admin("GET", "/credentials").json()["credentials"]
        self.username, self.key = issued["api_username"], issued["api_key"]

    def request(self, method: str, path: str, **kwargs: Any) -> requests.Response:
        """A request to the API with the shop's API username and key (unless ``auth`` given)."""
        kwargs.setdefault("auth", (self.username, self.key))
        return self.session.request(method, self.url + path, **kwargs)

    def get(self, path: str, params: dict[str, Any] | None = None, **kw: Any) -> requests.Response:
        return self.request("GET", path, params=params, **kw)

    def put(self, path: str, body: Any, **kw: Any) -> requests.Response:
        return self.request("PUT", path, json=body, **kw)

    def place(self, **order: Any) -> dict[str, Any]:
        """Place one order as a buyer would; returns it in wire shape."""
        reply = self.admin("POST", "/orders", order)
        assert reply.status_code == 201, reply.text
        created: dict[str, Any] = reply.json()[0]
        return created

    def all_orders(self) -> list[dict[str, Any]]:
        """Every order, from the control plane."""
        reply = self.admin("GET", "/orders")
        assert reply.status_code == 200, reply.text
        orders: list[dict[str, Any]] = reply.json()
        return orders

"""Fixtures: the Web Shop Manager and Spark simulators on loopback ports, reset per test."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
import requests
from lxml import etree

from simulators.core.clock import Clock
from simulators.core.registry import SPECS_DIR, channel_entry
from simulators.core.server import ChannelOptions, RunningChannel, SimulatorGroup

T0 = "2026-03-10T12:00:00+00:00"
WIDE = {"start_date": "01/01/2026 00:00", "end_date": "12/31/2026 23:59"}
FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "samples"


def schema(name: str) -> etree.XMLSchema:
    """One of the contract's XML schemas."""
    return etree.XMLSchema(etree.parse(str(SPECS_DIR / "customstore" / name)))


@dataclass
class StoreClient:
    """One running Custom Store simulator: its endpoint and ``/__sim``."""

    running: RunningChannel
    session: requests.Session = field(default_factory=requests.Session)
    url: str = ""
    auth: tuple[str, str] = ("", "")

    def admin(self, method: str, path: str, body: Any = None) -> requests.Response:
        return self.session.request(method, f"{self.running.base_url}/__sim{path}", json=body)

    def use_state(self, state: str = "empty", seed: int = 0, **params: Any) -> None:
        reply = self.admin("POST", "/reset", {"seed": seed, "state": state, "params": params})
        assert reply.status_code == 200, reply.text
        issued = self.admin("GET", "/credentials").json()
        self.url = issued["url"]
        self.auth = (issued["credentials"]["username"], issued["credentials"]["password"])

    def place(self, *orders: dict[str, Any]) -> list[dict[str, Any]]:
        reply = self.admin("POST", "/orders", {"orders": list(orders)})
        assert reply.status_code == 201, reply.text
        placed: list[dict[str, Any]] = reply.json()
        return placed

    def order(self, number: str) -> dict[str, Any]:
        reply = self.admin("GET", f"/orders/{number}")
        assert reply.status_code == 200, reply.text
        found: dict[str, Any] = reply.json()
        return found

    def export(self, auth: Any = True, **params: Any) -> requests.Response:
        query = {"action": "export", **WIDE, **params}
        return self.session.get(self.url, params=query, auth=self.auth if auth is True else auth)

    def notify(self, number: str, body: bytes, **params: Any) -> requests.Response:
        query = {"action": "shipnotify", "order_number": number, "carrier": "UPS",
                 "service": "", "tracking_number": "1Z001", **params}  # fmt: skip
        headers = {"Content-Type": "application/xml"}
        return self.session.post(self.url, params=query, data=body, auth=self.auth, headers=headers)


@pytest.fixture(scope="session")
def cs_group() -> Iterator[SimulatorGroup]:
    """Both Custom Store simulators, validating their own responses."""
    options = {n: ChannelOptions(port=0, validate_responses=True) for n in ("wsm", "spark")}
    entries = [channel_entry("wsm"), channel_entry("spark")]
    with SimulatorGroup(entries, clock=Clock(T0, frozen=True), options=options) as group:
        yield group


def _client(group: SimulatorGroup, name: str) -> StoreClient:
    group.clock.freeze(T0)
    client = StoreClient(group.channels[name])
    client.admin("POST", "/clock", {"timezone": "UTC"})
    client.use_state("empty")
    return client


@pytest.fixture
def wsm(cs_group: SimulatorGroup) -> StoreClient:
    """Web Shop Manager, empty store, clock frozen at ``T0``."""
    return _client(cs_group, "wsm")


@pytest.fixture
def spark(cs_group: SimulatorGroup) -> StoreClient:
    """Spark Shipping, empty store, clock frozen at ``T0``, server on UTC."""
    return _client(cs_group, "spark")


def notice(number: str, *items: tuple[str, int], cost: str = "7.25") -> bytes:
    """A ShipNotice body for ``number`` listing ``(line id, quantity)`` items."""
    lines = "".join(
        f"<Item><LineItemID>{ref}</LineItemID><Quantity>{qty}</Quantity></Item>"
        for ref, qty in items
    )
    listed = f"<Items>{lines}</Items>" if items else ""
    return (
        f"<?xml version='1.0' encoding='utf-8'?><ShipNotice><OrderNumber>{number}</OrderNumber>"
        f"<Carrier>UPS</Carrier><TrackingNumber>1Z001</TrackingNumber>"
        f"<ShippingCost>{cost}</ShippingCost>{listed}</ShipNotice>"
    ).encode()

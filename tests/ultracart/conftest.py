"""A running UltraCart simulator (real HTTP on a loopback port), reset before every test."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest
import requests
from lxml import etree

from simulators.core.clock import Clock
from simulators.core.registry import SPECS_DIR, channel_entry
from simulators.core.server import ChannelOptions, RunningChannel, SimulatorGroup

T0 = "2026-03-10T12:00:00+00:00"
SOAP_ENV = "http://schemas.xmlsoap.org/soap/envelope/"
TNS = "http://www.ultracart.com/schemas/dc-transport/v1"


@pytest.fixture(scope="session")
def uc_group() -> Iterator[SimulatorGroup]:
    options = {"ultracart": ChannelOptions(port=0)}
    group = SimulatorGroup(
        [channel_entry("ultracart")], clock=Clock(T0, frozen=True), options=options
    )
    with group:
        yield group


@dataclass
class UltraCart:
    """One running UltraCart simulator: raw SOAP calls and ``/__sim``."""

    running: RunningChannel
    session: requests.Session

    @property
    def url(self) -> str:
        return self.running.base_url + "/"

    def admin(self, method: str, path: str, body: Any = None) -> requests.Response:
        return self.session.request(method, f"{self.running.base_url}/__sim{path}", json=body)

    def reset(self, state: str = "empty", **params: Any) -> None:
        answer = self.admin("POST", "/reset", {"seed": 1, "state": state, "params": params})
        assert answer.status_code == 200, answer.text

    @property
    def credentials(self) -> dict[str, str]:
        return dict(self.admin("GET", "/credentials").json()["credentials"])

    def place(self, *orders: dict[str, Any]) -> None:
        answer = self.admin("POST", "/orders", {"orders": list(orders)})
        assert answer.status_code in (200, 201), answer.text

    def envelope(self, operation: str, inner: str = "", **creds: str) -> bytes:
        given = {**self.credentials, **creds}
        return (
            f'<soap:Envelope xmlns:soap="{SOAP_ENV}" xmlns:dc="{TNS}"><soap:Body>'
            f"<dc:{operation}><dc:credentials>"
            f"<dc:merchantId>{given['merchant_id']}</dc:merchantId>"
            f"<dc:accessKey>{given['access_key']}</dc:accessKey>"
            f"<dc:distributionCenterCode>{given['distribution_center_code']}"
            f"</dc:distributionCenterCode></dc:credentials>{inner}</dc:{operation}>"
            "</soap:Body></soap:Envelope>"
        ).encode()

    def post(self, body: bytes, action: str | None) -> requests.Response:
        headers = {"Content-Type": "text/xml; charset=utf-8"}
        if action is not None:
            headers["SOAPAction"] = f'"{action}"'
        return self.session.post(self.url, data=body, headers=headers, timeout=10)

    def call(self, operation: str, inner: str = "", **creds: str) -> requests.Response:
        return self.post(self.envelope(operation, inner, **creds), operation)


@pytest.fixture
def uc(uc_group: SimulatorGroup) -> Iterator[UltraCart]:
    uc_group.clock.freeze(T0)
    client = UltraCart(uc_group.channels["ultracart"], requests.Session())
    client.reset()
    yield client
    client.session.close()


def fault(response: requests.Response) -> tuple[str, str, str]:
    """(faultcode, faultstring, detail field) of a SOAP fault answer."""
    root = etree.fromstring(response.content)
    node = root.find(f"{{{SOAP_ENV}}}Body/{{{SOAP_ENV}}}Fault")
    assert node is not None, response.text
    field = node.findtext(f"detail/{{{TNS}}}dcFault/{{{TNS}}}field") or ""
    return node.findtext("faultcode") or "", node.findtext("faultstring") or "", field


def envelope_schema() -> etree.XMLSchema:
    """The SOAP 1.1 envelope with the committed DC transport schema for its contents."""
    folder = SPECS_DIR / "ultracart"
    wrapper = (
        '<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema">'
        f'<xs:import namespace="{SOAP_ENV}" schemaLocation="{folder / "soap-envelope.xsd"}"/>'
        f'<xs:import namespace="{TNS}" schemaLocation="{folder / "dc-transport.xsd"}"/>'
        "</xs:schema>"
    )
    return etree.XMLSchema(etree.fromstring(wrapper.encode(), base_url=str(folder) + "/"))

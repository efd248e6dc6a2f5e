"""The SOAP channel behind the shared shell: fault rules by operation name, the journal, the
reply cache, the clock."""

from __future__ import annotations

import asyncio
from typing import Any

from simulators.core import safe_xml
from simulators.core.clock import Clock
from simulators.core.context import SimContext
from simulators.core.protocol import Message, ReplyingApp
from simulators.core.protocols import soap
from simulators.core.protocols.soap import SoapApp
from simulators.core.registry import channel_entry
from simulators.core.request import RequestInfo
from tests.ultracart.conftest import SOAP_ENV, T0, TNS, fault


def test_a_fault_rule_names_a_soap_operation(uc):
    rule = {"operation": "postShipments", "kind": "soap_fault", "faultcode": "Server.Busy",
            "message": "DC busy", "times": 1}  # fmt: skip
    assert uc.admin("POST", "/faults", rule).status_code in (200, 201)
    assert uc.call("getOrders").status_code == 200
    inner = "<dc:shipment><dc:orderId>X-1</dc:orderId><dc:trackingNumber>1</dc:trackingNumber>"
    answer = uc.call("postShipments", inner + "</dc:shipment>")
    assert fault(answer)[:2] == ("soap:Server.Busy", "DC busy")
    entries = uc.admin("GET", "/journal").json()["entries"]
    assert [(e["operation"], e["fault_kind"]) for e in entries] == [
        ("getOrders", None),
        ("postShipments", "soap_fault"),
    ]


def test_a_fault_rule_naming_an_unknown_operation_is_refused_with_the_known_ones(uc):
    answer = uc.admin("POST", "/faults", {"operation": "get-orders", "status": 503})
    assert answer.status_code == 400
    assert "getOrders" in answer.json()["detail"]


def test_a_cached_fetch_is_never_the_answer_to_another_body(uc):
    uc.place({"order_id": "DEMO-1"})
    assert uc.call("getOrders").status_code == 200
    assert uc.call("getOrders").status_code == 200
    code, _, _ = fault(uc.call("getOrders", "<dc:junk>1</dc:junk>"))
    assert code == "soap:Client.InvalidRequest"
    uc.call("acknowledgeOrders", "<dc:orderId>DEMO-1</dc:orderId>")
    assert b"DEMO-1" not in uc.call("getOrders").content


def test_order_dates_follow_the_server_timezone_in_the_legacy_format(uc):
    uc.place({"order_id": "DEMO-1", "order_date": "2026-03-10T23:30:00Z"})
    assert b"<tns:order_date>10 MAR 2026 23:30:00</tns:order_date>" in uc.call("getOrders").content
    assert uc.admin("POST", "/clock", {"timezone": "America/Los_Angeles"}).status_code == 200
    assert b"10 MAR 2026 16:30:00</tns:order_date>" in uc.call("getOrders").content


def test_the_journal_never_shows_the_access_key(uc):
    key = uc.credentials["access_key"]
    assert uc.call("getOrders").status_code == 200
    entry = uc.admin("GET", "/journal").json()["entries"][-1]
    assert key not in str(entry)
    assert f"<dc:accessKey>****{key[-4:]}</dc:accessKey>" in entry["body"]


def test_the_shell_reads_a_request_envelope_once(uc, monkeypatch):
    parsed: list[bytes] = []

    def counting(data: bytes) -> Any:
        parsed.append(data)
        return safe_xml.parse(data)

    monkeypatch.setattr(soap, "parse", counting)
    uc.place({"order_id": "DEMO-1"})
    shipment = (
        "<dc:shipment><dc:orderId>DEMO-1</dc:orderId><dc:trackingNumber>1Z</dc:trackingNumber>"
    )
    assert uc.call("postShipments", shipment + "</dc:shipment>").status_code == 200
    assert len(parsed) == 1  # the operation, the credential, the gate and the bridge share it
    code, _, field = fault(uc.call("getOrders", access_key="wrong"))
    assert (code, field) == ("soap:Client.AuthenticationFailed", "accessKey")
    assert len(parsed) == 2


def test_the_soap_app_answers_the_same_as_asgi_and_in_one_call():
    sim = SimContext(channel_entry("ultracart"), clock=Clock(T0, frozen=True), state="demo")
    app = sim.protocol.build_app(sim)
    assert isinstance(app, SoapApp) and isinstance(app, ReplyingApp)
    key = sim.channel.credentials(sim, "http://127.0.0.1:9")["credentials"]["access_key"]
    body = (
        f'<soap:Envelope xmlns:soap="{SOAP_ENV}" xmlns:dc="{TNS}"><soap:Body><dc:getOrders>'
        "<dc:credentials><dc:merchantId>DEMO</dc:merchantId>"
        f"<dc:accessKey>{key}</dc:accessKey><dc:distributionCenterCode>DFLT"
        "</dc:distributionCenterCode></dc:credentials></dc:getOrders></soap:Body></soap:Envelope>"
    ).encode()
    headers = [(b"content-type", b"text/xml"), (b"soapaction", b'"getOrders"'), (b"host", b"h")]
    messages: list[Message] = []

    async def send(message: Message) -> None:
        messages.append(message)

    # an answer, and a refusal of an envelope cut short
    for sent, expected in ((body, b"<tns:order>"), (body[:40], b"not well-formed")):
        named = {k.decode(): v.decode() for k, v in headers}
        request = RequestInfo("POST", "/", "", named, list(named.items()), sent, None)
        scope = {"type": "http", "method": "POST", "path": "/", "query_string": b"",
                 "headers": headers, "extensions": {"chansim": {"request": request}}}  # fmt: skip
        messages.clear()

        async def receive(sent: bytes = sent) -> Message:
            return {"type": "http.request", "body": sent, "more_body": False}

        direct = asyncio.run(app.reply(scope, receive, request))
        asyncio.run(app(scope, receive, send))
        assert messages[0]["status"] == direct.status
        assert messages[1]["body"] == direct.body
        assert expected in direct.body

"""Strict consumer checks: a request the engine sends that its channel's contract refuses
fails the scenario, naming the request and the violation (OpenAPI parameters and body, the
SOAP envelope against the WSDL's schema); ``--no-strict`` turns the check off."""

from __future__ import annotations

from pathlib import Path

from harness.channels.backmarket import BackMarketAdapter
from harness.channels.ultracart import UltraCartAdapter
from harness.cli import main
from harness.engine.model import Notification
from harness.runner.execution.run import run_files

SOAP_ENV = "http://schemas.xmlsoap.org/soap/envelope/"
TNS = "http://www.ultracart.com/schemas/dc-transport/v1"
SCENARIOS = Path(__file__).resolve().parents[2] / "scenarios"


def _contract_failures(path: Path, *, strict: bool = True) -> list[str]:
    result = run_files([path], strict=strict).scenarios[0]
    return [f.message for f in result.failures if f.check == "contract"]


def test_the_scenario_library_keeps_every_contract():
    # Every request of every scenario passes: the check below is not failing everything.
    paths = [
        SCENARIOS / "backmarket" / "happy_path.yaml",
        SCENARIOS / "ultracart" / "happy_path.yaml",
    ]
    assert run_files(paths).ok


def test_a_header_outside_the_spec_fails_the_scenario_naming_request_and_violation(monkeypatch):
    real = BackMarketAdapter.headers

    def french(self: BackMarketAdapter) -> dict[str, str]:
        return {**real(self), "Accept-Language": "french"}

    monkeypatch.setattr(BackMarketAdapter, "headers", french)
    messages = _contract_failures(SCENARIOS / "backmarket" / "happy_path.yaml")
    assert messages, "the wrong header was not reported"
    assert messages[0].startswith("backmarket: the engine sent GET /ws/orders?")
    assert "(get-ws-list-order)" in messages[0]
    assert "header parameter Accept-Language: 'french' is not one of" in messages[0]


def test_a_body_field_of_the_wrong_type_is_named_with_its_path(monkeypatch):
    def numeric_tracking(self: BackMarketAdapter, notification: Notification) -> None:
        self._update(int(notification.order.key), {"order_id": int(notification.order.key),
                     "new_state": 3, "tracking_number": 12345}, "notify")  # fmt: skip

    monkeypatch.setattr(BackMarketAdapter, "notify", numeric_tracking)
    messages = _contract_failures(SCENARIOS / "backmarket" / "happy_path.yaml")
    assert any(
        "POST /ws/orders/1001 (update-ws-specific-order)" in m
        and "body tracking_number: 12345 is not of type 'string'" in m
        for m in messages
    ), messages


def test_a_soap_envelope_outside_the_schema_is_refused(monkeypatch):
    def no_tracking(self: UltraCartAdapter, notification: Notification) -> None:
        # zeep would refuse to write this; a hand-made client might not.
        creds = self.connection.credentials
        envelope = (
            f'<soap:Envelope xmlns:soap="{SOAP_ENV}" xmlns:dc="{TNS}"><soap:Body>'
            "<dc:postShipments><dc:credentials>"
            f"<dc:merchantId>{creds['merchant_id']}</dc:merchantId>"
            f"<dc:accessKey>{creds['access_key']}</dc:accessKey>"
            f"<dc:distributionCenterCode>{creds['distribution_center_code']}"
            "</dc:distributionCenterCode></dc:credentials>"
            f"<dc:shipment><dc:orderId>{notification.order.key}</dc:orderId>"
            "<dc:carrier>UPS</dc:carrier></dc:shipment>"
            "</dc:postShipments></soap:Body></soap:Envelope>"
        )
        headers = {"Content-Type": "text/xml; charset=utf-8", "SOAPAction": '"postShipments"'}
        self.send("notify", "POST", self.url, data=envelope.encode(), headers=headers)

    monkeypatch.setattr(UltraCartAdapter, "notify", no_tracking)
    messages = _contract_failures(SCENARIOS / "ultracart" / "happy_path.yaml")
    assert any(
        m.startswith("ultracart: the engine sent POST / (postShipments)")
        and "envelope: Element '{http://www.ultracart.com/schemas/dc-transport/v1}carrier'" in m
        and "trackingNumber" in m
        for m in messages
    ), messages


def test_no_strict_turns_the_check_off(monkeypatch, capsys, tmp_path):
    real = BackMarketAdapter.headers
    monkeypatch.setattr(
        BackMarketAdapter, "headers", lambda self: {**real(self), "Accept-Language": "french"}
    )
    path = SCENARIOS / "backmarket" / "happy_path.yaml"
    assert _contract_failures(path, strict=False) == []
    main(["run", str(path), "--json", str(tmp_path / "r.json")])
    assert "which the channel's contract refuses" in capsys.readouterr().out


def test_a_ship_notice_outside_its_xsd_is_refused(monkeypatch):
    from harness.channels import custom_store_xml

    real = custom_store_xml.ship_notice

    def with_weight(*args: object, **kwargs: object) -> bytes:
        body: bytes = real(*args, **kwargs)  # type: ignore[arg-type]
        return body.replace(b"</ShipNotice>", b"<Weight>2 lb</Weight></ShipNotice>")

    monkeypatch.setattr(custom_store_xml, "ship_notice", with_weight)
    messages = _contract_failures(SCENARIOS / "wsm" / "happy_path.yaml")
    assert any(
        m.startswith("wsm: the engine sent POST /api/shipstation?action=shipnotify")
        and "(shipnotify)" in m
        and "body: Element 'Weight': This element is not expected" in m
        for m in messages
    ), messages

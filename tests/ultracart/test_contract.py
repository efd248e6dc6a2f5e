"""The WSDL Spyne serves matches the committed one; zeep calls every operation; every answer
and every fault validates against the committed schema."""

from __future__ import annotations

import subprocess
import sys

import pytest
import zeep
from lxml import etree

from simulators.core.protocols.soap import SoapContract
from simulators.core.registry import SPECS_DIR
from simulators.core.request import RequestInfo
from tests.ultracart.conftest import TNS, envelope_schema

WSDL = SPECS_DIR / "ultracart" / "dc-transport.wsdl"
XS = "http://www.w3.org/2001/XMLSchema"
W = "http://schemas.xmlsoap.org/wsdl/"


def _types(schema_root: etree._Element) -> dict[str, object]:
    """Every named type and element: its children (name, type, occurrences) or restriction."""
    found: dict[str, object] = {}
    for node in schema_root:
        if not isinstance(node.tag, str) or node.get("name") is None:
            continue
        kind = etree.QName(node).localname
        if kind == "complexType":
            found[f"type {node.get('name')}"] = [
                (e.get("name"), e.get("type"), e.get("minOccurs", "1"), e.get("maxOccurs", "1"))
                for e in node.iter(f"{{{XS}}}element")
            ]
        elif kind == "simpleType":
            restriction = node.find(f"{{{XS}}}restriction")
            assert restriction is not None
            found[f"simple {node.get('name')}"] = (
                restriction.get("base"),
                sorted((etree.QName(f).localname, f.get("value")) for f in restriction),
            )
        elif kind == "element" and node.get("name") != "dcFault":
            found[f"element {node.get('name')}"] = node.get("type")
    return found


def _operations(wsdl_root: etree._Element) -> dict[str, tuple[str | None, ...]]:
    port_type = wsdl_root.find(f"{{{W}}}portType")
    assert port_type is not None
    return {
        op.get("name", ""): tuple(
            child.get("message") for child in op if etree.QName(child).localname != "documentation"
        )
        for op in port_type.iterfind(f"{{{W}}}operation")
    }


def test_served_wsdl_describes_the_committed_operations_and_types(uc):
    served = etree.fromstring(uc.session.get(uc.url + "?wsdl").content)
    committed = etree.parse(str(WSDL)).getroot()
    assert _operations(served) == _operations(committed)
    assert set(_operations(served)) == {"getOrders", "acknowledgeOrders", "postShipments"}
    served_schema = served.find(f"{{{W}}}types/{{{XS}}}schema")
    assert served_schema is not None
    committed_schema = etree.parse(str(SPECS_DIR / "ultracart" / "dc-transport.xsd")).getroot()
    assert _types(served_schema) == _types(committed_schema)
    actions = SoapContract(WSDL).actions
    assert dict(actions) == {op: op for op in _operations(served)}


def test_zeep_calls_every_operation_of_the_served_wsdl(uc):
    uc.place({"order_id": "DEMO-1001"}, {"order_id": "DEMO-1002", "subtotal_discount": "5"})
    creds = uc.credentials
    client = zeep.Client(uc.url + "?wsdl")  # type: ignore[no-untyped-call]
    name = f"{{{TNS}}}DistributionCenterTransport"
    service = client.create_service(name, uc.url)  # type: ignore[no-untyped-call]
    sent = {
        "merchantId": creds["merchant_id"],
        "accessKey": creds["access_key"],
        "distributionCenterCode": creds["distribution_center_code"],
    }
    orders = service.getOrders(credentials=sent)
    by_id = {o.order_id: o for o in orders}
    assert sorted(by_id) == ["DEMO-1001", "DEMO-1002"]
    assert by_id["DEMO-1002"].subtotal_discount == 5
    assert service.acknowledgeOrders(credentials=sent, orderId=["DEMO-1001"]) == 1
    assert [o.order_id for o in service.getOrders(credentials=sent)] == ["DEMO-1002"]
    shipment = {"orderId": "DEMO-1001", "trackingNumber": ["1Z1"], "carrier": "UPS",
                "shippingCost": "7.45"}  # fmt: skip
    assert service.postShipments(credentials=sent, shipment=[shipment]) == 1
    held = uc.admin("GET", "/orders/DEMO-1001").json()
    assert held["current_stage"] == "CO"
    assert held["shipments"]["DFLT"]["tracking_numbers"] == ["1Z1"]
    assert held["shipments"]["DFLT"]["shipping_cost"] == "7.45"


def test_every_answer_and_fault_validates_against_the_committed_schema(uc):
    schema = envelope_schema()
    uc.place({"order_id": "DEMO-1001", "subtotal_discount": "2.50", "gift": True,
              "items": [{"quantity": 2}, {"distribution_center_code": "EAST"}]},
             {"order_id": "DEMO-1002", "ship_to": None})  # fmt: skip
    answers = [
        uc.call("getOrders"),
        uc.call("acknowledgeOrders", "<dc:orderId>DEMO-1001</dc:orderId>"),
        uc.call(
            "postShipments",
            "<dc:shipment><dc:orderId>DEMO-1001</dc:orderId>"
            "<dc:trackingNumber>1Z1</dc:trackingNumber></dc:shipment>",
        ),
        uc.call("getOrders", merchant_id="NOPE"),
        uc.call("getOrders", access_key="wrong"),
        uc.call("getOrders", distribution_center_code="EAST"),
        uc.call("acknowledgeOrders", "<dc:orderId>NOPE-1</dc:orderId>"),
        uc.call("acknowledgeOrders"),  # schema: at least one orderId
        uc.post(b"<soap:Envelope", "getOrders"),
        uc.post(uc.envelope("getOrders"), "postShipments"),
    ]
    for rule in (
        {"operation": "getOrders", "kind": "soap_fault", "times": 1},
        {"operation": "getOrders", "status": 503, "times": 1},
        {"operation": "getOrders", "kind": "rate_limit", "retry_after": 5, "times": 1},
    ):
        assert uc.admin("POST", "/faults", rule).status_code in (200, 201)
        answers.append(uc.call("getOrders"))
    statuses = [a.status_code for a in answers]
    assert statuses == [200, 200, 200, 500, 500, 500, 500, 500, 500, 500, 500, 503, 429]
    for answer in answers:
        assert answer.headers["content-type"].startswith("text/xml")
        document = etree.fromstring(answer.content)
        assert schema.validate(document), (answer.text, schema.error_log)


def test_operation_names_are_read_without_a_soap_library():
    code = (
        "import sys; from harness.runner.files.fault_rules import _operations;"
        "print(sorted(_operations('ultracart')));"
        "print([m for m in ('spyne', 'zeep') if m in sys.modules])"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout.splitlines()
    assert out == ["['acknowledgeOrders', 'getOrders', 'postShipments', 'wsdl']", "[]"]


@pytest.mark.parametrize(
    ("action", "body_operation", "expected"),
    [
        ("getOrders", "getOrders", "getOrders"),
        (None, "postShipments", "postShipments"),
        ("acknowledgeOrders", None, "acknowledgeOrders"),
        ("nonsense", None, None),
    ],
)
def test_the_contract_names_the_operation_after_the_body_is_read(action, body_operation, expected):
    contract = SoapContract(WSDL)
    env = "http://schemas.xmlsoap.org/soap/envelope/"
    body = (
        f'<e:Envelope xmlns:e="{env}"><e:Body><x:{body_operation} xmlns:x="{TNS}"/>'
        "</e:Body></e:Envelope>"
        if body_operation
        else "not xml"
    ).encode()
    headers = {"soapaction": f'"{action}"'} if action else {}
    request = RequestInfo("POST", "/", "", headers, list(headers.items()), body, None)
    found = contract.identify(request)
    assert (found.name if found else None) == expected


def test_the_direct_serialiser_writes_what_spynes_own_would(uc):
    from spyne.protocol.soap import Soap11

    from simulators.channels.ultracart.backend import UltraCartBackend
    from simulators.channels.ultracart.direct_xml import DirectXml
    from simulators.channels.ultracart.service import DcApplication, DcOrder, dc_order

    uc.reset("demo")
    sim = uc.running.ctx
    backend = sim.backend
    assert isinstance(backend, UltraCartBackend)
    spyne_xml = Soap11()
    spyne_xml.set_app(DcApplication(sim))
    for order in backend.fetch("DFLT"):
        inst = dc_order(order, "DFLT", sim)
        theirs, ours = etree.Element("theirs"), etree.Element("ours")
        spyne_xml.to_parent(None, DcOrder, inst, theirs, TNS, "order")
        DirectXml().subserialize(None, DcOrder, inst, ours, TNS, "order")
        assert etree.tostring(ours[0]) == etree.tostring(theirs[0])

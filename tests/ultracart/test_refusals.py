"""Every refusal is a SOAP fault saying what is wrong, changes nothing, and hostile envelopes
are refused fast with memory flat."""

from __future__ import annotations

import http.client
import resource
import time

import pytest

from tests.ultracart.conftest import fault

ORDER_IDS_101 = "".join(f"<dc:orderId>DEMO-{i}</dc:orderId>" for i in range(1, 102))
SHIPMENTS_101 = "".join(
    f"<dc:shipment><dc:orderId>DEMO-{i}</dc:orderId><dc:trackingNumber>T{i}</dc:trackingNumber>"
    "</dc:shipment>"
    for i in range(1, 102)
)


@pytest.mark.parametrize(
    ("change", "code", "field", "words"),
    [
        ({"merchant_id": "ACME"}, "soap:Client.AuthenticationFailed", "merchantId", "'ACME'"),
        ({"access_key": "guess"}, "soap:Client.AuthenticationFailed", "accessKey", "access key"),
        (
            {"distribution_center_code": "EAST"},
            "soap:Client.AuthenticationFailed",
            "distributionCenterCode",
            "'EAST' is not a distribution center",
        ),
    ],
)
def test_a_wrong_credential_is_a_fault_naming_the_field(uc, change, code, field, words):
    answer = uc.call("getOrders", **change)
    assert answer.status_code == 500
    got_code, message, got_field = fault(answer)
    assert (got_code, got_field) == (code, field)
    assert words in message


def test_an_expired_access_key_is_refused(uc):
    key = uc.credentials["access_key"]
    assert uc.admin("POST", f"/tokens/{key}/expire").status_code == 200
    code, message, field = fault(uc.call("getOrders", access_key=key))
    assert (code, field) == ("soap:Client.AuthenticationFailed", "accessKey")
    assert "no longer valid" in message


@pytest.mark.parametrize(
    ("operation", "inner", "words"),
    [
        ("acknowledgeOrders", ORDER_IDS_101, "order_ids can not contain more than 100 records"),
        ("postShipments", SHIPMENTS_101, "shipments can not contain more than 100 records"),
    ],
)
def test_more_than_100_records_is_refused_and_changes_nothing(uc, operation, inner, words):
    uc.place(*({"order_id": f"DEMO-{i}"} for i in range(1, 102)))
    before = uc.admin("GET", "/orders").json()
    code, message, _ = fault(uc.call(operation, inner))
    assert code == "soap:Client.TooManyRecords"
    assert message == words + " at a time"
    assert uc.admin("GET", "/orders").json() == before


def test_one_unknown_id_refuses_the_whole_acknowledgement(uc):
    uc.place({"order_id": "DEMO-1"})
    code, message, field = fault(
        uc.call("acknowledgeOrders", "<dc:orderId>DEMO-1</dc:orderId><dc:orderId>X-9</dc:orderId>")
    )
    assert (code, field) == ("soap:Client.InvalidRequest", "orderIds")
    assert "X-9" in message
    assert uc.admin("GET", "/orders/DEMO-1").json()["imported"] == []


@pytest.mark.parametrize(
    ("body", "action", "words"),
    [
        (b"<soap:Envelope", "getOrders", "not well-formed XML"),
        (b"", "getOrders", "no body"),
        (b"<a/>", "getOrders", "not a SOAP 1.1 Envelope"),
        (None, "postShipments", "does not match the body's operation 'getOrders'"),
        (None, None, "SOAPAction header is missing"),
    ],
)
def test_an_unusable_envelope_is_a_soap_error(uc, body, action, words):
    answer = uc.post(body if body is not None else uc.envelope("getOrders"), action)
    assert answer.status_code == 500
    code, message, _ = fault(answer)
    assert code == "soap:Client.SoapError"
    assert words in message


def test_another_path_has_no_service(uc):
    answer = uc.session.post(uc.url + "axis/services/Other", data=uc.envelope("getOrders"),
                             headers={"SOAPAction": '"getOrders"'})  # fmt: skip
    code, message, _ = fault(answer)
    assert (answer.status_code, code) == (500, "soap:Client.SoapError")
    assert message == "no SOAP service at /axis/services/Other; the service is at /"
    assert fault(uc.session.get(uc.url + "x?wsdl"))[0] == "soap:Client.SoapError"


def test_an_unknown_operation_is_named_with_the_known_ones(uc):
    code, message, _ = fault(uc.call("deleteEverything"))
    assert code == "soap:Client.SoapError"
    assert "unknown operation 'deleteEverything'" in message
    assert "acknowledgeOrders, getOrders, postShipments" in message


def test_a_body_the_schema_refuses_is_an_invalid_request(uc):
    code, message, _ = fault(uc.call("acknowledgeOrders", "<dc:bogus>1</dc:bogus>"))
    assert code == "soap:Client.InvalidRequest"
    assert message


LAUGHS = (
    b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
    + b"".join(
        b'<!ENTITY lol%d "%s">' % (i, (b"&lol%d;" % (i - 1) if i > 1 else b"&lol;") * 10)
        for i in range(1, 10)
    )
    + b']><soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body>'
    b"<getOrders>&lol9;</getOrders></soap:Body></soap:Envelope>"
)
EXTERNAL = (
    b'<?xml version="1.0"?><!DOCTYPE e [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
    b'<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body>'
    b"<getOrders>&x;</getOrders></soap:Body></soap:Envelope>"
)


@pytest.mark.parametrize("body", [LAUGHS, EXTERNAL], ids=["entity-expansion", "external-entity"])
def test_a_hostile_envelope_is_refused_fast_with_memory_flat(uc, body):
    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    started = time.perf_counter()
    answers = [uc.post(body, "getOrders") for _ in range(20)]
    elapsed = time.perf_counter() - started
    rss_after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    for answer in answers:
        code, message, _ = fault(answer)
        assert code == "soap:Client.SoapError"
        assert "document type declaration" in message
        assert b"root:" not in answer.content
    assert elapsed < 1.0, f"20 hostile envelopes took {elapsed:.2f} s"
    assert rss_after - rss_before < 20_000, "peak memory grew by more than 20 MB"


def test_two_soapaction_headers_are_one_that_matches_no_operation(uc):
    host, port = uc.url.split("//")[1].rstrip("/").split(":")
    body = uc.envelope("getOrders")
    conn = http.client.HTTPConnection(host, int(port), timeout=10)
    conn.putrequest("POST", "/")
    conn.putheader("Content-Type", "text/xml; charset=utf-8")
    conn.putheader("Content-Length", str(len(body)))
    conn.putheader("SOAPAction", '"postShipments"')
    conn.putheader("SOAPAction", '"getOrders"')  # the last one alone would match
    conn.endheaders(body)
    answer = conn.getresponse()
    reply = answer.read()
    conn.close()
    assert answer.status == 500
    assert b"Client.SoapError" in reply and b"does not match" in reply

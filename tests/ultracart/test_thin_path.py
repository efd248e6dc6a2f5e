"""The thin SOAP path (``simulators/core/protocols/soap_thin.py``) answers byte for byte what
Spyne's WSGI application answers.

Two simulators with the same seed, clock and state, one answering through the thin path and
one through Spyne's full path only, are sent the same requests through the whole shell; every
reply (status, headers, body) and at the end both journals must be the same. Each case also
says which path the thin simulator took (or that the shell answered before the application),
so a case meant for the thin path cannot quietly fall back, and one it must refuse cannot
slip through.
"""

from __future__ import annotations

import asyncio
import gc
import json
import re
from collections.abc import Iterator
from typing import Any

import pytest

from simulators.core.app import build_app
from simulators.core.clock import Clock
from simulators.core.context import SimContext
from simulators.core.middleware import ChannelShell
from simulators.core.protocol import Message
from simulators.core.protocols.soap import SoapApp
from simulators.core.protocols.soap_thin import plain_content_type
from simulators.core.registry import channel_entry
from tests.ultracart.conftest import SOAP_ENV, T0, TNS

XML = "text/xml; charset=utf-8"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
Reply = tuple[int, list[tuple[bytes, bytes]], bytes]


def _call(app: ChannelShell, method: str, path: str, body: bytes = b"", headers: Any = ()) -> Reply:
    pairs = [*headers, ("host", "127.0.0.1:9"), ("content-length", str(len(body)))]
    scope = {"type": "http", "method": method, "path": path, "raw_path": path.encode(),
             "query_string": b"", "headers": [(k.encode(), v.encode()) for k, v in pairs],
             "scheme": "http", "server": ("127.0.0.1", 9), "client": ("127.0.0.1", 5),
             "root_path": "", "http_version": "1.1"}  # fmt: skip
    out: list[Message] = []

    async def receive() -> Message:
        return {"type": "http.request", "body": body, "more_body": False}

    async def send(message: Message) -> None:
        out.append(message)

    asyncio.run(app(scope, receive, send))
    return out[0]["status"], out[0]["headers"], b"".join(m.get("body", b"") for m in out[1:])


class Twins:
    """The same simulator twice: ``thin`` answers through the thin path when it can,
    ``full`` always through Spyne's WSGI application."""

    def __init__(self, state: str = "demo") -> None:
        self.sims = [
            SimContext(
                channel_entry("ultracart"), clock=Clock(T0, frozen=True), seed=3, state=state
            )
            for _ in range(2)
        ]
        self.thin, self.full = (build_app(sim) for sim in self.sims)
        assert isinstance(self.full.app, SoapApp) and isinstance(self.thin.app, SoapApp)
        assert self.thin.app.thin is not None
        self.full.app.thin = None
        #: What the thin path answered for each request that reached the application.
        self.outcomes: list[bool] = []
        real = self.thin.app.thin

        def recording(request: Any, environ: dict[str, Any]) -> Any:
            reply = real(request, environ)
            self.outcomes.append(reply is not None)
            return reply

        self.thin.app.thin = recording
        self.fetches = 0
        #: Whether the compiled reader read each operation element the thin path deserialised.
        self.reads: list[bool] = []
        bound: Any = real
        thin = bound.__self__
        read = thin._read

        def reading(ctx: Any, descriptor: Any, op: Any) -> bool:
            done: bool = read(ctx, descriptor, op)
            self.reads.append(done)
            return done

        thin._read = reading

    def admin(self, method: str, path: str, body: Any = None) -> Any:
        """The same control-plane call on both; its (shared) JSON answer."""
        data = b"" if body is None else json.dumps(body).encode()
        headers = [("content-type", "application/json")] if body is not None else []
        answers = [_call(app, method, "/__sim" + path, data, headers) for app in self.apps]
        assert answers[0][2] == answers[1][2] and answers[0][0] < 300, answers[0]
        return json.loads(answers[0][2]) if answers[0][2] else None

    @property
    def apps(self) -> tuple[ChannelShell, ChannelShell]:
        return self.thin, self.full

    @property
    def creds(self) -> dict[str, str]:
        issued = self.admin("GET", "/credentials")["credentials"]
        return {"merchantId": issued["merchant_id"], "accessKey": issued["access_key"],
                "distributionCenterCode": issued["distribution_center_code"]}  # fmt: skip

    def post(self, body: bytes, action: str | None = None, content_type: str | None = XML,
             *, thin: bool | None) -> Reply:  # fmt: skip
        """``body`` to both; asserts the replies are the same and whether the thin simulator
        answered without the WSGI application (None: the application was not reached)."""
        headers = [("content-type", content_type)] if content_type is not None else []
        if action is not None:
            headers.append(("soapaction", f'"{action}"'))
        return self.post_headers(body, headers, thin=thin)

    def post_headers(
        self, body: bytes, headers: list[tuple[str, str]], *, thin: bool | None
    ) -> Reply:
        """:meth:`post` with exactly these headers."""
        self.outcomes.clear()
        got = _call(self.thin, "POST", "/", body, headers)
        expected = _call(self.full, "POST", "/", body, headers)
        assert got == expected
        assert self.outcomes == ([] if thin is None else [thin])
        return got

    def journals_match(self) -> None:
        entries = [self_entries(app) for app in self.apps]
        assert entries[0] == entries[1]


def self_entries(app: ChannelShell) -> list[dict[str, Any]]:
    status, _, body = _call(app, "GET", "/__sim/journal")
    assert status == 200
    entries: list[dict[str, Any]] = json.loads(body)["entries"]
    return entries


@pytest.fixture
def twins() -> Iterator[Twins]:
    made = Twins()
    yield made
    made.journals_match()


def envelope(operation: str, inner: str = "", creds: dict[str, str] | None = None, *,
             prefix: str = "", around: str = "") -> bytes:  # fmt: skip
    given = "".join(f"<dc:{k}>{v}</dc:{k}>" for k, v in (creds or {}).items())
    return (
        f'{prefix}<soap:Envelope xmlns:soap="{SOAP_ENV}" xmlns:dc="{TNS}">{around}<soap:Body>'
        f"<dc:{operation}><dc:credentials>{given}</dc:credentials>{inner}</dc:{operation}>"
        f"</soap:Body></soap:Envelope>"
    ).encode()


def shipment(order_id: str, extra: str = "") -> str:
    return (
        f"<dc:shipment><dc:orderId>{order_id}</dc:orderId>"
        f"<dc:trackingNumber>1Z{order_id}</dc:trackingNumber>{extra}</dc:shipment>"
    )


def _queued(twins: Twins) -> list[str]:
    """The DC's queue (a new body each time: the reply cache never answers)."""
    twins.fetches += 1
    fetch = envelope("getOrders", creds=twins.creds) + f"<!-- {twins.fetches} -->".encode()
    status, _, body = twins.post(fetch, "getOrders", thin=True)
    assert status == 200
    return [m.decode() for m in re.findall(rb"<tns:order_id>([^<]+)<", body)]


def test_fetch_acknowledge_and_ship_answer_the_same(twins):
    twins.admin("POST", "/orders", {"generate": 5})
    ids = _queued(twins)
    assert len(ids) >= 5
    creds = twins.creds
    ack = "".join(f"<dc:orderId>{i}</dc:orderId>" for i in ids[:2])
    twins.post(envelope("acknowledgeOrders", ack, creds), "acknowledgeOrders", thin=True)
    twins.post(envelope("acknowledgeOrders", ack, creds), "acknowledgeOrders", thin=True)
    costs = "<dc:carrier>UPS</dc:carrier><dc:shippingCost>12.50</dc:shippingCost>"
    costs += "<dc:fulfillmentFee>1</dc:fulfillmentFee><dc:packageCost>0.333</dc:packageCost>"
    twins.post(envelope("postShipments", shipment(ids[2], costs), creds), "postShipments",
               thin=True)  # fmt: skip
    both = shipment(ids[3]) + shipment(ids[4], "<dc:carrier>FedEx &amp; co</dc:carrier>")
    twins.post(envelope("postShipments", both, creds), "postShipments", thin=True)
    assert set(_queued(twins)) == set(ids[5:])
    twins.admin("PATCH", f"/orders/{ids[0]}", {"merchant_notes": "<b>fragile</b> & \r\n"})
    twins.admin("POST", "/clock", {"timezone": "Europe/Paris"})
    _queued(twins)


def test_an_empty_queue_and_a_full_page_answer_the_same(twins):
    twins.admin("POST", "/reset", {"seed": 3, "state": "empty"})
    assert _queued(twins) == []
    twins.admin("POST", "/reset", {"seed": 3, "state": "queued_orders", "params": {"count": 130}})
    assert len(_queued(twins)) == 100


def test_refusals_by_the_service_are_the_channels_faults(twins):
    creds = twins.creds
    status, _, body = twins.post(
        envelope("postShipments", shipment("NOPE-1"), creds), "postShipments", thin=True
    )
    assert status == 500 and b"dcFault" in body
    too_many = "".join(f"<dc:orderId>X-{n}</dc:orderId>" for n in range(101))
    twins.post(envelope("acknowledgeOrders", too_many, creds), "acknowledgeOrders", thin=True)
    ids = _queued(twins)
    twice = shipment(ids[0]) + shipment(ids[0])
    twins.post(envelope("postShipments", twice, creds), "postShipments", thin=True)


@pytest.mark.parametrize(
    "inner",
    [
        "<dc:junk>1</dc:junk>",  # an element the type does not have
        shipment("A-1", "<dc:shippingCost>abc</dc:shippingCost>"),  # not a decimal
        "<dc:shipment><dc:trackingNumber>1</dc:trackingNumber></dc:shipment>",  # no orderId
        "",  # no shipment at all
        shipment("A-1", f"<dc:carrier xmlns:xsi='{XSI}' xsi:nil='true'/>"),  # nil, not allowed
        shipment("A-1", "<dc:shippingCost>1e400</dc:shippingCost>"),
    ],
)
def test_schema_refusals_are_left_to_spyne(twins, inner):
    status, _, body = twins.post(
        envelope("postShipments", inner, twins.creds), "postShipments", thin=False
    )
    assert status == 500 and b"Client.InvalidRequest" in body


def test_whitespace_cdata_and_comments_outside_the_operation_take_the_thin_path(twins):
    creds = twins.creds
    pretty = envelope("getOrders", "\n  ", {k: f"{v}" for k, v in creds.items()})
    pretty = pretty.replace(b"><", b">\n    <")
    twins.post(pretty, "getOrders", thin=True)
    ids = _queued(twins)
    cdata = shipment(ids[0], "<dc:carrier><![CDATA[UPS <ground>]]></dc:carrier>")
    twins.post(envelope("postShipments", cdata, creds), "postShipments", thin=True)
    commented = envelope("getOrders", creds=creds, prefix="<!-- before -->",
                         around="<!-- a --><?pi x?>") + b"<!-- after -->"  # fmt: skip
    twins.post(commented, "getOrders", thin=True)
    declared = b'<?xml version="1.0" encoding="UTF-8"?>\n' + envelope("getOrders", creds=creds)
    twins.post(declared, "getOrders", thin=True)
    header = envelope("getOrders", creds=creds).replace(
        b"<soap:Body>", b"<soap:Header><dc:trace>1</dc:trace></soap:Header><soap:Body>"
    )
    twins.post(header, "getOrders", thin=True)
    blank = shipment(ids[1], "<dc:carrier>   </dc:carrier>")
    twins.post(envelope("postShipments", blank, creds), "postShipments", thin=True)


def test_the_compiled_reader_answers_what_spyne_answers(twins):
    """Calls whose input the compiled reader reads (``soap_reader.py``), and valid ones it
    leaves to Spyne's deserialiser; the replies and journals are the same either way."""
    creds = twins.creds
    ids = _queued(twins)
    costs = "<dc:carrier/><dc:shippingCost>+0012.50</dc:shippingCost>"
    costs += "<dc:fulfillmentFee>-0.0</dc:fulfillmentFee><dc:packageCost>.5</dc:packageCost>"
    many = shipment(ids[0], costs) + shipment(ids[1]).replace(
        "</dc:shipment>", "<dc:trackingNumber>2</dc:trackingNumber></dc:shipment>"
    )
    pretty = envelope("postShipments", many, creds).replace(b"><", b">\n  <")
    ack = "".join(f"<dc:orderId>{i}</dc:orderId>" for i in [*ids[2:4], ids[2]])
    calls = [(pretty, "postShipments"), (envelope("acknowledgeOrders", ack, creds),
             "acknowledgeOrders"), (envelope("getOrders", creds=creds), "getOrders")]  # fmt: skip
    for body, action in calls:
        twins.reads.clear()
        reply = twins.post(body, action, thin=True)
        assert reply[0] == 200, reply[2]
        assert twins.reads == [True]
    # valid, but in a form the reader leaves to Spyne: a decimal with spaces around it
    padded = shipment(ids[4], "<dc:shippingCost> 3.25\n</dc:shippingCost>")
    twins.reads.clear()
    status, _, body = twins.post(envelope("postShipments", padded, creds), "postShipments",
                                 thin=True)  # fmt: skip
    assert status == 200 and twins.reads == [False]
    _queued(twins)


def test_what_spyne_reads_otherwise_is_left_to_spyne(twins):
    creds = twins.creds
    ids = _queued(twins)
    # a comment or a processing instruction inside the operation: Spyne drops it, and joins
    # the text around it
    split = shipment(ids[0]).replace("1Z", "1Z<!-- c -->X")
    twins.post(envelope("postShipments", split, creds), "postShipments", thin=False)
    pi = shipment(ids[1]).replace("1Z", "1Z<?pi x?>Y")
    twins.post(envelope("postShipments", pi, creds), "postShipments", thin=False)
    plain = envelope("getOrders", creds=creds)
    for n, content_type in enumerate(("text/xml; charset=iso-8859-1", "text/xml; charset=utf-16",
                                      None, 'multipart/related; type="text/xml"')):  # fmt: skip
        twins.post(plain + f"<!-- {n} -->".encode(), "getOrders", content_type, thin=False)
    twins.post(b"\xef\xbb\xbf" + plain, "getOrders", thin=False)
    twice = [("content-type", "text/xml"), ("content-type", "text/xml; charset=latin-1"),
             ("soapaction", '"getOrders"')]  # fmt: skip
    twins.post_headers(plain + b"<!-- twice -->", twice, thin=False)  # Spyne reads the last
    latin = b'<?xml version="1.0" encoding="ISO-8859-1"?>' + envelope(
        "postShipments", shipment(ids[2], "<dc:carrier>Poste \xe9</dc:carrier>"), creds
    ).decode().encode("latin-1")
    twins.post(latin, "postShipments", "text/xml", thin=False)
    twins.post(latin, "postShipments", XML, thin=False)
    ided = envelope("getOrders", creds=creds).replace(
        b"<dc:getOrders>", b'<dc:getOrders xml:id="a">'
    )
    twins.post(ided, "getOrders", thin=False)


def test_an_operation_in_another_namespace_is_left_to_spyne(twins):
    other = (
        envelope("getOrders", creds=twins.creds)
        .replace(b"<dc:getOrders>", b'<getOrders xmlns="urn:other">')
        .replace(b"</dc:getOrders>", b"</getOrders>")
    )
    status, _, _ = twins.post(other, "getOrders", thin=False)
    assert status == 500


def test_refusals_before_the_application_are_the_same(twins):
    creds = twins.creds
    twins.post(envelope("getOrders", creds={**creds, "accessKey": "wrong"}), "getOrders",
               thin=None)  # fmt: skip
    twins.post(envelope("getOrders", creds=creds), "postShipments", thin=None)
    twins.post(envelope("nothing", creds=creds), "getOrders", thin=None)
    twins.post(b"<soap:Envelope", "getOrders", thin=None)
    twins.admin("POST", f"/tokens/{creds['accessKey']}/expire")
    twins.post(envelope("getOrders", creds=creds), "getOrders", thin=None)


def test_injected_faults_are_the_same(twins):
    creds = twins.creds
    rules = [
        {"operation": "getOrders", "kind": "soap_fault", "faultcode": "Server.Busy",
         "message": "DC busy", "times": 1},
        {"operation": "postShipments", "status": 503, "times": 1},
    ]  # fmt: skip
    for rule in rules:
        twins.admin("POST", "/faults", rule)
    twins.post(envelope("getOrders", creds=creds), "getOrders", thin=None)
    ids = _queued(twins)
    twins.post(envelope("postShipments", shipment(ids[0]), creds), "postShipments", thin=None)
    twins.post(envelope("postShipments", shipment(ids[0]), creds), "postShipments", thin=True)


def test_the_content_type_rule_doubts_rather_than_guesses():
    assert plain_content_type("text/xml")
    assert plain_content_type("text/xml; charset=utf-8")
    assert plain_content_type('text/xml; Charset="UTF-8"')
    assert not plain_content_type("text/xml; charset=latin-1")
    assert not plain_content_type('text/xml; a="x;charset=utf-8"')
    assert not plain_content_type("multipart/related; charset=utf-8")


def test_a_call_leaves_nothing_for_the_cyclic_garbage_collector():
    """Spyne's contexts point at each other; left so, every call would leave ~80 objects for
    the cyclic collector, whose passes under load paused every channel for 30-100 ms. What
    is left is Spyne's: its event manager builds an empty ordered set (a list pointing at
    itself) for each of the ~10 events of a call."""
    twins = Twins()
    app, creds = twins.thin, twins.creds
    twins.admin("POST", "/orders", {"generate": 3})
    calls = [envelope("getOrders", creds=creds) + f"<!-- {n} -->".encode() for n in range(40)]
    headers = [("content-type", XML), ("soapaction", '"getOrders"')]
    _call(app, "POST", "/", calls[0], headers)  # first use: whatever is built once
    gc.collect()
    gc.disable()
    try:
        for body in calls[1:]:
            assert _call(app, "POST", "/", body, headers)[0] == 200
        left = gc.collect()
    finally:
        gc.enable()
    assert left <= 12 * len(calls), f"{left} objects in cycles after {len(calls) - 1} calls"

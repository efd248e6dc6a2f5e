"""``getOrders`` splices each order's written form into Spyne's envelope: the reply is the one
the plain serialiser (lxml, element by element) gives for the same orders, byte for byte, and
stays so after the orders or the server timezone change. A reply of one count is Spyne's own,
written once and reused."""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from datetime import UTC, datetime
from types import SimpleNamespace
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree

from simulators.channels.ultracart import service
from simulators.channels.ultracart.backend import UltraCartBackend
from simulators.channels.ultracart.direct_xml import _write
from simulators.channels.ultracart.order_text import order_text
from simulators.channels.ultracart.orders import Address, Item, Order
from simulators.channels.ultracart.service import DcOrder, dc_order, wsgi_application
from simulators.core.clock import Clock
from simulators.core.context import SimContext
from simulators.core.protocols.soap import call_wsgi
from simulators.core.registry import channel_entry
from simulators.core.wire_forms import WireForms
from simulators.core.wsgi import environ_of
from tests.ultracart.conftest import SOAP_ENV, T0, TNS, envelope_schema

_distinct = itertools.count()


def _backend(uc) -> UltraCartBackend:
    backend = uc.running.ctx.backend
    assert isinstance(backend, UltraCartBackend)
    return backend


def _get_orders(uc) -> bytes:
    # a distinct comment after the envelope: the shell's reply cache never answers
    body = uc.envelope("getOrders") + f"<!-- {next(_distinct)} -->".encode()
    answer = uc.post(body, "getOrders")
    assert answer.status_code == 200, answer.text
    content: bytes = answer.content
    return content


def _plain(uc) -> bytes:
    """``getOrders`` with every order written by the plain serialiser (no form written)."""
    backend = _backend(uc)
    forms = backend.forms
    backend.forms = WireForms(
        lambda item: (item[0].order_id, item[1]),
        lambda item: item,
        lambda _: None,  # nothing written ahead: lxml writes each order built for Spyne
    )
    try:
        return _get_orders(uc)
    finally:
        backend.forms = forms


def _c14n(xml: bytes) -> bytes:
    return etree.tostring(etree.fromstring(xml), method="c14n")


def _assert_spliced_is_plain(uc) -> bytes:
    spliced, again = _get_orders(uc), _get_orders(uc)  # written, then taken from the cache
    plain = _plain(uc)
    assert _c14n(spliced) == _c14n(plain)
    assert spliced == plain == again
    envelope_schema().assertValid(etree.fromstring(spliced))
    return spliced


def _order_ids(xml: bytes) -> list[str]:
    found = etree.fromstring(xml).findall(f".//{{{TNS}}}order/{{{TNS}}}order_id")
    return [node.text or "" for node in found]


def test_spliced_orders_are_what_the_plain_serialiser_writes(uc):
    uc.reset("demo")
    uc.place(
        {"order_id": "DEMO-900", "merchant_notes": "a & b <c> d\r\n\u00e9\u20ac\U0001f600 ]]>",
         "special_instructions": "", "gift": True, "gift_message": "\"Happy\" 'day'",
         "coupon_code": "SAVE&10"},
        {"order_id": "DEMO-901", "ship_to": None},
    )  # fmt: skip
    xml = _assert_spliced_is_plain(uc)
    assert len(_order_ids(xml)) == 12


def test_an_empty_queue_is_an_empty_response(uc):
    assert _assert_spliced_is_plain(uc).count(b"getOrdersResponse") == 1


def test_after_acknowledge_requeue_and_back_office_edits(uc):
    uc.reset("queued_orders", count=5)
    first = _order_ids(_assert_spliced_is_plain(uc))
    uc.call("acknowledgeOrders", f"<dc:orderId>{first[0]}</dc:orderId>")
    assert _order_ids(_assert_spliced_is_plain(uc)) == first[1:]
    assert uc.admin("PATCH", f"/orders/{first[0]}", {"requeue": True}).status_code == 200
    assert _order_ids(_assert_spliced_is_plain(uc)) == first
    edit = {"merchant_notes": "call <first> & wait", "ship_to": {"city": "Leeds"},
            "subtotal_discount": "1.50", "special_instructions": "side door"}  # fmt: skip
    assert uc.admin("PATCH", f"/orders/{first[1]}", edit).status_code == 200
    xml = _assert_spliced_is_plain(uc)
    assert b"call &lt;first&gt; &amp; wait" in xml
    assert b"<tns:ship_to_city>Leeds</tns:ship_to_city>" in xml


def test_after_a_timezone_change(uc):
    uc.place({"order_id": "DEMO-1", "order_date": "2026-03-10T23:30:00Z"})
    assert b"10 MAR 2026 23:30:00" in _assert_spliced_is_plain(uc)
    assert uc.admin("POST", "/clock", {"timezone": "America/Los_Angeles"}).status_code == 200
    xml = _assert_spliced_is_plain(uc)
    assert b"10 MAR 2026 16:30:00" in xml
    assert b"23:30:00" not in xml


def test_an_order_of_two_distribution_centers_is_written_for_each(uc):
    uc.reset("demo")
    _backend(uc).add_center("EAST", "east-key")  # no control-plane call configures a DC
    assert uc.admin("POST", "/tokens", {"token": "east-key", "label": "EAST"}).ok
    both = _assert_spliced_is_plain(uc)
    east = uc.envelope("getOrders", access_key="east-key", distribution_center_code="EAST")
    answer = uc.post(east, "getOrders")
    (order,) = etree.fromstring(answer.content).iter(f"{{{TNS}}}order")
    shared = order.findtext(f"{{{TNS}}}order_id")
    assert shared in _order_ids(both)
    assert [
        i.findtext(f"{{{TNS}}}distribution_center_code") for i in order.iter(f"{{{TNS}}}item")
    ] == ["EAST"]
    assert _get_orders(uc) == both


def test_text_no_reply_could_carry_is_refused_by_the_control_plane(uc):
    queued = _get_orders(uc)
    refused = uc.admin(
        "POST", "/orders",
        {"orders": [{"order_id": "DEMO-1"}, {"order_id": "DEMO-2", "merchant_notes": "bell\x07"}]},
    )  # fmt: skip
    assert refused.status_code == 400
    assert "merchant_notes" in refused.text and "cannot be written in XML" in refused.text
    assert _get_orders(uc) == queued  # nothing stored: the first order was refused with it


def _lxml_written(value: Any) -> bytes | None:
    """``value`` (an order built for Spyne) as lxml writes it inside a reply declaring
    ``tns``; None when lxml refuses it."""
    parent = etree.Element("{urn:x}r", nsmap={"tns": TNS})
    try:
        _write(DcOrder, value, etree.SubElement(parent, f"{{{TNS}}}order"))
    except ValueError:
        return None
    written = etree.tostring(parent, encoding="UTF-8")
    start = written.index(b"<tns:order>")
    return written[start : written.rindex(b"</tns:order>") + len(b"</tns:order>")]


def _as_lxml_writes_it(order: Order, dc: str, zone: Any) -> tuple[bytes | None, bytes | None]:
    """The order written as text, and as lxml writes it built for Spyne (the plain path)."""
    sim = SimpleNamespace(clock=SimpleNamespace(to_local=lambda at: at.astimezone(zone)))
    return order_text(order, dc, sim.clock.to_local), _lxml_written(dc_order(order, dc, sim))


#: Text XML can carry (text it cannot is the next test's): markup, carriage returns, non-ASCII.
_TEXT = st.one_of(
    st.text(
        st.characters(codec="utf-8").filter(
            lambda c: c in "\t\n\r" or (c >= " " and c not in "\ufffe\uffff")
        ),
        max_size=8,
    ),
    st.lists(st.sampled_from(["a", "&", "<", ">", "\r", "\n", "\t", "é", " ", "]]>"])).map("".join),
)
_AMOUNT = st.decimals(min_value=-10, max_value=10**5, places=3)
_WHEN = st.datetimes(
    min_value=datetime(2001, 1, 1), max_value=datetime(2098, 1, 1), timezones=st.just(UTC)
)
_ADDRESS = st.builds(Address, *[_TEXT] * 9)
_ITEM = st.builds(
    Item,
    item_id=_TEXT,
    item_index=st.integers(0, 99),
    quantity=st.integers(0, 999),
    description=_TEXT,
    cost=_AMOUNT,
    discount=_AMOUNT,
    weight_lb=st.decimals(min_value=0, max_value=99, places=2),
    distribution_center_code=st.sampled_from(["DFLT", "EAST"]),
    barcode=_TEXT,
    manufacturer_sku=_TEXT,
    options=st.lists(st.tuples(_TEXT, _TEXT), max_size=2).map(tuple),
)
_ORDER = st.builds(
    Order,
    order_id=_TEXT,
    merchant_id=_TEXT,
    current_stage=st.sampled_from(["SD", "AR", "CO"]),
    order_date=_WHEN,
    payment_date=st.none() | _WHEN,
    bill_to=_ADDRESS,
    ship_to=st.none() | _ADDRESS,
    email=_TEXT,
    day_phone=_TEXT,
    evening_phone=_TEXT,
    shipping_method=_TEXT,
    payment_method=_TEXT,
    currency_code=_TEXT,
    items=st.lists(_ITEM, max_size=3),
    shipping_handling_total=_AMOUNT,
    tax=_AMOUNT,
    subtotal_discount=_AMOUNT,
    coupon_code=_TEXT,
    gift=st.booleans(),
    gift_message=_TEXT,
    special_instructions=_TEXT,
    merchant_notes=_TEXT,
)
_ZONES = st.sampled_from([UTC, ZoneInfo("America/Chicago"), ZoneInfo("Asia/Kolkata")])


@settings(max_examples=400, deadline=None)
@given(order=_ORDER, dc=st.sampled_from(["DFLT", "EAST"]), zone=_ZONES)
def test_an_order_is_written_as_lxml_writes_it_built_for_spyne(order, dc, zone):
    written, reference = _as_lxml_writes_it(order, dc, zone)
    assert written is not None
    assert written == reference


@pytest.mark.parametrize(
    "value", ["plain", "", "a&b", "<x>", "\r\n\t", "\u00e9\U0001f600", "\x00", "\x1f", "\ufffe",
              "\ud800", "\x7f\x85"],
)  # fmt: skip
def test_text_lxml_refuses_is_left_to_lxml(value, uc):
    uc.place({"order_id": "DEMO-1"})
    order = _backend(uc).orders["DEMO-1"]
    order.merchant_notes = value
    written, reference = _as_lxml_writes_it(order, order.items[0].distribution_center_code, UTC)
    assert written == reference
    assert (written is None) == any(c in value for c in "\x00\x1f\ufffe\ud800")


@pytest.fixture
def writes(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """The order ids whose ``<order>`` element is written ahead, as they are written."""
    written: list[str] = []

    def counting(order: Order, dc: str, to_local: Any) -> bytes | None:
        written.append(order.order_id)
        return order_text(order, dc, to_local)

    monkeypatch.setattr(service, "order_text", counting)
    yield written


def test_an_order_is_written_once_per_change_and_per_timezone(uc, writes):
    uc.place({"order_id": "DEMO-1"}, {"order_id": "DEMO-2"}, {"order_id": "DEMO-3"})
    _get_orders(uc)
    _get_orders(uc)
    assert sorted(writes) == ["DEMO-1", "DEMO-2", "DEMO-3"]
    shipment = "<dc:shipment><dc:orderId>DEMO-1</dc:orderId><dc:trackingNumber>1Z1"
    assert uc.call("postShipments", shipment + "</dc:trackingNumber></dc:shipment>").ok
    assert uc.admin("PATCH", "/orders/DEMO-2", {"merchant_notes": "n"}).status_code == 200
    writes.clear()
    assert _order_ids(_get_orders(uc)) == ["DEMO-2", "DEMO-3"]
    assert writes == ["DEMO-2"]
    assert uc.admin("POST", "/clock", {"timezone": "Europe/Paris"}).status_code == 200
    writes.clear()
    _get_orders(uc)
    assert writes == ["DEMO-2", "DEMO-3"]


def _wsgi_call(app: Any, body: bytes, action: str = "getOrders") -> bytes:
    scope = {"method": "POST", "path": "/", "query_string": b"", "headers": [
        (b"content-type", b"text/xml; charset=utf-8"), (b"soapaction", f'"{action}"'.encode()),
        (b"host", b"127.0.0.1:9")]}  # fmt: skip
    reply = call_wsgi(app, environ_of(scope, body))
    assert reply.status == 200, reply.body
    return reply.body


def _envelope(operation: str, inner: str) -> bytes:
    return (
        f'<soap:Envelope xmlns:soap="{SOAP_ENV}" xmlns:dc="{TNS}"><soap:Body><dc:{operation}>'
        "<dc:credentials><dc:merchantId>DEMO</dc:merchantId><dc:accessKey>k</dc:accessKey>"
        "<dc:distributionCenterCode>DFLT</dc:distributionCenterCode></dc:credentials>"
        f"{inner}</dc:{operation}></soap:Body></soap:Envelope>"
    ).encode()


def test_a_count_reply_is_written_by_spyne_once_then_reused():
    sim = SimContext(channel_entry("ultracart"), clock=Clock(T0, frozen=True), state="demo")
    backend = sim.backend
    assert isinstance(backend, UltraCartBackend)
    app = wsgi_application(sim)
    ids = [o.order_id for o in backend.fetch("DFLT")]
    ship = "<dc:shipment><dc:orderId>{}</dc:orderId><dc:trackingNumber>1Z</dc:trackingNumber>"
    written, reused = (
        _wsgi_call(app, _envelope("postShipments", ship.format(i) + "</dc:shipment>"),
                   "postShipments")
        for i in ids[:2]
    )  # fmt: skip
    assert written == reused
    assert etree.fromstring(reused).findtext(f".//{{{TNS}}}accepted") == "1"
    assert [backend.orders[i].current_stage for i in ids[:2]] == ["CO", "CO"]
    acks = [
        _wsgi_call(app, _envelope("acknowledgeOrders", ids_xml), "acknowledgeOrders")
        for ids_xml in (f"<dc:orderId>{ids[2]}</dc:orderId><dc:orderId>{ids[3]}</dc:orderId>",
                        f"<dc:orderId>{ids[4]}</dc:orderId>")
    ]  # fmt: skip
    counts = [etree.fromstring(a).findtext(f".//{{{TNS}}}acknowledged") for a in acks]
    assert counts == ["2", "1"]
    fresh = wsgi_application(sim)  # a new application writes the same reply itself
    again = _envelope("acknowledgeOrders", f"<dc:orderId>{ids[5]}</dc:orderId>")
    assert _wsgi_call(fresh, again, "acknowledgeOrders") == acks[1]


def test_a_fetch_envelope_is_written_by_spyne_once_then_reused():
    sim = SimContext(channel_entry("ultracart"), clock=Clock(T0, frozen=True), state="demo")
    backend = sim.backend
    assert isinstance(backend, UltraCartBackend)
    app = wsgi_application(sim)
    fetch = _envelope("getOrders", "")
    first = _wsgi_call(app, fetch)  # Spyne writes the envelope, which is kept
    ids = [o.order_id for o in backend.fetch("DFLT")]
    ack = _envelope("acknowledgeOrders", f"<dc:orderId>{ids[0]}</dc:orderId>")
    _wsgi_call(app, ack, "acknowledgeOrders")
    reused = _wsgi_call(app, fetch)  # the kept envelope around the remaining orders
    assert _order_ids_of(first)[1:] == _order_ids_of(reused) == ids[1:]
    assert _wsgi_call(wsgi_application(sim), fetch) == reused  # a new application writes it
    for order_id in ids[1:]:
        _wsgi_call(app, _envelope("acknowledgeOrders", f"<dc:orderId>{order_id}</dc:orderId>"),
                   "acknowledgeOrders")  # fmt: skip
    assert _wsgi_call(app, fetch) == _wsgi_call(wsgi_application(sim), fetch)  # empty


def _order_ids_of(xml: bytes) -> list[str]:
    return [node.text or "" for node in etree.fromstring(xml).iter(f"{{{TNS}}}order_id")]

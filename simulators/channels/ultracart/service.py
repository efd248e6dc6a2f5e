"""The distribution-center transport service, written with Spyne (imported only from here).

Spyne generates the WSDL it serves at ``?wsdl`` from these classes; ``specs/ultracart/``
holds the committed WSDL and XSD, and a test checks the two describe the same operations and
types. The service methods read their arguments, call one backend method, and shape the answer.
A refusal raised by the backend (a ``ChannelError``) is handed to the SOAP protocol through
the WSGI environ and rendered as the channel's fault (``errors.py``), so every fault has one
shape whoever raised it.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from decimal import Decimal
from functools import partial
from types import SimpleNamespace
from typing import TYPE_CHECKING, Any

from spyne import Application, ComplexModel, Fault, Integer, Service, Unicode, const, rpc
from spyne import Decimal as XsDecimal
from spyne.protocol.soap import Soap11
from spyne.server.wsgi import WsgiApplication

from simulators.channels.ultracart import errors
from simulators.channels.ultracart.backend import ShipmentInput, UltraCartBackend
from simulators.channels.ultracart.direct_xml import DirectXml, Prewritten
from simulators.channels.ultracart.order_text import ELEMENT, PREFIX, order_text
from simulators.channels.ultracart.orders import Address, Item, Order
from simulators.channels.ultracart.simple_replies import SimpleReplies
from simulators.channels.ultracart.spliced_replies import SplicedReplies
from simulators.channels.ultracart.wire import cents, legacy_date, weight
from simulators.core.errors import ChannelError
from simulators.core.protocols.soap import ERROR_KEY
from simulators.core.wire_forms import WireForms

if TYPE_CHECKING:
    from simulators.core.channel import SimServices

TNS = errors.TNS
# A refusal is the simulator's job, not an error to log with a traceback.
logging.getLogger("spyne.application.client").setLevel(logging.CRITICAL)
# Spyne runs a full gc.collect() at the end of a request once a second, so that the files of a
# request are closed promptly; no request here opens a file, and with 10,000 orders in memory
# a full collection takes tens of milliseconds inside one unlucky request.
const.MIN_GC_INTERVAL = float("inf")
_DATE = r"\d{2} [A-Z]{3} \d{4} \d{2}:\d{2}:\d{2}"
_Text = Unicode(min_occurs=1, nillable=False)
_Money = XsDecimal(min_occurs=1, nillable=False, fraction_digits=2)


class Credentials(ComplexModel):  # type: ignore[misc]
    """The DC's SOAP transmission settings, sent with every call."""

    __namespace__ = TNS
    _type_info = (
        ("merchantId", _Text),
        ("accessKey", _Text),
        ("distributionCenterCode", _Text),
    )


class ItemOption(ComplexModel):  # type: ignore[misc]
    """An option of an item (``Colour: Midnight``)."""

    __namespace__ = TNS
    _type_info = (("name", _Text), ("value", _Text))


class OrderItem(ComplexModel):  # type: ignore[misc]
    """One item of this distribution center (legacy ``<item>``)."""

    __namespace__ = TNS
    __type_name__ = "Item"
    _type_info = (
        ("item_id", _Text),
        ("item_index", Integer(min_occurs=1, nillable=False)),
        ("quantity", Integer(min_occurs=1, nillable=False)),
        ("description", _Text),
        ("cost", _Money),
        ("discount", _Money),
        ("item_weight", Unicode(min_occurs=1, nillable=False, pattern=r"\d+(\.\d+)? LB")),
        ("distribution_center_code", _Text),
        ("barcode", Unicode(min_occurs=0, nillable=False)),
        ("manufacturer_sku", Unicode(min_occurs=0, nillable=False)),
        ("option", ItemOption.customize(min_occurs=0, max_occurs="unbounded", nillable=False)),
    )


def _addr(prefix: str) -> list[tuple[str, Any]]:
    names = ("company", "first_name", "last_name", "address1", "address2", "city", "state",
             "zip", "country")  # fmt: skip
    return [(f"{prefix}_{n}", Unicode(min_occurs=1, nillable=False)) for n in names]


class DcOrder(ComplexModel):  # type: ignore[misc]
    """An order as the distribution center sees it (legacy ``<order>``, this DC's items)."""

    __namespace__ = TNS
    __type_name__ = "Order"
    _type_info = (
        ("merchant_id", _Text),
        ("order_id", Unicode(min_occurs=1, nillable=False, pattern=r"[A-Z0-9]+-\d+")),
        ("order_date", Unicode(min_occurs=1, nillable=False, pattern=_DATE)),
        ("current_stage", _Text),
        ("payment_status", _Text),
        ("payment_date_time", Unicode(min_occurs=0, nillable=False, pattern=_DATE)),
        *_addr("bill_to"),
        *_addr("ship_to"),
        ("shipping_method", _Text),
        ("gift", Unicode(min_occurs=1, nillable=False, values=["yes", "no"])),
        ("gift_message", Unicode(min_occurs=0, nillable=False)),
        ("email", _Text),
        ("day_phone", Unicode(min_occurs=1, nillable=False)),
        ("evening_phone", Unicode(min_occurs=1, nillable=False)),
        ("payment_method", _Text),
        ("item", OrderItem.customize(min_occurs=1, max_occurs="unbounded", nillable=False)),
        ("weight", Unicode(min_occurs=1, nillable=False, pattern=r"\d+(\.\d+)? LB")),
        ("subtotal", _Money),
        ("subtotal_discount", _Money),
        ("coupon_code", Unicode(min_occurs=0, nillable=False)),
        ("tax", _Money),
        ("shipping_handling_total", _Money),
        ("total", _Money),
        ("currency_code", _Text),
        ("special_instructions", Unicode(min_occurs=1, nillable=False)),
        ("merchant_notes", Unicode(min_occurs=1, nillable=False)),
    )


class DcShipment(ComplexModel):  # type: ignore[misc]
    """A shipment posted back (the REST v2 successor's fields, plus the carrier)."""

    __namespace__ = TNS
    __type_name__ = "Shipment"
    _type_info = (
        ("orderId", _Text),
        ("trackingNumber", Unicode(min_occurs=1, max_occurs="unbounded", nillable=False)),
        ("carrier", Unicode(min_occurs=0, nillable=False)),
        ("shippingCost", XsDecimal(min_occurs=0, nillable=False)),
        ("fulfillmentFee", XsDecimal(min_occurs=0, nillable=False)),
        ("packageCost", XsDecimal(min_occurs=0, nillable=False)),
    )


def _address(prefix: str, address: Address | None) -> dict[str, str]:
    fields = ("company", "first_name", "last_name", "address1", "address2", "city", "state",
              "zip", "country")  # fmt: skip
    return {f"{prefix}_{k}": (getattr(address, k) if address else "") or "" for k in fields}


def _item(item: Item) -> SimpleNamespace:
    return SimpleNamespace(
        item_id=item.item_id,
        item_index=item.item_index,
        quantity=item.quantity,
        description=item.description,
        cost=cents(item.cost),
        discount=cents(item.discount),
        item_weight=weight(item.weight_lb),
        distribution_center_code=item.distribution_center_code,
        barcode=item.barcode,
        manufacturer_sku=item.manufacturer_sku,
        option=[SimpleNamespace(name=n, value=v) for n, v in item.options],
    )


def dc_order(order: Order, dc: str, sim: SimServices) -> SimpleNamespace:
    """The order as ``dc`` receives it (the members of the ``Order`` type): only its items;
    dates in the server's timezone.

    Plain objects rather than ``DcOrder`` instances: Spyne's model constructor costs about
    1 ms per order, and serialisation only reads the type's declared members.
    """
    local = sim.clock.to_local
    items = order.items_of(dc)
    paid = order.payment_date
    return SimpleNamespace(
        merchant_id=order.merchant_id,
        order_id=order.order_id,
        order_date=legacy_date(local(order.order_date)),
        current_stage=order.current_stage,
        payment_status="Processed",
        payment_date_time=legacy_date(local(paid)) if paid else None,
        **_address("bill_to", order.bill_to),
        **_address("ship_to", order.ship_to),
        shipping_method=order.shipping_method,
        gift="yes" if order.gift else "no",
        gift_message=order.gift_message or None,
        email=order.email,
        day_phone=order.day_phone,
        evening_phone=order.evening_phone,
        payment_method=order.payment_method,
        item=[_item(i) for i in items],
        weight=weight(sum((i.weight_lb * i.quantity for i in items), Decimal(0))),
        subtotal=cents(order.subtotal()),
        subtotal_discount=cents(order.subtotal_discount),
        coupon_code=order.coupon_code or None,
        tax=cents(order.tax),
        shipping_handling_total=cents(order.shipping_handling_total),
        total=cents(order.total()),
        currency_code=order.currency_code,
        special_instructions=order.special_instructions,
        merchant_notes=order.merchant_notes,
    )


#: The element ``getOrders`` answers each order as (Spyne's prefix for the target namespace).
_ORDER_PREFIX, _ORDER_ELEMENT = PREFIX, ELEMENT
#: An order as one distribution center receives it (only its items).
DcItem = tuple[Order, str]


def order_forms(
    backend: UltraCartBackend, sim: SimServices
) -> WireForms[DcItem, DcItem, bytes | None]:
    """The backend's per-order cache of each order's ``<order>`` element as a DC receives it,
    written in the server's timezone; given to the backend the first time its queue is served
    (the backend forgets a changed order's forms: ``UltraCartBackend.touch``). An order is
    written straight from the model: there is nothing to build first."""
    if backend.forms is None:
        clock = sim.clock
        backend.forms = WireForms(
            _dc_key,
            _as_it_is,
            lambda item: order_text(item[0], item[1], clock.to_local),
            lambda: clock.timezone,
        )
    return backend.forms


def _plain_order(item: DcItem, sim: SimServices) -> SimpleNamespace:
    """The order for Spyne's serialiser, for lxml to write (and refuse) when its text cannot
    be written."""
    return dc_order(item[0], item[1], sim)


def _dc_key(item: DcItem) -> tuple[str, str]:
    return (item[0].order_id, item[1])


def _as_it_is(item: DcItem) -> DcItem:
    return item


class DcApplication(Application):  # type: ignore[misc]
    """Spyne's application for one simulator: it holds that simulator's services."""

    def __init__(self, sim: SimServices) -> None:
        super().__init__(
            [DistributionCenterTransport],
            tns=TNS,
            name="DistributionCenterTransport",
            in_protocol=Soap11(validator="lxml"),
            out_protocol=Soap11(),
        )
        self.sim = sim
        SplicedReplies().install(self)
        SimpleReplies().install(self)

    def call_wrapper(self, ctx: Any) -> Any:
        """Spyne's application-wide exception hook: a channel refusal goes to the bridge."""
        try:
            return super().call_wrapper(ctx)
        except ChannelError as error:
            ctx.transport.req_env[ERROR_KEY] = error
            raise Fault(faultcode=error.code, faultstring=error.message) from None


def _backend(ctx: Any) -> tuple[UltraCartBackend, SimServices]:
    sim: SimServices = ctx.app.sim
    backend = sim.backend
    assert isinstance(backend, UltraCartBackend)
    return backend, sim


def _money_or_none(value: Decimal | None) -> Decimal | None:
    return None if value is None else Decimal(value)


class DistributionCenterTransport(Service):  # type: ignore[misc]
    """Fetch the DC's queued orders, acknowledge them, post shipments back."""

    @rpc(  # type: ignore[untyped-decorator]
        Credentials.customize(min_occurs=1, nillable=False),
        _returns=DcOrder.customize(max_occurs=100, nillable=False, prot=DirectXml()),
        _out_variable_name=_ORDER_ELEMENT,
    )
    def getOrders(ctx: Any, credentials: Credentials) -> list[Prewritten]:
        """The DC's queued orders, oldest first, at most 100, no paging: each written once
        for this DC and timezone until it changes, all of them spliced in as one run."""
        backend, sim = _backend(ctx)
        dc = credentials.distributionCenterCode
        items = [(order, dc) for order in backend.fetch(dc)]
        if not items:
            return []
        forms = order_forms(backend, sim)
        plain = partial(_plain_order, sim=sim)
        return [Prewritten(forms, items, prefix=_ORDER_PREFIX, name=_ORDER_ELEMENT, plain=plain)]

    @rpc(  # type: ignore[untyped-decorator]
        Credentials.customize(min_occurs=1, nillable=False),
        Unicode(min_occurs=1, max_occurs="unbounded", nillable=False),
        _returns=Integer(min_occurs=1, nillable=False),
        _out_variable_name="acknowledged",
    )
    def acknowledgeOrders(
        ctx: Any,
        credentials: Credentials,
        orderId: Sequence[str],
    ) -> int:
        """Mark the orders Imported (at most 100 ids); how many were not already."""
        backend, _ = _backend(ctx)
        return backend.acknowledge(credentials.distributionCenterCode, list(orderId or ()))

    @rpc(  # type: ignore[untyped-decorator]
        Credentials.customize(min_occurs=1, nillable=False),
        DcShipment.customize(min_occurs=1, max_occurs="unbounded", nillable=False),
        _returns=Integer(min_occurs=1, nillable=False),
        _out_variable_name="accepted",
    )
    def postShipments(
        ctx: Any,
        credentials: Credentials,
        shipment: Sequence[DcShipment],
    ) -> int:
        """Record tracking numbers and costs (at most 100 shipments)."""
        backend, _ = _backend(ctx)
        given = [
            ShipmentInput(
                order_id=s.orderId,
                tracking_numbers=tuple(s.trackingNumber or ()),
                carrier=s.carrier or "",
                shipping_cost=_money_or_none(s.shippingCost),
                fulfillment_fee=_money_or_none(s.fulfillmentFee),
                package_cost=_money_or_none(s.packageCost),
            )
            for s in shipment or ()
        ]
        return backend.ship(credentials.distributionCenterCode, given)


def wsgi_application(sim: SimServices) -> WsgiApplication:
    """The service as a WSGI application for one simulator."""
    return WsgiApplication(DcApplication(sim))

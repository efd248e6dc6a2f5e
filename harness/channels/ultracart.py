"""UltraCart as the platform sees it: a zeep client of the distribution-center SOAP service.

The merchant sets a distribution center (DC) to the "Web Service (SOAP)" transmission
mechanism with an access key, and types the Merchant ID, the Access Key and the Distribution
Center Code into the connection form. zeep reads the service's WSDL (``<url>?wsdl``, once per
process and URL), builds each envelope and reads each answer; requests go through the engine's
``Http`` (retries on the engine's clock). Channel quirks:

- the DC queue has no import window and no paging: ``getOrders`` returns at most 100 orders
  not yet marked Imported, the same ones until they are acknowledged. The adapter drains it:
  after the engine has stored a batch (it calls :meth:`acknowledge` per stored order), the
  batch's ids go in one ``acknowledgeOrders`` call, then the next batch is fetched. A failure
  before that call leaves the orders queued: the next import gets them again, and the engine
  updates them instead of duplicating them. An order the engine skipped (no ship-to) is not
  acknowledged: it stays queued until the merchant fixes it;
- every order imports as Awaiting Shipment (UltraCart's other statuses are "Not Supported");
  the order discount goes in Custom Field 3;
- the shipment notification carries the tracking number, the carrier and the carrier fee
  (``shippingCost``); UltraCart completes the order.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator, Mapping
from datetime import datetime
from decimal import Decimal
from types import MappingProxyType
from typing import Any, ClassVar

import requests
import zeep
from lxml import etree
from zeep.exceptions import Error as ZeepError

from harness.channels.base import ChannelAdapter, Fetched, ImportWindow, NotificationPolicy
from harness.channels.http import HttpFailure
from harness.engine.connection import Connection, ConnectionFormError
from harness.engine.errors import ChannelProblem
from harness.engine.model import Address, Discount, Item, Notification, Order

SOAP_ENV = "http://schemas.xmlsoap.org/soap/envelope/"
TNS = "http://www.ultracart.com/schemas/dc-transport/v1"
BATCH = 100
SHIP_OPERATION = "postShipments"
_MONTHS = ("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC")
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False, load_dtd=False)
#: What to fix in the connection form, per credential field the service refused.
_FIELD_ADVICE = MappingProxyType(
    {
        "merchantId": (
            "merchant_id",
            (
                "UltraCart does not know this Merchant ID — copy it from the UltraCart account "
                "and correct the Merchant ID field of the connection"
            ),
        ),
        "distributionCenterCode": (
            "distribution_center_code",
            (
                "UltraCart has no distribution center with this code set to Web Service (SOAP) — "
                "copy the code from Configuration > Checkout > Shipping > Distribution Centers and "
                "correct the Distribution Center Code field of the connection"
            ),
        ),
        "accessKey": (
            "access_key",
            (
                "UltraCart refused the access key — type the distribution center's Access Key "
                "(Transmission Mechanism settings) again in the Access Key field of the connection"
            ),
        ),
    }
)


@functools.lru_cache(maxsize=16)
def _client(wsdl_url: str) -> zeep.Client:
    """The service's WSDL read by zeep (a WSDL is static: read once per process and URL)."""
    settings = zeep.Settings(strict=True, forbid_dtd=True, forbid_entities=True,
                             forbid_external=True, xml_huge_tree=False)  # fmt: skip
    return zeep.Client(wsdl_url, settings=settings)  # type: ignore[no-untyped-call]


def _date(text: str | None, zone: Any) -> datetime | None:
    """``01 JAN 2015 12:00:00`` (zone-less, the store's timezone)."""
    if not text:
        return None
    day, month, year, clock = text.split()
    hour, minute, second = (int(p) for p in clock.split(":"))
    return datetime(int(year), _MONTHS.index(month.upper()) + 1, int(day), hour, minute,
                    second, tzinfo=zone)  # fmt: skip


def _pounds(text: str | None) -> Decimal | None:
    if not text:
        return None
    number, _, unit = text.partition(" ")
    value = Decimal(number)
    return value / 16 if unit.upper() == "OZ" else value


def _address(raw: Any, prefix: str, contact: Mapping[str, str | None]) -> Address | None:
    def get(name: str) -> str | None:
        return getattr(raw, f"{prefix}_{name}", None) or None

    if not (get("address1") or get("city")):
        return None
    return Address(
        name=" ".join(p for p in (get("first_name"), get("last_name")) if p),
        company=get("company"),
        street1=get("address1"),
        street2=get("address2"),
        city=get("city"),
        state=get("state"),
        postal_code=get("zip"),
        country=get("country"),
        phone=contact.get("phone"),
        email=contact.get("email"),
    )


def fault_of(body: str | bytes) -> tuple[str, str, str]:
    """(faultcode without prefix, faultstring, field) of a SOAP fault; empty when none."""
    data = body.encode() if isinstance(body, str) else body
    try:
        root = etree.fromstring(data, _PARSER)
    except etree.XMLSyntaxError:
        return "", "", ""
    fault = root.find(f"{{{SOAP_ENV}}}Body/{{{SOAP_ENV}}}Fault")
    if fault is None:
        return "", "", ""
    code = (fault.findtext("faultcode") or "").split(":")[-1]
    field = fault.findtext(f"detail/{{{TNS}}}dcFault/{{{TNS}}}field") or ""
    return code, (fault.findtext("faultstring") or "").strip(), field


def _xml(body: Any) -> etree._Element | None:
    """A journal entry's XML body (indented text), parsed safely; None when it is not XML."""
    if not isinstance(body, str | bytes) or not body:
        return None
    try:
        return etree.fromstring(body.encode() if isinstance(body, str) else body, _PARSER)
    except etree.XMLSyntaxError:
        return None


def _worth_retrying(response: requests.Response) -> bool:
    """A fault the client caused (``Client.…``) fails the same way every time."""
    return not fault_of(response.content)[0].startswith("Client")


class UltraCartAdapter(ChannelAdapter):
    """UltraCart distribution-center SOAP client (zeep)."""

    name = "ultracart"
    title = "UltraCart"
    credential_fields = ("access_key", "merchant_id", "distribution_center_code")
    secret_field = "access_key"
    #: Tracking number, carrier and carrier fee go in the shipment; the order is completed.
    policy = NotificationPolicy(
        status_update=True,
        tracking_number=True,
        carrier=True,
        service=False,
        carrier_fee=True,
        notes_to_buyer=False,
        item_info=False,
    )
    #: The DC queue holds Shipping Department orders only; all import as Awaiting Shipment.
    default_status_map: ClassVar[Mapping[str, str]] = MappingProxyType({"awaiting_shipment": "SD"})

    @classmethod
    def check_connection(cls, connection: Connection) -> None:
        """Also: the service URL is required, and only Awaiting Shipment can be mapped."""
        super().check_connection(connection)
        if not connection.base_url:
            raise ConnectionFormError("base_url: the UltraCart service URL is required")
        other = sorted(set(connection.status_map or {}) - {"awaiting_shipment"})
        if other:
            raise ConnectionFormError(
                f"status_map.{other[0]}: not supported by UltraCart — every UltraCart order "
                "imports as Awaiting Shipment"
            )
        if connection.options:
            raise ConnectionFormError(
                f"options: unknown option {min(connection.options)!r}; UltraCart takes none"
            )

    def __init__(self, connection: Connection, http: Any) -> None:
        super().__init__(connection, http)
        self._held: list[str] = []

    @property
    def url(self) -> str:
        """The service endpoint (its WSDL is at ``url + "?wsdl"``)."""
        return str(self.connection.base_url)

    # -- SOAP -------------------------------------------------------------------------------
    def _zeep(self, action: str) -> zeep.Client:
        try:
            return _client(self.url + "?wsdl")
        except (ZeepError, requests.RequestException, etree.XMLSyntaxError, OSError) as exc:
            raise ChannelProblem(
                "unavailable",
                f"UltraCart's service description ({self.url}?wsdl) could not be read "
                f"({type(exc).__name__}) — check the URL; the next {action} retries",
            ) from None

    def _invoke(self, action: str, operation: str, **arguments: Any) -> Any:
        client = self._zeep(action)
        credentials = self.connection.credentials
        message = client.create_message(  # type: ignore[no-untyped-call]
            client.service,
            operation,
            credentials={
                "merchantId": credentials["merchant_id"],
                "accessKey": credentials["access_key"],
                "distributionCenterCode": credentials["distribution_center_code"],
            },
            **arguments,
        )
        binding = client.service._binding
        definition = binding.get(operation)

        def read(response: requests.Response) -> Any:
            try:
                return binding.process_reply(client, definition, response)
            except (ZeepError, etree.XMLSyntaxError) as exc:
                raise ValueError(str(exc)) from None

        headers = {"Content-Type": "text/xml; charset=utf-8",
                   "SOAPAction": f'"{definition.soapaction}"'}  # fmt: skip
        # Every operation may be sent again: UltraCart takes an acknowledgement or the same
        # shipment twice without harm, so an unreadable answer is retried like a lost one.
        return self.read(
            action, "POST", self.url, read, data=etree.tostring(message, encoding="utf-8"),
            headers=headers, retry_when=_worth_retrying,
        )  # fmt: skip

    # -- import -----------------------------------------------------------------------------
    def fetch_orders(self, window: ImportWindow) -> Iterator[Fetched]:
        """Drain the queue: fetch ≤100, let the engine store them, acknowledge, repeat."""
        while True:
            batch = self._invoke("import", "getOrders") or []
            self._held = []
            for raw in batch:
                try:
                    order = self.to_order(raw)
                except (ValueError, TypeError, ArithmeticError) as exc:
                    raise ChannelProblem(
                        "unreadable",
                        f"UltraCart sent order {raw.order_id} with a value the platform cannot "
                        f"read ({exc}) — the next import retries; report it if it persists",
                    ) from None
                yield Fetched(order, {"order_id": raw.order_id})
            stored = list(dict.fromkeys(self._held))
            if stored:
                self._invoke("acknowledge", "acknowledgeOrders", orderId=stored)
            if len(batch) < BATCH or not stored:
                return

    def acknowledge(self, fetched: Fetched) -> None:
        """The engine stored the order: it goes in the batch's ``acknowledgeOrders`` call."""
        self._held.append(str(fetched.raw["order_id"]))

    def to_order(self, raw: Any) -> Order:
        """UltraCart's order in the platform's model."""
        zone = self.connection.zone
        contact = {"email": raw.email or None, "phone": raw.day_phone or raw.evening_phone}
        created = _date(raw.order_date, zone)
        assert created is not None
        items = tuple(
            Item(
                line_id=str(item.item_index),
                sku=str(item.item_id),
                name=str(item.description or ""),
                quantity=int(item.quantity),
                unit_price=Decimal(item.cost),
                weight=_pounds(item.item_weight),
                options=tuple((o.name, o.value) for o in item.option or ()),
                location=item.distribution_center_code,
            )
            for item in raw.item or ()
        )
        discount = Decimal(raw.subtotal_discount or 0)
        return Order(
            channel=self.name,
            key=str(raw.order_id),
            number=str(raw.order_id),
            order_date=created,
            modified=created,
            paid_date=_date(raw.payment_date_time, zone),
            channel_status=str(raw.current_stage),
            items=items,
            ship_to=_address(raw, "ship_to", contact),
            bill_to=_address(raw, "bill_to", contact),
            customer_email=contact["email"],
            customer_phone=contact["phone"] or None,
            requested_service=raw.shipping_method or None,
            payment_method=raw.payment_method or None,
            currency=raw.currency_code or None,
            total=Decimal(raw.total),
            shipping_paid=Decimal(raw.shipping_handling_total),
            discounts=(Discount(raw.coupon_code or None, discount),) if discount else (),
            gift=raw.gift == "yes",
            gift_message=raw.gift_message or None,
            internal_notes=raw.merchant_notes or None,
            customer_notes=raw.special_instructions or None,
            custom_fields=(None, None, f"{discount:.2f}" if discount else None),
            weight=_pounds(raw.weight),
        )

    # -- notification -----------------------------------------------------------------------
    def notify(self, notification: Notification) -> None:
        shipment: dict[str, Any] = {
            "orderId": notification.order.key,
            "trackingNumber": [notification.tracking_number],
        }
        if notification.carrier:
            shipment["carrier"] = notification.carrier
        if notification.carrier_fee is not None:
            shipment["shippingCost"] = notification.carrier_fee
        self._invoke("notify", SHIP_OPERATION, shipment=[shipment])

    # -- errors -----------------------------------------------------------------------------
    def explain(self, failure: HttpFailure, action: str) -> ChannelProblem:
        code, message, field = fault_of(failure.body)
        tries = f" after {failure.attempts} attempts" if failure.attempts > 1 else ""
        if code == "Client.AuthenticationFailed":
            form_field, advice = _FIELD_ADVICE.get(field, _FIELD_ADVICE["accessKey"])
            return ChannelProblem(
                "unauthorized", f"{advice} (credentials.{form_field}; UltraCart: {message})",
                status=failure.status,
            )  # fmt: skip
        if failure.status == 429:
            return ChannelProblem(
                "rate_limited", f"UltraCart is throttling requests{tries} — the next "
                f"{action} retries", status=failure.status,
            )  # fmt: skip
        if failure.kind != "status" or code.startswith("Server") or not code:
            return failure.unusable("UltraCart", tries, next_step=action, detail=message)
        detail = f"{message} ({code}{f', field {field}' if field else ''})"
        if action == "notify":
            return ChannelProblem(
                "rejected", f"UltraCart refused the shipment: {detail} — correct the order and "
                "the next refresh resends it", status=failure.status,
            )  # fmt: skip
        return ChannelProblem(
            "rejected", f"UltraCart refused the {action} request: {detail} — the request does "
            "not match the service; report it with this message", status=failure.status,
        )  # fmt: skip

    @staticmethod
    def summarize_body(body: Any) -> str | None:
        """A fault as ``faultcode: faultstring``; an answer as what it counts."""
        root = _xml(body)
        if root is None:
            return None
        code, message, _ = fault_of(etree.tostring(root))
        if code:
            return f"{code}: {message}"
        answer = root.find(f"{{{SOAP_ENV}}}Body/*")
        if answer is None:
            return None
        name = etree.QName(answer).localname
        if name == "getOrdersResponse":
            return f"{len(answer)} order(s)"
        counted = answer.findtext("*")
        return f"{name.removesuffix('Response')}: {counted}" if counted is not None else None

    @staticmethod
    def received_notification(call: Mapping[str, Any]) -> dict[str, Any] | None:
        if call.get("operation") != SHIP_OPERATION or call.get("status") != 200:
            return None
        root = _xml(call.get("body"))
        if root is None:
            return None
        shipment = root.find(f".//{{{TNS}}}shipment")
        if shipment is None:
            return None
        seen: dict[str, Any] = {"order": shipment.findtext(f"{{{TNS}}}orderId"),
                                "status": "shipped"}  # fmt: skip
        tracking = [t.text for t in shipment.iterfind(f"{{{TNS}}}trackingNumber") if t.text]
        if tracking:
            seen["tracking_number"] = tracking[0]
        for wire, name in (("carrier", "carrier"), ("shippingCost", "carrier_fee")):
            value = shipment.findtext(f"{{{TNS}}}{wire}")
            if value:
                seen[name] = value
        return seen


ADAPTER = UltraCartAdapter

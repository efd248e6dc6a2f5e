"""The platform's client of a ShipStation Custom Store endpoint (Web Shop Manager, Spark).

One URL the merchant types, HTTP Basic with the store user's name and password, and two
actions: ``GET ?action=export&start_date=&end_date=&page=`` (orders modified in the window,
as XML, page after page until ``<Orders pages="N">``) and ``POST ?action=shipnotify&…``
with a ``<ShipNotice>`` body. Dates travel as ``MM/dd/yyyy HH:mm`` in the store's timezone
(connection form, default UTC): the window is written in it and every date read in it.

The import window follows the platform's own clock: each export starts where the last one
ended (less the overlap). That is what makes a store timezone that differs from the
server's lose orders — the seed's "some late-day orders do not import" — so the engine is
told so through :attr:`window_on_platform_clock`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from types import MappingProxyType
from typing import Any, ClassVar
from urllib.parse import parse_qs

import requests
from lxml import etree

from harness.channels import custom_store_xml as xml
from harness.channels.base import ChannelAdapter, Fetched, ImportWindow, NotificationPolicy
from harness.channels.http import HttpFailure
from harness.engine.connection import Connection, ConnectionFormError
from harness.engine.errors import ChannelProblem
from harness.engine.model import Notification

EXPORT, SHIPNOTIFY = "export", "shipnotify"
_WINDOW = "%m/%d/%Y %H:%M"
_PAGES = re.compile(r'<Orders\s+pages="(\d+)"')
_ERROR = re.compile(r"<Error>\s*<Code>([^<]*)</Code>\s*<Message>([^<]*)</Message>", re.DOTALL)


def _readable_export(response: requests.Response) -> etree._Element:
    try:
        return xml.parse_document(response.content, "Orders")
    except xml.ExportUnreadable as exc:
        raise ValueError(str(exc)) from None


class CustomStoreAdapter(ChannelAdapter):
    """A Custom Store endpoint; a channel sets its names, policy and default status map."""

    credential_fields = ("username", "password")
    secret_field = "password"
    #: The seed's table: status update, tracking number, carrier, service, carrier fee,
    #: notes to the buyer and item information all go in the notice.
    policy = NotificationPolicy(
        status_update=True,
        tracking_number=True,
        carrier=True,
        service=True,
        carrier_fee=True,
        notes_to_buyer=True,
        item_info=True,
    )
    window_on_platform_clock: ClassVar[bool] = True
    #: Connection form fields besides the credentials: none (the URL is the base URL).
    options: ClassVar[frozenset[str]] = frozenset()

    @classmethod
    def check_connection(cls, connection: Connection) -> None:
        """Also the URL: the store's endpoint, http(s)."""
        super().check_connection(connection)
        url = connection.base_url or ""
        if not url.startswith(("http://", "https://")):
            raise ConnectionFormError(f"url: {url!r} is not the store's http(s) endpoint URL")
        unknown = sorted(set(connection.options) - cls.options)
        if unknown:
            raise ConnectionFormError(f"options: unknown option {unknown[0]!r}")

    @property
    def url(self) -> str:
        """The endpoint the merchant typed."""
        return str(self.connection.base_url)

    @property
    def auth(self) -> tuple[str, str]:
        """HTTP Basic: the store user's name and password."""
        creds = self.connection.credentials
        return creds["username"], creds["password"]

    # -- import ---------------------------------------------------------------------------
    def fetch_orders(self, window: ImportWindow) -> Iterator[Fetched]:
        zone = window.zone
        params: dict[str, Any] = {
            "action": EXPORT,
            "start_date": window.since.astimezone(zone).strftime(_WINDOW),
            "end_date": window.until.astimezone(zone).strftime(_WINDOW),
            "page": 1,
        }
        pages = 1
        while params["page"] <= pages:
            root = self._export_page(params)
            pages = self._pages(root)
            for node in root.iterfind("Order"):
                yield Fetched(self.to_order(node, zone), {"xml": etree.tostring(node)})
            params = {**params, "page": params["page"] + 1}

    def _export_page(self, params: Mapping[str, Any]) -> etree._Element:
        """One export page, read as XML (an unreadable one is retried, then explained)."""
        page: etree._Element = self.read(
            "import", "GET", self.url, _readable_export, params=dict(params), auth=self.auth
        )
        return page

    def _pages(self, root: etree._Element) -> int:
        given = root.get("pages") or "1"
        if not given.isdigit():
            raise ChannelProblem(
                "unreadable", f"{self.title} sent <Orders pages={given!r}>, not a page count"
            )
        return int(given)

    def to_order(self, node: etree._Element, zone: Any) -> Any:
        """One ``<Order>`` in the platform's model, or a clear refusal."""
        try:
            return xml.read_order(node, self.name, zone)
        except ValueError as exc:
            raise ChannelProblem(
                "unreadable", f"{self.title} sent an order the platform cannot read: {exc}"
            ) from None

    # -- notification ---------------------------------------------------------------------
    def notify(self, notification: Notification) -> None:
        order = notification.order
        zone = self.connection.zone
        shipped = notification.ship_date
        params = {
            "action": SHIPNOTIFY,
            "order_number": order.number,
            "carrier": notification.carrier or "",
            "service": notification.service or "",
            "tracking_number": notification.tracking_number,
        }
        recipient = order.ship_to
        fields: dict[str, Any] = {
            "OrderNumber": order.number,
            "OrderID": order.key,
            "CustomerCode": order.customer_email,
            "NotesToCustomer": notification.notes_to_buyer,
            "NotifyCustomer": "true" if notification.notes_to_buyer is not None else None,
            "LabelCreateDate": shipped.astimezone(zone).strftime(_WINDOW) if shipped else None,
            "ShipDate": shipped.astimezone(zone).strftime("%m/%d/%Y") if shipped else None,
            "Carrier": notification.carrier,
            "Service": notification.service,
            "TrackingNumber": notification.tracking_number,
            "ShippingCost": notification.carrier_fee,
            "Recipient": None
            if recipient is None
            else {
                "Name": recipient.name,
                "Company": recipient.company,
                "Address1": recipient.street1,
                "Address2": recipient.street2,
                "City": recipient.city,
                "State": recipient.state,
                "PostalCode": recipient.postal_code,
                "Country": recipient.country,
            },
        }
        items = None
        if notification.items is not None:
            items = [
                {"SKU": i.sku, "Name": i.name, "Quantity": str(i.quantity), "LineItemID": i.line_id}
                for i in notification.items
            ]
        body = xml.ship_notice(fields, items)
        self.send(
            "notify",
            "POST",
            self.url,
            params=params,
            data=body,
            auth=self.auth,
            headers={"Content-Type": "application/xml; charset=utf-8"},
        )

    # -- errors ---------------------------------------------------------------------------
    def explain(self, failure: HttpFailure, action: str) -> ChannelProblem:
        status, title = failure.status, self.title
        message = ""
        try:
            root = etree.fromstring(failure.body.encode(), xml.parser()) if failure.body else None
            message = xml.text(root, "Message") or "" if root is not None else ""
        except etree.XMLSyntaxError:
            message = ""
        tries = f" after {failure.attempts} attempts" if failure.attempts > 1 else ""
        if status == 401:
            return ChannelProblem(
                "unauthorized",
                f"{title} refused the user name or password ({message or 'HTTP 401'}) — check "
                "the ShipStation user in the store and reconnect",
                status=status,
            )
        if failure.kind == "unreadable":
            return ChannelProblem(
                "unreadable",
                f"{title} answered with a body the platform cannot read{tries}: "
                f"{failure.detail} — check the store's endpoint URL; the next import retries",
                status=status,
            )
        if failure.kind != "status" or (status is not None and (status >= 500 or status == 429)):
            return ChannelProblem(
                "unavailable" if status != 429 else "rate_limited",
                f"{title} did not answer usably ({failure.detail}{tries}) — the next import "
                "retries",
                status=status,
            )
        if status == 404 and action == "notify":
            return ChannelProblem(
                "order_not_found",
                f"{title} does not know the order ({message}) — it cannot take this shipment",
                status=status,
                final=True,
            )
        if status == 404:
            return ChannelProblem(
                "not_found",
                f"{title} has no Custom Store endpoint at this URL (HTTP 404) — check the URL "
                "in the connection form",
                status=status,
            )
        return ChannelProblem(
            "rejected",
            f"{title} refused the {action} request: {message or failure.detail} (HTTP {status})",
            status=status,
        )

    @staticmethod
    def summarize_body(body: Any) -> str | None:
        """An export page as its page count and the orders shown (the journal may keep only
        the start of a page); an ``<Error>`` as ``code: message``."""
        if not isinstance(body, str):
            return None
        pages = _PAGES.search(body)
        if pages is not None:
            shown = body.count("<Order>")
            more = "+" if "more bytes]" in body else ""
            return f"<Orders pages={pages.group(1)}>, {shown}{more} order(s)"
        error = _ERROR.search(body)
        return f"{error.group(1)}: {error.group(2)}" if error else None

    @staticmethod
    def received_notification(call: Mapping[str, Any]) -> dict[str, Any] | None:
        if call.get("operation") != SHIPNOTIFY or call.get("status") != 200:
            return None
        query = {k: v[0] for k, v in parse_qs(str(call.get("query") or "")).items()}
        body = call.get("body")
        seen: dict[str, Any] = {"order": query.get("order_number"), "status": "shipped"}
        for wire, name in (("carrier", "carrier"), ("service", "service"),
                           ("tracking_number", "tracking_number")):  # fmt: skip
            if query.get(wire):
                seen[name] = query[wire]
        if not isinstance(body, str) or not body.strip():
            return seen
        try:
            root = etree.fromstring(body.encode(), xml.parser())
        except etree.XMLSyntaxError:
            return seen
        for tag, name in (("ShippingCost", "carrier_fee"), ("NotesToCustomer", "notes_to_buyer"),
                          ("ShipDate", "ship_date")):  # fmt: skip
            value = xml.text(root, tag)
            if value is not None:
                seen[name] = value
        items = [
            {"line_id": xml.text(i, "LineItemID"), "sku": xml.text(i, "SKU"),
             "quantity": int(xml.text(i, "Quantity") or 0)}
            for i in root.iterfind("Items/Item")
        ]  # fmt: skip
        if root.find("Items") is not None:
            seen["items"] = items
        return seen


def status_map(**texts: str) -> Mapping[str, str]:
    """A read-only default status map."""
    return MappingProxyType(dict(texts))

"""Back Market as the platform sees it: a client of the seller API (``/ws/orders``).

Works against the real service given a real token: region base URLs, the headers Back Market
requires on every call (``Authorization: Basic <token>``, ``Accept-Language``, a
``User-Agent`` naming the integration), paging by following ``next``. Channel quirks:

- lines of a paid order (state 1) are accepted (1 → 2) when the order is imported, since the
  ship call (state 3) only moves accepted lines;
- no item image URL, weight, requested service, gift or coupon comes from Back Market;
- the shipment notification carries status, tracking number and carrier (``shipper``) and, for
  a single-unit order, the IMEI or serial number the merchant typed in the internal notes.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from datetime import UTC
from types import MappingProxyType
from typing import Any, ClassVar

from harness.channels.backmarket_notes import identifier_from_notes, single_unit
from harness.channels.backmarket_orders import (
    CANCELLED,
    LINE_ACCEPTED,
    LINE_PAID,
    LINE_SHIPPED,
    order_from,
)
from harness.channels.backmarket_refusals import REFUSALS, already_done, explain, refusal
from harness.channels.base import ChannelAdapter, Fetched, ImportWindow, NotificationPolicy
from harness.channels.http import HttpFailure
from harness.engine.connection import Connection, ConnectionFormError
from harness.engine.errors import ChannelProblem
from harness.engine.model import Notification, Order

#: The connection form's regions and their hosts (Back Market's ``servers``).
REGIONS: Mapping[str, str] = MappingProxyType(
    {"Europe": "https://www.backmarket.fr", "United States": "https://www.backmarket.com"}
)
#: ``Accept-Language`` when the connection does not set ``options.language``.
REGION_LANGUAGE: Mapping[str, str] = MappingProxyType({"Europe": "fr-fr", "United States": "en-us"})
USER_AGENT = "BM-chansim-ReferenceEngine;chansim@example.invalid"
#: The Accept-Language country codes Back Market lists.
LANGUAGES = (
    "fr-fr", "fr-be", "es-es", "de-de", "de-at", "it-it", "en-gb", "nl-nl", "pt-pt", "en-ie",
    "el-gr", "sk-sk", "sv-se", "en-us", "ja-jp", "en-au",
)  # fmt: skip
PAGE_SIZE = 50  # Back Market's maximum
UPDATE_OPERATION = "update-ws-specific-order"


class BackMarketAdapter(ChannelAdapter):
    """Back Market seller API client."""

    name = "backmarket"
    title = "Back Market"
    credential_fields = ("token",)
    secret_field = "token"
    #: Status update, tracking number and carrier go in the ship call; item info is the
    #: IMEI/serial. The update body has no field for a service, a carrier fee or notes to the
    #: buyer, so those are not sent.
    policy = NotificationPolicy(
        status_update=True,
        tracking_number=True,
        carrier=True,
        service=False,
        carrier_fee=False,
        notes_to_buyer=False,
        item_info=True,
    )
    #: ShipStation's table: Awaiting Shipment ← 1, Shipped ← 9. State 3 (all lines accepted)
    #: is what the platform's own acceptance leaves a paid order in, so it stays awaiting
    #: shipment on a re-import.
    #: An order none of whose lines is left to ship or was shipped (all cancelled, refunded
    #: before shipping or refused: Back Market then calls it processed, 9) is read as
    #: ``cancelled`` — no order state says so, and ShipStation's table has no Cancelled.
    default_status_map: ClassVar[Mapping[str, str]] = MappingProxyType(
        {"awaiting_shipment": "1, 3", "shipped": "9", "cancelled": CANCELLED}
    )

    @classmethod
    def check_connection(cls, connection: Connection) -> None:
        """Also the region: Europe or United States, as the connection form offers."""
        super().check_connection(connection)
        unknown = sorted(set(connection.options) - {"language", "user_agent"})
        if unknown:
            raise ConnectionFormError(
                f"options: unknown option {unknown[0]!r}; Back Market takes language, user_agent"
            )
        language = connection.options.get("language")
        if language is not None and language not in LANGUAGES:
            raise ConnectionFormError(
                f"options.language: {language!r} is not one of Back Market's country codes "
                f"({', '.join(LANGUAGES)})"
            )
        if (connection.region or "Europe") not in REGIONS:
            raise ConnectionFormError(
                f"region: {connection.region!r} is not offered; choose {' or '.join(REGIONS)}"
            )

    @property
    def base_url(self) -> str:
        """The connection's base URL, else the region's host."""
        if self.connection.base_url:
            return self.connection.base_url.rstrip("/")
        region = self.connection.region or "Europe"
        if region not in REGIONS:
            raise ChannelProblem(
                "unauthorized",
                f"Back Market region {region!r} does not exist — choose {' or '.join(REGIONS)}",
            )
        return REGIONS[region]

    def headers(self) -> dict[str, str]:
        """The headers Back Market requires on every call."""
        region = self.connection.region or "Europe"
        options = self.connection.options
        return {
            "Authorization": f"Basic {self.connection.credentials['token']}",
            "Accept": "application/json",
            "Content-Type": "application/json",
            "Accept-Language": str(options.get("language") or REGION_LANGUAGE.get(region, "fr-fr")),
            "User-Agent": str(options.get("user_agent") or USER_AGENT),
        }

    # -- import ---------------------------------------------------------------------------
    def fetch_orders(self, window: ImportWindow) -> Iterator[Fetched]:
        since = window.since.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
        url: str | None = f"{self.base_url}/ws/orders"
        params: dict[str, Any] | None = {"date_modification": since, "page-size": PAGE_SIZE}
        while url:
            page = self.call("import", "GET", url, params=params, headers=self.headers())
            params = None  # ``next`` carries the query
            for raw in page.get("results") or []:
                yield Fetched(self.to_order(raw), raw)
            url = page.get("next")

    def fetch_order(self, key: str) -> Fetched:
        raw = self._read(key, "import")
        return Fetched(self.to_order(raw), raw)

    def to_order(self, raw: Mapping[str, Any]) -> Order:
        """Back Market's order in the platform's model."""
        return order_from(raw, self.connection.zone, self.name)

    def acknowledge(self, fetched: Fetched) -> None:
        """Accept each paid line (1 → 2): Back Market ships accepted lines only."""
        order_id = fetched.raw["order_id"]
        for line in fetched.raw.get("orderlines") or []:
            if line.get("state") == LINE_PAID:
                body = {"order_id": order_id, "new_state": LINE_ACCEPTED, "sku": line["listing"]}
                self._update(order_id, body, "accept")

    # -- notification ---------------------------------------------------------------------
    def notify(self, notification: Notification) -> None:
        order = notification.order
        order_id = int(order.key)
        body: dict[str, Any] = {
            "order_id": order_id,
            "new_state": LINE_SHIPPED,
            "tracking_number": notification.tracking_number,
        }
        if notification.carrier:
            body["shipper"] = notification.carrier
        if notification.ship_date is not None:
            body["date_shipping"] = notification.ship_date.astimezone(UTC).isoformat()
        if notification.items is not None and single_unit(order):
            imei, serial = identifier_from_notes(order.internal_notes)
            if imei:
                body["imei"] = imei
            if serial:
                body["serial_number"] = serial
        self._update(order_id, body, "notify")

    def _update(self, order_id: int, body: Mapping[str, Any], action: str) -> None:
        """Send an update. Back Market documents its refusals as a bare status (400, 404)
        with an empty body, so after one the order is read back and the state seen decides:
        the update already made (our own earlier attempt whose answer was lost) is success;
        otherwise the refusal is explained from what the order shows."""
        url = f"{self.base_url}/ws/orders/{order_id}"
        try:
            answer = self.call(action, "POST", url, json=dict(body), headers=self.headers())
        except ChannelProblem as problem:
            if problem.status not in REFUSALS or problem.store_wide:
                raise
            order = self._read(order_id, "read")
            if already_done(order, body):
                return
            raise refusal(order, body, problem) from None
        if answer is None and not already_done(self._read(order_id, "read"), body):
            # a 2xx without a readable order: check rather than trust it
            raise ChannelProblem(
                "unreadable",
                f"Back Market answered the update of order {order_id} without the order and "
                "did not apply it — the next import retries",
            )

    def _read(self, order_id: int | str, action: str) -> Any:
        """``GET /ws/orders/{order_id}``."""
        url = f"{self.base_url}/ws/orders/{order_id}"
        return self.call(action, "GET", url, headers=self.headers())

    def explain(self, failure: HttpFailure, action: str) -> ChannelProblem:
        return explain(failure, action)

    @staticmethod
    def summarize_body(body: Any) -> str | None:
        """An error as ``code: message``; a listing page as its result count and next link."""
        if not isinstance(body, Mapping):
            return None
        error = body.get("error")
        if isinstance(error, Mapping):
            return f"{error.get('code')}: {error.get('message')}"
        if "results" in body:
            return f"{len(body['results'])} result(s), next={'yes' if body.get('next') else 'no'}"
        return None

    @staticmethod
    def received_notification(call: Mapping[str, Any]) -> dict[str, Any] | None:
        body = call.get("body")
        if (
            call.get("operation") != UPDATE_OPERATION
            or call.get("status") != 200
            or not isinstance(body, dict)
            or body.get("new_state") != LINE_SHIPPED
        ):
            return None
        seen: dict[str, Any] = {"order": str(body.get("order_id")), "status": "shipped"}
        for wire, name in (
            ("tracking_number", "tracking_number"),
            ("shipper", "carrier"),
            ("tracking_url", "tracking_url"),
            ("imei", "imei"),
            ("serial_number", "serial_number"),
            ("date_shipping", "ship_date"),
        ):
            if body.get(wire):
                seen[name] = body[wire]
        return seen


ADAPTER = BackMarketAdapter

"""Bluepark as the platform sees it: a client of the shop's REST API v1 (``/orders``).

Works against a real shop given its API access URL (the shop's address followed by
``/api/v1``) and an admin user's API username and API key, sent with HTTP Basic. What
Bluepark documents is the transport, the auth and the resources; the order fields this client
reads are chansim's design (see ``specs/bluepark/openapi.yaml``), so each is read defensively.
Channel rules:

- status map Pending → Awaiting Shipment, Completed → Shipped, Cancelled → Cancelled; no
  Awaiting Payment and no On Hold (other statuses are not imported);
- the delivery date the buyer chose at checkout becomes the ship-by date;
- coupons and discounts are **not** imported (the help article's own note);
- the shipment notification is ``PUT /orders/{id}`` with the status (Completed) and the
  tracking number only — never the carrier, service, carrier fee, notes or items;
- the integration is in beta, so the listing is read without trusting it: pages are read until
  one holds fewer orders than asked for (never from ``/orders/count``), an order seen on two
  pages is taken once, and a field that comes back null is taken as not given.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from datetime import UTC, date, datetime, time
from decimal import Decimal, InvalidOperation
from types import MappingProxyType
from typing import Any, ClassVar
from zoneinfo import ZoneInfo

from harness.channels.base import ChannelAdapter, Fetched, ImportWindow, NotificationPolicy
from harness.channels.http import HttpFailure
from harness.engine.connection import Connection, ConnectionFormError
from harness.engine.errors import ChannelProblem
from harness.engine.model import Address, Item, Notification, Order

PAGE_SIZE = 100  # the largest page the API gives
COMPLETED = "Completed"
UPDATE_OPERATION = "update-order"
#: Update body fields under the platform's names (others keep their own).
_RECEIVED_AS = MappingProxyType({"courier": "carrier", "admin_comments": "notes_to_buyer"})
_URL_HELP = (
    "the API access URL is the shop's address followed by /api/v1 (e.g. "
    "https://www.yourshop.co.uk/api/v1); correct it in the store's connection settings"
)


def _text(value: Any) -> str | None:
    return str(value) if value not in (None, "") else None


def _decimal(value: Any) -> Decimal | None:
    if value in (None, ""):
        return None
    try:
        return Decimal(str(value))
    except InvalidOperation:
        return None


def _instant(value: Any) -> datetime | None:
    """An ISO 8601 instant; one without offset is UTC (the API writes offsets)."""
    if not value:
        return None
    parsed = datetime.fromisoformat(str(value))
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


def _get(raw: Any, key: str) -> Any:
    """``raw[key]`` when ``raw`` is an object, else None."""
    return raw.get(key) if isinstance(raw, Mapping) else None


def ship_by(value: Any, zone: ZoneInfo) -> datetime | None:
    """The delivery date the buyer chose (``YYYY-MM-DD``), as the start of that day in the
    store's timezone; None when there is none or it is not a date."""
    if not value:
        return None
    try:
        day = date.fromisoformat(str(value))
    except ValueError:
        return None
    return datetime.combine(day, time(0, 0), tzinfo=zone)


def _address(raw: Any) -> Address | None:
    if not isinstance(raw, Mapping) or not (raw.get("address_line_1") or raw.get("town")):
        return None
    name = " ".join(p for p in (raw.get("first_name"), raw.get("last_name")) if p)
    return Address(
        name=name,
        company=_text(raw.get("company")),
        street1=_text(raw.get("address_line_1")),
        street2=_text(raw.get("address_line_2")),
        city=_text(raw.get("town")),
        state=_text(raw.get("county")),
        postal_code=_text(raw.get("postcode")),
        country=_text(raw.get("country")),
        phone=_text(raw.get("telephone")),
    )


def _item(raw: Mapping[str, Any]) -> Item:
    options = raw.get("options") or []
    return Item(
        line_id=str(raw["id"]),
        sku=str(raw.get("sku") or ""),
        name=str(raw.get("name") or ""),
        quantity=int(raw["quantity"]),
        unit_price=_decimal(raw.get("unit_price")) or Decimal(0),
        weight=_decimal(raw.get("weight")),
        image_url=_text(raw.get("image_url")),
        options=tuple(
            (str(o.get("name")), str(o.get("value"))) for o in options if isinstance(o, Mapping)
        ),
        location=_text(raw.get("stock_location")),
    )


def _weight(raw: Mapping[str, Any], items: tuple[Item, ...]) -> Decimal | None:
    """The order's weight in kilograms: its total, else the items' when every one is known."""
    total = _decimal(raw.get("total_weight"))
    if total is not None or not items or any(i.weight is None for i in items):
        return total
    return sum((i.weight * i.quantity for i in items if i.weight is not None), Decimal(0))


def to_order(raw: Mapping[str, Any], zone: ZoneInfo, channel: str = "bluepark") -> Order:
    """Bluepark's order in the platform's model (coupons left out on purpose)."""
    created = _instant(raw["date_created"])
    assert created is not None
    items = tuple(_item(i) for i in raw.get("items") or [])
    shipping, billing = raw.get("shipping_address"), raw.get("billing_address")
    given = raw.get("customer")
    customer: Mapping[str, Any] = given if isinstance(given, Mapping) else {}
    phones = [customer.get("telephone")] + [
        a.get("telephone") for a in (shipping, billing) if isinstance(a, Mapping)
    ]
    return Order(
        channel=channel,
        key=str(raw["id"]),
        number=str(raw["id"]),
        order_date=created,
        # a listing may blank date_modified (beta): creation is a safe lower bound
        modified=_instant(raw.get("date_modified")) or created,
        paid_date=_instant(raw.get("date_paid")),
        channel_status=str(raw["status"]),
        items=items,
        ship_to=_address(shipping),
        bill_to=_address(billing),
        customer_email=_text(customer.get("email")),
        customer_phone=next((str(p) for p in phones if p), None),
        requested_service=_text(raw.get("delivery_method")),
        payment_method=_text(raw.get("payment_method")),
        currency=_text(raw.get("currency")),
        total=_decimal(raw.get("grand_total")),
        shipping_paid=_decimal(raw.get("delivery_total")),
        gift=bool(raw.get("gift")),
        gift_message=_text(raw.get("gift_message")),
        internal_notes=_text(raw.get("admin_comments")),
        customer_notes=_text(raw.get("customer_comments")),
        ship_by=ship_by(raw.get("delivery_date"), zone),
        weight=_weight(raw, items),
    )


class BlueparkAdapter(ChannelAdapter):
    """Bluepark REST API v1 client."""

    name = "bluepark"
    title = "Bluepark"
    #: The API key first: it is the credential the shop can regenerate (or disable).
    credential_fields = ("api_username", "api_key")
    secret_field = "api_key"
    #: ShipStation's table for Bluepark: status update and tracking number, nothing else.
    policy = NotificationPolicy(
        status_update=True,
        tracking_number=True,
        carrier=False,
        service=False,
        carrier_fee=False,
        notes_to_buyer=False,
        item_info=False,
    )
    default_status_map: ClassVar[Mapping[str, str]] = MappingProxyType(
        {"awaiting_shipment": "Pending", "shipped": COMPLETED, "cancelled": "Cancelled"}
    )

    @classmethod
    def check_connection(cls, connection: Connection) -> None:
        """Also: Bluepark has no region and no options; the URL, when given, is http(s)."""
        super().check_connection(connection)
        if connection.region:
            raise ConnectionFormError(
                f"region: Bluepark has no region ({connection.region!r}); the API access URL "
                "says which shop"
            )
        if connection.options:
            raise ConnectionFormError(
                f"options: unknown option {min(connection.options)!r}; Bluepark takes none"
            )
        url = connection.base_url or ""
        if url and not url.startswith(("https://", "http://")):
            raise ConnectionFormError(f"API access URL: {url!r} is not a web address; {_URL_HELP}")

    @property
    def base_url(self) -> str:
        """The API access URL the merchant typed (no public default: each shop has its own)."""
        if not self.connection.base_url:
            raise ChannelProblem(
                "wrong_url", f"Bluepark connection lacks the API access URL — {_URL_HELP}"
            )
        return self.connection.base_url.rstrip("/")

    @property
    def auth(self) -> tuple[str, str]:
        """HTTP Basic with the API username and API key."""
        creds = self.connection.credentials
        return creds["api_username"], creds["api_key"]

    def _get(self, path: str, action: str, params: Mapping[str, Any] | None = None) -> Any:
        headers = {"Accept": "application/json"}
        url = f"{self.base_url}{path}"
        return self.call(action, "GET", url, params=params, auth=self.auth, headers=headers)

    # -- import ---------------------------------------------------------------------------
    def fetch_orders(self, window: ImportWindow) -> Iterator[Fetched]:
        since = window.since.astimezone(UTC).isoformat(timespec="seconds")
        seen: set[str] = set()
        page = 1
        while True:
            params = {"modified_from": since, "limit": PAGE_SIZE, "page": page}
            body = self._get("/orders", "import", params)
            orders = body.get("orders") if isinstance(body, Mapping) else None
            if not isinstance(orders, list):
                raise ChannelProblem(
                    "unreadable",
                    f"Bluepark answered the order list without orders — {_URL_HELP}",
                )
            fresh = [o for o in orders if str(_get(o, "id")) not in seen]
            if len(orders) == PAGE_SIZE and not fresh:
                raise ChannelProblem(
                    "unreadable",
                    f"Bluepark returned page {page} again with no new order — the next import "
                    "retries",
                )
            for raw in fresh:
                seen.add(str(raw["id"]))
                yield Fetched(self.to_order(raw), raw)
            if len(orders) < PAGE_SIZE:
                return
            page += 1

    def fetch_order(self, key: str) -> Fetched:
        raw = self._get(f"/orders/{key}", "import")
        return Fetched(self.to_order(raw), raw)

    def to_order(self, raw: Any) -> Order:
        """Bluepark's order in the platform's model; one this client cannot read (no id,
        status or creation date, a bad quantity) stops the import with what to report."""
        try:
            return to_order(raw, self.connection.zone, self.name)
        except (AttributeError, KeyError, TypeError, ValueError, AssertionError) as exc:
            raise ChannelProblem(
                "unreadable",
                f"Bluepark sent order {_get(raw, 'id')!r} in a shape this client cannot read "
                f"({type(exc).__name__}: {exc}) — the next import retries; report it if it stays",
            ) from None

    # -- notification ---------------------------------------------------------------------
    def notify(self, notification: Notification) -> None:
        """``PUT /orders/{id}`` with ``{"status": "Completed", "tracking_number": …}`` only."""
        order_id = notification.order.key
        body = {"status": COMPLETED, "tracking_number": notification.tracking_number}
        url = f"{self.base_url}/orders/{order_id}"
        headers = {"Accept": "application/json"}
        try:
            self.call("notify", "PUT", url, json=body, auth=self.auth, headers=headers)
        except ChannelProblem as problem:
            if problem.code != "invalid_status":
                raise
            current = self._get(f"/orders/{order_id}", "read")
            raise ChannelProblem(
                "invalid_status",
                f"Bluepark has order {order_id} {current.get('status')}; it cannot be marked "
                "Completed, so the shipment was not sent — check the order in Bluepark's admin",
                status=problem.status,
                final=True,
            ) from None

    # -- errors ---------------------------------------------------------------------------
    def explain(self, failure: HttpFailure, action: str) -> ChannelProblem:
        status = failure.status
        body = failure.json()
        api = isinstance(body, Mapping) and "error" in body and "message" in body
        message = str(body.get("message")) if api and isinstance(body, Mapping) else ""
        tries = f" after {failure.attempts} attempts" if failure.attempts > 1 else ""
        if status == 401:
            return ChannelProblem(
                "unauthorized",
                "Bluepark refused the API username or API key — in Bluepark's admin console, "
                "check that API access is enabled for that admin user, copy its API username "
                "and API key again, and reconnect the store",
                status=status,
            )
        if (status == 404 and not api) or (failure.kind == "unreadable" and status == 200):
            return ChannelProblem(
                "wrong_url",
                f"No Bluepark API at {self.base_url} (HTTP {status}, a web page, not the API) — "
                f"{_URL_HELP}",
                status=status,
            )
        if status == 403:
            return ChannelProblem(
                "forbidden",
                "Bluepark's admin user may not use orders — allow Orders on the user's "
                "permissions tab in Bluepark's admin console",
                status=status,
            )
        if status == 429:
            return ChannelProblem(
                "rate_limited",
                f"Bluepark is still limiting requests{tries} — the next import retries",
                status=status,
            )
        if failure.kind != "status" or (status is not None and status >= 500):
            return failure.unusable("Bluepark", tries)
        code = str(body.get("error")) if api and isinstance(body, Mapping) else "rejected"
        detail = f"{message or failure.detail} (HTTP {status})"
        if action == "notify":
            return ChannelProblem(code, f"Bluepark refused the shipment: {detail}", status=status)
        return ChannelProblem(
            "rejected",
            f"Bluepark refused the {action} request: {detail} — the request does not match the "
            "API; report it with this message",
            status=status,
        )

    @staticmethod
    def received_notification(call: Mapping[str, Any]) -> dict[str, Any] | None:
        """A successful ``PUT /orders/{id}`` that set Completed; every body field is reported
        (``courier`` as ``carrier``, ``admin_comments`` as ``notes_to_buyer``), so a check can
        prove that nothing but status and tracking reached Bluepark."""
        body = call.get("body")
        if (
            call.get("operation") != UPDATE_OPERATION
            or call.get("status") != 200
            or not isinstance(body, dict)
            or body.get("status") != COMPLETED
        ):
            return None
        seen: dict[str, Any] = {"order": str(call.get("path", "")).rsplit("/", 1)[-1]}
        for key, value in body.items():
            seen[_RECEIVED_AS.get(key, str(key))] = "shipped" if key == "status" else value
        return seen


ADAPTER = BlueparkAdapter

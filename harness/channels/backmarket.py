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

import re
from collections.abc import Iterator, Mapping
from datetime import UTC, datetime
from decimal import Decimal
from types import MappingProxyType
from typing import Any, ClassVar

from harness.channels.base import ChannelAdapter, Fetched, ImportWindow, NotificationPolicy
from harness.channels.http import HttpFailure
from harness.engine.connection import Connection, ConnectionFormError
from harness.engine.errors import ChannelProblem
from harness.engine.model import Address, Item, Notification, Order

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
LINE_PAID, LINE_ACCEPTED, LINE_SHIPPED = 1, 2, 3
ORDER_SHIPPED = 9
UPDATE_OPERATION = "update-ws-specific-order"
#: Statuses of a refused update (documented with empty bodies: the order says why).
REFUSALS = frozenset({400, 404, 422})
#: Orderline states that left the workflow (cancelled, refunded before shipping, refused).
CLOSED_LINES = frozenset({4, 5, 7})
#: The channel status of an order whose every line left before shipping (see the status map).
CANCELLED = "cancelled"
#: "IMEI: 356…", "serial number 4B7…", "S/N=…"; or a note that is one bare identifier.
#: "IMEI: 356938035643809", "IMEI 35-693803-564380-9", "imei 3569 3803 5643 809".
_IMEI = re.compile(
    r"(?i)\bimei(?:\s*(?:number|no\.?|[12]))?(?![A-Za-z])\s*[:#=-]?\s*"
    r"((?:\d[ -]?){7,20}\d)(?!\d)"
)
#: "Serial number: F2LXK0A1HG7F", "S/N=...", "SN F2LX...": a token with at least one digit.
_SERIAL = re.compile(
    r"(?i)\b(?:serial(?:\s*(?:number|no\.?))?|s/?n)(?![A-Za-z])\s*[:#=]?\s*"
    r"((?=[A-Za-z-]*\d)[A-Za-z0-9-]{4,50})(?![A-Za-z0-9-])"
)
#: A note that is nothing but one identifier (with at least one digit; not a date).
_BARE = re.compile(r"^\s*(?!\d{4}-\d{2}-\d{2}\s*$)((?=[A-Za-z-]*\d)[A-Za-z0-9-]{4,50})\s*$")


def identifier_from_notes(notes: str | None) -> tuple[str, str]:
    """The (imei, serial_number) to send, read from the order's internal notes.

    The first labelled identifier wins and goes as its label says: ``IMEI`` followed by
    digits (spaces or dashes between them dropped; Back Market checks them, so a mistyped
    IMEI is refused and reported rather than sent as something else), or ``Serial number`` /
    ``S/N`` / ``SN`` followed by a token with a digit in it. Else a note that is nothing but
    one such token goes as ``imei`` when it has 15 characters and as ``serial_number``
    otherwise, as Back Market's own clients do. A label followed by words ("IMEI unknown")
    is no identifier. Nothing found gives two empty strings.
    """
    if not notes:
        return "", ""
    found = [m for m in (_IMEI.search(notes), _SERIAL.search(notes)) if m is not None]
    if found:
        first = min(found, key=lambda m: m.start())
        if first.re is _IMEI:
            return first.group(1).replace(" ", "").replace("-", ""), ""
        return "", first.group(1)
    bare = _BARE.match(notes)
    if bare is None:
        return "", ""
    value = bare.group(1)
    return (value, "") if len(value) == 15 else ("", value)


def single_unit(order: Order) -> bool:
    """Back Market takes an IMEI or serial number for an order of one line of quantity 1."""
    return len(order.items) == 1 and order.items[0].quantity == 1


def _instant(value: str | None, zone: Any) -> datetime | None:
    """An RFC 3339 date as Back Market writes them: 6, 3 or no fractional digits, ``Z`` or an
    offset; a date without one (``expected_dispatch_date``) is in ``zone``."""
    if not value:
        return None
    parsed = datetime.fromisoformat(value)
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=zone)


def _money(value: Any) -> Decimal | None:
    """A price string as Back Market writes it ("229.0", "299.25"), or None when absent."""
    return Decimal(str(value)) if value not in (None, "") else None


#: Address keys as real responses write them, and as the spec's component schema does.
_ADDRESS_KEYS = MappingProxyType(
    {
        "first_name": "firstName", "last_name": "lastName", "postal_code": "postalCode",
        "phone": "phoneNumber",
    }
)  # fmt: skip


def _key(raw: Mapping[str, Any], name: str) -> Any:
    """``raw[name]``, or its camelCase spelling in the spec's Address schema."""
    value = raw.get(name)
    return value if value else raw.get(_ADDRESS_KEYS.get(name, name))


def _address(raw: Mapping[str, Any] | None) -> Address | None:
    if not raw or not (raw.get("street") or raw.get("city")):
        return None
    name = " ".join(p for p in (_key(raw, "first_name"), _key(raw, "last_name")) if p)
    return Address(
        name=name,
        company=raw.get("company") or None,
        street1=raw.get("street") or None,
        street2=raw.get("street2") or None,
        city=raw.get("city") or None,
        state=raw.get("state") or None,
        postal_code=_key(raw, "postal_code") or None,
        country=raw.get("country") or None,
        phone=_key(raw, "phone") or None,
        email=raw.get("email") or None,
    )


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
        zone = self.connection.zone
        lines = raw.get("orderlines") or []
        dead = bool(lines) and all(line.get("state") in CLOSED_LINES for line in lines)
        channel_status = CANCELLED if dead else str(raw["state"])
        shipping, billing = raw.get("shipping_address"), raw.get("billing_address")
        contact = {**(billing or {}), **{k: v for k, v in (shipping or {}).items() if v}}
        phone = _key(contact, "phone")
        created = _instant(raw["date_creation"], zone)
        assert created is not None
        # the lines to ship: a line cancelled or refunded before shipping is no item (an
        # order with no other line keeps them all, to show what it was)
        kept = [line for line in lines if line.get("state") not in CLOSED_LINES] or lines
        items = tuple(
            Item(
                line_id=str(line["id"]),
                sku=str(line.get("listing") or ""),
                name=str(line.get("product") or ""),
                quantity=int(line["quantity"]),
                unit_price=_money(line.get("price")) or Decimal(0),
            )
            for line in kept
        )
        return Order(
            channel=self.name,
            key=str(raw["order_id"]),
            number=str(raw["order_id"]),
            order_date=created,
            modified=_instant(raw.get("date_modification"), zone) or created,
            paid_date=_instant(raw.get("date_payment"), zone),
            channel_status=channel_status,
            items=items,
            ship_to=_address(shipping),
            bill_to=_address(billing),
            customer_email=contact.get("email") or None,
            customer_phone=phone or None,
            payment_method=raw.get("payment_method") or None,
            currency=raw.get("currency") or None,
            total=_money(raw.get("price")),
            shipping_paid=_money(raw.get("shipping_price")),
            ship_by=_instant(raw.get("expected_dispatch_date"), zone),
        )

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
            if _already_done(order, body):
                return
            raise _refusal(order, body, problem) from None
        if answer is None and not _already_done(self._read(order_id, "read"), body):
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

    # -- errors ---------------------------------------------------------------------------
    def explain(self, failure: HttpFailure, action: str) -> ChannelProblem:
        status = failure.status
        body = failure.json()
        error = body.get("error") if isinstance(body, dict) else None
        code = str(error.get("code")) if isinstance(error, dict) else ""
        message = str(error.get("message")) if isinstance(error, dict) else ""
        if isinstance(body, dict) and isinstance(body.get("data"), dict):
            fields = body["data"].get("fields") or {}
            message += "".join(f" {k}: {' '.join(map(str, v))}" for k, v in fields.items())
        tries = f" after {failure.attempts} attempts" if failure.attempts > 1 else ""
        if status == 401 and code == "token-expired":
            return ChannelProblem(
                "token_expired",
                "Back Market token expired — issue a new token in the back office "
                "(Options > Integrations) and reconnect the store",
                status=status,
            )
        if status == 401 and code == "token-revoked":
            return ChannelProblem(
                "token_revoked",
                "Back Market token was revoked — add the ShipStation integration again in the "
                "back office (Options > Integrations) and reconnect with the new token",
                status=status,
            )
        if status == 401:
            return ChannelProblem(
                "unauthorized",
                "Back Market refused the API token — check that it was copied whole and that "
                "the region matches the account, then reconnect",
                status=status,
            )
        if status == 403:
            ray = failure.headers.get("cf-ray", "")
            return ChannelProblem(
                "forbidden",
                f"Back Market's firewall refused the request{f' (cf-ray {ray})' if ray else ''}"
                " — send a User-Agent naming the integration; if it persists, contact Back "
                "Market support with the cf-ray",
                status=status,
            )
        if status == 429:
            return ChannelProblem(
                "rate_limited",
                f"Back Market rate limit still reached{tries} — the next import retries",
                status=status,
            )
        if failure.kind != "status" or (status is not None and status >= 500):
            return ChannelProblem(
                "unavailable" if failure.kind != "unreadable" else "unreadable",
                f"Back Market did not answer usably ({failure.detail}{tries}) — the next "
                "import retries",
                status=status,
            )
        detail = f"{message.strip() or _bare_body(failure.body)} (HTTP {status})"
        if action == "import" and status == 404:
            # Back Market's documented 404 on GET /ws/orders is "Webservices unavailable".
            return ChannelProblem(
                "unavailable",
                f"Back Market's order listing is unavailable ({detail}) — the next import retries",
                status=status,
            )
        code = code.replace("-", "_").lower() or "rejected"
        if action == "notify":
            advice = "correct the order (e.g. its internal notes) and the next refresh resends it"
            return ChannelProblem(code, f"Back Market refused the shipment: {detail} — {advice}",
                                  status=status)  # fmt: skip
        if action == "accept":
            return ChannelProblem(
                code,
                f"Back Market refused to accept the order's lines: {detail} — the next import "
                "tries again",
                status=status,
            )
        return ChannelProblem(
            "rejected",
            f"Back Market refused the {action} request: {detail} — the request does not match "
            "the API; report it with this message",
            status=status,
        )

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


def _bare_body(body: str) -> str:
    """A refusal without Back Market's JSON envelope, in words."""
    text = body.strip()
    if not text:
        return "no detail given (empty body, as documented)"
    return "an HTML page" if text.startswith("<") else text[:200]


def _refusal(
    order: Mapping[str, Any], body: Mapping[str, Any], problem: ChannelProblem
) -> ChannelProblem:
    """Why Back Market refused ``body``, told from the order as it is now."""
    order_id, status = order.get("order_id"), problem.status
    lines = order.get("orderlines") or []
    live = [line for line in lines if line.get("state") not in CLOSED_LINES]
    said = f" ({problem.message})" if problem.code != "rejected" else ""
    if body["new_state"] != LINE_SHIPPED:
        return problem
    if not live:
        return ChannelProblem(
            "no_line_to_ship",
            f"Back Market has no line of order {order_id} left to ship (cancelled or refunded "
            "on Back Market); this shipment was not sent",
            status=status,
            final=True,
        )
    if order.get("state") == ORDER_SHIPPED:
        return ChannelProblem(
            "already_shipped",
            f"Back Market has order {order_id} shipped already, with other tracking "
            "(shipped from its back office?); this shipment was not sent",
            status=status,
            final=True,
        )
    if any(line.get("state") != LINE_ACCEPTED for line in live):
        states = ", ".join(str(line.get("state")) for line in live)
        return ChannelProblem(
            "not_accepted",
            f"Back Market refused the shipment of order {order_id}{said}: its lines are not "
            f"all accepted (states {states}) — the next import accepts them and the refresh "
            "resends it",
            status=status,
        )
    identifier = body.get("imei") or body.get("serial_number")
    if identifier:
        return ChannelProblem(
            "imei_refused",
            f"Back Market refused the identifier {identifier!r} sent with the shipment (the "
            f"order was ready to ship){said} — an IMEI needs 15 digits with a correct check "
            "digit (Luhn), and only an order of one line of quantity 1 takes one; correct "
            "the internal notes and the next refresh resends it",
            status=status,
        )
    return problem


def _already_done(order: Mapping[str, Any], body: Mapping[str, Any]) -> bool:
    """Whether the order already shows what the update asked for."""
    if body["new_state"] == LINE_SHIPPED:
        shipped = order.get("state") == ORDER_SHIPPED
        return bool(shipped and order.get("tracking_number") == body["tracking_number"])
    lines = order.get("orderlines") or []
    same_sku = [line for line in lines if line.get("listing") == body.get("sku")]
    return bool(same_sku) and all(line.get("state") == body["new_state"] for line in same_sku)


ADAPTER = BackMarketAdapter

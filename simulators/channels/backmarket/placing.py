"""Creating Back Market orders as buyers do: from the seeded factory or from explicit fields.

The seller API cannot create orders; scenarios and the admin API place them through here
(``POST /__sim/orders``). Fields accepted for an explicit order are listed in ``ORDER_FIELDS``.
"""

from __future__ import annotations

import random
from collections.abc import Mapping
from datetime import datetime, timedelta
from decimal import Decimal, InvalidOperation
from types import MappingProxyType
from typing import Any

from simulators.channels.backmarket import errors
from simulators.channels.backmarket.model import (
    LINE_STATE_FOR_ORDER,
    ORDER_PAID,
    ORDER_SHIPPED,
    Order,
    OrderLine,
)
from simulators.core.clock import ClockError, parse_instant
from simulators.core.errors import ChannelError
from simulators.core.factory import Address, OrderDraft, OrderFactory

#: Back Market marketplaces (Accept-Language / country_code) by ship-to country.
COUNTRY_CODES = MappingProxyType({
    "FR": "fr-fr", "BE": "fr-be", "ES": "es-es", "DE": "de-de", "AT": "de-at", "IT": "it-it",
    "JP": "ja-jp", "AU": "en-au", "GB": "en-gb", "US": "en-us", "NL": "nl-nl", "PT": "pt-pt",
    "IE": "en-ie", "GR": "el-gr", "SK": "sk-sk", "SE": "sv-se",
})  # fmt: skip
#: Factory locales whose countries are Back Market marketplaces (Latin, Japanese and Greek).
LOCALES = ("fr_FR", "de_DE", "en_GB", "en_US", "es_ES", "it_IT", "nl_NL", "ja_JP", "el_GR")
ORDER_FIELDS = frozenset(
    {
        "order_id", "state", "date_creation", "date_payment", "shipping_address", "ship_to",
        "billing_address", "country_code", "currency", "payment_method", "lines",
        "single_unit", "category", "tracking_number", "shipper",
    }
)  # fmt: skip
LINE_FIELDS = frozenset(
    {"sku", "product", "quantity", "price", "category", "brand", "imei", "serial_number"}
)
GENERATE_OPTIONS = frozenset({"state", "ship_to", "single_unit", "category", "lines"})
_CONDITIONS = (9, 10, 11, 12)


def _bad(field: str, message: str) -> ChannelError:
    return errors.validation({field: [message]})


def address_json(address: Address) -> dict[str, Any]:
    """A factory address in Back Market's snake_case address shape."""
    return {
        "first_name": address.first_name,
        "last_name": address.last_name,
        "gender": 0,
        "company": address.company,
        "street": address.street1,
        "street2": address.street2,
        "postal_code": address.postal_code,
        "city": address.city,
        "state": address.state,
        "country": address.country,
        "phone": address.phone,
        "email": address.email,
    }


class OrderPlacer:
    """Builds orders with seeded ids; the backend owns the orders it returns."""

    def __init__(self, seed: int, epoch: datetime) -> None:
        self.random = random.Random(seed ^ 0x5EED)
        self.factory = OrderFactory(seed, locales=LOCALES)
        self.epoch = epoch
        self._next_order = 40_000_000 + self.random.randrange(1_000_000)
        self._next_line = 90_000_000 + self.random.randrange(1_000_000)

    def order_id(self) -> int:
        """The next order id."""
        self._next_order += 1 + self.random.randrange(3)
        return self._next_order

    def line_id(self) -> int:
        """The next orderline id."""
        self._next_line += 1
        return self._next_line

    def from_draft(self, draft: OrderDraft, state: int, order_id: int | None = None) -> Order:
        """A Back Market order from a factory draft, in order ``state``."""
        line_state = LINE_STATE_FOR_ORDER[state]
        lines = [
            OrderLine(
                id=self.line_id(),
                sku=line.sku,
                product=line.name,
                quantity=line.quantity,
                price=line.unit_price,
                currency=draft.currency,
                state=line_state,
                date_creation=draft.placed_at,
                listing_id=self.random.randrange(100_000, 999_999),
                product_id=self.random.randrange(100_000, 999_999),
                brand=line.name.split()[0].lower(),
                condition=self.random.choice(_CONDITIONS),
                category=line.category,
                orderline_fee=(line.unit_price * Decimal("0.10")).quantize(Decimal("0.01")),
                sales_taxes=(line.unit_price * Decimal("0.1667")).quantize(Decimal("0.01")),
                backcare=self.random.random() < 0.2,
            )
            for line in draft.lines
        ]
        ship_to = draft.ship_to or draft.bill_to
        paid = state not in (0, 8, 10)
        return Order(
            order_id=order_id or self.order_id(),
            state=state,
            lines=lines,
            shipping_address=address_json(draft.ship_to) if draft.ship_to else None,
            billing_address=address_json(draft.bill_to),
            date_creation=draft.placed_at,
            date_modification=draft.paid_at,
            date_payment=draft.paid_at if paid else None,
            expected_dispatch_date=draft.placed_at + timedelta(hours=48),
            price=sum((li.unit_price * li.quantity for li in draft.lines), Decimal("0.00")),
            shipping_price=draft.shipping_amount,
            currency=draft.currency,
            country_code=COUNTRY_CODES.get(ship_to.country, "fr-fr"),
            payment_method=draft.payment_method,
            sales_taxes=draft.tax_amount,
            paypal_reference=(
                f"PAY-{self.random.getrandbits(48):012X}"
                if draft.payment_method == "PAYPAL"
                else None
            ),
            delivery_note=f"https://www.backmarket.fr/delivery_note/{self._next_order}.pdf",
        )

    def generate(self, options: Mapping[str, Any], now: datetime | None = None) -> Order:
        """One realistic order; options: state, ship_to (bool), single_unit, category, lines."""
        unknown = sorted(set(options) - GENERATE_OPTIONS)
        if unknown:
            raise _bad(unknown[0], f"unknown option; known: {', '.join(sorted(GENERATE_OPTIONS))}")
        state = options.get("state", ORDER_PAID)
        if state not in LINE_STATE_FOR_ORDER:
            raise _bad("state", f"{state!r} is not a Back Market order state")
        draft = self.factory.draft(
            now or self.epoch,
            ship_to=bool(options.get("ship_to", True)),
            lines=options.get("lines"),
            category=options.get("category"),
            single_unit=bool(options.get("single_unit", False)),
        )
        return self.from_draft(draft, state)

    def explicit(self, data: Mapping[str, Any], now: datetime) -> Order:
        """An order from explicit fields; what is not given comes from the factory."""
        unknown = sorted(set(data) - ORDER_FIELDS)
        if unknown:
            raise _bad(unknown[0], f"unknown order field; known: {', '.join(sorted(ORDER_FIELDS))}")
        state = data.get("state", ORDER_PAID)
        if state not in LINE_STATE_FOR_ORDER:
            raise _bad("state", f"{state!r} is not a Back Market order state")
        lines_spec = data.get("lines")
        draft = self.factory.draft(
            now,
            lines=len(lines_spec) if isinstance(lines_spec, list) and lines_spec else None,
            category=data.get("category"),
            single_unit=bool(data.get("single_unit", False)),
        )
        order = self.from_draft(draft, state, order_id=data.get("order_id"))
        self._apply_dates(order, data)
        if "shipping_address" in data or "ship_to" in data:
            given = data.get("shipping_address", data.get("ship_to"))
            order.shipping_address = None if given is None else {**order.billing_address, **given}
        for key in ("billing_address",):
            if key in data:
                order.billing_address = {**order.billing_address, **data[key]}
        for key in ("country_code", "currency", "payment_method"):
            if key in data:
                setattr(order, key, str(data[key]))
        if isinstance(lines_spec, list):
            self._apply_lines(order, lines_spec)
        if state == ORDER_SHIPPED:
            order.tracking_number = str(data.get("tracking_number", "1Z999AA10123456784"))
            order.shipper = str(data.get("shipper", "UPS"))
            order.date_shipping = order.date_modification
        return order

    @staticmethod
    def _apply_dates(order: Order, data: Mapping[str, Any]) -> None:
        for key in ("date_creation", "date_payment"):
            if key not in data:
                continue
            try:
                value = parse_instant(str(data[key]))
            except ClockError as exc:
                raise _bad(key, str(exc)) from exc
            setattr(order, key, value)
            if key == "date_creation":
                order.date_modification = max(order.date_modification, value)
                order.expected_dispatch_date = value + timedelta(hours=48)
                for line in order.lines:
                    line.date_creation = value
            else:
                order.date_modification = max(order.date_modification, value)

    @staticmethod
    def _apply_lines(order: Order, specs: list[Any]) -> None:
        for index, (line, spec) in enumerate(zip(order.lines, specs, strict=True)):
            if not isinstance(spec, Mapping):
                raise _bad(f"lines.{index}", "each line must be a mapping")
            unknown = sorted(set(spec) - LINE_FIELDS)
            if unknown:
                raise _bad(
                    f"lines.{index}.{unknown[0]}", f"known: {', '.join(sorted(LINE_FIELDS))}"
                )
            for key in ("sku", "product", "category", "brand", "imei", "serial_number"):
                if key in spec:
                    setattr(line, key, str(spec[key]))
            if "quantity" in spec:
                if not isinstance(spec["quantity"], int) or spec["quantity"] < 1:
                    raise _bad(f"lines.{index}.quantity", "must be an integer >= 1")
                line.quantity = spec["quantity"]
            if "price" in spec:
                try:
                    line.price = Decimal(str(spec["price"])).quantize(Decimal("0.01"))
                except InvalidOperation as exc:
                    raise _bad(f"lines.{index}.price", "must be a decimal amount") from exc
        order.price = sum((li.price * li.quantity for li in order.lines), Decimal("0.00"))

"""Creating Back Market orders as buyers do: from the seeded factory or from explicit fields.

The seller API cannot create orders; scenarios and the admin API place them through here
(``POST /__sim/orders``), after ``order_input`` has checked what was asked for.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Mapping
from datetime import datetime, timedelta
from decimal import Decimal
from types import MappingProxyType
from typing import Any

from simulators.channels.backmarket.brands import brand_of
from simulators.channels.backmarket.orders import Order, OrderLine
from simulators.channels.backmarket.transitions import LINE_STATE_FOR_ORDER, ORDER_SHIPPED
from simulators.core.factory import Address, OrderDraft, OrderFactory
from simulators.core.factory.catalogues import REFURBISHED_ELECTRONICS

#: Back Market marketplaces (Accept-Language / country_code) by ship-to country.
COUNTRY_CODES = MappingProxyType({
    "FR": "fr-fr", "BE": "fr-be", "ES": "es-es", "DE": "de-de", "AT": "de-at", "IT": "it-it",
    "JP": "ja-jp", "AU": "en-au", "GB": "en-gb", "US": "en-us", "NL": "nl-nl", "PT": "pt-pt",
    "IE": "en-ie", "GR": "el-gr", "SK": "sk-sk", "SE": "sv-se",
})  # fmt: skip
#: What Back Market's sellers sell: refurbished devices by grade (single-unit orders are one
#: smartphone, the lines that take an IMEI).
CATALOGUE = REFURBISHED_ELECTRONICS
#: Factory locales of the EU platform's countries, where the simulated seller sells (a seller
#: account belongs to one platform; an order of another is placed with its ``country_code``).
LOCALES = ("fr_FR", "de_DE", "en_GB", "es_ES", "it_IT", "nl_NL", "el_GR")
_CONDITIONS = (9, 10, 11, 12)
#: Shipper names Back Market recognises (from its listing shipper enum).
_SHIPPERS = ("Colissimo", "Chronopost", "DHL Express", "UPS", "DPD", "GLS")


def address_json(address: Address, gender: int = 0) -> dict[str, Any]:
    """A factory address in Back Market's snake_case address shape (``gender``: 0 male,
    1 female, as real clients read it)."""
    return {
        "first_name": address.first_name,
        "last_name": address.last_name,
        "gender": gender,
        "company": address.company,
        "street": address.street1,
        "street2": address.street2,
        "postal_code": address.postal_code,
        "city": address.city,
        "state": address.state,
        "country": address.country,
        "phone": address.phone,
        "email": address.email,
        "customer_id_number": "",
    }


class OrderPlacer:
    """Builds orders with seeded ids; the backend owns the orders it returns."""

    def __init__(self, seed: int, taken: Callable[[int], bool]) -> None:
        self.random = random.Random(seed ^ 0x5EED)
        self.taken = taken
        self.factory = OrderFactory(seed, catalogue=CATALOGUE, locales=LOCALES)
        self._next_order = 40_000_000 + self.random.randrange(1_000_000)
        self._next_line = 90_000_000 + self.random.randrange(1_000_000)
        #: Draws added later come from their own source, so the ids and the factory's
        #: drafts of a seed stay what they were.
        self.details = random.Random(seed ^ 0xB4C4)
        self.merchant_id = 100_000 + self.details.randrange(900_000)

    def order_id(self) -> int:
        """The next order id not already taken (ids given explicitly are skipped)."""
        self._next_order += 1 + self.random.randrange(3)
        while self.taken(self._next_order):
            self._next_order += 1
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
                brand=(line.brand or brand_of(line.name)).lower(),
                condition=self.random.choice(_CONDITIONS),
                category=line.category,
                orderline_fee=(line.unit_price * Decimal("0.10")).quantize(Decimal("0.01")),
                sales_taxes=(line.unit_price * Decimal("0.1667")).quantize(Decimal("0.01")),
                backcare=self.random.random() < 0.2,
            )
            for line in draft.lines
        ]
        for line in lines:  # BackCare insurance, in cents: about 5 % of the unit price
            line.backcare_price = int(line.price * 5) if line.backcare else 0
        ship_to = draft.ship_to or draft.bill_to
        paid = state not in (0, 8, 10)
        oid = order_id or self.order_id()
        shipped = state == ORDER_SHIPPED
        gender = self.details.randrange(2)
        return Order(
            order_id=oid,
            state=state,
            lines=lines,
            shipping_address=address_json(draft.ship_to, gender) if draft.ship_to else None,
            billing_address=address_json(draft.bill_to, gender),
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
            psp_reference=f"{self.details.getrandbits(53):016d}" if paid else None,
            merchant_id=self.merchant_id,
            date_bill_provided=draft.paid_at if shipped else None,
            delivery_note=f"https://www.backmarket.fr/delivery_note/{oid}.pdf",
            tracking_number=f"1Z{self.random.getrandbits(64):016X}" if shipped else "",
            shipper=self.random.choice(_SHIPPERS) if shipped else "",
            date_shipping=draft.paid_at if shipped else None,
        )

    def generate(self, options: Mapping[str, Any], now: datetime) -> Order:
        """One realistic order from options checked by ``order_input.generate_options``."""
        draft = self.factory.draft(
            now,
            ship_to=options["ship_to"],
            lines=options["lines"],
            category=options["category"],
            single_unit=options["single_unit"],
        )
        return self.from_draft(draft, options["state"])

    def explicit(self, data: Mapping[str, Any], now: datetime) -> Order:
        """An order from fields checked by ``order_input.order``; the rest from the factory."""
        lines = data.get("lines")
        draft = self.factory.draft(
            now,
            lines=len(lines) if lines else None,
            category=data["category"],
            single_unit=data["single_unit"],
        )
        order = self.from_draft(draft, data["state"], order_id=data.get("order_id"))
        if "date_creation" in data:
            created = data["date_creation"]
            order.date_creation = created
            order.date_modification = max(order.date_modification, created)
            order.expected_dispatch_date = created + timedelta(hours=48)
            for line in order.lines:
                line.date_creation = created
        if "date_payment" in data:
            order.date_payment = data["date_payment"]
            order.date_modification = max(order.date_modification, data["date_payment"])
        if "shipping_address" in data:
            given = data["shipping_address"]
            order.shipping_address = None if given is None else {**order.billing_address, **given}
        if "billing_address" in data:
            order.billing_address = {**order.billing_address, **data["billing_address"]}
        for key in ("country_code", "currency", "payment_method"):
            if key in data:
                setattr(order, key, data[key])
        for line, given in zip(order.lines, lines or [], strict=False):
            for key, value in given.items():
                setattr(line, key, value)
            if "product" in given and "brand" not in given:
                line.brand = brand_of(line.product)
        if any("state" in given for given in lines or []):
            order.derive_state()  # e.g. a line on hold (9) keeps the order paid (1)
        order.price = sum((li.price * li.quantity for li in order.lines), Decimal("0.00"))
        if order.state == ORDER_SHIPPED:
            order.tracking_number = data.get("tracking_number", order.tracking_number)
            order.shipper = data.get("shipper", order.shipper)
            order.date_shipping = order.date_modification
        return order

"""Creating Bluepark orders as buyers do: from the seeded factory or from explicit fields.

A Bluepark shop is a UK shop: British addresses, pounds, 20% VAT included in prices. The
API cannot be asked to place an order for a buyer; scenarios and the admin API place them
through here (``POST /__sim/orders``), after ``order_input`` has checked what was asked for.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Mapping
from datetime import date, datetime, timedelta
from decimal import Decimal
from types import MappingProxyType
from typing import Any

from simulators.channels.bluepark.orders import Coupon, Item, Order
from simulators.channels.bluepark.statuses import COMPLETED, PAID
from simulators.core.factory import Address, OrderDraft, OrderFactory
from simulators.core.factory.catalogues import GENERAL_RETAIL

LOCALES = ("en_GB",)
#: A UK web shop's products (home, kitchen, apparel, gifts...), in GBP with VAT included.
CATALOGUE = GENERAL_RETAIL
VAT_RATE = Decimal("20.00")
_COURIERS = ("Royal Mail", "DPD", "Evri", "Parcelforce")
_PAYMENTS = MappingProxyType(
    {"CARD": "Card", "PAYPAL": "PayPal", "KLARNA": "Klarna", "BANK_TRANSFER": "Bank Transfer"}
)


def address_json(address: Address) -> dict[str, str]:
    """A factory address in Bluepark's shape (UK field names)."""
    return {
        "first_name": address.first_name,
        "last_name": address.last_name,
        "company": address.company,
        "address_line_1": address.street1,
        "address_line_2": address.street2,
        "town": address.city,
        "county": address.state,
        "postcode": address.postal_code,
        "country": address.country,
        "telephone": address.phone,
    }


class OrderPlacer:
    """Builds orders with seeded ids; the backend owns the orders it returns."""

    def __init__(self, seed: int, taken: Callable[[int], bool]) -> None:
        self.random = random.Random(seed ^ 0xB1E)
        self.taken = taken
        self.factory = OrderFactory(seed, catalogue=CATALOGUE, locales=LOCALES)
        self._next_order = 100_000 + self.random.randrange(100_000)
        self._next_item = 500_000 + self.random.randrange(100_000)

    def order_id(self) -> int:
        """The next order id not already taken (ids given explicitly are skipped)."""
        self._next_order += 1
        while self.taken(self._next_order):
            self._next_order += 1
        return self._next_order

    def _delivery_date(self, placed: datetime, wanted: bool | None) -> date | None:
        """The day the buyer chose at checkout (2 to 6 days out), for about 3 orders in 5."""
        chosen = self.random.random() < 0.6
        days = self.random.randint(2, 6)
        if not (chosen if wanted is None else wanted):
            return None
        return (placed + timedelta(days=days)).date()

    def from_draft(
        self,
        draft: OrderDraft,
        status: str,
        *,
        order_id: int | None = None,
        coupons: bool | None = None,
        delivery_date: bool | None = None,
    ) -> Order:
        """A Bluepark order from a factory draft, in ``status``."""
        items = [
            Item(
                id=self._item_id(),
                product_id=self.random.randrange(1_000, 99_999),
                sku=line.sku,
                name=line.name,
                quantity=line.quantity,
                unit_price=line.unit_price,
                vat_rate=VAT_RATE,
                weight=(Decimal(line.weight_grams) / 1000).quantize(Decimal("0.001")),
                image_url=line.image_url,
                options=[{"name": o.name, "value": o.value} for o in line.options],
                stock_location=line.stock_location,
            )
            for line in draft.lines
        ]
        found = [Coupon(d.code, d.amount) for d in draft.discounts]
        if coupons and not found:
            found = [Coupon("WELCOME10", (draft.subtotal() / 10).quantize(Decimal("0.01")))]
        shipped = status == COMPLETED
        return Order(
            id=order_id or self.order_id(),
            status=status,
            date_created=draft.placed_at,
            date_modified=draft.paid_at,
            date_paid=draft.paid_at if status in PAID else None,
            customer={
                "id": self.random.randrange(10_000, 99_999),
                "email": draft.customer_email,
                "telephone": draft.customer_phone,
                "first_name": draft.bill_to.first_name,
                "last_name": draft.bill_to.last_name,
            },
            billing_address=address_json(draft.bill_to),
            shipping_address=address_json(draft.ship_to) if draft.ship_to else None,
            items=items,
            delivery_method=draft.shipping_service,
            delivery_total=draft.shipping_amount,
            delivery_date=self._delivery_date(draft.placed_at, delivery_date),
            payment_method=_PAYMENTS.get(draft.payment_method, draft.payment_method.title()),
            coupons=[] if coupons is False else found,
            vat_rate=VAT_RATE,
            gift=draft.gift,
            gift_message=draft.gift_message,
            customer_comments=draft.customer_notes,
            admin_comments=draft.internal_notes,
            tracking_number=f"JD{self.random.getrandbits(60):018d}"[:20] if shipped else None,
            courier=self.random.choice(_COURIERS) if shipped else None,
            date_dispatched=draft.paid_at if shipped else None,
        )

    def _item_id(self) -> int:
        self._next_item += 1
        return self._next_item

    def generate(self, options: Mapping[str, Any], now: datetime) -> Order:
        """One realistic order from options checked by ``order_input.generate_options``."""
        draft = self.factory.draft(now, ship_to=options["ship_to"], lines=options["lines"])
        return self.from_draft(
            draft,
            options["status"],
            coupons=options["coupons"],
            delivery_date=options["delivery_date"],
        )

    def explicit(self, data: Mapping[str, Any], now: datetime) -> Order:
        """An order from fields checked by ``order_input.order``; the rest from the factory."""
        given_items = data.get("items") or []
        draft = self.factory.draft(now, lines=len(given_items) or None)
        order = self.from_draft(
            draft,
            data["status"],
            order_id=data.get("id"),
            coupons=False if "coupons" in data else None,
            delivery_date=None,
        )
        if "date_created" in data:
            created = data["date_created"]
            shift = created - order.date_created
            order.date_created = created
            order.date_modified = max(order.date_modified + shift, created)
            if order.date_paid is not None:
                order.date_paid = order.date_modified
            if order.delivery_date is not None:
                order.delivery_date += timedelta(days=shift.days)
        if "date_paid" in data:
            order.date_paid = data["date_paid"]
            order.date_modified = max(order.date_modified, data["date_paid"])
        if "shipping_address" in data:
            given = data["shipping_address"]
            order.shipping_address = None if given is None else {**order.billing_address, **given}
        if "billing_address" in data:
            order.billing_address = {**order.billing_address, **data["billing_address"]}
        for key in (
            "delivery_date",
            "delivery_method",
            "payment_method",
            "customer_comments",
            "admin_comments",
            "gift",
            "gift_message",
            "tracking_number",
            "courier",
        ):
            if key in data:
                setattr(order, key, data[key])
        order.coupons = [Coupon(code, amount) for code, amount in data.get("coupons", [])] or (
            order.coupons
        )
        for item, given in zip(order.items, given_items, strict=False):
            for key, value in given.items():
                setattr(item, key, value)
        if order.status == COMPLETED and order.date_dispatched is not None:
            order.date_dispatched = order.date_modified
        return order

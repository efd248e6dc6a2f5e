"""Creating UltraCart orders as buyers do: from the seeded factory or from explicit fields.

The DC service cannot create orders; scenarios and the control plane place them through here
(``POST /__sim/orders``), after ``order_input`` has checked what was asked for.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Mapping
from datetime import datetime
from decimal import Decimal
from types import MappingProxyType
from typing import Any

from simulators.channels.ultracart.orders import Address, Item, Order
from simulators.core.factory import Address as DraftAddress
from simulators.core.factory import OrderDraft, OrderFactory
from simulators.core.factory.catalogues import GENERAL_RETAIL

#: UltraCart is mostly used by US merchants; the legacy order XML writes countries in full.
LOCALES = ("en_US", "en_US", "en_US", "en_GB")
#: What the simulated merchant sells: general retail (home, apparel, gifts) in USD.
CATALOGUE = GENERAL_RETAIL
COUNTRY_NAMES = MappingProxyType({"US": "United States", "GB": "United Kingdom"})
_GRAMS_PER_LB = Decimal("453.59237")
_SERVICES = ("FedEx: Ground", "UPS: Ground", "USPS: Priority Mail", "FedEx: 2Day")


def address_of(address: DraftAddress) -> Address:
    """A factory address in UltraCart's ``bill_to_*``/``ship_to_*`` shape."""
    return Address(
        company=address.company,
        first_name=address.first_name,
        last_name=address.last_name,
        address1=address.street1,
        address2=address.street2,
        city=address.city,
        state=address.state,
        zip=address.postal_code,
        country=COUNTRY_NAMES.get(address.country, address.country),
    )


class OrderPlacer:
    """Builds orders with seeded ids; the backend owns the orders it returns."""

    def __init__(self, seed: int, taken: Callable[[str], bool]) -> None:
        self.random = random.Random(seed ^ 0x0C47)
        self.taken = taken
        self.factory = OrderFactory(seed, catalogue=CATALOGUE, locales=LOCALES)
        self._next = 10_000 + self.random.randrange(80_000)

    def order_id(self, merchant_id: str) -> str:
        """The next free ``MERCHANT-NNNNN`` id."""
        while True:
            self._next += 1 + self.random.randrange(3)
            candidate = f"{merchant_id}-{self._next}"
            if not self.taken(candidate):
                return candidate

    def from_draft(
        self, draft: OrderDraft, merchant_id: str, dc: str, stage: str, other_dc: str | None
    ) -> Order:
        """An UltraCart order from a factory draft; with ``other_dc``, its last item ships from
        that other distribution center (orders of two DCs carry two item lists)."""
        items = [
            Item(
                item_id=line.sku,
                item_index=index,
                quantity=line.quantity,
                description=line.name,
                cost=line.unit_price,
                discount=Decimal("0.00"),
                weight_lb=(Decimal(line.weight_grams) / _GRAMS_PER_LB).quantize(Decimal("0.01")),
                distribution_center_code=dc,
                barcode=f"{self.random.randrange(10**11, 10**12)}",
                manufacturer_sku=line.sku.split("-")[0] + f"-{self.random.randrange(1000, 9999)}",
                options=tuple((o.name, o.value) for o in line.options),
            )
            for index, line in enumerate(draft.lines, start=1)
        ]
        if other_dc:
            if len(items) == 1:
                first = items[0]
                items.append(
                    Item(**{**first.__dict__, "item_index": 2, "item_id": first.item_id + "-ACC"})
                )
            items[-1].distribution_center_code = other_dc
        discount = sum((d.amount for d in draft.discounts), Decimal("0.00"))
        return Order(
            order_id=self.order_id(merchant_id),
            merchant_id=merchant_id,
            current_stage=stage,
            order_date=draft.placed_at,
            payment_date=draft.paid_at,
            bill_to=address_of(draft.bill_to),
            ship_to=address_of(draft.ship_to) if draft.ship_to else None,
            email=draft.customer_email,
            day_phone=draft.customer_phone,
            evening_phone=draft.customer_phone if self.random.random() < 0.5 else "",
            shipping_method=self.random.choice(_SERVICES),
            payment_method="Credit Card" if self.random.random() < 0.8 else "PayPal",
            currency_code="USD" if draft.currency == "USD" else draft.currency,
            items=items,
            shipping_handling_total=draft.shipping_amount,
            tax=draft.tax_amount,
            subtotal_discount=discount,
            coupon_code=draft.discounts[0].code if draft.discounts else "",
            gift=draft.gift,
            gift_message=draft.gift_message,
            special_instructions=draft.customer_notes,
            merchant_notes=draft.internal_notes,
        )

    def generate(self, options: Mapping[str, Any], now: datetime, merchant_id: str) -> Order:
        """One realistic order from options checked by ``order_input.generate_options``."""
        draft = self.factory.draft(now, ship_to=options["ship_to"], lines=options["lines"])
        order = self.from_draft(
            draft, merchant_id, options["dc"], options["current_stage"], options["other_dc"]
        )
        if options["discount"] and not order.subtotal_discount:
            order.subtotal_discount = (order.subtotal() * Decimal("0.10")).quantize(Decimal("0.01"))
            order.coupon_code = "TENOFF"
        return order

    def explicit(self, data: Mapping[str, Any], now: datetime, merchant_id: str) -> Order:
        """An order from fields checked by ``order_input.order``; the rest from the factory."""
        items = data.get("items")
        draft = self.factory.draft(now, lines=min(len(items), 4) if items else None)
        order = self.from_draft(
            draft, merchant_id, data["default_dc"], data.get("current_stage", "SD"), None
        )
        if "order_id" in data:
            order.order_id = data["order_id"]
        if items:
            template = order.items[0]
            order.items = [
                Item(
                    **{
                        **(order.items[i].__dict__ if i < len(order.items) else template.__dict__),
                        "item_index": i + 1,
                        **(
                            {"item_id": f"{template.item_id}-{i + 1}"}
                            if i >= len(order.items)
                            else {}
                        ),
                        "distribution_center_code": data["default_dc"],
                        **given,
                    }
                )
                for i, given in enumerate(items)
            ]
        if "order_date" in data:
            order.order_date = data["order_date"]
            order.payment_date = data["order_date"]
        if "ship_to" in data:
            given = data["ship_to"]
            base = order.ship_to or order.bill_to
            order.ship_to = None if given is None else Address(**{**base.__dict__, **given})
        if data.get("imported"):
            order.imported.update(order.centers())
        for key in ("subtotal_discount", "coupon_code", "gift", "gift_message", "merchant_notes",
                    "special_instructions", "shipping_method"):  # fmt: skip
            if key in data:
                setattr(order, key, data[key])
        return order

"""Creating a Custom Store's orders as buyers do: from the seeded factory and the flavour's
catalogue, or from explicit fields (``order_input`` checked them first)."""

from __future__ import annotations

import random
from collections.abc import Callable, Mapping
from datetime import datetime
from decimal import Decimal
from typing import Any

from simulators.core.factory import Address, OrderDraft, OrderFactory
from simulators.core.factory.model import OrderLine
from simulators.core.protocols.custom_store.flavour import Flavour
from simulators.core.protocols.custom_store.orders import StoreLine, StoreOrder

_CENT = Decimal("0.01")
_OUNCES_PER_GRAM = Decimal("0.035274")
#: The store adds its state's sales tax to the goods.
_TAX_RATE = Decimal("0.0725")
_PAYMENTS = (("CREDIT_CARD", "Credit Card"), ("PAYPAL", "PayPal"), ("APPLE_PAY", "Apple Pay"),
             ("GOOGLE_PAY", "Google Pay"))  # fmt: skip
#: Order fields an explicit order may set as given.
_COPIED = (
    "number", "customer_notes", "internal_notes", "gift_message", "gift", "payment_method",
    "shipping_method", "requested_warehouse", "source", "shipping_amount",
)  # fmt: skip


def address_fields(address: Address) -> dict[str, str]:
    """A factory address as the store keeps it."""
    return {
        "name": address.name, "company": address.company, "street1": address.street1,
        "street2": address.street2, "city": address.city, "state": address.state,
        "postal_code": address.postal_code, "country": address.country,
        "phone": address.phone, "email": address.email,
    }  # fmt: skip


def without_address(bill_to: Mapping[str, str]) -> dict[str, str]:
    """The ShipTo of an order with no shipping address: the elements export.xsd requires,
    the buyer's name and country, the address itself empty (as stores write it)."""
    return {"name": bill_to.get("name", ""), "country": bill_to.get("country", "US")}


def _goods(lines: list[StoreLine]) -> Decimal:
    return sum((ln.unit_price * ln.quantity for ln in lines if not ln.adjustment), Decimal(0))


class OrderPlacer:
    """Builds orders with seeded numbers; the backend owns the orders it returns."""

    def __init__(self, seed: int, flavour: Flavour, taken: Callable[[str], bool]) -> None:
        self.flavour = flavour
        self.random = random.Random(f"custom-store:{flavour.name}:{seed}")
        self.factory = OrderFactory(seed, catalogue=flavour.catalogue, locales=("en_US",))
        self.taken = taken
        self._next_number = 10_000 + self.random.randrange(80_000)
        self._next_id = 500_000 + self.random.randrange(400_000)
        self._next_line = 1_000_000 + self.random.randrange(8_000_000)

    def number(self) -> str:
        """The next order number not already taken."""
        self._next_number += 1 + self.random.randrange(2)
        while self.taken(f"{self.flavour.number_prefix}{self._next_number}"):
            self._next_number += 1
        return f"{self.flavour.number_prefix}{self._next_number}"

    def _line_id(self) -> str:
        self._next_line += 1
        return str(self._next_line)

    def _upc(self) -> str:
        """A 12-digit UPC-A with its check digit."""
        body = [self.random.randrange(10) for _ in range(11)]
        check = (10 - (sum(body[0::2]) * 3 + sum(body[1::2])) % 10) % 10
        return "".join(map(str, body)) + str(check)

    def _line(self, line: OrderLine) -> StoreLine:
        return StoreLine(
            line_id=self._line_id(),
            sku=line.sku,
            name=line.name,
            quantity=line.quantity,
            unit_price=line.unit_price,
            weight_oz=(line.weight_grams * _OUNCES_PER_GRAM).quantize(_CENT),
            image_url=line.image_url,
            location=line.stock_location,
            upc=self._upc(),
            options=tuple((o.name, o.value) for o in line.options),
            vendor=self.flavour.routes.get(line.vendor, ""),
        )

    def coupon(self, code: str, amount: Decimal) -> StoreLine:
        """A coupon adjustment line: negative price, no SKU (on the platform's side of a split)."""
        return StoreLine(
            line_id=self._line_id(),
            sku="",
            name=f"Coupon {code}",
            quantity=1,
            unit_price=-amount,
            adjustment=True,
            vendor=self.flavour.platform_vendor or "",
        )

    def _order(self, draft: OrderDraft, status: str) -> StoreOrder:
        rng = self.random
        lines = [self._line(line) for line in draft.lines]
        lines += [self.coupon(d.code, d.amount) for d in draft.discounts]
        self._next_id += 1 + rng.randrange(5)
        payment = dict(_PAYMENTS).get(draft.payment_method, draft.payment_method.title())
        return StoreOrder(
            order_id=str(self._next_id),
            number=self.number(),
            status=status,
            order_date=draft.placed_at,
            modified=draft.paid_at,
            lines=lines,
            bill_to=address_fields(draft.bill_to),
            ship_to=address_fields(draft.ship_to or draft.bill_to),
            customer_code=draft.customer_email,
            currency=draft.currency,
            shipping_method=draft.shipping_service,
            payment_method=payment,
            tax_amount=(_goods(lines) * _TAX_RATE).quantize(_CENT),
            shipping_amount=draft.shipping_amount,
            customer_notes=draft.customer_notes,
            internal_notes=draft.internal_notes,
            gift=draft.gift,
            gift_message=draft.gift_message,
            requested_warehouse=lines[0].location.split("-")[0] if rng.random() < 0.3 else "",
            source="Web" if rng.random() < 0.8 else "Phone",
            dimensions=self._box(lines) if rng.random() < 0.3 else None,
        )

    @staticmethod
    def _box(lines: list[StoreLine]) -> tuple[Decimal, Decimal, Decimal, str]:
        """The package the store suggests, in inches, roughly sized by the order's weight."""
        ounces = sum((ln.weight_oz or Decimal(0)) * ln.quantity for ln in lines)
        side = Decimal(6 + min(30, int(ounces) // 40))
        return side + 4, side, Decimal(max(4, int(side) // 2)), "Inch"

    def generate(self, options: Mapping[str, Any], now: datetime) -> StoreOrder:
        """One realistic order from options checked by ``order_input.generate_options``."""
        return self._order(self.factory.draft(now, lines=options.get("lines")), options["status"])

    def explicit(self, data: Mapping[str, Any], now: datetime) -> StoreOrder:
        """An order from fields checked by ``order_input.order``; the rest from the factory."""
        given = data.get("lines")
        draft = self.factory.draft(now, lines=min(len(given), 4) if given else None)
        order = self._order(draft, data["status"])
        order.lines = [ln for ln in order.lines if not ln.adjustment]
        while given and len(order.lines) < len(given):  # more lines than a draft has
            order.lines.append(self._line(draft.lines[len(order.lines) % len(draft.lines)]))
        for line, spec in zip(order.lines, given or [], strict=False):
            for key, value in spec.items():
                setattr(line, key, value)
        for key in _COPIED:
            if key in data:
                setattr(order, key, data[key])
        for key in ("ship_to", "bill_to"):
            if data.get(key):
                setattr(order, key, {**getattr(order, key), **data[key]})
        if "ship_to" in data and data["ship_to"] is None:
            order.ship_to = without_address(order.bill_to)
        if "order_date" in data:
            order.order_date = data["order_date"]
            order.modified = max(order.modified, data["order_date"])
        if "modified" in data:
            order.modified = data["modified"]
        if "coupon" in data:
            trade = self.flavour.catalogue.trade
            share = dict(trade.percent_coupons).get(data["coupon"], 10)
            amount = (_goods(order.lines) * share / 100).quantize(_CENT)
            order.lines.append(self.coupon(data["coupon"], amount))
        order.tax_amount = (_goods(order.lines) * _TAX_RATE).quantize(_CENT)
        return order

"""Creating a Custom Store's orders as buyers do: from the seeded factory and the flavour's
catalogue, or from explicit fields (``order_input`` checked them first)."""

from __future__ import annotations

import random
from collections.abc import Callable, Mapping
from datetime import datetime
from decimal import Decimal
from typing import Any

from simulators.core.factory import Address, OrderFactory
from simulators.core.protocols.custom_store.flavour import Flavour, Product
from simulators.core.protocols.custom_store.orders import StoreLine, StoreOrder

_CENT = Decimal("0.01")
#: US-style orders: the store adds sales tax and charges shipping by service.
_SERVICES = (("UPS Ground", "9.95"), ("USPS Priority Mail", "12.40"), ("FedEx 2Day", "24.90"),
             ("Free Shipping", "0.00"))  # fmt: skip
_TAX_RATE = Decimal("0.0725")
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


class OrderPlacer:
    """Builds orders with seeded numbers; the backend owns the orders it returns."""

    def __init__(self, seed: int, flavour: Flavour, taken: Callable[[str], bool]) -> None:
        self.flavour = flavour
        self.random = random.Random(f"custom-store:{flavour.name}:{seed}")
        self.factory = OrderFactory(seed, locales=("en_US",))
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

    def _line(self, product: Product, quantity: int) -> StoreLine:
        self._next_line += 1
        rng = self.random
        options = tuple((name, rng.choice(values)) for name, values in product.options)
        slug = product.sku.lower()
        return StoreLine(
            line_id=str(self._next_line),
            sku=product.sku,
            name=product.name,
            quantity=quantity,
            unit_price=product.price,
            weight_oz=product.weight_oz,
            image_url=f"https://cdn.example.com/{self.flavour.name}/img/{slug}.jpg"
            if rng.random() < 0.85
            else "",
            location=rng.choice(self.flavour.locations),
            upc=product.upc,
            options=options,
            vendor=self._vendor(),
        )

    def _vendor(self) -> str:
        flavour = self.flavour
        if flavour.platform_vendor is None:
            return ""
        if self.random.random() < 0.7:
            return flavour.platform_vendor
        return self.random.choice(flavour.other_vendors)

    def generate(self, options: Mapping[str, Any], now: datetime) -> StoreOrder:
        """One realistic order from options checked by ``order_input.generate_options``."""
        rng, flavour = self.random, self.flavour
        draft = self.factory.draft(now, lines=1)
        count = options.get("lines") or rng.choice((1, 1, 1, 2, 2, 3, 4))
        products = rng.sample(flavour.catalogue, min(count, len(flavour.catalogue)))
        lines = [self._line(p, rng.choice((1, 1, 1, 2, 4))) for p in products]
        subtotal = sum((ln.unit_price * ln.quantity for ln in lines), Decimal(0))
        if flavour.coupons and rng.random() < 0.2:
            code, share = rng.choice(flavour.coupons)
            lines.append(self.coupon(code, (subtotal * share).quantize(_CENT)))
        service, shipping = rng.choice(_SERVICES)
        self._next_id += 1 + rng.randrange(5)
        return StoreOrder(
            order_id=str(self._next_id),
            number=self.number(),
            status=options["status"],
            order_date=draft.placed_at,
            modified=draft.paid_at,
            lines=lines,
            bill_to=address_fields(draft.bill_to),
            ship_to=address_fields(draft.ship_to or draft.bill_to),
            customer_code=draft.customer_email,
            currency="USD",
            shipping_method=service,
            payment_method=rng.choice(("Credit Card", "PayPal", "Net 30 Terms", "Affirm")),
            tax_amount=(subtotal * _TAX_RATE).quantize(_CENT),
            shipping_amount=Decimal(shipping),
            customer_notes=draft.customer_notes,
            internal_notes=draft.internal_notes,
            gift=draft.gift,
            gift_message=draft.gift_message,
            requested_warehouse=lines[0].location.split("-")[0] if rng.random() < 0.3 else "",
            source="Web" if rng.random() < 0.8 else "Phone",
            dimensions=self._box(lines) if rng.random() < 0.3 else None,
        )

    def _box(self, lines: list[StoreLine]) -> tuple[Decimal, Decimal, Decimal, str]:
        """The package the store suggests, in inches, roughly sized by the order's weight."""
        ounces = sum((ln.weight_oz or Decimal(0)) * ln.quantity for ln in lines)
        side = Decimal(6 + min(30, int(ounces) // 40))
        return side + 4, side, Decimal(max(4, int(side) // 2)), "Inch"

    def coupon(self, code: str, amount: Decimal) -> StoreLine:
        """A coupon adjustment line: negative price, no SKU."""
        self._next_line += 1
        return StoreLine(
            line_id=str(self._next_line),
            sku="",
            name=f"Coupon {code}",
            quantity=1,
            unit_price=-amount,
            adjustment=True,
            vendor=self.flavour.platform_vendor or "",
        )

    def explicit(self, data: Mapping[str, Any], now: datetime) -> StoreOrder:
        """An order from fields checked by ``order_input.order``; the rest from the factory."""
        given = data.get("lines")
        order = self.generate({"status": data["status"], "lines": len(given or []) or None}, now)
        order.lines = [ln for ln in order.lines if not ln.adjustment]
        for line, spec in zip(order.lines, given or [], strict=False):
            for key, value in spec.items():
                setattr(line, key, value)
        for key in _COPIED:
            if key in data:
                setattr(order, key, data[key])
        for key in ("ship_to", "bill_to"):
            if key in data:
                setattr(order, key, {**getattr(order, key), **data[key]})
        if "order_date" in data:
            order.order_date = data["order_date"]
            order.modified = max(order.modified, data["order_date"])
        if "modified" in data:
            order.modified = data["modified"]
        if "coupon" in data:
            subtotal = sum((ln.unit_price * ln.quantity for ln in order.lines), Decimal(0))
            share = dict(self.flavour.coupons).get(data["coupon"], Decimal("0.10"))
            order.lines.append(self.coupon(data["coupon"], (subtotal * share).quantize(_CENT)))
        subtotal = sum((ln.unit_price * ln.quantity for ln in order.lines), Decimal(0))
        order.tax_amount = (max(subtotal, Decimal(0)) * _TAX_RATE).quantize(_CENT)
        return order

"""A catalogue of listed products at fixed prices, the way a web shop sells: each product has a
SKU, a brand, a price in the catalogue's currency, a weight, the options a buyer chooses (each
value may add a SKU code and a surcharge) and the vendor that ships it.

The trade catalogues (auto parts, dropship, general retail) are data for
:class:`ListedCatalogue`; an option with rules of its own (a vehicle fitment) implements
:class:`Options`.
"""

from __future__ import annotations

import random
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from types import MappingProxyType
from typing import Protocol

from simulators.core.factory.catalogue import Market, Trade
from simulators.core.factory.drawing import code, cumulative, pick_index
from simulators.core.factory.model import LineOption, OrderLine
from simulators.core.factory.pricing import CENT, convert, retail


@dataclass(frozen=True)
class Picked:
    """What a buyer chose for one option of a product."""

    options: tuple[LineOption, ...]
    sku_code: str = ""  # appended to the product's SKU ("" when the SKU does not change)
    name_part: str = ""  # appended to the line's name
    surcharge: float = 0.0  # added to the unit price, in the catalogue's currency


class Options(Protocol):
    """An option of a product, drawn when the product is ordered."""

    def draw(self, rng: random.Random) -> Picked:
        """The buyer's choice."""
        ...


@dataclass(frozen=True)
class Choice:
    """A choice among ``values`` (``Size``: ``S``, ``M``, ``L``...).

    ``codes`` are the SKU codes of the values (derived from them when empty); ``surcharges``
    their extra prices; ``in_sku``/``in_name`` say whether the value shows in the SKU and the
    line's name (a variant does; gift wrap or an engraving text does not).
    """

    name: str
    values: tuple[str, ...]
    codes: tuple[str, ...] = ()
    surcharges: tuple[float, ...] = ()
    in_sku: bool = True
    in_name: bool = True

    def __post_init__(self) -> None:
        for extra in (self.codes, self.surcharges):
            if extra and len(extra) != len(self.values):
                raise ValueError(f"option {self.name}: one code and surcharge per value")

    def draw(self, rng: random.Random) -> Picked:
        """One of the values, uniformly."""
        index = rng.randrange(len(self.values))
        value = self.values[index]
        sku_code = (self.codes[index] if self.codes else code(value)) if self.in_sku else ""
        return Picked(
            options=(LineOption(self.name, value),),
            sku_code=sku_code,
            name_part=value if self.in_name else "",
            surcharge=self.surcharges[index] if self.surcharges else 0.0,
        )


#: Usual quantities of a product line: mostly one, sometimes two or three.
SINGLES: tuple[tuple[int, int], ...] = ((1, 88), (2, 9), (3, 3))


@dataclass(frozen=True)
class Product:
    """A listed product; ``price`` (tax included) is in the catalogue's currency and
    ``quantities`` are ``(quantity, weight)`` pairs (a pack of spark plugs sells by 4 or 8)."""

    sku: str
    name: str
    category: str
    brand: str
    price: float
    weight_grams: int
    options: tuple[Options, ...] = ()
    vendor: str = ""
    quantities: tuple[tuple[int, int], ...] = SINGLES


def product(
    sku: str,
    name: str,
    category: str,
    brand: str,
    price: float,
    grams: int,
    *options: Options,
    vendor: str = "",
    sold_by: tuple[tuple[int, int], ...] = SINGLES,
) -> Product:
    """A :class:`Product`, written the short way catalogue tables use."""
    return Product(sku, name, category, brand, price, grams, options, vendor, sold_by)


@dataclass(frozen=True)
class Bins:
    """Stock locations in a warehouse, ``<prefix><zone>-<aisle>-<shelf>`` (``DAL-C-17-4``);
    ``stocked`` is the share of lines whose location is known to the shop."""

    prefixes: tuple[str, ...]
    zones: str
    aisles: int
    shelves: int
    stocked: float = 0.92

    def draw(self, rng: random.Random) -> str:
        """A location, or "" when the shop does not know it."""
        if rng.random() >= self.stocked:
            return ""
        prefix = rng.choice(self.prefixes)
        zone = self.zones[rng.randrange(len(self.zones))]
        return f"{prefix}{zone}-{rng.randint(1, self.aisles):02d}-{rng.randint(1, self.shelves)}"


@dataclass(frozen=True)
class ListedCatalogue:
    """Products at fixed prices, their stock locations by vendor ("" for the merchant's own
    warehouse) and product photos under ``image_base``."""

    trade: Trade
    products: tuple[Product, ...]
    bins: Mapping[str, Bins]
    image_base: str
    image_rate: float = 0.9
    _by_category: Mapping[str, tuple[Product, ...]] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        categories = self.trade.categories
        strays = sorted({p.category for p in self.products} - set(categories))
        empty = [c for c in categories if all(p.category != c for p in self.products)]
        unstocked = sorted({p.vendor for p in self.products} - set(self.bins))
        if strays or empty or unstocked:
            raise ValueError(
                f"{self.trade.name}: categories without a weight {strays}, without products "
                f"{empty}, vendors without bins {unstocked}"
            )
        by_category = {c: tuple(p for p in self.products if p.category == c) for c in categories}
        object.__setattr__(self, "_by_category", MappingProxyType(by_category))

    def line(
        self, rng: random.Random, market: Market, category: str, single_unit: bool
    ) -> OrderLine:
        """One product of ``category`` with its options drawn; see :class:`Product`."""
        product = rng.choice(self._by_category[category])
        picks = [option.draw(rng) for option in product.options]
        sku = "-".join([product.sku, *(p.sku_code for p in picks if p.sku_code)])
        parts = [p.name_part for p in picks if p.name_part]
        name = f"{product.name} - {' / '.join(parts)}" if parts else product.name
        quantity = 1
        if not single_unit:
            amounts = tuple(q for q, _ in product.quantities)
            weights = cumulative(tuple(w for _, w in product.quantities))
            quantity = amounts[pick_index(rng, weights)]
        price = self._price(product.price + sum(p.surcharge for p in picks), market.currency)
        image = ""
        if rng.random() < self.image_rate:
            image = f"{self.image_base}/{product.sku.lower()}.jpg"
        return OrderLine(
            sku=sku,
            name=name,
            quantity=quantity,
            unit_price=price,
            weight_grams=product.weight_grams,
            category=category,
            options=tuple(o for p in picks for o in p.options),
            stock_location=self.bins[product.vendor].draw(rng),
            image_url=image,
            brand=product.brand,
            vendor=product.vendor,
        )

    def _price(self, value: float, currency: str) -> Decimal:
        """The list price in the shop's currency; elsewhere converted and ending in .99."""
        if currency == self.trade.currency:
            return Decimal(repr(value)).quantize(CENT)
        return retail(convert(value, self.trade.currency, currency), currency, None)

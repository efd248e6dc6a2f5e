"""What the order factory asks of a product catalogue: its trade's terms and its lines.

The factory draws customers, addresses, shipping, payment and discounts itself, and knows no
product domain: every order line comes from a :class:`Catalogue`. A catalogue is named for
its trade (``simulators.core.factory.catalogues``); a channel chooses the one its merchants
sell from and passes it to :class:`~simulators.core.factory.OrderFactory`.
"""

from __future__ import annotations

import random
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Protocol

from simulators.core.factory.model import OrderLine


@dataclass(frozen=True)
class Market:
    """Where an order is placed, for a catalogue that adapts its lines to it (a keyboard
    layout, a price in the local currency)."""

    locale: str  # Faker locale, e.g. "fr_FR"
    country: str  # ISO 3166-1 alpha-2
    language: str  # ISO 639-1
    currency: str  # ISO 4217, the currency of the order


@dataclass(frozen=True)
class Trade:
    """A catalogue's terms beyond its products: categories and how often each one starts an
    order or is added to it, the category of single-unit orders, the shop's coupons and the
    notes its staff write on orders.

    ``first_line`` and ``added_line`` map each category to a weight, in the same order (the
    order of :attr:`categories`). Coupon amounts (``fixed_coupons``) are in :attr:`currency`,
    the currency the catalogue's prices are written in.
    """

    name: str
    currency: str
    first_line: Mapping[str, int]
    added_line: Mapping[str, int]
    single_unit_category: str | None
    percent_coupons: tuple[tuple[str, int], ...]
    fixed_coupons: tuple[tuple[str, int], ...]
    internal_notes: tuple[str, ...]

    def __post_init__(self) -> None:
        if not self.first_line or tuple(self.first_line) != tuple(self.added_line):
            raise ValueError(f"{self.name}: first_line and added_line name the same categories")
        if self.single_unit_category not in (None, *self.first_line):
            raise ValueError(f"{self.name}: unknown single_unit_category")
        if not (self.percent_coupons and self.fixed_coupons and self.internal_notes):
            raise ValueError(f"{self.name}: coupons and internal notes are required")

    @property
    def categories(self) -> tuple[str, ...]:
        """The categories a caller may ask for, in the catalogue's order."""
        return tuple(self.first_line)


class Catalogue(Protocol):
    """One trade's products, as the order factory draws order lines from them."""

    @property
    def trade(self) -> Trade:
        """The trade's terms (categories, single-unit default, coupons, notes)."""
        ...

    def line(
        self, rng: random.Random, market: Market, category: str, single_unit: bool
    ) -> OrderLine:
        """Draw one line of ``category`` for an order placed in ``market``, every random
        choice from ``rng``; quantity 1 when ``single_unit``."""
        ...

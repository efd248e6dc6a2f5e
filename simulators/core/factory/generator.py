"""The seeded :class:`OrderFactory`: turns a seed and a caller-supplied "now" into drafts.

Customers, addresses, shipping, payment, tax, discounts and notes are drawn here; every order
line comes from the :class:`~simulators.core.factory.catalogue.Catalogue` the factory was built
with, so this module knows no product domain.

Determinism: every random choice comes from a :class:`random.Random` and a :class:`faker.Faker`
owned and seeded by the factory instance, so two factories with the same seed and the same ``now``
produce identical sequences. The wall clock is never read; there is no module-level mutable state.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from typing import Unpack

from simulators.core.factory.addresses import make_address
from simulators.core.factory.catalogue import Catalogue, Market
from simulators.core.factory.drawing import cumulative, pick_index, pick_weighted
from simulators.core.factory.fakers import LocaleFakers
from simulators.core.factory.identifiers import DeviceIdentifiers, luhn_imei
from simulators.core.factory.locales import (
    _BASE_PAYMENTS,
    _DELAYED_PAYMENTS,
    _GIFT_MESSAGES,
    _NOTES,
    _SUPPORTED,
    DEFAULT_LOCALES,
    SUPPORTED_LOCALES,
    _Locale,
)
from simulators.core.factory.model import (
    _CENT,
    _ZERO,
    Address,
    Discount,
    DraftOptions,
    OrderDraft,
    OrderLine,
)
from simulators.core.factory.pricing import RATES, convert, money

#: How many lines an order has (1 to 4), cumulative weights.
_LINE_COUNT_CUM: tuple[float, ...] = (62, 86, 96, 100)


class OrderFactory:
    """Seeded generator of channel-neutral :class:`OrderDraft` values from one catalogue."""

    def __init__(
        self, seed: int, *, catalogue: Catalogue, locales: Sequence[str] = DEFAULT_LOCALES
    ) -> None:
        """Create a factory drawing lines from ``catalogue``, whose whole output is determined
        by ``seed`` (and ``now``)."""
        chosen = tuple(dict.fromkeys(loc.replace("-", "_") for loc in locales))
        if not chosen:
            raise ValueError("at least one locale is required")
        unknown = [loc for loc in chosen if loc not in _SUPPORTED]
        if unknown:
            raise ValueError(f"unsupported locale(s) {unknown}; supported: {SUPPORTED_LOCALES}")
        self._seed = seed
        self._locales = chosen
        self._locale_cum: tuple[float, ...] = tuple(
            sum(_SUPPORTED[loc].weight for loc in chosen[: i + 1]) for i in range(len(chosen))
        )
        self._catalogue = catalogue
        trade = catalogue.trade
        self._first_cum = cumulative(tuple(trade.first_line.values()))
        self._added_cum = cumulative(tuple(trade.added_line.values()))
        self._rng = random.Random(seed)
        self._ids = DeviceIdentifiers(seed)
        self._fakers = LocaleFakers(seed, chosen)

    @property
    def seed(self) -> int:
        """The seed this factory was created with."""
        return self._seed

    @property
    def locales(self) -> tuple[str, ...]:
        """The Faker locales orders are drawn from."""
        return self._locales

    @property
    def catalogue(self) -> Catalogue:
        """The catalogue order lines are drawn from."""
        return self._catalogue

    # ----------------------------------------------------------------- public API

    def draft(
        self,
        now: datetime,
        *,
        ship_to: bool = True,
        lines: int | None = None,
        category: str | None = None,
        single_unit: bool = False,
        max_age: timedelta = timedelta(days=3),
    ) -> OrderDraft:
        """Generate the next order, placed within ``max_age`` before the aware datetime ``now``."""
        if now.tzinfo is None or now.utcoffset() is None:
            raise ValueError("now must be a timezone-aware datetime")
        if max_age < timedelta(0):
            raise ValueError("max_age must not be negative")
        categories = self._catalogue.trade.categories
        if category is not None and category not in categories:
            raise ValueError(f"unknown category {category!r}; expected one of {categories}")
        if lines is not None and not 1 <= lines <= 4:
            raise ValueError("lines must be between 1 and 4")
        if single_unit:
            if lines not in (None, 1):
                raise ValueError("single_unit orders have exactly one line")
            lines = 1
            category = category or self._catalogue.trade.single_unit_category
        now = now.astimezone(UTC)
        rng = self._rng

        locale = rng.choices(self._locales, cum_weights=self._locale_cum)[0]
        spec = _SUPPORTED[locale]
        fake = self._fakers.get(locale)

        placed_at = self._placed_at(now, max_age)
        bill_to = make_address(self._rng, locale, spec, fake)
        gift = rng.random() < 0.125
        ship: Address | None = None
        if ship_to:
            other = rng.random() < (0.5 if gift else 0.12)
            ship = make_address(self._rng, locale, spec, fake) if other else bill_to

        count = lines if lines is not None else 1 + pick_index(rng, _LINE_COUNT_CUM)
        market = Market(locale, spec.country, spec.language, spec.currency)
        order_lines = self._lines(market, count, category, single_unit)
        subtotal = sum((ln.unit_price * ln.quantity for ln in order_lines), _ZERO)

        service, shipping = self._shipping(spec, subtotal)
        discounts = self._discounts(spec, subtotal, shipping)
        total = subtotal + shipping - sum((d.amount for d in discounts), _ZERO)
        tax = money(total * spec.vat / (1 + spec.vat), spec.currency)

        payment = pick_weighted(rng, _BASE_PAYMENTS + spec.payments)
        if payment in _DELAYED_PAYMENTS:
            delay = timedelta(seconds=rng.randint(3600, 2 * 86400))
        else:
            delay = timedelta(seconds=rng.randint(0, 180))
        paid_at = min(placed_at + delay, now)

        gift_message = ""
        if gift:
            gift_message = rng.choice(_GIFT_MESSAGES[spec.language])
            by_name = spec.language not in ("ja", "zh")
            if by_name and ship is not None and ship is not bill_to and rng.random() < 0.5:
                gift_message = f"{ship.first_name}, {gift_message}"
        notes = rng.choice(_NOTES[spec.language]) if rng.random() < 0.18 else ""
        notes_of_staff = self._catalogue.trade.internal_notes
        internal = rng.choice(notes_of_staff) if rng.random() < 0.05 else ""

        return OrderDraft(
            placed_at=placed_at,
            paid_at=paid_at,
            currency=spec.currency,
            locale=locale,
            customer_email=bill_to.email,
            customer_phone=bill_to.phone,
            bill_to=bill_to,
            ship_to=ship,
            lines=order_lines,
            shipping_service=service,
            shipping_amount=shipping,
            tax_amount=tax,
            payment_method=payment,
            discounts=discounts,
            gift=gift,
            gift_message=gift_message,
            customer_notes=notes,
            internal_notes=internal,
        )

    def drafts(self, now: datetime, count: int, **kwargs: Unpack[DraftOptions]) -> list[OrderDraft]:
        """Generate ``count`` successive drafts with the same options as :meth:`draft`."""
        if count < 0:
            raise ValueError("count must not be negative")
        return [self.draft(now, **kwargs) for _ in range(count)]

    #: ``luhn_imei(body14)``: ``body14`` followed by its Luhn check digit (a 15-digit IMEI).
    luhn_imei = staticmethod(luhn_imei)

    def imei(self) -> str:
        """Return a random, seeded, Luhn-valid 15-digit IMEI (drawing it does not shift the
        sequence of drafts)."""
        return self._ids.imei()

    def serial_number(self) -> str:
        """Return a random, seeded 12-character device serial number like ``C02XK0ABJG5H``."""
        return self._ids.serial()

    # ----------------------------------------------------------------- pieces of a draft

    def _placed_at(self, now: datetime, max_age: timedelta) -> datetime:
        oldest = now - max_age
        span_us = max_age // timedelta(microseconds=1)
        placed = now - timedelta(microseconds=self._rng.randint(0, span_us))
        whole = placed.replace(microsecond=0)
        if whole < oldest:
            whole += timedelta(seconds=1)
        return whole if oldest <= whole <= now else placed

    def _lines(
        self, market: Market, count: int, category: str | None, single_unit: bool
    ) -> tuple[OrderLine, ...]:
        out: list[OrderLine] = []
        skus: set[str] = set()
        for i in range(count):
            line = self._line(market, i, category, single_unit)
            for _ in range(8):
                if line.sku not in skus:
                    break
                line = self._line(market, i, category, single_unit)
            skus.add(line.sku)
            out.append(line)
        return tuple(out)

    def _line(self, market: Market, index: int, category: str | None, single: bool) -> OrderLine:
        rng = self._rng
        if category is None:
            cum = self._first_cum if index == 0 else self._added_cum
            category = self._catalogue.trade.categories[pick_index(rng, cum)]
        return self._catalogue.line(rng, market, category, single)

    def _shipping(self, spec: _Locale, subtotal: Decimal) -> tuple[str, Decimal]:
        rng = self._rng
        service, price, express = spec.shipping[pick_index(rng, (60, 85, 100))]
        if rng.random() < 0.12:
            service = "Express" if express else "Standard"
        amount = Decimal(price).quantize(_CENT)
        threshold = Decimal(str(100 * RATES[spec.currency]))
        if not express and subtotal >= threshold and rng.random() < 0.8:
            amount = _ZERO
        return service, amount

    def _discounts(
        self, spec: _Locale, subtotal: Decimal, shipping: Decimal
    ) -> tuple[Discount, ...]:
        """Maybe a coupon: a percentage, a fixed amount (with a minimum spend) or free
        shipping. The trade's first percentage coupon is its welcome offer, given instead when
        the drawn coupon cannot apply."""
        rng = self._rng
        if rng.random() >= 0.25:
            return ()
        trade = self._catalogue.trade
        currency = spec.currency
        welcome, welcome_pct = trade.percent_coupons[0]
        out: list[Discount] = []
        kind = rng.random()
        if kind < 0.55:
            code, pct = rng.choice(trade.percent_coupons)
            amount = money(subtotal * pct / 100, currency)
        elif kind < 0.85:
            code, units = rng.choice(trade.fixed_coupons)
            amount = money(Decimal(str(convert(units, trade.currency, currency))), currency)
            if amount * 3 > subtotal:  # fixed-amount coupons need a minimum spend
                code, amount = welcome, money(subtotal * welcome_pct / 100, currency)
        else:
            code, amount = "FREESHIP", shipping
            if amount <= 0:
                code, amount = welcome, money(subtotal * welcome_pct / 100, currency)
        if amount > 0:
            out.append(Discount(code, amount))
        if out and code != "FREESHIP" and shipping > 0 and rng.random() < 0.1:
            out.append(Discount("FREESHIP", shipping))
        return tuple(out)

"""The seeded :class:`OrderFactory`: turns a seed and a caller-supplied "now" into drafts.

Determinism: every random choice comes from a :class:`random.Random` and a :class:`faker.Faker`
owned and seeded by the factory instance, so two factories with the same seed and the same ``now``
produce identical sequences. The wall clock is never read; there is no module-level mutable state.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from typing import TYPE_CHECKING, Unpack

from simulators.core import luhn
from simulators.core.factory.addresses import make_address
from simulators.core.factory.catalogue import (
    _BY_CATEGORY,
    _DEFAULT_QUANTITY_CUM,
    _FIRST_LINE_CUM,
    _GRADE_CUM,
    _GRADES,
    _LINE_COUNT_CUM,
    _OTHER_LINE_CUM,
    _QUANTITY_CUM,
    _SKU_PREFIX,
    _code,
    _digits,
    _fold,
    _money,
    _pick_index,
    _pick_weighted,
    _retail,
    _storage_label,
)
from simulators.core.factory.locales import (
    _BASE_PAYMENTS,
    _COUPONS_FIXED,
    _COUPONS_PERCENT,
    _DELAYED_PAYMENTS,
    _GIFT_MESSAGES,
    _INTERNAL_NOTES,
    _NOTES,
    _RATES,
    _SERIAL_ALPHABET,
    _SERIAL_PREFIXES,
    _SUPPORTED,
    DEFAULT_LOCALES,
    SUPPORTED_LOCALES,
    _Locale,
)
from simulators.core.factory.model import (
    _CENT,
    _ZERO,
    CATEGORIES,
    Address,
    Discount,
    DraftOptions,
    LineOption,
    OrderDraft,
    OrderLine,
)

if TYPE_CHECKING:
    from faker import Faker

_PROVIDERS = (
    "faker.providers.person",
    "faker.providers.address",
    "faker.providers.company",
    "faker.providers.internet",
)


def _stable_order(generator: Faker) -> None:
    """Sort the provider lists Faker builds from sets (it_IT ``cities``).

    Their order follows the process's string-hash seed, so without this the same seed gives
    different cities in two processes. Sorted on this generator only, never on the class.
    """
    for provider in generator.providers:
        cities = getattr(provider, "cities", None)
        if isinstance(cities, list):
            provider.cities = sorted(cities)


class OrderFactory:
    """Seeded generator of channel-neutral :class:`OrderDraft` values."""

    def __init__(self, seed: int, *, locales: Sequence[str] = DEFAULT_LOCALES) -> None:
        """Create a factory whose whole output is determined by ``seed`` (and ``now``)."""
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
        self._rng = random.Random(seed)
        # Identifiers get their own stream so that imei()/serial_number() calls do not shift
        # the sequence of drafts.
        self._id_rng = random.Random(f"chansim-factory-ids:{seed}")
        self._faker: Faker | None = None
        self._proxies: dict[str, Faker] = {}

    @property
    def seed(self) -> int:
        """The seed this factory was created with."""
        return self._seed

    @property
    def locales(self) -> tuple[str, ...]:
        """The Faker locales orders are drawn from."""
        return self._locales

    # ----------------------------------------------------------------- faker (built lazily)

    def _fake(self, locale: str) -> Faker:
        proxy = self._proxies.get(locale)
        if proxy is None:
            if self._faker is None:
                from faker import Faker

                # Uniform picks: Faker's weighted name lists cost ~100 us per call. Only the
                # providers used here are loaded: all of them cost ~30 ms per locale at start.
                self._faker = Faker(
                    list(self._locales), providers=list(_PROVIDERS), use_weighting=False
                )
                self._faker.seed_instance(self._seed)
            proxy = self._faker[locale]
            _stable_order(proxy)
            self._proxies[locale] = proxy
        return proxy

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
        if category is not None and category not in CATEGORIES:
            raise ValueError(f"unknown category {category!r}; expected one of {CATEGORIES}")
        if lines is not None and not 1 <= lines <= 4:
            raise ValueError("lines must be between 1 and 4")
        if single_unit:
            if lines not in (None, 1):
                raise ValueError("single_unit orders have exactly one line")
            lines = 1
            category = category or "smartphone"
        now = now.astimezone(UTC)
        rng = self._rng

        locale = rng.choices(self._locales, cum_weights=self._locale_cum)[0]
        spec = _SUPPORTED[locale]
        fake = self._fake(locale)

        placed_at = self._placed_at(now, max_age)
        bill_to = make_address(self._rng, locale, spec, fake)
        gift = rng.random() < 0.125
        ship: Address | None = None
        if ship_to:
            other = rng.random() < (0.5 if gift else 0.12)
            ship = make_address(self._rng, locale, spec, fake) if other else bill_to

        count = lines if lines is not None else 1 + _pick_index(rng, _LINE_COUNT_CUM)
        order_lines = self._lines(spec, count, category, single_unit)
        subtotal = sum((ln.unit_price * ln.quantity for ln in order_lines), _ZERO)

        service, shipping = self._shipping(spec, subtotal)
        discounts = self._discounts(spec, subtotal, shipping)
        total = subtotal + shipping - sum((d.amount for d in discounts), _ZERO)
        tax = _money(total * spec.vat / (1 + spec.vat), spec.currency)

        payment = _pick_weighted(rng, _BASE_PAYMENTS + spec.payments)
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
        internal = rng.choice(_INTERNAL_NOTES) if rng.random() < 0.05 else ""

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

    @staticmethod
    def luhn_imei(body14: str) -> str:
        """Return ``body14`` followed by its Luhn check digit (a valid 15-digit IMEI)."""
        if len(body14) != 14 or not body14.isascii() or not body14.isdigit():
            raise ValueError("an IMEI body is exactly 14 ASCII digits")
        return body14 + luhn.check_digit(body14)

    def imei(self) -> str:
        """Return a random, seeded, Luhn-valid 15-digit IMEI."""
        rng = self._id_rng
        return self.luhn_imei("35" + _digits(rng, 12))

    def serial_number(self) -> str:
        """Return a random, seeded 12-character device serial number like ``C02XK0ABJG5H``."""
        rng = self._id_rng
        return rng.choice(_SERIAL_PREFIXES) + "".join(rng.choices(_SERIAL_ALPHABET, k=9))

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
        self, spec: _Locale, count: int, category: str | None, single_unit: bool
    ) -> tuple[OrderLine, ...]:
        out: list[OrderLine] = []
        skus: set[str] = set()
        for i in range(count):
            line = self._line(spec, i, category, single_unit)
            for _ in range(8):
                if line.sku not in skus:
                    break
                line = self._line(spec, i, category, single_unit)
            skus.add(line.sku)
            out.append(line)
        return tuple(out)

    def _line(self, spec: _Locale, index: int, category: str | None, single: bool) -> OrderLine:
        rng = self._rng
        if category is None:
            cum = _FIRST_LINE_CUM if index == 0 else _OTHER_LINE_CUM
            cat = CATEGORIES[_pick_index(rng, cum)]
        else:
            cat = category
        model = rng.choice(_BY_CATEGORY[cat])
        options: list[LineOption] = []
        sku = [_SKU_PREFIX[cat], model.code]
        factor = rng.uniform(0.95, 1.05)
        name = model.name

        if model.storages:
            s_index = rng.randrange(len(model.storages))
            storage = _storage_label(model.storages[s_index])
            factor *= 1 + 0.15 * s_index
            options.append(LineOption("Storage", storage))
            sku.append(storage.replace(" GB", "").replace(" ", ""))
            name = f"{name} {storage}"
        if cat == "laptop":
            big = rng.random() < 0.35
            factor *= 1.2 if big else 1.0
            options.append(LineOption("Memory", "16 GB" if big else "8 GB"))
            options.append(LineOption("Keyboard", spec.keyboard))
            sku.append("16" if big else "8")
            sku.append(_code(spec.keyboard.split("(")[-1]))
        if cat == "smartwatch":
            sizes = ("41 mm", "45 mm") if model.code.startswith("AW") else ("40 mm", "44 mm")
            size = rng.choice(sizes)
            options.append(LineOption("Case size", size))
            sku.append(size.replace(" mm", ""))
        if model.colours:
            colour = rng.choice(model.colours)
            options.append(LineOption("Colour", colour))
            sku.append(_code(colour))
            if cat != "accessory":
                name = f"{name} - {colour}"
        else:
            colour = ""
        if cat != "accessory":
            grade, grade_code, grade_factor = _GRADES[_pick_index(rng, _GRADE_CUM)]
            factor *= grade_factor
            options.append(LineOption("Grade", grade))
            sku.append(grade_code)

        if single:
            quantity = 1
        else:
            quantity = 1 + _pick_index(rng, _QUANTITY_CUM.get(cat, _DEFAULT_QUANTITY_CUM))
        price = _retail(model.price_eur * factor, spec.currency, rng)
        location = (
            f"{'ABCDEFGH'[rng.randrange(8)]}-{rng.randint(1, 24):02d}-{rng.randint(1, 6)}"
            if rng.random() < 0.9
            else ""
        )
        image = ""
        if rng.random() < 0.85:
            slug = _fold(colour) or "default"
            image = f"https://images.example.com/catalog/{model.code.lower()}/{slug}.jpg"
        return OrderLine(
            sku="-".join(sku),
            name=name,
            quantity=quantity,
            unit_price=price,
            weight_grams=model.weight,
            category=cat,
            options=tuple(options),
            stock_location=location,
            image_url=image,
        )

    def _shipping(self, spec: _Locale, subtotal: Decimal) -> tuple[str, Decimal]:
        rng = self._rng
        service, price, express = spec.shipping[_pick_index(rng, (60, 85, 100))]
        if rng.random() < 0.12:
            service = "Express" if express else "Standard"
        amount = Decimal(price).quantize(_CENT)
        threshold = Decimal(str(100 * _RATES[spec.currency]))
        if not express and subtotal >= threshold and rng.random() < 0.8:
            amount = _ZERO
        return service, amount

    def _discounts(
        self, spec: _Locale, subtotal: Decimal, shipping: Decimal
    ) -> tuple[Discount, ...]:
        rng = self._rng
        if rng.random() >= 0.25:
            return ()
        out: list[Discount] = []
        kind = rng.random()
        if kind < 0.55:
            code, pct = rng.choice(_COUPONS_PERCENT)
            amount = _money(subtotal * pct / 100, spec.currency)
        elif kind < 0.85:
            code, units = rng.choice(_COUPONS_FIXED)
            amount = _money(Decimal(str(units * _RATES[spec.currency])), spec.currency)
            if amount * 3 > subtotal:  # fixed-amount coupons need a minimum spend
                code, amount = "WELCOME10", _money(subtotal / 10, spec.currency)
        else:
            code, amount = "FREESHIP", shipping
            if amount <= 0:
                code, amount = "WELCOME10", _money(subtotal / 10, spec.currency)
        if amount > 0:
            out.append(Discount(code, amount))
        if out and code != "FREESHIP" and shipping > 0 and rng.random() < 0.1:
            out.append(Discount("FREESHIP", shipping))
        return tuple(out)


# --------------------------------------------------------------------------- helpers

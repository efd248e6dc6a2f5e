"""Money: exchange rates between the currencies of the supported locales, rounding to a
currency's smallest unit, and shop prices converted from a catalogue's currency."""

from __future__ import annotations

import random
from collections.abc import Mapping
from decimal import Decimal
from types import MappingProxyType

CENT = Decimal("0.01")

#: Units of each currency per euro.
RATES: Mapping[str, float] = MappingProxyType(
    {
        "EUR": 1.0,
        "GBP": 0.86,
        "USD": 1.08,
        "PLN": 4.3,
        "SEK": 11.4,
        "JPY": 160.0,
        "RUB": 98.0,
        "CNY": 7.8,
    }
)
#: Currencies whose prices are written in whole units.
WHOLE_UNIT_CURRENCIES = frozenset({"JPY", "RUB"})
_ENDINGS = ("0.99", "0.99", "0.99", "0.00", "0.90", "0.49")


def convert(value: float, source: str, target: str) -> float:
    """``value`` in currency ``source`` expressed in currency ``target``."""
    return value * RATES[target] / RATES[source]


def money(value: Decimal, currency: str) -> Decimal:
    """``value`` rounded to what ``currency`` can be paid in, written with 2 decimals."""
    if currency in WHOLE_UNIT_CURRENCIES:
        return value.quantize(Decimal(1)).quantize(CENT)
    return value.quantize(CENT)


def retail(local: float, currency: str, rng: random.Random | None) -> Decimal:
    """A shop price near ``local`` (already in ``currency``) with a usual ending: ``x9.99``,
    ``x9.90``, ``x9.49`` or whole, drawn from ``rng``; always ``.99`` without ``rng``.
    Whole-unit currencies end in ``80`` (``12 480`` yen)."""
    if currency in WHOLE_UNIT_CURRENCIES:
        return Decimal(max(100, int(local / 100) * 100 + 80)).quantize(CENT)
    base = max(int(local), 1)
    ending = rng.choice(_ENDINGS) if rng is not None else "0.99"
    if ending == "0.00":
        price = Decimal(base)
    elif base >= 2:
        price = Decimal(base - 1) + Decimal(ending)
    else:
        price = Decimal(base) + Decimal(ending)
    return price.quantize(CENT)

"""How Back Market writes dates and prices, which varies from field to field.

Real responses carry timestamps with 6, 3 or 0 fractional digits (``…24.123456Z``,
``…24.123Z``, ``…24Z``) and prices as ``"299.25"`` or ``"229.0"``. With the ``varied``
settings the format of each field of each order (or orderline) is drawn from the seed, so it
is stable across reads and runs; the other settings pin one format.
"""

from __future__ import annotations

import zlib
from datetime import UTC, datetime
from decimal import Decimal
from types import MappingProxyType

#: Fractional digits by ``timestamps`` setting.
FRACTION_DIGITS = MappingProxyType({"microseconds": 6, "milliseconds": 3, "seconds": 0})
_DIGITS = (6, 3, 0)
PRICE_FORMATS = ("two_decimals", "shortest")


_TIMESPEC = MappingProxyType({6: "microseconds", 3: "milliseconds", 0: "seconds"})


def timestamp_with(value: datetime, digits: int) -> str:
    """RFC 3339 in UTC with ``digits`` (6, 3 or 0) fractional digits (cut, not rounded)."""
    utc = value.astimezone(UTC).replace(tzinfo=None)
    return utc.isoformat(timespec=_TIMESPEC[digits]) + "Z"


def money_as(value: Decimal, form: str) -> str:
    """A price as a string: ``two_decimals`` ("229.00") or ``shortest`` ("229.0", "22.9")."""
    if form == "two_decimals":
        return f"{value:.2f}"
    text = f"{value.quantize(Decimal('0.01')).normalize():f}"
    return text if "." in text else f"{text}.0"


class WireFormats:
    """The formats of one simulator, from its seed and its settings."""

    def __init__(self, seed: int, timestamps: str = "varied", prices: str = "varied") -> None:
        self.seed = seed
        self.timestamps = timestamps
        self.prices = prices

    def _draw(self, owner: int, field: str, choices: int) -> int:
        return zlib.crc32(f"{self.seed}/{owner}/{field}".encode()) % choices

    def timestamp(self, owner: int, field: str, value: datetime | None) -> str | None:
        """Field ``field`` of order or orderline ``owner``."""
        if value is None:
            return None
        digits = FRACTION_DIGITS.get(self.timestamps)
        if digits is None:
            digits = _DIGITS[self._draw(owner, field, len(_DIGITS))]
        return timestamp_with(value, digits)

    def money(self, owner: int, field: str, value: Decimal) -> str:
        """Price field ``field`` of order or orderline ``owner``."""
        form = self.prices
        if form not in PRICE_FORMATS:
            form = PRICE_FORMATS[self._draw(owner, field, len(PRICE_FORMATS))]
        return money_as(value, form)

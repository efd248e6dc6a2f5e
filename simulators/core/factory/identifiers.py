"""Device identifiers drawn from their own seeded stream: IMEIs and serial numbers."""

from __future__ import annotations

import random

from simulators.core import luhn
from simulators.core.factory.drawing import digits

_SERIAL_ALPHABET = "0123456789ABCDEFGHJKLMNPQRSTUVWXYZ"
_SERIAL_PREFIXES: tuple[str, ...] = ("C02", "C07", "F17", "F4G", "DNP", "DX3", "G6T", "FVF", "DMP")


def luhn_imei(body14: str) -> str:
    """Return ``body14`` followed by its Luhn check digit (a valid 15-digit IMEI)."""
    if len(body14) != 14 or not body14.isascii() or not body14.isdigit():
        raise ValueError("an IMEI body is exactly 14 ASCII digits")
    return body14 + luhn.check_digit(body14)


class DeviceIdentifiers:
    """IMEIs and serial numbers from a stream of their own, so that drawing them does not
    shift the sequence of orders drawn with the same seed."""

    def __init__(self, seed: int) -> None:
        self._rng = random.Random(f"chansim-factory-ids:{seed}")

    def imei(self) -> str:
        """A random, Luhn-valid 15-digit IMEI."""
        return luhn_imei("35" + digits(self._rng, 12))

    def serial(self) -> str:
        """A random 12-character device serial number like ``C02XK0ABJG5H``."""
        rng = self._rng
        return rng.choice(_SERIAL_PREFIXES) + "".join(rng.choices(_SERIAL_ALPHABET, k=9))

"""Seeded, channel-neutral generator of realistic e-commerce orders (on Faker).

:class:`OrderFactory` turns a seed and a caller-supplied "now" into :class:`OrderDraft` values:
customers and addresses drawn from a locale-specific Faker (so a ``ja_JP`` order has a Japanese
name and city, an ``el_GR`` one Greek script, ...), refurbished-electronics order lines with
options, weights and stock locations, shipping, tax, discounts, gift messages and notes. Channel
simulators map drafts onto their own wire formats; this package knows about no channel.
"""

from simulators.core.factory.generator import OrderFactory
from simulators.core.factory.locales import DEFAULT_LOCALES, SUPPORTED_LOCALES
from simulators.core.factory.model import (
    CATEGORIES,
    Address,
    Discount,
    DraftOptions,
    LineOption,
    OrderDraft,
    OrderLine,
)

__all__ = (
    "CATEGORIES",
    "DEFAULT_LOCALES",
    "SUPPORTED_LOCALES",
    "Address",
    "Discount",
    "DraftOptions",
    "LineOption",
    "OrderDraft",
    "OrderFactory",
    "OrderLine",
)

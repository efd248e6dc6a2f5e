"""Seeded, channel-neutral generator of realistic e-commerce orders (on Faker).

:class:`OrderFactory` turns a seed and a caller-supplied "now" into :class:`OrderDraft` values:
customers and addresses drawn from a locale-specific Faker (so a ``ja_JP`` order has a Japanese
name and city, an ``el_GR`` one Greek script, ...), shipping, tax, discounts, gift messages and
notes, and order lines drawn from a :class:`Catalogue` (a trade's products, with options,
weights, images and stock locations; see :mod:`simulators.core.factory.catalogues`). Channel
simulators choose a catalogue and map drafts onto their own wire formats; this package knows
about no channel.
"""

from simulators.core.factory.catalogue import Catalogue, Market, Trade
from simulators.core.factory.generator import OrderFactory
from simulators.core.factory.locales import DEFAULT_LOCALES, SUPPORTED_LOCALES
from simulators.core.factory.model import (
    Address,
    Discount,
    DraftOptions,
    LineOption,
    OrderDraft,
    OrderLine,
)

__all__ = (
    "DEFAULT_LOCALES",
    "SUPPORTED_LOCALES",
    "Address",
    "Catalogue",
    "Discount",
    "DraftOptions",
    "LineOption",
    "Market",
    "OrderDraft",
    "OrderFactory",
    "OrderLine",
    "Trade",
)

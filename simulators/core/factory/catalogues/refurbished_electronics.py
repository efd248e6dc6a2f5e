"""The refurbished-electronics catalogue: devices sold by grade, storage and colour.

A device line reads like ``iPhone 13 256 GB - Pink`` with SKU ``SP-IP13-256-PIN-A`` (category
prefix, model, storage, colour, grade); laptops add memory and the buyer's keyboard layout,
watches a case size. Prices vary a little between listings (the marketplace's sellers) and
fall with the grade.
"""

from __future__ import annotations

import random
from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType

from simulators.core.factory.catalogue import Market, Trade
from simulators.core.factory.catalogues.device_models import MODELS, DeviceModel
from simulators.core.factory.drawing import code, pick_index
from simulators.core.factory.model import LineOption, OrderLine
from simulators.core.factory.pricing import convert, retail
from simulators.core.factory.transliteration import fold

TRADE = Trade(
    name="refurbished electronics",
    currency="EUR",
    first_line=MappingProxyType({
        "smartphone": 45, "tablet": 12, "laptop": 14, "smartwatch": 8, "headphones": 10,
        "console": 8, "accessory": 3,
    }),
    added_line=MappingProxyType({
        "smartphone": 20, "tablet": 6, "laptop": 4, "smartwatch": 6, "headphones": 15,
        "console": 4, "accessory": 45,
    }),
    single_unit_category="smartphone",
    percent_coupons=(("WELCOME10", 10), ("SAVE15", 15), ("STUDENT5", 5), ("NEWSLETTER10", 10)),
    fixed_coupons=(("TAKE20", 20), ("REFURB30", 30), ("GREEN10", 10)),
    internal_notes=(
        "Check battery health before dispatch.",
        "Fraud check: manual review passed.",
        "Customer called about the delivery date.",
        "Repack in a neutral box.",
    ),
)  # fmt: skip

_SKU_PREFIX: Mapping[str, str] = MappingProxyType({
    "smartphone": "SP", "tablet": "TB", "laptop": "LT", "smartwatch": "SW", "headphones": "HP",
    "console": "CN", "accessory": "AC",
})  # fmt: skip
#: (grade, SKU code, price factor) and how often each grade sells.
_GRADES: tuple[tuple[str, str, float], ...] = (
    ("Excellent", "A", 1.0),
    ("Very good", "B", 0.93),
    ("Good", "C", 0.86),
    ("Fair", "D", 0.8),
)
_GRADE_CUM: tuple[float, ...] = (35, 75, 95, 100)
_QUANTITY_CUM: Mapping[str, tuple[float, ...]] = MappingProxyType(
    {"accessory": (70, 90, 100), "headphones": (88, 98, 100)}
)
_DEFAULT_QUANTITY_CUM: tuple[float, ...] = (93, 99, 100)
#: The keyboard layout a laptop is sold with, by the buyer's locale.
_KEYBOARDS: Mapping[str, str] = MappingProxyType({
    "fr_FR": "AZERTY (FR)", "de_DE": "QWERTZ (DE)", "en_GB": "QWERTY (UK)",
    "en_US": "QWERTY (US)", "es_ES": "QWERTY (ES)", "it_IT": "QWERTY (IT)",
    "nl_NL": "QWERTY (US International)", "pt_PT": "QWERTY (PT)", "de_AT": "QWERTZ (DE)",
    "pl_PL": "QWERTY (PL)", "sv_SE": "QWERTY (Nordic)", "el_GR": "QWERTY (GR)",
    "ja_JP": "JIS (JP)", "ru_RU": "ЙЦУКЕН (RU)", "zh_CN": "QWERTY (US)",
})  # fmt: skip
_BY_CATEGORY: Mapping[str, tuple[DeviceModel, ...]] = MappingProxyType(
    {c: tuple(m for m in MODELS if m.category == c) for c in TRADE.categories}
)


def _storage_label(gb: int) -> str:
    return f"{gb // 1024} TB" if gb >= 1024 and gb % 1024 == 0 else f"{gb} GB"


@dataclass(frozen=True)
class RefurbishedElectronics:
    """Refurbished devices by grade (``Excellent`` to ``Fair``), storage and colour."""

    trade: Trade = TRADE

    def line(
        self, rng: random.Random, market: Market, category: str, single_unit: bool
    ) -> OrderLine:
        """One device (or accessory) line; see the module docstring for its shape."""
        model = rng.choice(_BY_CATEGORY[category])
        options: list[LineOption] = []
        sku = [_SKU_PREFIX[category], model.code]
        factor = rng.uniform(0.95, 1.05)
        name = model.name

        if model.storages:
            s_index = rng.randrange(len(model.storages))
            storage = _storage_label(model.storages[s_index])
            factor *= 1 + 0.15 * s_index
            options.append(LineOption("Storage", storage))
            sku.append(storage.replace(" GB", "").replace(" ", ""))
            name = f"{name} {storage}"
        if category == "laptop":
            big = rng.random() < 0.35
            factor *= 1.2 if big else 1.0
            keyboard = _KEYBOARDS.get(market.locale, "QWERTY (US)")
            options.append(LineOption("Memory", "16 GB" if big else "8 GB"))
            options.append(LineOption("Keyboard", keyboard))
            sku.append("16" if big else "8")
            sku.append(code(keyboard.split("(")[-1]))
        if category == "smartwatch":
            sizes = ("41 mm", "45 mm") if model.code.startswith("AW") else ("40 mm", "44 mm")
            size = rng.choice(sizes)
            options.append(LineOption("Case size", size))
            sku.append(size.replace(" mm", ""))
        colour = ""
        if model.colours:
            colour = rng.choice(model.colours)
            options.append(LineOption("Colour", colour))
            sku.append(code(colour))
            if category != "accessory":
                name = f"{name} - {colour}"
        if category != "accessory":
            grade, grade_code, grade_factor = _GRADES[pick_index(rng, _GRADE_CUM)]
            factor *= grade_factor
            options.append(LineOption("Grade", grade))
            sku.append(grade_code)

        if single_unit:
            quantity = 1
        else:
            cum = _QUANTITY_CUM.get(category, _DEFAULT_QUANTITY_CUM)
            quantity = 1 + pick_index(rng, cum)
        local = convert(model.price_eur * factor, self.trade.currency, market.currency)
        price = retail(local, market.currency, rng)
        location = (
            f"{'ABCDEFGH'[rng.randrange(8)]}-{rng.randint(1, 24):02d}-{rng.randint(1, 6)}"
            if rng.random() < 0.9
            else ""
        )
        image = ""
        if rng.random() < 0.85:
            slug = fold(colour) or "default"
            image = f"https://images.example.com/catalog/{model.code.lower()}/{slug}.jpg"
        return OrderLine(
            sku="-".join(sku),
            name=name,
            quantity=quantity,
            unit_price=price,
            weight_grams=model.weight,
            category=category,
            options=tuple(options),
            stock_location=location,
            image_url=image,
        )


REFURBISHED_ELECTRONICS = RefurbishedElectronics()

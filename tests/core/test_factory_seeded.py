"""A seed names one sequence of drafts: the refurbished-electronics drafts of every locale are
the ones the factory drew before catalogues became pluggable (digests taken then)."""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime
from typing import Any

import pytest

from simulators.core.factory import SUPPORTED_LOCALES, OrderDraft, OrderFactory
from simulators.core.factory.catalogues import REFURBISHED_ELECTRONICS

NOW = datetime(2026, 3, 10, 12, tzinfo=UTC)
_LINE_FIELDS = (
    "sku", "name", "quantity", "unit_price", "weight_grams", "category", "options",
    "stock_location", "image_url",
)  # fmt: skip


def projection(draft: OrderDraft) -> tuple[Any, ...]:
    """Every field a draft had before the catalogue interface (fields added later left out)."""
    lines = tuple(tuple(getattr(ln, f) for f in _LINE_FIELDS) for ln in draft.lines)
    return (
        draft.placed_at, draft.paid_at, draft.currency, draft.locale, draft.customer_email,
        draft.customer_phone, draft.bill_to, draft.ship_to, lines, draft.shipping_service,
        draft.shipping_amount, draft.tax_amount, draft.payment_method, draft.discounts,
        draft.gift, draft.gift_message, draft.customer_notes, draft.internal_notes,
    )  # fmt: skip


def digest(drafts: list[OrderDraft]) -> str:
    return hashlib.sha256(repr([projection(d) for d in drafts]).encode()).hexdigest()


@pytest.mark.parametrize(
    ("seed", "options", "expected"),
    [
        (11, {}, "df3cfe9b58e995f19f3d5fbc05ade029425accf704dd917476114396864c7deb"),
        (
            12,
            {"single_unit": True},
            "af4ac362b5bf10f1fca6e63a4bfba7ceac855b23b9caaa81aa3446ea1c7ed6a4",
        ),
        (
            13,
            {"category": "smartwatch", "lines": 2},
            "14ae9b48d6ec39cbaa43cb4b96a2e3b88d34ad7924e4a938d0b1d9e9ef374bca",
        ),
        (
            14,
            {"ship_to": False, "category": "accessory"},
            "be5b10994169412b5a3733c9cc5bdf2120ceba4aee8d166e63c1e08e7cb92a4a",
        ),
    ],
)
def test_seeded_electronics_drafts_are_unchanged(
    seed: int, options: dict[str, Any], expected: str
) -> None:
    factory = OrderFactory(seed, catalogue=REFURBISHED_ELECTRONICS, locales=SUPPORTED_LOCALES)
    assert digest(factory.drafts(NOW, 120, **options)) == expected


def test_seeded_identifiers_are_unchanged() -> None:
    factory = OrderFactory(77, catalogue=REFURBISHED_ELECTRONICS)
    assert [factory.imei() for _ in range(3)] + [factory.serial_number()] == [
        "354221576435972",
        "352686276487428",
        "354210685317585",
        "G6T5EL5LANQ6",
    ]

"""Every catalogue behind the factory's interface, and the factory naming no channel."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from pathlib import Path
from types import MappingProxyType

import pytest

from simulators.core.factory import Catalogue, OrderFactory, Trade
from simulators.core.factory.catalogues import (
    AUTO_PARTS,
    DROPSHIP,
    GENERAL_RETAIL,
    REFURBISHED_ELECTRONICS,
)
from simulators.core.factory.catalogues.listed import Bins, ListedCatalogue, Product

NOW = datetime(2026, 3, 10, 12, tzinfo=UTC)
FACTORY_DIR = Path(__file__).parents[2] / "simulators" / "core" / "factory"
ALL = pytest.mark.parametrize(
    "catalogue",
    [REFURBISHED_ELECTRONICS, AUTO_PARTS, DROPSHIP, GENERAL_RETAIL],
    ids=lambda c: c.trade.name,
)


@ALL
def test_a_seed_names_one_sequence_of_orders(catalogue: Catalogue) -> None:
    first = OrderFactory(8, catalogue=catalogue).drafts(NOW, 20)
    assert first == OrderFactory(8, catalogue=catalogue).drafts(NOW, 20)
    assert first != OrderFactory(9, catalogue=catalogue).drafts(NOW, 20)


@ALL
def test_lines_come_from_the_catalogue_with_prices_weights_and_distinct_skus(
    catalogue: Catalogue,
) -> None:
    seen = set()
    for draft in OrderFactory(21, catalogue=catalogue).drafts(NOW, 150):
        assert len({line.sku for line in draft.lines}) == len(draft.lines)
        for line in draft.lines:
            seen.add(line.category)
            assert line.unit_price > 0 and line.unit_price.as_tuple().exponent == -2
            assert line.weight_grams > 0 and line.quantity >= 1
            assert line.image_url == "" or line.image_url.startswith("https://")
    assert seen == set(catalogue.trade.categories)


@ALL
def test_a_category_is_asked_for_by_its_name_in_the_trade(catalogue: Catalogue) -> None:
    wanted = catalogue.trade.categories[-1]
    drafts = OrderFactory(4, catalogue=catalogue).drafts(NOW, 10, category=wanted, lines=2)
    assert {line.category for d in drafts for line in d.lines} == {wanted}
    with pytest.raises(ValueError, match=re.escape(repr(catalogue.trade.categories))):
        OrderFactory(4, catalogue=catalogue).draft(NOW, category="fridge")


@pytest.mark.parametrize("catalogue", [AUTO_PARTS, DROPSHIP, GENERAL_RETAIL])
def test_single_unit_orders_without_a_default_category_are_any_one_product(
    catalogue: Catalogue,
) -> None:
    assert catalogue.trade.single_unit_category is None
    drafts = OrderFactory(6, catalogue=catalogue).drafts(NOW, 40, single_unit=True)
    assert all(len(d.lines) == 1 and d.lines[0].quantity == 1 for d in drafts)
    assert len({d.lines[0].category for d in drafts}) >= 3


def test_coupons_and_staff_notes_are_the_trades() -> None:
    drafts = OrderFactory(12, catalogue=AUTO_PARTS).drafts(NOW, 300)
    trade = AUTO_PARTS.trade
    codes = {c for c, _ in trade.percent_coupons + trade.fixed_coupons} | {"FREESHIP"}
    used = {x.code for d in drafts for x in d.discounts}
    assert used and used <= codes
    notes = {d.internal_notes for d in drafts} - {""}
    assert notes and notes <= set(trade.internal_notes)


def _trade(**changes: object) -> Trade:
    terms: dict[str, object] = {
        "name": "test",
        "currency": "EUR",
        "first_line": MappingProxyType({"a": 1, "b": 1}),
        "added_line": MappingProxyType({"a": 1, "b": 1}),
        "single_unit_category": None,
        "percent_coupons": (("WELCOME10", 10),),
        "fixed_coupons": (("TAKE5", 5),),
        "internal_notes": ("Checked.",),
    }
    return Trade(**{**terms, **changes})  # type: ignore[arg-type]


def test_a_trade_refuses_terms_that_do_not_fit_together() -> None:
    with pytest.raises(ValueError, match="same categories"):
        _trade(added_line=MappingProxyType({"a": 1}))
    with pytest.raises(ValueError, match="single_unit_category"):
        _trade(single_unit_category="c")
    assert _trade(single_unit_category="b").categories == ("a", "b")


def test_a_listed_catalogue_refuses_products_outside_its_trade() -> None:
    bins = MappingProxyType({"": Bins(("",), "A", 1, 1)})
    only_a = (Product("A-1", "Thing", "a", "Brand", 1.0, 10),)
    with pytest.raises(ValueError, match=r"without products \['b'\]"):
        ListedCatalogue(_trade(), only_a, bins, "https://images.example.com")
    stray = (*only_a, Product("B-1", "Other", "b", "Brand", 1.0, 10, vendor="Elsewhere"))
    with pytest.raises(ValueError, match=r"vendors without bins \['Elsewhere'\]"):
        ListedCatalogue(_trade(), stray, bins, "https://images.example.com")


CHANNEL_NAMES = re.compile(
    r"back\s*market|bluepark|ultra\s*cart|spark\s*shipping|web\s*shop\s*manager|shipstation",
    re.IGNORECASE,
)


def test_the_factory_names_no_channel() -> None:
    sources = sorted(FACTORY_DIR.rglob("*.py"))
    assert len(sources) > 10
    named = [
        str(p.relative_to(FACTORY_DIR)) for p in sources if CHANNEL_NAMES.search(p.read_text())
    ]
    assert named == []

"""What each trade's seeded orders look like: fitment and part numbers for auto parts, vendor
routing for dropship, GBP prices with VAT for general retail."""

from __future__ import annotations

import re
from collections import defaultdict
from datetime import UTC, datetime
from decimal import Decimal

import pytest

from simulators.core.factory import OrderDraft, OrderFactory, OrderLine
from simulators.core.factory.catalogues import (
    AUTO_PARTS,
    DROPSHIP,
    DROPSHIP_VENDORS,
    GENERAL_RETAIL,
)

NOW = datetime(2026, 3, 10, 12, tzinfo=UTC)


def lines_of(drafts: list[OrderDraft]) -> list[OrderLine]:
    return [line for draft in drafts for line in draft.lines]


def options(line: OrderLine) -> dict[str, str]:
    return {o.name: o.value for o in line.options}


# -------------------------------------------------------------------------- auto parts


@pytest.fixture(scope="module")
def parts() -> list[OrderDraft]:
    return OrderFactory(2026, catalogue=AUTO_PARTS, locales=["en_US"]).drafts(NOW, 250)


def test_auto_parts_are_sold_in_usd_by_brand_coded_part_number(parts: list[OrderDraft]) -> None:
    brands_by_code = defaultdict(set)
    for draft in parts:
        assert draft.currency == "USD"
    for line in lines_of(parts):
        assert re.fullmatch(r"[A-Z]{3}-[A-Z0-9-]+", line.sku), line.sku
        brands_by_code[line.sku[:3]].add(line.brand)
        assert re.fullmatch(r"((DAL|ATL)-[A-H]-\d\d-[1-6])?", line.stock_location)
    assert all(len(brands) == 1 for brands in brands_by_code.values()), brands_by_code
    assert len(brands_by_code) >= 15


def test_most_parts_are_ordered_for_a_year_make_and_model(parts: list[OrderDraft]) -> None:
    fitted = [line for line in lines_of(parts) if "Year" in options(line)]
    assert len(fitted) > len(lines_of(parts)) / 2
    years = defaultdict(set)
    for line in fitted:
        names = [o.name for o in line.options]
        assert names[-3:] == ["Year", "Make", "Model"]
        chosen = options(line)
        years[(chosen["Make"], chosen["Model"])].add(int(chosen["Year"]))
        if line.brand == "Motorcraft":  # Ford's parts brand fits Fords
            assert chosen["Make"] == "Ford"
    assert len(years) >= 10
    for span in years.values():
        assert min(span) >= 2013 and max(span) <= 2024 and max(span) - min(span) <= 8


def test_front_and_rear_parts_differ_in_part_number_and_price(parts: list[OrderDraft]) -> None:
    prices: dict[str, set[Decimal]] = defaultdict(set)
    for line in lines_of(parts):
        position = options(line).get("Position")
        if position:
            assert line.sku.endswith("-F" if position == "Front" else "-R")
            assert line.name.endswith(f" - {position}")
            prices[line.sku].add(line.unit_price)
    assert prices["BOS-BC905-F"] == {Decimal("54.99")}
    assert prices["BOS-BC905-R"] == {Decimal("48.99")}


def test_parts_come_in_their_usual_quantities_and_weights(parts: list[OrderDraft]) -> None:
    plugs = [ln for ln in lines_of(parts) if "Spark Plug" in ln.name]
    assert plugs and {ln.quantity for ln in plugs} <= {4, 6, 8}
    batteries = [ln for ln in lines_of(parts) if "Battery" in ln.name]
    assert batteries and all(ln.weight_grams > 15_000 for ln in batteries)
    bulbs = [ln for ln in lines_of(parts) if "Bulb" in ln.name]
    assert bulbs and all(ln.weight_grams < 500 for ln in bulbs)


# -------------------------------------------------------------------------- dropship


@pytest.fixture(scope="module")
def routed() -> list[OrderDraft]:
    return OrderFactory(2026, catalogue=DROPSHIP, locales=["en_US"]).drafts(NOW, 250)


def test_every_dropship_line_is_routed_to_a_named_vendor(routed: list[OrderDraft]) -> None:
    assert 2 <= len(DROPSHIP_VENDORS) <= 4
    vendors = {v.name: v for v in DROPSHIP_VENDORS}
    for line in lines_of(routed):
        vendor = vendors[line.vendor]
        assert line.sku.startswith(f"{vendor.code}-")
        assert line.stock_location == "" or line.stock_location.startswith(f"{vendor.warehouse}-")
    assert {line.vendor for line in lines_of(routed)} == set(vendors)


def test_orders_split_by_vendor_into_one_group_per_vendor(routed: list[OrderDraft]) -> None:
    split = 0
    for draft in routed:
        by_vendor: dict[str, list[OrderLine]] = defaultdict(list)
        for line in draft.lines:
            by_vendor[line.vendor].append(line)
        split += len(by_vendor) > 1
        assert sum(len(group) for group in by_vendor.values()) == len(draft.lines)
    assert split >= 25  # mixed orders are common enough to exercise a router


# -------------------------------------------------------------------------- general retail


@pytest.fixture(scope="module")
def uk_shop() -> list[OrderDraft]:
    return OrderFactory(2026, catalogue=GENERAL_RETAIL, locales=["en_GB"]).drafts(NOW, 250)


def test_a_uk_shop_charges_gbp_with_vat_included(uk_shop: list[OrderDraft]) -> None:
    for draft in uk_shop:
        assert draft.currency == "GBP"
        assert draft.tax_amount == (draft.total() / 6).quantize(Decimal("0.01"))
    bowls = {ln.unit_price for ln in lines_of(uk_shop) if ln.sku == "KIT-2234"}
    assert bowls == {Decimal("40.00")}


def test_retail_variants_show_in_sku_name_and_options(uk_shop: list[OrderDraft]) -> None:
    names = set()
    for line in lines_of(uk_shop):
        assert re.fullmatch(r"(HOM|KIT|APP|GFT|TOY|BTY)-\d{4}(-[A-Z0-9]+)*", line.sku)
        names |= set(options(line))
        if line.category == "apparel":
            chosen = options(line)
            assert "Size" in chosen and chosen["Size"] in line.name
    assert names == {"Colour", "Size", "Scent", "Design", "Gift wrap", "Personalisation"}


def test_gift_wrap_and_personalisation_change_price_not_sku(uk_shop: list[OrderDraft]) -> None:
    hampers = [ln for ln in lines_of(uk_shop) if ln.sku == "GFT-4415"]
    prices = {options(ln)["Gift wrap"]: ln.unit_price for ln in hampers}
    assert prices == {"No": Decimal("49.99"), "Yes": Decimal("53.49")}
    frames = [ln for ln in lines_of(uk_shop) if ln.sku == "GFT-4401"]
    assert len({options(ln)["Personalisation"] for ln in frames}) >= 2


def test_a_shop_in_another_currency_converts_to_prices_ending_99() -> None:
    drafts = OrderFactory(3, catalogue=GENERAL_RETAIL, locales=["en_US"]).drafts(NOW, 60)
    for line in lines_of(drafts):
        assert str(line.unit_price).endswith(".99"), line
    assert {d.currency for d in drafts} == {"USD"}

"""Behaviour of the seeded, channel-neutral order factory."""

from __future__ import annotations

import os
import subprocess
import sys
import unicodedata
from datetime import UTC, datetime, timedelta, timezone
from decimal import Decimal
from typing import Any

import pytest

from simulators.core.factory import DEFAULT_LOCALES, OrderDraft, OrderFactory
from simulators.core.factory.catalogues import REFURBISHED_ELECTRONICS

NOW = datetime(2024, 5, 17, 12, 30, 45, 123456, tzinfo=UTC)

EXPECTED_CURRENCY = {
    "FR": "EUR",
    "DE": "EUR",
    "ES": "EUR",
    "IT": "EUR",
    "NL": "EUR",
    "GR": "EUR",
    "GB": "GBP",
    "US": "USD",
    "JP": "JPY",
}


def electronics(seed: int, **options: Any) -> OrderFactory:
    """A factory drawing lines from the refurbished-electronics catalogue."""
    return OrderFactory(seed, catalogue=REFURBISHED_ELECTRONICS, **options)


def _luhn_ok(number: str) -> bool:
    """Independent Luhn check over the full number (check digit included)."""
    total = 0
    for position, ch in enumerate(reversed(number)):
        digit = int(ch)
        if position % 2 == 1:
            digit *= 2
            if digit > 9:
                digit -= 9
        total += digit
    return total % 10 == 0


def _non_latin(text: str) -> bool:
    return any(ch.isalpha() and not unicodedata.name(ch, "").startswith("LATIN") for ch in text)


@pytest.fixture(scope="module")
def many() -> list[OrderDraft]:
    return electronics(2024).drafts(NOW, 200)


def test_same_seed_same_now_gives_identical_drafts() -> None:
    first = electronics(42).drafts(NOW, 30)
    second = electronics(42).drafts(NOW, 30)
    assert first == second


def test_different_seed_gives_different_drafts() -> None:
    assert electronics(42).drafts(NOW, 30) != electronics(43).drafts(NOW, 30)


def test_identifiers_do_not_shift_the_draft_sequence() -> None:
    plain = electronics(7)
    busy = electronics(7)
    busy.imei()
    busy.serial_number()
    assert plain.drafts(NOW, 5) == busy.drafts(NOW, 5)


def test_timestamps_are_aware_utc_and_ordered(many: list[OrderDraft]) -> None:
    oldest = NOW - timedelta(days=3)
    for d in many:
        assert d.placed_at.utcoffset() == timedelta(0)
        assert d.paid_at.utcoffset() == timedelta(0)
        assert oldest <= d.placed_at <= d.paid_at <= NOW


def test_max_age_and_non_utc_now_are_respected() -> None:
    paris_now = NOW.astimezone(timezone(timedelta(hours=2)))
    drafts = electronics(5).drafts(paris_now, 40, max_age=timedelta(hours=1))
    for d in drafts:
        assert d.placed_at.utcoffset() == timedelta(0)
        assert NOW - timedelta(hours=1) <= d.placed_at <= d.paid_at <= NOW


def test_naive_now_is_rejected() -> None:
    with pytest.raises(ValueError):
        electronics(1).draft(datetime(2024, 5, 17, 12, 0))


def test_lines_quantities_and_categories(many: list[OrderDraft]) -> None:
    for d in many:
        assert 1 <= len(d.lines) <= 4
        for line in d.lines:
            assert line.quantity >= 1
            assert line.category in REFURBISHED_ELECTRONICS.trade.categories
            assert line.unit_price > 0
            assert line.unit_price.as_tuple().exponent == -2
            assert line.weight_grams > 0
            assert line.image_url == "" or line.image_url.startswith("https://")
    counts = {len(d.lines) for d in many}
    assert 1 in counts and len(counts) >= 3


def test_weights_are_plausible_per_category(many: list[OrderDraft]) -> None:
    ranges = {"smartphone": (120, 260), "laptop": (1000, 2600), "smartwatch": (20, 60)}
    for d in many:
        for line in d.lines:
            if line.category in ranges:
                low, high = ranges[line.category]
                assert low <= line.weight_grams <= high, line
        assert d.weight_grams() == sum(ln.weight_grams * ln.quantity for ln in d.lines)


def test_currency_matches_country(many: list[OrderDraft]) -> None:
    seen = set()
    for d in many:
        assert d.ship_to is not None
        assert d.ship_to.country == d.bill_to.country
        country = d.ship_to.country
        assert len(country) == 2 and country.isupper()
        if country in EXPECTED_CURRENCY:
            assert d.currency == EXPECTED_CURRENCY[country], (country, d.currency)
            seen.add(country)
    assert {"FR", "DE", "GB"} <= seen


def test_total_is_the_arithmetic(many: list[OrderDraft]) -> None:
    for d in many:
        expected = (
            sum((ln.unit_price * ln.quantity for ln in d.lines), Decimal(0))
            + d.shipping_amount
            - sum((x.amount for x in d.discounts), Decimal(0))
        )
        assert d.total() == expected
        assert d.total().as_tuple().exponent == -2
        assert d.total() > 0
        assert 0 <= d.tax_amount < d.total()
        assert all(x.amount > 0 and x.code for x in d.discounts)


def test_variety_of_scripts_and_countries(many: list[OrderDraft]) -> None:
    def fields(d: OrderDraft) -> str:
        a = d.ship_to
        assert a is not None
        return f"{a.name} {a.street1} {a.city} {a.state}"

    assert any(_non_latin(fields(d)) for d in many)
    assert len({d.ship_to.country for d in many if d.ship_to}) >= 6


def test_discounts_gifts_and_notes_appear(many: list[OrderDraft]) -> None:
    assert 20 <= sum(1 for d in many if d.discounts) <= 90
    gifts = [d for d in many if d.gift]
    assert gifts and all(d.gift_message for d in gifts)
    assert all(d.gift_message == "" for d in many if not d.gift)
    assert any(d.customer_notes for d in many)
    assert any(any(ln.options for ln in d.lines) for d in many)
    assert any(ln.stock_location for d in many for ln in d.lines)


@pytest.mark.parametrize(
    ("locale", "country", "currency", "script"),
    [
        ("ja_JP", "JP", "JPY", "CJK"),
        ("el_GR", "GR", "EUR", "GREEK"),
        ("ru_RU", "RU", "RUB", "CYRILLIC"),
        ("zh_CN", "CN", "CNY", "CJK"),
    ],
)
def test_non_latin_locales_use_their_script(
    locale: str, country: str, currency: str, script: str
) -> None:
    for d in electronics(11, locales=[locale]).drafts(NOW, 5):
        assert d.locale == locale
        assert d.currency == currency
        assert d.bill_to.country == country
        assert any(unicodedata.name(ch, "").startswith(script) for ch in d.bill_to.name)
        assert d.customer_email == d.bill_to.email and "@" in d.customer_email
        assert d.customer_phone.startswith("+") and d.customer_phone[1:].isdigit()


def test_default_locales_cover_latin_and_non_latin_scripts() -> None:
    required = {"fr_FR", "de_DE", "en_GB", "en_US", "es_ES", "it_IT", "nl_NL", "ja_JP", "el_GR"}
    assert required | {"ru_RU", "zh_CN"} <= set(DEFAULT_LOCALES)


def test_ship_to_false_gives_none() -> None:
    for d in electronics(3).drafts(NOW, 10, ship_to=False):
        assert d.ship_to is None
        assert d.bill_to.name


def test_single_unit_gives_one_smartphone_of_quantity_one() -> None:
    for d in electronics(3).drafts(NOW, 25, single_unit=True):
        assert len(d.lines) == 1
        assert d.lines[0].quantity == 1
        assert d.lines[0].category == "smartphone"


def test_lines_and_category_options() -> None:
    for d in electronics(9).drafts(NOW, 10, lines=3, category="laptop"):
        assert len(d.lines) == 3
        assert all(ln.category == "laptop" for ln in d.lines)
    with pytest.raises(ValueError):
        electronics(9).draft(NOW, lines=5)
    with pytest.raises(ValueError):
        electronics(9).draft(NOW, category="fridge")


def test_luhn_imei_known_vector() -> None:
    assert OrderFactory.luhn_imei("49015420323751") == "490154203237518"
    assert _luhn_ok("490154203237518")
    with pytest.raises(ValueError):
        OrderFactory.luhn_imei("1234")


def test_imei_and_serial_numbers_are_valid_and_seeded() -> None:
    f = electronics(77)
    imeis = [f.imei() for _ in range(100)]
    for imei in imeis:
        assert len(imei) == 15 and imei.isdigit()
        assert _luhn_ok(imei)
    for body in ("00000000000000", "35209900176148", "99999999999999"):
        assert _luhn_ok(OrderFactory.luhn_imei(body))
    assert len(set(imeis)) > 90
    g = electronics(77)
    assert [g.imei() for _ in range(100)] == imeis
    serial = f.serial_number()
    assert len(serial) == 12 and serial.isalnum() and serial.isupper()
    assert electronics(78).imei() != electronics(77).imei()


def test_same_seed_same_drafts_in_processes_with_different_hash_seeds():
    """Determinism must not depend on PYTHONHASHSEED (Faker builds some lists from sets)."""
    script = (
        "from datetime import datetime, timezone\n"
        "from simulators.core.factory import OrderFactory, SUPPORTED_LOCALES\n"
        "from simulators.core.factory.catalogues import REFURBISHED_ELECTRONICS\n"
        "now = datetime(2026, 3, 10, 12, tzinfo=timezone.utc)\n"
        "f = OrderFactory(11, catalogue=REFURBISHED_ELECTRONICS, locales=SUPPORTED_LOCALES)\n"
        "print(repr(f.drafts(now, 150)))\n"
    )
    outputs = set()
    for hash_seed in ("1", "2", "3"):
        env = {**os.environ, "PYTHONHASHSEED": hash_seed}
        result = subprocess.run(
            [sys.executable, "-c", script], capture_output=True, text=True, env=env, check=True
        )
        outputs.add(result.stdout)
    assert len(outputs) == 1

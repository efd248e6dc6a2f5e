"""How dates and prices are written: the three timestamp forms and the two price forms."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from decimal import Decimal

import pytest

from simulators.channels.backmarket.formats import money_as, timestamp_with

PARIS_SUMMER = timezone(timedelta(hours=2))


@pytest.mark.parametrize(
    ("digits", "written"),
    [
        (6, "2026-03-10T10:30:24.123456Z"),
        (3, "2026-03-10T10:30:24.123Z"),  # cut, not rounded
        (0, "2026-03-10T10:30:24Z"),
    ],
)
def test_timestamps_are_utc_with_6_3_or_0_fractional_digits(digits: int, written: str) -> None:
    instant = datetime(2026, 3, 10, 12, 30, 24, 123456, tzinfo=PARIS_SUMMER)
    assert timestamp_with(instant, digits) == written


def test_a_whole_second_keeps_its_zero_fraction_when_digits_are_asked() -> None:
    instant = datetime(2026, 3, 10, 12, 0, tzinfo=UTC)
    assert timestamp_with(instant, 6) == "2026-03-10T12:00:00.000000Z"
    assert timestamp_with(instant, 3) == "2026-03-10T12:00:00.000Z"


@pytest.mark.parametrize(
    ("value", "form", "written"),
    [
        ("229", "two_decimals", "229.00"),
        ("229", "shortest", "229.0"),
        ("22.90", "shortest", "22.9"),
        ("299.25", "shortest", "299.25"),
    ],
)
def test_prices_are_written_in_two_forms(value: str, form: str, written: str) -> None:
    assert money_as(Decimal(value), form) == written

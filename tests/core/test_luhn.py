"""The one Luhn implementation: check digits computed and numbers validated."""

from __future__ import annotations

import pytest

from simulators.core.luhn import check_digit, is_valid


def full_width(digits: str) -> str:
    """The same digits in their full-width forms (which ``str.isdigit`` accepts)."""
    return "".join(chr(0xFF10 + int(d)) for d in digits)


FULL_WIDTH = full_width("490154203237518")

#: Published examples: Wikipedia's IMEI and Luhn examples, and Visa's test card number.
KNOWN = ("490154203237518", "4111111111111111", "79927398713")


@pytest.mark.parametrize("number", KNOWN)
def test_known_numbers_get_their_check_digit_and_validate(number: str) -> None:
    assert check_digit(number[:-1]) == number[-1]
    assert is_valid(number)


@pytest.mark.parametrize("number", KNOWN)
def test_any_other_last_digit_fails(number: str) -> None:
    for digit in "0123456789":
        if digit != number[-1]:
            assert not is_valid(number[:-1] + digit)


def test_a_swap_of_two_neighbouring_digits_is_caught() -> None:
    assert not is_valid("490154203237158")


@pytest.mark.parametrize("text", ["", "7", "49015420323751A", "4901542 3237518", FULL_WIDTH])
def test_non_digits_and_too_short_numbers_are_not_valid(text: str) -> None:
    assert not is_valid(text)


@pytest.mark.parametrize("body", ["", "12a", full_width("123")])
def test_a_check_digit_needs_ascii_digits(body: str) -> None:
    with pytest.raises(ValueError, match="ASCII digits"):
        check_digit(body)

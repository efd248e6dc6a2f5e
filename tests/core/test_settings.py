"""A simulator's settings: each channel checks its own; a channel without any refuses them."""

from __future__ import annotations

import pytest

from simulators.core.context import load_channel
from simulators.core.registry import channel_entry


def test_a_channel_without_settings_refuses_any() -> None:
    spark = load_channel(channel_entry("spark"))
    assert spark.check_settings({}) == {}
    with pytest.raises(ValueError, match="spark has no setting 'error_bodies'; its settings: none"):
        spark.check_settings({"error_bodies": "descriptive"})


def test_a_setting_of_many_values_takes_a_list_true_or_false() -> None:
    bluepark = load_channel(channel_entry("bluepark"))
    assert bluepark.check_settings({}) == {"beta_quirks": []}
    assert bluepark.check_settings({"beta_quirks": True}) == {
        "beta_quirks": ["null_fields", "shifting_pages", "wrong_count"]
    }
    assert bluepark.check_settings({"beta_quirks": ["wrong_count", "wrong_count"]}) == {
        "beta_quirks": ["wrong_count"]
    }
    with pytest.raises(ValueError, match="give true, false or a list of null_fields"):
        bluepark.check_settings({"beta_quirks": "yes"})


def test_back_market_fills_in_its_defaults_and_names_a_wrong_value() -> None:
    backmarket = load_channel(channel_entry("backmarket"))
    assert backmarket.check_settings({"prices": "shortest"}) == {
        "error_bodies": "documented",
        "timestamps": "varied",
        "prices": "shortest",
        "rate_limit": "per_address",
    }
    with pytest.raises(ValueError, match=r"rate_limit.*per_ip"):
        backmarket.check_settings({"rate_limit": "per_ip"})

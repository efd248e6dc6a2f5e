"""A simulator's settings: each channel checks its own; a channel without any refuses them."""

from __future__ import annotations

import pytest

from simulators.core.context import load_channel
from simulators.core.registry import channel_entry


def test_a_channel_without_settings_refuses_any() -> None:
    bluepark = load_channel(channel_entry("bluepark"))
    assert bluepark.check_settings({}) == {}
    with pytest.raises(ValueError, match="error_bodies"):
        bluepark.check_settings({"error_bodies": "descriptive"})


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

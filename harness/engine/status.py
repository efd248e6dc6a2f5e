"""The platform's five order statuses and the connection's map from channel statuses to them."""

from __future__ import annotations

from collections.abc import Mapping
from enum import Enum


class PlatformStatus(Enum):
    """Where an order stands in the platform."""

    AWAITING_PAYMENT = "awaiting_payment"
    AWAITING_SHIPMENT = "awaiting_shipment"
    SHIPPED = "shipped"
    CANCELLED = "cancelled"
    ON_HOLD = "on_hold"


class StatusMapError(ValueError):
    """A status map that cannot be used (unknown platform status, a channel status twice)."""


class StatusMap:
    """Channel status text → platform status, as typed in the connection form.

    Written like the platform's form: one entry per platform status, each a comma-separated
    list of the channel's own status texts. Matching is case-sensitive, as the platform's is.
    A channel status in no list is not imported.
    """

    def __init__(self, form: Mapping[str, str | list[str]]) -> None:
        self.form = {k: _texts(v) for k, v in form.items()}
        self._lookup: dict[str, PlatformStatus] = {}
        known = [s.value for s in PlatformStatus]
        for platform, texts in self.form.items():
            if platform not in known:
                raise StatusMapError(
                    f"unknown platform status {platform!r}; use one of {', '.join(known)}"
                )
            for text in texts:
                if text in self._lookup:
                    raise StatusMapError(
                        f"channel status {text!r} is mapped to both "
                        f"{self._lookup[text].value} and {platform}"
                    )
                self._lookup[text] = PlatformStatus(platform)

    def platform_status(self, channel_status: str) -> PlatformStatus | None:
        """The platform status of ``channel_status``; None when the map does not list it."""
        return self._lookup.get(channel_status)


def _texts(value: str | list[str]) -> list[str]:
    items = value.split(",") if isinstance(value, str) else value
    return [str(item).strip() for item in items if str(item).strip()]

"""A store connection as the merchant fills in the platform's connection form."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import timedelta
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError


class ConnectionFormError(ValueError):
    """A connection form that cannot be used; the message names the field."""


@dataclass(frozen=True)
class Connection:
    """Everything the platform knows about one connected store.

    ``credentials`` and ``region`` are what the channel's tile asks for; ``timezone`` is the
    store's timezone (default UTC), used to read the channel's local timestamps and to write
    local import windows; ``status_map`` overrides the adapter's default status mapping;
    ``base_url`` points the adapter somewhere other than the channel's public host (a
    simulator, a sandbox). ``first_import`` is how far back the first import reaches and
    ``overlap`` how much each import window re-reads of the previous one.
    """

    channel: str
    credentials: Mapping[str, str]
    region: str | None = None
    timezone: str = "UTC"
    status_map: Mapping[str, str | list[str]] | None = None
    base_url: str | None = None
    first_import: timedelta = timedelta(days=30)
    overlap: timedelta = timedelta(minutes=5)
    options: Mapping[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if self.overlap < timedelta(0):
            raise ConnectionFormError("overlap: must not be negative (orders would be missed)")
        if self.first_import <= timedelta(0):
            raise ConnectionFormError("first_import: must be a positive duration")
        for key, value in self.credentials.items():
            if not isinstance(value, str) or not value:
                raise ConnectionFormError(f"credentials.{key}: must be non-empty text")
        try:
            ZoneInfo(self.timezone)
        except (ZoneInfoNotFoundError, ValueError):
            raise ConnectionFormError(
                f"timezone: unknown timezone {self.timezone!r} (expected an IANA name such as UTC)"
            ) from None

    @property
    def zone(self) -> ZoneInfo:
        """The store's timezone."""
        return ZoneInfo(self.timezone)

    def with_credentials(self, **credentials: str) -> Connection:
        """The same connection with new credentials (the merchant reconnected)."""
        return replace(self, credentials={**self.credentials, **credentials})

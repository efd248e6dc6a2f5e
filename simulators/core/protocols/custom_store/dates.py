"""Custom Store dates: ``MM/dd/yyyy HH:mm`` (24-hour), in the store server's timezone.

Stores parse the window leniently (a single-digit month or hour, seconds, a trailing
``AM``/``PM``), as ShipStation's own plugins do; anything else is refused by the caller.
"""

from __future__ import annotations

import re
from datetime import datetime, tzinfo
from functools import lru_cache

_WRITTEN = "%m/%d/%Y %H:%M"
_QUERY = re.compile(
    r"^\s*(\d{1,2})/(\d{1,2})/(\d{4})\s+(\d{1,2}):(\d{2})(?::(\d{2}))?\s*([AaPp][Mm])?\s*$"
)


def write(instant: datetime, zone: tzinfo) -> str:
    """An instant as the store writes it: ``03/10/2026 21:09`` in ``zone``."""
    return instant.astimezone(zone).strftime(_WRITTEN)


@lru_cache(maxsize=1024)
def read(text: str, zone: tzinfo) -> datetime | None:
    """A window bound read in ``zone``; None when it is not a date (remembered: clients send
    the same window bounds again and again)."""
    found = _QUERY.match(text)
    if found is None:
        return None
    month, day, year, hour, minute, second = (int(g or 0) for g in found.groups()[:6])
    meridiem = (found.group(7) or "").upper()
    if meridiem and 1 <= hour <= 12:  # "21:56 PM" (ShipStation's own example) is 24-hour
        hour = hour % 12 + (12 if meridiem == "PM" else 0)
    try:
        return datetime(year, month, day, hour, minute, second, tzinfo=zone)
    except ValueError:
        return None

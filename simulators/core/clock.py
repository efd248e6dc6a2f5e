"""The virtual clock: the only place in chansim that reads wall time.

A :class:`Clock` is shared by every simulator (and, in-process, by the harness). It is either
*live* (wall time plus an offset, so it keeps ticking) or *frozen* at an instant. Scenarios and
the admin API move it with :meth:`Clock.set`, :meth:`Clock.advance`, :meth:`Clock.freeze`.

Each channel sees the shared clock through a :class:`ChannelClock`: its own timezone (how the
channel's server renders local times) and its own skew (a server whose clock runs fast or slow).
"""

from __future__ import annotations

import re
import threading
import time
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

_DURATION = re.compile(
    r"^(?P<sign>[-+])?P(?:(?P<days>\d+(?:\.\d+)?)D)?"
    r"(?:T(?:(?P<hours>\d+(?:\.\d+)?)H)?(?:(?P<minutes>\d+(?:\.\d+)?)M)?"
    r"(?:(?P<seconds>\d+(?:\.\d+)?)S)?)?$"
)


class ClockError(ValueError):
    """A clock value (instant, duration or timezone) that cannot be understood."""


def parse_duration(text: str | float) -> timedelta:
    """Parse an ISO 8601 duration (``PT2H``, ``-PT90S``, ``P1DT30M``) or a number of seconds."""
    if isinstance(text, int | float):
        return timedelta(seconds=text)
    match = _DURATION.match(text.strip())
    if not match or text.strip() in {"P", "PT", "-P", "+P"}:
        raise ClockError(f"not an ISO 8601 duration: {text!r} (expected e.g. PT2H, P1D, -PT30M)")
    parts = {k: float(v) for k, v in match.groupdict().items() if v and k != "sign"}
    delta = timedelta(
        days=parts.get("days", 0),
        hours=parts.get("hours", 0),
        minutes=parts.get("minutes", 0),
        seconds=parts.get("seconds", 0),
    )
    return -delta if match.group("sign") == "-" else delta


def parse_instant(text: str | datetime) -> datetime:
    """Parse an ISO 8601 instant; a naive value is taken as UTC. Returns an aware UTC datetime."""
    if isinstance(text, datetime):
        value = text
    else:
        try:
            value = datetime.fromisoformat(text.strip())
        except ValueError as exc:
            raise ClockError(
                f"not an ISO 8601 instant: {text!r} (e.g. 2026-03-10T23:30:00-05:00)"
            ) from exc
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    return value.astimezone(UTC)


def zone(name: str) -> ZoneInfo:
    """Return the IANA timezone ``name`` or raise :class:`ClockError` naming it."""
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise ClockError(f"unknown timezone: {name!r} (expected an IANA name such as UTC)") from exc


def _wall() -> datetime:
    return datetime.now(UTC)


def elapsed() -> float:
    """Real seconds on a monotonic clock (only differences mean anything): how long a
    namespace has been idle is real time, whatever its virtual clock shows."""
    return time.monotonic()


#: The virtual clock stays within these instants (far enough for any scenario, and far from
#: datetime's limits, so arithmetic on "now" can never overflow).
EARLIEST = datetime(1970, 1, 1, tzinfo=UTC)
LATEST = datetime(2200, 1, 1, tzinfo=UTC)


def in_range(instant: datetime, written: str | None = None) -> datetime:
    """``instant`` when the virtual clock may show it (1970-2200), else ClockError naming it
    as ``written`` (default: ISO 8601)."""
    if not EARLIEST <= instant <= LATEST:
        raise ClockError(
            f"{written or instant.isoformat()} is outside the virtual clock's range "
            f"({EARLIEST.year}-{LATEST.year})"
        )
    return instant


def _shifted(instant: datetime, step: timedelta) -> datetime:
    try:
        return in_range(instant + step)
    except OverflowError:
        raise ClockError(f"moving the clock by {step} leaves its range") from None


class Clock:
    """Shared virtual time: live (wall time + offset) or frozen at an instant.

    ``version`` increases on every change made through the API, so caches can tell that
    time-dependent output may differ.
    """

    def __init__(self, start: datetime | str | None = None, *, frozen: bool = False) -> None:
        self._lock = threading.Lock()
        self._offset = timedelta(0)
        self._frozen_at: datetime | None = None
        self.version = 0
        if frozen:
            self.freeze(start)
        elif start is not None:
            self.set(start)

    @property
    def frozen(self) -> bool:
        """True when time stands still until set or advanced."""
        return self._frozen_at is not None

    def now(self) -> datetime:
        """The current virtual instant, aware UTC."""
        frozen = self._frozen_at
        return frozen if frozen is not None else _wall() + self._offset

    def set(self, instant: datetime | str) -> datetime:
        """Jump to ``instant``; a live clock keeps ticking from there."""
        target = in_range(parse_instant(instant))
        with self._lock:
            if self._frozen_at is not None:
                self._frozen_at = target
            else:
                self._offset = target - _wall()
            self.version += 1
        return target

    def advance(self, delta: timedelta | str | float) -> datetime:
        """Move time forward (or back, with a negative duration)."""
        step = delta if isinstance(delta, timedelta) else parse_duration(delta)
        with self._lock:
            _shifted(self.now(), step)  # refuse before changing anything
            if self._frozen_at is not None:
                self._frozen_at += step
            else:
                self._offset += step
            self.version += 1
        return self.now()

    def freeze(self, at: datetime | str | None = None) -> datetime:
        """Stop time at ``at`` (default: now)."""
        target = in_range(parse_instant(at)) if at is not None else self.now()
        with self._lock:
            self._frozen_at = target
            self.version += 1
        return target

    def unfreeze(self) -> datetime:
        """Let time run again from the frozen instant."""
        with self._lock:
            if self._frozen_at is not None:
                self._offset = self._frozen_at - _wall()
                self._frozen_at = None
            self.version += 1
        return self.now()


class ChannelClock:
    """One channel's view of the shared clock: its server timezone and its skew."""

    def __init__(self, base: Clock, *, timezone: str = "UTC", skew: timedelta | str = "PT0S"):
        self.base = base
        self._tz = zone(timezone)
        self.timezone = timezone
        self.skew = skew if isinstance(skew, timedelta) else parse_duration(skew)
        self._version = 0

    @property
    def version(self) -> tuple[int, int]:
        """Changes whenever the shared clock or this view changes."""
        return (self.base.version, self._version)

    def configure(
        self, *, timezone: str | None = None, skew: timedelta | str | None = None
    ) -> None:
        """Change the server timezone and/or skew."""
        if timezone is not None:
            self._tz = zone(timezone)
            self.timezone = timezone
        if skew is not None:
            self.skew = skew if isinstance(skew, timedelta) else parse_duration(skew)
        self._version += 1

    def now(self) -> datetime:
        """The channel server's idea of now (shared time + skew), aware UTC."""
        return self.base.now() + self.skew

    def local_now(self) -> datetime:
        """The channel server's now in its own timezone."""
        return self.now().astimezone(self._tz)

    def to_local(self, instant: datetime) -> datetime:
        """Render an instant in the channel server's timezone."""
        return instant.astimezone(self._tz)

    def describe(self) -> dict[str, object]:
        """A JSON-able summary for the admin API."""
        return {
            "now": self.base.now().isoformat(),
            "channel_now": self.now().isoformat(),
            "channel_local_now": self.local_now().isoformat(),
            "frozen": self.base.frozen,
            "timezone": self.timezone,
            "skew_seconds": self.skew.total_seconds(),
        }

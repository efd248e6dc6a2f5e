"""Behaviour of the virtual clock: the shared Clock, durations, instants and channel views."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from itertools import pairwise

import pytest

from simulators.core import clock as clock_module
from simulators.core.clock import (
    ChannelClock,
    Clock,
    ClockError,
    parse_duration,
    parse_instant,
    zone,
)

T0 = datetime(2026, 3, 10, 12, 0, tzinfo=UTC)


class FakeWall:
    """Stands in for wall time, so a live clock can be watched ticking without sleeping."""

    def __init__(self, start: datetime) -> None:
        self.now = start

    def __call__(self) -> datetime:
        return self.now

    def tick(self, seconds: float) -> None:
        self.now += timedelta(seconds=seconds)


@pytest.fixture
def wall(monkeypatch: pytest.MonkeyPatch) -> FakeWall:
    fake = FakeWall(datetime(2030, 1, 1, tzinfo=UTC))
    monkeypatch.setattr(clock_module, "_wall", fake)
    return fake


# -- Clock --------------------------------------------------------------------------------


def test_frozen_clock_stays_put_while_wall_time_passes(wall: FakeWall) -> None:
    clock = Clock(T0, frozen=True)
    assert clock.frozen
    assert clock.now() == T0
    wall.tick(3600)
    assert clock.now() == T0


def test_live_clock_started_at_an_instant_keeps_ticking(wall: FakeWall) -> None:
    clock = Clock(T0)
    assert not clock.frozen
    assert clock.now() == T0
    wall.tick(90)
    assert clock.now() == T0 + timedelta(seconds=90)


def test_clock_without_start_follows_wall_time(wall: FakeWall) -> None:
    clock = Clock()
    assert clock.now() == wall.now
    wall.tick(5)
    assert clock.now() == wall.now


def test_now_is_aware_utc() -> None:
    now = Clock("2026-03-10T13:00:00+01:00", frozen=True).now()
    assert now.utcoffset() == timedelta(0)
    assert now == T0


def test_set_on_a_frozen_clock_moves_it_and_keeps_it_frozen(wall: FakeWall) -> None:
    clock = Clock(T0, frozen=True)
    target = clock.set("2026-04-01T08:30:00Z")
    assert target == datetime(2026, 4, 1, 8, 30, tzinfo=UTC)
    assert clock.now() == target
    wall.tick(60)
    assert clock.frozen
    assert clock.now() == target


def test_set_on_a_live_clock_jumps_and_keeps_ticking(wall: FakeWall) -> None:
    clock = Clock()
    clock.set(datetime(2026, 4, 1, tzinfo=UTC))
    assert clock.now() == datetime(2026, 4, 1, tzinfo=UTC)
    wall.tick(10)
    assert clock.now() == datetime(2026, 4, 1, 0, 0, 10, tzinfo=UTC)


def test_set_accepts_an_offset_instant() -> None:
    clock = Clock(T0, frozen=True)
    clock.set("2026-03-10T23:30:00-05:00")
    assert clock.now() == datetime(2026, 3, 11, 4, 30, tzinfo=UTC)


@pytest.mark.parametrize(
    ("step", "expected"),
    [
        ("PT2H", T0 + timedelta(hours=2)),
        (timedelta(minutes=5), T0 + timedelta(minutes=5)),
        (90, T0 + timedelta(seconds=90)),
        (1.5, T0 + timedelta(seconds=1.5)),
        ("P1DT30M", T0 + timedelta(days=1, minutes=30)),
    ],
)
def test_advance_moves_a_frozen_clock_forward(step: timedelta | str | float, expected) -> None:
    clock = Clock(T0, frozen=True)
    assert clock.advance(step) == expected
    assert clock.now() == expected
    assert clock.frozen


@pytest.mark.parametrize("step", ["-PT30M", timedelta(minutes=-30), -1800])
def test_negative_advance_moves_back(step: timedelta | str | float) -> None:
    clock = Clock(T0, frozen=True)
    assert clock.advance(step) == T0 - timedelta(minutes=30)
    assert clock.now() == T0 - timedelta(minutes=30)


def test_advance_on_a_live_clock_shifts_it_and_it_keeps_ticking(wall: FakeWall) -> None:
    clock = Clock(T0)
    clock.advance("PT1H")
    assert clock.now() == T0 + timedelta(hours=1)
    wall.tick(30)
    assert clock.now() == T0 + timedelta(hours=1, seconds=30)


def test_bad_advance_raises_and_leaves_the_clock_alone() -> None:
    clock = Clock(T0, frozen=True)
    version = clock.version
    with pytest.raises(ClockError):
        clock.advance("two hours")
    assert clock.now() == T0
    assert clock.version == version


def test_freeze_without_an_instant_stops_time_at_now(wall: FakeWall) -> None:
    clock = Clock(T0)
    wall.tick(20)
    frozen_at = clock.freeze()
    assert frozen_at == T0 + timedelta(seconds=20)
    wall.tick(100)
    assert clock.frozen
    assert clock.now() == frozen_at


def test_freeze_at_an_instant(wall: FakeWall) -> None:
    clock = Clock(T0)
    clock.freeze("2027-01-01T00:00:00")
    wall.tick(100)
    assert clock.now() == datetime(2027, 1, 1, tzinfo=UTC)


def test_unfreeze_lets_time_run_from_the_frozen_instant(wall: FakeWall) -> None:
    clock = Clock(T0, frozen=True)
    wall.tick(500)  # wall time passing while frozen must not be added on unfreeze
    assert clock.unfreeze() == T0
    assert not clock.frozen
    wall.tick(7)
    assert clock.now() == T0 + timedelta(seconds=7)


def test_unfreeze_of_a_live_clock_does_not_move_it(wall: FakeWall) -> None:
    clock = Clock(T0)
    assert clock.unfreeze() == T0
    assert not clock.frozen


def test_version_increases_on_every_change() -> None:
    clock = Clock(T0, frozen=True)
    versions = [clock.version]
    clock.set("2026-03-11T00:00:00Z")
    versions.append(clock.version)
    clock.advance("PT1M")
    versions.append(clock.version)
    clock.unfreeze()
    versions.append(clock.version)
    clock.freeze()
    versions.append(clock.version)
    clock.advance("-PT1M")
    versions.append(clock.version)
    assert all(later > earlier for earlier, later in pairwise(versions))


def test_reading_the_clock_does_not_change_its_version() -> None:
    clock = Clock(T0, frozen=True)
    version = clock.version
    clock.now()
    _ = clock.frozen
    assert clock.version == version


# -- parse_duration -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("PT2H", timedelta(hours=2)),
        ("P1DT30M", timedelta(days=1, minutes=30)),
        ("-PT90S", timedelta(seconds=-90)),
        ("+PT90S", timedelta(seconds=90)),
        ("P1D", timedelta(days=1)),
        ("PT1H30M15S", timedelta(hours=1, minutes=30, seconds=15)),
        ("PT0.5S", timedelta(milliseconds=500)),
        ("PT0S", timedelta(0)),
        ("  PT5M  ", timedelta(minutes=5)),
        (90, timedelta(seconds=90)),
        (-30, timedelta(seconds=-30)),
        (2.25, timedelta(seconds=2.25)),
    ],
)
def test_parse_duration(text: str | float, expected: timedelta) -> None:
    assert parse_duration(text) == expected


@pytest.mark.parametrize(
    "text", ["", "P", "PT", "-P", "2 hours", "PT2", "P1H", "PT1X", "T2H", "PT-2H", "1h"]
)
def test_parse_duration_refuses_garbage_with_a_helpful_message(text: str) -> None:
    with pytest.raises(ClockError) as caught:
        parse_duration(text)
    message = str(caught.value)
    assert repr(text) in message
    assert "ISO 8601" in message
    assert "PT2H" in message  # an example of what is expected


def test_clock_error_is_a_value_error() -> None:
    with pytest.raises(ValueError):
        parse_duration("nope")


# -- parse_instant ------------------------------------------------------------------------


def test_parse_instant_takes_a_naive_value_as_utc() -> None:
    value = parse_instant("2026-03-10T12:00:00")
    assert value == T0
    assert value.tzinfo is not None
    assert value.utcoffset() == timedelta(0)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2026-03-10T23:30:00-05:00", datetime(2026, 3, 11, 4, 30, tzinfo=UTC)),
        ("2026-03-10T12:00:00+09:00", datetime(2026, 3, 10, 3, 0, tzinfo=UTC)),
        ("2026-03-10T12:00:00Z", T0),
        ("2026-03-10T12:00:00+00:00", T0),
    ],
)
def test_parse_instant_converts_offsets_to_utc(text: str, expected: datetime) -> None:
    value = parse_instant(text)
    assert value == expected
    assert value.utcoffset() == timedelta(0)
    assert (value.hour, value.minute) == (expected.hour, expected.minute)


def test_parse_instant_accepts_datetimes() -> None:
    naive = datetime(2026, 3, 10, 12, 0)
    assert parse_instant(naive) == T0
    paris = datetime(2026, 3, 10, 13, 0, tzinfo=timezone(timedelta(hours=1)))
    converted = parse_instant(paris)
    assert converted == T0
    assert converted.utcoffset() == timedelta(0)
    assert converted.hour == 12


@pytest.mark.parametrize("text", ["yesterday", "2026-13-01T00:00:00", "", "10/03/2026"])
def test_parse_instant_refuses_garbage_naming_it(text: str) -> None:
    with pytest.raises(ClockError) as caught:
        parse_instant(text)
    assert repr(text) in str(caught.value)
    assert "ISO 8601" in str(caught.value)


# -- zones and ChannelClock ---------------------------------------------------------------


def test_zone_names_an_unknown_timezone() -> None:
    with pytest.raises(ClockError) as caught:
        zone("Mars/Olympus_Mons")
    assert "Mars/Olympus_Mons" in str(caught.value)


def test_channel_clock_renders_local_time_in_its_timezone() -> None:
    base = Clock(T0, frozen=True)
    view = ChannelClock(base, timezone="America/New_York")
    local = view.local_now()
    # 10 March 2026 is after the US switch to daylight saving time (8 March): UTC-4.
    assert local.utcoffset() == timedelta(hours=-4)
    assert (local.year, local.month, local.day, local.hour, local.minute) == (2026, 3, 10, 8, 0)
    assert local == T0
    assert view.now() == T0
    assert view.now().utcoffset() == timedelta(0)


def test_channel_clock_follows_daylight_saving_time() -> None:
    base = Clock("2026-01-15T12:00:00Z", frozen=True)
    view = ChannelClock(base, timezone="America/New_York")
    assert view.local_now().utcoffset() == timedelta(hours=-5)
    assert view.local_now().hour == 7


def test_channel_clock_to_local() -> None:
    view = ChannelClock(Clock(T0, frozen=True), timezone="Asia/Tokyo")
    local = view.to_local(datetime(2026, 3, 10, 20, 0, tzinfo=UTC))
    assert (local.day, local.hour) == (11, 5)
    assert local.utcoffset() == timedelta(hours=9)


def test_channel_clock_skew_runs_ahead_or_behind_the_shared_clock() -> None:
    base = Clock(T0, frozen=True)
    fast = ChannelClock(base, skew="PT5M")
    slow = ChannelClock(base, skew=timedelta(seconds=-90))
    assert fast.now() == T0 + timedelta(minutes=5)
    assert slow.now() == T0 - timedelta(seconds=90)
    assert base.now() == T0  # the shared clock is not affected
    base.advance("PT1H")
    assert fast.now() == T0 + timedelta(hours=1, minutes=5)


def test_channel_clock_skew_and_timezone_combine() -> None:
    view = ChannelClock(Clock(T0, frozen=True), timezone="America/New_York", skew="-PT10M")
    local = view.local_now()
    assert (local.hour, local.minute) == (7, 50)


def test_channel_clock_unknown_timezone_names_it() -> None:
    with pytest.raises(ClockError) as caught:
        ChannelClock(Clock(T0, frozen=True), timezone="Europe/Atlantis")
    assert "Europe/Atlantis" in str(caught.value)


def test_channel_clock_bad_skew_raises() -> None:
    with pytest.raises(ClockError):
        ChannelClock(Clock(T0, frozen=True), skew="five minutes")


def test_configure_changes_timezone_and_skew_and_the_version() -> None:
    view = ChannelClock(Clock(T0, frozen=True))
    before = view.version
    view.configure(timezone="Europe/Paris", skew="PT30S")
    assert view.version != before
    assert view.timezone == "Europe/Paris"
    assert view.skew == timedelta(seconds=30)
    assert view.local_now().utcoffset() == timedelta(hours=1)
    assert view.now() == T0 + timedelta(seconds=30)


def test_configure_with_an_unknown_timezone_names_it() -> None:
    view = ChannelClock(Clock(T0, frozen=True))
    with pytest.raises(ClockError) as caught:
        view.configure(timezone="Nowhere/Land")
    assert "Nowhere/Land" in str(caught.value)


def test_channel_clock_version_follows_the_shared_clock() -> None:
    base = Clock(T0, frozen=True)
    view = ChannelClock(base)
    before = view.version
    base.advance("PT1S")
    assert view.version != before


def test_describe_summarises_the_view() -> None:
    base = Clock(T0, frozen=True)
    view = ChannelClock(base, timezone="America/New_York", skew="PT2M")
    described = view.describe()
    assert described == {
        "now": "2026-03-10T12:00:00+00:00",
        "channel_now": "2026-03-10T12:02:00+00:00",
        "channel_local_now": "2026-03-10T08:02:00-04:00",
        "frozen": True,
        "timezone": "America/New_York",
        "skew_seconds": 120.0,
    }

"""Request quotas: a limit per window, then a block counted down in whole seconds."""

from __future__ import annotations

import pytest

from simulators.core.quota import Quota, QuotaBook


def test_quota_from_json_defaults() -> None:
    quota = Quota.from_json({"limit": 200})
    assert (quota.limit, quota.window, quota.block) == (200, 10.0, 10.0)
    assert Quota.from_json({"limit": 5, "window_seconds": 60}).block == 60.0


def test_quota_json_round_trip() -> None:
    quota = Quota.from_json({"limit": 3, "window_seconds": 2, "block_seconds": 7})
    assert quota.to_json() == {"limit": 3, "window_seconds": 2.0, "block_seconds": 7.0}
    assert Quota.from_json(quota.to_json()) == quota


@pytest.mark.parametrize(
    "data",
    [
        {"limit": 0},
        {"limit": 5, "window_seconds": 0},
        {"limit": 5, "window_seconds": -1},
        {"limit": 5, "block_seconds": -1},
    ],
)
def test_quota_refuses_nonsense(data: dict[str, float]) -> None:
    with pytest.raises(ValueError):
        Quota.from_json(data)


def test_quota_allows_the_limit_then_blocks() -> None:
    book, quota = QuotaBook(), Quota(limit=3, window=10, block=5)
    assert [book.hit("k", quota, 0.0) for _ in range(3)] == [None, None, None]
    assert book.hit("k", quota, 0.5) == 5


def test_retry_after_counts_down_during_the_block() -> None:
    book, quota = QuotaBook(), Quota(limit=1, window=10, block=5)
    assert book.hit("k", quota, 100.0) is None
    assert book.hit("k", quota, 100.0) == 5  # the block starts now
    assert book.hit("k", quota, 102.0) == 3
    assert book.hit("k", quota, 104.5) == 1  # whole seconds, rounded up
    assert book.hit("k", quota, 105.0) is None  # the block is over


def test_block_of_whole_seconds_is_rounded_up() -> None:
    book, quota = QuotaBook(), Quota(limit=1, window=10, block=2.5)
    book.hit("k", quota, 0.0)
    assert book.hit("k", quota, 0.0) == 3


def test_window_resets_after_its_length() -> None:
    book, quota = QuotaBook(), Quota(limit=2, window=10, block=10)
    assert book.hit("k", quota, 0.0) is None
    assert book.hit("k", quota, 9.0) is None
    assert book.hit("k", quota, 10.0) is None  # a new window
    assert book.hit("k", quota, 15.0) is None
    assert book.hit("k", quota, 16.0) == 10  # third in the window that began at 10


def test_requests_during_a_block_do_not_extend_it() -> None:
    book, quota = QuotaBook(), Quota(limit=1, window=10, block=4)
    book.hit("k", quota, 0.0)
    book.hit("k", quota, 0.0)
    for moment in (1.0, 2.0, 3.0):
        book.hit("k", quota, moment)
    assert book.hit("k", quota, 4.0) is None


def test_quota_keys_are_independent() -> None:
    book, quota = QuotaBook(), Quota(limit=1, window=10, block=10)
    assert book.hit("a", quota, 0.0) is None
    assert book.hit("a", quota, 0.0) == 10
    assert book.hit("b", quota, 0.0) is None


def test_quota_clear_forgets_blocks() -> None:
    book, quota = QuotaBook(), Quota(limit=1, window=10, block=10)
    book.hit("a", quota, 0.0)
    assert book.hit("a", quota, 0.0) == 10
    book.clear()
    assert book.hit("a", quota, 1.0) is None


def test_many_client_keys_keep_only_live_windows_and_blocks() -> None:
    book = QuotaBook()
    quota = Quota(limit=1, window=10.0, block=100.0)
    book.hit("blocked", quota, 0.0)
    assert book.hit("blocked", quota, 0.0) == 100  # over the limit: blocked for 100 s
    for n in range(QuotaBook.PRUNE_AT):
        book.hit(f"client-{n}", quota, 1.0)
    book.hit("late", quota, 50.0)  # every client window ended; the block still holds
    assert len(book) == 2
    assert book.hit("blocked", quota, 50.0) == 50
    assert book.hit("late", quota, 50.0) == 100  # its window still counts: over the limit

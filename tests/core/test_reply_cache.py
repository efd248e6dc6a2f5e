"""The reply cache: a hit per key and version, emptied by a change, least recently used out."""

from __future__ import annotations

from simulators.core.reply_cache import ReplyCache
from simulators.core.request import HttpReply


def reply(body: bytes) -> HttpReply:
    return HttpReply.of(200, body, "application/json")


def test_reply_cache_hit_for_the_same_key_and_version() -> None:
    cache = ReplyCache()
    assert cache.get("k", 1) is None
    cache.put("k", 1, reply(b"[1]"))
    assert cache.get("k", 1) == reply(b"[1]")
    assert (cache.hits, cache.misses) == (1, 1)
    assert cache.get("other", 1) is None
    assert cache.misses == 2


def test_reply_cache_is_emptied_by_a_version_change() -> None:
    cache = ReplyCache()
    cache.get("k", 1)
    cache.put("k", 1, reply(b"old"))
    assert cache.get("k", 2) is None
    assert cache.get("k", 1) is None  # going back does not bring old entries back


def test_reply_cache_ignores_a_put_for_a_stale_version() -> None:
    cache = ReplyCache()
    cache.get("k", 1)
    cache.get("k", 2)
    cache.put("k", 1, reply(b"stale"))
    assert cache.get("k", 2) is None


def test_reply_cache_evicts_the_least_recently_used() -> None:
    cache = ReplyCache(capacity=2)
    cache.get("a", 0)
    cache.put("a", 0, reply(b"a"))
    cache.put("b", 0, reply(b"b"))
    assert cache.get("a", 0) is not None  # a is now the most recently used
    cache.put("c", 0, reply(b"c"))
    assert cache.get("b", 0) is None
    assert cache.get("a", 0) == reply(b"a")
    assert cache.get("c", 0) == reply(b"c")

"""Behaviour of the small core services: quotas, the journal, pagination, reply cache, tokens."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest

from simulators.core.journal import (
    BODY_FULL,
    BODY_PREVIEW,
    Journal,
    mask_secret,
    scrub_headers,
)
from simulators.core.pagination import PageOutOfRange, page_link, paginate
from simulators.core.quota import Quota, QuotaBook
from simulators.core.reply_cache import ReplyCache
from simulators.core.request import HttpReply
from simulators.core.tokens import Token, TokenStatus, TokenStore

T0 = datetime(2026, 3, 10, 12, 0, tzinfo=UTC)

# -- Quota --------------------------------------------------------------------------------


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


# -- Journal ------------------------------------------------------------------------------


def record(journal: Journal, **overrides: Any) -> Any:
    fields: dict[str, Any] = {
        "at": T0.isoformat(),
        "operation": "get-ws-list-order",
        "method": "GET",
        "path": "/ws/orders",
        "query": "",
        "headers": [],
        "body": b"",
        "status": 200,
    }
    fields.update(overrides)
    return journal.record(**fields)


def test_journal_numbers_entries_from_one() -> None:
    journal = Journal("backmarket")
    assert journal.last_seq == 0
    first, second = record(journal), record(journal)
    assert (first.seq, second.seq) == (1, 2)
    assert journal.last_seq == 2
    assert len(journal) == 2
    assert first.channel == "backmarket"


def test_journal_is_bounded_dropping_the_oldest_and_counting_them() -> None:
    journal = Journal("bm", maxlen=3)
    for n in range(5):
        record(journal, query=f"n={n}")
    assert len(journal) == 3
    assert journal.dropped == 2
    assert [e.seq for e in journal.query()] == [3, 4, 5]
    assert [e.query for e in journal.query()] == ["n=2", "n=3", "n=4"]
    assert journal.last_seq == 5


def test_journal_seq_keeps_increasing_across_clear() -> None:
    journal = Journal("bm", maxlen=2)
    for _ in range(3):
        record(journal)
    journal.clear()
    assert len(journal) == 0
    assert journal.query() == []
    assert journal.dropped == 0
    assert journal.last_seq == 3
    assert record(journal).seq == 4
    assert [e.seq for e in journal.query(since=3)] == [4]


@pytest.fixture
def filled() -> Journal:
    journal = Journal("bm")
    record(journal, operation="get-ws-list-order", path="/ws/orders", status=200)
    record(journal, operation="get-ws-specific-order", path="/ws/orders/41", status=404)
    record(
        journal,
        operation="update-ws-specific-order",
        method="POST",
        path="/ws/orders/42",
        status=200,
    )
    record(
        journal,
        operation="update-ws-specific-orderline",
        method="PATCH",
        path="/ws/orderlines/9",
        status=422,
    )
    record(journal, operation=None, path="/nowhere", status=404)
    return journal


def _seqs(entries: list[Any]) -> list[int]:
    return [e.seq for e in entries]


def test_journal_query_without_filters_gives_everything_in_order(filled: Journal) -> None:
    assert _seqs(filled.query()) == [1, 2, 3, 4, 5]


def test_journal_query_by_operation(filled: Journal) -> None:
    assert _seqs(filled.query(operation="get-ws-specific-order")) == [2]
    assert filled.query(operation="unknown-op") == []


def test_journal_query_by_method_ignores_case(filled: Journal) -> None:
    assert _seqs(filled.query(method="POST")) == [3]
    assert _seqs(filled.query(method="patch")) == [4]
    assert _seqs(filled.query(method="get")) == [1, 2, 5]


def test_journal_query_by_path_prefix(filled: Journal) -> None:
    assert _seqs(filled.query(path="/ws/orders")) == [1, 2, 3]
    assert _seqs(filled.query(path="/ws/orders/")) == [2, 3]
    assert _seqs(filled.query(path="/ws/orderlines")) == [4]


def test_journal_query_by_status(filled: Journal) -> None:
    assert _seqs(filled.query(status=404)) == [2, 5]
    assert filled.query(status=500) == []


def test_journal_query_since_keeps_later_entries(filled: Journal) -> None:
    assert _seqs(filled.query(since=3)) == [4, 5]
    assert filled.query(since=5) == []


def test_journal_query_limit_keeps_the_newest(filled: Journal) -> None:
    assert _seqs(filled.query(limit=2)) == [4, 5]
    assert _seqs(filled.query(limit=1)) == [5]
    assert _seqs(filled.query(limit=50)) == [1, 2, 3, 4, 5]


def test_journal_query_filters_combine(filled: Journal) -> None:
    assert _seqs(filled.query(path="/ws/orders", status=200)) == [1, 3]
    assert _seqs(filled.query(method="GET", status=404, limit=1)) == [5]
    assert _seqs(filled.query(path="/ws/", since=1, limit=2)) == [3, 4]
    assert filled.count(status=404) == 2


def test_mask_secret_keeps_scheme_and_last_four() -> None:
    assert mask_secret("Basic abcdefgh12345678") == "Basic ****5678"
    assert mask_secret("Bearer abcdefghijk") == "Bearer ****hijk"
    assert mask_secret("rawsecretvalue42") == "****ue42"


def test_mask_secret_hides_short_secrets_entirely() -> None:
    assert mask_secret("Basic abc") == "Basic ****"
    assert mask_secret("12345678") == "****"


def test_journal_masks_the_credential_headers_the_channel_names() -> None:
    journal = Journal("shop", secret_headers=frozenset({"authorization", "ss-password"}))
    entry = record(
        journal,
        headers=[
            ("Authorization", "Basic abcdefgh12345678"),
            ("User-Agent", "BM-Acme-Ship;qa@example.com"),
            ("SS-Password", "hunter2hunter2"),
        ],
        response_headers=[("Content-Type", "application/json"), ("Authorization", "Basic zz")],
    )
    data = entry.to_json()
    assert data["headers"] == {
        "authorization": "Basic ****5678",
        "user-agent": "BM-Acme-Ship;qa@example.com",
        "ss-password": "****ter2",
    }
    assert data["response_headers"]["authorization"] == "Basic ****"
    assert "abcdefgh12345678" not in str(data)


def test_journal_masks_authorization_by_default() -> None:
    entry = record(Journal("bm"), headers=[("Authorization", "Basic abcdefgh12345678")])
    assert entry.to_json()["headers"] == {"authorization": "Basic ****5678"}


def test_scrub_headers_lowercases_names() -> None:
    assert scrub_headers([("X-Thing", "V"), ("authorization", "Basic abcdefghijkl")]) == {
        "x-thing": "V",
        "authorization": "Basic ****ijkl",
    }


def test_journal_entry_json_parses_json_bodies_and_keeps_text() -> None:
    journal = Journal("bm")
    entry = record(
        journal,
        body=b'{"new_state": 2}',
        response_body=b"not json",
        fault="fault-1",
        fault_kind="malformed",
        notes=("User-Agent is odd",),
    )
    data = entry.to_json()
    assert data["body"] == {"new_state": 2}
    assert data["response_body"] == "not json"
    assert data["fault"] == "fault-1"
    assert data["fault_kind"] == "malformed"
    assert data["notes"] == ["User-Agent is odd"]
    assert record(journal).to_json()["body"] is None


def test_journal_keeps_a_preview_of_big_bodies_and_their_full_size() -> None:
    journal = Journal("bm")
    big = b"x" * (BODY_FULL + 100)
    entry = record(journal, response_body=big)
    assert entry.response_size == BODY_FULL + 100
    assert len(entry.response_body) == BODY_PREVIEW
    text = entry.to_json()["response_body"]
    assert text.startswith("x" * 100)
    assert text.endswith(f"[{BODY_FULL + 100 - BODY_PREVIEW} more bytes]")


def test_journal_keeps_bodies_up_to_the_full_limit_whole() -> None:
    body = b'{"ok": true, "pad": "' + b"y" * (BODY_FULL - 30) + b'"}'
    assert len(body) <= BODY_FULL
    entry = record(Journal("bm"), response_body=body)
    assert entry.to_json()["response_body"]["ok"] is True


def test_journal_shares_one_preview_between_entries_of_the_same_reply() -> None:
    journal = Journal("bm")
    page = b"z" * (BODY_FULL * 4)
    first, second = (record(journal, response_body=page) for _ in range(2))
    assert first.response_body is second.response_body


def test_journal_records_a_dropped_request_without_status() -> None:
    journal = Journal("bm")
    entry = record(journal, status=None, fault="f", fault_kind="drop")
    data = entry.to_json()
    assert data["status"] is None
    assert data["response_body"] is None
    assert data["fault_kind"] == "drop"


# -- pagination ---------------------------------------------------------------------------


def test_paginate_first_middle_and_last_page() -> None:
    items = list(range(25))
    first = paginate(items, 1, 10)
    assert list(first.items) == list(range(10))
    assert (first.count, first.number, first.next_number, first.previous_number) == (
        25,
        1,
        2,
        None,
    )
    middle = paginate(items, 2, 10)
    assert list(middle.items) == list(range(10, 20))
    assert (middle.next_number, middle.previous_number) == (3, 1)
    last = paginate(items, 3, 10)
    assert list(last.items) == [20, 21, 22, 23, 24]
    assert (last.next_number, last.previous_number) == (None, 2)


def test_paginate_exact_multiple_has_no_empty_trailing_page() -> None:
    items = list(range(20))
    assert paginate(items, 2, 10).next_number is None
    with pytest.raises(PageOutOfRange):
        paginate(items, 3, 10)


def test_paginate_single_page() -> None:
    page = paginate(["a", "b"], 1, 10)
    assert list(page.items) == ["a", "b"]
    assert (page.next_number, page.previous_number) == (None, None)


def test_paginate_empty_first_page() -> None:
    nothing: list[int] = []
    page = paginate(nothing, 1, 10)
    assert list(page.items) == []
    assert page.count == 0
    assert (page.next_number, page.previous_number) == (None, None)


@pytest.mark.parametrize(
    ("count", "page"),
    [(25, 4), (25, 0), (25, -1), (0, 2), (10, 2)],
)
def test_paginate_out_of_range_raises(count: int, page: int) -> None:
    with pytest.raises(PageOutOfRange) as caught:
        paginate(list(range(count)), page, 10)
    assert str(page) in str(caught.value)


def test_page_out_of_range_is_a_lookup_error() -> None:
    with pytest.raises(LookupError):
        paginate([1], 2, 1)


def test_page_link_sets_the_page_and_keeps_other_params() -> None:
    link = page_link("http://h:8080/ws/orders?state=1&page=2&page_size=5", "page", 3)
    assert link is not None
    parts = urlsplit(link)
    assert (parts.scheme, parts.netloc, parts.path) == ("http", "h:8080", "/ws/orders")
    assert parse_qs(parts.query) == {"state": ["1"], "page": ["3"], "page_size": ["5"]}


def test_page_link_adds_the_page_when_absent() -> None:
    assert page_link("http://h/ws/orders", "page", 2) == "http://h/ws/orders?page=2"


def test_page_link_keeps_blank_and_encoded_params() -> None:
    link = page_link("http://h/ws/orders?date_creation=2026-03-10T12%3A00%3A00Z&x=", "page", 2)
    assert link is not None
    assert parse_qs(urlsplit(link).query, keep_blank_values=True) == {
        "date_creation": ["2026-03-10T12:00:00Z"],
        "x": [""],
        "page": ["2"],
    }


def test_page_link_of_no_page_is_none() -> None:
    assert page_link("http://h/ws/orders?page=1", "page", None) is None


# -- ReplyCache ---------------------------------------------------------------------------


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


# -- TokenStore ---------------------------------------------------------------------------


def test_token_status_at_instants() -> None:
    token = Token("t", expires_at=T0 + timedelta(hours=1))
    assert token.status(T0) is TokenStatus.VALID
    assert token.status(T0 + timedelta(minutes=59, seconds=59)) is TokenStatus.VALID
    assert token.status(T0 + timedelta(hours=1)) is TokenStatus.EXPIRED
    assert token.status(T0 + timedelta(days=3)) is TokenStatus.EXPIRED
    assert Token("forever").status(T0 + timedelta(days=10_000)) is TokenStatus.VALID


def test_revoked_wins_over_expiry() -> None:
    token = Token("t", expires_at=T0, revoked=True)
    assert token.status(T0 - timedelta(days=1)) is TokenStatus.REVOKED
    assert token.status(T0 + timedelta(days=1)) is TokenStatus.REVOKED


def test_store_check_known_and_unknown() -> None:
    store = TokenStore()
    store.issue(Token("good", label="ShipStation"))
    status, token = store.check("good", T0)
    assert status is TokenStatus.VALID
    assert token is not None
    assert token.label == "ShipStation"
    assert store.check("bad", T0) == (TokenStatus.UNKNOWN, None)
    assert store.check(None, T0) == (TokenStatus.UNKNOWN, None)
    assert store.check("", T0) == (TokenStatus.UNKNOWN, None)


def test_store_issue_replaces_a_token_with_the_same_value() -> None:
    store = TokenStore()
    store.issue(Token("t", label="old"))
    store.issue(Token("t", label="new"))
    assert [t.label for t in store.all()] == ["new"]


def test_store_lists_tokens_in_the_order_issued() -> None:
    store = TokenStore()
    for value in ("c", "a", "b"):
        store.issue(Token(value))
    assert [t.value for t in store.all()] == ["c", "a", "b"]


def test_expire_makes_a_token_expired_from_now() -> None:
    store = TokenStore()
    store.issue(Token("t"))
    store.expire("t", T0)
    assert store.check("t", T0 - timedelta(seconds=1))[0] is TokenStatus.VALID
    assert store.check("t", T0)[0] is TokenStatus.EXPIRED


def test_renew_gives_a_new_expiry_and_lifts_revocation() -> None:
    store = TokenStore()
    store.issue(Token("t", expires_at=T0))
    store.revoke("t")
    assert store.check("t", T0 - timedelta(hours=1))[0] is TokenStatus.REVOKED
    store.renew("t", T0 + timedelta(days=1))
    assert store.check("t", T0 + timedelta(hours=23))[0] is TokenStatus.VALID
    assert store.check("t", T0 + timedelta(days=1))[0] is TokenStatus.EXPIRED
    store.renew("t", None)
    assert store.check("t", T0 + timedelta(days=365))[0] is TokenStatus.VALID


def test_revoke_keeps_the_token_known() -> None:
    store = TokenStore()
    store.issue(Token("t"))
    store.revoke("t")
    status, token = store.check("t", T0)
    assert status is TokenStatus.REVOKED
    assert token is not None


@pytest.mark.parametrize("action", ["expire", "renew", "revoke"])
def test_lifecycle_of_an_unknown_token_raises_key_error(action: str) -> None:
    store = TokenStore()
    with pytest.raises(KeyError):
        if action == "expire":
            store.expire("ghost", T0)
        elif action == "renew":
            store.renew("ghost", None)
        else:
            store.revoke("ghost")


def test_token_json() -> None:
    token = Token("t", "label", T0, quota={"limit": 5.0}, extra={"region": "Europe"})
    assert token.to_json(T0 - timedelta(seconds=1)) == {
        "token": "t",
        "label": "label",
        "expires_at": "2026-03-10T12:00:00+00:00",
        "revoked": False,
        "status": "valid",
        "quota": {"limit": 5.0},
        "region": "Europe",
    }
    assert token.to_json(T0)["status"] == "expired"

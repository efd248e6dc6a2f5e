"""The request journal: numbered, bounded, filtered, secrets masked, bodies kept or previewed."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest

from simulators.core.journal import BODY_FULL, BODY_PREVIEW, Journal

T0 = datetime(2026, 3, 10, 12, 0, tzinfo=UTC)


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


def test_journal_masks_the_secret_fields_of_query_json_and_xml_bodies() -> None:
    journal = Journal("shop", secret_fields=frozenset({"SS-Password", "accessKey", "api_key"}))
    soap = (
        b"<s:Envelope xmlns:s='urn:s'><s:Body><getOrders><credentials>"
        b"<accessKey>k3y-very-secret-9876</accessKey></credentials></getOrders></s:Body>"
        b"</s:Envelope>"
    )
    entry = journal.record(
        at=T0.isoformat(),
        operation="getOrders",
        method="POST",
        path="/",
        query="action=export&SS-UserName=shop&SS-Password=hunter2hunter2",
        headers=[],
        body=soap,
        status=200,
        response_body=b'{"user": {"api_key": "abcdefgh12345678", "name": "x"}}',
    )
    data = entry.to_json()
    assert "SS-Password=%2A%2A%2A%2Ater2" in data["query"] and "SS-UserName=shop" in data["query"]
    assert "<accessKey>****9876</accessKey>" in data["body"]
    assert data["response_body"] == {"user": {"api_key": "****5678", "name": "x"}}
    assert "hunter2hunter2" not in str(data) and "k3y-very-secret" not in str(data)


def test_a_secret_in_a_body_cut_to_a_preview_is_masked_too() -> None:
    journal = Journal("shop", secret_fields=frozenset({"accessKey"}))
    body = b"<a><accessKey>k3y-very-secret-9876</accessKey>" + b"<x/>" * BODY_FULL + b"</a>"
    data = journal.record(
        at=T0.isoformat(), operation=None, method="POST", path="/", query="",
        headers=[], body=body, status=200,
    ).to_json()  # fmt: skip
    assert data["body"].startswith("<a><accessKey>****9876</accessKey>")

"""The request journal over real HTTP: complete, ordered, read-your-writes, filtered, bounded."""

from __future__ import annotations

import threading
from collections import defaultdict
from typing import Any
from urllib.parse import parse_qs

import pytest
import requests

from simulators.core.clock import Clock
from simulators.core.registry import channel_entry
from simulators.core.server import ChannelOptions, SimulatorGroup
from tests.helpers import USER_AGENT, BackMarketClient

CLIENTS = 8
PER_CLIENT = 50


def issue_token(bm: BackMarketClient, value: str, quota: dict[str, Any] | None = None) -> str:
    body: dict[str, Any] = {"token": value}
    if quota is not None:
        body["quota"] = quota
    bm.admin("POST", "/tokens", body)
    issued = [t for t in bm.admin_get("/tokens") if t["token"] == value]
    assert issued, f"token {value} was not issued"
    return value


def last_seq(bm: BackMarketClient) -> int:
    seq: int = bm.admin_get("/journal")["last_seq"]
    return seq


def tag(entry: dict[str, Any]) -> tuple[int, int]:
    query = parse_qs(entry["query"])
    return int(query["client"][0]), int(query["n"][0])


@pytest.mark.sim_settings(rate_limit="per_token")  # one address, more than 200 calls
def test_concurrent_clients_are_all_journaled_in_order(bm: BackMarketClient) -> None:
    token = issue_token(bm, "load-test-token-000000000001", {"limit": 100000})
    start = last_seq(bm)
    failures: list[str] = []
    statuses: list[int] = []
    lock = threading.Lock()
    barrier = threading.Barrier(CLIENTS)

    def client(number: int) -> None:
        headers = bm.headers()
        headers["Authorization"] = f"Basic {token}"
        with requests.Session() as session:
            barrier.wait()
            for n in range(PER_CLIENT):
                try:
                    reply = session.get(
                        bm.url + "/ws/orders",
                        params={"page": 1, "client": number, "n": n},
                        headers=headers,
                        timeout=30,
                    )
                except requests.RequestException as exc:
                    with lock:
                        failures.append(f"client {number} call {n}: {exc}")
                    return
                with lock:
                    statuses.append(reply.status_code)

    threads = [threading.Thread(target=client, args=(c,)) for c in range(CLIENTS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not any(t.is_alive() for t in threads)
    assert failures == []
    assert statuses == [200] * (CLIENTS * PER_CLIENT)

    reply = bm.admin_get("/journal", {"since": start})
    entries = reply["entries"]
    assert len(entries) == CLIENTS * PER_CLIENT
    assert reply["last_seq"] == start + CLIENTS * PER_CLIENT
    assert reply["dropped"] == 0
    seqs = [e["seq"] for e in entries]
    assert seqs == list(range(start + 1, start + 1 + CLIENTS * PER_CLIENT))

    tags = [tag(e) for e in entries]
    assert sorted(tags) == [(c, n) for c in range(CLIENTS) for n in range(PER_CLIENT)]
    by_client: dict[int, list[int]] = defaultdict(list)
    for client_number, n in tags:
        by_client[client_number].append(n)
    for client_number in range(CLIENTS):
        assert by_client[client_number] == list(range(PER_CLIENT)), client_number
    assert {e["status"] for e in entries} == {200}
    assert {e["operation"] for e in entries} == {"get-ws-list-order"}


def test_an_entry_is_readable_as_soon_as_the_response_arrives(bm: BackMarketClient) -> None:
    for probe in range(20):
        reply = bm.get("/ws/orders", {"page": 1, "probe": probe})
        entries = bm.journal(limit=1)
        assert len(entries) == 1
        entry = entries[0]
        assert parse_qs(entry["query"]) == {"page": ["1"], "probe": [str(probe)]}
        assert entry["status"] == reply.status_code
        assert entry["path"] == "/ws/orders"


def test_an_error_is_journaled_before_it_is_answered(bm: BackMarketClient) -> None:
    for probe in range(5):
        reply = bm.get(f"/ws/orders/{probe}")
        assert reply.status_code == 404
        assert reply.content == b""  # the documented empty body of the order operations
        entry = bm.journal(limit=1)[0]
        assert entry["path"] == f"/ws/orders/{probe}"
        assert entry["status"] == 404
        assert entry["response_body"] is None  # the journal shows an empty body as null


def test_entry_contents(bm: BackMarketClient) -> None:
    order_id = next(o["order_id"] for o in bm.admin_get("/orders") if o["state"] == 1)
    reply = bm.get(f"/ws/orders/{order_id}", {"x": "1"})
    assert reply.status_code == 200
    entry = bm.journal(limit=1)[0]
    assert entry["channel"] == "backmarket"
    assert entry["operation"] == "get-ws-specific-order"
    assert entry["path"] == f"/ws/orders/{order_id}"
    assert entry["query"] == "x=1"
    assert entry["method"] == "GET"
    assert entry["at"] == "2026-03-10T12:00:00+00:00"
    assert entry["headers"]["user-agent"] == USER_AGENT
    assert entry["headers"]["authorization"] == f"Basic ****{bm.token[-4:]}"
    assert bm.token not in str(entry)
    assert entry["status"] == 200
    assert entry["response_body"] == reply.json()
    assert entry["response_headers"]["content-type"].startswith("application/json")
    assert entry["body"] is None
    assert entry["fault"] is None


def test_since_filter(bm: BackMarketClient) -> None:
    bm.get("/ws/orders", {"n": 1})
    mark = last_seq(bm)
    bm.get("/ws/orders", {"n": 2})
    bm.get("/ws/orders", {"n": 3})
    entries = bm.journal(since=mark)
    assert [e["query"] for e in entries] == ["n=2", "n=3"]
    assert [e["seq"] for e in entries] == [mark + 1, mark + 2]
    assert bm.journal(since=mark + 2) == []


def test_operation_filter(bm: BackMarketClient) -> None:
    order_id = next(o["order_id"] for o in bm.admin_get("/orders") if o["state"] == 1)
    bm.get("/ws/orders")
    bm.get(f"/ws/orders/{order_id}")
    bm.get("/ws/orders/1")
    bm.get("/ws/orders", {"page": 2})
    one = bm.journal(operation="get-ws-specific-order")
    assert [e["path"] for e in one] == [f"/ws/orders/{order_id}", "/ws/orders/1"]
    assert [e["status"] for e in one] == [200, 404]
    assert len(bm.journal(operation="get-ws-list-order")) == 2
    assert bm.journal(operation="update-ws-specific-order") == []


def test_method_path_status_and_limit_filters(bm: BackMarketClient) -> None:
    order_id = next(o["order_id"] for o in bm.admin_get("/orders") if o["state"] == 1)
    bm.get("/ws/orders")
    bm.get("/ws/orders/1")
    bm.update(int(order_id), new_state=2, sku="no-such-sku")
    assert [e["method"] for e in bm.journal(method="POST")] == ["POST"]
    assert len(bm.journal(path="/ws/orders/")) == 2
    assert [e["path"] for e in bm.journal(status=404)] == ["/ws/orders/1", f"/ws/orders/{order_id}"]
    assert [e["method"] for e in bm.journal(limit=2)] == ["GET", "POST"]


def test_unmatched_requests_are_journaled_without_operation(bm: BackMarketClient) -> None:
    reply = bm.get("/ws/nothing-here")
    assert reply.status_code == 404
    entry = bm.journal(limit=1)[0]
    assert entry["path"] == "/ws/nothing-here"
    assert entry["operation"] is None
    assert entry["status"] == 404


def test_admin_requests_are_not_journaled(bm: BackMarketClient) -> None:
    bm.get("/ws/orders")
    before = bm.admin_get("/journal")
    for _ in range(3):
        bm.admin("GET", "/state")
        bm.admin("GET", "/orders")
        bm.admin("GET", "/clock")
        bm.admin("GET", "/faults")
        bm.admin("GET", "/journal")
        bm.admin("GET", "/__sim/nowhere")
    after = bm.admin_get("/journal")
    assert after["last_seq"] == before["last_seq"]
    assert after["entries"] == before["entries"]
    assert all(not e["path"].startswith("/__sim") for e in after["entries"])


def test_clearing_the_journal_keeps_sequence_numbers_going(bm: BackMarketClient) -> None:
    bm.get("/ws/orders")
    bm.get("/ws/orders")
    mark = last_seq(bm)
    reply = bm.admin("DELETE", "/journal")
    assert reply.status_code == 204
    assert bm.journal() == []
    bm.get("/ws/orders")
    assert [e["seq"] for e in bm.journal()] == [mark + 1]


def test_the_journal_is_bounded() -> None:
    clock = Clock("2026-03-10T12:00:00Z", frozen=True)
    options = {"backmarket": ChannelOptions(port=0, journal_size=5)}
    with SimulatorGroup([channel_entry("backmarket")], clock=clock, options=options) as group:
        small = BackMarketClient(group.channels["backmarket"])
        for n in range(8):
            assert small.get("/ws/orders", {"n": n}).status_code == 200
        reply = small.admin_get("/journal")
        assert len(reply["entries"]) == 5
        assert reply["dropped"] == 3
        assert reply["last_seq"] == 8
        assert [e["query"] for e in reply["entries"]] == [f"n={n}" for n in range(3, 8)]
        state = small.admin_get("/state")
        assert state["journal"] == {"entries": 5, "last_seq": 8, "dropped": 3, "capacity": 5}

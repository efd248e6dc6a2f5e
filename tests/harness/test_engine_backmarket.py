"""The reference engine and the Back Market adapter, end to end against the Back Market simulator.

Every test drives the engine over real loopback HTTP to the in-process simulator and reads what
the channel received from the simulator's journal and its orders (``/__sim``). The engine sleeps
by advancing the simulators' virtual clock, so waits are asserted on ``world.clock``.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs

import pytest

from harness.channels.backmarket import BackMarketAdapter
from harness.channels.backmarket_notes import identifier_from_notes
from harness.channels.http import Http
from harness.engine.connection import Connection, ConnectionFormError
from harness.engine.engine import Engine
from harness.engine.errors import ChannelProblem
from harness.engine.model import Address, Shipment
from harness.engine.status import PlatformStatus, StatusMap, StatusMapError
from harness.engine.store import Store
from harness.runner.execution.results import PASSED
from harness.runner.worlds.control import ChannelControl
from harness.runner.worlds.world import InProcessWorld
from tests.harness.conftest import T0, connect, run_file, write_file

START = datetime.fromisoformat(T0)
LIST, SHOW, UPDATE = "get-ws-list-order", "get-ws-specific-order", "update-ws-specific-order"
SMARTPHONE: dict[str, Any] = {"single_unit": True, "category": "smartphone"}
VALID_IMEI = "356938035643809"  # Luhn check digit correct
INVALID_IMEI = "356938035643800"  # same digits, wrong check digit
SERIAL = "F2LXK0A1HG7F"
USER_AGENT = re.compile(r"^BM-[^-;]+-[^;]+;\S+@\S+$")  # Back Market's recommended form
PARIS = {
    "first_name": "Jeanne",
    "last_name": "Martin",
    "company": "",
    "street": "12 rue de la Paix",
    "street2": "",
    "postal_code": "75002",
    "city": "Paris",
    "state": "",
    "country": "FR",
    "phone": "+33612345678",
    "email": "jeanne.martin@example.com",
}


# -- helpers ----------------------------------------------------------------------------------
def entries(
    sim: ChannelControl, operation: str | None = None, since: int = 0
) -> list[dict[str, Any]]:
    """Journal entries after ``since``, optionally of one operation only."""
    found: list[dict[str, Any]] = sim.journal(since)["entries"]
    return [e for e in found if operation is None or e["operation"] == operation]


def last_seq(sim: ChannelControl) -> int:
    seq: int = sim.journal()["last_seq"]
    return seq


def query(entry: dict[str, Any]) -> dict[str, list[str]]:
    return parse_qs(entry["query"])


def elapsed(world: InProcessWorld) -> float:
    """Virtual seconds since T0."""
    return (world.clock.now() - START).total_seconds()


def status_of(store: Store) -> tuple[str, str | None, str | None]:
    """The store's status, code and message (read fresh: the engine changes them)."""
    return store.status, store.status_code, store.status_message


def token_of(store: Store) -> str:
    return store.connection.credentials["token"]


def line_states(sim: ChannelControl, ref: str) -> list[int]:
    return [line["state"] for line in sim.order(ref)["orderlines"]]


def ship_calls(sim: ChannelControl, since: int = 0) -> list[dict[str, Any]]:
    return [e for e in entries(sim, UPDATE, since) if e["body"]["new_state"] == 3]


def offline_adapter(**fields: Any) -> BackMarketAdapter:
    """An adapter built without any network (only its pure parts are used)."""
    fields.setdefault("credentials", {"token": "bm-offline-token"})
    connection = Connection(channel="backmarket", **fields)
    return BackMarketAdapter(connection, Http(sleep=lambda _s: None, now=lambda: START))


# -- import -----------------------------------------------------------------------------------
def test_new_order_is_imported_with_canonical_fields(
    bm_sim: ChannelControl, engine: Engine
) -> None:
    line = {"sku": "SP-TEST-128", "product": "Test Phone 128 GB", "quantity": 2, "price": "199.90"}
    placed = bm_sim.place({"orders": [{"order_id": 1001, "ship_to": PARIS, "lines": [line]}]})
    store = connect(engine, bm_sim)

    result = engine.refresh(store)

    assert result.problem is None
    assert result.new == ["1001"]
    order = store.find("1001").imported
    assert order.channel == "backmarket"
    assert order.key == "1001"
    assert order.number == "1001"
    assert order.channel_status == "1"
    assert order.status is PlatformStatus.AWAITING_SHIPMENT
    assert order.ship_to == Address(
        name="Jeanne Martin",
        street1="12 rue de la Paix",
        city="Paris",
        postal_code="75002",
        country="FR",
        phone="+33612345678",
        email="jeanne.martin@example.com",
    )
    assert order.customer_email == "jeanne.martin@example.com"
    assert order.customer_phone == "+33612345678"
    assert len(order.items) == 1
    item = order.items[0]
    assert item.line_id == str(placed[0]["orderlines"][0]["id"])
    assert (item.sku, item.name, item.quantity) == ("SP-TEST-128", "Test Phone 128 GB", 2)
    assert item.unit_price == Decimal("199.90")
    assert item.image_url is None  # Back Market gives no image URL
    assert item.weight is None


def test_paid_lines_are_accepted_when_the_order_is_imported(
    bm_sim: ChannelControl, engine: Engine
) -> None:
    placed = bm_sim.place({"orders": [{"order_id": 1001, "lines": [{}, {}, {}]}]})
    skus = [line["listing"] for line in placed[0]["orderlines"]]
    assert line_states(bm_sim, "1001") == [1, 1, 1]
    store = connect(engine, bm_sim)

    engine.refresh(store)

    accepts = entries(bm_sim, UPDATE)
    assert [e["body"] for e in accepts] == [
        {"order_id": 1001, "new_state": 2, "sku": sku} for sku in skus
    ]
    assert all(e["status"] == 200 and e["path"] == "/ws/orders/1001" for e in accepts)
    channel_order = bm_sim.order("1001")
    assert channel_order["state"] == 3
    assert line_states(bm_sim, "1001") == [2, 2, 2]


def test_an_order_with_one_listing_on_two_lines_is_accepted_and_shipped(
    bm_sim: ChannelControl, engine: Engine
) -> None:
    lines = [{"sku": "SAME-1", "quantity": 1}, {"sku": "SAME-1", "quantity": 2}]
    bm_sim.place({"orders": [{"order_id": 1001, "lines": lines}]})
    store = connect(engine, bm_sim)
    engine.refresh(store)

    assert [line["state"] for line in bm_sim.order("1001")["orderlines"]] == [2, 2]
    assert engine.ship(store, "1001", Shipment(carrier="UPS", tracking_number="1Z1")) is True
    assert store.errors == [] and store.unacknowledged == {}


def test_order_without_ship_to_is_skipped_and_the_batch_goes_on(
    bm_sim: ChannelControl, engine: Engine
) -> None:
    bm_sim.place(
        {"orders": [{"order_id": 1001}, {"order_id": 1002, "ship_to": None}, {"order_id": 1003}]}
    )
    store = connect(engine, bm_sim)

    result = engine.refresh(store)

    assert result.problem is None
    assert sorted(result.new) == ["1001", "1003"]
    assert result.skipped == ["1002"]
    assert store.skipped["1002"].reason == "missing_ship_to"
    assert "1002" not in store.orders
    with pytest.raises(KeyError):
        store.find("1002")
    # the skipped order's lines were not accepted: it is still paid, not to ship
    assert bm_sim.order("1002")["state"] == 1
    assert set(line_states(bm_sim, "1002")) == {1}
    assert not [e for e in entries(bm_sim, UPDATE) if e["path"] == "/ws/orders/1002"]
    assert bm_sim.order("1001")["state"] == bm_sim.order("1003")["state"] == 3
    assert store.status == "connected"


def test_address_without_street_or_city_counts_as_no_ship_to(
    bm_sim: ChannelControl, engine: Engine
) -> None:
    blank = {"street": "", "street2": "", "city": "", "postal_code": "", "state": ""}
    bm_sim.place({"orders": [{"order_id": 1001}, {"order_id": 1002, "ship_to": blank}]})
    store = connect(engine, bm_sim)

    result = engine.refresh(store)

    assert result.new == ["1001"]
    assert store.skipped["1002"].reason == "missing_ship_to"
    assert bm_sim.order("1002")["state"] == 1


def test_skipped_order_is_imported_on_a_later_run_once_its_address_is_added(
    bm_sim: ChannelControl, engine: Engine, world: InProcessWorld
) -> None:
    bm_sim.place({"orders": [{"order_id": 1001}, {"order_id": 1002, "ship_to": None}]})
    store = connect(engine, bm_sim)
    assert engine.refresh(store).skipped == ["1002"]

    world.move_clock(None, 600)
    bm_sim.edit("1002", {"shipping_address": PARIS})
    result = engine.refresh(store)

    assert result.problem is None
    assert result.new == ["1002"]
    assert result.skipped == []
    assert "1002" not in store.skipped
    imported = store.find("1002").imported
    assert imported.ship_to is not None
    assert (imported.ship_to.street1, imported.ship_to.city) == ("12 rue de la Paix", "Paris")
    assert bm_sim.order("1002")["state"] == 3
    assert set(line_states(bm_sim, "1002")) == {2}


def test_an_imported_order_that_loses_its_address_is_kept_and_the_activity_says_so(
    bm_sim: ChannelControl, engine: Engine, world: InProcessWorld
) -> None:
    bm_sim.place({"orders": [{"order_id": 1001}]})
    store = connect(engine, bm_sim)
    assert engine.refresh(store).new == ["1001"]
    world.move_clock(None, 600)
    bm_sim.edit("1001", {"shipping_address": None})

    result = engine.refresh(store)

    assert result.problem is None
    assert result.skipped == [] and store.skipped == {}
    assert "1001" in store.orders
    lost = [a for a in store.activity if "order 1001 lost its ship-to address" in a]
    assert len(lost) == 1, store.activity


def test_order_the_channel_refuses_to_accept_is_an_order_error_and_the_batch_goes_on(
    bm_sim: ChannelControl, engine: Engine
) -> None:
    orders = [{"order_id": n, "single_unit": True} for n in (1001, 1002, 1003)]
    bm_sim.place({"orders": orders})
    bm_sim.add_fault({"operation": UPDATE, "status": 400, "times": 1})
    store = connect(engine, bm_sim)

    result = engine.refresh(store)

    assert result.problem is None
    assert sorted(result.new) == ["1001", "1002", "1003"]
    refused = entries(bm_sim, UPDATE)[0]
    assert refused["status"] == 400
    refused_number = str(refused["body"]["order_id"])
    (error,) = store.errors
    assert (error.action, error.order, error.status) == ("acknowledge", refused_number, 400)
    assert status_of(store) == ("connected", None, None)
    assert store.unacknowledged == {refused_number: 1}  # kept to retry, on its own
    states = {str(n): bm_sim.order(str(n))["state"] for n in (1001, 1002, 1003)}
    assert states == {n: 1 if n == refused_number else 3 for n in states}

    engine.refresh(store)

    assert {bm_sim.order(str(n))["state"] for n in (1001, 1002, 1003)} == {3}
    assert store.unacknowledged == {}
    reread = entries(bm_sim, "get-ws-specific-order")
    # read back once to see why the acceptance was refused, once to retry it
    assert [e["path"] for e in reread] == [f"/ws/orders/{refused_number}"] * 2
    assert len(store.orders) == 3


def test_a_refused_acknowledgement_is_retried_on_its_own_even_once_out_of_the_window(
    bm_sim: ChannelControl, engine: Engine, world: InProcessWorld
) -> None:
    bm_sim.place({"orders": [{"order_id": 1001}, {"order_id": 1002}]})
    rule = {"path": "/ws/orders/1001", "method": "POST", "status": 400, "times": 3}
    bm_sim.add_fault(rule)
    store = connect(engine, bm_sim)
    for _ in range(3):  # refused three times, 40 days apart: long out of any window
        engine.refresh(store)
        world.move_clock(None, 40 * 86400)
    assert store.unacknowledged == {"1001": 3}
    assert any("refused 3 times" in line for line in store.activity)

    engine.refresh(store)

    assert store.unacknowledged == {}
    assert bm_sim.order("1001")["state"] == 3
    assert [e.action for e in store.errors] == ["acknowledge"] * 3


def test_reimport_of_overlapping_windows_neither_duplicates_nor_accepts_again(
    bm_sim: ChannelControl, engine: Engine, world: InProcessWorld
) -> None:
    bm_sim.place({"orders": [{"order_id": 1001, "lines": [{}, {}]}, {"order_id": 1002}]})
    store = connect(engine, bm_sim)
    first = engine.refresh(store)
    accepted = len(entries(bm_sim, UPDATE))
    assert sorted(first.new) == ["1001", "1002"]
    assert accepted == 2 + len(bm_sim.order("1002")["orderlines"])

    world.move_clock(None, 60)  # inside the 5 minute overlap: both orders are read again
    second = engine.refresh(store)
    world.move_clock(None, 60)
    third = engine.refresh(store)

    listings = entries(bm_sim, LIST)
    assert len(listings) == 3
    assert all(e["response_body"]["count"] == 2 for e in listings)  # re-read every time
    assert second.new == third.new == []
    assert third.updated == []
    assert sorted(store.orders) == ["1001", "1002"]
    assert len(entries(bm_sim, UPDATE)) == accepted  # no line accepted twice
    assert not [e for e in entries(bm_sim) if e["status"] == 400]
    assert store.find("1001").imported.status is PlatformStatus.AWAITING_SHIPMENT  # state 3


def test_import_follows_next_over_every_page(bm_sim: ChannelControl, engine: Engine) -> None:
    bm_sim.reset(seed=0, state="paid_orders", params={"count": 120, "single_unit": True})
    store = connect(engine, bm_sim)

    result = engine.refresh(store)

    assert result.problem is None
    assert len(result.new) == 120
    assert len(store.orders) == 120
    listings = entries(bm_sim, LIST)
    assert len(listings) == 3
    assert [query(e).get("page") for e in listings] == [None, ["2"], ["3"]]
    since = query(listings[0])["date_modification"]
    assert all(query(e)["date_modification"] == since for e in listings)
    assert all(query(e)["page-size"] == ["50"] for e in listings)
    accepts = entries(bm_sim, UPDATE)
    assert len(accepts) == 120
    assert all(e["status"] == 200 for e in accepts)
    assert {o["state"] for o in bm_sim.orders()} == {3}


def test_first_import_reaches_30_days_back_and_the_next_starts_at_the_last_start_less_overlap(
    bm_sim: ChannelControl, engine: Engine, world: InProcessWorld
) -> None:
    bm_sim.place({"orders": [{"order_id": 1001}]})
    store = connect(engine, bm_sim)
    # the first import starts at T0 and ends 30 s later (a rate limit makes it wait)
    bm_sim.add_fault({"operation": LIST, "kind": "rate_limit", "retry_after": 30, "times": 1})
    assert engine.refresh(store).problem is None
    assert elapsed(world) == 30

    world.move_clock(None, 3600)
    seq = last_seq(bm_sim)
    assert engine.refresh(store).problem is None

    first = entries(bm_sim, LIST)[0]
    assert query(first)["date_modification"] == ["2026-02-08T12:00:00Z"]  # T0 - 30 days
    second = entries(bm_sim, LIST, since=seq)
    assert len(second) == 1
    assert query(second[0])["date_modification"] == ["2026-03-10T11:55:00Z"]  # T0 - 5 min


def test_import_window_length_and_overlap_come_from_the_connection(
    bm_sim: ChannelControl, engine: Engine, world: InProcessWorld
) -> None:
    bm_sim.place({"orders": [{"order_id": 1001}]})  # modified at 12:00 (placed now)
    store = connect(engine, bm_sim, first_import=timedelta(days=7), overlap=timedelta(minutes=1))
    engine.refresh(store)
    world.move_clock(None, 3600)
    engine.refresh(store)

    since = [query(e)["date_modification"] for e in entries(bm_sim, LIST)]
    assert since == [["2026-03-03T12:00:00Z"], ["2026-03-10T11:59:00Z"]]


def test_an_import_that_found_nothing_reaches_back_as_far_again(
    bm_sim: ChannelControl, engine: Engine, world: InProcessWorld
) -> None:
    store = connect(engine, bm_sim, first_import=timedelta(days=7))
    engine.refresh(store)
    world.move_clock(None, 3600)
    engine.refresh(store)

    since = [query(e)["date_modification"] for e in entries(bm_sim, LIST)]
    assert since == [["2026-03-03T12:00:00Z"], ["2026-03-03T13:00:00Z"]]


def test_a_channel_clock_behind_the_platform_loses_no_order(
    bm_sim: ChannelControl, engine: Engine, world: InProcessWorld
) -> None:
    """The window follows the channel's own timestamps, not the platform's clock."""
    bm_sim.set_clock(skew="-PT10M")
    bm_sim.place({"orders": [{"order_id": 1001}]})
    store = connect(engine, bm_sim)
    engine.refresh(store)
    world.move_clock(None, 120)
    bm_sim.place({"orders": [{"order_id": 1002}]})  # modified 11:52 in the channel's time
    world.move_clock(None, 600)
    engine.refresh(store)

    assert sorted(h.imported.number for h in store.orders.values()) == ["1001", "1002"]


def test_an_order_dated_in_the_future_does_not_push_the_window_past_later_orders(
    bm_sim: ChannelControl, engine: Engine, world: InProcessWorld
) -> None:
    bm_sim.place({"orders": [{"order_id": 1001, "date_creation": "2026-03-12T12:00:00Z"}]})
    store = connect(engine, bm_sim)
    engine.refresh(store)
    world.move_clock(None, 3600)
    bm_sim.place({"orders": [{"order_id": 1002}]})
    world.move_clock(None, 3 * 86400)
    engine.refresh(store)

    assert sorted(h.imported.number for h in store.orders.values()) == ["1001", "1002"]


def test_failed_import_does_not_move_the_window(
    bm_sim: ChannelControl, engine: Engine, world: InProcessWorld
) -> None:
    bm_sim.place({"orders": [{"order_id": 1001}]})
    store = connect(engine, bm_sim)
    engine.refresh(store)
    world.move_clock(None, 3600)
    bm_sim.place({"orders": [{"order_id": 1002}]})
    bm_sim.add_fault({"operation": LIST, "status": 503, "times": 10})
    assert engine.refresh(store).problem is not None
    bm_sim.clear_faults()
    world.move_clock(None, 3600)
    seq = last_seq(bm_sim)

    result = engine.refresh(store)

    assert result.new == ["1002"]
    (listing,) = entries(bm_sim, LIST, since=seq)
    assert query(listing)["date_modification"] == ["2026-03-10T11:55:00Z"]


def test_status_map_override_applies_and_an_unmapped_status_is_skipped(
    bm_sim: ChannelControl, engine: Engine
) -> None:
    bm_sim.place({"orders": [{"order_id": 1001, "state": 1}, {"order_id": 1002, "state": 9}]})
    store = connect(engine, bm_sim, status_map={"shipped": "9"})

    result = engine.refresh(store)

    assert result.new == ["1002"]
    assert store.find("1002").imported.status is PlatformStatus.SHIPPED
    assert result.skipped == ["1001"]
    assert store.skipped["1001"].reason == "status_not_mapped"
    assert "'1'" in store.skipped["1001"].detail
    assert bm_sim.order("1001")["state"] == 1  # not accepted either
    assert entries(bm_sim, UPDATE) == []


# -- request shape ----------------------------------------------------------------------------
def test_every_call_carries_the_headers_back_market_requires(
    bm_sim: ChannelControl, engine: Engine
) -> None:
    bm_sim.place({"orders": [{"order_id": 4001, **SMARTPHONE}]})
    store = connect(engine, bm_sim)
    engine.refresh(store)
    assert engine.ship(store, "4001", Shipment(carrier="UPS", tracking_number="1Z999AA10123456784"))

    calls = entries(bm_sim)
    assert {e["operation"] for e in calls} == {LIST, UPDATE}
    token = token_of(store)
    for entry in calls:
        headers = entry["headers"]
        # the journal masks the secret but keeps the scheme and the last 4 characters
        assert headers["authorization"] == f"Basic ****{token[-4:]}"
        assert headers["accept"] == "application/json"
        assert headers["accept-language"] == "fr-fr"
        assert USER_AGENT.match(headers["user-agent"])
        assert entry["notes"] == []  # the simulator found nothing to complain about
        assert entry["status"] == 200


@pytest.mark.parametrize(
    ("region", "options", "language"),
    [
        (None, {}, "fr-fr"),
        ("Europe", {}, "fr-fr"),
        ("United States", {}, "en-us"),
        ("Europe", {"language": "de-de"}, "de-de"),
        ("United States", {"language": "es-es"}, "es-es"),
    ],
)
def test_accept_language_follows_the_region_unless_the_connection_sets_one(
    bm_sim: ChannelControl,
    engine: Engine,
    region: str | None,
    options: dict[str, Any],
    language: str,
) -> None:
    # an order of the language's country: it is served only on that country's platform
    bm_sim.place({"orders": [{"order_id": 1001, "country_code": language}]})
    store = connect(engine, bm_sim, region=region, options=options)

    engine.refresh(store)

    calls = entries(bm_sim)
    assert len(calls) >= 2
    assert {e["headers"]["accept-language"] for e in calls} == {language}


@pytest.mark.parametrize(
    ("region", "url"),
    [
        (None, "https://www.backmarket.fr"),
        ("Europe", "https://www.backmarket.fr"),
        ("United States", "https://www.backmarket.com"),
    ],
)
def test_region_gives_the_base_url_when_none_is_set(region: str | None, url: str) -> None:
    assert offline_adapter(region=region).base_url == url


def test_a_base_url_wins_over_the_region() -> None:
    adapter = offline_adapter(region="United States", base_url="http://127.0.0.1:9/")
    assert adapter.base_url == "http://127.0.0.1:9"


def test_unknown_region_is_a_channel_problem() -> None:
    adapter = offline_adapter(region="Asia")
    with pytest.raises(ChannelProblem) as raised:
        _ = adapter.base_url
    assert "Asia" in raised.value.message
    assert "Europe" in raised.value.message and "United States" in raised.value.message


def test_a_connection_form_the_channel_cannot_use_is_refused_at_connect(engine: Engine) -> None:
    asia = Connection(channel="backmarket", credentials={"token": "t"}, region="Asia")
    with pytest.raises(ConnectionFormError, match="region: 'Asia' is not offered"):
        engine.connect("asia", asia)
    with_base_url = Connection(
        channel="backmarket", credentials={"token": "t"}, region="Asia", base_url="http://x"
    )
    with pytest.raises(ConnectionFormError, match="region"):
        engine.connect("asia", with_base_url)
    typo = Connection(channel="backmarket", credentials={"tokn": "t"})
    with pytest.raises(ConnectionFormError, match="token required"):
        engine.connect("typo", typo)
    assert engine.stores == {}


@pytest.mark.parametrize(
    ("form", "words"),
    [
        ({"credentials": {"token": "bm-abc\n"}}, "line break"),
        ({"options": {"language": "tlh-kl"}}, "country codes"),
        ({"options": {"colour": "blue"}}, "unknown option 'colour'"),
    ],
)
def test_a_connection_form_that_cannot_work_is_refused_when_saved(
    bm_sim: ChannelControl, engine: Engine, form: dict[str, Any], words: str
) -> None:
    with pytest.raises(ConnectionFormError, match=words):
        connect(engine, bm_sim, **form)


def test_reconnect_with_a_misspelt_credential_is_refused_and_keeps_the_old_one(
    bm_sim: ChannelControl, engine: Engine
) -> None:
    store = connect(engine, bm_sim)
    before = store.connection
    with pytest.raises(ConnectionFormError, match="unknown field 'tokn'"):
        engine.reconnect(store, tokn="new")
    assert store.connection == before


# -- retries ----------------------------------------------------------------------------------
def test_rate_limit_waits_the_retry_after_then_imports(
    bm_sim: ChannelControl, engine: Engine, world: InProcessWorld
) -> None:
    bm_sim.place({"orders": [{"order_id": 1001}]})
    bm_sim.add_fault({"operation": LIST, "kind": "rate_limit", "retry_after": 30, "times": 1})
    store = connect(engine, bm_sim)

    result = engine.refresh(store)

    assert result.problem is None
    assert result.new == ["1001"]
    assert elapsed(world) == 30
    listings = entries(bm_sim, LIST)
    assert [e["status"] for e in listings] == [429, 200]
    assert listings[0]["response_headers"]["retry-after"] == "30"
    assert len(store.activity) == 1
    assert "HTTP 429" in store.activity[0] and "retry 1 in 30 s" in store.activity[0]
    assert store.status == "connected"


def test_server_errors_are_retried_with_a_doubling_backoff(
    bm_sim: ChannelControl, engine: Engine, world: InProcessWorld
) -> None:
    bm_sim.place({"orders": [{"order_id": 1001, "single_unit": True}]})
    bm_sim.add_fault({"operation": UPDATE, "status": 503, "times": 2})
    store = connect(engine, bm_sim)

    result = engine.refresh(store)

    assert result.problem is None
    assert result.new == ["1001"]
    assert elapsed(world) == 6  # 2 s, then 4 s
    assert [e["status"] for e in entries(bm_sim, UPDATE)] == [503, 503, 200]
    assert bm_sim.order("1001")["state"] == 3
    assert len(store.activity) == 2
    assert "HTTP 503" in store.activity[0] and "retry 1 in 2 s" in store.activity[0]
    assert "HTTP 503" in store.activity[1] and "retry 2 in 4 s" in store.activity[1]
    assert store.errors == []


def test_channel_down_after_every_retry_sets_the_store_status_and_nothing_is_lost(
    bm_sim: ChannelControl, engine: Engine, world: InProcessWorld
) -> None:
    bm_sim.place({"orders": [{"order_id": 1001}, {"order_id": 1002}]})
    bm_sim.add_fault({"operation": LIST, "status": 503, "times": 10})
    store = connect(engine, bm_sim)

    failed = engine.refresh(store)

    assert failed.problem is not None and failed.problem.code == "unavailable"
    assert failed.new == []
    assert store.orders == {}
    assert store.watermark is None
    assert store.status == "error"
    assert store.status_code == "unavailable"
    assert store.status_message is not None
    assert "the next import retries" in store.status_message
    assert [e.code for e in store.errors] == ["unavailable"]
    assert len(entries(bm_sim, LIST)) == 5
    assert elapsed(world) == 2 + 4 + 8 + 16
    assert len(store.activity) == 4

    bm_sim.clear_faults()
    world.move_clock(None, 600)
    result = engine.refresh(store)

    assert result.problem is None
    assert sorted(result.new) == ["1001", "1002"]
    assert status_of(store) == ("connected", None, None)
    assert bm_sim.order("1001")["state"] == bm_sim.order("1002")["state"] == 3


@pytest.mark.parametrize("kind", ["drop", "malformed"])
def test_dropped_or_unreadable_listing_is_retried(
    bm_sim: ChannelControl, engine: Engine, world: InProcessWorld, kind: str
) -> None:
    bm_sim.place({"orders": [{"order_id": 1001}]})
    bm_sim.add_fault({"operation": LIST, "kind": kind, "times": 1})
    store = connect(engine, bm_sim)

    result = engine.refresh(store)

    assert result.problem is None
    assert result.new == ["1001"]
    listings = entries(bm_sim, LIST)
    assert [e["fault_kind"] for e in listings] == [kind, None]
    assert listings[1]["status"] == 200
    assert elapsed(world) == 2
    assert len(store.activity) == 1 and "retry 1 in 2 s" in store.activity[0]
    assert store.status == "connected"


# -- tokens -----------------------------------------------------------------------------------
def test_expired_token_stops_the_run_with_an_actionable_message_and_reconnect_resumes(
    bm_sim: ChannelControl, engine: Engine, world: InProcessWorld
) -> None:
    bm_sim.place({"orders": [{"order_id": 1001}]})
    store = connect(engine, bm_sim)
    assert engine.refresh(store).new == ["1001"]
    world.move_clock(None, 600)
    bm_sim.place({"orders": [{"order_id": 1002}, {"order_id": 1003}]})
    bm_sim.token(token_of(store), "expire")

    failed = engine.refresh(store)  # must not raise

    assert failed.problem is not None and failed.problem.code == "token_expired"
    assert failed.new == []
    assert store.status == "error"
    assert store.status_code == "token_expired"
    assert store.status_message is not None
    assert "issue a new token in the back office" in store.status_message
    assert "reconnect" in store.status_message
    assert sorted(store.orders) == ["1001"]
    assert bm_sim.order("1002")["state"] == 1

    new_token = bm_sim.issue_token(label="x")["token"]
    engine.reconnect(store, token=new_token)
    world.move_clock(None, 600)
    result = engine.refresh(store)

    assert result.problem is None
    assert sorted(result.new) == ["1002", "1003"]
    assert store.status == "connected"
    assert bm_sim.order("1002")["state"] == bm_sim.order("1003")["state"] == 3
    assert entries(bm_sim)[-1]["headers"]["authorization"].endswith(new_token[-4:])


def test_token_expiring_mid_import_leaves_the_rest_for_the_run_after_reconnect(
    bm_sim: ChannelControl, engine: Engine
) -> None:
    orders = [{"order_id": n, "single_unit": True} for n in (1001, 1002, 1003)]
    bm_sim.place({"orders": orders})
    store = connect(engine, bm_sim)
    # the second acceptance finds the token expired
    bm_sim.add_fault({"operation": UPDATE, "kind": "expired_token", "nth": 2})

    failed = engine.refresh(store)

    assert failed.problem is not None and failed.problem.code == "token_expired"
    assert store.status_code == "token_expired"
    assert store.watermark is None
    assert sorted(bm_sim.order(str(n))["state"] for n in (1001, 1002, 1003)) == [1, 1, 3]

    bm_sim.clear_faults()
    engine.reconnect(store, token=bm_sim.issue_token(label="x")["token"])
    result = engine.refresh(store)

    assert result.problem is None
    assert sorted(store.orders) == ["1001", "1002", "1003"]
    assert [bm_sim.order(str(n))["state"] for n in (1001, 1002, 1003)] == [3, 3, 3]
    listings = entries(bm_sim, LIST)
    assert [query(e)["date_modification"] for e in listings] == [["2026-02-08T12:00:00Z"]] * 2
    accepted = [e["body"]["order_id"] for e in entries(bm_sim, UPDATE) if e["status"] == 200]
    assert sorted(accepted) == [1001, 1002, 1003]  # each order accepted once
    assert not [e for e in entries(bm_sim) if e["status"] == 400]


def test_revoked_token_is_reported_as_revoked(bm_sim: ChannelControl, engine: Engine) -> None:
    bm_sim.place({"orders": [{"order_id": 1001}]})
    store = connect(engine, bm_sim)
    bm_sim.token(token_of(store), "revoke")

    result = engine.refresh(store)

    assert result.problem is not None and result.problem.code == "token_revoked"
    assert store.status == "error"
    assert store.status_code == "token_revoked"
    assert store.status_message is not None and "reconnect" in store.status_message
    assert store.orders == {}
    assert [e.status for e in store.errors] == [401]


# -- shipment notifications -------------------------------------------------------------------
def test_ship_marks_the_channel_order_shipped_without_service_or_fee(
    bm_sim: ChannelControl, engine: Engine
) -> None:
    bm_sim.place({"orders": [{"order_id": 1001, "lines": [{}, {}]}]})
    store = connect(engine, bm_sim)
    engine.refresh(store)
    shipment = Shipment(
        carrier="UPS",
        tracking_number="1Z999AA10123456784",
        service="UPS Ground",
        carrier_fee=Decimal("12.50"),
        notes_to_buyer="Thanks!",
    )

    assert engine.ship(store, "1001", shipment) is True

    channel_order = bm_sim.order("1001")
    assert channel_order["state"] == 9
    assert channel_order["tracking_number"] == "1Z999AA10123456784"
    assert channel_order["shipper"] == "UPS"
    assert set(line_states(bm_sim, "1001")) == {3}
    (call,) = ship_calls(bm_sim)
    assert call["body"] == {
        "order_id": 1001,
        "new_state": 3,
        "tracking_number": "1Z999AA10123456784",
        "shipper": "UPS",
    }
    assert store.outbox == {}
    assert store.find("1001").notified
    (sent,) = store.sent
    assert sent[0] == "1001"
    assert {"service", "carrier_fee", "notes_to_buyer"}.isdisjoint(sent[1])
    assert store.find("1001").current().status is PlatformStatus.SHIPPED


@pytest.mark.parametrize(
    ("notes", "field", "value"),
    [
        (f"IMEI: {VALID_IMEI}", "imei", VALID_IMEI),
        (f"Serial number: {SERIAL}", "serial_number", SERIAL),
    ],
)
def test_identifier_in_the_internal_notes_is_sent_with_the_shipment(
    bm_sim: ChannelControl, engine: Engine, notes: str, field: str, value: str
) -> None:
    bm_sim.place({"orders": [{"order_id": 4001, **SMARTPHONE}]})
    store = connect(engine, bm_sim)
    engine.refresh(store)
    engine.edit(store, "4001", {"internal_notes": notes})

    assert engine.ship(store, "4001", Shipment(carrier="DHL Express", tracking_number="JD0001"))

    (call,) = ship_calls(bm_sim)
    assert call["status"] == 200
    assert call["body"][field] == value
    other = "serial_number" if field == "imei" else "imei"
    assert other not in call["body"]
    channel_order = bm_sim.order("4001")
    assert channel_order["state"] == 9
    assert channel_order["orderlines"][0][field] == value


@pytest.mark.parametrize(
    "lines",
    [[{"quantity": 1}, {"quantity": 1}], [{"quantity": 2}]],
    ids=["two-lines", "one-line-of-two"],
)
def test_a_multi_unit_order_ships_without_the_imei_of_its_notes(
    bm_sim: ChannelControl, engine: Engine, lines: list[dict[str, Any]]
) -> None:
    bm_sim.place({"orders": [{"order_id": 4001, "category": "smartphone", "lines": lines}]})
    store = connect(engine, bm_sim)
    engine.refresh(store)
    engine.edit(store, "4001", {"internal_notes": f"IMEI: {VALID_IMEI}"})

    shipped = engine.ship(store, "4001", Shipment(carrier="UPS", tracking_number="1Z1"))

    assert shipped is True
    assert store.errors == [] and store.outbox == {}
    entries: list[dict[str, Any]] = bm_sim.journal()["entries"]
    (call,) = [e for e in entries if e["operation"] == UPDATE and e["body"]["new_state"] == 3]
    assert call["status"] == 200
    assert "imei" not in call["body"] and "serial_number" not in call["body"]
    assert bm_sim.order("4001")["state"] == 9


def test_refused_imei_keeps_the_notification_pending_until_the_notes_are_corrected(
    bm_sim: ChannelControl, engine: Engine
) -> None:
    bm_sim.place({"orders": [{"order_id": 4001, **SMARTPHONE}]})
    store = connect(engine, bm_sim)
    engine.refresh(store)
    engine.edit(store, "4001", {"internal_notes": f"IMEI: {INVALID_IMEI}"})

    shipped = engine.ship(store, "4001", Shipment(carrier="UPS", tracking_number="1Z1"))

    assert shipped is False
    (error,) = store.errors
    assert (error.action, error.code, error.order, error.status) == (
        "notify",
        "imei_refused",
        "4001",
        400,
    )
    assert "4001" in store.outbox
    assert store.outbox["4001"].attempts == 1
    assert store.status == "connected"  # one order's problem, not the store's
    assert bm_sim.order("4001")["state"] == 3
    (refused,) = ship_calls(bm_sim)
    assert refused["status"] == 400 and refused["body"]["imei"] == INVALID_IMEI

    engine.edit(store, "4001", {"internal_notes": f"IMEI: {VALID_IMEI}"})
    result = engine.refresh(store)

    assert result.problem is None
    assert store.outbox == {}
    assert store.find("4001").notified
    channel_order = bm_sim.order("4001")
    assert channel_order["state"] == 9
    assert channel_order["orderlines"][0]["imei"] == VALID_IMEI
    assert [c["body"]["imei"] for c in ship_calls(bm_sim)] == [INVALID_IMEI, VALID_IMEI]


def test_shipping_an_already_notified_order_again_sends_nothing(
    bm_sim: ChannelControl, engine: Engine
) -> None:
    bm_sim.place({"orders": [{"order_id": 1001}]})
    store = connect(engine, bm_sim)
    engine.refresh(store)
    assert engine.ship(store, "1001", Shipment(carrier="UPS", tracking_number="1Z1"))
    updates = len(entries(bm_sim, UPDATE))

    again = engine.ship(store, "1001", Shipment(carrier="DHL Express", tracking_number="JD2"))

    assert again is True
    assert len(entries(bm_sim, UPDATE)) == updates
    assert bm_sim.order("1001")["tracking_number"] == "1Z1"
    assert len(store.sent) == 1
    assert "already notified" in store.activity[-1]


def test_shipping_an_unaccepted_order_accepts_it_first(
    bm_sim: ChannelControl, engine: Engine
) -> None:
    bm_sim.place({"orders": [{"order_id": 1001}]})
    bm_sim.add_fault({"operation": UPDATE, "status": 400, "times": 1})
    store = connect(engine, bm_sim)
    engine.refresh(store)
    assert store.unacknowledged == {"1001": 1}

    assert engine.ship(store, "1001", Shipment(carrier="UPS", tracking_number="1Z1")) is True

    assert bm_sim.order("1001")["state"] == 9
    assert store.outbox == {} and store.unacknowledged == {}


def test_a_shipment_of_an_order_shipped_in_the_back_office_is_dropped_with_a_reason(
    bm_sim: ChannelControl, engine: Engine
) -> None:
    bm_sim.place({"orders": [{"order_id": 1001}]})
    store = connect(engine, bm_sim)
    engine.refresh(store)
    bm_sim.edit("1001", {"state": 9})

    assert engine.ship(store, "1001", Shipment(carrier="UPS", tracking_number="1Z1")) is False
    engine.refresh(store)
    engine.refresh(store)

    assert store.outbox == {}  # not retried forever
    assert [(e.code, e.action) for e in store.errors] == [("already_shipped", "notify")]
    assert "shipped already" in store.errors[0].message
    assert len([c for c in entries(bm_sim, UPDATE) if c["body"]["new_state"] == 3]) == 1


def test_shipping_a_line_the_order_does_not_have_is_refused_before_anything_is_sent(
    bm_sim: ChannelControl, engine: Engine
) -> None:
    bm_sim.place({"orders": [{"order_id": 1001}]})
    store = connect(engine, bm_sim)
    engine.refresh(store)
    shipment = Shipment(carrier="UPS", tracking_number="1Z1", line_ids=("no-such-line",))
    with pytest.raises(KeyError, match="has no line no-such-line"):
        engine.ship(store, "1001", shipment)
    assert store.outbox == {}
    assert bm_sim.order("1001")["state"] == 3


def test_notification_refused_for_an_expired_token_goes_out_after_reconnect(
    bm_sim: ChannelControl, engine: Engine
) -> None:
    bm_sim.place({"orders": [{"order_id": 1001}]})
    store = connect(engine, bm_sim)
    engine.refresh(store)
    bm_sim.token(token_of(store), "expire")

    shipped = engine.ship(store, "1001", Shipment(carrier="UPS", tracking_number="1Z1"))

    assert shipped is False
    assert store.status == "error" and store.status_code == "token_expired"
    assert "1001" in store.outbox
    assert store.errors[-1].action == "notify" and store.errors[-1].code == "token_expired"
    assert bm_sim.order("1001")["state"] == 3

    engine.reconnect(store, token=bm_sim.issue_token(label="x")["token"])
    result = engine.refresh(store)

    assert result.problem is None
    assert store.outbox == {}
    assert store.status == "connected"
    channel_order = bm_sim.order("1001")
    assert channel_order["state"] == 9
    assert channel_order["tracking_number"] == "1Z1"


def test_shipment_the_channel_recorded_is_not_reported_refused_when_its_answer_was_unreadable(
    bm_sim: ChannelControl, engine: Engine
) -> None:
    bm_sim.place({"orders": [{"order_id": 1001}]})
    store = connect(engine, bm_sim)
    engine.refresh(store)
    bm_sim.add_fault({"operation": UPDATE, "kind": "malformed", "times": 1})

    shipped = engine.ship(store, "1001", Shipment(carrier="UPS", tracking_number="1Z1"))

    assert bm_sim.order("1001")["state"] == 9  # the channel did ship it
    assert store.errors == []
    assert store.outbox == {}
    assert shipped is True


@pytest.mark.parametrize("action", ["ship", "accept"])
def test_a_write_applied_but_cut_off_is_confirmed_not_resent_as_an_error(
    bm_sim: ChannelControl, engine: Engine, action: str
) -> None:
    """The channel applies the update, then the connection drops mid-answer: the retry is
    refused as an invalid transition, and the adapter reads the order back to see it done."""
    bm_sim.place({"orders": [{"order_id": 1001, "lines": [{"quantity": 1}]}]})
    store = connect(engine, bm_sim)
    if action == "ship":
        engine.refresh(store)
    bm_sim.add_fault({"operation": UPDATE, "kind": "truncate", "times": 1})

    if action == "ship":
        done = engine.ship(store, "1001", Shipment(carrier="UPS", tracking_number="1Z1"))
        assert done is True
        assert bm_sim.order("1001")["state"] == 9
    else:
        engine.refresh(store)
        assert bm_sim.order("1001")["orderlines"][0]["state"] == 2
    assert store.errors == []
    assert store.outbox == {}
    statuses = [c["status"] for c in bm_sim.journal()["entries"] if c["operation"] == UPDATE]
    assert statuses[-2:] == [200, 400]  # applied (answer cut), then refused as already done


SHIP_ANSWERED_EMPTY = """\
name: A ship call answered 200 without a body by a fault is not a notification
seed: 1
clock: 2026-03-10T12:00:00Z
channels:
  backmarket:
    orders:
      - {order_id: 1001}
steps:
  - import: backmarket
  - add_fault: {channel: backmarket, operation: update-ws-specific-order, kind: empty, times: 1}
  - ship: {channel: backmarket, order: 1001, carrier: UPS, tracking: 1Z999AA10123456784}
  - expect:
      notifications: {backmarket: []}
      pending_notifications: {backmarket: [1001]}
      store_status: {backmarket: {status: error, code: unreadable}}
      channel_order: {channel: backmarket, order: 1001, state: 3}
  - import: backmarket
expect:
  notifications:
    backmarket:
      - {order: 1001, tracking_number: 1Z999AA10123456784, carrier: UPS}
  pending_notifications: {backmarket: []}
  store_status: {backmarket: connected}
  channel_order: {channel: backmarket, order: 1001, state: 9}
"""


def test_a_ship_call_a_fault_answered_empty_is_not_received_and_the_next_import_sends_it(
    world: InProcessWorld, tmp_path: Path
) -> None:
    path = write_file(tmp_path, "ship_empty.yaml", SHIP_ANSWERED_EMPTY)

    result = run_file(world, path)

    assert result.status == PASSED, [f.message for f in result.failures]
    steps = [(s.step, s.status) for s in result.steps]
    assert steps == [
        ("import", PASSED),
        ("add_fault", PASSED),
        ("ship", PASSED),
        ("expect", PASSED),
        ("import", PASSED),
    ]
    assert result.steps[2].detail == "backmarket: order 1001 shipped; notification pending"


# -- identifiers in the notes -----------------------------------------------------------------
@pytest.mark.parametrize(
    ("notes", "expected"),
    [
        (f"IMEI: {VALID_IMEI}", (VALID_IMEI, "")),
        (f"imei {VALID_IMEI} checked", (VALID_IMEI, "")),
        (f"S/N {SERIAL}", ("", SERIAL)),
        (f"SN: {SERIAL}", ("", SERIAL)),
        (f"Serial number: {SERIAL}", ("", SERIAL)),
        (f"  {SERIAL}  ", ("", SERIAL)),  # a note that is one bare identifier
        (VALID_IMEI, (VALID_IMEI, "")),
        ("Gift wrap please, fragile", ("", "")),
        ("", ("", "")),
        (None, ("", "")),
        (f"IMEI: {VALID_IMEI} / serial: {SERIAL}", (VALID_IMEI, "")),  # first one wins
        (f"serial: {SERIAL} / IMEI: {VALID_IMEI}", ("", SERIAL)),
        ("S/N 4BCDEFGHIJKLMNO", ("", "4BCDEFGHIJKLMNO")),  # a labelled serial stays one
        ("4BCDEFGHIJKLMNO", ("4BCDEFGHIJKLMNO", "")),  # a bare 15-character token is an imei
        ("4BCDEFGHIJKLMNOP", ("", "4BCDEFGHIJKLMNOP")),  # other lengths a serial
        ("IMEI: 35693803564380", ("35693803564380", "")),  # mistyped: Back Market refuses it
        ("IMEI: 35-693803-564380-9", (VALID_IMEI, "")),  # separators dropped
        ("IMEI 3569 3803 5643 809", (VALID_IMEI, "")),
        ("IMEI unknown - buyer to confirm", ("", "")),  # a label followed by words
        ("Fragile", ("", "")),  # one word without a digit is no identifier
        ("S/N ABCDEFGHIJKLMNO", ("", "")),
    ],
)
def test_identifier_from_notes(notes: str | None, expected: tuple[str, str]) -> None:
    assert identifier_from_notes(notes) == expected


@pytest.mark.parametrize("notes", ["Snowboard bag included", "Serialised stock, handle with care"])
def test_a_word_that_merely_starts_like_a_label_is_no_identifier(notes: str) -> None:
    assert identifier_from_notes(notes) == ("", "")


@pytest.mark.parametrize(
    ("notes", "imei"),
    [
        ("IMEI number: 356938035643809", "356938035643809"),
        ("IMEI no. 356938035643809", "356938035643809"),
        ("IMEI - 356938035643809", "356938035643809"),
        ("IMEI1: 356938035643809", "356938035643809"),
        ("IMEI 1: 356938035643809, IMEI 2: 356938035643817", "356938035643809"),
    ],
)
def test_common_imei_label_wordings_are_read(notes: str, imei: str) -> None:
    assert identifier_from_notes(notes) == (imei, "")


def test_a_note_that_is_only_a_date_is_no_identifier() -> None:
    assert identifier_from_notes("2026-03-10") == ("", "")


# -- what the channel received ----------------------------------------------------------------
def test_received_notification_reads_successful_ship_calls_only(
    bm_sim: ChannelControl, engine: Engine
) -> None:
    bm_sim.place({"orders": [{"order_id": 4001, **SMARTPHONE}]})
    store = connect(engine, bm_sim)
    engine.refresh(store)
    engine.edit(store, "4001", {"internal_notes": f"IMEI: {INVALID_IMEI}"})
    ship_date = datetime(2026, 3, 10, 11, 0, tzinfo=UTC)
    shipment = Shipment(carrier="UPS", tracking_number="1Z1", ship_date=ship_date)
    assert engine.ship(store, "4001", shipment) is False
    engine.edit(store, "4001", {"internal_notes": f"IMEI: {VALID_IMEI}"})
    engine.refresh(store)

    calls = entries(bm_sim)
    seen = [
        (e["operation"], e["status"], BackMarketAdapter.received_notification(e)) for e in calls
    ]
    accept = next(e for e in calls if e["operation"] == UPDATE and e["body"]["new_state"] == 2)
    assert BackMarketAdapter.received_notification(accept) is None
    listing = next(e for e in calls if e["operation"] == LIST)
    assert BackMarketAdapter.received_notification(listing) is None
    refused = next(e for e in ship_calls(bm_sim) if e["status"] == 400)
    assert BackMarketAdapter.received_notification(refused) is None
    received = [s for _, _, s in seen if s is not None]
    assert received == [
        {
            "order": "4001",
            "status": "shipped",
            "tracking_number": "1Z1",
            "carrier": "UPS",
            "imei": VALID_IMEI,
            "ship_date": "2026-03-10T11:00:00+00:00",
        }
    ]


def test_received_notification_ignores_other_operations() -> None:
    body = {"order_id": 1, "new_state": 3, "tracking_number": "1Z1"}
    call = {"operation": SHOW, "status": 200, "body": body}
    assert BackMarketAdapter.received_notification(call) is None
    assert BackMarketAdapter.received_notification({**call, "operation": UPDATE}) == {
        "order": "1",
        "status": "shipped",
        "tracking_number": "1Z1",
    }


# -- status map and connection form -----------------------------------------------------------
def test_status_map_reads_comma_separated_lists_case_sensitively() -> None:
    status_map = StatusMap({"awaiting_shipment": "1, 3,", "shipped": ["9"], "on_hold": "Held"})

    assert status_map.platform_status("1") is PlatformStatus.AWAITING_SHIPMENT
    assert status_map.platform_status("3") is PlatformStatus.AWAITING_SHIPMENT
    assert status_map.platform_status("9") is PlatformStatus.SHIPPED
    assert status_map.platform_status("Held") is PlatformStatus.ON_HOLD
    assert status_map.platform_status("held") is None
    assert status_map.platform_status("") is None
    assert status_map.platform_status("1, 3") is None


@pytest.mark.parametrize(
    ("form", "named"),
    [
        ({"sent": "9"}, "'sent'"),
        ({"Shipped": "9"}, "'Shipped'"),
        ({"awaiting_shipment": "1, 3", "shipped": "3, 9"}, "'3'"),
    ],
)
def test_status_map_refuses_unknown_platform_status_and_a_status_mapped_twice(
    form: dict[str, str], named: str
) -> None:
    with pytest.raises(StatusMapError, match=named):
        StatusMap(form)


def test_connecting_with_a_bad_status_map_fails_at_connect(engine: Engine) -> None:
    connection = Connection(
        channel="backmarket", credentials={"token": "t"}, status_map={"shipped": "9", "sent": "3"}
    )
    with pytest.raises(StatusMapError):
        engine.connect("bad", connection)
    assert "bad" not in engine.stores


@pytest.mark.parametrize("timezone", ["Mars/Olympus_Mons", "not a zone", ""])
def test_connection_with_an_unknown_timezone_names_the_field(timezone: str) -> None:
    with pytest.raises(ConnectionFormError, match=r"^timezone: "):
        Connection(channel="backmarket", credentials={"token": "t"}, timezone=timezone)


def test_connection_accepts_an_iana_timezone() -> None:
    connection = Connection(
        channel="backmarket", credentials={"token": "t"}, timezone="Europe/Paris"
    )
    assert connection.zone.key == "Europe/Paris"
    assert connection.first_import == timedelta(days=30)
    assert connection.overlap == timedelta(minutes=5)

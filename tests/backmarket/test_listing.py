"""GET /ws/orders: paging, hidden states, filters, ordering and seeded determinism."""

from __future__ import annotations

from typing import Any

import pytest

from simulators.core.clock import Clock, parse_instant
from simulators.core.registry import channel_entry
from simulators.core.server import ChannelOptions, SimulatorGroup
from tests.conftest import T0
from tests.helpers import BackMarketClient

#: These tests read the codes of the descriptive error bodies; the documented empty bodies
#: (the default) are checked in test_error_bodies.py.
pytestmark = pytest.mark.sim_settings(error_bodies="descriptive")

HIDDEN = {0, 8}
HOST = "bm.listing.test"


def listed(bm: BackMarketClient) -> list[dict[str, Any]]:
    """What the API should list: every order not in state 0 or 8 (from the admin view)."""
    return [o for o in bm.all_orders() if o["state"] not in HIDDEN]


def walk(bm: BackMarketClient, params: dict[str, Any]) -> list[dict[str, Any]]:
    """Every page of a listing, following ``next`` from page 1; returns the page bodies."""
    reply = bm.get("/ws/orders", params)
    assert reply.status_code == 200, reply.text
    pages = [reply.json()]
    while pages[-1]["next"] is not None:
        assert len(pages) < 50, "the next links never end"
        reply = bm.fetch(pages[-1]["next"])
        assert reply.status_code == 200, reply.text
        pages.append(reply.json())
    return pages


def listed_ids(bm: BackMarketClient, **params: Any) -> list[int]:
    pages = walk(bm, {"page-size": 50, **params})
    return [o["order_id"] for page in pages for o in page["results"]]


def assert_not_found_page(reply: Any) -> None:
    assert reply.status_code == 404
    assert reply.json() == {"error": {"code": "not-found", "message": "Invalid page."}}


def assert_field_error(reply: Any, field: str) -> None:
    assert reply.status_code == 400, reply.text
    body = reply.json()
    assert set(body) == {"error", "data"}
    assert body["error"]["code"] == "E009"
    assert body["error"]["message"] == "Validation error"
    assert list(body["data"]["fields"]) == [field]
    assert body["data"]["fields"][field], "the field error carries a message"


# -- paging ---------------------------------------------------------------------------------
def test_following_next_reads_all_120_orders_once(bm: BackMarketClient) -> None:
    bm.use_state("paid_orders", count=120)
    pages = walk(bm, {"page-size": 50})

    assert [len(p["results"]) for p in pages] == [50, 50, 20]
    assert {p["count"] for p in pages} == {120}
    ids = [o["order_id"] for p in pages for o in p["results"]]
    assert len(ids) == len(set(ids)) == 120
    assert set(ids) == {o["order_id"] for o in bm.all_orders()}


def test_next_and_previous_links_point_at_the_neighbouring_pages(bm: BackMarketClient) -> None:
    bm.use_state("paid_orders", count=120)
    pages = walk(bm, {"page-size": 50})
    first, second, third = pages

    assert first["previous"] is None
    assert third["next"] is None
    for link, number in (
        (first["next"], 2),
        (second["previous"], 1),
        (second["next"], 3),
        (third["previous"], 2),
    ):
        assert link.startswith(bm.url + "/ws/orders?")
        assert f"page={number}" in link
        assert "page-size=50" in link, "the page size is kept in the links"
    # Going back gives the very pages read going forward.
    assert bm.fetch(third["previous"]).json() == second
    assert bm.fetch(second["previous"]).json() == first


def test_links_keep_the_filters(bm: BackMarketClient) -> None:
    bm.use_state("paid_orders", count=120)
    pages = walk(bm, {"page-size": 50, "state": 1})
    assert len(pages) == 3
    assert "state=1" in pages[0]["next"]
    assert "state=1" in pages[2]["previous"]


def test_default_page_size_is_10(bm: BackMarketClient) -> None:
    body = bm.get("/ws/orders").json()
    assert body["count"] == len(listed(bm)) == 22
    assert len(body["results"]) == 10
    assert "page=2" in body["next"]


@pytest.mark.parametrize("size", [51, 100, 0])
def test_page_size_out_of_range_is_a_validation_error(bm: BackMarketClient, size: int) -> None:
    assert_field_error(bm.get("/ws/orders", {"page-size": size}), "page-size")


def test_page_size_50_is_accepted(bm: BackMarketClient) -> None:
    bm.use_state("paid_orders", count=120)
    reply = bm.get("/ws/orders", {"page-size": 50})
    assert reply.status_code == 200
    assert len(reply.json()["results"]) == 50


@pytest.mark.parametrize("page", [0, -1])
def test_page_below_one_is_a_validation_error(bm: BackMarketClient, page: int) -> None:
    assert_field_error(bm.get("/ws/orders", {"page": page}), "page")


def test_page_past_the_last_is_not_found(bm: BackMarketClient) -> None:
    bm.use_state("paid_orders", count=120)
    assert bm.get("/ws/orders", {"page-size": 50, "page": 3}).status_code == 200
    assert_not_found_page(bm.get("/ws/orders", {"page-size": 50, "page": 4}))
    assert_not_found_page(bm.get("/ws/orders", {"page-size": 50, "page": 1000}))


def test_first_page_of_an_empty_result_is_empty_not_an_error(bm: BackMarketClient) -> None:
    bm.use_state("empty")
    reply = bm.get("/ws/orders")
    assert reply.status_code == 200
    assert reply.json() == {"count": 0, "next": None, "previous": None, "results": []}
    assert_not_found_page(bm.get("/ws/orders", {"page": 2}))


# -- hidden states --------------------------------------------------------------------------
def test_states_0_and_8_are_never_listed(bm: BackMarketClient) -> None:
    everything = bm.all_orders()
    hidden = {o["order_id"] for o in everything if o["state"] in HIDDEN}
    assert len(hidden) == 2, "the demo state has one order in 0 and one in 8"

    ids = listed_ids(bm)
    assert hidden.isdisjoint(ids)
    assert sorted(ids) == sorted(o["order_id"] for o in everything if o["state"] not in HIDDEN)


@pytest.mark.parametrize("state", [0, 8])
def test_filtering_on_a_hidden_state_lists_nothing(bm: BackMarketClient, state: int) -> None:
    body = bm.get("/ws/orders", {"state": state}).json()
    assert body == {"count": 0, "next": None, "previous": None, "results": []}


@pytest.mark.parametrize("state", [0, 8])
def test_an_order_moved_to_a_hidden_state_leaves_the_list(bm: BackMarketClient, state: int) -> None:
    order_id = listed(bm)[0]["order_id"]
    assert order_id in listed_ids(bm)
    edited = bm.admin("PATCH", f"/orders/{order_id}", {"state": state})
    assert edited.status_code == 200, edited.text
    assert order_id not in listed_ids(bm)
    # ...while it can still be read by id.
    assert bm.order(order_id)["state"] == state


# -- filters --------------------------------------------------------------------------------
@pytest.mark.parametrize(("state", "expected"), [(1, 18), (3, 2), (9, 2), (10, 0)])
def test_state_filter(bm: BackMarketClient, state: int, expected: int) -> None:
    pages = walk(bm, {"page-size": 50, "state": state})
    results = [o for p in pages for o in p["results"]]
    assert pages[0]["count"] == len(results) == expected
    assert all(o["state"] == state for o in results)
    assert {o["order_id"] for o in results} == {
        o["order_id"] for o in bm.all_orders() if o["state"] == state
    }


def test_date_creation_is_an_inclusive_lower_bound(bm: BackMarketClient) -> None:
    orders = sorted(listed(bm), key=lambda o: parse_instant(o["date_creation"]))
    pivot = orders[len(orders) // 2]
    bound = parse_instant(pivot["date_creation"])
    expected = {o["order_id"] for o in orders if parse_instant(o["date_creation"]) >= bound}
    assert 1 < len(expected) < len(orders)

    ids = listed_ids(bm, date_creation=pivot["date_creation"])
    assert pivot["order_id"] in ids, "an order created exactly at the bound is included"
    assert set(ids) == expected


def test_date_creation_with_an_offset_means_the_same_instant(bm: BackMarketClient) -> None:
    in_utc = listed_ids(bm, date_creation="2026-03-09T06:00:00Z")
    in_paris = listed_ids(bm, date_creation="2026-03-09T07:00:00+01:00")
    assert in_utc == in_paris
    assert 0 < len(in_utc) < len(listed(bm))


def test_date_creation_after_every_order_lists_nothing(bm: BackMarketClient) -> None:
    body = bm.get("/ws/orders", {"date_creation": "2026-03-11T00:00:00Z"}).json()
    assert body["count"] == 0
    assert body["results"] == []


def test_date_modification_is_a_lower_bound_that_follows_changes(bm: BackMarketClient) -> None:
    order = next(o for o in listed(bm) if o["state"] == 1)
    bm.advance("PT1H")
    reply = bm.update(order["order_id"], new_state=2, sku=order["orderlines"][0]["listing"])
    assert reply.status_code == 200, reply.text

    since = "2026-03-10T13:00:00Z"
    assert listed_ids(bm, date_modification=since) == [order["order_id"]]
    assert listed_ids(bm, date_modification="2026-03-10T13:00:00.000001Z") == []
    before_everything = listed_ids(bm, date_modification="2026-01-01T00:00:00Z")
    assert len(before_everything) == len(listed(bm))


def test_country_code_filter(bm: BackMarketClient) -> None:
    orders = listed(bm)
    by_country: dict[str, set[int]] = {}
    for o in orders:
        by_country.setdefault(o["country_code"], set()).add(o["order_id"])
    assert len(by_country) > 1
    for country, expected in by_country.items():
        assert set(listed_ids(bm, country_code=country)) == expected, country


def test_country_code_with_no_orders_lists_nothing(bm: BackMarketClient) -> None:
    assert {o["country_code"] for o in bm.all_orders()}.isdisjoint({"sv-se"})
    assert bm.get("/ws/orders", {"country_code": "sv-se"}).json()["count"] == 0


def test_filters_combine(bm: BackMarketClient) -> None:
    since = "2026-03-08T12:00:00.000000Z"
    expected = {
        o["order_id"]
        for o in listed(bm)
        if o["state"] == 1
        and o["country_code"] == "fr-fr"
        and parse_instant(o["date_creation"]) >= parse_instant(since)
    }
    assert expected, "the demo data has such orders"
    ids = listed_ids(bm, state=1, country_code="fr-fr", date_creation=since)
    assert set(ids) == expected
    assert len(ids) < len(listed_ids(bm, state=1))


# -- ordering -------------------------------------------------------------------------------
def test_order_is_oldest_first_and_repeatable(bm: BackMarketClient) -> None:
    bm.use_state("paid_orders", count=120)
    pages = walk(bm, {"page-size": 50})
    results = [o for p in pages for o in p["results"]]
    keys = [(parse_instant(o["date_creation"]), o["order_id"]) for o in results]
    assert keys == sorted(keys)
    assert listed_ids(bm) == [o["order_id"] for o in results]
    # A different page size cuts the same sequence.
    assert listed_ids(bm, **{"page-size": 7}) == [o["order_id"] for o in results]


def test_updating_an_order_does_not_move_it_in_the_list(bm: BackMarketClient) -> None:
    before = listed_ids(bm)
    order = next(o for o in listed(bm) if o["state"] == 1)
    bm.advance("PT2H")
    reply = bm.update(order["order_id"], new_state=2, sku=order["orderlines"][0]["listing"])
    assert reply.status_code == 200, reply.text
    assert listed_ids(bm) == before


def test_a_new_order_does_not_shift_the_pages_already_read(bm: BackMarketClient) -> None:
    bm.use_state("paid_orders", count=120)
    first = bm.get("/ws/orders", {"page-size": 50}).json()
    placed = bm.place(date_creation=T0)
    pages = [first]
    while pages[-1]["next"] is not None:
        pages.append(bm.fetch(pages[-1]["next"]).json())

    ids = [o["order_id"] for p in pages for o in p["results"]]
    assert len(ids) == len(set(ids)) == 121
    assert ids[-1] == placed["order_id"]
    assert pages[-1]["count"] == 121


# -- determinism ----------------------------------------------------------------------------
def raw_pages(bm: BackMarketClient) -> list[bytes]:
    """The exact bytes of every page of the 120-order listing, with a fixed Host header."""
    bodies = []
    for page in (1, 2, 3):
        reply = bm.get("/ws/orders", {"page-size": 50, "page": page}, Host=HOST)
        assert reply.status_code == 200, reply.text
        bodies.append(reply.content)
    return bodies


def test_same_seed_gives_identical_pages_after_a_reset(bm: BackMarketClient) -> None:
    bm.use_state("paid_orders", count=120)
    before = raw_pages(bm)
    # Change things, then rebuild from the same seed.
    order = bm.all_orders()[0]
    bm.advance("PT1H")
    assert bm.update(order["order_id"], new_state=4, sku=order["orderlines"][0]["listing"]).ok
    assert raw_pages(bm) != before
    bm.use_state("paid_orders", count=120)
    assert raw_pages(bm) == before


def test_same_seed_gives_identical_pages_on_an_independent_simulator(
    bm: BackMarketClient,
) -> None:
    bm.use_state("paid_orders", count=120)
    here = raw_pages(bm)
    assert f"http://{HOST}/ws/orders?" in here[0].decode()

    group = SimulatorGroup(
        [channel_entry("backmarket")],
        clock=Clock(T0, frozen=True),
        options={"backmarket": ChannelOptions(port=0)},
    )
    with group:
        other = BackMarketClient(group.channels["backmarket"])
        assert other.url != bm.url
        other.use_state("paid_orders", count=120)
        there = raw_pages(other)
    assert there == here


def test_a_different_seed_gives_different_pages(bm: BackMarketClient) -> None:
    bm.use_state("paid_orders", count=120)
    seed_0 = raw_pages(bm)
    ids_0 = listed_ids(bm)
    bm.use_state("paid_orders", seed=1, count=120)
    seed_1 = raw_pages(bm)
    assert all(a != b for a, b in zip(seed_0, seed_1, strict=True))
    assert listed_ids(bm) != ids_0


@pytest.mark.parametrize("field", ["date_creation", "date_modification"])
@pytest.mark.parametrize("value", ["garbage", "2026-13-45T99:00:00Z"])
def test_an_unreadable_date_filter_is_a_validation_error(
    bm: BackMarketClient, field: str, value: str
) -> None:
    assert_field_error(bm.get("/ws/orders", {field: value}), field)

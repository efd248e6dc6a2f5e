"""The reference engine and the Bluepark adapter, end to end against the Bluepark simulator.

Every test drives the engine over real loopback HTTP; what Bluepark received is read from the
simulator's journal and its orders (``/__sim``).
"""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal
from typing import Any
from urllib.parse import parse_qs
from zoneinfo import ZoneInfo

import pytest

from harness.channels.base import ImportWindow
from harness.channels.bluepark import BlueparkAdapter, ship_by, to_order
from harness.channels.http import Http
from harness.engine.connection import Connection, ConnectionFormError
from harness.engine.engine import Engine
from harness.engine.errors import ChannelProblem
from harness.engine.model import Shipment
from harness.engine.status import PlatformStatus
from harness.runner.worlds.control import ChannelControl
from tests.harness.conftest import T0, connect

START = datetime.fromisoformat(T0)
LIST, UPDATE = "list-orders", "update-order"
LONDON = ZoneInfo("Europe/London")
HIGH_STREET = {
    "first_name": "Amelia",
    "last_name": "Hughes",
    "company": "",
    "address_line_1": "14 High Street",
    "address_line_2": "Flat 2",
    "town": "Bath",
    "county": "Somerset",
    "postcode": "BA1 5AJ",
    "country": "GB",
    "telephone": "+447700900123",
}


def entries(sim: ChannelControl, operation: str | None = None) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = sim.journal(0)["entries"]
    return [e for e in found if operation is None or e["operation"] == operation]


def test_an_order_is_imported_with_every_field_bluepark_gives_but_its_coupons(
    bp_sim: ChannelControl, engine: Engine
) -> None:
    item = {
        "sku": "SP-IP13-128-BLU-A",
        "name": "iPhone 13 128 GB - Blue",
        "quantity": 2,
        "unit_price": "429.00",
        "weight": "0.174",
        "image_url": "https://images.example.com/ip13/blue.jpg",
        "options": {"Colour": "Blue", "Grade": "Excellent"},
        "stock_location": "B-07-3",
    }
    bp_sim.place(
        {
            "orders": [
                {
                    "id": 8001,
                    "date_created": "2026-03-10T08:00:00Z",
                    "delivery_date": "2026-03-13",
                    "ship_to": HIGH_STREET,
                    "items": [item],
                    "coupons": [{"code": "SPRING10", "amount": "85.80"}],
                    "delivery_method": "Royal Mail Tracked 48",
                    "admin_comments": "fragile",
                }
            ]
        }
    )
    store = connect(engine, bp_sim, timezone="Europe/London")

    result = engine.refresh(store)

    assert result.problem is None and result.new == ["8001"]
    order = store.find("8001").imported
    assert (order.key, order.number, order.channel_status) == ("8001", "8001", "Pending")
    assert order.status is PlatformStatus.AWAITING_SHIPMENT
    assert order.ship_by == datetime(2026, 3, 13, tzinfo=LONDON)
    assert order.discounts == ()  # Bluepark's own note: coupons are not imported
    assert order.requested_service == "Royal Mail Tracked 48"
    assert order.internal_notes == "fragile"
    assert order.currency == "GBP"
    assert order.ship_to is not None and order.ship_to.city == "Bath"
    assert order.ship_to.postal_code == "BA1 5AJ" and order.ship_to.state == "Somerset"
    assert order.customer_phone and order.customer_email
    line = order.items[0]
    assert (line.sku, line.quantity, line.unit_price) == ("SP-IP13-128-BLU-A", 2, Decimal("429.00"))
    assert line.weight == Decimal("0.174") and order.weight == Decimal("0.348")
    assert line.image_url == "https://images.example.com/ip13/blue.jpg"
    assert line.options == (("Colour", "Blue"), ("Grade", "Excellent"))
    assert line.location == "B-07-3"


def test_the_default_status_map_imports_pending_completed_and_cancelled_only(
    bp_sim: ChannelControl, engine: Engine
) -> None:
    statuses = ("Pending", "Completed", "Cancelled", "Awaiting Payment", "On Hold", "Refunded")
    bp_sim.place({"orders": [{"id": 8100 + i, "status": s} for i, s in enumerate(statuses)]})
    store = connect(engine, bp_sim)

    result = engine.refresh(store)

    assert sorted(result.new) == ["8100", "8101", "8102"]
    assert sorted(result.skipped) == ["8103", "8104", "8105"]
    assert store.find("8101").imported.status is PlatformStatus.SHIPPED
    assert store.find("8102").imported.status is PlatformStatus.CANCELLED


def test_the_notification_is_a_put_of_status_and_tracking_number_only(
    bp_sim: ChannelControl, engine: Engine
) -> None:
    bp_sim.place({"orders": [{"id": 8200}]})
    store = connect(engine, bp_sim)
    engine.refresh(store)
    shipment = Shipment(
        carrier="Royal Mail",
        tracking_number="JD014600003828376871",
        service="Tracked 24",
        carrier_fee=Decimal("3.49"),
        notes_to_buyer="Thank you",
        ship_date=datetime(2026, 3, 10, 13, tzinfo=UTC),
    )

    assert engine.ship(store, "8200", shipment)

    calls = entries(bp_sim, UPDATE)
    assert len(calls) == 1
    assert calls[0]["method"] == "PUT" and calls[0]["path"] == "/api/v1/orders/8200"
    assert calls[0]["body"] == {"status": "Completed", "tracking_number": "JD014600003828376871"}
    on_channel = bp_sim.order("8200")
    assert (on_channel["status"], on_channel["courier"]) == ("Completed", None)
    assert BlueparkAdapter.received_notification(calls[0]) == {
        "order": "8200",
        "status": "shipped",
        "tracking_number": "JD014600003828376871",
    }


def test_an_order_cancelled_on_bluepark_before_shipping_drops_the_notification_with_why(
    bp_sim: ChannelControl, engine: Engine
) -> None:
    bp_sim.place({"orders": [{"id": 8300}]})
    store = connect(engine, bp_sim)
    engine.refresh(store)
    bp_sim.edit("8300", {"status": "Cancelled"})

    engine.ship(store, "8300", Shipment(carrier="DPD", tracking_number="15501234567890"))

    assert store.outbox == {}
    error = store.errors[-1]
    assert (error.code, error.order) == ("invalid_status", "8300")
    assert "Cancelled" in error.message and "not sent" in error.message
    assert bp_sim.order("8300")["status"] == "Cancelled"


def test_pages_are_read_until_a_short_page_and_an_order_on_two_pages_comes_once(
    bp_sim: ChannelControl, engine: Engine
) -> None:
    bp_sim.reset(
        seed=0, state="pending_orders", params={"count": 250}, settings={"beta_quirks": True}
    )
    store = connect(engine, bp_sim)
    result = engine.refresh(store)

    assert result.problem is None
    assert len(result.new) == len(set(result.new)) == 250
    pages = [parse_qs(e["query"]) for e in entries(bp_sim, LIST)]
    assert [p["page"] for p in pages] == [["1"], ["2"], ["3"]]
    assert {p["limit"][0] for p in pages} == {"100"}
    assert not entries(bp_sim, "count-orders")


def test_fetch_yields_each_order_once_under_shifting_pages(bp_sim: ChannelControl) -> None:
    bp_sim.reset(
        seed=0,
        state="pending_orders",
        params={"count": 199},
        settings={"beta_quirks": ["shifting_pages"]},
    )
    issued = bp_sim.credentials()
    connection = Connection("bluepark", issued["credentials"], base_url=issued["url"])
    adapter = BlueparkAdapter(connection, Http(sleep=lambda _s: None, now=lambda: START))
    window = ImportWindow(datetime(2026, 1, 1, tzinfo=UTC), START, UTC)

    keys = [fetched.order.key for fetched in adapter.fetch_orders(window)]

    assert len(keys) == len(set(keys)) == 199
    assert len(entries(bp_sim, LIST)) == 3  # 100 new; 1 again + 99 new; 1 again (short)


def test_a_refused_credential_stops_the_run_with_what_to_do(
    bp_sim: ChannelControl, engine: Engine
) -> None:
    bp_sim.place({"orders": [{"id": 8400}]})
    store = connect(engine, bp_sim, credentials={"api_key": "0" * 32})

    result = engine.refresh(store)

    assert result.problem is not None and result.problem.code == "unauthorized"
    assert store.status == "error" and store.status_code == "unauthorized"
    assert "API access is enabled" in (store.status_message or "")
    assert not store.orders
    assert [e["status"] for e in entries(bp_sim)] == [401]  # a 401 is not retried


@pytest.mark.parametrize("path", ["/api/v2", "/", "/shop/api/v1"])
def test_a_wrong_api_access_url_stops_the_run_with_how_to_fix_it(
    bp_sim: ChannelControl, engine: Engine, path: str
) -> None:
    issued = bp_sim.credentials()
    host = issued["url"].removesuffix("/api/v1")
    connection = Connection(
        channel="bluepark", credentials=issued["credentials"], base_url=host + path
    )
    store = engine.connect("bluepark", connection)

    result = engine.refresh(store)

    assert result.problem is not None
    assert (store.status, store.status_code) == ("error", "wrong_url")
    assert "followed by /api/v1" in (store.status_message or "")


def test_the_connection_form_refuses_what_bluepark_cannot_use(engine: Engine) -> None:
    for credentials, options, url, field in (
        ({"api_key": "k"}, {}, "https://shop.example/api/v1", "api_username"),
        ({"api_key": "k", "api_username": "u", "token": "t"}, {}, None, "unknown field 'token'"),
        ({"api_key": "k", "api_username": "u"}, {"language": "en"}, None, "options"),
        ({"api_key": "k", "api_username": "u"}, {}, "www.shop.co.uk/api/v1", "API access URL"),
    ):
        connection = Connection(
            channel="bluepark", credentials=credentials, options=options, base_url=url
        )
        with pytest.raises(ConnectionFormError, match=field):
            engine.connect("bluepark", connection)
    region = Connection("bluepark", {"api_key": "k", "api_username": "u"}, region="Europe")
    with pytest.raises(ConnectionFormError, match="region: Bluepark has no region"):
        engine.connect("bluepark", region)


# -- parsing, without a network ----------------------------------------------------------------
def test_a_field_the_listing_gives_null_is_taken_as_not_given() -> None:
    raw: dict[str, Any] = {
        "id": 9,
        "status": "Pending",
        "date_created": "2026-03-10T08:00:00+00:00",
        "date_modified": None,
        "delivery_date": None,
        "customer": None,
        "total_weight": None,
        "shipping_address": {**HIGH_STREET, "telephone": None},
        "billing_address": HIGH_STREET,
        "items": [
            {"id": 1, "sku": "A", "name": "A", "quantity": 1, "unit_price": "1.00",
             "weight": None, "options": None, "image_url": None},
        ],
    }  # fmt: skip
    order = to_order(raw, LONDON)
    assert order.modified == order.order_date == datetime(2026, 3, 10, 8, tzinfo=UTC)
    assert order.ship_by is None and order.weight is None and order.customer_email is None
    assert order.customer_phone == "+447700900123"  # from the billing address
    assert order.items[0].options == () and order.items[0].weight is None


def test_ship_by_is_the_start_of_the_chosen_day_in_the_store_zone() -> None:
    assert ship_by("2026-07-01", LONDON) == datetime(2026, 6, 30, 23, tzinfo=UTC)
    assert ship_by(None, LONDON) is None and ship_by("next week", LONDON) is None


@pytest.mark.parametrize(
    "raw",
    [
        {"id": 5, "status": "Pending", "items": []},  # no creation date
        {"id": 5, "status": "Pending", "date_created": "10/03/2026", "items": []},
        {"id": 5, "status": "Pending", "date_created": "2026-03-10T08:00:00Z",
         "items": [{"id": 1, "quantity": "two"}]},
        "not an order",
    ],
)  # fmt: skip
def test_an_order_the_client_cannot_read_is_an_unreadable_problem_not_a_crash(raw: Any) -> None:
    connection = Connection("bluepark", {"api_key": "k", "api_username": "u"}, base_url="http://x")
    adapter = BlueparkAdapter(connection, Http(sleep=lambda _s: None, now=lambda: START))
    with pytest.raises(ChannelProblem) as problem:
        adapter.to_order(raw)
    assert problem.value.code == "unreadable" and problem.value.store_wide

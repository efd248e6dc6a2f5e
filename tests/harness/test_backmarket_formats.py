"""Back Market writes dates with 6, 3 or 0 fractional digits and prices as "229.0" or
"299.25": the simulator varies them per field and per order, and the adapter reads them all
into the same canonical orders."""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

from harness.channels.backmarket import BackMarketAdapter
from harness.channels.base import ImportWindow
from harness.channels.http import Http
from harness.engine.connection import Connection
from harness.runner.worlds.control import ChannelControl
from tests.harness.conftest import T0

SAMPLES = Path(__file__).parent.parent / "fixtures" / "samples"
START = datetime.fromisoformat(T0)
DATES = ("date_creation", "date_modification", "date_shipping", "date_payment")
PRICES = ("price", "shipping_price", "sales_taxes")
FORMS = {
    "6 digits": re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$"),
    "3 digits": re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$"),
    "0 digits": re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$"),
}


def sample(name: str) -> Any:
    return json.loads((SAMPLES / name).read_text(encoding="utf-8"))


def adapter(base_url: str = "http://offline.invalid", token: str = "bm-token") -> BackMarketAdapter:
    connection = Connection(channel="backmarket", credentials={"token": token}, base_url=base_url)
    return BackMarketAdapter(connection, Http(sleep=lambda _s: None, now=lambda: START))


def form_of(value: str) -> str:
    return next(name for name, pattern in FORMS.items() if pattern.match(value))


def test_both_published_samples_give_the_same_canonical_order() -> None:
    listed = sample("backmarket-orders-list-response.json")["results"][0]
    single = sample("backmarket-order-get-response.json")
    reader = adapter()
    order = reader.to_order(single)
    assert reader.to_order(listed) == order
    # the sample's three date forms, read to the microsecond
    assert {form_of(single[f]) for f in DATES} == set(FORMS)
    assert order.order_date == datetime(2022, 4, 29, 9, 35, 24, 123456, tzinfo=UTC)
    assert order.modified == datetime(2022, 4, 29, 9, 35, 24, tzinfo=UTC)
    assert order.paid_date == datetime(2022, 4, 29, 9, 35, 24, 123000, tzinfo=UTC)
    assert [i.unit_price for i in order.items] == [Decimal("229.0")] * 2
    assert (order.total, order.shipping_paid) == (Decimal("299.25"), Decimal("5.99"))
    # the spec's camelCase address keys are read as well as the snake_case ones
    assert order.ship_to is not None
    assert (order.ship_to.name, order.ship_to.postal_code) == ("Victor Hugo", "75003")
    assert order.customer_phone == "+33639981234"


def listing(sim: ChannelControl, settings: dict[str, str]) -> list[dict[str, Any]]:
    """Twelve orders placed at whole seconds (so every format says the same instant)."""
    sim.reset(seed=4, state="empty", params={}, settings=settings)
    orders = [
        {"order_id": 3000 + n, "state": 9 if n % 3 == 0 else 1,
         "date_creation": f"2026-03-0{1 + n % 8}T0{n % 10}:15:30Z",
         "date_payment": f"2026-03-09T1{n % 10}:20:45Z", "lines": [{"price": "229.00"}]}
        for n in range(12)
    ]  # fmt: skip
    sim.place({"orders": orders})
    return sim.orders()


def fetch(sim: ChannelControl) -> list[Any]:
    reader = adapter(sim.credentials()["url"], sim.credentials()["credentials"]["token"])
    window = ImportWindow(datetime(2026, 2, 1, tzinfo=UTC), START, UTC)
    return [fetched.order for fetched in reader.fetch_orders(window)]


def test_a_listing_with_every_date_format_reads_as_the_pinned_one(bm_sim: ChannelControl) -> None:
    varied = listing(bm_sim, {})
    written = [o[f] for o in varied for f in DATES if o[f]]
    written += [line["date_creation"] for o in varied for line in o["orderlines"]]
    assert {form_of(value) for value in written} == set(FORMS)
    prices = [o[f] for o in varied for f in PRICES] + [o["orderlines"][0]["price"] for o in varied]
    assert {"229.0", "229.00"} <= set(prices)
    read_varied = fetch(bm_sim)

    pinned = listing(bm_sim, {"timestamps": "microseconds", "prices": "two_decimals"})
    assert all(form_of(o[f]) == "6 digits" for o in pinned for f in DATES if o[f])
    assert all(re.fullmatch(r"\d+\.\d\d", o[f]) for o in pinned for f in PRICES)
    assert fetch(bm_sim) == read_varied
    assert len(read_varied) == 12


def test_each_field_keeps_its_format_across_reads_and_a_pinned_format_holds(
    bm_sim: ChannelControl,
) -> None:
    first = listing(bm_sim, {})
    assert listing(bm_sim, {}) == first
    for pin, form in (("milliseconds", "3 digits"), ("seconds", "0 digits")):
        pinned = listing(bm_sim, {"timestamps": pin, "prices": "shortest"})
        assert {form_of(o[f]) for o in pinned for f in DATES if o[f]} == {form}
        assert {o["orderlines"][0]["price"] for o in pinned} == {"229.0"}

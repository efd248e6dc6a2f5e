"""Bluepark's beta quirks: off by default, switched on by a starting-state parameter, each
doing what its documentation (in the generated vocabulary) says."""

from __future__ import annotations

import itertools
from typing import Any

import pytest

from simulators.channels.bluepark.quirks import NULLABLE, QUIRKS, page_start, reported_count
from simulators.core.vocabulary import render
from tests.bluepark.test_api import every_page
from tests.helpers import BlueparkClient


def field_of(order: dict[str, Any], field: str) -> Any:
    """A NULLABLE field's value (``items.x``: every item's, as a list)."""
    head, _, tail = field.partition(".")
    if not tail:
        return order[head]
    if head == "items":
        return [item[tail] for item in order["items"]]
    return None if order[head] is None else order[head][tail]


def blanked(listed: dict[str, Any], whole: dict[str, Any]) -> set[str]:
    """The fields the listing shows null (every item's, for ``items.x``) but the order has."""
    found = set()
    for field in NULLABLE:
        shown, kept = field_of(listed, field), field_of(whole, field)
        if shown != kept and (shown is None or (isinstance(shown, list) and not any(shown))):
            found.add(field)
    return found


def listing_against_orders(bp: BlueparkClient, limit: int) -> dict[int, set[str]]:
    """Each listed order id and the fields its listing blanked (compared with GET /orders/{id})."""
    listed = bp.get("/orders", {"limit": limit}).json()["orders"]
    return {o["id"]: blanked(o, bp.get(f"/orders/{o['id']}").json()) for o in listed}


def test_no_quirk_by_default(bp: BlueparkClient) -> None:
    bp.use_state("pending_orders", count=120)
    listed = [o for page in every_page(bp, 50) for o in page]
    assert len(listed) == len({o["id"] for o in listed}) == 120
    assert all(o == bp.get(f"/orders/{o['id']}").json() for o in listed[:40])
    assert bp.get("/orders/count").json() == {"count": 120}
    assert bp.admin("GET", "/state").json()["settings"] == {"beta_quirks": []}


def test_null_fields_blanks_one_field_in_about_half_the_listed_orders_only(
    bp: BlueparkClient,
) -> None:
    bp.use_state("pending_orders", count=80, quirks=["null_fields"])
    found = listing_against_orders(bp, 100)
    hit = [i for i, fields in found.items() if fields]
    assert 20 <= len(hit) <= 60, len(hit)
    assert all(len(fields) == 1 for fields in found.values() if fields)
    assert {f for fields in found.values() for f in fields} >= {"date_modified", "customer"}
    assert listing_against_orders(bp, 100) == found, "the same field is null on every read"


def test_shifting_pages_repeats_the_last_order_of_each_page_first_on_the_next(
    bp: BlueparkClient,
) -> None:
    bp.use_state("pending_orders", count=45, quirks=["shifting_pages"])
    pages = every_page(bp, 10)
    assert [len(p) for p in pages] == [10, 10, 10, 10, 9]
    for before, after in itertools.pairwise(pages):
        assert after[0]["id"] == before[-1]["id"]
    assert len({o["id"] for page in pages for o in page}) == 45


def test_wrong_count_answers_four_fifths_of_what_the_pages_hold(bp: BlueparkClient) -> None:
    bp.use_state("pending_orders", count=120, quirks=["wrong_count"])
    assert bp.get("/orders/count").json() == {"count": 96}
    assert sum(len(p) for p in every_page(bp, 100)) == 120


def test_beta_quirks_true_turns_every_quirk_on_and_survives_a_reset(bp: BlueparkClient) -> None:
    bp.use_state("demo", quirks=True)
    assert bp.admin("GET", "/state").json()["settings"] == {"beta_quirks": sorted(QUIRKS)}
    assert bp.get("/orders/count").json() == {"count": 19}  # 24 listed
    assert bp.admin("POST", "/reset", {"seed": 1}).status_code == 200
    assert bp.admin("GET", "/state").json()["settings"] == {"beta_quirks": sorted(QUIRKS)}


@pytest.mark.parametrize(
    ("value", "message"),
    [("yes", "give true, false or a list"), (["late_pages"], "'late_pages' is not one of")],
)
def test_a_wrong_beta_quirks_setting_is_refused_and_the_shop_stays(
    bp: BlueparkClient, value: Any, message: str
) -> None:
    before = bp.all_orders()
    reply = bp.admin(
        "POST", "/reset", {"seed": 3, "state": "demo", "settings": {"beta_quirks": value}}
    )
    assert reply.status_code == 400
    assert message in reply.text
    assert bp.all_orders() == before


def test_page_start_and_reported_count_rules() -> None:
    assert [page_start(p, 100, True) for p in (1, 2, 3, 4)] == [0, 99, 198, 297]
    assert [page_start(p, 100, False) for p in (1, 2, 3)] == [0, 100, 200]
    assert page_start(3, 1, True) == 2  # a page of one cannot overlap itself
    assert [reported_count(n) for n in (0, 1, 4, 5, 120)] == [0, 0, 3, 4, 96]


def test_every_quirk_is_documented_in_the_generated_vocabulary() -> None:
    vocabulary = " ".join(render().split())
    for name, text in QUIRKS.items():
        assert f"`{name}`" in vocabulary
        assert " ".join(text.split()) in vocabulary

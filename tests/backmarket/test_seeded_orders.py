"""The same seed gives Back Market the same orders, byte for byte, release after release.

Scenarios, demo data and users' recorded runs rely on a seed naming one set of orders. These
digests were taken from the orders the simulator produced before its product catalogue moved
behind the factory's catalogue interface; a change to the factory or the catalogue that alters
one byte of Back Market's orders fails here.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

import pytest

from tests.helpers import BackMarketClient


def digest(orders: Any) -> str:
    """sha256 of the orders' canonical JSON (sorted keys, no spaces)."""
    text = json.dumps(orders, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@pytest.mark.parametrize(
    ("seed", "expected"),
    [
        (0, "a3f8463bc002e9593ff74146dc05fd7b72136c1e0dddcb5a0c8dc60679be08c2"),
        (7, "d56cfef54ea2daf90738d3b92398a2f3147ba72de36c60765185d57c6b14e16c"),
        (2024, "4e2aeb8f497af33d1fce92fbf662de33df1c45eaa340643c2af50487997f4920"),
    ],
)
def test_the_demo_state_of_a_seed_is_unchanged(
    bm: BackMarketClient, seed: int, expected: str
) -> None:
    bm.use_state("demo", seed=seed)
    assert digest(bm.all_orders()) == expected


GENERATED = {
    "plain": {"generate": 12},
    "single unit without a category": {"generate": 6, "single_unit": True},
    "three laptop lines": {"generate": 4, "category": "laptop", "lines": 3},
    "no ship-to, shipped": {"generate": 5, "ship_to": False, "state": 9},
}


@pytest.mark.parametrize(
    ("case", "expected"),
    [
        ("plain", "8d73c3302d62fe7458e109fbd57cd1e6a3cffbb6171e418a20bc93d08648183e"),
        (
            "single unit without a category",
            "2b812c73b6395095fe02ee38e670df1a89bbeb0fc64e1acdbb2ffb079367da22",
        ),
        ("three laptop lines", "6418e3d6d1d5939d9dbf291cd834f1150e5cf8ff394c6661639183e949fb382c"),
        ("no ship-to, shipped", "0186f9aa6452418b07e27284ed61a160d5a5c186873fb050b10bccc1a2f63398"),
    ],
)
def test_generated_orders_of_a_seed_are_unchanged(
    bm: BackMarketClient, case: str, expected: str
) -> None:
    bm.use_state("empty", seed=31)
    reply = bm.admin("POST", "/orders", GENERATED[case])
    assert reply.status_code == 201, reply.text
    assert digest(reply.json()) == expected


def test_an_explicit_order_takes_the_rest_from_the_same_draws(bm: BackMarketClient) -> None:
    bm.use_state("empty", seed=5)
    placed = bm.place(order_id=1001, lines=[{"sku": "MY-SKU", "quantity": 2}, {}])
    assert digest(placed) == "c42d990683c5001984c47db6fc1fe6a97bcb18a813a58dcc8da1536c8cd89f36"


def test_a_few_fields_of_seeded_orders_read_as_before(bm: BackMarketClient) -> None:
    """The digests above, spelled out for the first orders of the demo state of seed 0."""
    bm.use_state("demo", seed=0)
    orders = bm.all_orders()

    def lines(line: dict[str, Any]) -> tuple[str, str, str]:
        return (line["listing"], line["product"], line["price"])

    first = [
        (o["order_id"], o["currency"], o["price"], [lines(li) for li in o["orderlines"]])
        for o in orders[:3]
    ]
    assert first == [
        (40148646, "EUR", "918.88", [
            ("LT-LEG5P-1TB-8-IT-SG-D", "Lenovo Legion 5 Pro 1 TB - Storm Grey", "878.90"),
            ("AC-USBC20W-WHI", "USB-C Power Adapter 20W", "14.99"),
            ("AC-CASESIL-SB", "Silicone Case with MagSafe", "24.99"),
        ]),
        (40148648, "EUR", "1145.48", [
            ("CN-XSX-1TB-CB-B", "Xbox Series X 1 TB - Carbon Black", "383.49"),
            ("SP-PX8P-512-BAY-A", "Pixel 8 Pro 512 GB - Bay", "761.99"),
        ]),
        (40148650, "EUR", "564.96", [
            ("SP-IP13-256-PIN-A", "iPhone 13 256 GB - Pink", "489.99"),
            ("AC-CASESIL-CLA", "Silicone Case with MagSafe", "24.99"),
        ]),
    ]  # fmt: skip

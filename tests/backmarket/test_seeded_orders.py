"""The same seed gives Back Market the same orders, byte for byte, release after release.

Scenarios, demo data and users' recorded runs rely on a seed naming one set of orders. These
digests were taken from the orders the simulator produced before its product catalogue moved
behind the factory's catalogue interface, and taken again when Back Market's wire form gained
the fields and the varied date and price formats of real responses, and its seller sold on
the EU platform only (issue 8); any other change to the factory or the catalogue that alters
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
        (0, "355242ad08e8e8ebec6f3b061a696d47cac4119a83fa0968faa9b62f362aa956"),
        (7, "ccabb21a19c78f8b9cc14f8ee669bf6a6ecced7e3582442f16e7b509aa03d1b8"),
        (2024, "01cd86ac3389f848c3b83b3e19264c5d61ab0830082bb00629e9b1218965b9e7"),
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
        ("plain", "1a3d89b10c2bfece99747d68183803006409dfc18d6fb782c8ea7448a036eed1"),
        (
            "single unit without a category",
            "a3cb2e08273ae19f6d32da8acfd9a9dcd505aeaa3175d04ac645cc0e59fbab43",
        ),
        ("three laptop lines", "024681a4c52b21022116a423afc5c86fd087f1676d615bcf33c573b71de3ca4d"),
        ("no ship-to, shipped", "71fee1a9accce893d47d32a21f9ca3286556cdbde69d4fe2df0ecdc2a08082d8"),
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
    assert digest(placed) == "21a963c5f711df66fa3d528a86b9b49f671afc750a988118c08b0cf97457cbf5"


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
            ("LT-LEG5P-1TB-8-IT-SG-D", "Lenovo Legion 5 Pro 1 TB - Storm Grey", "878.9"),
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

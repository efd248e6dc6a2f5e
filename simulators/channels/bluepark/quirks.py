"""Bluepark's beta quirks: documented, plausible misbehaviours a team can switch on to test
its defences (the integration is in beta; the seed says it "may behave unexpectedly").

Off by default. The ``beta_quirks`` setting switches them on: ``true`` (all), or a list of
names from :data:`QUIRKS` (``POST /__sim/reset {"settings": {"beta_quirks": [...]}}``, a
scenario's ``simulator: {settings: ...}``, ``chansim serve --setting bluepark.beta_quirks=true``).
"""

from __future__ import annotations

import copy
from collections.abc import Mapping
from types import MappingProxyType
from typing import Any

from simulators.core.settings import Setting, SettingBook

NULL_FIELDS = "null_fields"
SHIFTING_PAGES = "shifting_pages"
WRONG_COUNT = "wrong_count"
#: Each quirk and what it does (listed in the generated vocabulary).
QUIRKS: Mapping[str, str] = MappingProxyType(
    {
        NULL_FIELDS: "in listings, about half of the orders come with one field null "
        "(which one depends on the order id and seed): delivery_date, date_modified, customer, "
        "total_weight, shipping_address.telephone, or every item's weight, options or image_url",
        SHIFTING_PAGES: "the list shifts by one order between page reads, as if an order "
        "arrived at the top each time: every page after the first starts with the last order "
        "of the page before (an order on two pages)",
        WRONG_COUNT: "GET /orders/count lags behind the list: it answers four fifths of the "
        "orders the pages hold (at least one fewer when there are any)",
    }
)
SETTINGS = SettingBook(
    Setting(
        "beta_quirks",
        "The integration is in beta: documented, plausible misbehaviours to test defences "
        "against (off by default).",
        QUIRKS,
        many=True,
    )
)
#: The fields the ``null_fields`` quirk may blank, one per affected order.
NULLABLE = (
    "delivery_date", "date_modified", "customer", "total_weight",
    "shipping_address.telephone", "items.weight", "items.options", "items.image_url",
)  # fmt: skip


def nulled_field(order_id: int, seed: int) -> str | None:
    """The field the ``null_fields`` quirk blanks in this order, or None."""
    index = (order_id * 7919 + seed) % (2 * len(NULLABLE))
    return NULLABLE[index] if index < len(NULLABLE) else None


def with_null(order: Mapping[str, Any], field: str) -> dict[str, Any]:
    """A copy of an order's JSON with ``field`` null (every item's, for ``items.*``)."""
    out = copy.deepcopy(dict(order))
    head, _, tail = field.partition(".")
    if not tail:
        out[head] = None
    elif head == "items":
        for item in out["items"]:
            item[tail] = None
    elif isinstance(out.get(head), dict):
        out[head][tail] = None
    return out


def page_start(page: int, limit: int, shifting: bool) -> int:
    """Where page ``page`` starts in the list: one earlier per page read when it shifts."""
    start = (page - 1) * limit
    return start - (page - 1) if shifting and limit > 1 else start


def reported_count(count: int) -> int:
    """What ``/orders/count`` answers under ``wrong_count``."""
    return min(count * 4 // 5, max(count - 1, 0))

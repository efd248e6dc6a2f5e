"""The Back Market simulator's settings: where the real API varies, what this simulator does.

Set with ``POST /__sim/reset`` ``{"settings": {...}}`` or a scenario's ``simulator.settings``;
every setting left out takes its default (the first value listed).
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import Any

#: Each setting, its values (the default first) and what it does.
SETTINGS: Mapping[str, tuple[tuple[str, ...], str]] = MappingProxyType(
    {
        "error_bodies": (
            ("documented", "descriptive"),
            (
                "`documented`: 400, 403, 404 and 422 of the order and orderline operations have "
                "the empty text/plain body Back Market's spec documents; `descriptive`: they carry "
                "the JSON envelope with a code of our own (`invalid-transition`, `imei-refused`, "
                "`E009`...), for people reading the journal."
            ),
        ),
        "timestamps": (
            ("varied", "microseconds", "milliseconds", "seconds"),
            (
                "Fractional digits of the dates Back Market writes: `varied` draws 6, 3 or 0 per "
                "field and per order (or orderline) from the seed, as real responses show; the "
                "others pin one format."
            ),
        ),
        "prices": (
            ("varied", "two_decimals", "shortest"),
            (
                "Prices: `varied` draws per field and per order (or orderline) between two "
                'decimals ("229.00") and the shortest form with one decimal at least ("229.0", '
                '"22.9"), as the published samples show; the others pin one.'
            ),
        ),
        "rate_limit": (
            ("per_address", "per_token"),
            (
                "What Cloudflare's 200 requests / 10 s limit counts: requests per client address "
                "(`per_address`, as Cloudflare does) or per token (`per_token`)."
            ),
        ),
    }
)


def check(given: Mapping[str, Any]) -> dict[str, Any]:
    """The settings with defaults filled in; ValueError naming an unknown one or value."""
    unknown = sorted(set(given) - set(SETTINGS))
    if unknown:
        raise ValueError(
            f"backmarket has no setting {unknown[0]!r}; its settings: {', '.join(SETTINGS)}"
        )
    checked: dict[str, Any] = {}
    for name, (values, _doc) in SETTINGS.items():
        value = given.get(name, values[0])
        if value not in values:
            raise ValueError(
                f"backmarket setting {name!r}: {value!r} is not one of {', '.join(values)}"
            )
        checked[name] = value
    return checked

"""The Back Market simulator's settings: where the real API varies, what this simulator does."""

from __future__ import annotations

from simulators.core.settings import Setting, SettingBook

SETTINGS = SettingBook(
    Setting(
        "error_bodies",
        "The body of 400, 403, 404 and 422 answers of the order and orderline operations.",
        {
            "documented": "empty, text/plain, as Back Market's spec documents",
            "descriptive": "the JSON envelope with a code of our own (`invalid-transition`, "
            "`imei-refused`, `E009`...), for people reading the journal",
        },
    ),
    Setting(
        "timestamps",
        "Fractional digits of the dates Back Market writes.",
        {
            "varied": "6, 3 or 0, drawn per field and per order (or orderline) from the seed, "
            "as real responses show",
            "microseconds": "always 6",
            "milliseconds": "always 3",
            "seconds": "none",
        },
    ),
    Setting(
        "prices",
        "How prices are written.",
        {
            "varied": "drawn per field and per order (or orderline) between two decimals "
            '("229.00") and the shortest form with one decimal at least ("229.0"), as the '
            "published samples show",
            "two_decimals": 'always "229.00"',
            "shortest": 'always "229.0"',
        },
    ),
    Setting(
        "rate_limit",
        "What Cloudflare's limit of 200 requests per 10 s counts.",
        {
            "per_address": "requests per client address, as Cloudflare does",
            "per_token": "requests per token",
        },
    ),
)

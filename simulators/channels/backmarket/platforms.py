"""Back Market's platforms (EU, US, AP) and the country codes each serves.

A seller account belongs to one platform; the ``Accept-Language`` country code of a call
names the platform it is served from, and an order is seen only on its country's platform.
"""

from __future__ import annotations

from types import MappingProxyType

#: Back Market's platforms and the country codes each serves (its spec's COUNTRY_CODES).
PLATFORMS = MappingProxyType({
    "EU": frozenset({"fr-fr", "fr-be", "es-es", "de-de", "de-at", "it-it", "en-gb", "nl-nl",
                     "pt-pt", "en-ie", "el-gr", "sk-sk", "sv-se"}),
    "US": frozenset({"en-us"}),
    "AP": frozenset({"ja-jp", "en-au"}),
})  # fmt: skip


def platform_of(country_code: str) -> str | None:
    """The platform (EU, US, AP) serving a country code; None for a code none serves."""
    return next((name for name, codes in PLATFORMS.items() if country_code in codes), None)

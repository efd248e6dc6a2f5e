"""Faker generators per locale, built lazily and seeded, with a stable order of their lists."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from faker import Faker

_PROVIDERS = (
    "faker.providers.person",
    "faker.providers.address",
    "faker.providers.company",
    "faker.providers.internet",
)


def _stable_order(generator: Faker) -> None:
    """Sort the provider lists Faker builds from sets (it_IT ``cities``).

    Their order follows the process's string-hash seed, so without this the same seed gives
    different cities in two processes. Sorted on this generator only, never on the class.
    """
    for provider in generator.providers:
        cities = getattr(provider, "cities", None)
        if isinstance(cities, list):
            provider.cities = sorted(cities)


class LocaleFakers:
    """One seeded Faker over ``locales``, built on first use (Faker costs time to load), and
    its per-locale generators."""

    def __init__(self, seed: int, locales: tuple[str, ...]) -> None:
        self._seed = seed
        self._locales = locales
        self._faker: Faker | None = None
        self._proxies: dict[str, Faker] = {}

    def get(self, locale: str) -> Faker:
        """The generator of ``locale`` (one of the locales given at construction)."""
        proxy = self._proxies.get(locale)
        if proxy is None:
            if self._faker is None:
                from faker import Faker

                # Uniform picks: Faker's weighted name lists cost ~100 us per call. Only the
                # providers used here are loaded: all of them cost ~30 ms per locale at start.
                self._faker = Faker(
                    list(self._locales), providers=list(_PROVIDERS), use_weighting=False
                )
                self._faker.seed_instance(self._seed)
            proxy = self._faker[locale]
            _stable_order(proxy)
            self._proxies[locale] = proxy
        return proxy

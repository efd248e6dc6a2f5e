"""Faker generators per locale, each built on first use and seeded, with a stable order of
their lists."""

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
    """A seeded Faker generator for each of ``locales``, built when an order first needs it.

    Faker costs time to load, per locale (its providers' modules and the search for their
    locales): a factory over fifteen locales whose first orders are French and German pays for
    two. Each generator is what ``Faker(locales)[locale]`` is after ``seed_instance(seed)``,
    a single-locale Faker with its own ``random.Random`` seeded with ``seed``, so building
    them one by one draws exactly what building them all at once drew.
    """

    def __init__(self, seed: int, locales: tuple[str, ...]) -> None:
        self._seed = seed
        self._locales = locales
        self._fakers: dict[str, Faker] = {}

    def get(self, locale: str) -> Faker:
        """The generator of ``locale`` (one of the locales given at construction)."""
        fake = self._fakers.get(locale)
        if fake is None:
            if locale not in self._locales:
                raise KeyError(locale)
            from faker import Faker

            # Uniform picks: Faker's weighted name lists cost ~100 us per call. Only the
            # providers used here are loaded: all of them cost ~30 ms per locale at start.
            fake = Faker(locale, providers=list(_PROVIDERS), use_weighting=False)
            fake.seed_instance(self._seed)
            _stable_order(fake)
            self._fakers[locale] = fake
        return fake

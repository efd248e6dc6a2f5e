"""Faker generators per locale, each built on first use and seeded, with a stable order of
their lists."""

from __future__ import annotations

import weakref
from functools import cache
from importlib import import_module
from importlib.util import find_spec
from typing import TYPE_CHECKING, Any, cast

if TYPE_CHECKING:
    # A generator is typed as Faker's proxy, whose stubs name every provider method: the
    # generator has them all (they are set on it at run time; the proxy hands calls to it).
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


@cache
def _provider(path: str, locale: str) -> tuple[Any, str | None]:
    """The provider class Faker's factory picks for ``locale`` (the provider's default
    locale, else en_US, when it has none of that name), and that locale."""
    module = import_module(path)
    if not getattr(module, "localized", False):
        return module.Provider, None
    if find_spec(f"{path}.{locale}") is None:
        from faker.config import DEFAULT_LOCALE

        locale = getattr(module, "default_locale", "") or DEFAULT_LOCALE
    return import_module(f"{path}.{locale}").Provider, locale


def _generator(locale: str, seed: int) -> Faker:
    """What ``Faker(locale, providers=_PROVIDERS, use_weighting=False)`` generates with, after
    ``seed_instance(seed)``: its generator and the same providers, set up as its factory sets
    them up, without the factory's search for a provider's locales (it lists every locale
    package of each provider for each new locale: most of what a locale cost to set up)."""
    from faker import Generator

    generator = Generator(locale=locale, use_weighting=False)  # type: ignore[arg-type]
    for path in _PROVIDERS:
        provider_class, lang = _provider(path, locale)
        provider = provider_class(generator)
        provider.__use_weighting__ = False
        provider.__provider__ = path
        provider.__lang__ = lang
        generator.add_provider(provider)
    generator.seed_instance(seed)
    return cast("Faker", generator)


def _take_apart(fakers: dict[str, Faker]) -> None:
    """Break the cycles of generators no one can use any more. A Faker generator holds its
    providers' bound methods and each provider holds the generator: left as they are, every
    reset would leave its store's generators (about 120 objects a locale) to the cyclic
    collector, which ``chansim serve`` runs rarely, so an hour of resets grew RSS by ~20 MB."""
    for generator in fakers.values():
        for provider in generator.providers:
            vars(provider).clear()
        vars(generator).clear()
    fakers.clear()


class LocaleFakers:
    """A seeded Faker generator for each of ``locales``, built when an order first needs it.

    Faker costs time to load, per locale (its providers' modules and the search for their
    locales): a factory over fifteen locales whose first orders are French and German pays for
    two. Each generator draws what ``Faker(locales)[locale]`` draws after
    ``seed_instance(seed)``, a single-locale Faker with its own ``random.Random`` seeded with
    ``seed``, so building them one by one draws exactly what building them all at once drew.
    """

    def __init__(self, seed: int, locales: tuple[str, ...]) -> None:
        self._seed = seed
        self._locales = locales
        self._fakers: dict[str, Faker] = {}
        weakref.finalize(self, _take_apart, self._fakers).atexit = False

    def get(self, locale: str) -> Faker:
        """The generator of ``locale`` (one of the locales given at construction)."""
        fake = self._fakers.get(locale)
        if fake is None:
            if locale not in self._locales:
                raise KeyError(locale)
            # Uniform picks: Faker's weighted name lists cost ~100 us per call. Only the
            # providers used here are loaded: all of them cost ~30 ms per locale at start.
            fake = _generator(locale, self._seed)
            _stable_order(fake)
            self._fakers[locale] = fake
        return fake

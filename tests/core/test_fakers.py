"""Faker generators built one locale at a time draw what Faker's multi-locale proxy drew."""

from __future__ import annotations

import pytest
from faker import Faker

from simulators.core.factory.fakers import _PROVIDERS, LocaleFakers, _stable_order
from simulators.core.factory.locales import SUPPORTED_LOCALES

CALLS = ("name", "first_name_female", "last_name_male", "company", "address", "city",
         "postcode", "street_name", "building_number", "email", "user_name")  # fmt: skip


def _draw(fake: Faker, call: str) -> str:
    try:
        return str(getattr(fake, call)())
    except AttributeError as exc:  # a formatter of a provider not loaded (ru_RU's company)
        return f"refused: {exc}"


def _draws(fake: Faker) -> list[str]:
    return [_draw(fake, call) for _ in range(5) for call in CALLS]


@pytest.mark.parametrize("seed", [0, 3])
def test_each_locale_draws_what_the_proxy_over_all_locales_drew(seed):
    proxy = Faker(list(SUPPORTED_LOCALES), providers=list(_PROVIDERS), use_weighting=False)
    proxy.seed_instance(seed)
    fakers = LocaleFakers(seed, SUPPORTED_LOCALES)
    for locale in reversed(SUPPORTED_LOCALES):  # another order of first use
        expected = proxy[locale]
        _stable_order(expected)
        assert _draws(fakers.get(locale)) == _draws(expected), locale


def test_a_locale_is_built_once_and_only_when_asked_for():
    fakers = LocaleFakers(1, SUPPORTED_LOCALES)
    first = fakers.get("fr_FR")
    assert fakers.get("fr_FR") is first
    assert list(fakers._fakers) == ["fr_FR"]
    with pytest.raises(KeyError):
        LocaleFakers(1, ("fr_FR",)).get("de_DE")


def test_each_locale_has_the_providers_fakers_factory_picks():
    """The provider classes and their settings, including a provider without the locale
    (en_GB's company, nl_NL's internet: Faker's default locale then)."""
    fakers = LocaleFakers(0, SUPPORTED_LOCALES)
    for locale in SUPPORTED_LOCALES:
        expected = Faker(locale, providers=list(_PROVIDERS), use_weighting=False)

        def shape(fake: Faker) -> list[tuple[object, ...]]:
            return [
                (type(p), p.__provider__, p.__lang__, p.__use_weighting__) for p in fake.providers
            ]

        assert shape(fakers.get(locale)) == shape(expected), locale

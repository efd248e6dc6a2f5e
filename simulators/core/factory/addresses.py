"""Customer names, addresses, phones and e-mails in each locale's own language and script."""

from __future__ import annotations

import random
from typing import TYPE_CHECKING

from simulators.core.factory.drawing import digits
from simulators.core.factory.locales import _Locale
from simulators.core.factory.model import Address
from simulators.core.factory.transliteration import fold

if TYPE_CHECKING:
    from faker import Faker


def make_address(rng: random.Random, locale: str, spec: _Locale, fake: Faker) -> Address:
    if rng.random() < 0.5:
        first, last = fake.first_name_female(), fake.last_name_female()
    else:
        first, last = fake.first_name_male(), fake.last_name_male()
    if locale == "ja_JP":
        name = f"{last} {first}"
    elif locale == "zh_CN":
        name = f"{last}{first}"
    else:
        name = f"{first} {last}"
    company = fake.company() if rng.random() < 0.08 else ""
    street2 = ""
    want_street2 = rng.random() < spec.street2_rate
    n = rng.randint(1, 12)
    state = ""
    country = spec.country
    if country == "JP":
        street1 = f"{fake.town()}{fake.chome()}{fake.ban()}{fake.gou()}"
        if want_street2:
            street2 = f"{fake.last_name()}{fake.building_name()} {n}0{rng.randint(1, 9)}号室"
        city, state = fake.city(), fake.prefecture()
    elif country == "CN":
        street1 = f"{fake.district()}区{fake.street_address()}"
        if want_street2:
            street2 = f"{n}单元{rng.randint(1, 30)}0{rng.randint(1, 6)}室"
        city, state = fake.city(), fake.province()
    elif country == "RU":
        street1 = fake.street_address()
        if want_street2:
            street2 = f"кв. {rng.randint(1, 240)}"
        city, state = fake.city_name().split(" (")[0], fake.region()
    elif country == "GB":
        street1 = f"{fake.building_number()} {fake.street_name()}"
        if want_street2:
            street2 = fake.secondary_address()
        city = fake.city()
        state = fake.county() if rng.random() < 0.4 else ""
    elif country == "IT":
        street1 = f"{fake.street_name()}, {fake.building_number()}"
        if want_street2:
            street2 = rng.choice((f"Interno {n}", f"Scala {'ABCD'[n % 4]}"))
        city, state = fake.city(), fake.state_abbr()
    else:
        if country == "ES":
            street1 = f"{fake.street_name()}, {rng.randint(1, 150)}"
        else:
            street1 = fake.street_address().replace("\n", ", ").strip()
        if want_street2:
            street2 = _street2(rng, country, n, fake)
        city = fake.city()
        if country == "US":
            state = fake.state_abbr()
        elif country == "ES":
            state = fake.state()
    postal = _postcode(country, rng) if country != "GB" else ""
    postal = postal or fake.postcode()
    phone = spec.calling_code + rng.choice(spec.mobile_prefixes)
    phone += digits(rng, spec.mobile_digits)
    return Address(
        name=name,
        company=company,
        street1=street1,
        street2=street2,
        city=city,
        state=state,
        postal_code=postal,
        country=country,
        phone=phone,
        email=_email(rng, first, last, fake),
        first_name=first,
        last_name=last,
    )


def _street2(rng: random.Random, country: str, n: int, fake: Faker) -> str:
    letter = "ABCDEF"[n % 6]
    if country == "FR":
        return rng.choice((f"Appartement {n}", f"Bâtiment {letter}", f"Escalier {letter}"))
    if country in ("DE", "AT"):
        return rng.choice((f"{n}. OG", "Hinterhaus", f"Wohnung {n}"))
    if country == "US":
        return fake.secondary_address()
    if country == "ES":
        return rng.choice((f"{n}º {letter}", f"Piso {n}, Puerta {n % 4 + 1}"))
    if country == "PT":
        return rng.choice((f"{n}º Esq.", f"{n}º Dto."))
    if country == "PL":
        return f"lok. {n}"
    if country == "SE":
        return f"Lgh {rng.randint(10, 16)}0{rng.randint(1, 4)}"
    if country == "GR":
        return f"{n % 6 + 1}ος όροφος"
    return ""


def _email(rng: random.Random, first: str, last: str, fake: Faker) -> str:
    f, ln = fold(first), fold(last)
    if len(f) < 2 or len(ln) < 2:
        local = fake.user_name()
    else:
        style = rng.randrange(4)
        if style == 0:
            local = f"{f}.{ln}"
        elif style == 1:
            local = f"{f[0]}{ln}"
        elif style == 2:
            local = f"{f}{ln}{rng.randint(1, 99)}"
        else:
            local = f"{f}_{ln}{rng.randint(60, 99)}"
    return f"{local}@{fake.free_email_domain()}"


def _postcode(country: str, rng: random.Random) -> str:
    """A postcode in the country's format ("" when the format is not known here)."""
    r = rng.randint
    if country in ("FR", "ES", "IT"):
        low, high = {"FR": (1, 95), "ES": (1, 52), "IT": (10, 98)}[country]
        return f"{r(low, high):02d}{r(0, 999):03d}"
    if country in ("DE", "US"):
        return f"{r(1067, 99950):05d}"
    if country == "NL":
        return f"{r(1000, 9999)} {''.join(rng.choices('ABCEGHJKLMNPRTVWXZ', k=2))}"
    if country == "PT":
        return f"{r(1000, 9999)}-{r(0, 999):03d}"
    if country == "AT":
        return str(r(1010, 9992))
    if country == "PL":
        return f"{r(0, 99):02d}-{r(0, 999):03d}"
    if country in ("SE", "GR"):
        return f"{r(100, 984 if country == 'SE' else 851)} {r(0, 99):02d}"
    if country == "JP":
        return f"{r(1, 999):03d}-{r(0, 9999):04d}"
    if country == "RU":
        return str(r(101000, 694999))
    if country == "CN":
        return f"{r(10, 85)}{r(0, 9999):04d}"
    return ""

"""Per-locale tables: country, currency, VAT, shipping services, payments, notes and gift
messages, in the locale's language and script."""

# Localized texts are deliberately written in Greek, Cyrillic and CJK scripts.
# ruff: noqa: RUF001

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from types import MappingProxyType


@dataclass(frozen=True)
class _Locale:
    country: str
    currency: str
    language: str
    weight: float
    calling_code: str
    mobile_prefixes: tuple[str, ...]
    mobile_digits: int  # random digits after the prefix
    vat: Decimal  # tax rate included in prices
    shipping: tuple[tuple[str, str, bool], ...]  # (service, price in currency, express)
    payments: tuple[tuple[str, int], ...]  # extra local payment methods and weights
    street2_rate: float


# fmt: off
_SUPPORTED: Mapping[str, _Locale] = MappingProxyType(
    {
        "fr_FR": _Locale(
            "FR", "EUR", "fr", 20, "+33", ("6", "7"), 8, Decimal("0.20"),
            (("Colissimo Domicile", "4.99", False), ("Mondial Relay Point Relais", "3.49", False),
             ("Chronopost Express", "12.90", True)),
            (("PAYPAL", 5),), 0.25,
        ),
        "de_DE": _Locale(
            "DE", "EUR", "de", 16, "+49", ("151", "152", "157", "160", "170", "176"), 8,
            Decimal("0.19"),
            (("DHL Paket", "4.99", False), ("Hermes Paketshop", "3.99", False),
             ("DHL Express", "14.90", True)),
            (("KLARNA", 12),), 0.15,
        ),
        "en_GB": _Locale(
            "GB", "GBP", "en", 12, "+44", ("71", "74", "75", "77", "78", "79"), 8,
            Decimal("0.20"),
            (("Royal Mail Tracked 48", "3.49", False), ("Evri Standard", "2.99", False),
             ("DPD Next Day", "7.99", True)),
            (("KLARNA", 4),), 0.3,
        ),
        "en_US": _Locale(
            "US", "USD", "en", 8, "+1", ("2125", "3125", "4155", "6175", "2066", "5127", "7026"),
            6, Decimal("0.0725"),
            (("USPS Ground Advantage", "5.99", False), ("UPS Ground", "7.99", False),
             ("FedEx 2Day", "19.99", True)),
            (("APPLE_PAY", 8), ("AFFIRM", 4)), 0.3,
        ),
        "es_ES": _Locale(
            "ES", "EUR", "es", 10, "+34", ("6", "7"), 8, Decimal("0.21"),
            (("Correos Paq Estándar", "4.95", False), ("SEUR Punto Pack", "3.95", False),
             ("SEUR 24", "8.95", True)),
            (("BIZUM", 10),), 0.45,
        ),
        "it_IT": _Locale(
            "IT", "EUR", "it", 10, "+39", ("320", "333", "338", "347", "349", "366"), 7,
            Decimal("0.22"),
            (("Poste Italiane Crono", "5.90", False), ("BRT Fermopoint", "3.90", False),
             ("GLS Express", "9.90", True)),
            (("SATISPAY", 5),), 0.3,
        ),
        "nl_NL": _Locale(
            "NL", "EUR", "nl", 7, "+31", ("6",), 8, Decimal("0.21"),
            (("PostNL Standaard", "4.95", False), ("DHL Parcel Servicepunt", "3.95", False),
             ("DHL Express", "12.95", True)),
            (("IDEAL", 35),), 0.05,
        ),
        "pt_PT": _Locale(
            "PT", "EUR", "pt", 3, "+351", ("91", "92", "93", "96"), 7, Decimal("0.23"),
            (("CTT Expresso 48h", "4.50", False), ("DPD Pickup", "3.90", False),
             ("CTT Expresso 10h", "8.90", True)),
            (("MB_WAY", 12),), 0.5,
        ),
        "de_AT": _Locale(
            "AT", "EUR", "de", 3, "+43", ("650", "660", "664", "676", "699"), 7,
            Decimal("0.20"),
            (("Österreichische Post Paket", "5.49", False), ("DPD Classic", "4.99", False),
             ("DHL Express", "15.90", True)),
            (("KLARNA", 12), ("EPS", 6)), 0.3,
        ),
        "pl_PL": _Locale(
            "PL", "PLN", "pl", 3, "+48", ("50", "51", "53", "60", "66", "69", "72", "78"), 7,
            Decimal("0.23"),
            (("InPost Paczkomat", "12.99", False), ("DPD Kurier", "16.99", False),
             ("DHL Express", "49.00", True)),
            (("BLIK", 35),), 0.3,
        ),
        "sv_SE": _Locale(
            "SE", "SEK", "sv", 2, "+46", ("70", "72", "73", "76", "79"), 7, Decimal("0.25"),
            (("PostNord MyPack Collect", "59.00", False), ("DHL Service Point", "49.00", False),
             ("DHL Express", "149.00", True)),
            (("KLARNA", 25), ("SWISH", 15)), 0.3,
        ),
        "el_GR": _Locale(
            "GR", "EUR", "el", 3, "+30", ("690", "693", "694", "695", "697", "698", "699"), 7,
            Decimal("0.24"),
            (("ELTA Courier", "3.90", False), ("ACS Courier", "4.50", False),
             ("ACS Express", "8.90", True)),
            (("CASH_ON_DELIVERY", 10),), 0.4,
        ),
        "ja_JP": _Locale(
            "JP", "JPY", "ja", 2, "+81", ("70", "80", "90"), 8, Decimal("0.10"),
            (("Yamato TA-Q-BIN", "800", False), ("Japan Post Yu-Pack", "700", False),
             ("Yamato TA-Q-BIN Time Service", "1800", True)),
            (("KONBINI", 10), ("PAYPAY", 12)), 0.45,
        ),
        "ru_RU": _Locale(
            "RU", "RUB", "ru", 1.5, "+7", ("91", "92", "95", "96", "98"), 8, Decimal("0.20"),
            (("Russian Post Parcel", "390", False), ("CDEK Pickup Point", "290", False),
             ("CDEK Express", "690", True)),
            (("SBP", 20),), 0.8,
        ),
        "zh_CN": _Locale(
            "CN", "CNY", "zh", 1.5, "+86", ("13", "15", "17", "18", "19"), 9, Decimal("0.13"),
            (("ZTO Express", "8.00", False), ("China Post EMS", "18.00", False),
             ("SF Express", "23.00", True)),
            (("ALIPAY", 40), ("WECHAT_PAY", 35)), 0.6,
        ),
    }
)
# fmt: on

SUPPORTED_LOCALES: tuple[str, ...] = tuple(_SUPPORTED)

DEFAULT_LOCALES: tuple[str, ...] = SUPPORTED_LOCALES

_BASE_PAYMENTS: tuple[tuple[str, int], ...] = (
    ("CARD", 50),
    ("PAYPAL", 22),
    ("APPLE_PAY", 10),
    ("GOOGLE_PAY", 5),
    ("BANK_TRANSFER", 2),
)
_DELAYED_PAYMENTS = frozenset({"BANK_TRANSFER", "KONBINI", "CASH_ON_DELIVERY"})

_NOTES: Mapping[str, tuple[str, ...]] = MappingProxyType(
    {
        "fr": (
            "Merci de laisser le colis devant la porte.",
            "Livraison après 18h si possible.",
            "En cas d'absence, déposer chez le voisin.",
        ),
        "de": (
            "Bitte vor der Haustür abstellen.",
            "Bitte beim Nachbarn abgeben.",
            "Lieferung bitte nach 17 Uhr.",
        ),
        "en": (
            "Please leave at the door.",
            "If nobody is home, leave with a neighbour.",
            "Please call on arrival.",
        ),
        "es": (
            "Por favor, dejen el paquete en la puerta.",
            "Si no estoy, entregar al portero.",
            "Llamar antes de la entrega.",
        ),
        "it": (
            "Per favore lasciate il pacco davanti alla porta.",
            "Se non ci sono, consegnare al portiere.",
            "Chiamare prima della consegna.",
        ),
        "nl": (
            "Graag bij de voordeur achterlaten.",
            "Bij afwezigheid bij de buren afgeven.",
            "Graag bellen bij aankomst.",
        ),
        "pt": (
            "Por favor deixem a encomenda à porta.",
            "Se não estiver ninguém, entregar ao vizinho.",
            "Ligar antes da entrega.",
        ),
        "pl": (
            "Proszę zostawić paczkę pod drzwiami.",
            "W razie nieobecności proszę zostawić u sąsiada.",
            "Proszę zadzwonić przed dostawą.",
        ),
        "sv": (
            "Lämna paketet utanför dörren.",
            "Om ingen är hemma, lämna hos grannen.",
            "Ring vid ankomst.",
        ),
        "el": (
            "Παρακαλώ αφήστε το δέμα στην πόρτα.",
            "Αν δεν είμαι σπίτι, αφήστε το στον γείτονα.",
            "Παρακαλώ τηλεφωνήστε πριν την παράδοση.",
        ),
        "ja": (
            "置き配を希望します。",
            "不在の場合は宅配ボックスに入れてください。",
            "配達前にお電話ください。",
        ),
        "ru": (
            "Пожалуйста, оставьте посылку у двери.",
            "Если меня нет дома, оставьте у соседей.",
            "Позвоните перед доставкой.",
        ),
        "zh": ("请放在门口。", "如果家里没人，请放在快递柜。", "送货前请先打电话。"),
    }
)

_GIFT_MESSAGES: Mapping[str, tuple[str, ...]] = MappingProxyType(
    {
        "fr": (
            "Joyeux anniversaire !",
            "Joyeux Noël, avec tout mon amour.",
            "Félicitations pour ton diplôme !",
        ),
        "de": (
            "Alles Gute zum Geburtstag!",
            "Frohe Weihnachten!",
            "Herzlichen Glückwunsch zum Abschluss!",
        ),
        "en": (
            "Happy birthday!",
            "Merry Christmas, with love.",
            "Congratulations on your graduation!",
        ),
        "es": ("¡Feliz cumpleaños!", "¡Feliz Navidad!", "¡Enhorabuena por tu graduación!"),
        "it": ("Buon compleanno!", "Buon Natale!", "Congratulazioni per la laurea!"),
        "nl": (
            "Gefeliciteerd met je verjaardag!",
            "Fijne feestdagen!",
            "Gefeliciteerd met je diploma!",
        ),
        "pt": ("Feliz aniversário!", "Feliz Natal!", "Parabéns pela formatura!"),
        "pl": (
            "Wszystkiego najlepszego z okazji urodzin!",
            "Wesołych Świąt!",
            "Gratulacje z okazji obrony!",
        ),
        "sv": ("Grattis på födelsedagen!", "God jul!", "Grattis till examen!"),
        "el": ("Χρόνια πολλά!", "Καλά Χριστούγεννα!", "Συγχαρητήρια για το πτυχίο σου!"),
        "ja": ("お誕生日おめでとう！", "メリークリスマス！", "卒業おめでとう！"),
        "ru": ("С днём рождения!", "С Новым годом!", "Поздравляю с окончанием учёбы!"),
        "zh": ("生日快乐！", "新年快乐！", "祝贺你毕业！"),
    }
)

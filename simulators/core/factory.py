"""Seeded, channel-neutral generator of realistic e-commerce orders.

:class:`OrderFactory` turns a seed and a caller-supplied "now" into :class:`OrderDraft` values:
customers and addresses drawn from a locale-specific Faker (so a ``ja_JP`` order has a Japanese
name and city, an ``el_GR`` one Greek script, ...), refurbished-electronics order lines with
options, weights and stock locations, shipping, tax, discounts, gift messages and notes. Channel
simulators map drafts onto their own wire formats; this module knows about no channel.

Determinism: every random choice comes from a :class:`random.Random` and a :class:`faker.Faker`
owned and seeded by the factory instance, so two factories with the same seed and the same ``now``
produce identical sequences. The wall clock is never read; there is no module-level mutable state.
"""

# Localized texts are deliberately written in Greek, Cyrillic and CJK scripts.
# ruff: noqa: RUF001

from __future__ import annotations

import random
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from types import MappingProxyType
from typing import TYPE_CHECKING, TypedDict, Unpack

if TYPE_CHECKING:
    from faker import Faker

__all__ = [
    "CATEGORIES",
    "DEFAULT_LOCALES",
    "SUPPORTED_LOCALES",
    "Address",
    "Discount",
    "DraftOptions",
    "LineOption",
    "OrderDraft",
    "OrderFactory",
    "OrderLine",
]

CATEGORIES: tuple[str, ...] = (
    "smartphone",
    "tablet",
    "laptop",
    "smartwatch",
    "headphones",
    "console",
    "accessory",
)

_CENT = Decimal("0.01")
_ZERO = Decimal("0.00")


# --------------------------------------------------------------------------- public data types


@dataclass(frozen=True)
class Address:
    """A postal address with contact details, written in the locale's script."""

    name: str
    company: str
    street1: str
    street2: str
    city: str
    state: str
    postal_code: str
    country: str
    phone: str
    email: str
    first_name: str
    last_name: str


@dataclass(frozen=True)
class LineOption:
    """One product option of an order line, e.g. ``Colour: Midnight``."""

    name: str
    value: str


@dataclass(frozen=True)
class OrderLine:
    """One product line of an order; prices are per unit, tax included."""

    sku: str
    name: str
    quantity: int
    unit_price: Decimal
    weight_grams: int
    category: str
    options: tuple[LineOption, ...]
    stock_location: str
    image_url: str


@dataclass(frozen=True)
class Discount:
    """A coupon applied to the order, as a positive amount off the total."""

    code: str
    amount: Decimal


@dataclass(frozen=True)
class OrderDraft:
    """A channel-neutral order, ready to be rendered in a channel's wire format."""

    placed_at: datetime
    paid_at: datetime
    currency: str
    locale: str
    customer_email: str
    customer_phone: str
    bill_to: Address
    ship_to: Address | None
    lines: tuple[OrderLine, ...]
    shipping_service: str
    shipping_amount: Decimal
    tax_amount: Decimal
    payment_method: str
    discounts: tuple[Discount, ...]
    gift: bool
    gift_message: str
    customer_notes: str
    internal_notes: str

    def subtotal(self) -> Decimal:
        """Sum of ``unit_price * quantity`` over the lines, 2 dp."""
        return sum((ln.unit_price * ln.quantity for ln in self.lines), _ZERO).quantize(_CENT)

    def total(self) -> Decimal:
        """Amount paid: lines subtotal plus shipping minus discounts, 2 dp."""
        off = sum((d.amount for d in self.discounts), _ZERO)
        return (self.subtotal() + self.shipping_amount - off).quantize(_CENT)

    def weight_grams(self) -> int:
        """Total product weight of the order in grams."""
        return sum(ln.weight_grams * ln.quantity for ln in self.lines)


class DraftOptions(TypedDict, total=False):
    """Keyword options accepted by :meth:`OrderFactory.draft` (for :meth:`OrderFactory.drafts`)."""

    ship_to: bool
    lines: int | None
    category: str | None
    single_unit: bool
    max_age: timedelta


# --------------------------------------------------------------------------- locale tables


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
    keyboard: str
    shipping: tuple[tuple[str, str, bool], ...]  # (service, price in currency, express)
    payments: tuple[tuple[str, int], ...]  # extra local payment methods and weights
    street2_rate: float


# fmt: off
_SUPPORTED: Mapping[str, _Locale] = MappingProxyType(
    {
        "fr_FR": _Locale(
            "FR", "EUR", "fr", 20, "+33", ("6", "7"), 8, Decimal("0.20"), "AZERTY (FR)",
            (("Colissimo Domicile", "4.99", False), ("Mondial Relay Point Relais", "3.49", False),
             ("Chronopost Express", "12.90", True)),
            (("PAYPAL", 5),), 0.25,
        ),
        "de_DE": _Locale(
            "DE", "EUR", "de", 16, "+49", ("151", "152", "157", "160", "170", "176"), 8,
            Decimal("0.19"), "QWERTZ (DE)",
            (("DHL Paket", "4.99", False), ("Hermes Paketshop", "3.99", False),
             ("DHL Express", "14.90", True)),
            (("KLARNA", 12),), 0.15,
        ),
        "en_GB": _Locale(
            "GB", "GBP", "en", 12, "+44", ("71", "74", "75", "77", "78", "79"), 8,
            Decimal("0.20"), "QWERTY (UK)",
            (("Royal Mail Tracked 48", "3.49", False), ("Evri Standard", "2.99", False),
             ("DPD Next Day", "7.99", True)),
            (("KLARNA", 4),), 0.3,
        ),
        "en_US": _Locale(
            "US", "USD", "en", 8, "+1", ("2125", "3125", "4155", "6175", "2066", "5127", "7026"),
            6, Decimal("0.0725"), "QWERTY (US)",
            (("USPS Ground Advantage", "5.99", False), ("UPS Ground", "7.99", False),
             ("FedEx 2Day", "19.99", True)),
            (("APPLE_PAY", 8), ("AFFIRM", 4)), 0.3,
        ),
        "es_ES": _Locale(
            "ES", "EUR", "es", 10, "+34", ("6", "7"), 8, Decimal("0.21"), "QWERTY (ES)",
            (("Correos Paq Estándar", "4.95", False), ("SEUR Punto Pack", "3.95", False),
             ("SEUR 24", "8.95", True)),
            (("BIZUM", 10),), 0.45,
        ),
        "it_IT": _Locale(
            "IT", "EUR", "it", 10, "+39", ("320", "333", "338", "347", "349", "366"), 7,
            Decimal("0.22"), "QWERTY (IT)",
            (("Poste Italiane Crono", "5.90", False), ("BRT Fermopoint", "3.90", False),
             ("GLS Express", "9.90", True)),
            (("SATISPAY", 5),), 0.3,
        ),
        "nl_NL": _Locale(
            "NL", "EUR", "nl", 7, "+31", ("6",), 8, Decimal("0.21"), "QWERTY (US International)",
            (("PostNL Standaard", "4.95", False), ("DHL Parcel Servicepunt", "3.95", False),
             ("DHL Express", "12.95", True)),
            (("IDEAL", 35),), 0.05,
        ),
        "pt_PT": _Locale(
            "PT", "EUR", "pt", 3, "+351", ("91", "92", "93", "96"), 7, Decimal("0.23"),
            "QWERTY (PT)",
            (("CTT Expresso 48h", "4.50", False), ("DPD Pickup", "3.90", False),
             ("CTT Expresso 10h", "8.90", True)),
            (("MB_WAY", 12),), 0.5,
        ),
        "de_AT": _Locale(
            "AT", "EUR", "de", 3, "+43", ("650", "660", "664", "676", "699"), 7,
            Decimal("0.20"), "QWERTZ (DE)",
            (("Österreichische Post Paket", "5.49", False), ("DPD Classic", "4.99", False),
             ("DHL Express", "15.90", True)),
            (("KLARNA", 12), ("EPS", 6)), 0.3,
        ),
        "pl_PL": _Locale(
            "PL", "PLN", "pl", 3, "+48", ("50", "51", "53", "60", "66", "69", "72", "78"), 7,
            Decimal("0.23"), "QWERTY (PL)",
            (("InPost Paczkomat", "12.99", False), ("DPD Kurier", "16.99", False),
             ("DHL Express", "49.00", True)),
            (("BLIK", 35),), 0.3,
        ),
        "sv_SE": _Locale(
            "SE", "SEK", "sv", 2, "+46", ("70", "72", "73", "76", "79"), 7, Decimal("0.25"),
            "QWERTY (Nordic)",
            (("PostNord MyPack Collect", "59.00", False), ("DHL Service Point", "49.00", False),
             ("DHL Express", "149.00", True)),
            (("KLARNA", 25), ("SWISH", 15)), 0.3,
        ),
        "el_GR": _Locale(
            "GR", "EUR", "el", 3, "+30", ("690", "693", "694", "695", "697", "698", "699"), 7,
            Decimal("0.24"), "QWERTY (GR)",
            (("ELTA Courier", "3.90", False), ("ACS Courier", "4.50", False),
             ("ACS Express", "8.90", True)),
            (("CASH_ON_DELIVERY", 10),), 0.4,
        ),
        "ja_JP": _Locale(
            "JP", "JPY", "ja", 2, "+81", ("70", "80", "90"), 8, Decimal("0.10"), "JIS (JP)",
            (("Yamato TA-Q-BIN", "800", False), ("Japan Post Yu-Pack", "700", False),
             ("Yamato TA-Q-BIN Time Service", "1800", True)),
            (("KONBINI", 10), ("PAYPAY", 12)), 0.45,
        ),
        "ru_RU": _Locale(
            "RU", "RUB", "ru", 1.5, "+7", ("91", "92", "95", "96", "98"), 8, Decimal("0.20"),
            "ЙЦУКЕН (RU)",
            (("Russian Post Parcel", "390", False), ("CDEK Pickup Point", "290", False),
             ("CDEK Express", "690", True)),
            (("SBP", 20),), 0.8,
        ),
        "zh_CN": _Locale(
            "CN", "CNY", "zh", 1.5, "+86", ("13", "15", "17", "18", "19"), 9, Decimal("0.13"),
            "QWERTY (US)",
            (("ZTO Express", "8.00", False), ("China Post EMS", "18.00", False),
             ("SF Express", "23.00", True)),
            (("ALIPAY", 40), ("WECHAT_PAY", 35)), 0.6,
        ),
    }
)
# fmt: on

SUPPORTED_LOCALES: tuple[str, ...] = tuple(_SUPPORTED)

DEFAULT_LOCALES: tuple[str, ...] = SUPPORTED_LOCALES

# Units of each currency per euro (catalogue prices are kept in EUR).
_RATES: Mapping[str, float] = MappingProxyType(
    {
        "EUR": 1.0,
        "GBP": 0.86,
        "USD": 1.08,
        "PLN": 4.3,
        "SEK": 11.4,
        "JPY": 160.0,
        "RUB": 98.0,
        "CNY": 7.8,
    }
)
_WHOLE_UNIT_CURRENCIES = frozenset({"JPY", "RUB"})

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

_INTERNAL_NOTES: tuple[str, ...] = (
    "Check battery health before dispatch.",
    "Fraud check: manual review passed.",
    "Customer called about the delivery date.",
    "Repack in a neutral box.",
)

_COUPONS_PERCENT: tuple[tuple[str, int], ...] = (
    ("WELCOME10", 10),
    ("SAVE15", 15),
    ("STUDENT5", 5),
    ("NEWSLETTER10", 10),
)
_COUPONS_FIXED: tuple[tuple[str, int], ...] = (("TAKE20", 20), ("REFURB30", 30), ("GREEN10", 10))

# Transliteration used to derive e-mail addresses from names.
_FOLD_FROM = "łßøæœđабвгдеёжзийклмнопрстуфхцчшщъыьэюяαβγδεζηθικλμνξοπρσςτυφχψω"
# fmt: off
_FOLD_TO: tuple[str, ...] = (
    "l", "ss", "o", "ae", "oe", "d",
    "a", "b", "v", "g", "d", "e", "e", "zh", "z", "i", "y", "k", "l", "m", "n", "o", "p", "r",
    "s", "t", "u", "f", "kh", "ts", "ch", "sh", "shch", "", "y", "", "e", "yu", "ya",
    "a", "v", "g", "d", "e", "z", "i", "th", "i", "k", "l", "m", "n", "x", "o", "p", "r", "s",
    "s", "t", "y", "f", "ch", "ps", "o",
)
# fmt: on
_FOLD: Mapping[int, str] = MappingProxyType(
    {ord(k): v for k, v in zip(_FOLD_FROM, _FOLD_TO, strict=True)}
)

_SERIAL_ALPHABET = "0123456789ABCDEFGHJKLMNPQRSTUVWXYZ"
_SERIAL_PREFIXES: tuple[str, ...] = ("C02", "C07", "F17", "F4G", "DNP", "DX3", "G6T", "FVF", "DMP")

# --------------------------------------------------------------------------- catalogue


@dataclass(frozen=True)
class _Model:
    code: str
    name: str
    category: str
    price_eur: int
    weight: int
    storages: tuple[int, ...]  # GB, () when not applicable
    colours: tuple[str, ...]


def _m(
    code: str,
    name: str,
    cat: str,
    price: int,
    weight: int,
    storages: tuple[int, ...],
    colours: tuple[str, ...],
) -> _Model:
    return _Model(code, name, cat, price, weight, storages, colours)


# fmt: off
_CATALOGUE: tuple[_Model, ...] = (
    _m("IP12", "iPhone 12", "smartphone", 300, 164, (64, 128, 256),
       ("Black", "White", "Blue", "Green", "Purple")),
    _m("IP13", "iPhone 13", "smartphone", 420, 174, (128, 256, 512),
       ("Midnight", "Starlight", "Blue", "Pink", "(PRODUCT)RED")),
    _m("IP14P", "iPhone 14 Pro", "smartphone", 690, 206, (128, 256, 512, 1024),
       ("Space Black", "Silver", "Gold", "Deep Purple")),
    _m("IP15", "iPhone 15", "smartphone", 590, 171, (128, 256, 512),
       ("Black", "Blue", "Green", "Yellow", "Pink")),
    _m("IPSE3", "iPhone SE (2022)", "smartphone", 210, 144, (64, 128, 256),
       ("Midnight", "Starlight", "(PRODUCT)RED")),
    _m("GS23", "Galaxy S23", "smartphone", 480, 168, (128, 256),
       ("Phantom Black", "Cream", "Green", "Lavender")),
    _m("GS21FE", "Galaxy S21 FE 5G", "smartphone", 250, 177, (128, 256),
       ("Graphite", "Olive", "Lavender", "White")),
    _m("GA54", "Galaxy A54 5G", "smartphone", 230, 202, (128, 256),
       ("Awesome Graphite", "Awesome Lime", "Awesome Violet")),
    _m("PX7", "Pixel 7", "smartphone", 310, 197, (128, 256), ("Obsidian", "Snow", "Lemongrass")),
    _m("PX8P", "Pixel 8 Pro", "smartphone", 610, 213, (128, 256, 512),
       ("Obsidian", "Porcelain", "Bay")),
    _m("X13T", "Xiaomi 13T", "smartphone", 330, 197, (256,),
       ("Black", "Alpine Blue", "Meadow Green")),
    _m("IPAD9", "iPad (9th generation) Wi-Fi", "tablet", 250, 487, (64, 256),
       ("Space Grey", "Silver")),
    _m("IPADAIR5", "iPad Air (5th generation) Wi-Fi", "tablet", 480, 461, (64, 256),
       ("Space Grey", "Starlight", "Pink", "Purple", "Blue")),
    _m("IPADPRO11", "iPad Pro 11 (2021) Wi-Fi", "tablet", 620, 466, (128, 256, 512, 1024),
       ("Space Grey", "Silver")),
    _m("GTABS8", "Galaxy Tab S8", "tablet", 450, 503, (128, 256),
       ("Graphite", "Silver", "Pink Gold")),
    _m("GTABA8", "Galaxy Tab A8", "tablet", 150, 508, (32, 64), ("Grey", "Silver", "Pink Gold")),
    _m("MBA13M1", "MacBook Air 13 (2020) M1", "laptop", 560, 1290, (256, 512),
       ("Space Grey", "Silver", "Gold")),
    _m("MBA13M2", "MacBook Air 13 (2022) M2", "laptop", 820, 1240, (256, 512, 1024),
       ("Midnight", "Starlight", "Space Grey", "Silver")),
    _m("MBP14", "MacBook Pro 14 (2021) M1 Pro", "laptop", 1250, 1600, (512, 1024),
       ("Space Grey", "Silver")),
    _m("XPS13", "Dell XPS 13 9310", "laptop", 620, 1270, (256, 512), ("Platinum Silver",)),
    _m("TPT14", "Lenovo ThinkPad T14 Gen 2", "laptop", 480, 1460, (256, 512), ("Black",)),
    _m("SURFL4", "Microsoft Surface Laptop 4 13.5", "laptop", 600, 1270, (256, 512),
       ("Platinum", "Matte Black")),
    _m("HP840", "HP EliteBook 840 G7", "laptop", 420, 1340, (256, 512), ("Silver",)),
    _m("LEG5P", "Lenovo Legion 5 Pro", "laptop", 950, 2450, (512, 1024), ("Storm Grey",)),
    _m("AW7", "Apple Watch Series 7 GPS", "smartwatch", 210, 32, (),
       ("Midnight", "Starlight", "Green", "Blue")),
    _m("AW8C", "Apple Watch Series 8 GPS + Cellular", "smartwatch", 330, 39, (),
       ("Midnight", "Silver", "Gold")),
    _m("AWSE2", "Apple Watch SE (2022) GPS", "smartwatch", 170, 27, (),
       ("Midnight", "Starlight", "Silver")),
    _m("GW5", "Galaxy Watch5", "smartwatch", 150, 33, (), ("Graphite", "Silver", "Sapphire")),
    _m("PXW", "Pixel Watch", "smartwatch", 190, 36, (), ("Matte Black", "Polished Silver")),
    _m("APP2", "AirPods Pro (2nd generation)", "headphones", 180, 56, (), ("White",)),
    _m("AP3", "AirPods (3rd generation)", "headphones", 120, 42, (), ("White",)),
    _m("APMAX", "AirPods Max", "headphones", 380, 385, (),
       ("Space Grey", "Silver", "Sky Blue", "Pink", "Green")),
    _m("WH1000XM4", "Sony WH-1000XM4", "headphones", 190, 254, (),
       ("Black", "Silver", "Midnight Blue")),
    _m("QC45", "Bose QuietComfort 45", "headphones", 180, 240, (), ("Black", "White Smoke")),
    _m("GBP2", "Galaxy Buds2 Pro", "headphones", 110, 50, (),
       ("Graphite", "White", "Bora Purple")),
    _m("PS5", "PlayStation 5 Standard Edition", "console", 390, 4500, (825,), ("White",)),
    _m("PS5D", "PlayStation 5 Digital Edition", "console", 330, 3900, (825,), ("White",)),
    _m("NSWOLED", "Nintendo Switch OLED", "console", 270, 420, (64,),
       ("White", "Neon Red/Neon Blue")),
    _m("NSWLITE", "Nintendo Switch Lite", "console", 150, 275, (32,),
       ("Turquoise", "Coral", "Yellow", "Grey")),
    _m("XSX", "Xbox Series X", "console", 400, 4450, (1024,), ("Carbon Black",)),
    _m("XSS", "Xbox Series S", "console", 220, 1930, (512,), ("Robot White",)),
    _m("USBC20W", "USB-C Power Adapter 20W", "accessory", 15, 60, (), ("White",)),
    _m("CBLUCL1M", "USB-C to Lightning Cable (1 m)", "accessory", 12, 30, (), ("White",)),
    _m("CASESIL", "Silicone Case with MagSafe", "accessory", 25, 30, (),
       ("Midnight", "Clay", "Sunglow", "Storm Blue", "Guava")),
    _m("SCREENGL", "Tempered Glass Screen Protector", "accessory", 9, 20, (), ()),
    _m("MAGSAFE", "MagSafe Charger", "accessory", 30, 70, (), ()),
    _m("GAN65", "65W GaN Charger", "accessory", 35, 140, (), ("Black", "White")),
    _m("DSCTRL", "DualSense Wireless Controller", "accessory", 55, 280, (),
       ("White", "Midnight Black", "Cosmic Red")),
    _m("SLEEVE13", "Laptop Sleeve 13-14 in", "accessory", 20, 220, (), ("Grey", "Navy")),
)
# fmt: on

_BY_CATEGORY: Mapping[str, tuple[_Model, ...]] = MappingProxyType(
    {c: tuple(m for m in _CATALOGUE if m.category == c) for c in CATEGORIES}
)
_SKU_PREFIX: Mapping[str, str] = MappingProxyType(
    {
        "smartphone": "SP",
        "tablet": "TB",
        "laptop": "LT",
        "smartwatch": "SW",
        "headphones": "HP",
        "console": "CN",
        "accessory": "AC",
    }
)
_FIRST_LINE_CUM: tuple[float, ...] = (45, 57, 71, 79, 89, 97, 100)
_OTHER_LINE_CUM: tuple[float, ...] = (20, 26, 30, 36, 51, 55, 100)
_LINE_COUNT_CUM: tuple[float, ...] = (62, 86, 96, 100)
_GRADES: tuple[tuple[str, str, float], ...] = (
    ("Excellent", "A", 1.0),
    ("Very good", "B", 0.93),
    ("Good", "C", 0.86),
    ("Fair", "D", 0.8),
)
_GRADE_CUM: tuple[float, ...] = (35, 75, 95, 100)
_QUANTITY_CUM: Mapping[str, tuple[float, ...]] = MappingProxyType(
    {"accessory": (70, 90, 100), "headphones": (88, 98, 100)}
)
_DEFAULT_QUANTITY_CUM: tuple[float, ...] = (93, 99, 100)


def _storage_label(gb: int) -> str:
    return f"{gb // 1024} TB" if gb >= 1024 and gb % 1024 == 0 else f"{gb} GB"


def _code(text: str) -> str:
    words = "".join(c if c.isalnum() else " " for c in text).split()
    if len(words) == 1:
        return words[0][:3].upper()
    return "".join(w[0] for w in words).upper()


def _digits(rng: random.Random, n: int) -> str:
    return "".join(rng.choices("0123456789", k=n))


def _fold(text: str) -> str:
    """Lower-case ASCII letters and digits of ``text`` (Latin folded, Greek/Cyrillic romanized)."""
    decomposed = unicodedata.normalize("NFKD", text.lower()).translate(_FOLD)
    return "".join(c for c in decomposed if c.isascii() and c.isalnum())


# --------------------------------------------------------------------------- the factory


class OrderFactory:
    """Seeded generator of channel-neutral :class:`OrderDraft` values."""

    def __init__(self, seed: int, *, locales: Sequence[str] = DEFAULT_LOCALES) -> None:
        """Create a factory whose whole output is determined by ``seed`` (and ``now``)."""
        chosen = tuple(dict.fromkeys(loc.replace("-", "_") for loc in locales))
        if not chosen:
            raise ValueError("at least one locale is required")
        unknown = [loc for loc in chosen if loc not in _SUPPORTED]
        if unknown:
            raise ValueError(f"unsupported locale(s) {unknown}; supported: {SUPPORTED_LOCALES}")
        self._seed = seed
        self._locales = chosen
        self._locale_cum: tuple[float, ...] = tuple(
            sum(_SUPPORTED[loc].weight for loc in chosen[: i + 1]) for i in range(len(chosen))
        )
        self._rng = random.Random(seed)
        # Identifiers get their own stream so that imei()/serial_number() calls do not shift
        # the sequence of drafts.
        self._id_rng = random.Random(f"chansim-factory-ids:{seed}")
        self._faker: Faker | None = None
        self._proxies: dict[str, Faker] = {}

    @property
    def seed(self) -> int:
        """The seed this factory was created with."""
        return self._seed

    @property
    def locales(self) -> tuple[str, ...]:
        """The Faker locales orders are drawn from."""
        return self._locales

    # ----------------------------------------------------------------- faker (built lazily)

    def _fake(self, locale: str) -> Faker:
        proxy = self._proxies.get(locale)
        if proxy is None:
            if self._faker is None:
                from faker import Faker

                # Uniform picks: Faker's weighted name lists cost ~100 us per call.
                self._faker = Faker(list(self._locales), use_weighting=False)
                self._faker.seed_instance(self._seed)
            proxy = self._faker[locale]
            self._proxies[locale] = proxy
        return proxy

    # ----------------------------------------------------------------- public API

    def draft(
        self,
        now: datetime,
        *,
        ship_to: bool = True,
        lines: int | None = None,
        category: str | None = None,
        single_unit: bool = False,
        max_age: timedelta = timedelta(days=3),
    ) -> OrderDraft:
        """Generate the next order, placed within ``max_age`` before the aware datetime ``now``."""
        if now.tzinfo is None or now.utcoffset() is None:
            raise ValueError("now must be a timezone-aware datetime")
        if max_age < timedelta(0):
            raise ValueError("max_age must not be negative")
        if category is not None and category not in CATEGORIES:
            raise ValueError(f"unknown category {category!r}; expected one of {CATEGORIES}")
        if lines is not None and not 1 <= lines <= 4:
            raise ValueError("lines must be between 1 and 4")
        if single_unit:
            if lines not in (None, 1):
                raise ValueError("single_unit orders have exactly one line")
            lines = 1
            category = category or "smartphone"
        now = now.astimezone(UTC)
        rng = self._rng

        locale = rng.choices(self._locales, cum_weights=self._locale_cum)[0]
        spec = _SUPPORTED[locale]
        fake = self._fake(locale)

        placed_at = self._placed_at(now, max_age)
        bill_to = self._address(locale, spec, fake)
        gift = rng.random() < 0.125
        ship: Address | None = None
        if ship_to:
            other = rng.random() < (0.5 if gift else 0.12)
            ship = self._address(locale, spec, fake) if other else bill_to

        count = lines if lines is not None else 1 + _pick_index(rng, _LINE_COUNT_CUM)
        order_lines = self._lines(spec, count, category, single_unit)
        subtotal = sum((ln.unit_price * ln.quantity for ln in order_lines), _ZERO)

        service, shipping = self._shipping(spec, subtotal)
        discounts = self._discounts(spec, subtotal, shipping)
        total = subtotal + shipping - sum((d.amount for d in discounts), _ZERO)
        tax = _money(total * spec.vat / (1 + spec.vat), spec.currency)

        payment = _pick_weighted(rng, _BASE_PAYMENTS + spec.payments)
        if payment in _DELAYED_PAYMENTS:
            delay = timedelta(seconds=rng.randint(3600, 2 * 86400))
        else:
            delay = timedelta(seconds=rng.randint(0, 180))
        paid_at = min(placed_at + delay, now)

        gift_message = ""
        if gift:
            gift_message = rng.choice(_GIFT_MESSAGES[spec.language])
            by_name = spec.language not in ("ja", "zh")
            if by_name and ship is not None and ship is not bill_to and rng.random() < 0.5:
                gift_message = f"{ship.first_name}, {gift_message}"
        notes = rng.choice(_NOTES[spec.language]) if rng.random() < 0.18 else ""
        internal = rng.choice(_INTERNAL_NOTES) if rng.random() < 0.05 else ""

        return OrderDraft(
            placed_at=placed_at,
            paid_at=paid_at,
            currency=spec.currency,
            locale=locale,
            customer_email=bill_to.email,
            customer_phone=bill_to.phone,
            bill_to=bill_to,
            ship_to=ship,
            lines=order_lines,
            shipping_service=service,
            shipping_amount=shipping,
            tax_amount=tax,
            payment_method=payment,
            discounts=discounts,
            gift=gift,
            gift_message=gift_message,
            customer_notes=notes,
            internal_notes=internal,
        )

    def drafts(self, now: datetime, count: int, **kwargs: Unpack[DraftOptions]) -> list[OrderDraft]:
        """Generate ``count`` successive drafts with the same options as :meth:`draft`."""
        if count < 0:
            raise ValueError("count must not be negative")
        return [self.draft(now, **kwargs) for _ in range(count)]

    @staticmethod
    def luhn_imei(body14: str) -> str:
        """Return ``body14`` followed by its Luhn check digit (a valid 15-digit IMEI)."""
        if len(body14) != 14 or not body14.isascii() or not body14.isdigit():
            raise ValueError("an IMEI body is exactly 14 ASCII digits")
        total = 0
        for i, ch in enumerate(reversed(body14)):
            d = int(ch)
            if i % 2 == 0:  # doubled: these sit at even positions from the right once appended
                d *= 2
                if d > 9:
                    d -= 9
            total += d
        return body14 + str((10 - total % 10) % 10)

    def imei(self) -> str:
        """Return a random, seeded, Luhn-valid 15-digit IMEI."""
        rng = self._id_rng
        return self.luhn_imei("35" + _digits(rng, 12))

    def serial_number(self) -> str:
        """Return a random, seeded 12-character device serial number like ``C02XK0ABJG5H``."""
        rng = self._id_rng
        return rng.choice(_SERIAL_PREFIXES) + "".join(rng.choices(_SERIAL_ALPHABET, k=9))

    # ----------------------------------------------------------------- pieces of a draft

    def _placed_at(self, now: datetime, max_age: timedelta) -> datetime:
        oldest = now - max_age
        span_us = max_age // timedelta(microseconds=1)
        placed = now - timedelta(microseconds=self._rng.randint(0, span_us))
        whole = placed.replace(microsecond=0)
        if whole < oldest:
            whole += timedelta(seconds=1)
        return whole if oldest <= whole <= now else placed

    def _address(self, locale: str, spec: _Locale, fake: Faker) -> Address:
        rng = self._rng
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
                street2 = self._street2(country, n, fake)
            city = fake.city()
            if country == "US":
                state = fake.state_abbr()
            elif country == "ES":
                state = fake.state()
        postal = _postcode(country, rng) if country != "GB" else ""
        postal = postal or fake.postcode()
        phone = spec.calling_code + rng.choice(spec.mobile_prefixes)
        phone += _digits(rng, spec.mobile_digits)
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
            email=self._email(first, last, fake),
            first_name=first,
            last_name=last,
        )

    def _street2(self, country: str, n: int, fake: Faker) -> str:
        rng = self._rng
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

    def _email(self, first: str, last: str, fake: Faker) -> str:
        rng = self._rng
        f, ln = _fold(first), _fold(last)
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

    def _lines(
        self, spec: _Locale, count: int, category: str | None, single_unit: bool
    ) -> tuple[OrderLine, ...]:
        out: list[OrderLine] = []
        skus: set[str] = set()
        for i in range(count):
            line = self._line(spec, i, category, single_unit)
            for _ in range(8):
                if line.sku not in skus:
                    break
                line = self._line(spec, i, category, single_unit)
            skus.add(line.sku)
            out.append(line)
        return tuple(out)

    def _line(self, spec: _Locale, index: int, category: str | None, single: bool) -> OrderLine:
        rng = self._rng
        if category is None:
            cum = _FIRST_LINE_CUM if index == 0 else _OTHER_LINE_CUM
            cat = CATEGORIES[_pick_index(rng, cum)]
        else:
            cat = category
        model = rng.choice(_BY_CATEGORY[cat])
        options: list[LineOption] = []
        sku = [_SKU_PREFIX[cat], model.code]
        factor = rng.uniform(0.95, 1.05)
        name = model.name

        if model.storages:
            s_index = rng.randrange(len(model.storages))
            storage = _storage_label(model.storages[s_index])
            factor *= 1 + 0.15 * s_index
            options.append(LineOption("Storage", storage))
            sku.append(storage.replace(" GB", "").replace(" ", ""))
            name = f"{name} {storage}"
        if cat == "laptop":
            big = rng.random() < 0.35
            factor *= 1.2 if big else 1.0
            options.append(LineOption("Memory", "16 GB" if big else "8 GB"))
            options.append(LineOption("Keyboard", spec.keyboard))
            sku.append("16" if big else "8")
            sku.append(_code(spec.keyboard.split("(")[-1]))
        if cat == "smartwatch":
            sizes = ("41 mm", "45 mm") if model.code.startswith("AW") else ("40 mm", "44 mm")
            size = rng.choice(sizes)
            options.append(LineOption("Case size", size))
            sku.append(size.replace(" mm", ""))
        if model.colours:
            colour = rng.choice(model.colours)
            options.append(LineOption("Colour", colour))
            sku.append(_code(colour))
            if cat != "accessory":
                name = f"{name} - {colour}"
        else:
            colour = ""
        if cat != "accessory":
            grade, grade_code, grade_factor = _GRADES[_pick_index(rng, _GRADE_CUM)]
            factor *= grade_factor
            options.append(LineOption("Grade", grade))
            sku.append(grade_code)

        if single:
            quantity = 1
        else:
            quantity = 1 + _pick_index(rng, _QUANTITY_CUM.get(cat, _DEFAULT_QUANTITY_CUM))
        price = _retail(model.price_eur * factor, spec.currency, rng)
        location = (
            f"{'ABCDEFGH'[rng.randrange(8)]}-{rng.randint(1, 24):02d}-{rng.randint(1, 6)}"
            if rng.random() < 0.9
            else ""
        )
        image = ""
        if rng.random() < 0.85:
            slug = _fold(colour) or "default"
            image = f"https://images.example.com/catalog/{model.code.lower()}/{slug}.jpg"
        return OrderLine(
            sku="-".join(sku),
            name=name,
            quantity=quantity,
            unit_price=price,
            weight_grams=model.weight,
            category=cat,
            options=tuple(options),
            stock_location=location,
            image_url=image,
        )

    def _shipping(self, spec: _Locale, subtotal: Decimal) -> tuple[str, Decimal]:
        rng = self._rng
        service, price, express = spec.shipping[_pick_index(rng, (60, 85, 100))]
        if rng.random() < 0.12:
            service = "Express" if express else "Standard"
        amount = Decimal(price).quantize(_CENT)
        threshold = Decimal(str(100 * _RATES[spec.currency]))
        if not express and subtotal >= threshold and rng.random() < 0.8:
            amount = _ZERO
        return service, amount

    def _discounts(
        self, spec: _Locale, subtotal: Decimal, shipping: Decimal
    ) -> tuple[Discount, ...]:
        rng = self._rng
        if rng.random() >= 0.25:
            return ()
        out: list[Discount] = []
        kind = rng.random()
        if kind < 0.55:
            code, pct = rng.choice(_COUPONS_PERCENT)
            amount = _money(subtotal * pct / 100, spec.currency)
        elif kind < 0.85:
            code, units = rng.choice(_COUPONS_FIXED)
            amount = _money(Decimal(str(units * _RATES[spec.currency])), spec.currency)
            if amount * 3 > subtotal:  # fixed-amount coupons need a minimum spend
                code, amount = "WELCOME10", _money(subtotal / 10, spec.currency)
        else:
            code, amount = "FREESHIP", shipping
            if amount <= 0:
                code, amount = "WELCOME10", _money(subtotal / 10, spec.currency)
        if amount > 0:
            out.append(Discount(code, amount))
        if out and code != "FREESHIP" and shipping > 0 and rng.random() < 0.1:
            out.append(Discount("FREESHIP", shipping))
        return tuple(out)


# --------------------------------------------------------------------------- helpers


def _pick_index(rng: random.Random, cum_weights: tuple[float, ...]) -> int:
    x = rng.random() * cum_weights[-1]
    for i, edge in enumerate(cum_weights):
        if x < edge:
            return i
    return len(cum_weights) - 1


def _pick_weighted(rng: random.Random, choices: tuple[tuple[str, int], ...]) -> str:
    x = rng.random() * sum(w for _, w in choices)
    for value, weight in choices:
        if x < weight:
            return value
        x -= weight
    return choices[-1][0]


def _money(value: Decimal, currency: str) -> Decimal:
    if currency in _WHOLE_UNIT_CURRENCIES:
        return value.quantize(Decimal(1)).quantize(_CENT)
    return value.quantize(_CENT)


def _retail(value_eur: float, currency: str, rng: random.Random) -> Decimal:
    local = value_eur * _RATES[currency]
    if currency in _WHOLE_UNIT_CURRENCIES:
        return Decimal(max(100, int(local / 100) * 100 + 80)).quantize(_CENT)
    base = max(int(local), 1)
    ending = rng.choice(("0.99", "0.99", "0.99", "0.00", "0.90", "0.49"))
    if ending == "0.00":
        price = Decimal(base)
    elif base >= 2:
        price = Decimal(base - 1) + Decimal(ending)
    else:
        price = Decimal(base) + Decimal(ending)
    return price.quantize(_CENT)


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

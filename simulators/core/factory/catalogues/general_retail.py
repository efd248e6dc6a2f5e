"""The general-retail catalogue of a UK web shop: home, kitchen, apparel, gifts, toys and
beauty, with sizes, colours, scents, gift wrap and personalisation as options.

Prices are in GBP with VAT included (standard-rated goods only, so one VAT rate covers an
order); a shop selling in another currency shows them converted, ending in .99. SKUs are
``<department>-<item number>`` plus variant codes (``APP-3105-NAV-M``).
"""

from __future__ import annotations

from types import MappingProxyType

from simulators.core.factory.catalogue import Trade
from simulators.core.factory.catalogues.listed import (
    Bins,
    Choice,
    ListedCatalogue,
)
from simulators.core.factory.catalogues.listed import product as _p

_GIFT_WRAP = Choice("Gift wrap", ("No", "Yes"), surcharges=(0.0, 3.5), in_sku=False, in_name=False)
_PERSONALISATION = Choice(
    "Personalisation",
    ("Mum & Dad, 40 years", "Happy Birthday Grandma", "Our First Home", "Sam & Alex",
     "Welcome to the world, Isla"),
    in_sku=False, in_name=False,
)  # fmt: skip
_ADULT_SIZES = Choice("Size", ("S", "M", "L", "XL", "XXL"))
_WOMENS_SIZES = Choice("Size", ("8", "10", "12", "14", "16", "18"))
_SETS = ((1, 70), (2, 20), (4, 10))


# fmt: off
_PRODUCTS = (
    _p("HOM-1042", "Christy Supreme Hygro Towel", "home", "Christy", 22.00, 650,
       Choice("Colour", ("White", "Graphite", "Sage", "Blush")),
       Choice("Size", ("Hand towel", "Bath towel", "Bath sheet"), codes=("HT", "BT", "BS"),
              surcharges=(-8.0, 0.0, 10.0))),
    _p("HOM-1077", "Yankee Candle Large Jar Candle", "home", "Yankee Candle", 28.99, 1600,
       Choice("Scent", ("Clean Cotton", "Vanilla Cupcake", "Black Cherry", "Fluffy Towels")),
       sold_by=_SETS),
    _p("HOM-1120", "Hearth & Loom Chunky Knit Throw", "home", "Hearth & Loom", 45.00, 1800,
       Choice("Colour", ("Oatmeal", "Charcoal", "Mustard"))),
    _p("KIT-2210", "Le Creuset Signature Cast Iron Round Casserole 24 cm", "kitchen",
       "Le Creuset", 315.00, 4700,
       Choice("Colour", ("Volcanic", "Marseille", "Sage", "Meringue"))),
    _p("KIT-2234", "Joseph Joseph Nest 9 Plus Nesting Bowl Set", "kitchen", "Joseph Joseph",
       40.00, 1900),
    _p("KIT-2251", "Dualit Classic 4-Slot Toaster", "kitchen", "Dualit", 259.99, 5800,
       Choice("Colour", ("Polished", "Black", "Cream"), codes=("POL", "BLK", "CRM"))),
    _p("KIT-2287", "Emma Bridgewater Polka Dot Half Pint Mug", "kitchen", "Emma Bridgewater",
       24.95, 400, sold_by=_SETS),
    _p("KIT-2302", "Sophie Allport Oven Gloves", "kitchen", "Sophie Allport", 18.95, 250,
       Choice("Design", ("Bees", "Hares", "Foxes"))),
    _p("APP-3105", "Barbour Essential Lambswool Crew Neck Jumper", "apparel", "Barbour", 79.95,
       450, Choice("Colour", ("Navy", "Grey Marl", "Olive"), codes=("NAV", "GRM", "OLV")),
       _ADULT_SIZES),
    _p("APP-3141", "Seasalt Cornwall Sailor Shirt", "apparel", "Seasalt Cornwall", 49.95, 300,
       Choice("Colour", ("Breton Ecru Navy", "Chalk", "Maritime")), _WOMENS_SIZES),
    _p("APP-3188", "Hunter Original Tall Wellington Boots", "apparel", "Hunter", 135.00, 2100,
       Choice("Colour", ("Black", "Hunter Green"), codes=("BLK", "GRN")),
       Choice("Size", ("UK 4", "UK 5", "UK 6", "UK 7", "UK 8", "UK 9", "UK 10", "UK 11"),
              codes=("4", "5", "6", "7", "8", "9", "10", "11"))),
    _p("APP-3203", "Hearth & Loom Merino Bed Socks (2 Pack)", "apparel", "Hearth & Loom",
       14.00, 120, Choice("Size", ("UK 4-7", "UK 8-11"), codes=("47", "811")),
       sold_by=_SETS),
    _p("GFT-4401", "Personalised Oak Photo Frame 7x5", "gifts", "Hearth & Loom", 32.00, 900,
       _PERSONALISATION, _GIFT_WRAP),
    _p("GFT-4415", "Afternoon Tea for Two Gift Hamper", "gifts", "Hearth & Loom", 49.99, 3200,
       _GIFT_WRAP),
    _p("GFT-4430", "Neal's Yard Remedies Aromatherapy Gift Collection", "gifts",
       "Neal's Yard Remedies", 35.00, 600, _GIFT_WRAP),
    _p("TOY-5120", "LEGO Classic Medium Creative Brick Box 10696", "toys", "LEGO", 29.99,
       1100, _GIFT_WRAP),
    _p("TOY-5138", "Jellycat Bashful Bunny", "toys", "Jellycat", 22.50, 250,
       Choice("Size", ("Small", "Medium", "Large"), codes=("S", "M", "L"),
              surcharges=(-6.0, 0.0, 12.0)),
       Choice("Colour", ("Beige", "Blush", "Cream", "Silver")), _GIFT_WRAP),
    _p("TOY-5162", "Orchard Toys Shopping List Game", "toys", "Orchard Toys", 11.99, 450),
    _p("BTY-6010", "Neal's Yard Remedies Wild Rose Beauty Balm 50 g", "beauty",
       "Neal's Yard Remedies", 45.00, 180),
    _p("BTY-6024", "Burt's Bees Beeswax Lip Balm (4 Pack)", "beauty", "Burt's Bees", 12.99, 60,
       sold_by=((1, 70), (2, 20), (3, 10))),
    _p("BTY-6051", "The Body Shop Body Butter 200 ml", "beauty", "The Body Shop", 18.00, 260,
       Choice("Scent", ("Shea", "British Rose", "Mango", "Coconut"))),
)
# fmt: on

TRADE = Trade(
    name="general retail",
    currency="GBP",
    first_line=MappingProxyType(
        {"home": 20, "kitchen": 18, "apparel": 24, "gifts": 14, "toys": 12, "beauty": 12}
    ),
    added_line=MappingProxyType(
        {"home": 18, "kitchen": 16, "apparel": 18, "gifts": 12, "toys": 14, "beauty": 22}
    ),
    single_unit_category=None,
    percent_coupons=(("WELCOME10", 10), ("FRIENDS15", 15), ("NEWSLETTER5", 5)),
    fixed_coupons=(("TAKE5", 5), ("SAVE10", 10)),
    internal_notes=(
        "Gift order: no invoice in the parcel.",
        "Personalisation checked by hand before packing.",
        "Customer asked for plastic-free packaging.",
        "Fragile: double-boxed.",
    ),
)

GENERAL_RETAIL = ListedCatalogue(
    trade=TRADE,
    products=_PRODUCTS,
    bins=MappingProxyType({"": Bins(("",), "ABCDEF", 20, 5, stocked=0.95)}),
    image_base="https://images.example.com/shop",
)

"""The dropship catalogue of a US home-and-outdoor merchant whose products are routed to the
vendors that ship them: three suppliers, each from its own warehouse, and the merchant's own
warehouse for what it stocks itself. Every line names its vendor (``OrderLine.vendor``), so an
order can be split by vendor as a dropship router does.

SKUs are ``<vendor code>-<item number>`` (``KOS-10482``), plus a variant code
(``PHD-20731-SLT``); stock locations start with the vendor's warehouse (``RNO-C-12-3``).
Prices are in USD.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType

from simulators.core.factory.catalogue import Trade
from simulators.core.factory.catalogues.listed import (
    SINGLES,
    Bins,
    Choice,
    ListedCatalogue,
    Options,
    Product,
    product,
)


@dataclass(frozen=True)
class Vendor:
    """A vendor products are routed to: its name, the code its SKUs start with and the code
    of the warehouse it ships from."""

    name: str
    code: str
    warehouse: str


_OWN = Vendor("Harbor Goods Warehouse", "HGW", "HGW")
_KEYSTONE = Vendor("Keystone Outdoor Supply", "KOS", "RNO")
_PACIFIC = Vendor("Pacific Home Distributors", "PHD", "ONT")
_SUMMIT = Vendor("Summit Fitness Wholesale", "SFW", "CMH")
#: The vendors of the dropship catalogue; the first is the merchant's own warehouse.
VENDORS: tuple[Vendor, ...] = (_OWN, _KEYSTONE, _PACIFIC, _SUMMIT)

_BINS: Mapping[str, Bins] = MappingProxyType({
    _OWN.name: Bins((f"{_OWN.warehouse}-",), "ABCD", 18, 5, stocked=0.97),
    _KEYSTONE.name: Bins((f"{_KEYSTONE.warehouse}-",), "ABCDEFGHJK", 40, 4, stocked=0.85),
    _PACIFIC.name: Bins((f"{_PACIFIC.warehouse}-",), "ABCDEF", 28, 5, stocked=0.85),
    _SUMMIT.name: Bins((f"{_SUMMIT.warehouse}-",), "ABC", 22, 4, stocked=0.8),
})  # fmt: skip

_PATIO_COLOURS = Choice(
    "Color", ("White", "Black", "Slate Gray", "Pacific Blue", "Green"),
    codes=("WHT", "BLK", "SLT", "PBL", "GRN"),
)  # fmt: skip
_PET_SIZES = Choice("Size", ("Small", "Medium", "Large", "X-Large"), codes=("S", "M", "L", "XL"))


def _p(
    vendor: Vendor,
    number: int,
    name: str,
    category: str,
    brand: str,
    price: float,
    grams: int,
    *options: Options,
    sold_by: tuple[tuple[int, int], ...] = SINGLES,
) -> Product:
    sku = f"{vendor.code}-{number}"
    return product(
        sku, name, category, brand, price, grams, *options, vendor=vendor.name, sold_by=sold_by
    )


# fmt: off
_PRODUCTS = (
    _p(_KEYSTONE, 10482, "Coleman Sundome 4-Person Dome Tent", "camping", "Coleman", 89.99,
       4100),
    _p(_KEYSTONE, 10517, "TETON Sports Celsius Sleeping Bag", "camping", "TETON Sports", 69.99,
       2200, Choice("Temperature rating", ("0 °F", "20 °F"), codes=("0F", "20F"),
                    surcharges=(10.0, 0.0))),
    _p(_KEYSTONE, 10633, "YETI Tundra 45 Hard Cooler", "camping", "YETI", 325.00, 10400,
       Choice("Color", ("White", "Tan", "Charcoal"), codes=("WHT", "TAN", "CHR"))),
    _p(_KEYSTONE, 11208, "Weber Original Kettle Premium Charcoal Grill 22 in", "grills",
       "Weber", 189.00, 14800, Choice("Color", ("Black", "Copper"), codes=("BLK", "COP"))),
    _p(_KEYSTONE, 11342, "Traeger Pro 575 Wood Pellet Grill", "grills", "Traeger", 899.99,
       56000),
    _p(_KEYSTONE, 11390, "Blackstone 36 in Griddle Cooking Station", "grills", "Blackstone",
       399.99, 52000),
    _p(_PACIFIC, 20731, "POLYWOOD Classic Folding Adirondack Chair", "patio", "POLYWOOD",
       279.00, 16300, _PATIO_COLOURS, sold_by=((1, 45), (2, 45), (4, 10))),
    _p(_PACIFIC, 20755, "Sunbrella Deep Seating Cushion Set", "patio", "Sunbrella", 129.99,
       2800, Choice("Color", ("Canvas Navy", "Spectrum Dove", "Cast Ocean"))),
    _p(_PACIFIC, 20802, "Market Patio Umbrella with Tilt, 9 ft", "patio", "Abba Patio", 79.99,
       7200, Choice("Color", ("Navy Blue", "Beige", "Red"), codes=("NVY", "BGE", "RED"))),
    _p(_PACIFIC, 21104, "Lodge Cast Iron Skillet 12 in", "kitchen", "Lodge", 34.99, 3500),
    _p(_PACIFIC, 21177, "Cuisinart Custom 14-Cup Food Processor", "kitchen", "Cuisinart",
       249.95, 8100),
    _p(_PACIFIC, 21230, "OXO Good Grips 3-Piece Mixing Bowl Set", "kitchen", "OXO", 39.99,
       1500),
    _p(_SUMMIT, 30215, "Bowflex SelectTech 552 Adjustable Dumbbells (Pair)", "fitness",
       "Bowflex", 429.00, 47600),
    _p(_SUMMIT, 30288, "Gaiam Premium Yoga Mat 6 mm", "fitness", "Gaiam", 34.98, 1400,
       Choice("Color", ("Deep Plum", "Granite Storm", "Sky Blue"), codes=("PLM", "GRS", "SKY"))),
    _p(_SUMMIT, 30301, "Fit Simplify Resistance Loop Bands, Set of 5", "fitness",
       "Fit Simplify", 12.95, 250, sold_by=((1, 80), (2, 20))),
    _p(_SUMMIT, 30377, "Concept2 RowErg Indoor Rower", "fitness", "Concept2", 990.00, 26000),
    _p(_OWN, 40012, "KONG Classic Dog Toy", "pets", "KONG", 12.99, 200, _PET_SIZES,
       sold_by=((1, 75), (2, 20), (3, 5))),
    _p(_OWN, 40056, "Furhaven Orthopedic Sofa Dog Bed", "pets", "Furhaven", 59.99, 3400,
       Choice("Size", ("Medium", "Large", "Jumbo"), codes=("M", "L", "J"),
              surcharges=(0.0, 15.0, 30.0))),
    _p(_OWN, 40071, "Purina Pro Plan Adult Dry Dog Food, 35 lb Bag", "pets", "Purina", 74.99,
       15900),
    _p(_OWN, 40103, "Catit Flower Pet Fountain", "pets", "Catit", 29.99, 900),
    _p(_OWN, 40150, "Stanley Classic Legendary Bottle 1.5 qt", "camping", "Stanley", 35.00,
       900, Choice("Color", ("Hammertone Green", "Matte Black"), codes=("HTG", "MBK"))),
    _p(_OWN, 40188, "Hydro Flask 32 oz Wide Mouth Bottle", "kitchen", "Hydro Flask", 44.95,
       500, Choice("Color", ("Black", "Pacific", "Snapper", "White"))),
)
# fmt: on

TRADE = Trade(
    name="dropship home and outdoor",
    currency="USD",
    first_line=MappingProxyType(
        {"patio": 16, "grills": 14, "camping": 20, "kitchen": 18, "pets": 18, "fitness": 14}
    ),
    added_line=MappingProxyType(
        {"patio": 14, "grills": 6, "camping": 22, "kitchen": 20, "pets": 24, "fitness": 14}
    ),
    single_unit_category=None,
    percent_coupons=(("WELCOME10", 10), ("OUTDOOR15", 15), ("PETS5", 5)),
    fixed_coupons=(("SAVE25", 25), ("TAKE10", 10)),
    internal_notes=(
        "Vendor confirmed stock by phone.",
        "Split shipment: customer told the items arrive separately.",
        "Freight item: vendor to book a liftgate delivery.",
        "Drop ship: no prices on the packing slip.",
    ),
)

DROPSHIP = ListedCatalogue(
    trade=TRADE,
    products=_PRODUCTS,
    bins=_BINS,
    image_base="https://images.example.com/dropship",
)

"""The auto-parts catalogue of a US web shop: brake, filter, ignition, suspension, lighting,
engine, electrical and wiper parts by manufacturer part number, most of them sold for a
vehicle the buyer names (``Year``, ``Make``, ``Model`` options: the fitment).

SKUs are ``<brand code>-<manufacturer part number>`` (``BOS-BC905``, ``NGK-93175``), with a
position code where front and rear parts differ (``RAY-980335-F``). Prices are in USD.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from types import MappingProxyType

from simulators.core.factory.catalogue import Trade
from simulators.core.factory.catalogues.listed import (
    Bins,
    Choice,
    ListedCatalogue,
    Picked,
)
from simulators.core.factory.catalogues.listed import product as _p
from simulators.core.factory.model import LineOption


@dataclass(frozen=True)
class Vehicle:
    """A vehicle a part fits, over a range of model years."""

    make: str
    model: str
    first_year: int
    last_year: int


@dataclass(frozen=True)
class Fitment:
    """The vehicle a part is ordered for: ``Year``, ``Make`` and ``Model`` options, the year
    within the vehicle's range. The SKU does not change (one part fits them all)."""

    vehicles: tuple[Vehicle, ...]

    def draw(self, rng: random.Random) -> Picked:
        """One of the vehicles and one of its model years."""
        vehicle = rng.choice(self.vehicles)
        year = rng.randint(vehicle.first_year, vehicle.last_year)
        return Picked(
            options=(
                LineOption("Year", str(year)),
                LineOption("Make", vehicle.make),
                LineOption("Model", vehicle.model),
            )
        )


_F150 = Vehicle("Ford", "F-150", 2015, 2020)
_SILVERADO = Vehicle("Chevrolet", "Silverado 1500", 2014, 2018)
_RAM = Vehicle("Ram", "1500", 2019, 2024)
_TACOMA = Vehicle("Toyota", "Tacoma", 2016, 2023)
_CIVIC = Vehicle("Honda", "Civic", 2016, 2021)
_ACCORD = Vehicle("Honda", "Accord", 2018, 2022)
_CAMRY = Vehicle("Toyota", "Camry", 2018, 2023)
_ALTIMA = Vehicle("Nissan", "Altima", 2013, 2018)
_ELANTRA = Vehicle("Hyundai", "Elantra", 2017, 2020)
_RAV4 = Vehicle("Toyota", "RAV4", 2019, 2024)
_ESCAPE = Vehicle("Ford", "Escape", 2013, 2019)
_EQUINOX = Vehicle("Chevrolet", "Equinox", 2018, 2024)
_OUTBACK = Vehicle("Subaru", "Outback", 2015, 2019)
_WRANGLER = Vehicle("Jeep", "Wrangler", 2018, 2023)

_TRUCKS = Fitment((_F150, _SILVERADO, _RAM, _TACOMA))
_CARS = Fitment((_CIVIC, _ACCORD, _CAMRY, _ALTIMA, _ELANTRA))
_SUVS = Fitment((_RAV4, _ESCAPE, _EQUINOX, _OUTBACK, _WRANGLER))
_HONDA_TOYOTA = Fitment((_CIVIC, _ACCORD, _CAMRY, _RAV4))
_FORDS = Fitment((_F150, _ESCAPE))  # Motorcraft is Ford's parts brand
_GM = Fitment((_SILVERADO, _EQUINOX))  # and ACDelco General Motors'
_FRONT_REAR = Choice("Position", ("Front", "Rear"), codes=("F", "R"), surcharges=(0.0, -6.0))
_PAIRS = ((1, 35), (2, 65))
_PLUG_SETS = ((4, 55), (6, 30), (8, 15))


# fmt: off
_PRODUCTS = (
    _p("BOS-BC905", "Bosch QuietCast Premium Ceramic Disc Brake Pad Set", "brakes", "Bosch",
       54.99, 1650, _FRONT_REAR, _CARS),
    _p("RAY-980335", "Raybestos Element3 Disc Brake Rotor", "brakes", "Raybestos", 72.49, 8900,
       _FRONT_REAR, _TRUCKS, sold_by=_PAIRS),
    _p("WAG-ZD1414", "Wagner OEx Ceramic Disc Brake Pad Set", "brakes", "Wagner", 48.99, 1500,
       _FRONT_REAR, _SUVS),
    _p("ACD-18A2324", "ACDelco Advantage Brake Caliper", "brakes", "ACDelco", 89.99, 4200,
       _GM),
    _p("MOT-FL820S", "Motorcraft Engine Oil Filter FL-820-S", "filters", "Motorcraft", 9.49,
       340, _FORDS, sold_by=((1, 70), (2, 30))),
    _p("FRA-PH3614", "Fram Extra Guard Oil Filter", "filters", "Fram", 7.99, 280, _CARS,
       sold_by=((1, 70), (2, 30))),
    _p("KNN-332304", "K&N High-Flow Engine Air Filter", "filters", "K&N", 64.99, 520, _CARS),
    _p("DEN-4533", "Denso Cabin Air Filter with Charcoal", "filters", "Denso", 21.99, 210,
       _HONDA_TOYOTA),
    _p("NGK-93175", "NGK Laser Iridium Spark Plug", "ignition", "NGK", 12.99, 55, _CARS,
       sold_by=_PLUG_SETS),
    _p("DEN-3444", "Denso Iridium TT Spark Plug", "ignition", "Denso", 8.99, 52, _SUVS,
       sold_by=_PLUG_SETS),
    _p("MOT-DG511", "Motorcraft Ignition Coil", "ignition", "Motorcraft", 79.99, 380, _FORDS),
    _p("MON-71335", "Monroe Quick-Strut Complete Strut Assembly", "suspension", "Monroe",
       164.99, 8200, _FRONT_REAR, _CARS),
    _p("KYB-339362", "KYB Excel-G Gas Strut", "suspension", "KYB", 68.99, 3100, _FRONT_REAR,
       _SUVS, sold_by=_PAIRS),
    _p("MOO-K750015", "Moog Problem Solver Front Lower Control Arm", "suspension", "Moog",
       119.99, 4600, _TRUCKS),
    _p("SYL-9006SU", "Sylvania SilverStar Ultra 9006 Headlight Bulb (2 Pack)", "lighting",
       "Sylvania", 44.99, 110),
    _p("PHI-H11LLB2", "Philips LED H11 Fog Light Bulb (2 Pack)", "lighting", "Philips", 69.99,
       140),
    _p("DOR-1592144", "Dorman Headlight Assembly", "lighting", "Dorman", 139.99, 3600,
       Choice("Side", ("Driver Side", "Passenger Side"), codes=("L", "R")), _SUVS),
    _p("GAT-K060882", "Gates Micro-V Serpentine Belt", "engine", "Gates", 32.99, 290, _TRUCKS),
    _p("DAY-TCKWP329", "Dayco Timing Belt Kit with Water Pump", "engine", "Dayco", 189.99,
       2900, _HONDA_TOYOTA),
    _p("FEL-MS96741", "Fel-Pro Intake Manifold Gasket Set", "engine", "Fel-Pro", 27.49, 180,
       _TRUCKS),
    _p("INT-MTP-T94R", "Interstate MTP-94R/H7 AGM Battery", "electrical", "Interstate", 229.99,
       21500),
    _p("BOS-AL9960N", "Bosch Remanufactured Alternator", "electrical", "Bosch", 214.99, 6400,
       _CARS),
    _p("DOR-926140", "Dorman Window Regulator and Motor Assembly", "electrical", "Dorman",
       84.99, 2300, _FRONT_REAR, _CARS),
    _p("BOS-26A", "Bosch ICON Beam Wiper Blade 26 in", "wipers", "Bosch", 29.99, 280,
       sold_by=_PAIRS),
    _p("RAX-5079281", "Rain-X Latitude Water Repellency Wiper Blade 22 in", "wipers", "Rain-X",
       21.99, 250, sold_by=_PAIRS),
    _p("WTH-441941", "WeatherTech FloorLiner Front and Rear Set", "accessories", "WeatherTech",
       209.95, 5200,
       Choice("Color", ("Black", "Tan", "Gray"), codes=("BK", "TN", "GR")), _SUVS),
    _p("MOB-120764", "Mobil 1 Extended Performance 5W-30 Full Synthetic Motor Oil, 5 Quart",
       "accessories", "Mobil 1", 36.99, 4600, sold_by=((1, 75), (2, 25))),
)
# fmt: on

TRADE = Trade(
    name="auto parts",
    currency="USD",
    first_line=MappingProxyType({
        "brakes": 24, "filters": 16, "ignition": 12, "suspension": 12, "lighting": 9,
        "engine": 8, "electrical": 9, "wipers": 6, "accessories": 4,
    }),
    added_line=MappingProxyType({
        "brakes": 22, "filters": 22, "ignition": 10, "suspension": 8, "lighting": 8,
        "engine": 6, "electrical": 4, "wipers": 12, "accessories": 8,
    }),
    single_unit_category=None,
    percent_coupons=(("SAVE10", 10), ("BRAKES15", 15), ("DIY5", 5)),
    fixed_coupons=(("TAKE20", 20), ("SPRING10", 10)),
    internal_notes=(
        "Fitment double-checked against the VIN the customer sent.",
        "Core charge: refund when the old part comes back.",
        "Battery ships ground only (hazmat).",
        "Customer called to confirm the engine size.",
    ),
)  # fmt: skip

AUTO_PARTS = ListedCatalogue(
    trade=TRADE,
    products=_PRODUCTS,
    bins=MappingProxyType(
        {"": Bins(prefixes=("DAL-", "ATL-"), zones="ABCDEFGH", aisles=32, shelves=6)}
    ),
    image_base="https://images.example.com/autoparts",
)

"""The device models of the refurbished-electronics catalogue: phones, tablets, laptops,
watches, headphones, consoles and accessories, with storages and colours."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class DeviceModel:
    """A device model as it is sold refurbished: prices in EUR for grade "Excellent" at the
    smallest storage, weight in grams, storages in GB (``()`` when not applicable)."""

    code: str
    name: str
    category: str
    price_eur: int
    weight: int
    storages: tuple[int, ...]
    colours: tuple[str, ...]


def _m(
    code: str,
    name: str,
    cat: str,
    price: int,
    weight: int,
    storages: tuple[int, ...],
    colours: tuple[str, ...],
) -> DeviceModel:
    return DeviceModel(code, name, cat, price, weight, storages, colours)


# fmt: off
MODELS: tuple[DeviceModel, ...] = (
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

"""Product catalogues named by trade; a channel picks the one its merchants sell from and
passes it to ``OrderFactory(seed, catalogue=...)``.

- :data:`REFURBISHED_ELECTRONICS`: phones, tablets, laptops... by grade, storage and colour
  (EUR); single-unit orders are one smartphone.
- :data:`AUTO_PARTS`: brake, filter, ignition, suspension... parts by manufacturer part number,
  with the vehicle fitment (year, make, model) as options (USD).
- :data:`DROPSHIP`: a home-and-outdoor merchant's products, each routed to one of
  :data:`DROPSHIP_VENDORS` (``OrderLine.vendor``) (USD).
- :data:`GENERAL_RETAIL`: home, kitchen, apparel, gifts, toys and beauty, prices in GBP with
  VAT included.
"""

from simulators.core.factory.catalogues.auto_parts import AUTO_PARTS
from simulators.core.factory.catalogues.dropship import DROPSHIP
from simulators.core.factory.catalogues.dropship import VENDORS as DROPSHIP_VENDORS
from simulators.core.factory.catalogues.general_retail import GENERAL_RETAIL
from simulators.core.factory.catalogues.refurbished_electronics import REFURBISHED_ELECTRONICS

__all__ = (
    "AUTO_PARTS",
    "DROPSHIP",
    "DROPSHIP_VENDORS",
    "GENERAL_RETAIL",
    "REFURBISHED_ELECTRONICS",
)

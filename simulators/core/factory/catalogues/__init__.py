"""Product catalogues named by trade; a channel picks the one its merchants sell from.

- :data:`REFURBISHED_ELECTRONICS`: phones, tablets, laptops... by grade, storage and colour.
"""

from simulators.core.factory.catalogues.refurbished_electronics import REFURBISHED_ELECTRONICS

__all__ = ("REFURBISHED_ELECTRONICS",)

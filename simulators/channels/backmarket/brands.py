"""The brand Back Market writes on an orderline (lower case, as its samples: ``apple``)."""

from __future__ import annotations

#: A word of the product name → its maker; the first word found wins.
_MAKERS = (
    ("iphone", "apple"), ("ipad", "apple"), ("macbook", "apple"), ("airpods", "apple"),
    ("apple", "apple"), ("magsafe", "apple"), ("lightning", "apple"), ("galaxy", "samsung"),
    ("pixel", "google"), ("xiaomi", "xiaomi"), ("dell", "dell"), ("lenovo", "lenovo"),
    ("microsoft", "microsoft"), ("xbox", "microsoft"), ("hp", "hp"), ("sony", "sony"),
    ("playstation", "sony"), ("dualsense", "sony"), ("bose", "bose"), ("nintendo", "nintendo"),
)  # fmt: skip
#: Products no maker's word names (chargers, cases, screen protectors): a maker of such.
_ACCESSORY_MAKER = "belkin"


def brand_of(product: str) -> str:
    """The maker of a product, from the words of its name."""
    words = product.lower().replace("-", " ").split()
    for word, maker in _MAKERS:
        if word in words:
            return maker
    return _ACCESSORY_MAKER

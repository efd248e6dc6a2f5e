"""ASCII folding of names in any supported script, for e-mail addresses and URL slugs."""

# The table deliberately holds Greek and Cyrillic letters.

from __future__ import annotations

import unicodedata
from collections.abc import Mapping
from types import MappingProxyType

# Latin letters NFKD does not decompose, and Cyrillic and Greek romanized.
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


def fold(text: str) -> str:
    """Lower-case ASCII letters and digits of ``text`` (Latin folded, Greek/Cyrillic romanized)."""
    decomposed = unicodedata.normalize("NFKD", text.lower()).translate(_FOLD)
    return "".join(c for c in decomposed if c.isascii() and c.isalnum())

"""Text an XML document can carry, checked before a channel speaking XML stores it.

XML 1.0 allows no control character but tab, newline and carriage return, no lone surrogate
and neither U+FFFE nor U+FFFF. An order placed or edited through ``/__sim`` with such a
character could never be written into an export or a SOAP reply, so the control plane of
an XML channel refuses it at once, naming the field, and stores nothing.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

_UNWRITABLE = "\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff"
#: What XML 1.0 cannot carry.
UNWRITABLE = re.compile(f"[{_UNWRITABLE}]")
#: What :func:`escaped_text` changes, or XML 1.0 cannot carry: text without it goes as it is.
SPECIAL = re.compile(f"[&<>\r{_UNWRITABLE}]")


def escaped_text(value: str) -> str:
    """``value`` as element text, escaped as libxml2 writes it: ``&``, ``<``, ``>`` and
    carriage returns (anything else, quotes included, as is)."""
    return (
        value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\r", "&#13;")
    )


def unwritable(data: Any, path: str = "") -> tuple[str, str] | None:
    """The first text in ``data`` (walking mappings and lists) that XML cannot carry: its
    field path and a sentence saying why; None when every text can be written."""
    if isinstance(data, str):
        found = UNWRITABLE.search(data)
        if found is None:
            return None
        return path or "body", (
            f"{found.group()!r} at position {found.start()} cannot be written in XML (XML 1.0 "
            "allows no control character but tab, newline and carriage return)"
        )
    if isinstance(data, Mapping):
        for key, value in data.items():
            problem = unwritable(value, f"{path}.{key}" if path else str(key))
            if problem is not None:
                return problem
    elif isinstance(data, list | tuple):
        for index, value in enumerate(data):
            problem = unwritable(value, f"{path}[{index}]")
            if problem is not None:
                return problem
    return None

"""One complex value's element written as UTF-8 text, byte for byte as lxml writes it.

:func:`plan` lays out a Spyne complex type's members for both writers. :func:`element_text`
writes what :class:`~simulators.channels.ultracart.direct_xml.DirectXml` builds with lxml
(the same members, order, empty and missing values), serialised the way lxml serialises it
inside a reply whose envelope declares ``prefix`` for the namespace: ``&``, ``<``, ``>`` and
carriage returns escaped, everything else as is. A value lxml would refuse (a control
character, a lone surrogate) is not judged here: the writer answers None and the caller lets
lxml write that value, so it fails exactly as it always did. A test compares the two writers
on the same orders.
"""

from __future__ import annotations

import functools
import re
from decimal import Decimal
from typing import Any

from spyne.model.complex import ComplexModelBase

from simulators.core.xml_chars import UNWRITABLE, escaped_text

#: What needs escaping, or lxml's judgement (XML 1.0 refuses these characters).
_SPECIAL = re.compile("[&<>\r\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def text(value: Any) -> str:
    """A simple value as element text."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, Decimal):
        return format(value, "f")
    return str(value)


@functools.cache
def plan(cls: Any) -> tuple[tuple[str, str, bool, bool, bool, Any], ...]:
    """Per member of ``cls``: attribute, qualified tag, repeated, required, complex, type."""
    ns = cls.get_namespace()
    return tuple(
        (
            name,
            f"{{{ns}}}{name}",
            member.Attributes.max_occurs > 1,
            bool(member.Attributes.min_occurs),
            issubclass(member, ComplexModelBase),
            member,
        )
        for name, member in cls._type_info.items()
    )


class NotPlain(ValueError):
    """A value with characters lxml refuses; lxml must write it (and refuse it)."""


def _escaped(value: str) -> str:
    if UNWRITABLE.search(value) is not None:
        raise NotPlain(value)
    return escaped_text(value)


@functools.cache
def _tags(cls: Any, prefix: str) -> tuple[tuple[str, str, str, str, bool, bool, Any], ...]:
    """Per member of ``cls``: attribute, start tag, end tag, empty tag, repeated, required,
    complex type (None for a simple one). One namespace throughout (one prefix)."""
    for _, _, _, _, complex_, member in plan(cls):
        if complex_ and member.get_namespace() != cls.get_namespace():
            raise TypeError(f"{member.get_type_name()} is not in {cls.get_namespace()}")
    return tuple(
        (name, f"<{prefix}:{name}>", f"</{prefix}:{name}>", f"<{prefix}:{name}/>", repeated,
         required, member if complex_ else None)
        for name, _, repeated, required, complex_, member in plan(cls)
    )  # fmt: skip


def _members(cls: Any, inst: Any, prefix: str, out: list[str]) -> None:
    search = _SPECIAL.search
    for name, start, end, empty, repeated, required, complex_ in _tags(cls, prefix):
        value = getattr(inst, name, None)
        for one in (value or ()) if repeated else (value,):
            if one is None:
                if required:
                    out.append(empty)
            elif complex_ is not None:
                _element(complex_, one, prefix, start, end, empty, out)
            else:
                written = one if type(one) is str else text(one)
                if search(written) is not None:
                    written = _escaped(written)
                out.append(start + written + end)


def _element(
    cls: Any, inst: Any, prefix: str, start: str, end: str, empty: str, out: list[str]
) -> None:
    at = len(out)
    out.append(start)
    _members(cls, inst, prefix, out)
    if len(out) == at + 1:
        out[at] = empty
    else:
        out.append(end)


def element_text(cls: Any, inst: Any, prefix: str, name: str) -> bytes | None:
    """``inst`` (of the complex type ``cls``) as the element ``prefix:name``, UTF-8; None when
    one of its values holds characters lxml refuses."""
    out: list[str] = []
    try:
        _element(cls, inst, prefix, f"<{prefix}:{name}>", f"</{prefix}:{name}>",
                 f"<{prefix}:{name}/>", out)  # fmt: skip
    except NotPlain:
        return None
    return "".join(out).encode("utf-8")

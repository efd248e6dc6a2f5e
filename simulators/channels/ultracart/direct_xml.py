"""A faster serialiser for Spyne complex types of primitives, plugged in through Spyne's own
per-type protocol hook (``Model.customize(prot=DirectXml())``).

Spyne's generic XML serialiser costs about 5 ms per order of ~65 fields; this one writes the
same elements (qualified names, declaration order, optional empty values left out) with lxml
directly. The schema is unchanged: the WSDL still comes from the Spyne types, and the tests
validate every answer against the committed XSD.
"""

from __future__ import annotations

import functools
from decimal import Decimal
from typing import Any

from lxml import etree
from spyne.model.complex import ComplexModelBase
from spyne.protocol.xml import SubXmlBase


def _text(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, Decimal):
        return format(value, "f")
    return str(value)


@functools.cache
def _plan(cls: Any) -> tuple[tuple[str, str, bool, bool, bool, Any], ...]:
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


def _write(cls: Any, inst: Any, node: etree._Element) -> None:
    sub = etree.SubElement
    for name, tag, repeated, required, complex_, member in _plan(cls):
        value = getattr(inst, name, None)
        for one in (value or ()) if repeated else (value,):
            if one is None:
                if required:
                    sub(node, tag)
            elif complex_:
                _write(member, one, sub(node, tag))
            else:
                sub(node, tag).text = one if isinstance(one, str) else _text(one)


class DirectXml(SubXmlBase):  # type: ignore[misc]
    """Serialises one complex value (and its members) straight into lxml elements."""

    def subserialize(
        self, ctx: Any, cls: Any, inst: Any, parent: Any, ns: Any = None, name: Any = None,
        **_: Any,
    ) -> None:  # fmt: skip
        node = etree.SubElement(parent, f"{{{ns or cls.get_namespace()}}}{name}")
        _write(cls, inst, node)

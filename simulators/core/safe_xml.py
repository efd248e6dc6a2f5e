"""XML from outside, parsed safely: no DTD, no entities, no network, no huge trees.

Every XML body a simulator reads (a Custom Store ShipNotice, a SOAP envelope) and every one
the journal shows goes through :func:`parse`. A document with a DOCTYPE is refused outright:
that is where external entities and entity-expansion bombs live, and no channel's real
payload has one.
"""

from __future__ import annotations

from lxml import etree


class XmlRefused(ValueError):
    """A body that is not well-formed XML, or that carries a DTD or entities."""


def _parser() -> etree.XMLParser:
    return etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        huge_tree=False,
        remove_blank_text=True,
    )


def parse(data: bytes) -> etree._Element:
    """The root element of ``data``; XmlRefused saying why when it cannot be used."""
    if b"<!DOCTYPE" in data or b"<!ENTITY" in data:
        raise XmlRefused("a DOCTYPE or ENTITY declaration is not accepted")
    try:
        root = etree.fromstring(data, _parser())
    except etree.XMLSyntaxError as exc:
        raise XmlRefused(f"not well-formed XML: {exc}") from None
    if root is None:
        raise XmlRefused("no root element")
    return root


def pretty(data: bytes) -> str | None:
    """``data`` as indented XML text, or None when it is not safe, well-formed XML."""
    try:
        root = parse(data)
    except XmlRefused:
        return None
    text: str = etree.tostring(root, encoding="unicode", pretty_print=True)
    return text

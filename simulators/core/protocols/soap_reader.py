"""Readers of a SOAP operation's input, compiled once from Spyne's own type definitions.

Spyne's XML deserialiser (``XmlDocument.from_element``) interprets the type tree for every
element of every call: it looks up the class's attributes, its flattened members, the
handler of each member, builds each instance through its generic constructor, and counts
frequencies. :func:`compile_reader` does that interpretation once per operation and returns a
function that reads an operation element into *the same objects* (same classes, same members
in the same order, same values and value types) as Spyne's deserialiser, under the protocol
settings it was compiled with.

A reader is exact by refusing rather than guessing: it answers :data:`DECLINE` for anything
it has no rule for, and the caller then runs Spyne's deserialiser, whose answer is the
reference. It declines:

- any attribute on any element (``xsi:nil``, ``xsi:type``, ``xml:lang``, ...);
- any child that is not an element (comment, processing instruction, entity), and any leaf
  with a child;
- an element whose tag is not ``{namespace of its parent's type}member`` (Spyne matches
  members by local name only, and drops unknown ones);
- an integer or decimal whose text is not plain ASCII digits (Python's ``int`` and
  ``Decimal`` also read spaces, underscores, other scripts' digits, exponents, ``NaN``...),
  or longer than the type's ``max_str_len``; an empty one whose type does not read empty as
  null.

:func:`compile_reader` returns None (no reader at all) when the protocol validates softly
(Spyne then checks while it reads), or when the message holds a type it has no rule for:
anything but complex models built by Spyne's generic constructor (no defaults, no read-only
or XML-attribute members, no tag-body members) and Spyne's ``Unicode``, ``Integer`` and
``Decimal`` read by their stock handlers. Every rule is bound to the function the protocol
would call for that class (Spyne's own, not an override), so a protocol that reads a class
otherwise gets no reader.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from decimal import Decimal
from typing import Any, Final

from lxml import etree
from spyne.model.complex import ComplexModelBase, XmlAttribute
from spyne.protocol._inbase import InProtocolBase
from spyne.protocol.xml import XmlDocument


class _Decline:
    """The type of :data:`DECLINE`."""

    def __repr__(self) -> str:
        return "DECLINE"


#: A reader's answer when it cannot read an element exactly as Spyne would.
DECLINE: Final = _Decline()

#: A compiled reader: an element, and the object Spyne's deserialiser makes of it (or DECLINE).
Reader = Callable[[etree._Element], Any]

_INTEGER = re.compile(r"[-+]?[0-9]+")
_DECIMAL = re.compile(r"[-+]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)")
#: Spyne's conversions of a leaf's text the rules follow.
_UNICODE = InProtocolBase.unicode_from_bytes
_INTEGER_FROM = InProtocolBase.integer_from_bytes
_DECIMAL_FROM = InProtocolBase.decimal_from_unicode


class _NoRule(Exception):
    """A type the compiler has no exact rule for."""


def compile_reader(protocol: XmlDocument, message: type[ComplexModelBase]) -> Reader | None:
    """A reader of the elements of ``message`` (a descriptor's ``in_message``) equal to
    ``protocol.from_element``; None when some part of it has no exact rule."""
    if (
        protocol.validator is protocol.SOFT_VALIDATION
        or type(protocol).from_element is not XmlDocument.from_element
    ):
        return None
    try:
        return _rule(protocol, message, {})
    except _NoRule:
        return None


def _rule(protocol: XmlDocument, cls: Any, seen: dict[Any, Reader]) -> Reader:
    handler = _function(protocol, protocol.deserialization_handlers[cls])
    if handler is XmlDocument.complex_from_element:
        if cls not in seen:
            _complex(protocol, cls, seen)
        return seen[cls]
    convert = _function(protocol, protocol._from_unicode_handlers[cls])
    attrs = protocol.get_cls_attrs(cls)
    empty_is_none = bool(attrs.empty_is_none)
    if handler is XmlDocument.unicode_from_element and convert is _UNICODE:
        if attrs.encoding is not None or protocol.string_encoding is not None:
            raise _NoRule(cls)
        return _text_reader(empty_is_none)
    if handler is XmlDocument.base_from_element and convert is _INTEGER_FROM:
        return _number_reader(_INTEGER, int, attrs.max_str_len, empty_is_none)
    if handler is XmlDocument.base_from_element and convert is _DECIMAL_FROM:
        return _number_reader(_DECIMAL, Decimal, attrs.max_str_len, empty_is_none)
    raise _NoRule(cls)


def _function(protocol: XmlDocument, handler: Any) -> Any:
    """The function behind ``handler``, a method of ``protocol`` (None for anything else):
    the rules hold for Spyne's own handlers, not for a subclass's overrides."""
    if getattr(handler, "__self__", None) is not protocol:
        return None
    return getattr(handler, "__func__", None)


def _text_reader(empty_is_none: bool) -> Reader:
    """``unicode_from_element``: the text ("" when none; None when empty reads as null)."""

    def read(element: etree._Element) -> Any:
        if element.attrib or len(element):
            return DECLINE
        text = element.text
        if not text:
            return None if empty_is_none else ""
        return text

    return read


def _number_reader(
    shape: re.Pattern[str], convert: Callable[[str], Any], longest: int | None, empty_is_none: bool
) -> Reader:
    """``base_from_element`` with Spyne's integer or decimal conversion, for plain digits."""

    def read(element: etree._Element) -> Any:
        if element.attrib or len(element):
            return DECLINE
        text = element.text
        if text is None:
            return None
        if not text:
            return None if empty_is_none else DECLINE
        if (longest is not None and len(text) > longest) or shape.fullmatch(text) is None:
            return DECLINE
        try:
            return convert(text)
        except (ValueError, ArithmeticError):  # int's digit limit, as Spyne's ValidationError
            return DECLINE

    return read


def _complex(protocol: XmlDocument, cls: Any, seen: dict[Any, Reader]) -> None:
    """``complex_from_element`` for ``cls``, stored in ``seen`` (before its members', so a
    type that contains itself refers to its own reader)."""
    orig = cls.__orig__ or cls
    attrs = protocol.get_cls_attrs(cls)
    if (
        attrs._xml_tag_body_as is not None
        or cls.get_deserialization_instance.__func__
        is not ComplexModelBase.get_deserialization_instance.__func__
        or type(orig).__call__ is not type.__call__
        or orig.__new__ is not object.__new__
        or orig.__init__ is not ComplexModelBase.__init__
    ):
        raise _NoRule(cls)
    flat = cls.get_flat_type_info(cls)
    template = dict(vars(orig()))
    if list(template) != list(flat) or any(value is not None for value in template.values()):
        raise _NoRule(cls)
    namespace = cls.get_namespace()
    members: dict[str, tuple[str, bool, list[Reader]]] = {}
    holders: list[tuple[Any, list[Reader]]] = []
    for key, member in flat.items():
        member_attrs = protocol.get_cls_attrs(member)
        if (
            issubclass(member, XmlAttribute)
            or member_attrs.read_only
            or member_attrs.default is not None
            or member_attrs.default_factory is not None
            or hasattr(orig, key)
        ):
            raise _NoRule(cls)
        holder: list[Reader] = []
        members[f"{{{namespace}}}{key}"] = (key, member_attrs.max_occurs > 1, holder)
        holders.append((member, holder))
    new = object.__new__

    def read(element: etree._Element) -> Any:
        if element.attrib:
            return DECLINE
        inst = new(orig)
        values = vars(inst)
        values.update(template)
        for child in element:
            found = members.get(child.tag)
            if found is None:
                return DECLINE
            key, many, (member_read,) = found
            value = member_read(child)
            if value is DECLINE:
                return DECLINE
            if many:
                listed = values[key]
                if listed is None:
                    values[key] = [value]
                else:
                    listed.append(value)
            else:
                values[key] = value
        return inst

    seen[cls] = read
    for member, holder in holders:
        holder.append(_rule(protocol, member, seen))

"""The compiled readers of UltraCart's operations (``simulators/core/protocols/soap_reader.py``)
make exactly the objects Spyne's deserialiser makes, or decline.

Operation elements are generated from Spyne's own definition of each operation's input (its
members, their min/max occurs and types): valid ones, and ones broken in every way the
generator knows (members missing, repeated, unknown, out of order or in another namespace;
attributes such as ``xsi:nil``; comments, processing instructions and text between members;
empty, blank, padded or malformed numbers; leaves with children...). They are parsed by the
shell's parser, as a request's envelope is, and each is given to the reader and to Spyne's
``Soap11.deserialize``: when the reader answers, its objects must equal Spyne's member by
member, classes and value types included; when Spyne refuses, the reader must decline; and a
valid element must be read (the reader does not merely decline everything).
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any
from xml.sax.saxutils import escape

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from lxml import etree
from spyne import MethodContext
from spyne.model.complex import ComplexModelBase
from spyne.model.primitive import Decimal as XsDecimal
from spyne.model.primitive import Integer, Unicode

from simulators.core.app import build_app
from simulators.core.clock import Clock
from simulators.core.context import SimContext
from simulators.core.protocols.soap import SoapApp, read_envelope
from simulators.core.protocols.soap_reader import DECLINE, compile_reader
from simulators.core.protocols.soap_thin import ThinSoap
from simulators.core.registry import channel_entry
from tests.ultracart.conftest import SOAP_ENV, T0, TNS

XSI = "http://www.w3.org/2001/XMLSchema-instance"


def _thin() -> ThinSoap:
    sim = SimContext(channel_entry("ultracart"), clock=Clock(T0, frozen=True), seed=3)
    shell = build_app(sim)
    assert isinstance(shell.app, SoapApp) and shell.app.thin is not None
    bound: Any = shell.app.thin
    thin = bound.__self__
    assert isinstance(thin, ThinSoap)
    return thin


THIN = _thin()
PROTOCOL = THIN.in_protocol
OPERATIONS = {
    key.split("}")[1]: methods[0] for key, methods in THIN.app.interface.service_method_map.items()
}

# --- what Spyne makes, and the comparison --------------------------------------------------


def spyne_reads(descriptor: Any, op: etree._Element) -> Any:
    """``Soap11.deserialize`` of ``op`` as the thin path calls it; the exception it raised
    when it refused."""
    ctx = MethodContext(THIN.server, MethodContext.SERVER)
    ctx.descriptor = descriptor
    ctx.in_header_doc = None
    ctx.in_body_doc = op
    try:
        PROTOCOL.deserialize(ctx, PROTOCOL.REQUEST)
    except Exception as exc:  # noqa: BLE001 - any refusal counts
        return exc
    return ctx.in_object


def same(got: Any, expected: Any, path: str = "") -> None:
    """``got`` and ``expected`` are the same objects: classes, members in order, value types
    and values (a decimal's exponent included)."""
    assert type(got) is type(expected), (path, got, expected)
    if isinstance(expected, ComplexModelBase):
        assert list(vars(got)) == list(vars(expected)), path
        for key, value in vars(expected).items():
            same(vars(got)[key], value, f"{path}.{key}")
    elif isinstance(expected, list):
        assert len(got) == len(expected), path
        for n, (one, other) in enumerate(zip(got, expected, strict=True)):
            same(one, other, f"{path}[{n}]")
    else:
        assert got == expected and repr(got) == repr(expected), (path, got, expected)


# --- generated operation elements ----------------------------------------------------------

_TEXT = st.text(
    st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="\ufffe\uffff")
    | st.sampled_from("\t\n\r &<>'\""),
    max_size=12,
)
_NASTY_NUMBERS = st.sampled_from(
    ["", " ", " 1", "1 ", "\n2\n", "1_000", "\u0661\u0662", "+7", "-0", "007", ".5", "5.", "-.5",
     "1e3", "1E+2", "NaN", "-Infinity", "inf", "0x10", "abc", "1.2.3", "9" * 5000, "1,5"]
)  # fmt: skip
_BAD_ATTRIBUTES = st.sampled_from(
    [f' xmlns:xsi="{XSI}" xsi:nil="true"', f' xmlns:xsi="{XSI}" xsi:nil="false"',
     f' xmlns:xsi="{XSI}" xsi:type="dc:Credentials"', ' foo="1"', ' dc:merchantId="x"',
     ' xml:lang="en"']
)  # fmt: skip
_INTRUDERS = st.sampled_from(
    ["<!-- c -->", "<?pi x?>", "text", "\n   ", "<dc:junk>1</dc:junk>", "<dc:junk/>",
     '<o:credentials xmlns:o="urn:other"/>', "<orderId>X-1</orderId>"]
)  # fmt: skip


def _leaf_text(cls: Any, clean: bool) -> st.SearchStrategy[str]:
    if issubclass(cls, Integer):
        plain = st.integers(-(10**12), 10**12).map(str)
    elif issubclass(cls, XsDecimal):
        plain = st.decimals(-(10**9), 10**9, places=3).map(str)
    else:
        assert issubclass(cls, Unicode), cls
        return _TEXT.map(escape) if clean else _TEXT.map(escape) | st.just("a<!--c-->b")
    if clean:
        return plain
    return plain | _NASTY_NUMBERS | _TEXT.map(escape)


@st.composite
def _element(draw: st.DrawFn, cls: Any, name: str, clean: bool, depth: int = 0) -> str:
    """An element ``dc:name`` of type ``cls``; ``clean``: valid, else perhaps broken."""
    broken = not clean and draw(st.booleans())
    attributes = draw(_BAD_ATTRIBUTES) if broken and draw(st.integers(0, 5)) == 0 else ""
    if not issubclass(cls, ComplexModelBase):
        text = draw(_leaf_text(cls, not broken))
        if broken and draw(st.integers(0, 6)) == 0:
            text += draw(st.sampled_from(["<dc:x/>", "<![CDATA[1]]>", "&amp;"]))
        if text == "" and draw(st.booleans()):
            return f"<dc:{name}{attributes}/>"
        return f"<dc:{name}{attributes}>{text}</dc:{name}>"
    children: list[str] = []
    for key, member in cls.get_flat_type_info(cls).items():
        attrs = PROTOCOL.get_cls_attrs(member)
        low, high = attrs.min_occurs, min(attrs.max_occurs, 3)
        if broken:
            low, high = 0, 3 if depth < 2 else 1
        for _ in range(draw(st.integers(low, max(low, high)))):
            children.append(draw(_element(member, key, clean, depth + 1)))
    if broken:
        if draw(st.booleans()):
            children = draw(st.permutations(children))
        for _ in range(draw(st.integers(0, 2))):
            at = draw(st.integers(0, len(children)))
            children.insert(at, draw(_INTRUDERS))
    separator = draw(st.sampled_from(["", "\n  "])) if clean else ""
    return f"<dc:{name}{attributes}>{separator.join(children)}</dc:{name}>"


def _body(operation: str, clean: bool) -> st.SearchStrategy[bytes]:
    message = OPERATIONS[operation].in_message
    return _element(message, operation, clean).map(
        lambda op: (
            f'<soap:Envelope xmlns:soap="{SOAP_ENV}" xmlns:dc="{TNS}"><soap:Body>{op}'
            "</soap:Body></soap:Envelope>"
        ).encode()
    )


def _operation_element(body: bytes) -> etree._Element:
    found = read_envelope(body)
    return next(child for child in found if isinstance(child.tag, str))


_SETTINGS = settings(max_examples=400, deadline=None, suppress_health_check=list(HealthCheck))


@pytest.mark.parametrize("operation", sorted(OPERATIONS))
def test_every_operation_has_a_reader(operation):
    assert compile_reader(PROTOCOL, OPERATIONS[operation].in_message) is not None


@pytest.mark.parametrize("operation", sorted(OPERATIONS))
@_SETTINGS
@given(data=st.data())
def test_a_reader_makes_what_spyne_makes_or_declines(operation, data):
    descriptor = OPERATIONS[operation]
    reader = compile_reader(PROTOCOL, descriptor.in_message)
    assert reader is not None
    clean = data.draw(st.booleans(), label="clean")
    op = _operation_element(data.draw(_body(operation, clean), label="body"))
    expected = spyne_reads(descriptor, op)
    got = reader(op)
    event(
        f"{'clean' if clean else 'broken'}: spyne "
        f"{'refused' if isinstance(expected, Exception) else 'read'}, reader "
        f"{'declined' if got is DECLINE else 'read'}"
    )
    if isinstance(expected, Exception):
        assert got is DECLINE, f"Spyne refused ({expected!r}), the reader answered {got!r}"
    elif got is not DECLINE:
        same(got, expected)
    if clean:
        assert got is not DECLINE, "a valid element must be read"


def test_a_read_answer_is_new_each_time():
    """Two calls never share an object (the service may keep what it is given)."""
    descriptor = OPERATIONS["postShipments"]
    reader = compile_reader(PROTOCOL, descriptor.in_message)
    assert reader is not None
    shipment = "<dc:shipment><dc:orderId>A-1</dc:orderId><dc:trackingNumber>1</dc:trackingNumber>"
    shipment += "<dc:shippingCost>1.50</dc:shippingCost></dc:shipment>"
    op = _operation_element(
        f'<soap:Envelope xmlns:soap="{SOAP_ENV}" xmlns:dc="{TNS}"><soap:Body><dc:postShipments>'
        f"<dc:credentials/>{shipment}{shipment}</dc:postShipments></soap:Body></soap:Envelope>"
        "".encode()
    )
    first, second = reader(op), reader(op)
    same(first, spyne_reads(descriptor, op))
    assert first is not second and first.shipment is not second.shipment
    assert first.shipment[0] is not first.shipment[1]
    assert first.shipment[0].shippingCost == Decimal("1.50")

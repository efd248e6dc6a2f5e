"""What the compiled SOAP readers (``simulators/core/protocols/soap_reader.py``) take on, on a
toy Spyne service of their own: a type they have no exact rule for gives no reader at all
(Spyne's deserialiser then reads every call), and a reader's objects are Spyne's."""

from __future__ import annotations

from typing import Any

import pytest
from lxml import etree
from spyne import (
    Application,
    ComplexModel,
    Date,
    Integer,
    MethodContext,
    Service,
    Unicode,
    XmlAttribute,
    rpc,
)
from spyne.protocol.soap import Soap11
from spyne.server.wsgi import WsgiApplication

from simulators.core.protocols.soap_reader import DECLINE, compile_reader

TNS = "urn:toy"


class Plain(ComplexModel):  # type: ignore[misc]
    __namespace__ = TNS
    _type_info = (
        ("name", Unicode),
        ("count", Integer(max_occurs="unbounded")),
        ("blank", Unicode(empty_is_none=True)),
    )


class Nested(ComplexModel):  # type: ignore[misc]
    __namespace__ = TNS
    _type_info = (("plain", Plain), ("again", Plain.customize(max_occurs=3)))


class Dated(ComplexModel):  # type: ignore[misc]
    __namespace__ = TNS
    _type_info = (("when", Date),)


class Defaulted(ComplexModel):  # type: ignore[misc]
    __namespace__ = TNS
    _type_info = (("name", Unicode(default="x")),)


class Attributed(ComplexModel):  # type: ignore[misc]
    __namespace__ = TNS
    _type_info = (("name", Unicode), ("lang", XmlAttribute(Unicode)))


class Toy(Service):  # type: ignore[misc]
    @rpc(Nested, Unicode, _returns=Integer)  # type: ignore[untyped-decorator]
    def nested(ctx: Any, nested: Nested, note: str) -> int:
        return 0

    @rpc(Dated, _returns=Integer)  # type: ignore[untyped-decorator]
    def dated(ctx: Any, dated: Dated) -> int:
        return 0

    @rpc(Defaulted, _returns=Integer)  # type: ignore[untyped-decorator]
    def defaulted(ctx: Any, defaulted: Defaulted) -> int:
        return 0

    @rpc(Attributed, _returns=Integer)  # type: ignore[untyped-decorator]
    def attributed(ctx: Any, attributed: Attributed) -> int:
        return 0


def _app(validator: str | None = "lxml") -> Application:
    return Application([Toy], tns=TNS, in_protocol=Soap11(validator=validator),
                       out_protocol=Soap11())  # fmt: skip


APP = _app()


def _in_message(app: Application, name: str) -> Any:
    return app.interface.service_method_map[f"{{{TNS}}}{name}"][0].in_message


@pytest.mark.parametrize("name", ["dated", "defaulted", "attributed"])
def test_a_type_without_an_exact_rule_gives_no_reader(name):
    assert compile_reader(APP.in_protocol, _in_message(APP, name)) is None


class Trimming(Soap11):  # type: ignore[misc]
    """A protocol that reads text otherwise than Spyne's own handler."""

    def unicode_from_element(self, ctx: Any, cls: Any, element: Any) -> Any:
        return (element.text or "").strip()


def test_a_protocol_that_reads_otherwise_gives_no_reader():
    app = Application([Toy], tns=TNS, in_protocol=Trimming(validator="lxml"),
                      out_protocol=Soap11())  # fmt: skip
    assert compile_reader(app.in_protocol, _in_message(app, "nested")) is None


def test_soft_validation_gives_no_reader():
    soft = _app("soft")
    assert compile_reader(soft.in_protocol, _in_message(soft, "nested")) is None


@pytest.mark.parametrize(
    ("inner", "read"),
    [
        (("<t:nested><t:plain><t:name>a</t:name><t:count>1</t:count><t:count>-2</t:count>"
         "<t:blank/></t:plain><t:again/><t:again><t:name/></t:again></t:nested><t:note/>"), True),
        (("<t:nested><t:plain><t:name>a</t:name></t:plain><t:plain><t:name>b</t:name>"
         "</t:plain></t:nested><t:note>n</t:note><t:note>m</t:note>"), True),
        ("<t:nested><t:plain><t:count></t:count></t:plain></t:nested>", True),  # None
        ("<t:nested><t:plain><t:count>x</t:count></t:plain></t:nested>", False),
        ("<t:nested><t:plain><t:count> 1</t:count></t:plain></t:nested>", False),
        ("<t:nested><t:plain><t:other>1</t:other></t:plain></t:nested>", False),
        ("<t:nested><t:plain><t:name xml:lang='en'>a</t:name></t:plain></t:nested>", False),
    ],
)  # fmt: skip
def test_a_reader_makes_spynes_objects(inner, read):
    op = etree.fromstring(f'<t:nested xmlns:t="{TNS}">{inner}</t:nested>')
    descriptor = APP.interface.service_method_map[f"{{{TNS}}}nested"][0]
    reader = compile_reader(APP.in_protocol, descriptor.in_message)
    assert reader is not None
    ctx = MethodContext(WsgiApplication(APP), MethodContext.SERVER)
    ctx.descriptor, ctx.in_header_doc, ctx.in_body_doc = descriptor, None, op
    try:
        APP.in_protocol.deserialize(ctx, APP.in_protocol.REQUEST)
        expected = ctx.in_object
    except Exception:  # noqa: BLE001 - a refusal: the reader must decline
        expected = DECLINE
    got = reader(op)
    assert (got is not DECLINE) is read
    if read:
        assert _plain(got) == _plain(expected)


def _plain(value: Any) -> Any:
    """A value as nested (class, members) tuples, with each leaf's type and repr."""
    if isinstance(value, ComplexModel):
        return type(value), [(k, _plain(v)) for k, v in vars(value).items()]
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return type(value), repr(value)

"""SOAP 1.1 channels: a WSDL contract, a WSGI SOAP application (Spyne) behind the ASGI shell.

- :class:`SoapContract` reads the WSDL with lxml (no SOAP library): operation names and their
  ``soapAction``; a request is identified by the first element of its body, else by its
  ``SOAPAction`` header. An operation marked ``wsdlx:safe="true"`` is read-only (the shell may
  reuse its answer to the same body while the state is unchanged). ``GET <endpoint>?wsdl``,
  where a SOAP service describes itself, is the read-only operation ``wsdl``.
- :func:`read_envelope` parses a request body safely: no DTD (SOAP 1.1 forbids one, and it is
  how external entities and entity expansion get in), no network, no huge trees.
- :class:`SoapProtocol` serves a :class:`SoapChannel`'s WSGI application through a small
  WSGI→ASGI bridge that runs it on the event loop (the channel's state has one owner); an
  envelope that cannot be read, an unknown operation or a ``SOAPAction`` naming another
  operation than the body is refused with the channel's SOAP fault before the application runs.
"""

from __future__ import annotations

import io
from abc import abstractmethod
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType
from typing import Any

from lxml import etree

from simulators.core.channel import ChannelDefinition, SimServices
from simulators.core.errors import ChannelError
from simulators.core.protocol import ASGIApp, Contract, Message, Operation, Protocol
from simulators.core.request import HttpReply, RequestInfo

WSDL_NS = "http://schemas.xmlsoap.org/wsdl/"
WSDL_SOAP_NS = "http://schemas.xmlsoap.org/wsdl/soap/"
#: WSDL 2.0's extension namespace: ``wsdlx:safe="true"`` marks an operation that changes nothing.
WSDLX_NS = "http://www.w3.org/ns/wsdl-extensions"
SOAP_ENV = "http://schemas.xmlsoap.org/soap/envelope/"
#: A WSGI application: ``(environ, start_response) -> iterable of bytes``.
WsgiApp = Callable[[dict[str, Any], Callable[..., Any]], Iterable[bytes]]


#: Where a WSGI SOAP application leaves a refusal (a ChannelError) for the bridge to render in
#: the channel's own fault shape.
ERROR_KEY = "chansim.error"
#: The operation name of ``GET <endpoint>?wsdl``.
WSDL_OPERATION = "wsdl"


def is_wsdl_request(request: RequestInfo) -> bool:
    """``GET <endpoint>?wsdl``: the service's description, public."""
    return request.method == "GET" and request.query.split("=")[0].lower() == "wsdl"


class EnvelopeError(ValueError):
    """A request body that is not a readable SOAP 1.1 envelope; the message says why."""


def _parser() -> etree.XMLParser:
    return etree.XMLParser(
        resolve_entities=False, no_network=True, huge_tree=False, load_dtd=False,
        dtd_validation=False,
    )  # fmt: skip


def read_envelope(body: bytes) -> etree._Element:
    """The ``Body`` element of a SOAP 1.1 envelope, parsed safely (EnvelopeError otherwise)."""
    if not body.strip():
        raise EnvelopeError("the request has no body; send a SOAP 1.1 envelope")
    head = body[:4096].lower()
    if b"<!doctype" in head or b"<!entity" in body.lower():
        raise EnvelopeError("a SOAP message must not contain a document type declaration")
    try:
        root = etree.fromstring(body, _parser())
    except etree.XMLSyntaxError as exc:
        raise EnvelopeError(f"the envelope is not well-formed XML: {exc.msg}") from None
    if root.tag != f"{{{SOAP_ENV}}}Envelope":
        raise EnvelopeError(
            f"the root element is {etree.QName(root).localname!r}, not a SOAP 1.1 Envelope "
            f"in namespace {SOAP_ENV}"
        )
    found = root.find(f"{{{SOAP_ENV}}}Body")
    if found is None:
        raise EnvelopeError("the envelope has no Body")
    return found


def first_element(body: etree._Element) -> str | None:
    """The local name of the body's first element (the operation of a document/literal call)."""
    for child in body:
        if isinstance(child.tag, str):
            return str(etree.QName(child).localname)
    return None


def soap_action(request: RequestInfo) -> str | None:
    """The ``SOAPAction`` header without its quotes (None when absent)."""
    value = request.header("soapaction")
    return None if value is None else value.strip().strip('"')


class SoapContract(Contract):
    """The operations of a WSDL and the ``soapAction`` of each."""

    def __init__(self, wsdl: Path) -> None:
        root = etree.parse(str(wsdl), _parser()).getroot()
        actions: dict[str, str] = {}
        for binding in root.iterfind(f"{{{WSDL_NS}}}binding"):
            for op in binding.iterfind(f"{{{WSDL_NS}}}operation"):
                soap_op = op.find(f"{{{WSDL_SOAP_NS}}}operation")
                action = soap_op.get("soapAction", "") if soap_op is not None else ""
                actions[op.get("name", "")] = action
        self.actions = MappingProxyType(actions)
        self.safe = frozenset(
            op.get("name", "")
            for port_type in root.iterfind(f"{{{WSDL_NS}}}portType")
            for op in port_type.iterfind(f"{{{WSDL_NS}}}operation")
            if op.get(f"{{{WSDLX_NS}}}safe") == "true"
        )
        self.by_action = MappingProxyType({a: n for n, a in actions.items() if a})

    def operations(self) -> frozenset[str]:
        return frozenset({*self.actions, WSDL_OPERATION})

    def identify(self, request: RequestInfo) -> Operation | None:
        """The operation named by the body's first element, else by ``SOAPAction``."""
        if is_wsdl_request(request):
            return Operation(WSDL_OPERATION, read_only=True)
        if request.method != "POST":
            return None
        try:
            name = first_element(read_envelope(request.body))
        except EnvelopeError:
            name = None
        if name not in self.actions:
            name = self.by_action.get(soap_action(request) or "")
        return Operation(name, read_only=name in self.safe, vary=("soapaction",)) if name else None

    def problem(self, request: RequestInfo) -> str | None:
        """Why the request cannot reach an operation (None when it can)."""
        if request.method != "POST":
            return f"use POST for SOAP requests, or GET {request.path}?wsdl for the WSDL"
        try:
            name = first_element(read_envelope(request.body))
        except EnvelopeError as exc:
            return str(exc)
        if name is None:
            return "the SOAP Body is empty; it must hold one operation element"
        if name not in self.actions:
            return f"unknown operation {name!r}; operations: {', '.join(sorted(self.actions))}"
        action = soap_action(request)
        if action is None:
            return f'the SOAPAction header is missing; send SOAPAction: "{self.actions[name]}"'
        if action and action != self.actions[name]:
            return (
                f"SOAPAction {action!r} does not match the body's operation {name!r} "
                f"(expected {self.actions[name]!r})"
            )
        return None


class SoapChannel(ChannelDefinition):
    """A channel served by a WSGI SOAP application: the SOAP-only hooks."""

    @abstractmethod
    def wsgi_application(self, ctx: SimServices) -> WsgiApp:
        """The channel's SOAP service as a WSGI application (import the SOAP library here)."""

    @abstractmethod
    def envelope_error(self, message: str) -> ChannelError:
        """The channel's fault for a request that cannot reach an operation."""

    def normalise(self, reply: HttpReply) -> HttpReply:
        """Turn the SOAP library's own faults into the channel's shape (default: as is)."""
        return reply


@dataclass
class _Captured:
    status: int = 500
    headers: tuple[tuple[str, str], ...] = ()


def _environ(scope: dict[str, Any] | Any, body: bytes) -> dict[str, Any]:
    server = scope.get("server") or ("127.0.0.1", 80)
    environ: dict[str, Any] = {
        "REQUEST_METHOD": scope["method"],
        "SCRIPT_NAME": "",
        "PATH_INFO": scope["path"],
        "QUERY_STRING": scope["query_string"].decode("latin-1"),
        "SERVER_NAME": str(server[0]),
        "SERVER_PORT": str(server[1]),
        "SERVER_PROTOCOL": f"HTTP/{scope.get('http_version', '1.1')}",
        "CONTENT_LENGTH": str(len(body)),
        "wsgi.version": (1, 0),
        "wsgi.url_scheme": scope.get("scheme", "http"),
        "wsgi.input": io.BytesIO(body),
        "wsgi.errors": io.StringIO(),
        "wsgi.multithread": False,
        "wsgi.multiprocess": False,
        "wsgi.run_once": False,
    }
    for raw_name, raw_value in scope["headers"]:
        name = raw_name.decode("latin-1").upper().replace("-", "_")
        value = raw_value.decode("latin-1")
        if name == "CONTENT_TYPE":
            environ["CONTENT_TYPE"] = value
        elif name != "CONTENT_LENGTH":
            key = f"HTTP_{name}"
            environ[key] = f"{environ[key]},{value}" if key in environ else value
    return environ


def call_wsgi(app: WsgiApp, environ: dict[str, Any]) -> HttpReply:
    """Run a WSGI application to completion and collect its answer."""
    captured = _Captured()

    def start_response(status: str, headers: list[tuple[str, str]], exc_info: Any = None) -> Any:
        captured.status = int(status.split(" ", 1)[0])
        captured.headers = tuple(
            (k.lower(), v) for k, v in headers if k.lower() != "content-length"
        )
        return lambda _data: None

    chunks = app(environ, start_response)
    try:
        body = b"".join(c if isinstance(c, bytes) else str(c).encode() for c in chunks)
    finally:
        close = getattr(chunks, "close", None)
        if close is not None:
            close()
    return HttpReply(captured.status, captured.headers, body)


async def _read(receive: Callable[[], Any]) -> bytes:
    chunks: list[bytes] = []
    while True:
        message: Message = await receive()
        if message["type"] != "http.request":
            break
        chunks.append(message.get("body", b""))
        if not message.get("more_body", False):
            break
    return b"".join(chunks)


def bridge(ctx: SimServices, channel: SoapChannel, contract: SoapContract, app: WsgiApp) -> ASGIApp:
    """The ASGI app that checks the envelope, then runs the WSGI SOAP application."""

    async def serve(scope: Any, receive: Any, send: Any) -> None:
        body = await _read(receive)
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope["headers"]}
        request = RequestInfo(
            method=scope["method"], path=scope["path"],
            query=scope["query_string"].decode("latin-1"), headers=headers,
            raw_headers=list(headers.items()), body=body, operation=None,
        )  # fmt: skip
        problem = None if is_wsdl_request(request) else contract.problem(request)
        if problem is not None:
            reply = channel.render_error(channel.envelope_error(problem))
        else:
            environ = _environ(scope, body)
            reply = call_wsgi(app, environ)
            refusal = environ.get(ERROR_KEY)
            if isinstance(refusal, ChannelError):
                reply = channel.render_error(refusal)
            else:
                reply = channel.normalise(reply)
        headers_out = [(k.encode("latin-1"), v.encode("latin-1")) for k, v in reply.headers]
        headers_out.append((b"content-length", str(len(reply.body)).encode("ascii")))
        await send({"type": "http.response.start", "status": reply.status, "headers": headers_out})
        await send({"type": "http.response.body", "body": reply.body})

    return serve


class SoapProtocol(Protocol):
    """WSDL + a WSGI SOAP application behind the shell."""

    name = "soap"

    def contract(self, spec: Path) -> SoapContract:
        return SoapContract(spec)

    def build_app(self, ctx: SimServices, *, validate_responses: bool = False) -> ASGIApp:
        channel = ctx.channel
        if not isinstance(channel, SoapChannel) or not isinstance(ctx.contract, SoapContract):
            raise TypeError(f"{ctx.name}: a soap channel must be a SoapChannel")
        return bridge(ctx, channel, ctx.contract, channel.wsgi_application(ctx))

    def malform(self, body: bytes) -> bytes:
        """XML cut short, with an unclosed comment: no XML parser reads it."""
        return body[: max(1, len(body) // 2)] + b"<!-- garbage"


PROTOCOL = SoapProtocol()

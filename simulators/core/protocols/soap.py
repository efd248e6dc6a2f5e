"""SOAP 1.1 channels: a WSDL contract, a WSGI SOAP application (Spyne) behind the ASGI shell.

- :class:`SoapContract` reads the WSDL with lxml (no SOAP library): operation names and their
  ``soapAction``; a request is identified by the first element of its body, else by its
  ``SOAPAction`` header. An operation marked ``wsdlx:safe="true"`` is read-only (the shell may
  reuse its answer to the same body while the state is unchanged). ``GET <endpoint>?wsdl``,
  where a SOAP service describes itself, is the read-only operation ``wsdl``.
- :func:`read_envelope` parses a request body safely: no DTD (SOAP 1.1 forbids one, and it is
  how external entities and entity expansion get in), no network, no huge trees;
  :func:`envelope_of` does it once per request, however many steps (the shell naming the
  operation, the gate, the bridge) read the envelope.
- :class:`SoapProtocol` serves a :class:`SoapChannel`'s WSGI application through a small
  WSGI→ASGI bridge that runs it on the event loop (the channel's state has one owner), or
  straight from the shell in one call (:class:`SoapApp`, through Spyne's own steps without WSGI
  when it can: ``soap_thin.py``); an envelope that cannot be read, an
  unknown operation or a ``SOAPAction`` naming another operation than the body is refused
  with the channel's SOAP fault before the application runs.
"""

from __future__ import annotations

import io
from abc import abstractmethod
from collections.abc import Callable, Iterable
from http import HTTPStatus
from pathlib import Path
from types import MappingProxyType
from typing import Any

from lxml import etree

from simulators.core.channel import ChannelDefinition, SimServices
from simulators.core.errors import ChannelError
from simulators.core.protocol import ASGIApp, Contract, Operation, Protocol, Receive, Scope
from simulators.core.request import HttpReply, RequestInfo
from simulators.core.safe_xml import XmlRefused, parse
from simulators.core.wsgi import REQUEST_KEY, WsgiApp, WsgiBridge, environ_of

WSDL_NS = "http://schemas.xmlsoap.org/wsdl/"
WSDL_SOAP_NS = "http://schemas.xmlsoap.org/wsdl/soap/"
#: WSDL 2.0's extension namespace: ``wsdlx:safe="true"`` marks an operation that changes nothing.
WSDLX_NS = "http://www.w3.org/ns/wsdl-extensions"
SOAP_ENV = "http://schemas.xmlsoap.org/soap/envelope/"


#: Where a WSGI SOAP application leaves a refusal (a ChannelError) for the bridge to render in
#: the channel's own fault shape.
ERROR_KEY = "chansim.error"
#: Where a simulator serves its SOAP service (and ``?wsdl``).
ENDPOINT = "/"
#: The operation name of ``GET <endpoint>?wsdl``.
WSDL_OPERATION = "wsdl"


def is_wsdl_request(request: RequestInfo) -> bool:
    """``GET <endpoint>?wsdl``: the service's description, public."""
    return request.method == "GET" and request.query.split("=")[0].lower() == "wsdl"


class EnvelopeError(ValueError):
    """A request body that is not a readable SOAP 1.1 envelope; the message says why."""


def read_envelope(body: bytes) -> etree._Element:
    """The ``Body`` element of a SOAP 1.1 envelope, parsed safely (EnvelopeError otherwise)."""
    if not body.strip():
        raise EnvelopeError("the request has no body; send a SOAP 1.1 envelope")
    if b"<!DOCTYPE" in body or b"<!ENTITY" in body:
        raise EnvelopeError("a SOAP message must not contain a document type declaration")
    try:
        root = parse(body)
    except XmlRefused as exc:
        raise EnvelopeError(f"the envelope is {exc}") from None
    if root.tag != f"{{{SOAP_ENV}}}Envelope":
        raise EnvelopeError(
            f"the root element is {etree.QName(root).localname!r}, not a SOAP 1.1 Envelope "
            f"in namespace {SOAP_ENV}"
        )
    found = root.find(f"{{{SOAP_ENV}}}Body")
    if found is None:
        raise EnvelopeError("the envelope has no Body")
    return found


#: The name under which :func:`envelope_of` keeps its reading in ``RequestInfo.readings``.
_ENVELOPE = "soap.envelope"


def envelope_of(request: RequestInfo) -> etree._Element:
    """:func:`read_envelope` of the request's body, read once per request (the element is
    shared by every reader: read it, never change it)."""
    found = request.readings.get(_ENVELOPE)
    if found is None:
        try:
            found = read_envelope(request.body)
        except EnvelopeError as exc:
            found = str(exc)
        request.readings[_ENVELOPE] = found
    if isinstance(found, str):
        raise EnvelopeError(found)
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
        root = parse(wsdl.read_bytes())
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
            name = first_element(envelope_of(request))
        except EnvelopeError:
            name = None
        if name not in self.actions:
            name = self.by_action.get(soap_action(request) or "")
        return Operation(name, read_only=name in self.safe, vary=("soapaction",)) if name else None

    def problem(self, request: RequestInfo) -> str | None:
        """Why the request cannot reach an operation or the WSDL (None when it can)."""
        if request.path != ENDPOINT:
            return f"no SOAP service at {request.path}; the service is at {ENDPOINT}"
        if is_wsdl_request(request):
            return None
        if request.method != "POST":
            return f"use POST for SOAP requests, or GET {request.path}?wsdl for the WSDL"
        try:
            name = first_element(envelope_of(request))
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


def _request_of(environ: dict[str, Any], body: bytes) -> RequestInfo:
    headers = {
        key[5:].lower().replace("_", "-"): value
        for key, value in environ.items()
        if key.startswith("HTTP_")
    }
    if "CONTENT_TYPE" in environ:
        headers["content-type"] = environ["CONTENT_TYPE"]
    return RequestInfo(
        method=environ["REQUEST_METHOD"],
        path=environ["PATH_INFO"],
        query=environ.get("QUERY_STRING", ""),
        headers=headers,
        raw_headers=list(headers.items()),
        body=body,
        operation=None,
    )


def call_wsgi(app: WsgiApp, environ: dict[str, Any]) -> HttpReply:
    """Run a WSGI application to completion and collect its answer."""
    started: list[tuple[int, tuple[tuple[str, str], ...]]] = []

    def start_response(status: str, headers: list[tuple[str, str]], exc_info: Any = None) -> Any:
        kept = tuple((k.lower(), v) for k, v in headers if k.lower() != "content-length")
        started[:] = [(int(status.split(" ", 1)[0]), kept)]
        return lambda _data: None

    chunks = app(environ, start_response)
    try:
        body = b"".join(chunks)
    finally:
        close = getattr(chunks, "close", None)
        if close is not None:
            close()
    status, headers = started[0]
    return HttpReply(status, headers, body)


#: A shorter way to ``app``'s answer to a request (given its WSGI environ), or None when
#: only the application itself can answer (:class:`~simulators.core.protocols.soap_thin.ThinSoap`).
ThinPath = Callable[[RequestInfo, dict[str, Any]], HttpReply | None]


def answer(
    channel: SoapChannel,
    contract: SoapContract,
    app: WsgiApp,
    environ: dict[str, Any],
    request: RequestInfo,
    thin: ThinPath | None = None,
) -> HttpReply:
    """Refuse an envelope no operation can take, else run ``app`` (through ``thin`` when it
    can answer) and render its refusals (``environ[ERROR_KEY]``) and its library's faults in
    the channel's fault shape."""
    problem = contract.problem(request)
    if problem is not None:
        return channel.render_error(channel.envelope_error(problem))
    reply = thin(request, environ) if thin is not None else None
    if reply is None:
        reply = call_wsgi(app, environ)
    refusal = environ.get(ERROR_KEY)
    if isinstance(refusal, ChannelError):
        return channel.render_error(refusal)
    return channel.normalise(reply)


def guarded(channel: SoapChannel, contract: SoapContract, app: WsgiApp) -> WsgiApp:
    """:func:`answer` as a WSGI app."""

    def serve(environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
        body = environ["wsgi.input"].read()
        environ["wsgi.input"] = io.BytesIO(body)
        shell = environ.get(REQUEST_KEY)
        request = shell if isinstance(shell, RequestInfo) and shell.body == body else None
        if request is None:
            request = _request_of(environ, body)
        reply = answer(channel, contract, app, environ, request)
        start_response(f"{reply.status} {HTTPStatus(reply.status).phrase}", list(reply.headers))
        return [reply.body]

    return serve


class SoapApp(WsgiBridge):
    """A SOAP channel's application: ASGI, or one call from the shell that returns the reply
    (:class:`~simulators.core.protocol.ReplyingApp`: no ASGI messages to capture and decode),
    through ``thin`` when it can answer (the ASGI path always runs the WSGI application)."""

    def __init__(
        self,
        channel: SoapChannel,
        contract: SoapContract,
        app: WsgiApp,
        thin: ThinPath | None = None,
    ) -> None:
        super().__init__(guarded(channel, contract, app))
        self._parts = (channel, contract, app)
        self.thin = thin

    async def reply(self, scope: Scope, receive: Receive, request: RequestInfo) -> HttpReply:
        """:func:`answer` for a request the shell has read."""
        return answer(*self._parts, environ_of(scope, request.body), request, self.thin)


class SoapProtocol(Protocol):
    """WSDL + a WSGI SOAP application behind the shell."""

    name = "soap"

    def contract(self, spec: Path) -> SoapContract:
        return SoapContract(spec)

    def build_app(self, ctx: SimServices, *, validate_responses: bool = False) -> ASGIApp:
        channel = ctx.channel
        if not isinstance(channel, SoapChannel) or not isinstance(ctx.contract, SoapContract):
            raise TypeError(f"{ctx.name}: a soap channel must be a SoapChannel")
        from simulators.core.protocols.soap_thin import ThinSoap

        app = channel.wsgi_application(ctx)
        thin = ThinSoap.of(app)
        return SoapApp(channel, ctx.contract, app, thin.call if thin is not None else None)

    def malform(self, body: bytes) -> bytes:
        """XML cut short, with an unclosed comment: no XML parser reads it."""
        return body[: max(1, len(body) // 2)] + b"<!-- garbage"


PROTOCOL = SoapProtocol()

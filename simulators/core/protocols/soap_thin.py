"""A SOAP 1.1 call answered by Spyne's own steps, without its WSGI layer or a second parse.

Spyne's ``WsgiApplication.handle_rpc`` answers a call in four steps: it parses the body and
finds the operation (``generate_contexts``), deserialises the operation element
(``get_in_object``), calls the service method (``get_out_object``) and writes the reply
(``get_out_string``). :class:`ThinSoap` takes the first step from what the shell has already
read (the envelope :func:`~simulators.core.protocols.soap.envelope_of` parsed once per
request) and runs the rest with Spyne's own functions on Spyne's own method context: the same
schema validation, the same deserialised objects (made by a reader compiled from the
operation's types when it can, by Spyne's deserialiser otherwise), the same service call and
events, the same reply or fault bytes and headers.

It takes only a call it can read exactly as Spyne would, and answers None (the caller then
runs the WSGI application, whose answer is the reference) for anything else:

- a body Spyne would read otherwise: no ``Content-Type`` (Spyne's 405), SOAP with
  attachments (``multipart/related``), a charset other than UTF-8 (Spyne decodes with it),
  a byte-order mark, a document not in UTF-8, ``xml:id`` attributes (Spyne resolves
  ``href`` references), a body over Spyne's size limit;
- an operation element holding a comment or processing instruction (Spyne's parser drops
  them, and joins the text around them; ours keeps them);
- an application with listeners on ``wsgi_call`` (they would see the call first);
- a call Spyne refuses before its method runs (schema validation, an operation it does not
  know, a value it cannot deserialise): nothing has changed yet, and the full path writes
  that fault as it always has;
- an operation with SOAP headers in, auxiliary methods or MTOM.

The parsers differ in one more way that cannot change a call: ours drops whitespace-only text
between elements (``remove_blank_text``). Whitespace is allowed there by every element-only
type, ignored by Spyne's deserialiser, and refused with or without it by a simple type (which
allows no child element); a leaf's whitespace-only text is kept by both.
"""

from __future__ import annotations

import logging
from inspect import isgenerator
from itertools import chain
from typing import Any

from lxml import etree
from spyne import Fault
from spyne.application import get_fault_string_from_exception
from spyne.const.http import HTTP_200
from spyne.protocol.soap import Soap11
from spyne.server.wsgi import WsgiApplication, WsgiMethodContext, _gen_http_headers

from simulators.core.protocols.soap import SOAP_ENV, EnvelopeError, envelope_of
from simulators.core.protocols.soap_reader import DECLINE, Reader, compile_reader
from simulators.core.request import HttpReply, RequestInfo

_log = logging.getLogger("spyne.server.wsgi")
_HEADER = f"{{{SOAP_ENV}}}Header"
_UTF8 = frozenset({"charset=utf-8", 'charset="utf-8"', "charset=utf8", 'charset="utf8"'})
_NOT_ELEMENTS = (etree.Comment, etree.ProcessingInstruction)


def plain_content_type(value: str) -> bool:
    """A ``Content-Type`` with which Spyne reads the body's bytes as they are: not SOAP with
    attachments, and no charset but UTF-8 (decoding valid UTF-8 and encoding it again gives
    the same bytes). Any doubt (a parameter merely mentioning a charset) says no."""
    lowered = value.lower()
    if "multipart/related" in lowered:
        return False
    return all(part.strip() in _UTF8 for part in lowered.split(";")[1:] if "charset" in part)


class ThinSoap:
    """Spyne's request path for one ``WsgiApplication`` whose protocols are SOAP 1.1."""

    def __init__(self, server: WsgiApplication) -> None:
        self.server = server
        self.app = server.app
        self.in_protocol = server.app.in_protocol
        #: Each operation's compiled reader of its input (None: it has none), made on first use.
        self.readers: dict[Any, Reader | None] = {}

    @classmethod
    def of(cls, app: Any) -> ThinSoap | None:
        """The thin path of ``app``, or None when it is not Spyne's SOAP 1.1 over WSGI."""
        if not isinstance(app, WsgiApplication):
            return None
        if not isinstance(app.app.in_protocol, Soap11):
            return None
        if not isinstance(app.app.out_protocol, Soap11):
            return None
        return cls(app)

    def call(self, request: RequestInfo, environ: dict[str, Any]) -> HttpReply | None:
        """Spyne's answer to ``request`` (``environ`` is its WSGI environ, the transport's
        ``req_env``); None when the full path must answer (see the module's docstring)."""
        found = self._operation(request, environ.get("CONTENT_TYPE"))
        if found is None:
            return None
        root, op = found
        server, prot = self.server, self.in_protocol
        ctx = WsgiMethodContext(server, environ, self.app.out_protocol.mime_type)
        ctx.in_string = [request.body]
        ctx.in_document = root
        header = root.find(_HEADER)
        ctx.in_header_doc = list(header) if header is not None else None
        ctx.in_body_doc = op
        ctx.method_request_string = op.tag
        try:
            prot.validate_body(ctx, prot.REQUEST)
        except Fault:
            return None
        handles = prot.get_call_handles(ctx)
        if len(handles) != 1:
            return None
        descriptor = handles[0]
        if descriptor.in_header is not None or descriptor.mtom:
            return None
        ctx.descriptor = descriptor
        if not self._read(ctx, descriptor, op):
            try:
                prot.deserialize(ctx, prot.REQUEST)
            except Fault:
                return None
        return self._run(ctx)

    def _read(self, ctx: Any, descriptor: Any, op: etree._Element) -> bool:
        """``Soap11.deserialize`` of the operation element by the operation's compiled reader
        (the same objects, see :mod:`~simulators.core.protocols.soap_reader`); False when it
        declines, or when the protocol has listeners on its deserialisation events."""
        if descriptor not in self.readers:
            stock = type(self.in_protocol).deserialize is Soap11.deserialize
            made = compile_reader(self.in_protocol, descriptor.in_message) if stock else None
            self.readers[descriptor] = made
        reader = self.readers[descriptor]
        handlers = self.in_protocol.event_manager.handlers
        if (
            reader is None
            or handlers.get("before_deserialize")
            or handlers.get("after_deserialize")
        ):
            return False
        found = reader(op)
        if found is DECLINE:
            return False
        ctx.in_object = found
        return True

    def _operation(
        self, request: RequestInfo, content_type: str | None
    ) -> tuple[etree._Element, etree._Element] | None:
        """The envelope and its operation element, when Spyne would read the same ones
        (``content_type`` as Spyne reads it: the environ's, the last such header)."""
        body = request.body
        if (
            content_type is None
            or not plain_content_type(content_type)
            or len(body) > self.server.max_content_length
            or body.startswith(b"\xef\xbb\xbf")
            or b"xml:id" in body
            or self.server.event_manager.handlers.get("wsgi_call")
        ):
            return None
        try:
            soap_body = envelope_of(request)
        except EnvelopeError:
            return None
        tree = soap_body.getroottree()
        if (tree.docinfo.encoding or "").upper() != "UTF-8":
            return None
        op = next((child for child in soap_body if isinstance(child.tag, str)), None)
        if op is None or next(op.iter(*_NOT_ELEMENTS), None) is not None:
            return None
        return tree.getroot(), op

    def _run(self, ctx: Any) -> HttpReply:
        """``handle_rpc`` from the method call on, for a call already deserialised."""
        server = self.server
        ctx.active = True
        server.get_out_object(ctx)
        if ctx.out_error:
            return self._fault(ctx, ctx.out_error)
        first = next(iter(ctx.out_object))
        if len(ctx.out_object) == 1 and isgenerator(first):
            ctx.out_object = (chain((next(first),), first),)
        if ctx.transport.resp_code is None:
            ctx.transport.resp_code = HTTP_200
        try:
            server.get_out_string(ctx)
        except Exception as exc:  # noqa: BLE001 - Spyne answers this with a fault
            _log.exception(exc)
            ctx.out_error = Fault("Server", get_fault_string_from_exception(exc))
            return self._fault(ctx, ctx.out_error)
        server.event_manager.fire_event("wsgi_return", ctx)
        return self._finish(ctx)

    def _fault(self, ctx: Any, error: Any) -> HttpReply:
        """``handle_error``: the fault Spyne writes for ``error``."""
        if ctx.transport.resp_code is None:
            ctx.transport.resp_code = ctx.out_protocol.fault_to_http_response_code(error)
        self.server.get_out_string(ctx)
        ctx.out_string = list(ctx.out_string)
        self.server.event_manager.fire_event("wsgi_exception", ctx)
        return self._finish(ctx)

    def _finish(self, ctx: Any) -> HttpReply:
        body = b"".join(ctx.out_string)
        status = int(str(ctx.transport.resp_code).split(" ", 1)[0])
        headers = tuple(
            (name.lower(), value)
            for name, value in _gen_http_headers(ctx.transport.resp_headers)
            if name.lower() != "content-length"
        )
        ctx.close()
        self.server.event_manager.fire_event("wsgi_close", ctx)
        _dismantle(ctx)
        return HttpReply(status, headers, body)


def _dismantle(ctx: Any) -> None:
    """Drop what a finished method context holds. Spyne's contexts point at each other (the
    context at its transport and protocol contexts, each of them back at it, the environ at
    the request): left as they are, every call leaves ~170 objects only the cyclic garbage
    collector frees, a pause of 30-100 ms every 50,000 of them under load; cleared, reference
    counting frees them at once."""
    for part in (ctx.transport, ctx.inprot_ctx, ctx.outprot_ctx, ctx.event, ctx):
        if part is not None and hasattr(part, "__dict__"):
            vars(part).clear()

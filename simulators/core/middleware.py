"""The ASGI shell in front of every channel: control plane, faults, edge rules, cache, journal.

Order of events for a channel request (``/__sim`` requests go to the control app untouched,
once the control guard lets them through; ``/__ns/<id>/...`` requests go to that namespace's
shell, ``namespaces.py``):

1. read the whole body, then ask the channel's contract which operation the request is for
   (``protocol.py``: an operationId, a SOAP operation, a Custom Store action), and read the
   credential;
2. ask the fault book whether a rule fires; its kind's effect waits, answers now, or drops
   the connection (``effects.py``);
3. the channel's gate (WAF, quota, authentication) may refuse with the channel's error;
4. a cached identical read is reused, otherwise the protocol app answers (in one call when
   it is a ``ReplyingApp``, else as ASGI, its messages captured);
5. an ``after`` effect damages the answer; the journal records it; only then is it sent.

The shell knows no protocol: the protocol app behind it is connexion, Spyne through WSGI or
plain XML handlers alike.
"""

from __future__ import annotations

import asyncio
import hashlib
import logging
from typing import TYPE_CHECKING

from simulators.core.control_app import ADMIN_PREFIX, NAMESPACE_PREFIX
from simulators.core.control_guard import refusal, send_problem
from simulators.core.effects import Answer, Cut, Damage, Drop, Effect, Wait
from simulators.core.errors import ChannelError
from simulators.core.faults import FaultRule
from simulators.core.protocol import (
    ASGIApp,
    Message,
    Operation,
    Receive,
    ReplyingApp,
    Scope,
    Send,
)
from simulators.core.request import HttpReply, RequestInfo

if TYPE_CHECKING:
    from simulators.core.context import SimContext
    from simulators.core.namespaces import NamespaceBook

_log = logging.getLogger("chansim")
_DEPLOYMENT = (
    "this deployment's control plane needs its control token (chansim serve --control-token, "
    "CHANSIM_CONTROL_TOKEN, or the one it printed)"
)
MAX_BODY = 8 * 1024 * 1024


class ConnectionDropped(Exception):
    """The shell closed the connection on purpose (``drop`` and ``truncate`` faults)."""


async def _read_body(receive: Receive) -> bytes:
    chunks: list[bytes] = []
    size = 0
    while True:
        message = await receive()
        if message["type"] != "http.request":
            break
        chunk = message.get("body", b"")
        size += len(chunk)
        if size > MAX_BODY:
            raise ChannelError(413, "payload-too-large", "Request body too large")
        chunks.append(chunk)
        if not message.get("more_body", False):
            break
    return b"".join(chunks)


def _transport(send: Send) -> object:
    """The TCP transport behind uvicorn's ``send`` (None on other servers)."""
    return getattr(getattr(send, "__self__", None), "transport", None)


async def _close_connection(send: Send) -> None:
    transport = _transport(send)
    if transport is None:
        raise ConnectionDropped("cannot drop the connection on this server")
    transport.close()  # type: ignore[attr-defined]
    # Let the protocol see the closed connection, so the server does not answer 500 for us.
    await asyncio.sleep(0)
    await asyncio.sleep(0)


def _encode_headers(reply: HttpReply, length: int) -> list[tuple[bytes, bytes]]:
    headers = [(k.encode("latin-1"), v.encode("latin-1")) for k, v in reply.headers]
    headers.append((b"content-length", str(length).encode("ascii")))
    return headers


class ChannelShell:
    """Wraps a channel's protocol app and its control app; see the module docstring.

    The default namespace's shell holds the process's ``book`` of namespaces; a namespace's
    shell holds none (namespaces do not nest) and is reached through the default one.
    """

    def __init__(
        self,
        ctx: SimContext,
        app: ASGIApp,
        control: ASGIApp,
        *,
        book: NamespaceBook | None = None,
    ) -> None:
        self.ctx = ctx
        self.app = app
        self.control = control
        self.book = book
        self._direct = app.reply if isinstance(app, ReplyingApp) else None

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        path: str = scope["path"]
        if path.startswith("/__"):  # the one check a default-namespace request pays
            if path.startswith(ADMIN_PREFIX):
                token = self.book.token if self.book is not None else None
                refused = refusal(scope, token, _DEPLOYMENT) if token else None
                if refused is not None:
                    await send_problem(send, *refused)
                    return
                await self.control(scope, receive, send)
                return
            if path.startswith(NAMESPACE_PREFIX) and self.book is not None:
                await self._namespaced(scope, receive, send, path)
                return
        await self.channel_request(scope, receive, send, path)

    async def _namespaced(self, scope: Scope, receive: Receive, send: Send, path: str) -> None:
        """A request for a namespace: its shell answers, with the prefix as ``root_path``
        (so links and WSDL addresses the channel writes keep it) and stripped from the
        path the contract, faults and journal see."""
        assert self.book is not None
        ns_id, _, rest = path[len(NAMESPACE_PREFIX) :].partition("/")
        inner = "/" + rest
        namespace = self.book.find(ns_id)
        shell = namespace.shells.get(self.ctx.name) if namespace is not None else None
        if namespace is None or shell is None:
            detail = (
                f"no namespace {ns_id!r} here: it was never created, was deleted, or expired "
                f"after {self.book.limits.idle_seconds:g} s without a request"
            )
            if inner.startswith(ADMIN_PREFIX):
                await send_problem(send, 404, detail)
            else:
                error = self.ctx.channel.error_for_status(404, detail)
                await _send_reply(send, self.ctx.channel.render_error(error), None)
            return
        scoped = dict(scope)
        scoped["root_path"] = scope.get("root_path", "") + namespace.prefix
        if inner.startswith(ADMIN_PREFIX):
            needs = f"namespace {ns_id}'s control plane needs its key"
            refused = refusal(scope, namespace.key, needs)
            if refused is not None:
                await send_problem(send, *refused)
                return
            await shell.control(scoped, receive, send)
            return
        await shell.channel_request(scoped, receive, send, inner)

    async def channel_request(self, scope: Scope, receive: Receive, send: Send, path: str) -> None:
        """A request for the channel's API at ``path`` (without any namespace prefix)."""
        ctx = self.ctx
        raw_headers = [(k.decode("latin-1"), v.decode("latin-1")) for k, v in scope["headers"]]
        request = RequestInfo(
            method=scope["method"],
            path=path,
            query=scope["query_string"].decode("latin-1"),
            headers=_header_map(raw_headers),
            raw_headers=raw_headers,
            body=b"",
            operation=None,
            client=(scope.get("client") or (None,))[0],
        )
        try:
            request.body = await _read_body(receive)
        except ChannelError as error:
            await self._finish(send, request, ctx.channel.render_error(error), None, None)
            return
        operation = ctx.contract.identify(request)
        request.operation = operation.name if operation else None
        try:
            await self._serve(scope, request, operation, send)
        except ConnectionDropped:
            raise
        except Exception:  # noqa: BLE001 - a crash still gets the channel's 500 shape
            _log.exception("%s: unexpected error on %s %s", ctx.name, request.method, request.path)
            crash = ctx.channel.render_error(ctx.channel.error_for_status(500))
            await self._finish(send, request, crash, None, None)

    async def _serve(
        self, scope: Scope, request: RequestInfo, operation: Operation | None, send: Send
    ) -> None:
        ctx = self.ctx
        request.credential = ctx.channel.credential_of(request)
        rule = ctx.faults.decide(request)
        effect = rule.kind.effect(rule.params, ctx) if rule is not None else None
        reply: HttpReply | None = None
        if isinstance(effect, Wait):
            await asyncio.sleep(effect.seconds)
        elif isinstance(effect, Answer):
            reply = effect.reply
        elif isinstance(effect, Drop):
            self._record(request, None, rule)
            await _close_connection(send)
            return
        if reply is None:
            error = ctx.channel.gate(ctx, request)
            if error is not None:
                reply = ctx.channel.render_error(error)
        if reply is None:
            reply = await self._answer(scope, request, operation)
        await self._finish(send, request, reply, rule, effect)

    async def _answer(
        self, scope: Scope, request: RequestInfo, operation: Operation | None
    ) -> HttpReply:
        """A cached identical read, or the protocol app's answer."""
        key = None
        version = self.ctx.version()
        if operation is not None and operation.read_only and self.ctx.channel.cacheable_reads:
            key = (
                scope.get("scheme"),  # X-Forwarded-Proto from a trusted proxy changes links
                request.method,
                request.path,
                request.query,
                request.credential,
                request.header("host"),
                tuple(request.header(h) for h in operation.vary),
                # a read-only POST (a SOAP fetch) is asked for in its body
                hashlib.blake2b(request.body, digest_size=16).digest() if request.body else b"",
            )
            cached = self.ctx.replies.get(key, version)
            if cached is not None:
                return cached
        reply = await self._call_app(scope, request)
        if key is not None and reply.status == 200 and self.ctx.version() == version:
            self.ctx.replies.put(key, version, reply)
        return reply

    async def _call_app(self, scope: Scope, request: RequestInfo) -> HttpReply:
        inner_scope = dict(scope)
        extensions = dict(scope.get("extensions") or {})
        extensions["chansim"] = {"principal": request.principal, "request": request}
        inner_scope["extensions"] = extensions
        replay = _replay(request.body)
        if self._direct is not None:
            direct = await self._direct(inner_scope, replay, request)
            if direct is not None:
                return direct
        status = 500
        headers: list[tuple[str, str]] = []
        chunks: list[bytes] = []

        async def capture(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
                headers.extend(
                    (k.decode("latin-1").lower(), v.decode("latin-1"))
                    for k, v in message.get("headers", [])
                    if k.lower() != b"content-length"
                )
            elif message["type"] == "http.response.body":
                chunks.append(message.get("body", b""))

        await self.app(inner_scope, replay, capture)
        return HttpReply(status, tuple(headers), b"".join(chunks))

    def _record(
        self, request: RequestInfo, reply: HttpReply | None, rule: FaultRule | None
    ) -> None:
        self.ctx.journal.record(
            at=self.ctx.now().isoformat(),
            operation=request.operation,
            method=request.method,
            path=request.path,
            query=request.query,
            headers=request.raw_headers,
            body=request.body,
            status=reply.status if reply else None,
            response_headers=reply.headers if reply else (),
            response_body=reply.body if reply else b"",
            fault=rule.id if rule else None,
            fault_kind=rule.kind.name if rule else None,
            notes=tuple(request.notes),
        )

    async def _finish(
        self,
        send: Send,
        request: RequestInfo,
        reply: HttpReply,
        rule: FaultRule | None,
        effect: Effect | None,
    ) -> None:
        """Damage the reply if an ``after`` effect fired, journal it, then send it."""
        if isinstance(effect, Damage):
            reply = effect.change(reply)
        self._record(request, reply, rule)
        await _send_reply(send, reply, effect)


async def _send_reply(send: Send, reply: HttpReply, effect: Effect | None) -> None:
    """Send a complete reply (half of it, then close, on a ``Cut``)."""
    body = reply.body
    await send(
        {
            "type": "http.response.start",
            "status": reply.status,
            "headers": _encode_headers(reply, len(body)),
        }
    )
    if isinstance(effect, Cut) and _transport(send) is not None:
        half = body[: len(body) // 2]
        await send({"type": "http.response.body", "body": half, "more_body": True})
        await _close_connection(send)
        return
    await send({"type": "http.response.body", "body": body})


def _replay(body: bytes) -> Receive:
    """The ``receive`` of a request whose body the shell has read: the body once, then
    nothing until the answer is sent (the client stays connected until then)."""
    delivered = False

    async def replay() -> Message:
        nonlocal delivered
        if not delivered:
            delivered = True
            return {"type": "http.request", "body": body, "more_body": False}
        await asyncio.Event().wait()
        return {"type": "http.disconnect"}

    return replay


def _header_map(raw_headers: list[tuple[str, str]]) -> dict[str, str]:
    """Headers by lower-case name; a repeated header's values joined with ", " (RFC 9110
    section 5.3), as a WSGI environ carries them, so none is silently dropped."""
    headers: dict[str, str] = {}
    for name, value in raw_headers:
        key = name.lower()
        headers[key] = f"{headers[key]}, {value}" if key in headers else value
    return headers

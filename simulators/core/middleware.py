"""The ASGI shell around a REST channel: faults, edge rules, cache and the journal.

Order of events for a channel request (``/__sim`` control requests go straight through):

1. read the whole body, find the spec operation, read the credential;
2. ask the fault book whether a rule fires (``delay`` waits, ``replace`` kinds answer now);
3. the channel's gate (WAF, quota, authentication) may refuse with the channel's error;
4. a cached identical read is reused, otherwise connexion validates and the handler answers;
5. ``after`` faults damage the answer; the journal records it; only then is it sent.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

from simulators.core.context import SimContext
from simulators.core.errors import ChannelError
from simulators.core.fault_kinds import Stage
from simulators.core.faults import FaultRule
from simulators.core.request import HttpReply, RequestInfo
from simulators.core.routing import RoutedOperation, SpecRouter

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

ADMIN_PREFIX = "/__sim"
_log = logging.getLogger("chansim")
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


def _transport(send: Send) -> Any:
    """The TCP transport behind uvicorn's ``send`` (None on other servers)."""
    return getattr(getattr(send, "__self__", None), "transport", None)


async def _close_connection(send: Send) -> None:
    transport = _transport(send)
    if transport is None:
        raise ConnectionDropped("cannot drop the connection on this server")
    transport.close()
    # Let the protocol see the closed connection, so the server does not answer 500 for us.
    await asyncio.sleep(0)
    await asyncio.sleep(0)


def _encode_headers(reply: HttpReply, length: int) -> list[tuple[bytes, bytes]]:
    headers = [(k.encode("latin-1"), v.encode("latin-1")) for k, v in reply.headers]
    headers.append((b"content-length", str(length).encode("ascii")))
    return headers


class ChannelShell:
    """Wraps a connexion app for one channel; see the module docstring for the order."""

    def __init__(self, ctx: SimContext, inner: ASGIApp, router: SpecRouter) -> None:
        self.ctx = ctx
        self.inner = inner
        self.router = router

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["path"].startswith(ADMIN_PREFIX):
            await self.inner(scope, receive, send)
            return
        ctx = self.ctx
        raw_headers = [(k.decode("latin-1"), v.decode("latin-1")) for k, v in scope["headers"]]
        routed = self.router.match(scope["method"], scope["path"])
        request = RequestInfo(
            method=scope["method"],
            path=scope["path"],
            query=scope["query_string"].decode("latin-1"),
            headers={k.lower(): v for k, v in raw_headers},
            raw_headers=raw_headers,
            body=b"",
            operation=routed.operation_id if routed else None,
        )
        try:
            request.body = await _read_body(receive)
        except ChannelError as error:
            await self._finish(send, request, ctx.channel.render_error(error), None)
            return
        try:
            await self._serve(scope, request, routed, send)
        except ConnectionDropped:
            raise
        except Exception:  # noqa: BLE001 - a crash still gets the channel's 500 shape
            _log.exception("%s: unexpected error on %s %s", ctx.name, request.method, request.path)
            crash = ctx.channel.render_error(ctx.channel.error_for_status(500))
            await self._finish(send, request, crash, None)

    async def _serve(
        self, scope: Scope, request: RequestInfo, routed: RoutedOperation | None, send: Send
    ) -> None:
        ctx = self.ctx
        request.credential = ctx.channel.credential_of(request)
        rule = ctx.faults.decide(request)
        reply = await self._before(rule, request, send)
        if reply is _DROPPED:
            return
        if reply is None:
            error = ctx.channel.gate(ctx, request)
            if error is not None:
                reply = ctx.channel.render_error(error)
        if reply is None:
            reply = await self._answer(scope, request, routed)
        await self._finish(send, request, reply, rule)

    async def _before(
        self, rule: FaultRule | None, request: RequestInfo, send: Send
    ) -> HttpReply | None:
        """Apply a ``before`` or ``replace`` fault; returns the reply when one replaces all."""
        if rule is None or rule.kind.stage is Stage.AFTER:
            return None
        channel, params = self.ctx.channel, rule.params
        kind = rule.kind.name
        if kind == "delay":
            await asyncio.sleep(float(params["delay_ms"]) / 1000)
            return None
        if kind == "drop":
            self._record(request, None, rule)
            await _close_connection(send)
            return _DROPPED
        if kind == "empty":
            return HttpReply(200, (), b"")
        if kind == "rate_limit":
            error = channel.rate_limit_error(int(params.get("retry_after", 10)))
        elif kind == "expired_token":
            error = channel.expired_token_error()
        else:
            error = channel.error_for_status(int(params["status"]), params.get("message"))
            if "code" in params:
                error.code = str(params["code"])
            error.headers.update({str(k): str(v) for k, v in params.get("headers", {}).items()})
        if "message" in params:
            error.message = str(params["message"])
        return channel.render_error(error)

    async def _answer(
        self, scope: Scope, request: RequestInfo, routed: RoutedOperation | None
    ) -> HttpReply:
        """A cached identical read, or connexion's answer."""
        key = None
        version = self.ctx.version()
        if routed is not None and request.method == "GET" and self.ctx.channel.cacheable_reads:
            key = (
                scope.get("scheme"),  # X-Forwarded-Proto from a trusted proxy changes links
                request.path,
                request.query,
                request.credential,
                request.header("host"),
                tuple(request.header(h) for h in routed.header_params),
            )
            cached = self.ctx.replies.get(key, version)
            if cached is not None:
                return cached
        reply = await self._call_inner(scope, request)
        if key is not None and reply.status == 200 and self.ctx.version() == version:
            self.ctx.replies.put(key, version, reply)
        return reply

    async def _call_inner(self, scope: Scope, request: RequestInfo) -> HttpReply:
        inner_scope = dict(scope)
        extensions = dict(scope.get("extensions") or {})
        extensions["chansim"] = {"principal": request.principal}
        inner_scope["extensions"] = extensions
        delivered = False
        never = asyncio.Event()

        async def replay() -> Message:
            nonlocal delivered
            if not delivered:
                delivered = True
                return {"type": "http.request", "body": request.body, "more_body": False}
            await never.wait()  # the client stays connected until we answer
            return {"type": "http.disconnect"}

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

        await self.inner(inner_scope, replay, capture)
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
        self, send: Send, request: RequestInfo, reply: HttpReply, rule: FaultRule | None
    ) -> None:
        """Damage the reply if an ``after`` fault fired, journal it, then send it."""
        kind = rule.kind.name if rule and rule.kind.stage is Stage.AFTER else None
        if kind == "malformed":
            reply = reply.with_body(self.ctx.channel.malform(reply.body))
        self._record(request, reply, rule)
        body = reply.body
        await send(
            {
                "type": "http.response.start",
                "status": reply.status,
                "headers": _encode_headers(reply, len(body)),
            }
        )
        if kind == "truncate" and _transport(send) is not None:
            await send(
                {"type": "http.response.body", "body": body[: len(body) // 2], "more_body": True}
            )
            await _close_connection(send)
            return
        await send({"type": "http.response.body", "body": body})


_DROPPED = HttpReply(0, (), b"")

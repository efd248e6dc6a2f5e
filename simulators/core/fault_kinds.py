"""The vocabulary of fault kinds a rule can inject: each kind is one object, with its
parameters, its documentation (the class docstring, which scenario authors read in the
generated docs) and its effect.

A kind says *what happens* to a request that a fault rule picked (``faults.py`` says *which*
requests). It returns an :mod:`effect <simulators.core.effects>` that the shell carries out;
an effect that answers asks the channel for the body, so a Back Market fault looks like a Back
Market error and a SOAP channel's like a SOAP fault. A new kind is one class here, added to
:data:`FAULT_KINDS`.
"""

from __future__ import annotations

import inspect
from abc import ABC, abstractmethod
from collections.abc import Mapping
from enum import Enum
from http import HTTPStatus
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, ClassVar

from simulators.core.effects import Answer, Cut, Damage, Drop, Effect, Wait
from simulators.core.errors import ChannelError
from simulators.core.request import HttpReply

if TYPE_CHECKING:
    from simulators.core.channel import SimServices


class Stage(Enum):
    """When a kind acts on the request."""

    #: Answers instead of the channel (the channel's code never runs).
    REPLACE = "replace"
    #: Waits, then lets the channel answer.
    BEFORE = "before"
    #: Lets the channel answer, then damages the answer on the way out.
    AFTER = "after"


class FaultKindError(ValueError):
    """A parameter a kind cannot use; the message names it."""


class FaultKind(ABC):
    """A named effect: its stage, the parameters it takes, its documentation."""

    name: ClassVar[str]
    stage: ClassVar[Stage]
    required: ClassVar[tuple[str, ...]] = ()
    optional: ClassVar[tuple[str, ...]] = ()

    @property
    def doc(self) -> str:
        """The class docstring: what the kind does, for scenario authors."""
        return inspect.cleandoc(type(self).__doc__ or "")

    def check(self, params: Mapping[str, Any]) -> None:  # noqa: B027 - most kinds need none
        """Refuse parameters the effect could not use (FaultKindError naming the field)."""

    @abstractmethod
    def effect(self, params: Mapping[str, Any], ctx: SimServices) -> Effect:
        """What happens to the request."""


def _number(params: Mapping[str, Any], key: str, low: float, high: float) -> None:
    value = params.get(key)
    if value is not None and (
        isinstance(value, bool) or not isinstance(value, int | float) or not low <= value <= high
    ):
        raise FaultKindError(f"fault rule field '{key}' must be a number from {low:g} to {high:g}")


def _text(params: Mapping[str, Any], *keys: str) -> None:
    for key in keys:
        if key in params and not isinstance(params[key], str):
            raise FaultKindError(f"fault rule field '{key}' must be a string")


def _status(params: Mapping[str, Any], low: int = 400) -> None:
    """Refuse a ``status`` that is not an HTTP error status."""
    status = params.get("status")
    if status is not None and (
        isinstance(status, bool) or not isinstance(status, int) or not low <= status <= 599
    ):
        raise FaultKindError(f"fault rule field 'status' must be an HTTP error status {low}-599")


def _answer(error: ChannelError, params: Mapping[str, Any], ctx: SimServices) -> Answer:
    if "message" in params:
        error.message = str(params["message"])
    return Answer(ctx.channel.render_error(error))


class Status(FaultKind):
    """Answer with HTTP ``status`` and the channel's own error body for it.

    ``code`` and ``message`` override what goes in the body; ``headers`` adds response headers.
    Example: ``{operation: get-ws-list-order, status: 503, times: 1}``.
    """

    name = "status"
    stage = Stage.REPLACE
    required = ("status",)
    optional = ("code", "message", "headers")

    def check(self, params: Mapping[str, Any]) -> None:
        _status(params)
        _text(params, "code", "message")
        headers = params.get("headers")
        if headers is not None and not (
            isinstance(headers, Mapping)
            and all(isinstance(k, str) and isinstance(v, str | int) for k, v in headers.items())
        ):
            raise FaultKindError("fault rule field 'headers' must map header names to values")

    def effect(self, params: Mapping[str, Any], ctx: SimServices) -> Effect:
        error = ctx.channel.error_for_status(int(params["status"]), params.get("message"))
        if "code" in params:
            error.code = str(params["code"])
        error.headers.update({str(k): str(v) for k, v in params.get("headers", {}).items()})
        return _answer(error, params, ctx)


class RateLimit(FaultKind):
    """Answer 429 Too Many Requests with ``Retry-After: <retry_after>`` (seconds, default 10).

    The body is the channel's rate-limit error. Example: ``{kind: rate_limit, retry_after: 30}``.
    """

    name = "rate_limit"
    stage = Stage.REPLACE
    optional = ("retry_after", "message")

    def check(self, params: Mapping[str, Any]) -> None:
        _number(params, "retry_after", 0, 86_400)
        _text(params, "message")

    def effect(self, params: Mapping[str, Any], ctx: SimServices) -> Effect:
        error = ctx.channel.rate_limit_error(int(params.get("retry_after", 10)))
        return _answer(error, params, ctx)


class ExpiredToken(FaultKind):
    """Answer exactly as the channel does for an expired credential, whatever was sent.

    Example: ``{kind: expired_token, nth: 3}`` — the third call finds its token expired.
    """

    name = "expired_token"
    stage = Stage.REPLACE
    optional = ("message",)

    def check(self, params: Mapping[str, Any]) -> None:
        _text(params, "message")

    def effect(self, params: Mapping[str, Any], ctx: SimServices) -> Effect:
        return _answer(ctx.channel.expired_token_error(), params, ctx)


class SoapFault(FaultKind):
    """Answer with a SOAP 1.1 fault in the channel's own fault envelope (SOAP channels).

    ``faultcode`` (default ``Server``; ``Client.…`` for a refusal the client caused, which a
    well-behaved client does not retry) and ``message`` (the ``faultstring``); ``status``
    (default 500, as SOAP 1.1 requires). Example:
    ``{operation: postShipments, kind: soap_fault, faultcode: Server.Unavailable, times: 1}``.
    """

    name = "soap_fault"
    stage = Stage.REPLACE
    optional = ("faultcode", "message", "status")

    def check(self, params: Mapping[str, Any]) -> None:
        _text(params, "faultcode", "message")
        code = str(params.get("faultcode", "Server"))
        if code.split(".")[0] not in ("Client", "Server") or not code.replace(".", "").isalnum():
            raise FaultKindError(
                "fault rule field 'faultcode' must be Client or Server, optionally followed by "
                "dotted words (Server.Unavailable)"
            )
        status = params.get("status", 500)
        if isinstance(status, bool) or not isinstance(status, int) or not 400 <= status <= 599:
            raise FaultKindError("fault rule field 'status' must be an HTTP error status 400-599")

    def effect(self, params: Mapping[str, Any], ctx: SimServices) -> Effect:
        code = str(params.get("faultcode", "Server"))
        message = str(params.get("message", "Injected SOAP fault"))
        error = ChannelError(int(params.get("status", 500)), code, message)
        return Answer(ctx.channel.render_error(error))


class Delay(FaultKind):
    """Wait ``delay_ms`` milliseconds of real time, then answer normally (client timeouts)."""

    name = "delay"
    stage = Stage.BEFORE
    required = ("delay_ms",)

    def check(self, params: Mapping[str, Any]) -> None:
        _number(params, "delay_ms", 0, 60_000)

    def effect(self, params: Mapping[str, Any], ctx: SimServices) -> Effect:
        return Wait(float(params["delay_ms"]) / 1000)


class DropConnection(FaultKind):
    """Close the connection without sending a byte (the client sees a connection error)."""

    name = "drop"
    stage = Stage.REPLACE

    def effect(self, params: Mapping[str, Any], ctx: SimServices) -> Effect:
        return Drop()


class Empty(FaultKind):
    """Answer 200 with an empty body (e.g. ShipStation's "Root element is missing")."""

    name = "empty"
    stage = Stage.REPLACE

    def effect(self, params: Mapping[str, Any], ctx: SimServices) -> Effect:
        return Answer(HttpReply(200, (), b""))


class EmptyError(FaultKind):
    """Answer HTTP ``status`` with an empty body and no content type, as many APIs document
    their refusals (a bare 400, 403, 404); the channel's code never runs.

    Example: ``{kind: empty_error, status: 400, times: 1}`` (with an ``operation`` or ``path``).
    """

    name = "empty_error"
    stage = Stage.REPLACE
    required = ("status",)

    def check(self, params: Mapping[str, Any]) -> None:
        _status(params)

    def effect(self, params: Mapping[str, Any], ctx: SimServices) -> Effect:
        return Answer(HttpReply(int(params["status"]), (), b""))


class TextError(FaultKind):
    """Answer HTTP ``status`` with a ``text/plain`` body: ``text``, or the status line's
    words (``400 Bad Request``), as a proxy or a framework's default error page writes it.

    Example: ``{kind: text_error, status: 502, text: "upstream timed out"}``.
    """

    name = "text_error"
    stage = Stage.REPLACE
    required = ("status",)
    optional = ("text",)

    def check(self, params: Mapping[str, Any]) -> None:
        _status(params)
        _text(params, "text")

    def effect(self, params: Mapping[str, Any], ctx: SimServices) -> Effect:
        status = int(params["status"])
        text = params.get("text", f"{status} {_phrase(status)}")
        return Answer(HttpReply.of(status, text.encode(), "text/plain; charset=utf-8"))


class WafBlock(FaultKind):
    """Answer as a web application firewall in front of the API blocks a client: HTTP
    ``status`` (default 403) with an HTML "you have been blocked" page, ``server:
    cloudflare`` and a ``cf-ray`` header naming the event (``ray``, else drawn from the
    journal's sequence), as Cloudflare does before the channel ever sees the request.

    Example: ``{kind: waf_block, times: 1}`` — the first call the rule watches is blocked.
    """

    name = "waf_block"
    stage = Stage.REPLACE
    optional = ("status", "ray")

    def check(self, params: Mapping[str, Any]) -> None:
        _status(params)
        _text(params, "ray")

    def effect(self, params: Mapping[str, Any], ctx: SimServices) -> Effect:
        status = int(params.get("status", 403))
        ray = str(params.get("ray") or f"{ctx.journal.last_seq + 1:016x}-CDG")
        page = _BLOCK_PAGE.format(status=status, ray=ray).encode()
        headers = {"server": "cloudflare", "cf-ray": ray, "cache-control": "max-age=15"}
        return Answer(HttpReply.of(status, page, "text/html; charset=UTF-8", headers))


#: The block page of :class:`WafBlock` (written for chansim; the shape of such pages).
_BLOCK_PAGE = """<!DOCTYPE html>
<html lang="en-US"><head><meta charset="UTF-8"><title>Attention Required!</title></head>
<body><h1>Sorry, you have been blocked</h1>
<p>This website is using a security service to protect itself from online attacks.</p>
<p>HTTP {status}. Ray ID: <strong>{ray}</strong></p></body></html>
"""


def _phrase(status: int) -> str:
    try:
        return HTTPStatus(status).phrase
    except ValueError:
        return "Error"


class Malformed(FaultKind):
    """Let the channel answer, then send a syntactically broken body with the same status."""

    name = "malformed"
    stage = Stage.AFTER

    def effect(self, params: Mapping[str, Any], ctx: SimServices) -> Effect:
        malform = ctx.protocol.malform
        return Damage(lambda reply: reply.with_body(malform(reply.body)))


class Truncate(FaultKind):
    """Let the channel answer, then close the connection half-way through the body."""

    name = "truncate"
    stage = Stage.AFTER

    def effect(self, params: Mapping[str, Any], ctx: SimServices) -> Effect:
        return Cut()


#: Every kind by name, in the order they are documented.
FAULT_KINDS: Mapping[str, FaultKind] = MappingProxyType(
    {
        kind.name: kind
        for kind in (
            Status(),
            RateLimit(),
            ExpiredToken(),
            SoapFault(),
            Delay(),
            DropConnection(),
            Empty(),
            EmptyError(),
            TextError(),
            WafBlock(),
            Malformed(),
            Truncate(),
        )
    }
)

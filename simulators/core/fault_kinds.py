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
        status = params["status"]
        if isinstance(status, bool) or not isinstance(status, int) or not 400 <= status <= 599:
            raise FaultKindError("fault rule field 'status' must be an HTTP error status 400-599")
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
            Malformed(),
            Truncate(),
        )
    }
)

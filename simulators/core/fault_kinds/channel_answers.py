"""Fault kinds that answer with the channel's own error: a status, a rate limit, an expired
credential, a SOAP fault. The channel renders them, so each looks like the real channel's."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from simulators.core.effects import Answer, Effect
from simulators.core.errors import ChannelError
from simulators.core.fault_kinds.kind import (
    FaultKind,
    FaultKindError,
    Stage,
    channel_answer,
    check_number,
    check_status,
    check_text,
)

if TYPE_CHECKING:
    from simulators.core.channel import SimServices


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
        check_status(params)
        check_text(params, "code", "message")
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
        return channel_answer(error, params, ctx)


class RateLimit(FaultKind):
    """Answer 429 Too Many Requests with ``Retry-After: <retry_after>`` (seconds, default 10).

    The body is the channel's rate-limit error. Example: ``{kind: rate_limit, retry_after: 30}``.
    """

    name = "rate_limit"
    stage = Stage.REPLACE
    optional = ("retry_after", "message")

    def check(self, params: Mapping[str, Any]) -> None:
        check_number(params, "retry_after", 0, 86_400)
        check_text(params, "message")

    def effect(self, params: Mapping[str, Any], ctx: SimServices) -> Effect:
        error = ctx.channel.rate_limit_error(int(params.get("retry_after", 10)))
        return channel_answer(error, params, ctx)


class ExpiredToken(FaultKind):
    """Answer exactly as the channel does for an expired credential, whatever was sent.

    Example: ``{kind: expired_token, nth: 3}`` — the third call finds its token expired.
    """

    name = "expired_token"
    stage = Stage.REPLACE
    optional = ("message",)

    def check(self, params: Mapping[str, Any]) -> None:
        check_text(params, "message")

    def effect(self, params: Mapping[str, Any], ctx: SimServices) -> Effect:
        return channel_answer(ctx.channel.expired_token_error(), params, ctx)


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
        check_text(params, "faultcode", "message")
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
